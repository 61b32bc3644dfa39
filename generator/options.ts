/**
 * Options of the event generator, validated once: defaults in one place, units in names, unknown
 * keys refused, every error naming the option and the value (PulseError CONFIG_INVALID).
 */
import { PulseError } from '../core/errors.ts';
import { CHAOS_KINDS, type ChaosKind, type ChaosRates, DEFAULT_CHAOS_RATES } from './chaos/chaos-kinds.ts';

export interface EventGeneratorOptions {
  /** Seed of every random choice: the same seed and options give byte-identical records. Default `talent-pulse`. */
  seed?: string | number;
  /** Records to emit, duplicates and chaos included. Required for a time range; endless when omitted with `now`. */
  count?: number;
  /** Start of the event-time range: epoch ms or an ISO 8601 string. Default 2025-01-06T00:00:00Z. Ignored with `now`. */
  startTime?: number | string;
  /** Length of the event-time range in ms. Default 86,400,000 (24 h). Ignored with `now`. */
  spanMs?: number;
  /** Live mode: each record's event time is `now()` when it is made (epoch ms). */
  now?: () => number;
  /** `false` sets every chaos rate to 0. Default true. */
  chaos?: boolean;
  /** Per-kind rates (fraction of records, 0..1) replacing the defaults in CHAOS_KIND_INFO. */
  chaosRates?: Partial<Record<ChaosKind, number>>;
}

export interface ResolvedGeneratorOptions {
  seed: string;
  count: number | null;
  startMs: number;
  spanMs: number;
  now: (() => number) | null;
  chaosRates: ChaosRates;
}

export const DEFAULT_SEED = 'talent-pulse';
export const DEFAULT_START_TIME = '2025-01-06T00:00:00Z';
export const DEFAULT_SPAN_MS = 86_400_000;
const MAX_COUNT = 1_000_000_000;
const KNOWN_KEYS = new Set(['seed', 'count', 'startTime', 'spanMs', 'now', 'chaos', 'chaosRates']);

function invalid(message: string): PulseError {
  return new PulseError('CONFIG_INVALID', message);
}

export function parseTime(name: string, value: number | string): number {
  const ms = typeof value === 'number' ? value : /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw invalid(`${name}=${JSON.stringify(value)} is not a time: use epoch ms or ISO 8601, e.g. 2025-01-06T00:00:00Z`);
  return ms;
}

export function resolveGeneratorOptions(options: EventGeneratorOptions): ResolvedGeneratorOptions {
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) throw invalid(`unknown generator option "${key}"; known: ${[...KNOWN_KEYS].join(', ')}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if ((typeof seed !== 'string' && typeof seed !== 'number') || String(seed).length === 0) {
    throw invalid(`seed=${JSON.stringify(seed)} must be a non-empty string or a number`);
  }
  const now = options.now ?? null;
  if (now !== null && typeof now !== 'function') throw invalid('now must be a function returning epoch ms');
  const count = options.count ?? null;
  if (count !== null && (!Number.isInteger(count) || count < 0 || count > MAX_COUNT)) {
    throw invalid(`count=${count} must be a whole number from 0 to ${MAX_COUNT}`);
  }
  if (count === null && now === null) throw invalid('count is required for a time range (without `now`): the range is spread over that many records');
  const spanMs = options.spanMs ?? DEFAULT_SPAN_MS;
  if (!Number.isFinite(spanMs) || spanMs <= 0) throw invalid(`spanMs=${spanMs} must be a positive number of milliseconds`);
  const startMs = parseTime('startTime', options.startTime ?? DEFAULT_START_TIME);

  const chaosRates = { ...DEFAULT_CHAOS_RATES };
  for (const [kind, rate] of Object.entries(options.chaosRates ?? {})) {
    if (!(CHAOS_KINDS as readonly string[]).includes(kind)) throw invalid(`unknown chaos kind "${kind}"; known: ${CHAOS_KINDS.join(', ')}`);
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw invalid(`chaos rate ${kind}=${rate} must be a number from 0 to 1`);
    chaosRates[kind as ChaosKind] = rate;
  }
  if (options.chaos === false) for (const kind of CHAOS_KINDS) chaosRates[kind] = 0;
  // Duplicates, non-JSON records and the timestamp kinds exclude each other in one record.
  const exclusive = chaosRates.duplicate + chaosRates.non_json;
  const timestampKinds = chaosRates.bad_timestamp + chaosRates.late + chaosRates.future;
  if (exclusive + timestampKinds > 1) {
    throw invalid(`chaos rates duplicate + non_json + bad_timestamp + late + future add up to ${(exclusive + timestampKinds).toFixed(3)}; they exclude each other, so the sum must be at most 1`);
  }
  for (const kind of CHAOS_KINDS) {
    if (kind !== 'duplicate' && kind !== 'non_json' && exclusive < 1 && chaosRates[kind] / (1 - exclusive) > 1) {
      throw invalid(`chaos rate ${kind}=${chaosRates[kind]} is more than the ${(1 - exclusive).toFixed(3)} of records left after duplicate and non_json`);
    }
  }
  return { seed: String(seed), count, startMs, spanMs, now, chaosRates };
}
