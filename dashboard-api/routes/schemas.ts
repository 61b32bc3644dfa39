/**
 * The API's TypeBox schemas: one definition validates requests, types the handlers and feeds the
 * OpenAPI document. Query schemas reject unknown parameters so a typo is a 400, not a silent default.
 */
import { Type } from 'typebox';

/** Canonical skill ids: lower case, digits and the few symbols real ids use (c++, c#, node.js, .net). */
export const SkillId = Type.String({ pattern: '^[a-z0-9.+#][a-z0-9.+#-]{0,63}$', description: 'canonical skill id, e.g. python, c++, node.js' });
/** Lower-case country code, `uk`, `remote` or `unknown`. */
export const RegionId = Type.String({ pattern: '^[a-z][a-z0-9-]{1,31}$', description: 'lower-case country code (uk for the United Kingdom), remote or unknown' });
export const Hours = Type.Integer({ minimum: 1, maximum: 168, default: 24, description: 'length of the period in hours, ending with the current hour' });
export const At = Type.String({ format: 'date-time', description: 'the "now" of the query as an ISO 8601 timestamp; default the server clock' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD (UTC)' });

export const ErrorReply = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  parameter: Type.Optional(Type.String()),
});

export const TopQuery = Type.Object(
  {
    hours: Hours,
    region: Type.Optional(RegionId),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 5, description: 'number of skills' }),
    at: Type.Optional(At),
  },
  { additionalProperties: false },
);

export const TopReply = Type.Object({
  region: Type.String({ description: 'the region asked for, or all' }),
  hours: Type.Array(Type.String(), { description: 'hour labels YYYY-MM-DD-HH (UTC), oldest first' }),
  hourStartsMs: Type.Array(Type.Number()),
  skills: Type.Array(
    Type.Object({ skill: Type.String(), total: Type.Integer(), series: Type.Array(Type.Integer(), { description: 'count per hour, aligned with hours' }) }),
  ),
});

export const HeatmapQuery = Type.Object({ skill: SkillId, hours: Hours, at: Type.Optional(At) }, { additionalProperties: false });

export const HeatmapReply = Type.Object({
  skill: Type.String(),
  hours: Type.Array(Type.String()),
  total: Type.Integer(),
  regions: Type.Array(Type.Object({ region: Type.String(), count: Type.Integer() }), { description: 'every known region, highest count first' }),
});

export const HistoryQuery = Type.Object(
  { skill: SkillId, from: IsoDate, to: IsoDate, region: Type.Optional(RegionId) },
  { additionalProperties: false },
);

export const HistoryReply = Type.Object({
  skill: Type.String(),
  region: Type.String(),
  from: Type.String(),
  to: Type.String(),
  days: Type.Array(Type.Object({ date: Type.String(), count: Type.Integer() })),
});

export const CatalogReply = Type.Object({ skills: Type.Array(Type.String()), regions: Type.Array(Type.String()) });

const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Totals = Type.Object({ eventsIn: Type.Integer(), enriched: Type.Integer(), dlq: Type.Integer(), duplicates: Type.Integer(), late: Type.Integer() });

export const HealthReply = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('down')]),
  reasons: Type.Array(Type.String(), { description: 'why the status is not ok' }),
  checkedAtMs: Type.Number(),
  kafka: Type.Object({ reachable: Type.Boolean(), consumerLag: NullableNumber, error: Type.Optional(Type.String()) }),
  redis: Type.Object({ reachable: Type.Boolean(), error: Type.Optional(Type.String()) }),
  pipeline: Type.Object({
    processorsAlive: Type.Integer(),
    eventsPerSecond: NullableNumber,
    consumerLag: NullableNumber,
    watermarkMs: NullableNumber,
    watermarkLagMs: NullableNumber,
    totals: Totals,
  }),
  processors: Type.Array(
    Type.Object({
      id: Type.String(),
      alive: Type.Boolean(),
      heartbeatAgeMs: NullableNumber,
      eventsPerSecond: NullableNumber,
      watermarkMs: NullableNumber,
      consumerLag: NullableNumber,
      assigned: Type.Array(Type.Integer()),
      partitions: Type.Array(
        Type.Object({ partition: Type.Integer(), lastOffset: Type.Number(), watermarkMs: NullableNumber, consumerLag: Type.Number(), idle: Type.Boolean() }),
      ),
      totals: Type.Union([Totals, Type.Null()]),
      version: Type.Union([Type.String(), Type.Null()]),
      taxonomyVersion: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
