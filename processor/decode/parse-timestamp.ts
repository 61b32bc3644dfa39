/**
 * Reads the many forms a posting's timestamp arrives in. RFC 3339 with a zone is the contract;
 * epoch seconds or milliseconds (number or digits), RFC 2822 and ISO without a zone (taken as UTC)
 * are repaired. Anything else, or a time outside 1990–2100, is unreadable.
 */
const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);
const RFC3339_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ISO_WITHOUT_ZONE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)$/;
const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(:\d{2})? ([+-]\d{4}|GMT|UT|UTC|Z)$/;

export type ParsedTimestamp = { ok: true; epochMs: number; repaired: boolean } | { ok: false };

function inRange(epochMs: number): ParsedTimestamp {
  return Number.isFinite(epochMs) && epochMs >= MIN_MS && epochMs < MAX_MS
    ? { ok: true, epochMs, repaired: true }
    : { ok: false };
}

function fromEpoch(value: number): ParsedTimestamp {
  // Below 1e11 it can only be seconds (1e11 ms is 1973); above, milliseconds.
  return inRange(Math.abs(value) < 1e11 ? value * 1000 : value);
}

export function parseTimestamp(value: unknown): ParsedTimestamp {
  if (typeof value === 'number') return Number.isFinite(value) ? fromEpoch(value) : { ok: false };
  if (typeof value !== 'string') return { ok: false };
  const text = value.trim();
  if (RFC3339_WITH_ZONE.test(text)) {
    const parsed = inRange(Date.parse(text));
    return parsed.ok ? { ...parsed, repaired: text !== value } : parsed;
  }
  if (/^\d{9,13}(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
  const noZone = ISO_WITHOUT_ZONE.exec(text);
  if (noZone !== null) return inRange(Date.parse(`${noZone[1]}T${noZone[2]}Z`));
  if (RFC2822.test(text)) return inRange(Date.parse(text));
  return { ok: false };
}
