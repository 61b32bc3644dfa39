/** The cold sink's options, validated once: defaults in one place, units in names, unknown keys rejected. */
import { PulseError } from '../../core/errors.ts';

export interface ColdSinkOptions {
  /** Root of the lake (PULSE_LAKE_DIR; default `lake/` in the repository). */
  lakeDir: string;
  /** Seal a partition's staging file once it holds this many bytes; default 128 MiB. */
  maxStagedBytes: number;
  /** …or this many rows; default 250,000. */
  maxStagedRows: number;
  /** …or once its first row is this old, so a quiet stream still reaches Parquet; default 60,000 ms. */
  maxStagedAgeMs: number;
  /** How often the sink's own timer checks sizes and ages and retries failed conversions; default 1,000 ms. */
  rotateCheckIntervalMs: number;
  /** DuckDB threads converting staging files to Parquet; default 1 (the hot path keeps the rest). */
  converterThreads: number;
  /** DuckDB memory limit while converting; default `1GB`. */
  converterMemoryLimit: string;
  /** Errors of background work (sealing, converting); retried on the next check. Default: logged. */
  onBackgroundError: ((error: Error) => void) | undefined;
}

export const COLD_SINK_DEFAULTS: Omit<ColdSinkOptions, 'lakeDir'> = {
  maxStagedBytes: 128 * 1024 * 1024,
  maxStagedRows: 250_000,
  maxStagedAgeMs: 60_000,
  rotateCheckIntervalMs: 1000,
  converterThreads: 1,
  converterMemoryLimit: '1GB',
  onBackgroundError: undefined,
};

function positiveInteger(options: ColdSinkOptions, name: keyof ColdSinkOptions): void {
  const value = options[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new PulseError('CONFIG_INVALID', `cold sink option ${name}=${String(value)} must be a positive whole number`);
  }
}

export function resolveColdSinkOptions(input: Partial<ColdSinkOptions> & { lakeDir: string }): ColdSinkOptions {
  const known = new Set(['lakeDir', ...Object.keys(COLD_SINK_DEFAULTS)]);
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new PulseError('CONFIG_INVALID', `unknown cold sink option(s): ${unknown.join(', ')}`);
  const options: ColdSinkOptions = { ...COLD_SINK_DEFAULTS, ...input };
  if (typeof options.lakeDir !== 'string' || options.lakeDir.trim() === '') {
    throw new PulseError('CONFIG_INVALID', 'cold sink option lakeDir must name a directory (set PULSE_LAKE_DIR)');
  }
  for (const name of ['maxStagedBytes', 'maxStagedRows', 'maxStagedAgeMs', 'rotateCheckIntervalMs', 'converterThreads'] as const) positiveInteger(options, name);
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i.test(options.converterMemoryLimit)) {
    throw new PulseError('CONFIG_INVALID', `cold sink option converterMemoryLimit=${options.converterMemoryLimit} must look like 512MB or 1GB`);
  }
  if (options.rotateCheckIntervalMs > options.maxStagedAgeMs) {
    throw new PulseError(
      'CONFIG_INVALID',
      `cold sink rotateCheckIntervalMs=${options.rotateCheckIntervalMs} exceeds maxStagedAgeMs=${options.maxStagedAgeMs}: files would be sealed late; lower the interval`,
    );
  }
  return options;
}
