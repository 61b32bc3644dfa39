import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { combinedWatermark, partitionWatermark } from '../../../processor/window/watermark.ts';
import { hourLabel, isWindowFinal, parseHourLabel, windowEnd, windowStart } from '../../../processor/window/window-math.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

test('window start and end are aligned to UTC hours', () => {
  assert.is(windowStart(at('2024-03-15T10:30:00Z')), at('2024-03-15T10:00:00Z'));
  assert.is(windowEnd(at('2024-03-15T10:30:00Z')), at('2024-03-15T11:00:00Z'));
  assert.is(windowStart(at('2024-03-15T10:00:00Z')), at('2024-03-15T10:00:00Z'));
  assert.is(windowStart(at('2024-03-15T10:59:59.999Z')), at('2024-03-15T10:00:00Z'));
  // Non-UTC offsets land in the UTC hour.
  assert.is(windowStart(at('2024-03-15T12:30:00+02:00')), at('2024-03-15T10:00:00Z'));
  // Before 1970 floors, not truncates.
  assert.is(windowStart(-1), -HOUR);
});

test('hour labels round-trip and reject impossible hours', () => {
  assert.is(hourLabel(at('2024-03-15T10:00:00Z')), '2024-03-15-10');
  assert.is(hourLabel(at('2024-12-31T23:00:00Z')), '2024-12-31-23');
  assert.is(parseHourLabel('2024-03-15-10'), at('2024-03-15T10:00:00Z'));
  assert.is(parseHourLabel('2024-02-30-10'), undefined);
  assert.is(parseHourLabel('2024-03-15-24'), undefined);
  assert.is(parseHourLabel('2024-03-15T10'), undefined);
});

test('a window is final exactly when the watermark reaches its end', () => {
  const start = at('2024-03-15T10:00:00Z');
  assert.is(isWindowFinal(start, start + HOUR - 1), false);
  assert.is(isWindowFinal(start, start + HOUR), true);
  assert.is(isWindowFinal(start, Number.NEGATIVE_INFINITY), false);
});

test('partition watermark is max event time minus allowed lateness', () => {
  assert.is(partitionWatermark(at('2024-03-15T12:30:00Z'), 2 * HOUR), at('2024-03-15T10:30:00Z'));
  assert.is(partitionWatermark(Number.NEGATIVE_INFINITY, 2 * HOUR), Number.NEGATIVE_INFINITY);
});

test('combined watermark is the minimum over active partitions', () => {
  const now = 1_000_000;
  const partitions = [
    { watermarkMs: 500, lastRecordAtMs: now - 10 },
    { watermarkMs: 300, lastRecordAtMs: now - 20 },
    { watermarkMs: 900, lastRecordAtMs: now - 5 },
  ];
  assert.is(combinedWatermark(partitions, now, 60_000), 300);
});

test('an idle partition stops holding the combined watermark back', () => {
  const now = 1_000_000;
  const partitions = [
    { watermarkMs: 500, lastRecordAtMs: now - 10 },
    { watermarkMs: 100, lastRecordAtMs: now - 60_000 },
  ];
  assert.is(combinedWatermark(partitions, now, 60_000), 500);
  assert.is(combinedWatermark(partitions, now, 60_001), 100);
});

test('when every partition is idle the watermark is the largest, and -Infinity with none', () => {
  const now = 1_000_000;
  const partitions = [
    { watermarkMs: 500, lastRecordAtMs: 0 },
    { watermarkMs: 700, lastRecordAtMs: 0 },
  ];
  assert.is(combinedWatermark(partitions, now, 1000), 700);
  assert.is(combinedWatermark([], now, 1000), Number.NEGATIVE_INFINITY);
});

test.run();
