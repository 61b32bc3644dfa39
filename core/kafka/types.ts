/**
 * One small interface over the Kafka clients the project supports (kafkajs and Confluent's
 * librdkafka-based client). Only what the pipeline needs: keyed batches with headers, a consumer
 * group with manual commits and seeks, and the few admin calls the tools use.
 * Offsets are decimal strings, as both clients give them (they can exceed 2^53).
 */
export type KafkaClientName = 'kafkajs' | 'confluent';

export type HeaderValue = string | Buffer;

export interface OutgoingMessage {
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, HeaderValue>;
  /** Explicit partition; by default the client's partitioner hashes the key. */
  partition?: number;
}

export interface ConsumedMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
  /** Broker or producer timestamp in epoch milliseconds, as a string. */
  timestamp: string;
}

export interface ConsumedBatch {
  topic: string;
  partition: number;
  /** Offset of the next message the broker will write to this partition. */
  highWatermark: string;
  messages: ConsumedMessage[];
  /** True once a seek or a rebalance made the rest of this batch obsolete. */
  isStale(): boolean;
  heartbeat(): Promise<void>;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface TopicPartitionOffset extends TopicPartition {
  /** For commits and seeks: the offset of the next message to read. */
  offset: string;
}

export interface ProducerOptions {
  /** Idempotent producer (acks=all, one in-flight sequence per partition); default true. */
  idempotent?: boolean;
  /** How long the client may wait to fill a batch, in ms; default 5. */
  lingerMs?: number;
}

export interface PulseProducer {
  connect(): Promise<void>;
  /** Sends the messages and resolves when the broker acknowledged every one. */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface ConsumerOptions {
  groupId: string;
  /** Where a group with no committed offset starts; default true (earliest). */
  fromBeginning?: boolean;
  /** Session timeout in ms: a member silent this long is removed from the group; default 30000. */
  sessionTimeoutMs?: number;
  /** Most messages handed to one batch call; default 1000. */
  maxBatchSize?: number;
  /** Batches of this many different partitions may be handled at once; default 1. */
  partitionsConsumedConcurrently?: number;
}

export type BatchHandler = (batch: ConsumedBatch) => Promise<void>;

export interface PulseConsumer {
  connect(): Promise<void>;
  subscribe(topics: readonly string[]): Promise<void>;
  /**
   * Starts fetching; resolves once the loop runs. Batches of one partition never overlap and come
   * in offset order. Batches of different partitions overlap up to `partitionsConsumedConcurrently`
   * (confluent); the kafkajs adapter fetches a partition's next batch while its last one is handled
   * (one ahead), so there every partition of a fetch may have a batch in the handler at once.
   */
  run(handler: BatchHandler): Promise<void>;
  /** Next fetch of the partition starts at `offset`; the current batch becomes stale. */
  seek(target: TopicPartitionOffset): void;
  commit(offsets: readonly TopicPartitionOffset[]): Promise<void>;
  /** Partitions currently assigned to this member. */
  assignment(): TopicPartition[];
  /** Called when the client stopped consuming for good (it will not restart by itself). */
  onFatal(listener: (error: Error) => void): void;
  /** Leaves the group; batches already in the handler finish first, queued ones are dropped. */
  disconnect(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Topic-level configs, e.g. { 'retention.ms': '604800000' }. */
  configs?: Record<string, string>;
}

export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
}

export interface PulseAdmin {
  connect(): Promise<void>;
  /** Creates the topics that do not exist yet; returns the names it created. */
  createTopics(specs: readonly TopicSpec[]): Promise<string[]>;
  listTopics(): Promise<string[]>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  partitionCount(topic: string): Promise<number>;
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** Committed offsets of a group on a topic; -1 where nothing is committed. */
  committedOffsets(groupId: string, topic: string): Promise<Array<{ partition: number; offset: string }>>;
  disconnect(): Promise<void>;
}

export interface KafkaClientOptions {
  brokers: readonly string[];
  clientId: string;
  /** No client logs and no connection retries: for probes that only ask "is it up?". */
  quiet?: boolean;
}

export interface PulseKafkaClient {
  readonly name: KafkaClientName;
  producer(options?: ProducerOptions): PulseProducer;
  consumer(options: ConsumerOptions): PulseConsumer;
  admin(): PulseAdmin;
}
