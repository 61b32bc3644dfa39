/**
 * Why a record went to the DLQ. A closed list: each code is a header on the DLQ record, a label of
 * the `pulse_dlq_events_total` metric, and a row in docs/processor-rules.md.
 */
export const DLQ_REASONS = {
  EMPTY_RECORD: 'the record has no value (tombstone or empty bytes)',
  OVERSIZED: 'the record is larger than the processor accepts',
  NOT_UTF8: 'the bytes are not valid UTF-8',
  NOT_JSON: 'the value is not JSON',
  NOT_OBJECT: 'the JSON value is not an object',
  MISSING_FIELD: 'a required field is missing',
  WRONG_TYPE: 'a field has a type that cannot be safely converted',
  INVALID_EVENT_ID: 'event_id is not a UUID',
  BAD_TIMESTAMP: 'timestamp cannot be read as a date and time',
  FUTURE_TIMESTAMP: 'timestamp is further ahead of the record time than the allowed clock skew',
  CONTRACT_VIOLATION: 'the repaired event still breaks the contract',
} as const;

export type DlqReason = keyof typeof DLQ_REASONS;

/** What was repaired on the way in; recorded in metrics, and the row's `repaired` flag is set. */
export const REPAIRS = {
  TIMESTAMP_FORMAT: 'timestamp in another format (epoch seconds or ms, RFC 2822, no zone) rewritten as RFC 3339 UTC',
  TRIMMED: 'leading or trailing white space removed from a text field',
  HTML_STRIPPED: 'HTML tags and entities in the title or description turned into plain text',
  UNICODE_REPAIRED: 'lone UTF-16 surrogates (escaped in the JSON, invalid Unicode) replaced with U+FFFD',
  IS_REMOTE_INFERRED: 'is_remote missing, inferred from the location text',
  IS_REMOTE_COERCED: 'is_remote given as "true"/"false"/0/1, converted to a boolean',
  JOB_ID_COERCED: 'job_id given as a whole number, converted to a string',
  LOCATION_DEFAULTED: 'location missing or empty, set to null (region unknown)',
  SOURCE_DEFAULTED: 'source missing or empty, set to "unknown"',
} as const;

export type Repair = keyof typeof REPAIRS;
