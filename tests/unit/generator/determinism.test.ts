import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import type { GeneratedRecord } from '../../../generator/generated-record.ts';

const OPTIONS = { count: 3_000, startTime: '2025-03-03T00:00:00Z', spanMs: 6 * 3_600_000 };

function bytesOf(records: Iterable<GeneratedRecord>): Buffer {
  const parts: Buffer[] = [];
  for (const record of records) parts.push(record.key ?? Buffer.from('<null>'), Buffer.from([0]), record.value, Buffer.from([0]));
  return Buffer.concat(parts);
}

test('the same seed and options give byte-identical records, chaos included', () => {
  const first = bytesOf(createEventGenerator({ ...OPTIONS, seed: 'alpha' }));
  const second = bytesOf(createEventGenerator({ ...OPTIONS, seed: 'alpha' }));
  assert.is(first.length > 3_000_000, true, `expected about 5 MB, got ${first.length}`);
  assert.ok(first.equals(second));
});

test('the same seed gives the same manifest', () => {
  const run = () => {
    const generator = createEventGenerator({ ...OPTIONS, seed: 7 });
    for (const _record of generator);
    return JSON.stringify(generator.manifest.snapshot());
  };
  assert.is(run(), run());
});

test('different seeds give different records', () => {
  const first = [...createEventGenerator({ ...OPTIONS, count: 50, seed: 'alpha' })];
  const second = [...createEventGenerator({ ...OPTIONS, count: 50, seed: 'beta' })];
  const same = first.filter((record, index) => record.value.equals((second[index] as GeneratedRecord).value)).length;
  assert.is(same, 0);
});

test('live mode is deterministic apart from the clock: a fixed clock gives identical bytes', () => {
  const clock = () => Date.UTC(2025, 2, 3, 12);
  const first = bytesOf(createEventGenerator({ seed: 3, count: 500, now: clock }));
  const second = bytesOf(createEventGenerator({ seed: 3, count: 500, now: clock }));
  assert.ok(first.equals(second));
});

test('event ids are UUID v4 and unique across fresh records', () => {
  const ids = new Set<string>();
  let fresh = 0;
  for (const record of createEventGenerator({ ...OPTIONS, seed: 11, chaos: false })) {
    assert.match(record.eventId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    ids.add(record.eventId as string);
    fresh++;
  }
  assert.is(ids.size, fresh);
  assert.is(fresh, OPTIONS.count);
});

test.run();
