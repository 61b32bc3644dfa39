/**
 * A chaos run: the seeded generator (default chaos rates, its manifest as ground truth) feeds the
 * real broker; the processor's Redis counts must equal an independent recount, clean records never
 * reach the DLQ, and each unrepairable kind lands there with the right reason.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../../core/wait-until.ts';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import type { GeneratedRecord } from '../../../generator/generated-record.ts';
import { createProcessor } from '../../../processor/runner/create-processor.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { consumeMessages, createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { expectedHotCounts } from '../../helpers/oracle.ts';
import { testProcessorOptions } from '../../helpers/processor.ts';
import { diffCounts, freshRedisDb, indexDifferences, readTrendCounts } from '../../helpers/redis.ts';

const COUNT = 6000;

test('Redis counts of a chaos run equal the recount; DLQ reasons match the injected chaos', async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('chaos', 3);
  const { url, redis } = await freshRedisDb(4);
  // Event times in the last 6 hours, so that "future" chaos is ahead of the records' Kafka time.
  const generator = createEventGenerator({ seed: 'chaos-run', count: COUNT, startTime: Date.now() - 6 * 3_600_000, spanMs: 6 * 3_600_000 });
  const records: GeneratedRecord[] = [...generator];
  const manifest = generator.manifest;
  const processor = createProcessor(testProcessorOptions(topic, url, { dlqTopic }), createEnricher());
  try {
    const producer = testKafkaClient().producer();
    await producer.connect();
    // Oversized records exceed the client's default 1 MB request: send them one by one.
    const sendable = records.filter((record) => record.value.length < 900_000);
    for (let start = 0; start < sendable.length; start += 500) {
      await producer.send(topic, sendable.slice(start, start + 500).map((record) => ({ key: record.key, value: record.value })));
    }
    await producer.disconnect();
    await processor.start();
    await waitUntil('every record processed', () => (processor.status().totals.eventsIn === sendable.length ? true : undefined), { timeoutMs: 60_000 });

    const { messages } = await consumeMessages(testKafkaClient(), topic, sendable.length);
    const oracle = expectedHotCounts(messages, createEnricher(), 2 * 3_600_000);
    assert.equal(diffCounts(await readTrendCounts(redis), oracle.counts), []);
    // The dashboard's indexes agree with the counts (per region, over all regions, regions, skills, hours, TTLs).
    assert.equal((await indexDifferences(redis)).slice(0, 10), []);
    const totals = processor.status().totals;
    assert.is(totals.duplicates, oracle.duplicates);
    assert.is(totals.late, oracle.late);
    assert.is(totals.dlq, oracle.rejected);
    assert.is(totals.enriched, oracle.valid);

    // Record by record against the generator's ground truth.
    const { messages: dead } = await consumeMessages(testKafkaClient(), dlqTopic, totals.dlq);
    const byValue = new Map<string, GeneratedRecord>(sendable.map((record) => [record.value.toString('base64'), record]));
    const reasonsByKind = new Map<string, Set<string>>();
    for (const message of dead) {
      const record = byValue.get(message.value?.toString('base64') ?? '');
      assert.ok(record !== undefined, 'a DLQ record that was never produced');
      assert.ok(record.chaos.length > 0, `clean record ${record.index} went to the DLQ: ${message.headers['pulse.error.message']}`);
      for (const kind of record.chaos) {
        reasonsByKind.set(kind, (reasonsByKind.get(kind) ?? new Set()).add(message.headers['pulse.error.code']?.toString() ?? ''));
      }
    }
    const counts = manifest.snapshot().counts;
    assert.ok(counts.non_json > 0 && counts.future > 0 && counts.duplicate > 0 && counts.late > 0, JSON.stringify(counts));
    for (const reason of reasonsByKind.get('non_json') ?? []) assert.ok(['NOT_JSON', 'NOT_UTF8', 'NOT_OBJECT'].includes(reason), reason);
    assert.ok(reasonsByKind.get('future')?.has('FUTURE_TIMESTAMP'), 'no future record reached the DLQ as FUTURE_TIMESTAMP');
    // Exactly the future records (and repeats of their bytes) are refused as FUTURE_TIMESTAMP.
    const futureValues = new Set(records.filter((record) => record.chaos.includes('future')).map((record) => record.value.toString('base64')));
    const refusedAsFuture = dead.filter((message) => message.headers['pulse.error.code']?.toString() === 'FUTURE_TIMESTAMP').map((message) => message.value?.toString('base64') ?? '');
    for (const value of refusedAsFuture) assert.ok(futureValues.has(value), 'a record without future chaos was refused as FUTURE_TIMESTAMP');
    const onlyFuture = sendable.filter((record) => record.chaos.length === 1 && record.chaos[0] === 'future').map((record) => record.value.toString('base64'));
    for (const value of onlyFuture) assert.ok(refusedAsFuture.includes(value), 'a future record was not refused as FUTURE_TIMESTAMP');
  } finally {
    await processor.stop();
    redis.disconnect();
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
