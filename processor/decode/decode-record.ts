/**
 * Decode and validate one Kafka record of `job.postings.v1`: bytes → a contract-valid event with
 * its event time, repairing what is safely repairable, or a DLQ reason. Never throws on input.
 * The rules are listed in docs/processor-rules.md.
 */
import { type JobPostingEvent, MAX_DESCRIPTION_CHARS, validateEvent, describeIssues } from '../../core/contract.ts';
import type { DlqReason, Repair } from './dlq-reasons.ts';
import { parseTimestamp } from './parse-timestamp.ts';
import { looksLikeHtml, stripHtml } from './strip-html.ts';
import { wellFormedText } from './well-formed-text.ts';

export interface DecodeOptions {
  /** Records larger than this many bytes go to the DLQ unread; default 4 MiB. */
  maxRecordBytes: number;
  /** Event time may lead the record's Kafka timestamp by at most this much; default 5 min. */
  maxFutureSkewMs: number;
}

export const DEFAULT_DECODE_OPTIONS: DecodeOptions = { maxRecordBytes: 4 * 1024 * 1024, maxFutureSkewMs: 5 * 60_000 };

export interface DecodedEvent {
  event: JobPostingEvent;
  eventTimeMs: number;
  repairs: Repair[];
  /** The description is exactly the string JSON.parse read for payload.description (nothing repaired). */
  descriptionVerbatim: boolean;
}

export type DecodeResult = { ok: true; value: DecodedEvent } | { ok: false; reason: DlqReason; message: string };

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
// Valid UTF-8 holds no surrogates, so JSON text can only carry a lone one as a `\u` escape.
const UNICODE_ESCAPE = Buffer.from('\\u');

class Rejection {
  constructor(
    readonly reason: DlqReason,
    readonly message: string,
  ) {}
}

