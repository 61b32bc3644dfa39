/**
 * The kinds of bad or awkward input the generator injects, each with its own rate: the fraction
 * of emitted records that get it (0..1). Defaults are modest (about 5.5% of records in total) so a
 * normal run looks like a real, slightly messy feed; `--no-chaos` sets every rate to 0.
 *
 * `breaksContract`: records with this kind fail `validateEvent` (or are not JSON at all); the
 * others are valid events that the processor must still handle with care.
 */
export const CHAOS_KINDS = [
  'duplicate',
  'non_json',
  'null_location',
  'bad_timestamp',
  'late',
  'future',
  'missing_field',
  'wrong_type',
  'oversized',
  'html_description',
  'missing_is_remote',
  'untrimmed',
] as const;

export type ChaosKind = (typeof CHAOS_KINDS)[number];

export interface ChaosKindInfo {
  defaultRate: number;
  breaksContract: boolean;
  description: string;
}

export const CHAOS_KIND_INFO: Readonly<Record<ChaosKind, ChaosKindInfo>> = {
  duplicate: { defaultRate: 0.008, breaksContract: false, description: 'exact bytes of an earlier record again: right after, a few records later, or 1,000-10,000 records later' },
  non_json: { defaultRate: 0.002, breaksContract: true, description: 'bytes that are not JSON: truncated, binary, XML, CSV, plain text, UTF-16, gzip, two events glued' },
  null_location: { defaultRate: 0.008, breaksContract: false, description: 'location null, empty or blank' },
  bad_timestamp: { defaultRate: 0.004, breaksContract: true, description: 'epoch seconds/millis as number or string, RFC 2822, ISO without zone, date only, US format, garbage' },
  late: { defaultRate: 0.008, breaksContract: false, description: 'event time shifted into the past: about half by less than 2 h (out of order), half by 2-72 h (late)' },
  future: { defaultRate: 0.002, breaksContract: false, description: 'event time 6 min to 7 days ahead of the stream\'s now' },
  missing_field: { defaultRate: 0.003, breaksContract: true, description: 'a required field left out (event_id, timestamp, source, payload or a payload field)' },
  wrong_type: { defaultRate: 0.003, breaksContract: true, description: 'a field of the wrong type (job_id as number, is_remote as "yes", payload as a string…)' },
  oversized: { defaultRate: 0.0002, breaksContract: true, description: 'description just over the 1,000,000-character limit (record about 1.0 MB)' },
  html_description: { defaultRate: 0.005, breaksContract: false, description: 'description as HTML: tags, entities, inline styles, script and comment junk' },
  missing_is_remote: { defaultRate: 0.008, breaksContract: false, description: 'is_remote left out (optional in the contract)' },
  untrimmed: { defaultRate: 0.005, breaksContract: false, description: 'leading/trailing spaces, tabs, newlines or no-break spaces on text fields' },
};

export type ChaosRates = Record<ChaosKind, number>;

export const DEFAULT_CHAOS_RATES: Readonly<ChaosRates> = Object.fromEntries(
  CHAOS_KINDS.map((kind) => [kind, CHAOS_KIND_INFO[kind].defaultRate]),
) as ChaosRates;
