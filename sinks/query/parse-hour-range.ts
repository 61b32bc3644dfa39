/**
 * `--from` / `--to` of reconcile and history queries, in UTC: a date (`2024-03-15`, the whole day)
 * or an hour (`2024-03-15-10`, `2024-03-15T10`, `2024-03-15T10:00:00Z`). Both ends are inclusive.
 */
import { PulseError } from '../../core/errors.ts';

const HOUR_MS = 3_600_000;

export interface HourRange {
  /** Start of the first hour, epoch ms. */
  fromMs: number;
  /** Start of the last hour, epoch ms. */
  toMs: number;
}

function parseBound(raw: string, name: string, end: boolean): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[-T ](\d{2})(?::00(?::00(?:\.0+)?)?)?Z?)?$/.exec(raw.trim());
  const fail = () => new PulseError('CONFIG_INVALID', `${name}=${raw} is not a UTC date (YYYY-MM-DD) or hour (YYYY-MM-DD-HH or YYYY-MM-DDTHH)`);
  if (match === null) throw fail();
  const [, year, month, day, hour] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), hour === undefined ? 0 : Number(hour));
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1 || (hour !== undefined && Number(hour) > 23)) throw fail();
  // A date as the end means its last hour.
  return hour === undefined && end ? ms + 23 * HOUR_MS : ms;
}

export function parseHourRange(from: string, to: string): HourRange {
  const range = { fromMs: parseBound(from, '--from', false), toMs: parseBound(to, '--to', true) };
  if (range.toMs < range.fromMs) throw new PulseError('CONFIG_INVALID', `--to=${to} is before --from=${from}`);
  return range;
}
