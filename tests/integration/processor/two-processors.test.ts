/**
 * Scale-out: two `pulse process` members of one group split the partitions; stopping one moves its
 * partitions to the other with no loss and no double count.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Redis } from 'ioredis';
import { waitUntil } from '../../../core/wait-until.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { consumeMessages, createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { expectedHotCounts } from '../../helpers/oracle.ts';
import { startPulse, stopGracefully } from '../../helpers/processes.ts';
import { processorArgs, testProcessorOptions } from '../../helpers/processor.ts';
import { diffCounts, freshRedisDb, readTrendCounts } from '../../helpers/redis.ts';

async function partitionsOf(redis: Redis, processorId: string): Promise<number[]> {
  const raw = await redis.get(`pulse:processor:${processorId}`);
  if (raw === null) return [];
  return (JSON.parse(raw) as { assigned: number[] }).assigned;
}

async function fenceSum(redis: Redis, topic: string): Promise<number> {
  let sum = 0;
  for (const partition of [0, 1, 2, 3, 4, 5]) sum += Number((await redis.hget(`pulse:fence:${topic}:${partition}`, 'offset')) ?? -1) + 1;
  return sum;
}

test('two processors split the partitions; stopping one moves its partitions with no loss and no double count', async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('scale', 6);
  const { url, redis } = await freshRedisDb(5);
  const producer = testKafkaClient().producer();
  await producer.connect();
  const options = testProcessorOptions(topic, url, { dlqTopic, maxBatchSize: 200 });
  const first = startPulse(processorArgs({ ...options, processorId: 'first' }), { REDIS_URL: url });
  const second = startPulse(processorArgs({ ...options, processorId: 'second' }), { REDIS_URL: url });
  try {
    await producer.send(topic, mixedRecords(101, 3000, '2024-03-15T08:00:00Z', 3));
    const split = await waitUntil(
      'both members to own partitions',
      async () => {
        const [a, b] = [await partitionsOf(redis, 'first'), await partitionsOf(redis, 'second')];
        return a.length > 0 && b.length > 0 && a.length + b.length === 6 ? { a, b } : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    assert.equal([...split.a, ...split.b].sort(), [0, 1, 2, 3, 4, 5]);

    assert.is(await stopGracefully(first), 0, first.output());
    await producer.send(topic, mixedRecords(102, 3000, '2024-03-15T11:00:00Z', 3));
    const admin2 = testKafkaClient().admin();
    await admin2.connect();
    const total = (await admin2.topicOffsets(topic)).reduce((sum, entry) => sum + Number(entry.high), 0);
    await admin2.disconnect();
    await waitUntil('the second member to apply every record', async () => ((await fenceSum(redis, topic)) === total ? true : undefined), {
      timeoutMs: 90_000,
      intervalMs: 500,
    });
    // The heartbeat reports the assignment once a second: wait for the one after the rebalance.
    const taken = await waitUntil(
      'the second member to report all partitions',
      async () => {
        const partitions = await partitionsOf(redis, 'second');
        return partitions.length === 6 ? partitions : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    assert.equal(taken, [0, 1, 2, 3, 4, 5]);

    const { messages } = await consumeMessages(testKafkaClient(), topic, total);
    const oracle = expectedHotCounts(messages, createEnricher(), options.allowedLatenessMs);
    assert.equal(diffCounts(await readTrendCounts(redis), oracle.counts), []);
  } finally {
    await stopGracefully(first);
    await stopGracefully(second);
    await producer.disconnect();
    redis.disconnect();
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
