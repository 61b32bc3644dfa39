import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeIssues, validateEvent } from '../../../core/contract.ts';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';

const RANGE = { startTime: '2025-03-03T00:00:00Z', spanMs: 24 * 3_600_000 };

function decode(value: Buffer): unknown {
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
}

test('with --no-chaos every record is a valid event, keyed by its job_id', () => {
  let count = 0;
  for (const record of createEventGenerator({ ...RANGE, seed: 1, count: 5_000, chaos: false })) {
    const event = decode(record.value) as { event_id: string; payload: { job_id: string } };
    const result = validateEvent(event);
    assert.ok(result.ok, result.ok ? '' : describeIssues(result.issues));
    assert.equal(record.chaos, []);
    assert.is(record.contractValid, true);
    assert.is(record.key?.toString(), event.payload.job_id);
    assert.is(record.eventId, event.event_id);
    count++;
  }
  assert.is(count, 5_000);
});

test('every clean record passes validateEvent; every contract-breaking one fails it (or has an impossible date)', () => {
  let valid = 0;
  let invalid = 0;
  for (const record of createEventGenerator({ ...RANGE, seed: 2, count: 20_000 })) {
    const event = decode(record.value) as { timestamp?: unknown } | undefined;
    const passes = event !== undefined && validateEvent(event).ok && !Number.isNaN(Date.parse(String(event.timestamp)));
    assert.is(passes, record.contractValid, `record ${record.index} (${record.chaos.join(',')}): ${record.value.toString('utf8', 0, 200)}`);
    if (record.chaos.length === 0) assert.is(passes, true);
    if (passes) valid++;
    else invalid++;
  }
  assert.is(valid + invalid, 20_000);
});

test('event times fall inside the configured range (before chaos)', () => {
  const start = Date.parse(RANGE.startTime);
  for (const record of createEventGenerator({ ...RANGE, seed: 3, count: 2_000, chaos: false })) {
    const time = Date.parse((decode(record.value) as { timestamp: string }).timestamp);
    assert.ok(time >= start && time < start + RANGE.spanMs, `record ${record.index} at ${new Date(time).toISOString()}`);
  }
});

test.run();
