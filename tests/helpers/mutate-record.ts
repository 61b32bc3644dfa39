/**
 * Seeded mutations of valid event bytes, for fuzzing the decoder and the processor: byte flips,
 * truncation, random JSON values at random paths, removed fields, wrong types, odd Unicode,
 * deep nesting, invalid UTF-8 and random bytes.
 */
import type { Random } from './seeded-random.ts';

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const ODD_VALUES: unknown[] = [
  null, true, false, 0, -1, 1e308, -1e-308, '', ' ', '\u0000', '\ud800', '🙂'.repeat(50), 'x'.repeat(5000), [], {}, [[[[]]]],
  { $ne: 1 }, '<script>alert(1)</script>', '2024-02-30T25:61:00Z', '1710498600', 1710498600, 'NaN', '__proto__',
];

function mutateJson(random: Random, value: Record<string, unknown>): unknown {
  const event = structuredClone(value) as Record<string, any>;
  const paths = ['event_id', 'timestamp', 'source', 'payload', 'payload.job_id', 'payload.title', 'payload.company', 'payload.location', 'payload.description', 'payload.is_remote'];
  const path = pick(random, paths).split('.');
  const parent = path.length === 2 ? event.payload : event;
  const field = path.at(-1)!;
  if (typeof parent !== 'object' || parent === null) return event;
  switch (Math.floor(random() * 5)) {
    case 0:
      delete parent[field];
      break;
    case 1:
      parent[field] = pick(random, ODD_VALUES);
      break;
    case 2:
      parent[`extra_${Math.floor(random() * 100)}`] = pick(random, ODD_VALUES);
      break;
    case 3:
      if (typeof parent[field] === 'string') parent[field] = `  ${parent[field]}\t`;
      break;
    default:
      return pick(random, ODD_VALUES);
  }
  return event;
}

export function mutateRecord(random: Random, original: Buffer): Buffer {
  const roll = random();
  if (roll < 0.4) {
    try {
      return Buffer.from(JSON.stringify(mutateJson(random, JSON.parse(original.toString()) as Record<string, unknown>)) ?? 'null');
    } catch {
      return original;
    }
  }
  if (roll < 0.55) {
    const bytes = Buffer.from(original);
    for (let flips = 1 + Math.floor(random() * 5); flips > 0; flips -= 1) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    return bytes;
  }
  if (roll < 0.7) return original.subarray(0, Math.floor(random() * original.length));
  if (roll < 0.78) {
    const depth = 1000 + Math.floor(random() * 50_000);
    return Buffer.from(`${'['.repeat(depth)}${']'.repeat(random() < 0.5 ? depth : depth - 1)}`);
  }
  if (roll < 0.86) return Buffer.from(Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
  if (roll < 0.92) return Buffer.concat([original, Buffer.from([0xc3, 0x28])]);
  return original;
}
