/**
 * The stream processor: a consumer-group member that runs each batch through decode → dedup →
 * enrich → window, sends rejects to the DLQ, applies counts to Redis with the partition's fence,
 * and only then commits the offset. Partition state is claimed from Redis (bumping the owner
 * epoch) the first time a partition's batch arrives, and dropped whenever a write is refused.
 */
import os from 'node:os';
import { Redis } from 'ioredis';
import { crashPoint } from '../../core/crash-points.ts';
import { isPulseError } from '../../core/errors.ts';
import { createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import type { ConsumedBatch, ConsumedMessage, OutgoingMessage, PulseConsumer, PulseProducer } from '../../core/kafka/types.ts';
import { logger } from '../../core/logger.ts';
import { withRetry } from '../../core/retry.ts';
import type { ColdSink } from '../../sinks/parquet/cold-sink.ts';
import { createHotSink, type HotSink } from '../../sinks/redis/hot-sink.ts';
import { PROCESSORS_KEY, processorHeartbeatKey } from '../../sinks/redis/hot-keys.ts';
import type { Enricher } from '../enrich/enricher.ts';
import { type PartitionActivity, combinedWatermark, partitionWatermark } from '../window/watermark.ts';
import { type BatchOutcome, type DlqRecord, type ProcessOptions, processBatch } from './process-batch.ts';
import { type PartitionState, newPartitionState } from './partition-state.ts';
import { type ProcessorMetrics, createProcessorMetrics } from './processor-metrics.ts';
import type { ProcessorOptions } from './processor-options.ts';

export const PROCESSOR_VERSION = '0.1.0';
/** The broker refuses a produce request whose record batch exceeds its size limit (1 MB by default). */
const DLQ_SEND_BYTES = 512 * 1024;
const HEARTBEAT_INTERVAL_MS = 1000;
/** Pause before replacing a failed Kafka consumer; doubles per replacement up to 30 s, reset by a handled batch. */
const FIRST_REPLACEMENT_PAUSE_MS = 1000;

interface OwnedPartition {
  state: PartitionState;
  epoch: string;
  activity: PartitionActivity;
  consumerLag: number;
  /** Set at the claim: the first batch after it seeks to the fence if Kafka starts elsewhere. */
  awaitingFirstBatch: boolean;
}

export interface ProcessorStatus {
  id: string;
  version: string;
  taxonomyVersion: string;
  startedAtMs: number;
  heartbeatAtMs: number;
  watermarkMs: number | null;
  /** Partitions the group gave this member. */
  assigned: number[];
  partitions: Array<{ partition: number; lastOffset: number; watermarkMs: number | null; consumerLag: number; idle: boolean }>;
  totals: { eventsIn: number; enriched: number; dlq: number; duplicates: number; late: number };
  /**
   * Present while a sink write keeps failing (e.g. the cold store's disk is full): the batch is
   * retried with backoff and the fence does not move. Heartbeats of older processors lack it.
   */
  degraded?: SinkTrouble;
}

export interface SinkTrouble {
  sink: 'cold';
  /** The last failure's message, e.g. `ENOSPC: no space left on device, write`. */
  lastError: string;
  sinceMs: number;
  retries: number;
}

export interface Processor {
  readonly metrics: ProcessorMetrics;
  /**
   * Switches to another enricher (a new taxonomy version). Each partition's next batch is the
   * first one it enriches; the apply script logs `version@first offset` per partition in Redis.
   */
  useEnricher(next: Enricher): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ProcessorStatus;
}

/**
 * `cold` is the Parquet sink; without it only the hot path runs (tests of the hot path alone).
 * The runner owns its lifecycle: recover on claim, stage before every Redis apply, close on stop.
 */
export interface ProcessorHooks {
  /** Called after a batch's counts are visible in Redis (benchmarks measure produce→visible latency). */
  batchApplied?(partition: number, messages: readonly ConsumedMessage[], appliedAtMs: number): void;
}

export function createProcessor(options: ProcessorOptions, initialEnricher: Enricher, cold?: ColdSink, hooks: ProcessorHooks = {}): Processor {
  let enricher = initialEnricher;
  const log = logger.child({ component: 'processor', processorId: options.processorId });
  const metrics = createProcessorMetrics();
  const kafka = createKafkaClient(options.kafkaClient, { brokers: options.brokers, clientId: `pulse-processor-${options.processorId}` });
  const newConsumer = (): PulseConsumer => {
    const created = kafka.consumer({
      groupId: options.groupId,
      fromBeginning: true,
      maxBatchSize: options.maxBatchSize,
      sessionTimeoutMs: options.sessionTimeoutMs,
      partitionsConsumedConcurrently: options.partitionConcurrency,
    });
    created.onFatal((error) => void replaceConsumer(created, error));
    return created;
  };
  let consumer: PulseConsumer = newConsumer();
  let stopping = false;
  /** Set while a failed consumer is replaced: its last assignment is stale, so nothing is claimed. */
  let replacing = false;
  /**
   * Batches being handled, with their partitions. A replacement consumer waits for them before
   * partitions are claimed again; and since the Kafka client may fetch ahead and rejoin the group
   * while a batch's writes finish, a revoked partition is forgotten only once its batch ended.
   */
  const inFlight = new Map<Promise<void>, number>();
  const dlqProducer: PulseProducer = kafka.producer({ idempotent: true });
  // No lazy connect: ioredis connects and reconnects on its own with capped backoff, and commands
  // wait for the connection (maxRetriesPerRequest null), so a Redis that is down at start-up or
  // restarts mid-run delays the processor instead of crashing it.
  const redis = new Redis(options.redisUrl, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 6), 5000),
  });
  redis.on('error', (error) => log.warn({ err: error.message }, 'redis connection error'));
  const hot: HotSink = createHotSink(redis, { topic: options.topic, ttlMs: options.hotTtlMs });
  const processOptions: ProcessOptions = {
    allowedLatenessMs: options.allowedLatenessMs,
    decode: { maxRecordBytes: 4 * 1024 * 1024, maxFutureSkewMs: options.maxFutureSkewMs },
  };
  const owned = new Map<number, OwnedPartition>();
  const totals = { eventsIn: 0, enriched: 0, dlq: 0, duplicates: 0, late: 0 };
  const startedAtMs = Date.now();
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let watermarkMs = Number.NEGATIVE_INFINITY;
  let sinkTrouble: SinkTrouble | undefined;

  async function claim(partition: number): Promise<OwnedPartition> {
    const claimed = await withRetry(`claiming partition ${partition} in Redis`, () => hot.claim(partition), {
      attempts: Number.POSITIVE_INFINITY,
      initialDelayMs: 100,
      maxDelayMs: 5000,
      onRetry: () => metrics.sinkRetries.inc({ sink: 'redis' }),
    });
    const state = newPartitionState(partition, options.dedupGraceMs);
    state.lastOffset = claimed.lastOffset;
    state.maxEventTimeMs = claimed.maxEventTimeMs;
    for (const [hour, bucket] of claimed.dedup) state.dedup.buckets.set(hour, bucket);
    // The cold store must hold exactly the rows up to the fence: trim what was staged beyond it.
    const coldRecovery = cold === undefined ? undefined : await cold.recover(partition, claimed.lastOffset);
    log.info(
      { partition, epoch: claimed.epoch, resumeOffset: claimed.lastOffset + 1, dedupIds: state.dedup.size(), coldOffset: coldRecovery?.progressOffset },
      'claimed partition',
    );
    return {
      state,
      epoch: claimed.epoch,
      activity: { watermarkMs: partitionWatermark(state.maxEventTimeMs, options.allowedLatenessMs), lastRecordAtMs: Date.now() },
      consumerLag: 0,
      awaitingFirstBatch: true,
    };
  }

  const claims = new Map<number, Promise<OwnedPartition>>();

  /** The partition's state, claimed first if this process does not hold it; one claim at a time. */
  function owning(partition: number): Promise<OwnedPartition> {
    const existing = owned.get(partition);
    if (existing !== undefined) return Promise.resolve(existing);
    let pending = claims.get(partition);
    if (pending === undefined) {
      pending = claim(partition)
        .then((owner) => {
          owned.set(partition, owner);
          return owner;
        })
        .finally(() => claims.delete(partition));
      claims.set(partition, pending);
    }
    return pending;
  }

  function dlqMessage(record: DlqRecord, topic: string, partition: number): OutgoingMessage {
    return {
      key: record.message.key,
      value: record.message.value,
      headers: {
        ...record.message.headers,
        'pulse.error.code': record.reason,
        'pulse.error.message': record.detail,
        'pulse.source.topic': topic,
        'pulse.source.partition': String(partition),
        'pulse.source.offset': record.message.offset,
        'pulse.processor.version': PROCESSOR_VERSION,
      },
    };
  }

  function recordMetrics(outcome: BatchOutcome, received: number): void {
    const partition = String(outcome.partition);
    metrics.eventsIn.inc({ partition }, received);
    metrics.enriched.inc({ partition }, outcome.rows.length);
    metrics.duplicates.inc({ partition }, outcome.duplicates);
    metrics.late.inc({ partition }, outcome.late);
    for (const [repair, count] of outcome.repairs) metrics.repaired.inc({ repair }, count);
    for (const record of outcome.dlq) metrics.dlq.inc({ reason: record.reason });
    totals.eventsIn += received;
    totals.enriched += outcome.rows.length;
    totals.dlq += outcome.dlq.length;
    totals.duplicates += outcome.duplicates;
    totals.late += outcome.late;
  }

  /**
   * A write was refused: another member claimed the partition, so the group is moving it. Its state
   * is dropped, and the consumer goes back to this batch, so that batches it fetched ahead are not
   * handled: one would claim the partition straight back from its new owner. If the group leaves
   * the partition here (a rolled-back Redis), the batch comes again and is claimed afresh.
   */
  function dropRefused(batch: ConsumedBatch, firstOffset: string): void {
    owned.delete(batch.partition);
    consumer.seek({ topic: batch.topic, partition: batch.partition, offset: firstOffset });
  }

  async function handleBatch(batch: ConsumedBatch): Promise<void> {
    const { partition, topic } = batch;
    const started = process.hrtime.bigint();
    const owner = await owning(partition);
    if (owner.awaitingFirstBatch) {
      owner.awaitingFirstBatch = false;
      const resumeAt = owner.state.lastOffset + 1;
      const first = batch.messages[0];
      if (first !== undefined && Number(first.offset) !== resumeAt && resumeAt > 0) {
        log.info({ partition, from: first.offset, to: resumeAt }, 'seeking to the fence');
        consumer.seek({ topic, partition, offset: String(resumeAt) });
        return;
      }
    }
    const messages = batch.messages.filter((message) => Number(message.offset) > owner.state.lastOffset);
    if (messages.length === 0 || batch.isStale()) return;
    const expectedOffset = owner.state.lastOffset;
    // One enricher for the whole batch, so a taxonomy switch happens between batches.
    const batchEnricher = enricher;
    try {
      const outcome = processBatch(owner.state, messages, batchEnricher, processOptions, Date.now());
      for (const chunk of chunkByBytes(outcome.dlq.map((record) => dlqMessage(record, topic, partition)), DLQ_SEND_BYTES)) {
        await withRetry('sending to the DLQ', () => dlqProducer.send(options.dlqTopic, chunk), {
          attempts: Number.POSITIVE_INFINITY,
          initialDelayMs: 200,
          maxDelayMs: 5000,
          onRetry: (error) => {
            metrics.sinkRetries.inc({ sink: 'kafka' });
            log.warn({ partition, err: (error as Error).message }, 'retrying the DLQ send');
          },
        });
      }
      // Cold rows are durable before the fence moves, so the cold store is never behind Redis.
      if (cold !== undefined) {
        // A failed write (disk full, I/O error) leaves no rows behind (the sink cuts a partial append
        // back), so it is retried in place until it works: the fence holds and the heartbeat says
        // degraded meanwhile. Anything else is our bug: returned out of the retry and thrown.
        const bug = await withRetry(`staging partition ${partition} in the cold store`, () => cold.stage(outcome).then(() => undefined, rejectIfIoError), {
          attempts: Number.POSITIVE_INFINITY,
          initialDelayMs: 200,
          maxDelayMs: 5000,
          onRetry: (error) => {
            metrics.sinkRetries.inc({ sink: 'cold' });
            const lastError = (error as Error).message;
            sinkTrouble = { sink: 'cold', lastError, sinceMs: sinkTrouble?.sinceMs ?? Date.now(), retries: (sinkTrouble?.retries ?? 0) + 1 };
            log.warn({ partition, err: lastError }, 'retrying the cold stage');
            // Stay in the group while waiting for the disk, so the partitions do not move meanwhile.
            batch.heartbeat().catch(() => undefined);
          },
        });
        if (isPulseError(bug) && bug.code === 'PARTITION_LOST') {
          metrics.staleWrites.inc({ partition: String(partition) });
          log.warn({ partition }, 'write refused: another processor owns the partition now; dropping partition state');
          dropRefused(batch, messages[0]!.offset);
          return;
        }
        if (bug !== undefined) throw bug;
        sinkTrouble = undefined;
      }
      crashPoint('after-cold-stage');
      const result = await withRetry(`applying partition ${partition} to Redis`, () => hot.apply(outcome, owner.epoch, expectedOffset, batchEnricher.taxonomyVersion), {
        attempts: Number.POSITIVE_INFINITY,
        initialDelayMs: 100,
        maxDelayMs: 5000,
        onRetry: (error) => {
          metrics.sinkRetries.inc({ sink: 'redis' });
          log.warn({ partition, err: (error as Error).message }, 'retrying the Redis apply');
        },
      });
      crashPoint('after-redis-apply');
      if (result.applied) hooks.batchApplied?.(partition, messages, Date.now());
      if (!result.applied) {
        metrics.staleWrites.inc({ partition: String(partition) });
        log.warn({ partition, status: result.status, fenceOffset: result.fenceOffset }, 'write refused by the fence; dropping partition state');
        dropRefused(batch, messages[0]!.offset);
        return;
      }
      recordMetrics(outcome, messages.length);
      await hot.announce(partition, result.updates).catch((error: Error) => log.warn({ err: error.message }, 'announce failed'));
      await consumer.commit([{ topic, partition, offset: String(outcome.lastOffset + 1) }]).catch((error: Error) =>
        // The fence, not the committed offset, is the truth; a failed commit only delays monitoring.
        log.warn({ partition, err: error.message }, 'offset commit failed'),
      );
      crashPoint('after-offset-commit');
      owner.activity = { watermarkMs: partitionWatermark(owner.state.maxEventTimeMs, options.allowedLatenessMs), lastRecordAtMs: Date.now() };
      owner.consumerLag = Math.max(0, Number(batch.highWatermark) - outcome.lastOffset - 1);
      metrics.consumerLag.set({ partition: String(partition) }, owner.consumerLag);
      if (Number.isFinite(owner.activity.watermarkMs)) {
        metrics.partitionWatermark.set({ partition: String(partition) }, owner.activity.watermarkMs / 1000);
        metrics.watermarkLag.set({ partition: String(partition) }, (Date.now() - owner.activity.watermarkMs) / 1000);
      }
      metrics.batchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    } catch (error) {
      // The state may hold decisions the sinks never received: forget it, re-claim on the next batch.
      owned.delete(partition);
      throw error;
    }
  }

  let replacementPauseMs = FIRST_REPLACEMENT_PAUSE_MS;

  function handleTracked(batch: ConsumedBatch): Promise<void> {
    const handling = handleBatch(batch).then(() => {
      replacementPauseMs = FIRST_REPLACEMENT_PAUSE_MS;
    });
    inFlight.set(handling, batch.partition);
    handling.then(
      () => inFlight.delete(handling),
      () => inFlight.delete(handling),
    );
    return handling;
  }

  /** Subscribes and runs the current consumer, which must be connected (connect() may run once only). */
  async function startConsuming(): Promise<void> {
    await consumer.subscribe([options.topic]);
    await consumer.run(handleTracked);
  }

  /**
   * The client gave up (e.g. kafkajs found no group coordinator while the broker was down longer
   * than its retries): a new consumer takes over in this process, with capped backoff, so nobody has
   * to restart the processor. Partitions are forgotten only after in-flight batches have ended, and
   * are claimed afresh (new epoch, resume at the fence) when the group assigns them again.
   */
  async function replaceConsumer(failed: PulseConsumer, error: Error): Promise<void> {
    if (stopping || failed !== consumer) return;
    replacing = true;
    metrics.consumerRestarts.inc();
    // A consumer can also fail after it started (say, refused by the group): successive replacements
    // back off, until one handles a batch.
    const pauseMs = replacementPauseMs;
    replacementPauseMs = Math.min(30_000, replacementPauseMs * 2);
    log.error({ err: error.message, pauseMs }, 'the Kafka consumer stopped; starting a new one');
    await failed.disconnect().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    await Promise.allSettled([...inFlight.keys()]);
    for (const partition of [...owned.keys()]) {
      owned.delete(partition);
      await cold?.release(partition).catch((cause: Error) => log.warn({ partition, err: cause.message }, 'cold release failed'));
    }
    await withRetry(
      'starting a new Kafka consumer',
      async () => {
        if (stopping) return;
        consumer = newConsumer();
        try {
          await consumer.connect();
          await startConsuming();
        } catch (cause) {
          await consumer.disconnect().catch(() => undefined);
          throw cause;
        }
      },
      {
        attempts: Number.POSITIVE_INFINITY,
        initialDelayMs: 1000,
        maxDelayMs: 30_000,
        onRetry: (cause) => {
          metrics.sinkRetries.inc({ sink: 'kafka' });
          log.warn({ err: (cause as Error).message }, 'retrying the new Kafka consumer');
        },
      },
    );
    replacing = false;
    if (!stopping) log.info('a new Kafka consumer is running');
  }

  function status(): ProcessorStatus {
    const now = Date.now();
    return {
      id: options.processorId,
      version: PROCESSOR_VERSION,
      taxonomyVersion: enricher.taxonomyVersion,
      startedAtMs,
      heartbeatAtMs: now,
      watermarkMs: Number.isFinite(watermarkMs) ? watermarkMs : null,
      assigned: consumer
        .assignment()
        .filter((entry) => entry.topic === options.topic)
        .map((entry) => entry.partition)
        .sort((a, b) => a - b),
      partitions: [...owned.entries()]
        .sort(([a], [b]) => a - b)
        .map(([partition, entry]) => ({
          partition,
          lastOffset: entry.state.lastOffset,
          watermarkMs: Number.isFinite(entry.activity.watermarkMs) ? entry.activity.watermarkMs : null,
          consumerLag: entry.consumerLag,
          idle: now - entry.activity.lastRecordAtMs >= options.idleTimeoutMs,
        })),
      totals: { ...totals },
      ...(sinkTrouble !== undefined && { degraded: { ...sinkTrouble } }),
    };
  }

  async function heartbeat(): Promise<void> {
    const now = Date.now();
    // Forget partitions the group took away: if one comes back, it is claimed afresh.
    const assigned = new Set(consumer.assignment().filter((entry) => entry.topic === options.topic).map((entry) => entry.partition));
    const busy = new Set(inFlight.values());
    for (const partition of owned.keys()) {
      if (assigned.has(partition) || busy.has(partition)) continue;
      owned.delete(partition);
      await cold?.release(partition).catch((error: Error) => log.warn({ partition, err: error.message }, 'cold release failed'));
    }
    // Claim new partitions now, not at their first batch: a partition with no new records may hold
    // a crashed owner's staged rows, and only a claim's recovery moves them on to Parquet.
    for (const partition of replacing ? [] : assigned) {
      if (!owned.has(partition) && !claims.has(partition)) owning(partition).catch((error: Error) => log.warn({ partition, err: error.message }, 'claim failed; retrying'));
    }
    watermarkMs = combinedWatermark([...owned.values()].map((entry) => entry.activity), now, options.idleTimeoutMs);
    if (Number.isFinite(watermarkMs)) metrics.watermark.set(watermarkMs / 1000);
    const key = processorHeartbeatKey(options.processorId);
    await redis
      .multi()
      .set(key, JSON.stringify(status()), 'PX', HEARTBEAT_INTERVAL_MS * 10)
      .sadd(PROCESSORS_KEY, options.processorId)
      .exec()
      .catch(() => undefined);
  }

  return {
    metrics,
    status,
    useEnricher(next) {
      if (next.taxonomyVersion === enricher.taxonomyVersion) return;
      log.info({ from: enricher.taxonomyVersion, to: next.taxonomyVersion }, 'switching taxonomy at the next batch of each partition');
      enricher = next;
    },
    async start() {
      await withRetry('connecting to Kafka', async () => {
        await dlqProducer.connect();
        await consumer.connect();
      });
      await startConsuming();
      heartbeatTimer = setInterval(() => void heartbeat(), HEARTBEAT_INTERVAL_MS);
      log.info({ topic: options.topic, groupId: options.groupId, client: options.kafkaClient }, 'processor started');
    },
    async stop() {
      stopping = true;
      if (heartbeatTimer !== undefined) clearInterval(heartbeatTimer);
      await consumer.disconnect().catch((error: Error) => log.warn({ err: error.message }, 'consumer disconnect failed'));
      await cold?.close().catch((error: Error) => log.error({ err: error.message }, 'cold sink close failed'));
      await dlqProducer.disconnect().catch(() => undefined);
      await redis.srem(PROCESSORS_KEY, options.processorId).catch(() => undefined);
      await redis.del(processorHeartbeatKey(options.processorId)).catch(() => undefined);
      redis.disconnect();
      log.info('processor stopped');
    },
  };
}

/** Rejects again with an operating-system I/O error (ENOSPC, EIO, EDQUOT…); returns any other error. */
function rejectIfIoError(error: unknown): unknown {
  if (!isPulseError(error) && /^E[A-Z]+$/.test(String((error as NodeJS.ErrnoException).code))) throw error;
  return error;
}

function messageBytes(message: OutgoingMessage): number {
  let bytes = (message.key?.length ?? 0) + (message.value?.length ?? 0);
  for (const [name, value] of Object.entries(message.headers ?? {})) bytes += name.length + value.length;
  return bytes;
}

/** Splits messages into sends of at most `maxBytes` each (a single larger message goes alone). */
function chunkByBytes(messages: OutgoingMessage[], maxBytes: number): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = messageBytes(message);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function defaultProcessorId(): string {
  return `${os.hostname()}-${process.pid}`;
}
