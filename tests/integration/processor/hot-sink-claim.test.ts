/**
 * A claim reads a partition's fence and dedup memory back from Redis. Buckets are read in HSCAN
 * pages, so one larger than a page (and past Redis's small-hash encoding) must come back whole.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BatchOutcome } from '../../../processor/runner/process-batch.ts';
import { createHotSink } from '../../../sinks/redis/hot-sink.ts';
import { freshRedisDb } from '../../helpers/redis.ts';

const HOUR = Date.parse('2024-03-15T10:00:00Z');

function outcomeWithIds(partition: number, ids: Array<[string, number]>, hourMs: number): BatchOutcome {
  return {
    partition,
    firstOffset: ids[0]![1],
    lastOffset: ids.at(-1)![1],
    rows: [],
    rowSources: [],
    dlq: [],
    counts: new Map([[hourMs, new Map([['uk', new Map([['python', ids.length]])]])]]),
    remembered: new Map([[hourMs, ids]]),
    evictedBuckets: [],
    duplicates: 0,
    late: 0,
    repairs: new Map(),
    maxEventTimeMs: hourMs + 1000,
  };
}

test('a claim reads back every remembered id of a bucket larger than one HSCAN page', async () => {
  const { redis } = await freshRedisDb(11);
  try {
    const sink = createHotSink(redis, { topic: 'claim-test', ttlMs: 60_000 });
    const first = await sink.claim(0);
    assert.is(first.lastOffset, -1);
    const ids: Array<[string, number]> = Array.from({ length: 12_345 }, (_, index) => [`id-${index}`, index]);
    const applied = await sink.apply(outcomeWithIds(0, ids, HOUR), first.epoch, -1, 'v1');
    assert.ok(applied.applied);
    const second = await sink.claim(0);
    assert.is(second.lastOffset, 12_344);
    assert.is(second.maxEventTimeMs, HOUR + 1000);
    const bucket = second.dedup.get(HOUR);
    assert.ok(bucket !== undefined);
    assert.is(bucket.size, ids.length);
    assert.ok(ids.every(([id, offset]) => bucket.get(id) === offset));
    assert.is(await redis.get('trend:python:uk:2024-03-15-10'), String(ids.length));
  } finally {
    await redis.flushdb();
    redis.disconnect();
  }
});

test.run();
