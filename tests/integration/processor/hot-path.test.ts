/**
 * The hot path against the real broker and Redis, with hand-made events whose expected counts are
 * known exactly: duplicates, late events, DLQ records with their headers, idle partitions.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Redis } from 'ioredis';
import type { KafkaClientName } from '../../../core/kafka/types.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { createProcessor, type Processor } from '../../../processor/runner/create-processor.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { postingEvent } from '../../helpers/events.ts';
import { consumeMessages, createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { testProcessorOptions } from '../../helpers/processor.ts';
import { freshRedisDb, readTrendCounts } from '../../helpers/redis.ts';

const hotPath = suite('hot path');
const context: { topic: string; redis: Redis; redisUrl: string; processor?: Processor } = {} as never;

hotPath.before.each(async () => {
  context.topic = (await createTestTopicWithDlq('hot', 3)).topic;
  const { url, redis } = await freshRedisDb(1);
  context.redis = redis;
  context.redisUrl = url;
});

hotPath.after.each(async () => {
  await context.processor?.stop();
  context.processor = undefined;
  context.redis.disconnect();
  await deleteTestTopic(context.topic);
  await deleteTestTopic(`${context.topic}.dlq`);
});

async function produce(messages: Array<{ key: string; value: string | Buffer; partition: number }>): Promise<void> {
  const producer = testKafkaClient().producer();
  await producer.connect();
  await producer.send(context.topic, messages);
  await producer.disconnect();
}

/** The whole hot path on one Kafka client: both adapters must give the same counts, DLQ and fences. */
async function countsScenario(kafkaClient: KafkaClientName): Promise<void> {
  const json = (value: unknown) => JSON.stringify(value);
  const records = [
    // Partition 0: two postings in the 10:00 hour, one in 11:00, a duplicate, then an event at 14:30
    // that moves the watermark to 12:30, so a 10:15 event is late (window 10:00–11:00 is final).
    { partition: 0, key: 'a', value: json(postingEvent('a', '2024-03-15T10:05:00Z')) },
    { partition: 0, key: 'b', value: json(postingEvent('b', '2024-03-15T10:40:00Z', { location: 'Berlin, Germany', description: 'Kafka and Go (Golang) developers' })) },
    { partition: 0, key: 'a', value: json(postingEvent('a', '2024-03-15T10:05:00Z')) },
    { partition: 0, key: 'c', value: json(postingEvent('c', '2024-03-15T11:20:00Z')) },
    { partition: 0, key: 'd', value: json(postingEvent('d', '2024-03-15T14:30:00Z', { description: 'Python only' })) },
    { partition: 0, key: 'e', value: json(postingEvent('e', '2024-03-15T10:15:00Z')) },
    // Partition 1: a record that is not JSON and one with a garbage timestamp.
    { partition: 1, key: 'x', value: Buffer.from('not json at all') },
    { partition: 1, key: 'y', value: json({ ...postingEvent('y', '2024-03-15T10:00:00Z'), timestamp: 'soon' }) },
    // Partition 2: a repaired event (epoch seconds, untrimmed title) in the 10:00 hour.
    { partition: 2, key: 'f', value: json({ ...postingEvent('f', '2024-03-15T10:00:00Z'), timestamp: 1710497400 }) },
  ];
  await produce(records);
  const enricher = createEnricher();
  const options = testProcessorOptions(context.topic, context.redisUrl, { idleTimeoutMs: 1000, kafkaClient });
  context.processor = createProcessor(options, enricher);
  await context.processor.start();
  await waitUntil('all records processed', () => (context.processor!.status().totals.eventsIn === records.length ? true : undefined), { timeoutMs: 30_000 });

  const expectedSkills = enricher.enrich({ title: 'Senior Data Engineer', description: 'We need Python, Kafka and PostgreSQL experience.', location: 'London, UK' });
  assert.equal([...expectedSkills.skills].sort(), ['kafka', 'postgresql', 'python']);
  const counts = await readTrendCounts(context.redis);
  const expected = new Map<string, number>([
    // a + f in London 10:00 (e is late, the second a a duplicate)
    ['trend:python:uk:2024-03-15-10', 2], ['trend:kafka:uk:2024-03-15-10', 2], ['trend:postgresql:uk:2024-03-15-10', 2],
    ['trend:kafka:de:2024-03-15-10', 1], ['trend:go:de:2024-03-15-10', 1],
    ['trend:python:uk:2024-03-15-11', 1], ['trend:kafka:uk:2024-03-15-11', 1], ['trend:postgresql:uk:2024-03-15-11', 1],
    ['trend:python:uk:2024-03-15-14', 1],
  ]);
  assert.equal(Object.fromEntries([...counts].sort()), Object.fromEntries([...expected].sort()));

  const totals = context.processor.status().totals;
  assert.equal(totals, { eventsIn: 9, enriched: 6, dlq: 2, duplicates: 1, late: 1 });
  const metrics = await context.processor.metrics.registry.metrics();
  assert.match(metrics, /pulse_late_events_total\{partition="0"\} 1/);
  assert.match(metrics, /pulse_dlq_events_total\{reason="NOT_JSON"\} 1/);
  assert.match(metrics, /pulse_dlq_events_total\{reason="BAD_TIMESTAMP"\} 1/);
  assert.match(metrics, /pulse_events_repaired_total\{repair="TIMESTAMP_FORMAT"\} 1/);

  // The index the dashboard reads: skills of the hour over all regions, and per region.
  assert.equal(await context.redis.zrevrange('pulse:idx:skills:all:2024-03-15-10', 0, -1, 'WITHSCORES'), ['kafka', '3', 'python', '2', 'postgresql', '2', 'go', '1']);
  assert.equal((await context.redis.smembers('pulse:idx:regions')).sort(), ['de', 'uk']);
  // Fences: the last offset of each partition that carried records.
  assert.equal(await context.redis.hget(`pulse:fence:${context.topic}:0`, 'offset'), '5');
  assert.equal(await context.redis.hget(`pulse:fence:${context.topic}:1`, 'offset'), '1');
  assert.equal(await context.redis.hget(`pulse:fence:${context.topic}:2`, 'offset'), '0');

  // The DLQ holds the original bytes and key, with headers saying why and where from.
  const { messages: dead } = await consumeMessages(testKafkaClient(), `${context.topic}.dlq`, 2);
  const byKey = new Map(dead.map((message) => [message.key?.toString(), message]));
  const notJson = byKey.get('x')!;
  assert.is(notJson.value?.toString(), 'not json at all');
  assert.is(notJson.headers['pulse.error.code']?.toString(), 'NOT_JSON');
  assert.is(notJson.headers['pulse.source.topic']?.toString(), context.topic);
  assert.is(notJson.headers['pulse.source.partition']?.toString(), '1');
  assert.is(notJson.headers['pulse.source.offset']?.toString(), '0');
  assert.is(notJson.headers['pulse.processor.version']?.toString(), '0.1.0');
  assert.is(byKey.get('y')!.headers['pulse.error.code']?.toString(), 'BAD_TIMESTAMP');
  assert.ok((byKey.get('y')!.headers['pulse.error.message']?.toString() ?? '').includes('timestamp'));
}

