import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import type { GeneratedRecord } from '../../../generator/generated-record.ts';
import { restampRecord } from '../../../generator/modes/restamp-record.ts';

const records = [...createEventGenerator({ seed: 'restamp', count: 2_000, chaosRates: { duplicate: 0.05, late: 0.05 } })];
const SHIFT_MS = 3 * 86_400_000 + 1_000;

const timestampOf = (record: GeneratedRecord) => {
  try {
    return (JSON.parse(record.value.toString()) as { timestamp?: unknown }).timestamp;
  } catch {
    return undefined;
  }
};

test('re-stamping shifts every RFC 3339 timestamp by the same amount and leaves other bytes alone', () => {
  for (const record of records) {
    const moved = restampRecord(record, SHIFT_MS, 0);
    const before = timestampOf(record);
    if (typeof before === 'string' && /Z$/.test(before) && before.length === 20) {
      assert.is(Date.parse(timestampOf(moved) as string) - Date.parse(before), SHIFT_MS);
      assert.is(moved.eventId, record.eventId);
    } else {
      assert.ok(moved.value.equals(record.value), `record ${record.index} (${record.chaos.join(',')}) changed`);
    }
  }
});

test('later loops get new event ids, and duplicates within a loop stay duplicates', () => {
  const loop1 = records.map((record) => restampRecord(record, 0, 1));
  const original = new Set(records.map((record) => record.eventId).filter(Boolean));
  for (const record of loop1) if (record.eventId !== undefined) assert.not.ok(original.has(record.eventId));
  for (const [index, record] of records.entries()) {
    if (!record.chaos.includes('duplicate')) continue;
    const first = records.findIndex((candidate) => candidate.value.equals(record.value));
    assert.ok((loop1[index] as GeneratedRecord).value.equals((loop1[first] as GeneratedRecord).value));
  }
  assert.is(new Set(loop1.map((record) => record.eventId).filter(Boolean)).size, original.size);
});



test('an impossible date that chaos wrote is left as it is, not a crash', () => {
  const value = Buffer.from(JSON.stringify({ event_id: '0b6c1f36-5c1e-4a57-9d0f-2c3b8f7a9e11', timestamp: '2024-13-45T25:61:00Z', payload: {} }));
  const record: GeneratedRecord = { index: 0, key: null, value, chaos: ['bad_timestamp'], contractValid: false };
  const moved = restampRecord(record, SHIFT_MS, 0);
  assert.is(timestampOf(moved), '2024-13-45T25:61:00Z');
});

test.run();
