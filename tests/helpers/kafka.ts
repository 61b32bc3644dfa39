/** Kafka helpers for tests: a uniquely named topic that is deleted afterwards, and draining a topic. */
import { createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import { DLQ_TOPIC_CONFIGS } from '../../infra/topics.ts';
import type { ConsumedMessage, KafkaClientName, PulseKafkaClient } from '../../core/kafka/types.ts';
import { waitUntil } from '../../core/wait-until.ts';
import { testBrokers, uniqueName } from './services.ts';

export function testKafkaClient(name: KafkaClientName = 'kafkajs'): PulseKafkaClient {
  return createKafkaClient(name, { brokers: testBrokers(), clientId: uniqueName(`test-${name}`) });
}

export async function createTestTopic(prefix: string, numPartitions = 3): Promise<string> {
  const topic = uniqueName(prefix);
  const admin = testKafkaClient().admin();
  await admin.connect();
  try {
    await admin.createTopics([{ topic, numPartitions }]);
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** A unique topic and its `.dlq` companion (one partition), as the processor expects them. */
export async function createTestTopicWithDlq(prefix: string, numPartitions = 3): Promise<{ topic: string; dlqTopic: string }> {
  const topic = await createTestTopic(prefix, numPartitions);
  const dlqTopic = `${topic}.dlq`;
  const admin = testKafkaClient().admin();
  await admin.connect();
  try {
    await admin.createTopics([{ topic: dlqTopic, numPartitions: 1, configs: DLQ_TOPIC_CONFIGS }]);
  } finally {
    await admin.disconnect();
  }
  return { topic, dlqTopic };
}

export async function deleteTestTopic(topic: string): Promise<void> {
  const admin = testKafkaClient().admin();
  await admin.connect();
  try {
    await admin.deleteTopics([topic]);
  } finally {
    await admin.disconnect();
  }
}

export interface ReceivedMessage extends ConsumedMessage {
  partition: number;
}

/** Consumes `topic` with a fresh group until `expected` distinct records arrived (or the deadline passes), each once. */
export async function consumeMessages(
  client: PulseKafkaClient,
  topic: string,
  expected: number,
  { timeoutMs = 30_000, commit = false }: { timeoutMs?: number; commit?: boolean } = {},
): Promise<{ messages: ReceivedMessage[]; groupId: string }> {
  const groupId = uniqueName('test-group');
  const consumer = client.consumer({ groupId, fromBeginning: true, sessionTimeoutMs: 10_000 });
  const messages: ReceivedMessage[] = [];
  // A rebalance (a heartbeat missed on a loaded machine is enough) sends an uncommitted group back to
  // the start of each partition: records arrive again. Counted twice, they would end the read before
  // every record arrived, and whatever compares with these messages would miss the rest.
  const received = new Set<string>();
  await consumer.connect();
  try {
    await consumer.subscribe([topic]);
    await consumer.run(async (batch) => {
      for (const message of batch.messages) {
        const key = `${batch.partition}:${message.offset}`;
        if (received.has(key)) continue;
        received.add(key);
        messages.push({ ...message, partition: batch.partition });
      }
      const last = batch.messages.at(-1);
      if (commit && last !== undefined) {
        await consumer.commit([{ topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
      }
    });
    await waitUntil(`${expected} messages on ${topic}`, () => (messages.length >= expected ? true : undefined), { timeoutMs });
  } finally {
    await consumer.disconnect();
  }
  return { messages, groupId };
}
