import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_DESCRIPTION_CHARS } from '../../../core/contract.ts';
import { CHAOS_KINDS, type ChaosKind } from '../../../generator/chaos/chaos-kinds.ts';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import type { GeneratedRecord } from '../../../generator/generated-record.ts';

const COUNT = 20_000;
const HOUR_MS = 3_600_000;
// Raised rates so every kind shows up often enough to measure over 20k records.
const RATES: Record<ChaosKind, number> = {
  duplicate: 0.03, non_json: 0.01, null_location: 0.02, bad_timestamp: 0.02, late: 0.03, future: 0.01,
  missing_field: 0.01, wrong_type: 0.01, oversized: 0.001, html_description: 0.02, missing_is_remote: 0.02, untrimmed: 0.02,
};

const generator = createEventGenerator({ seed: 'chaos', count: COUNT, startTime: '2025-03-03T00:00:00Z', spanMs: 48 * HOUR_MS, chaosRates: RATES });
const records: GeneratedRecord[] = [...generator];
const manifest = generator.manifest.snapshot();

test('each kind is injected at its rate, within 4.5 standard deviations', () => {
  for (const kind of CHAOS_KINDS) {
    const count = records.filter((record) => record.chaos.includes(kind)).length;
    const expected = RATES[kind] * COUNT;
    const tolerance = 4.5 * Math.sqrt(expected * (1 - RATES[kind])) + 2;
    assert.ok(Math.abs(count - expected) <= tolerance, `${kind}: ${count} records, expected ${expected} ± ${tolerance.toFixed(0)}`);
  }
});

test('manifest counts are exactly what was emitted', () => {
  assert.is(manifest.records, COUNT);
  for (const kind of CHAOS_KINDS) {
    assert.is(manifest.counts[kind], records.filter((record) => record.chaos.includes(kind)).length, kind);
  }
  const injected = records.filter((record) => record.chaos.length > 0);
  assert.equal(manifest.injected.map((entry) => entry.index), injected.map((record) => record.index));
  assert.is(manifest.contractValid, records.filter((record) => record.contractValid).length);
});

test('duplicates repeat the exact bytes of an earlier record, some right after, some thousands later', () => {
  const entries = manifest.injected.filter((entry) => entry.kinds.includes('duplicate'));
  let rightAfter = 0;
  let far = 0;
  for (const entry of entries) {
    const original = records[entry.duplicateOf as number] as GeneratedRecord;
    const copy = records[entry.index] as GeneratedRecord;
    assert.ok(copy.value.equals(original.value), `record ${entry.index}`);
    assert.ok(copy.key?.equals(original.key as Buffer));
    assert.is(copy.eventId, original.eventId);
    const distance = entry.index - original.index;
    if (distance <= 2) rightAfter++;
    if (distance >= 1_000) far++;
  }
  assert.ok(rightAfter >= entries.length * 0.2, `${rightAfter} of ${entries.length} right after`);
  assert.ok(far >= entries.length * 0.15, `${far} of ${entries.length} 1,000+ records later`);
});

test('late events are shifted back by the recorded amount, some within 2 h and some beyond', () => {
  const late = manifest.injected.filter((entry) => entry.kinds.includes('late') && !entry.kinds.includes('duplicate'));
  for (const entry of late) {
    const record = records[entry.index] as GeneratedRecord;
    const event = JSON.parse(record.value.toString()) as { timestamp: string };
    const expected = Math.floor(((record.eventTimeMs as number) - (entry.lateByMs as number)) / 1000) * 1000;
    assert.is(Date.parse(event.timestamp), expected, `record ${entry.index}`);
  }
  const within = late.filter((entry) => (entry.lateByMs as number) < 2 * HOUR_MS).length;
  assert.ok(within >= late.length * 0.35 && within <= late.length * 0.65, `${within} of ${late.length} within the allowed lateness`);
});

test('future events are ahead of the end of the range', () => {
  const end = Date.parse('2025-03-03T00:00:00Z') + 48 * HOUR_MS;
  for (const entry of manifest.injected.filter((item) => item.kinds.includes('future') && !item.kinds.includes('duplicate'))) {
    const event = JSON.parse((records[entry.index] as GeneratedRecord).value.toString()) as { timestamp: string };
    assert.ok(Date.parse(event.timestamp) >= end + 5 * 60_000, `record ${entry.index}: ${event.timestamp}`);
  }
});

test('non-JSON records do not parse; oversized ones exceed the description limit; HTML ones carry tags', () => {
  for (const record of records) {
    if (record.chaos.includes('non_json')) {
      assert.throws(() => JSON.parse(record.value.toString('utf8')), undefined, `record ${record.index}`);
      assert.is(record.eventId, undefined);
    }
    if (record.chaos.includes('oversized') && !record.chaos.includes('duplicate')) {
      const event = JSON.parse(record.value.toString()) as { payload: { description: unknown } };
      if (typeof event.payload?.description === 'string') assert.ok(event.payload.description.length > MAX_DESCRIPTION_CHARS);
      assert.ok(record.value.length < 1_048_000, `record ${record.index} is ${record.value.length} bytes, over the broker's default limit`);
    }
    if (record.chaos.includes('html_description') && !record.chaos.includes('wrong_type') && !record.chaos.includes('missing_field')) {
      const event = JSON.parse(record.value.toString()) as { payload: { description: string } };
      assert.match(event.payload.description, /<(p|ul|li|h3|div)[ >]/);
    }
  }
});

test('null locations, missing is_remote and untrimmed strings are what the manifest says', () => {
  for (const entry of manifest.injected) {
    if (['duplicate', 'non_json', 'wrong_type', 'missing_field'].some((kind) => entry.kinds.includes(kind as never))) continue;
    const event = JSON.parse((records[entry.index] as GeneratedRecord).value.toString()) as { payload: Record<string, unknown> };
    if (entry.kinds.includes('null_location')) {
      const expected = { null: null, empty: '', blank: ' ' }[entry.locationVariant as 'null' | 'empty' | 'blank'];
      assert.is(event.payload.location, expected);
    }
    if (entry.kinds.includes('missing_is_remote')) assert.is('is_remote' in event.payload, false);
    for (const field of entry.untrimmedFields ?? []) {
      const value = event.payload[field.replace('payload.', '')] as string;
      assert.is.not(value, value.trim(), `${field} of record ${entry.index}`);
    }
  }
});

test('--no-chaos (chaos: false) turns every kind off', () => {
  const clean = [...createEventGenerator({ seed: 'chaos', count: 2_000, chaos: false, chaosRates: RATES })];
  assert.is(clean.filter((record) => record.chaos.length > 0).length, 0);
});

test.run();
