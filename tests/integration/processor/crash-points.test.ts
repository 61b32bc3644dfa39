/**
 * kill -9 at each named crash point of the commit protocol — after the cold staging fsync, after
 * the Redis script, after the offset commit, after the Parquet temp file, after its rename — with
 * records arriving between crashes. The end state must equal an independent recount: every hot
 * count, one cold row per valid record, and 0 reconcile differences.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CRASH_POINTS } from '../../../core/crash-points.ts';
import { assertEndStateEqualsRecount, waitForFencesAtEnd } from '../../helpers/end-state.ts';
import { createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { startPulse, stopGracefully } from '../../helpers/processes.ts';
import { processorArgs, testProcessorOptions } from '../../helpers/processor.ts';
import { freshRedisDb } from '../../helpers/redis.ts';

const REPEATS = Number(process.env.PULSE_CRASH_REPEATS ?? 2);
const WAVE = 600;

test(`kill -9 at each of ${CRASH_POINTS.length} crash points, ${REPEATS} times each, changes nothing`, async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('crash', 3);
  const { url, redis } = await freshRedisDb(7);
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-crash-lake-'));
  const options = testProcessorOptions(topic, url, { dlqTopic, maxBatchSize: 150, lakeDir });
  // Small staging files, so conversions (and their crash points) happen within every run.
  const args = [...processorArgs(options), '--cold-max-age', '400', '--cold-max-rows', '200'];
  const producer = testKafkaClient().producer();
  await producer.connect();
  const crashed: string[] = [];
  try {
    let wave = 0;
    for (const point of CRASH_POINTS) {
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        wave += 1;
        await producer.send(topic, mixedRecords(500 + wave, WAVE, `2024-03-16T${String(wave % 24).padStart(2, '0')}:00:00Z`, 1));
        const hit = 1 + ((wave * 7) % 4);
        const run = startPulse(args, { REDIS_URL: url, NODE_ENV: 'test', PULSE_CRASH_AT: `${point}:${hit}` });
        const outcome = await Promise.race([run.exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000))]);
        if (outcome === 'timeout') await stopGracefully(run);
        else crashed.push(`${point}#${hit}:${String(outcome)}`);
      }
    }
    // Every point was reached and killed the process (SIGKILL), at least once per point.
    for (const point of CRASH_POINTS) assert.ok(crashed.some((entry) => entry.startsWith(point) && entry.endsWith('SIGKILL')), `${point} never crashed: ${crashed.join(', ')}`);

    const finisher = startPulse(args, { REDIS_URL: url });
    await waitForFencesAtEnd(redis, topic);
    assert.is(await stopGracefully(finisher), 0, finisher.output());

    await assertEndStateEqualsRecount({ topic, redis, redisUrl: url, lakeDir, allowedLatenessMs: options.allowedLatenessMs, reconcileFrom: '2024-03-15', reconcileTo: '2024-03-17' });
  } finally {
    await producer.disconnect();
    redis.disconnect();
    fs.rmSync(lakeDir, { recursive: true, force: true });
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
