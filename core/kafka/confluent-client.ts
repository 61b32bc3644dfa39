/** The Kafka adapter over @confluentinc/kafka-javascript (librdkafka), through its KafkaJS-style API. */
import confluent from '@confluentinc/kafka-javascript';
import type {
  ConsumerOptions,
  KafkaClientOptions,
  PulseAdmin,
  PulseConsumer,
  PulseKafkaClient,
  PulseProducer,
  ProducerOptions,
} from './types.ts';
import { byPartition, normaliseHeaders, toPartitionOffsets } from './normalise.ts';

const { Kafka, logLevel } = confluent.KafkaJS;

export function createConfluentClient(options: KafkaClientOptions): PulseKafkaClient {
  const kafkaJsConfig = {
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.ERROR,
  };
  const kafka = new Kafka({ kafkaJS: kafkaJsConfig });

  function producer(producerOptions: ProducerOptions = {}): PulseProducer {
    const client = kafka.producer({
      kafkaJS: { idempotent: producerOptions.idempotent ?? true, acks: -1, allowAutoTopicCreation: false },
      'linger.ms': producerOptions.lingerMs ?? 5,
      // The client's own cap (1 MB by default) would refuse DLQ records the DLQ topic accepts;
      // the broker's per-topic limit is the one that decides.
      'message.max.bytes': 8 * 1024 * 1024 + 64 * 1024,
      // librdkafka's default partitioner differs from Java's; murmur2 keeps a key on the same
      // partition whichever client produced it.
      partitioner: 'murmur2_random',
    });
    return {
      connect: () => client.connect(),
      async send(topic, messages) {
        if (messages.length === 0) return;
        await client.send({
          topic,
          messages: messages.map((message) => ({
            key: message.key,
            value: message.value,
            ...(message.headers !== undefined && { headers: message.headers }),
            ...(message.partition !== undefined && { partition: message.partition }),
          })),
        });
      },
      disconnect: () => client.disconnect(),
    };
  }

  function consumer(consumerOptions: ConsumerOptions): PulseConsumer {
    const client = kafka.consumer({
      kafkaJS: {
        groupId: consumerOptions.groupId,
        fromBeginning: consumerOptions.fromBeginning ?? true,
        autoCommit: false,
        sessionTimeout: consumerOptions.sessionTimeoutMs ?? 30_000,
      },
      'js.consumer.max.batch.size': consumerOptions.maxBatchSize ?? 1000,
      'allow.auto.create.topics': false,
    });
    return {
      connect: () => client.connect(),
      subscribe: (topics) => client.subscribe({ topics: [...topics] }),
      run: (handler) =>
        client.run({
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: consumerOptions.partitionsConsumedConcurrently ?? 1,
          eachBatch: async ({ batch, isStale, heartbeat, resolveOffset }) => {
            await handler({
              topic: batch.topic,
              partition: batch.partition,
              highWatermark: batch.highWatermark,
              messages: batch.messages.map((message) => ({
                offset: message.offset,
                key: message.key,
                value: message.value,
                timestamp: message.timestamp,
                headers: normaliseHeaders(message.headers),
              })),
              isStale,
              heartbeat,
            });
            // Moves the fetch position only (autoCommit is off): commits are the caller's.
            const last = batch.messages.at(-1);
            if (last !== undefined && !isStale()) resolveOffset(last.offset);
          },
        }),
      seek: (target) => client.seek(target),
      commit: async (offsets) => {
        if (offsets.length > 0) await client.commitOffsets([...offsets]);
      },
      assignment: () => client.assignment().map(({ topic, partition }) => ({ topic, partition })),
      // librdkafka reconnects and rejoins by itself; errors it cannot recover from reject run().
      onFatal: () => undefined,
      disconnect: () => client.disconnect(),
    };
  }

  function admin(): PulseAdmin {
    const client = kafka.admin();
    return {
      connect: () => client.connect(),
      async createTopics(specs) {
        const existing = new Set(await client.listTopics());
        const missing = specs.filter((spec) => !existing.has(spec.topic));
        if (missing.length === 0) return [];
        await client.createTopics({
          topics: missing.map((spec) => ({
            topic: spec.topic,
            numPartitions: spec.numPartitions,
            replicationFactor: 1,
            configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
          })),
        });
        return missing.map((spec) => spec.topic);
      },
      listTopics: () => client.listTopics(),
      deleteTopics: (topics) => client.deleteTopics({ topics: [...topics] }),
      async partitionCount(topic) {
        const [metadata] = await client.fetchTopicMetadata({ topics: [topic] });
        return metadata?.partitions.length ?? 0;
      },
      async topicOffsets(topic) {
        return toPartitionOffsets(await client.fetchTopicOffsets(topic));
      },
      async committedOffsets(groupId, topic) {
        const [entry] = await client.fetchOffsets({ groupId, topics: [topic] });
        return byPartition((entry?.partitions ?? []).map(({ partition, offset }) => ({ partition, offset })));
      },
      disconnect: () => client.disconnect(),
    };
  }

  return { name: 'confluent', producer, consumer, admin };
}
