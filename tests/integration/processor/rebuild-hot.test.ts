/**
 * `pulse rebuild-hot` against a real Redis and a cold store the processor wrote: a lost Redis is
 * rebuilt to exactly the processor's counts, a second run changes nothing, stray and wrong keys in
 * the range are replaced, and `--reenrich` recounts under a new taxonomy version.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT } from '../../../core/config.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { createProcessor } from '../../../processor/runner/create-processor.ts';
import { createColdSink } from '../../../sinks/parquet/cold-sink.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { createPrivateRedis } from '../../helpers/private-redis.ts';
import { testProcessorOptions } from '../../helpers/processor.ts';
import { diffCounts, readTrendCounts } from '../../helpers/redis.ts';

test('rebuild-hot restores a lost Redis exactly, is idempotent, and recounts under a new taxonomy', async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('rebuild', 3);
  const server = await createPrivateRedis();
  await server.start();
  const redis = new Redis(server.url);
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-rebuild-lake-'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-rebuild-taxonomy-'));
  const rebuild = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/pulse.js', 'rebuild-hot', '--lake', lakeDir, '--from', '2024-03-18', '--to', '2024-03-18', ...args], {
      encoding: 'utf8',
      env: { ...process.env, REDIS_URL: server.url },
    });
  try {
    const records = mixedRecords(4242, 2000, '2024-03-18T02:00:00Z', 18);
    const producer = testKafkaClient().producer();
    await producer.connect();
    await producer.send(topic, records);
    await producer.disconnect();
    const processor = createProcessor(testProcessorOptions(topic, server.url, { dlqTopic, lakeDir }), createEnricher(), createColdSink({ lakeDir }));
    await processor.start();
    await waitUntil('every record processed', () => (processor.status().totals.eventsIn === records.length ? true : undefined), { timeoutMs: 60_000 });
    await processor.stop();
    const original = await readTrendCounts(redis);
    assert.ok(original.size > 50, `too few counts to be a test: ${original.size}`);

    // A lost Redis.
    await redis.flushall();
    const first = rebuild();
    assert.is(first.status, 0, first.stderr);
    assert.match(first.stdout, /rebuilt 24 hours/);
    assert.equal(diffCounts(await readTrendCounts(redis), original), []);
    // Run again: nothing changes.
    assert.is(rebuild().status, 0);
    assert.equal(diffCounts(await readTrendCounts(redis), original), []);
    // A wrong count and a stray key in the range are replaced; a key outside the range is left alone.
    const [someKey] = [...original.keys()];
    await redis.set(someKey!, 999);
    await redis.set('trend:cobol:zz:2024-03-18-05', 7);
    await redis.set('trend:cobol:zz:2024-03-19-05', 7);
    assert.is(rebuild().status, 0);
    const repaired = await readTrendCounts(redis);
    assert.is(repaired.get('trend:cobol:zz:2024-03-19-05'), 7);
    repaired.delete('trend:cobol:zz:2024-03-19-05');
    assert.equal(diffCounts(repaired, original), []);
    await redis.del('trend:cobol:zz:2024-03-19-05');
    // The dashboard's index agrees with the keys.
    const indexed = await redis.zscore(`pulse:idx:skills:all:${someKey!.split(':').at(-1)}`, someKey!.split(':')[1]!);
    assert.ok(indexed !== null && Number(indexed) >= original.get(someKey!)!);

    // A new taxonomy version without Kafka: --reenrich recounts from the stored text.
    const taxonomy = fs
      .readFileSync(path.join(REPO_ROOT, 'taxonomy', 'skills.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('{"id": "kafka"'))
      .join('\n')
      .replace('"version":"1.0.0"', '"version":"1.0.1-test"');
    const taxonomyFile = path.join(work, 'skills.jsonl');
    fs.writeFileSync(taxonomyFile, taxonomy);
    const reenriched = rebuild('--reenrich', '--taxonomy', taxonomyFile);
    assert.is(reenriched.status, 0, reenriched.stderr);
    assert.match(reenriched.stdout, /taxonomy 1\.0\.1-test/);
    const recounted = await readTrendCounts(redis);
    const withoutKafka = new Map([...original].filter(([key]) => !key.startsWith('trend:kafka:')));
    assert.ok(withoutKafka.size < original.size, 'the corpus mentions Kafka');
    assert.equal(diffCounts(recounted, withoutKafka), []);
  } finally {
    redis.disconnect();
    await server.stop();
    fs.rmSync(lakeDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
