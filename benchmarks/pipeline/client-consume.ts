/**
 * Raw consume rate per Node Kafka client on the same topic: a fresh consumer group reads every
 * record and does nothing with it. kafkajs and Confluent's client go through the project's adapter
 * (core/kafka, batches of up to the processor's default max batch, as the processor asks);
 * @platformatic/kafka, which has no adapter, through its own stream API. The rate is timed from the first record to the last, so the
 * group join is left out as it is for ConsumerPerformance.
 */
import { createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import type { KafkaClientName } from '../../core/kafka/types.ts';
import { PROCESSOR_DEFAULTS } from '../../processor/runner/processor-options.ts';

export type RaceClient = KafkaClientName | 'platformatic';

export interface ConsumeRun {
  client: RaceClient;
  events: number;
  eventsPerSec: number;
  mbPerSec: number;
}

const TIMEOUT_MS = 180_000;

async function adapterConsume(client: KafkaClientName, brokers: string[], topic: string, total: number): Promise<{ seconds: number; bytes: number }> {
  const consumer = createKafkaClient(client, { brokers, clientId: 'bench-consume' }).consumer({
    groupId: `bench-consume-${client}-${Date.now().toString(36)}`,
    fromBeginning: true,
    maxBatchSize: PROCESSOR_DEFAULTS.maxBatchSize,
  });
  await consumer.connect();
  await consumer.subscribe([topic]);
  let seen = 0;
  let bytes = 0;
  let firstAt = 0;
  let lastAt = 0;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${client}: ${seen} of ${total} records after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    void consumer.run(async (batch) => {
      if (firstAt === 0) firstAt = performance.now();
      for (const message of batch.messages) bytes += (message.value?.length ?? 0) + (message.key?.length ?? 0);
      seen += batch.messages.length;
      if (seen >= total) {
        lastAt = performance.now();
        clearTimeout(timer);
        resolve();
      }
    });
  });
  try {
    await done;
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  return { seconds: (lastAt - firstAt) / 1000, bytes };
}

async function platformaticConsume(brokers: string[], topic: string, total: number): Promise<{ seconds: number; bytes: number }> {
  const { Consumer, MessagesStreamModes } = await import('@platformatic/kafka');
  const consumer = new Consumer({ groupId: `bench-consume-platformatic-${Date.now().toString(36)}`, clientId: 'bench-consume', bootstrapBrokers: brokers });
  const stream = await consumer.consume({ autocommit: false, topics: [topic], mode: MessagesStreamModes.EARLIEST, sessionTimeout: 30_000, heartbeatInterval: 1000 });
  let seen = 0;
  let bytes = 0;
  let firstAt = 0;
  const timer = setTimeout(() => void stream.close(), TIMEOUT_MS);
  try {
    for await (const message of stream) {
      if (firstAt === 0) firstAt = performance.now();
      bytes += (message.value?.length ?? 0) + (message.key?.length ?? 0);
      if (++seen >= total) break;
    }
  } finally {
    clearTimeout(timer);
  }
  const lastAt = performance.now();
  await stream.close().catch(() => undefined);
  await consumer.close().catch(() => undefined);
  if (seen < total) throw new Error(`platformatic: ${seen} of ${total} records after ${TIMEOUT_MS / 1000} s`);
  return { seconds: (lastAt - firstAt) / 1000, bytes };
}

export async function consumeRate(client: RaceClient, brokers: string[], topic: string, total: number): Promise<ConsumeRun> {
  const { seconds, bytes } = client === 'platformatic' ? await platformaticConsume(brokers, topic, total) : await adapterConsume(client, brokers, topic, total);
  return { client, events: total, eventsPerSec: total / seconds, mbPerSec: bytes / 1e6 / seconds };
}
