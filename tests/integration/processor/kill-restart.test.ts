/**
 * Exactly-once under kill -9: the processor, run as `pulse process` with both sinks, is killed at
 * random moments 20 times while records keep arriving, then finishes cleanly. Every Redis count
 * must equal an independent recount of the topic and the counts of one uninterrupted run; the cold
 * store must hold exactly one row per distinct valid event, and `pulse reconcile` find 0 differences.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../../core/wait-until.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { consumeMessages, createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { killHard, startPulse, stopGracefully } from '../../helpers/processes.ts';
import { processorArgs, testProcessorOptions } from '../../helpers/processor.ts';
import { expectedHotCounts } from '../../helpers/oracle.ts';
import { diffCounts, freshRedisDb, readTrendCounts } from '../../helpers/redis.ts';
import { uniqueName } from '../../helpers/services.ts';

const CYCLES = Number(process.env.PULSE_KILL_CYCLES ?? 20);
const RECORDS_PER_WAVE = 1500;

async function fencesAtEnd(redisUrl: string, topic: string): Promise<boolean> {
  const admin = testKafkaClient().admin();
  await admin.connect();
  const ends = await admin.topicOffsets(topic);
  await admin.disconnect();
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl);
  try {
    for (const { partition, high } of ends) {
      const fence = await redis.hget(`pulse:fence:${topic}:${partition}`, 'offset');
      if (Number(high) > 0 && Number(fence ?? -1) !== Number(high) - 1) return false;
    }
    return true;
  } finally {
    redis.disconnect();
  }
}

test(`${CYCLES} kill -9 cycles change no count`, async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('kill', 3);
  const killed = await freshRedisDb(2);
  const clean = await freshRedisDb(3);
  const producer = testKafkaClient().producer();
  await producer.connect();
  try {
    const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-kill-lake-'));
    // A short staging age, so files are sealed and converted (and killed mid-way) during the run.
    const options = testProcessorOptions(topic, killed.url, { dlqTopic, maxBatchSize: 100, lakeDir });
    let interrupted = 0;
    let random = 12345;
    const nextDelay = () => {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      return 600 + (random % 2400);
    };
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      await producer.send(topic, mixedRecords(cycle + 1, RECORDS_PER_WAVE, `2024-03-15T${String(cycle % 24).padStart(2, '0')}:00:00Z`, 1));
      const running = startPulse([...processorArgs(options), '--cold-max-age', '1500'], { REDIS_URL: killed.url });
      await new Promise((resolve) => setTimeout(resolve, nextDelay()));
      await killHard(running);
      if (!(await fencesAtEnd(killed.url, topic))) interrupted += 1;
    }
    // How many kills landed while records were still unapplied (the rest hit start-up or idle).
    process.stdout.write(`kills that interrupted work: ${interrupted} of ${CYCLES}\n`);
    const finisher = startPulse([...processorArgs(options), '--cold-max-age', '1500'], { REDIS_URL: killed.url });
    await waitUntil('the killed run to reach the end of the topic', () => fencesAtEnd(killed.url, topic).then((done) => done || undefined), {
      timeoutMs: 120_000,
      intervalMs: 500,
    });
    assert.is(await stopGracefully(finisher), 0, finisher.output());

    const uninterrupted = startPulse(processorArgs({ ...options, groupId: uniqueName('clean'), processorId: uniqueName('clean') }), { REDIS_URL: clean.url });
    await waitUntil('the clean run to reach the end', () => fencesAtEnd(clean.url, topic).then((done) => done || undefined), { timeoutMs: 120_000, intervalMs: 500 });
    assert.is(await stopGracefully(uninterrupted), 0, uninterrupted.output());

    const total = CYCLES * RECORDS_PER_WAVE;
    const { messages } = await consumeMessages(testKafkaClient(), topic, total, { timeoutMs: 60_000 });
    const oracle = expectedHotCounts(messages, createEnricher(), options.allowedLatenessMs);
    assert.ok(oracle.duplicates > 0 && oracle.late > 0 && oracle.rejected > 0, `the stream lacks trouble: ${JSON.stringify({ ...oracle, counts: oracle.counts.size })}`);
    const killedCounts = await readTrendCounts(killed.redis);
    const cleanCounts = await readTrendCounts(clean.redis);
    assert.equal(diffCounts(cleanCounts, oracle.counts), [], 'clean run differs from the recount');
    assert.equal(diffCounts(killedCounts, oracle.counts), [], 'killed run differs from the recount');

    const pulse = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/pulse.js', ...args], { encoding: 'utf8', env: { ...process.env, REDIS_URL: killed.url, PULSE_LOG_LEVEL: 'warn' } });
    const summary = () => {
      const rows = pulse('sql', '--lake', lakeDir, '--format', 'json', 'SELECT count(*) AS n_rows, count(DISTINCT event_id) AS n_ids, count(*) FILTER (WHERE late) AS n_late FROM silver_job_postings');
      assert.is(rows.status, 0, rows.stderr);
      const [row] = JSON.parse(rows.stdout) as Array<{ n_rows: number; n_ids: number; n_late: number }>;
      return { rows: Number(row!.n_rows), ids: Number(row!.n_ids), late: Number(row!.n_late) };
    };
    // One row per valid, non-duplicate record; repeats beyond the dedup horizon are late rows…
    assert.equal(summary(), { rows: oracle.valid, ids: oracle.distinctValid, late: oracle.late });
    // …which compaction removes, leaving exactly one row per distinct valid event_id.
    const compact = pulse('compact', '--lake', lakeDir);
    assert.is(compact.status, 0, `${compact.stdout}${compact.stderr}`);
    const beyondHorizon = oracle.valid - oracle.distinctValid;
    assert.equal(summary(), { rows: oracle.distinctValid, ids: oracle.distinctValid, late: oracle.late - beyondHorizon });
    const reconcile = pulse('reconcile', '--lake', lakeDir, '--from', '2024-03-14', '--to', '2024-03-16');
    assert.is(reconcile.status, 0, `${reconcile.stdout}${reconcile.stderr}`);
    fs.rmSync(lakeDir, { recursive: true, force: true });
  } finally {
    await producer.disconnect();
    killed.redis.disconnect();
    clean.redis.disconnect();
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
