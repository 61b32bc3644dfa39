/**
 * The `job.postings.v1` event contract, shared by the generator (which produces it) and the
 * processor (which validates it). One TypeBox schema drives the TypeScript type and the runtime
 * validator. A change to this schema that is not backwards compatible makes a new topic version.
 */
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';

export const EVENT_TOPIC = 'job.postings.v1';
export const DLQ_TOPIC = `${EVENT_TOPIC}.dlq`;

/** Descriptions above this many characters are refused (about 1 MB of text). */
export const MAX_DESCRIPTION_CHARS = 1_000_000;

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
// RFC 3339 date-time with an explicit zone (Z or ±hh:mm), fractional seconds optional.
const RFC3339_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$';

export const JobPostingPayloadSchema = Type.Object({
  job_id: Type.String({ minLength: 1, maxLength: 128 }),
  title: Type.String({ minLength: 1, maxLength: 512 }),
  company: Type.String({ minLength: 1, maxLength: 256 }),
  /** Free text as the posting gave it; null or empty means "not stated". */
  location: Type.Union([Type.String({ maxLength: 512 }), Type.Null()]),
  description: Type.String({ maxLength: MAX_DESCRIPTION_CHARS }),
  /** Optional: when absent the processor infers it from the location text. */
  is_remote: Type.Optional(Type.Boolean()),
});

export const JobPostingEventSchema = Type.Object({
  event_id: Type.String({ pattern: UUID_PATTERN }),
  timestamp: Type.String({ pattern: RFC3339_PATTERN }),
  source: Type.String({ minLength: 1, maxLength: 64 }),
  payload: JobPostingPayloadSchema,
});

export type JobPostingPayload = Static<typeof JobPostingPayloadSchema>;
export type JobPostingEvent = Static<typeof JobPostingEventSchema>;

export interface ContractIssue {
  /** Dotted path of the offending field, e.g. `payload.title`; `(event)` for the whole object. */
  field: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; event: JobPostingEvent }
  | { ok: false; issues: ContractIssue[] };

const compiledEventSchema = Compile(JobPostingEventSchema);

// The schema's own wording for a failed pattern repeats the regular expression; say what is meant.
const PATTERN_MEANINGS: Record<string, string> = {
  event_id: 'must be a UUID (8-4-4-4-12 hex digits)',
  timestamp: 'must be an RFC 3339 date-time with a zone, e.g. 2024-03-15T10:30:00Z',
};

function toFieldPath(instancePath: string, missingProperty?: string): string {
  const parts = instancePath.split('/').filter((part) => part.length > 0);
  if (missingProperty !== undefined) parts.push(missingProperty);
  return parts.length === 0 ? '(event)' : parts.join('.');
}

/** The number written by `count` ASCII digits at `from`, or NaN. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The pattern admits 2024-02-30 or 25:61; a real date and time has fields in range (read as
 * digits: this runs for every event, so no regex or Date objects) and a zone Date.parse accepts.
 */
function isRealDateTime(timestamp: string): boolean {
  if (!Number.isFinite(Date.parse(timestamp))) return false;
  const year = digitsAt(timestamp, 0, 4);
  const month = digitsAt(timestamp, 5, 2);
  const day = digitsAt(timestamp, 8, 2);
  const hour = digitsAt(timestamp, 11, 2);
  const minute = digitsAt(timestamp, 14, 2);
  const second = digitsAt(timestamp, 17, 2);
  // NaN fails every comparison below.
  if (!(month >= 1 && month <= 12 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59)) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

/** Checks a decoded JSON value against the contract, naming every offending field. */
export function validateEvent(value: unknown): ValidationResult {
  if (compiledEventSchema.Check(value)) {
    if (isRealDateTime(value.timestamp)) return { ok: true, event: value };
    return { ok: false, issues: [{ field: 'timestamp', message: 'is not a real date and time (e.g. February 30th or hour 25)' }] };
  }
  // One issue per field: a union (string or null) fails once per member, keep the words together.
  const messagesByField = new Map<string, Set<string>>();
  for (const error of compiledEventSchema.Errors(value)) {
    const params = error.params as { requiredProperties?: string[] };
    const missing = error.keyword === 'required' ? params.requiredProperties ?? [] : [undefined];
    for (const property of missing) {
      const field = toFieldPath(error.instancePath, property);
      if (error.keyword === 'anyOf') continue;
      const message =
        property !== undefined
          ? 'is required'
          : error.keyword === 'pattern'
            ? PATTERN_MEANINGS[field] ?? error.message
            : error.message;
      const messages = messagesByField.get(field) ?? new Set<string>();
      messages.add(message);
      messagesByField.set(field, messages);
    }
  }
  const issues = [...messagesByField].map(([field, messages]) => ({ field, message: [...messages].join(' or ') }));
  return { ok: false, issues };
}

/** A one-line summary of validation issues, e.g. `payload.title: is required; timestamp: …`. */
export function describeIssues(issues: readonly ContractIssue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}
