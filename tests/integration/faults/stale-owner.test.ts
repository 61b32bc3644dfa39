/**
 * A stale owner: two `pulse process` members share six partitions; one is frozen (SIGSTOP) past
 * its session timeout, the group moves its partitions to the other, and it is thawed (SIGCONT)
 * with batches in flight. Its writes must be refused by the partitions' owner epochs, and the end
 * state must equal the independent recount: hot counts, cold rows, reconcile.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../../core/wait-until.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { consumeMessages, createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { expectedHotCounts } from '../../helpers/oracle.ts';
import { createPrivateRedis } from '../../helpers/private-redis.ts';
import { startPulse, stopGracefully } from '../../helpers/processes.ts';
import { processorArgs, testProcessorOptions } from '../../helpers/processor.ts';
import { diffCounts, readTrendCounts } from '../../helpers/redis.ts';

const FREEZES = Number(process.env.PULSE_FREEZES ?? 3);
const WAVE = 1500;

async function assignedTo(redis: Redis, id: string): Promise<number[]> {
  const raw = await redis.get(`pulse:processor:${id}`);
  return raw === null ? [] : (JSON.parse(raw) as { assigned: number[] }).assigned;
}

test(`a processor frozen past its session ×${FREEZES}: stale writes refused, 0 differences`, async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('stale', 6);
  const server = await createPrivateRedis();
  await server.start();
  const redis = new Redis(server.url);
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-stale-lake-'));
  const options = testProcessorOptions(topic, server.url, { dlqTopic, maxBatchSize: 100, lakeDir });
  const args = (id: string) => [...processorArgs({ ...options, processorId: id }), '--cold-max-age', '700'];
  const frozen = startPulse(args('frozen'), { REDIS_URL: server.url, PULSE_LOG_LEVEL: 'info' });
  const steady = startPulse(args('steady'), { REDIS_URL: server.url });
  const producer = testKafkaClient().producer();
  await producer.connect();
  let wave = 0;
  try {
    await waitUntil('both members to own partitions', async () => ((await assignedTo(redis, 'frozen')).length > 0 && (await assignedTo(redis, 'steady')).length > 0 ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    for (let freeze = 0; freeze < FREEZES; freeze += 1) {
      wave += 1;
      await producer.send(topic, mixedRecords(1300 + wave, WAVE, `2024-03-19T${String(wave % 24).padStart(2, '0')}:00:00Z`, 1));
      await new Promise((resolve) => setTimeout(resolve, 150));
      frozen.child.kill('SIGSTOP');
      await waitUntil('the steady member to take every partition', async () => ((await assignedTo(redis, 'steady')).length === 6 ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 250,
      });
      frozen.child.kill('SIGCONT');
      await waitUntil('the thawed member to rejoin', async () => ((await assignedTo(redis, 'frozen')).length > 0 ? true : undefined), { timeoutMs: 60_000, intervalMs: 250 });
    }
    wave += 1;
    await producer.send(topic, mixedRecords(1300 + wave, WAVE, `2024-03-19T${String(wave % 24).padStart(2, '0')}:00:00Z`, 1));
    const admin = testKafkaClient().admin();
    await admin.connect();
    const ends = await admin.topicOffsets(topic);
    await admin.disconnect();
    await waitUntil(
      'every record applied',
      async () => {
        for (const { partition, high } of ends) {
          if (Number((await redis.hget(`pulse:fence:${topic}:${partition}`, 'offset')) ?? -1) !== Number(high) - 1) return undefined;
        }
        return true;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    assert.is(await stopGracefully(frozen), 0, frozen.output().slice(-2000));
    assert.is(await stopGracefully(steady), 0, steady.output().slice(-2000));
    const refused = (frozen.output().match(/write refused/g) ?? []).length;
    process.stdout.write(`stale writes refused: ${refused}\n`);

    const { messages } = await consumeMessages(testKafkaClient(), topic, wave * WAVE);
    const oracle = expectedHotCounts(messages, createEnricher(), options.allowedLatenessMs);
    assert.equal(diffCounts(await readTrendCounts(redis), oracle.counts), []);
    const pulse = (...cli: string[]) => spawnSync(process.execPath, ['bin/pulse.js', ...cli], { encoding: 'utf8', env: { ...process.env, REDIS_URL: server.url } });
    const sql = pulse('sql', '--lake', lakeDir, '--format', 'json', 'SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM silver_job_postings');
    assert.is(sql.status, 0, sql.stderr);
    assert.equal(JSON.parse(sql.stdout), [{ n: oracle.valid, ids: oracle.distinctValid }]);
    const reconcile = pulse('reconcile', '--lake', lakeDir, '--from', '2024-03-18', '--to', '2024-03-20');
    assert.is(reconcile.status, 0, `${reconcile.stdout}${reconcile.stderr}`);
  } finally {
    frozen.child.kill('SIGCONT');
    await stopGracefully(frozen);
    await stopGracefully(steady);
    await producer.disconnect();
    redis.disconnect();
    await server.stop();
    fs.rmSync(lakeDir, { recursive: true, force: true });
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
