/**
 * A new taxonomy version at run time: `pulse process --watch-taxonomy` picks up the changed file
 * and switches at the next batch of each partition. Redis logs `version@first offset` per
 * partition; records before that offset count under the old version, records from it under the
 * new one — nothing lost, nothing counted twice — and every cold row records its version.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT } from '../../../core/config.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { loadTaxonomy } from '../../../taxonomy/load-taxonomy.ts';
import { parseTaxonomy } from '../../../taxonomy/parse-taxonomy.ts';
import { compileMatcher } from '../../../taxonomy/matcher/compile-matcher.ts';
import { consumeMessages, createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { expectedHotCounts } from '../../helpers/oracle.ts';
import { createPrivateRedis } from '../../helpers/private-redis.ts';
import { startPulse, stopGracefully } from '../../helpers/processes.ts';
import { processorArgs, testProcessorOptions } from '../../helpers/processor.ts';
import { diffCounts, readTrendCounts } from '../../helpers/redis.ts';

const WAVE = 900;

test('a taxonomy change switches at a logged offset per partition; counts and rows follow it exactly', async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('taxonomy', 3);
  const server = await createPrivateRedis();
  await server.start();
  const redis = new Redis(server.url);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-taxonomy-switch-'));
  const lakeDir = path.join(work, 'lake');
  const taxonomyFile = path.join(work, 'skills.jsonl');
  const original = fs.readFileSync(path.join(REPO_ROOT, 'taxonomy', 'skills.jsonl'), 'utf8');
  const changed = original
    .split('\n')
    .filter((line) => !line.startsWith('{"id": "kafka"'))
    .join('\n')
    .replace('"version":"1.0.0"', '"version":"1.0.1-no-kafka"');
  fs.writeFileSync(taxonomyFile, original);
  const options = testProcessorOptions(topic, server.url, { dlqTopic, lakeDir, taxonomyFile });
  const processor = startPulse([...processorArgs(options), '--taxonomy', taxonomyFile, '--watch-taxonomy', '200'], {
    REDIS_URL: server.url,
    PULSE_LOG_LEVEL: 'info',
  });
  const admin = testKafkaClient().admin();
  await admin.connect();
  const producer = testKafkaClient().producer();
  await producer.connect();
  const applied = async () => {
    for (const { partition, high } of await admin.topicOffsets(topic)) {
      if (Number((await redis.hget(`pulse:fence:${topic}:${partition}`, 'offset')) ?? -1) !== Number(high) - 1) return undefined;
    }
    return true;
  };
  try {
    await producer.send(topic, mixedRecords(7001, WAVE, '2024-03-21T08:00:00Z', 2));
    await waitUntil('wave 1 applied', applied, { timeoutMs: 60_000, intervalMs: 300 });
    const switchOffsets = new Map((await admin.topicOffsets(topic)).map(({ partition, high }) => [partition, Number(high)]));

    fs.writeFileSync(taxonomyFile, changed);
    await waitUntil('the processor to switch', () => (processor.output().includes('switching taxonomy') ? true : undefined), { timeoutMs: 20_000 });
    await producer.send(topic, mixedRecords(7002, WAVE, '2024-03-21T10:00:00Z', 2));
    await waitUntil('wave 2 applied', applied, { timeoutMs: 60_000, intervalMs: 300 });
    assert.is(await stopGracefully(processor), 0, processor.output().slice(-2000));

    for (const [partition, offset] of switchOffsets) {
      assert.equal(await redis.lrange(`pulse:taxonomy-log:${topic}:${partition}`, 0, -1), ['1.0.0@0', `1.0.1-no-kafka@${offset}`]);
    }
    const before = createEnricher({ taxonomy: loadTaxonomy(path.join(REPO_ROOT, 'taxonomy', 'skills.jsonl')) });
    const parsed = parseTaxonomy(changed, 'changed');
    const after = createEnricher({ taxonomy: { file: taxonomyFile, contentHash: 'changed', version: parsed.version, taxonomy: parsed, matcher: compileMatcher(parsed) } });
    const { messages } = await consumeMessages(testKafkaClient(), topic, 2 * WAVE);
    const oracle = expectedHotCounts(messages, (message) => (Number(message.offset) < switchOffsets.get(message.partition)! ? before : after), options.allowedLatenessMs);
    assert.equal(diffCounts(await readTrendCounts(redis), oracle.counts), []);

    const sql = spawnSync(
      process.execPath,
      ['bin/pulse.js', 'sql', '--lake', lakeDir, '--format', 'json', 'SELECT taxonomy_version AS v, count(*) AS n, count(*) FILTER (WHERE list_contains(skills, \'kafka\')) AS kafka FROM silver_job_postings GROUP BY ALL ORDER BY v'],
      { encoding: 'utf8' },
    );
    assert.is(sql.status, 0, sql.stderr);
    const rows = JSON.parse(sql.stdout) as Array<{ v: string; n: number; kafka: number }>;
    assert.equal(rows.map((row) => row.v), ['1.0.0', '1.0.1-no-kafka']);
    assert.is(rows[1]!.kafka, 0);
    assert.ok(rows[0]!.kafka > 0);
    assert.is(rows[0]!.n + rows[1]!.n, oracle.valid);
  } finally {
    await stopGracefully(processor);
    await producer.disconnect();
    await admin.disconnect();
    redis.disconnect();
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
