/** Reconcile against a real Redis: cold recount vs trend keys, both directions, exact differences. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Redis } from 'ioredis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPulseError } from '../../../core/errors.ts';
import { createColdSink } from '../../../sinks/parquet/cold-sink.ts';
import { parseHourRange } from '../../../sinks/query/parse-hour-range.ts';
import { reconcile } from '../../../sinks/query/reconcile.ts';
import { testRedisUrl, uniqueName } from '../../helpers/services.ts';
import { makeRows, tempLake } from './fixtures.ts';

const redis = new Redis(testRedisUrl());
const prefix = `${uniqueName('reconcile')}:`;
const lake = tempLake();

test.before(async () => {
  const sink = createColdSink({ lakeDir: lake, maxStagedAgeMs: 3_600_000, rotateCheckIntervalMs: 60_000 });
  await sink.recover(0, -1);
  await sink.stage({
    partition: 0,
    firstOffset: 0,
    lastOffset: 9,
    rows: [
      ...makeRows(0, 0, 3, '2024-03-15T10:05:00Z', { skills: ['spark', 'kafka'] }), // uk 10h: spark 4, kafka 4
      ...makeRows(0, 4, 5, '2024-03-15T10:59:59Z', { skills: ['spark'], region: 'us' }), // us 10h: spark 2
      ...makeRows(0, 6, 7, '2024-03-15T11:00:00Z', { skills: ['spark'] }), // uk 11h: spark 2
      ...makeRows(0, 8, 8, '2024-03-15T10:30:00Z', { skills: ['spark'], late: true }), // late: never counted
      ...makeRows(0, 9, 9, '2024-03-16T00:10:00Z', { skills: ['spark'] }), // outside the range below
    ],
  });
  await sink.close();
});

test.after(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  fs.rmSync(lake, { recursive: true, force: true });
});

async function setHot(counts: Record<string, number>): Promise<void> {
  const old = await redis.keys(`${prefix}*`);
  if (old.length > 0) await redis.del(...old);
  for (const [key, value] of Object.entries(counts)) await redis.set(prefix + key, value);
}

const range = parseHourRange('2024-03-15', '2024-03-15');
const AGREEING = {
  'trend:spark:uk:2024-03-15-10': 4,
  'trend:kafka:uk:2024-03-15-10': 4,
  'trend:spark:us:2024-03-15-10': 2,
  'trend:spark:uk:2024-03-15-11': 2,
  'trend:spark:uk:2024-03-16-00': 99, // outside the range: not compared
};

test('hot and cold agree: no differences', async () => {
  await setHot(AGREEING);
  const report = await reconcile({ lakeDir: lake, redis, range, keyPrefix: prefix });
  assert.equal(report, { cells: 4, coldRows: 8, differences: [] });
});

test('a wrong count, a missing key and a key the cold store lacks are all reported', async () => {
  const { 'trend:spark:uk:2024-03-15-11': _missing, ...withoutOne } = AGREEING;
  await setHot({ ...withoutOne, 'trend:kafka:uk:2024-03-15-10': 5, 'trend:rust:de:2024-03-15-12': 3 });
  const report = await reconcile({ lakeDir: lake, redis, range, keyPrefix: prefix });
  assert.equal(report.differences, [
    { skill: 'kafka', region: 'uk', hour: '2024-03-15-10', cold: 4, hot: 5 },
    { skill: 'rust', region: 'de', hour: '2024-03-15-12', cold: 0, hot: 3 },
    { skill: 'spark', region: 'uk', hour: '2024-03-15-11', cold: 2, hot: 0 },
  ]);
  assert.is(report.cells, 5);
});

test('an hour range narrows the comparison', async () => {
  await setHot({ ...AGREEING, 'trend:spark:uk:2024-03-15-11': 7 });
  const hour10 = await reconcile({ lakeDir: lake, redis, range: parseHourRange('2024-03-15-10', '2024-03-15T10'), keyPrefix: prefix });
  assert.equal(hour10, { cells: 3, coldRows: 6, differences: [] });
});

test('pulse reconcile prints the differences and exits 1; exits 0 when they agree; rejects a bad range', async () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/pulse.js', 'reconcile', '--lake', lake, '--key-prefix', prefix, ...args], { encoding: 'utf8' });
  await setHot({ ...AGREEING, 'trend:spark:us:2024-03-15-10': 1 });
  const differing = run('--from', '2024-03-15', '--to', '2024-03-15');
  assert.is(differing.status, 1, differing.stderr);
  assert.match(differing.stdout, /spark\s+\| us\s+\| 2024-03-15-10 \| 2\s+\| 1\s+\| -1/);
  assert.match(differing.stdout, /4 \(skill, region, hour\) cells compared from 8 non-late cold rows: 1 differ/);
  await setHot(AGREEING);
  const agreeing = run('--from', '2024-03-15', '--to', '2024-03-15');
  assert.is(agreeing.status, 0, agreeing.stderr);
  assert.match(agreeing.stdout, /hot and cold agree/);
  const bad = run('--from', '2024-02-30', '--to', '2024-03-15');
  assert.is(bad.status, 1);
  assert.match(bad.stderr, /CONFIG_INVALID: --from=2024-02-30 is not a UTC date/);
});

test('parseHourRange: dates cover whole days, hours are inclusive, reversed ranges fail', () => {
  assert.equal(parseHourRange('2024-03-15', '2024-03-16'), { fromMs: Date.UTC(2024, 2, 15), toMs: Date.UTC(2024, 2, 16, 23) });
  assert.equal(parseHourRange('2024-03-15-10', '2024-03-15T12:00:00Z'), { fromMs: Date.UTC(2024, 2, 15, 10), toMs: Date.UTC(2024, 2, 15, 12) });
  try {
    parseHourRange('2024-03-16', '2024-03-15');
    assert.unreachable();
  } catch (error) {
    assert.ok(isPulseError(error) && error.code === 'CONFIG_INVALID');
  }
});

test.run();
