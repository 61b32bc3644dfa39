/**
 * Timestamps in the formats real feeds send instead of RFC 3339 with a zone. Most still carry the
 * true event time (a processor may repair them); the garbage ones carry nothing usable.
 */
import type { Random } from '../random/create-random.ts';

export interface BadTimestamp {
  value: string | number;
  variant: string;
}

const GARBAGE = ['yesterday', 'N/A', '', 'not a date', 'null', '0000-00-00T00:00:00Z', '2024-13-45T25:61:00Z', 'TBD', '{{posted_at}}'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const pad = (value: number) => String(value).padStart(2, '0');

export function badTimestamp(random: Random, timeMs: number): BadTimestamp {
  const date = new Date(timeMs);
  const iso = date.toISOString().slice(0, 19);
  const seconds = Math.floor(timeMs / 1000);
  switch (random.int(10)) {
    case 0:
      return { value: seconds, variant: 'epoch_seconds_number' };
    case 1:
      return { value: Math.floor(timeMs), variant: 'epoch_millis_number' };
    case 2:
      return { value: String(seconds), variant: 'epoch_seconds_string' };
    case 3:
      return { value: String(Math.floor(timeMs)), variant: 'epoch_millis_string' };
    case 4: {
      const text = `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${iso.slice(11)} ${random.chance(0.5) ? 'GMT' : '+0000'}`;
      return { value: text, variant: 'rfc2822' };
    }
    case 5:
      return { value: iso, variant: 'iso_without_zone' };
    case 6:
      return { value: iso.replace('T', ' '), variant: 'iso_space_without_zone' };
    case 7:
      return { value: iso.slice(0, 10), variant: 'date_only' };
    case 8: {
      const hours = date.getUTCHours();
      const text = `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ${pad(hours % 12 === 0 ? 12 : hours % 12)}:${pad(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
      return { value: text, variant: 'us_format' };
    }
    default:
      return { value: random.pick(GARBAGE), variant: 'garbage' };
  }
}
