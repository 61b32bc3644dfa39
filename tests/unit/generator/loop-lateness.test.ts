import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loopLateness, loopLatenessWarning } from '../../../generator/modes/loop-lateness.ts';

const HOUR_MS = 3_600_000;
const LATENESS = 2 * HOUR_MS;

test('a 24-hour corpus looped in 5-minute passes: each pass starts ~24 h behind, ~91% of it late', () => {
  const input = { spanMs: 24 * HOUR_MS, records: 600_000, ratePerSec: 2_000, allowedLatenessMs: LATENESS };
  const result = loopLateness(input);
  assert.is(result.behindMs, 24 * HOUR_MS - 300_000);
  assert.ok(Math.abs(result.lateShare - (22 * HOUR_MS - 300_000) / (24 * HOUR_MS)) < 1e-9);
  assert.is(result.matchingHours, 300_000 / HOUR_MS);
  const warning = loopLatenessWarning(input);
  assert.ok(warning !== undefined);
  assert.match(warning, /about 91% of its events will be late/);
  assert.match(warning, /--hours 0\.083/);
});

test('a corpus whose span equals its pass length loops without falling behind: no warning', () => {
  const input = { spanMs: 360_000, records: 720_000, ratePerSec: 2_000, allowedLatenessMs: LATENESS };
  assert.is(loopLateness(input).behindMs, 0);
  assert.is(loopLateness(input).lateShare, 0);
  assert.is(loopLatenessWarning(input), undefined);
});

test('falling behind by less than the allowed lateness loses nothing; past it, the share grows with the gap', () => {
  const within = { spanMs: 2 * HOUR_MS, records: 36_000, ratePerSec: 100, allowedLatenessMs: LATENESS };
  assert.is(loopLateness(within).lateShare, 0);
  assert.is(loopLatenessWarning(within), undefined);
  const shares = [4, 8, 16].map((hours) => loopLateness({ spanMs: hours * HOUR_MS, records: 36_000, ratePerSec: 100, allowedLatenessMs: LATENESS }).lateShare);
  assert.ok(shares[0]! > 0 && shares[0]! < shares[1]! && shares[1]! < shares[2]!, shares.join(' < '));
});

test.run();
