/** Leading and trailing whitespace on a few text fields, as copy-pasted postings have. */
import type { Random } from '../random/create-random.ts';

const PADS = [' ', '  ', '\t', '\n', ' \n', '\u00a0', '\r\n', '   '];
const FIELDS = ['title', 'company', 'location', 'description'] as const;

/** Changes `payload` in place; returns the fields it padded. Skips fields named in `exclude` (`payload.x`). */
export function untrim(random: Random, payload: Record<string, unknown>, exclude: ReadonlySet<string>): string[] {
  const candidates = FIELDS.filter((field) => typeof payload[field] === 'string' && payload[field] !== '' && !exclude.has(`payload.${field}`));
  const fields = random.sample(candidates, random.between(1, 3));
  for (const field of fields) {
    const before = random.chance(0.7) ? random.pick(PADS) : '';
    const after = before === '' || random.chance(0.6) ? random.pick(PADS) : '';
    payload[field] = `${before}${payload[field] as string}${after}`;
  }
  return fields.map((field) => `payload.${field}`);
}
