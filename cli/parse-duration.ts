import { InvalidArgumentError } from '@commander-js/extra-typings';

const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "30m", "2h", "7d", "250ms" or a bare number of milliseconds → milliseconds. */
export function parseDurationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (match === null) throw new InvalidArgumentError(`"${text}" is not a duration (e.g. 250ms, 90s, 30m, 2h, 7d)`);
  return Math.round(Number(match[1]) * UNITS_MS[match[2] ?? 'ms']!);
}

export function parseNonNegativeInteger(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new InvalidArgumentError(`"${text}" is not a whole number`);
  return value;
}