function reject(reason: DlqReason, message: string): never {
  throw new Rejection(reason, message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What decodeObject needs to know about the record beyond its JSON value. */
interface RecordContext {
  recordTimestampMs: number;
  /** The bytes hold a `\u` escape, so a string may hold a lone surrogate. */
  mayHoldLoneSurrogates: boolean;
}

function repairedText(raw: string, context: RecordContext, repairs: Set<Repair>): string {
  return context.mayHoldLoneSurrogates ? wellFormedText(raw, () => repairs.add('UNICODE_REPAIRED')) : raw;
}

function requiredText(container: Record<string, unknown>, field: string, path: string, context: RecordContext, repairs: Set<Repair>, html: boolean): string {
  const raw = container[field];
  if (raw === undefined || raw === null) reject('MISSING_FIELD', `${path} is missing`);
  if (typeof raw !== 'string') reject('WRONG_TYPE', `${path} must be a string, got ${typeof raw}`);
  let text = repairedText(raw, context, repairs);
  if (html && looksLikeHtml(text)) {
    text = stripHtml(text);
    repairs.add('HTML_STRIPPED');
  }
  const trimmed = text.trim();
  if (trimmed.length !== text.length) repairs.add('TRIMMED');
  if (trimmed.length === 0) reject('MISSING_FIELD', `${path} is empty`);
  return trimmed;
}

function decodeObject(root: Record<string, unknown>, context: RecordContext, options: DecodeOptions): DecodedEvent {
  const { recordTimestampMs } = context;
  const repairs = new Set<Repair>();

  const rawId = root.event_id;
  if (rawId === undefined || rawId === null) reject('MISSING_FIELD', 'event_id is missing');
  if (typeof rawId !== 'string') reject('WRONG_TYPE', `event_id must be a string, got ${typeof rawId}`);
  const eventId = rawId.trim();
  if (!UUID.test(eventId)) reject('INVALID_EVENT_ID', `event_id "${eventId.slice(0, 64)}" is not a UUID`);
  if (eventId !== rawId) repairs.add('TRIMMED');

  if (root.timestamp === undefined || root.timestamp === null) reject('MISSING_FIELD', 'timestamp is missing');
  const parsed = parseTimestamp(root.timestamp);
  if (!parsed.ok) reject('BAD_TIMESTAMP', `timestamp ${JSON.stringify(root.timestamp).slice(0, 80)} is not a readable date and time`);
  if (parsed.repaired) repairs.add('TIMESTAMP_FORMAT');
  if (parsed.epochMs > recordTimestampMs + options.maxFutureSkewMs) {
    const aheadMinutes = Math.round((parsed.epochMs - recordTimestampMs) / 60_000);
    reject('FUTURE_TIMESTAMP', `timestamp is ${aheadMinutes} min ahead of the record time (allowed: ${options.maxFutureSkewMs / 60_000} min)`);
  }

  let source = 'unknown';
  if (root.source === undefined || root.source === null || root.source === '') repairs.add('SOURCE_DEFAULTED');
  else if (typeof root.source !== 'string') reject('WRONG_TYPE', `source must be a string, got ${typeof root.source}`);
  else source = requiredText(root, 'source', 'source', context, repairs, false);

  const payload = root.payload;
  if (payload === undefined || payload === null) reject('MISSING_FIELD', 'payload is missing');
  if (!isPlainObject(payload)) reject('WRONG_TYPE', 'payload must be an object');

  let jobId: string;
  if (typeof payload.job_id === 'number' && Number.isSafeInteger(payload.job_id)) {
    jobId = String(payload.job_id);
    repairs.add('JOB_ID_COERCED');
  } else {
    jobId = requiredText(payload, 'job_id', 'payload.job_id', context, repairs, false);
  }

  const title = requiredText(payload, 'title', 'payload.title', context, repairs, true);
  const company = requiredText(payload, 'company', 'payload.company', context, repairs, true);

  const rawDescription = payload.description;
  if (typeof rawDescription === 'string' && rawDescription.length > MAX_DESCRIPTION_CHARS) {
    reject('OVERSIZED', `payload.description has ${rawDescription.length} characters (at most ${MAX_DESCRIPTION_CHARS})`);
  }
  const description = requiredText(payload, 'description', 'payload.description', context, repairs, true);

  let location: string | null;
  if (!('location' in payload) || payload.location === undefined) {
    location = null;
    repairs.add('LOCATION_DEFAULTED');
  } else if (payload.location === null) {
    location = null;
  } else if (typeof payload.location !== 'string') {
    reject('WRONG_TYPE', `payload.location must be a string or null, got ${typeof payload.location}`);
  } else {
    location = repairedText(payload.location, context, repairs).trim();
    if (location.length !== payload.location.length) repairs.add('TRIMMED');
  }

  let isRemote: boolean | undefined;
  const rawRemote = payload.is_remote;
  if (typeof rawRemote === 'boolean') isRemote = rawRemote;
  else if (rawRemote === undefined || rawRemote === null) repairs.add('IS_REMOTE_INFERRED');
  else if (rawRemote === 'true' || rawRemote === 1 || rawRemote === '1') {
    isRemote = true;
    repairs.add('IS_REMOTE_COERCED');
  } else if (rawRemote === 'false' || rawRemote === 0 || rawRemote === '0') {
    isRemote = false;
    repairs.add('IS_REMOTE_COERCED');
  } else reject('WRONG_TYPE', `payload.is_remote must be a boolean, got ${JSON.stringify(rawRemote).slice(0, 40)}`);

  const event: JobPostingEvent = {
    event_id: eventId,
    timestamp: parsed.repaired ? new Date(parsed.epochMs).toISOString() : (root.timestamp as string),
    source,
    payload: {
      job_id: jobId,
      title,
      company,
      location,
      description,
      ...(isRemote !== undefined && { is_remote: isRemote }),
    },
  };
  const checked = validateEvent(event);
  if (!checked.ok) reject('CONTRACT_VIOLATION', describeIssues(checked.issues));
  return { event, eventTimeMs: parsed.epochMs, repairs: [...repairs], descriptionVerbatim: description === rawDescription };
}

export function decodeRecord(value: Buffer | null, recordTimestampMs: number, options: DecodeOptions = DEFAULT_DECODE_OPTIONS): DecodeResult {
  try {
    if (value === null || value.length === 0) reject('EMPTY_RECORD', 'the record has no value');
    if (value.length > options.maxRecordBytes) {
      reject('OVERSIZED', `the record has ${value.length} bytes (at most ${options.maxRecordBytes})`);
    }
    let text: string;
    try {
      text = utf8.decode(value);
    } catch {
      reject('NOT_UTF8', 'the bytes are not valid UTF-8');
    }
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch (error) {
      reject('NOT_JSON', `not JSON: ${(error as Error).message.slice(0, 120)}`);
    }
    if (!isPlainObject(root)) reject('NOT_OBJECT', `the JSON value is ${Array.isArray(root) ? 'an array' : typeof root}, not an object`);
    const context = { recordTimestampMs, mayHoldLoneSurrogates: value.indexOf(UNICODE_ESCAPE) !== -1 };
    return { ok: true, value: decodeObject(root, context, options) };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, reason: error.reason, message: error.message };
    throw error;
  }
}
