/** The Kafka adapter over kafkajs (pure JavaScript). */
import kafkajs from 'kafkajs';
import type {
  ConsumerOptions,
  KafkaClientOptions,
  PulseAdmin,
  PulseConsumer,
  PulseKafkaClient,
  PulseProducer,
  ProducerOptions,
  TopicPartition,
} from './types.ts';
import { byPartition, normaliseHeaders, toPartitionOffsets } from './normalise.ts';
import { createPartitionLanes } from './partition-lanes.ts';

const { Kafka, Partitioners, logLevel } = kafkajs;

/** 8 MiB: room for a batch of the processor's default 4000 records of ~2 KB in one fetch. */
const MAX_BYTES_PER_PARTITION = 8 * 1024 * 1024;
/**
 * A fetch response's limit: the full share of up to 8 partitions. kafkajs's default (10 MiB) holds
 * the share of only 2.5, so with more partitions assigned each fetch brought fewer records per
 * partition, in more and smaller batches, and each batch costs a Redis script, an fdatasync and a
 * fence: 8 shares (32 MiB with 4 MiB shares) measured 9–11% faster end to end with one process on
 * 6 partitions (`benchmarks/results/hot-path-experiments.md`). A broker caps a response at its own
 * `fetch.max.bytes` (55 MiB by default), which still holds the full share of 6 partitions.
 */
const MAX_BYTES_PER_FETCH = 8 * MAX_BYTES_PER_PARTITION;

export function createKafkajsClient(options: KafkaClientOptions): PulseKafkaClient {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: options.quiet === true ? logLevel.NOTHING : logLevel.ERROR,
    retry: options.quiet === true ? { retries: 0 } : { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
  });

  function producer(producerOptions: ProducerOptions = {}): PulseProducer {
    const idempotent = producerOptions.idempotent ?? true;
    // The Java-compatible murmur2 partitioner, so that both clients put a key in the same partition.
    const client = kafka.producer({
      idempotent,
      maxInFlightRequests: idempotent ? 1 : 5,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    return {
      connect: () => client.connect(),
      async send(topic, messages) {
        if (messages.length === 0) return;
        await client.send({
          topic,
          acks: -1,
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
      groupId: consumerOptions.groupId,
      sessionTimeout: consumerOptions.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.max(500, Math.floor((consumerOptions.sessionTimeoutMs ?? 30_000) / 10)),
      allowAutoTopicCreation: false,
      maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
      maxBytes: MAX_BYTES_PER_FETCH,
      // kafkajs heartbeats between fetches: an idle long-poll must end well within the session.
      maxWaitTimeInMs: Math.min(1000, Math.floor((consumerOptions.sessionTimeoutMs ?? 30_000) / 3)),
    });
    const fromBeginning = consumerOptions.fromBeginning ?? true;
    const maxBatchSize = consumerOptions.maxBatchSize ?? 1000;
    const lanes = createPartitionLanes();
    let disconnecting = false;
    let assigned: TopicPartition[] = [];
    client.on(client.events.GROUP_JOIN, (event) => {
      // A new generation of the group: the client fetches from the committed offsets again.
      lanes.invalidateAll();
      assigned = Object.entries(event.payload.memberAssignment).flatMap(([topic, partitions]) =>
        partitions.map((partition) => ({ topic, partition })),
      );
    });
    return {
      connect: () => client.connect(),
      subscribe: (topics) => client.subscribe({ topics: [...topics], fromBeginning }),
      run: (handler) =>
        client.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: consumerOptions.partitionsConsumedConcurrently ?? 1,
          eachBatch: async ({ batch, isStale, heartbeat, resolveOffset }) => {
            const last = batch.messages.at(-1);
            if (last === undefined || isStale() || disconnecting) return;
            const { topic, partition, highWatermark } = batch;
            const firstOffset = batch.messages[0]!.offset;
            const reported = lanes.enqueue(partition, async (isCurrent) => {
              const current = (): boolean => isCurrent() && !isStale();
              try {
                // kafkajs hands over whole fetch responses; cut them to the configured size.
                for (let start = 0; start < batch.messages.length; start += maxBatchSize) {
                  if (!current()) return;
                  const messages = batch.messages.slice(start, start + maxBatchSize).map((message) => ({
                    offset: message.offset,
                    key: message.key,
                    value: message.value,
                    timestamp: message.timestamp,
                    headers: normaliseHeaders(message.headers),
                  }));
                  await handler({ topic, partition, highWatermark, messages, isStale: () => !current(), heartbeat });
                }
              } catch (error) {
                // The fetch position is already past this batch: move it back, so that nothing is skipped.
                lanes.invalidate(partition);
                try {
                  client.seek({ topic, partition, offset: firstOffset });
                } catch {
                  // The consumer stopped: a new one starts from the committed offsets, behind this batch.
                }
                throw error;
              }
            });
            // Moves the fetch position only (autoCommit is off): commits are the caller's. Done now, so
            // that the next fetch runs while this batch's writes finish.
            resolveOffset(last.offset);
            await reported;
          },
        }),
      seek: (target) => {
        lanes.invalidate(target.partition);
        client.seek(target);
      },
      commit: async (offsets) => {
        if (offsets.length > 0) await client.commitOffsets([...offsets]);
      },
      assignment: () => [...assigned],
      onFatal: (listener) => {
        client.on(client.events.CRASH, (event) => {
          if (!event.payload.restart) listener(event.payload.error);
        });
      },
      async disconnect() {
        // The batches being handled finish first, so that their commits still reach the group.
        disconnecting = true;
        await lanes.drain();
        await client.disconnect();
      },
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
          waitForLeaders: true,
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
        const metadata = await client.fetchTopicMetadata({ topics: [topic] });
        return metadata.topics[0]?.partitions.length ?? 0;
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

  return { name: 'kafkajs', producer, consumer, admin };
}
