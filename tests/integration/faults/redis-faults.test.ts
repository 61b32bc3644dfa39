/**
 * Redis faults under a running processor (both sinks): kill -9 of Redis (AOF on) several times,
 * then a rollback — the AOF tail cut, as an OS crash losing the last second would. The processor
 * reconnects with backoff, notices a fence that moved back, replays from it, and the end state
 * equals the independent recount: hot counts, cold rows, reconcile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../../core/wait-until.ts';
import { assertEndStateEqualsRecount, waitForFencesAtEnd } from '../../helpers/end-state.ts';
import { createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { createPrivateRedis } from '../../helpers/private-redis.ts';
import { startPulse, stopGracefully } from '../../helpers/processes.ts';
import { processorArgs, testProcessorOptions } from '../../helpers/processor.ts';

const KILLS = Number(process.env.PULSE_REDIS_KILLS ?? 4);
const WAVE = 800;

test(`Redis kill -9 ×${KILLS} and an AOF rollback: 0 differences`, async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('redis-fault', 3);
  const server = await createPrivateRedis();
  await server.start();
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-redis-fault-lake-'));
  const options = testProcessorOptions(topic, server.url, { dlqTopic, maxBatchSize: 100, lakeDir });
  const processor = startPulse([...processorArgs(options), '--cold-max-age', '500'], { REDIS_URL: server.url, PULSE_LOG_LEVEL: 'info' });
  const producer = testKafkaClient().producer();
  await producer.connect();
  let wave = 0;
  const produceWave = async () => {
    wave += 1;
    await producer.send(topic, mixedRecords(900 + wave, WAVE, `2024-03-17T${String(wave % 24).padStart(2, '0')}:00:00Z`, 1));
  };
  const fenceOf = async (redis: Redis, partition: number) => Number((await redis.hget(`pulse:fence:${topic}:${partition}`, 'offset')) ?? -1);
  try {
    for (let kill = 0; kill < KILLS; kill += 1) {
      await produceWave();
      await new Promise((resolve) => setTimeout(resolve, 300 + kill * 200));
      await server.killHard();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await server.start();
    }
    // Rollback: let the AOF flush, cut its tail, restart. Fences move back; the processor must notice.
    await produceWave();
    const redis = new Redis(server.url);
    try {
      await waitUntil('the wave to be applied', async () => ((await fenceOf(redis, 0)) >= 0 ? true : undefined), { timeoutMs: 30_000 });
    } catch (error) {
      redis.disconnect();
      throw new Error(`${(error as Error).message}\n--- processor ---\n${processor.output().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = [await fenceOf(redis, 0), await fenceOf(redis, 1), await fenceOf(redis, 2)];
    redis.disconnect();
    await server.killHard();
    const cut = server.cutAofTail(40_000);
    await server.start();
    const reopened = new Redis(server.url);
    const after = [await fenceOf(reopened, 0), await fenceOf(reopened, 1), await fenceOf(reopened, 2)];
    assert.ok(cut > 0 && after.some((fence, index) => fence < before[index]!), `the cut did not roll a fence back: ${before} → ${after}`);

    await produceWave();
    await waitForFencesAtEnd(reopened, topic);
    assert.is(await stopGracefully(processor), 0, processor.output());

    try {
      await assertEndStateEqualsRecount({ topic, redis: reopened, redisUrl: server.url, lakeDir, allowedLatenessMs: options.allowedLatenessMs, reconcileFrom: '2024-03-16', reconcileTo: '2024-03-18' });
    } catch (error) {
      // What the processor saw (claims, refusals, retries) is what explains a difference.
      const story = processor.output().split('\n').filter((line) => /claimed partition|refused|retrying|seeking|error/i.test(line));
      (error as Error).message += `\n--- processor ---\n${story.join('\n').slice(-6000)}`;
      throw error;
    }
    reopened.disconnect();
  } finally {
    await stopGracefully(processor);
    await producer.disconnect();
    await server.stop();
    fs.rmSync(lakeDir, { recursive: true, force: true });
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