for (const kafkaClient of ['kafkajs', 'confluent'] as const) {
  hotPath(`counts skills per region and UTC hour, drops duplicates, keeps late events out, sends rejects to the DLQ (${kafkaClient})`, () => countsScenario(kafkaClient));
}

hotPath('an idle partition stops holding the processor watermark back', async () => {
  const json = (value: unknown) => JSON.stringify(value);
  await produce([
    { partition: 0, key: 'p0', value: json(postingEvent('p0', '2024-03-15T08:00:00Z')) },
    { partition: 1, key: 'p1', value: json(postingEvent('p1', '2024-03-15T20:00:00Z')) },
  ]);
  const options = testProcessorOptions(context.topic, context.redisUrl, { idleTimeoutMs: 1500 });
  context.processor = createProcessor(options, createEnricher());
  await context.processor.start();
  await waitUntil('both partitions processed', () => (context.processor!.status().totals.eventsIn === 2 ? true : undefined), { timeoutMs: 30_000 });
  // While both are active the watermark is partition 0's (08:00 − 2 h); once partition 0 has been
  // silent for the idle timeout… both are silent, so the watermark is the larger: 20:00 − 2 h.
  const watermark = await waitUntil(
    'the watermark to pass the idle partition',
    () => {
      const value = context.processor!.status().watermarkMs;
      return value === Date.parse('2024-03-15T18:00:00Z') ? value : undefined;
    },
    { timeoutMs: 10_000 },
  );
  assert.is(watermark, Date.parse('2024-03-15T18:00:00Z'));
  // Now partition 1 keeps receiving records: it is active again and alone sets the watermark.
  await produce([{ partition: 1, key: 'p1b', value: json(postingEvent('p1b', '2024-03-15T21:00:00Z')) }]);
  await waitUntil('the new record', () => (context.processor!.status().totals.eventsIn === 3 ? true : undefined), { timeoutMs: 30_000 });
  await waitUntil('the watermark to follow the active partition', () => (context.processor!.status().watermarkMs === Date.parse('2024-03-15T19:00:00Z') ? true : undefined), { timeoutMs: 10_000 });
});

hotPath.run();
