/**
 * A fresh topic (and its DLQ) holding the standard corpus: replayed flat out with the generator's
 * publishRecords through the Confluent client (4 sends in flight, the generator's default for it),
 * re-stamped so the corpus ends now — event times then sit where a live stream's would, relative
 * to the records' CreateTime (future-chaos records are really in the future).
 */
import type { PulseAdmin } from '../../core/kafka/types.ts';
import { createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import { publishRecords } from '../../generator/index.ts';
import { restampedPasses } from './restamped-passes.ts';

export interface ReplayedTopic {
  topic: string;
  dlqTopic: string;
  sent: number;
  bytes: number;
  seconds: number;
  /** Offset of the next record per partition: the processor is done when every fence is end − 1. */
  ends: number[];
}

export const BENCH_PARTITIONS = 3;

export function benchTopicName(label: string): string {
  return `bench-${label}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

export async function createBenchTopics(admin: PulseAdmin, topic: string, partitions = BENCH_PARTITIONS): Promise<string> {
  const dlqTopic = `${topic}.dlq`;
  await admin.createTopics([
    { topic, numPartitions: partitions },
    { topic: dlqTopic, numPartitions: 1 },
  ]);
  return dlqTopic;
}

export async function replayIntoFreshTopic(brokers: string[], corpusFile: string, label: string, partitions = BENCH_PARTITIONS): Promise<ReplayedTopic> {
  const client = createKafkaClient('confluent', { brokers, clientId: 'bench-replay' });
  const admin = client.admin();
  await admin.connect();
  const producer = client.producer({ idempotent: true });
  try {
    const topic = benchTopicName(label);
    const dlqTopic = await createBenchTopics(admin, topic, partitions);
    await producer.connect();
    const now = Date.now();
    const summary = await publishRecords(producer, topic, restampedPasses(corpusFile, { loops: 1, passEndMs: () => now }), { batchSize: 500, maxInFlight: 4 });
    const offsets = await admin.topicOffsets(topic);
    const ends = offsets.sort((a, b) => a.partition - b.partition).map((entry) => Number(entry.high));
    return { topic, dlqTopic, sent: summary.sent, bytes: summary.bytes, seconds: summary.elapsedMs / 1000, ends };
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

/** A plain topic of BENCH_PARTITIONS partitions (the broker does not create topics on first use). */
export async function createTopic(brokers: string[], topic: string): Promise<void> {
  const admin = createKafkaClient('kafkajs', { brokers, clientId: 'bench-topics' }).admin();
  await admin.connect();
  try {
    await admin.createTopics([{ topic, numPartitions: BENCH_PARTITIONS }]);
  } finally {
    await admin.disconnect();
  }
}

export async function deleteBenchTopics(brokers: string[], topics: string[]): Promise<void> {
  const admin = createKafkaClient('kafkajs', { brokers, clientId: 'bench-cleanup' }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics(topics);
  } finally {
    await admin.disconnect();
  }
}
