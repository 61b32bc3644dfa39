/**
 * Publishes records to a topic through the project's Kafka adapter: in batches (500 per send by
 * default) for throughput, optionally paced to a target rate, keyed as given (the client's key
 * hashing picks the partition). Records pulled lazily, right before they are sent, so live event
 * times stay close to the moment of sending.
 *
 * A record near the size limits (over 900 kB) is sent on its own, so that if the client or broker
 * refuses it (librdkafka's message.max.bytes is 1,000,000; the broker's default 1,048,588) only
 * that record is lost: it is reported through `onRejected` and publishing goes on.
 *
 * A send that fails because the broker cannot be reached (down, restarting, leader moving) is sent
 * again, same records, with capped backoff, for up to `retryForMs`: the producer is idempotent, so
 * a batch the broker had written before the connection dropped is not written twice. Any other
 * failure, or one that lasts longer, stops the run with the error.
 */
import { PulseError } from '../../core/errors.ts';
import type { PulseProducer } from '../../core/kafka/types.ts';
import { logger } from '../../core/logger.ts';
import type { GeneratedRecord } from '../generated-record.ts';
import { type Pacer, createPacer } from './create-pacer.ts';
import { pacedBatchSize } from './paced-batch-size.ts';

export interface PublishOptions {
  /** Target events per second; 0 or absent = as fast as possible. */
  ratePerSec?: number;
  /** Most records per send. Default 500. */
  batchSize?: number;
  /** Sends awaiting acknowledgement at once. Default 1 (see benchmarks/results/publish-rate.md). */
  maxInFlight?: number;
  /** Stop taking records this long after the first send, in ms (live --duration). Default: no limit. */
  durationMs?: number;
  /** Stops after the batches in flight when aborted (e.g. Ctrl-C); the result says so. */
  signal?: AbortSignal;
  onProgress?: (progress: PublishProgress) => void;
  /** A record the client or broker refused as too large. */
  onRejected?: (record: GeneratedRecord, reason: string) => void;
  /** For tests: a pacer with an injected clock. */
  pacer?: Pacer;
  /** Keep re-sending a batch the broker could not take for this long, in ms. Default 300,000 (5 min). */
  retryForMs?: number;
  /** Called before each re-send of a batch (default: a warning in the log). */
  onSendRetry?: (error: Error, failingForMs: number, delayMs: number) => void;
}

export interface PublishProgress {
  sent: number;
  bytes: number;
  rejected: number;
}

export interface PublishResult extends PublishProgress {
  elapsedMs: number;
  aborted: boolean;
}

const LARGE_RECORD_BYTES = 900_000;
const TOO_LARGE = /too large|MSG_SIZE_TOO_LARGE|MESSAGE_TOO_LARGE|larger than the max message size/i;

const RETRY_INITIAL_MS = 200;
const RETRY_MAX_MS = 5000;
const log = logger.child({ component: 'generator' });

/**
 * True when the error (or one in its cause chain) says the broker could not be reached: the Kafka
 * client marks such errors retriable (kafkajs wraps them in a non-retriable error once its own
 * retries are spent, hence the walk down the chain).
 */
export function isBrokerUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth += 1) {
    if ((current as { retriable?: unknown }).retriable === true) return true;
    if (/Connection|RequestTimeout|BrokerNotFound|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE/i.test(`${current.name} ${current.message}`)) return true;
  }
  return false;
}

function recordBytes(record: GeneratedRecord): number {
  return record.value.length + (record.key?.length ?? 0);
}

export async function publishRecords(
  producer: PulseProducer,
  topic: string,
  records: Iterable<GeneratedRecord> | AsyncIterable<GeneratedRecord>,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const started = performance.now();
  const maxBatch = options.batchSize ?? 500;
  const rate = options.ratePerSec ?? 0;
  const pacer = options.pacer ?? (rate > 0 ? createPacer({ ratePerSec: rate }) : undefined);
  const batchSize = rate > 0 ? pacedBatchSize(rate, maxBatch) : maxBatch;
  const maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  const iterator = Symbol.asyncIterator in records
    ? (records as AsyncIterable<GeneratedRecord>)[Symbol.asyncIterator]()
    : (records as Iterable<GeneratedRecord>)[Symbol.iterator]();
  const progress: PublishProgress = { sent: 0, bytes: 0, rejected: 0 };
  const inFlight: Array<Promise<void>> = [];
  let exhausted = false;
  const aborted = () => options.signal?.aborted === true;

  const toMessages = (batch: readonly GeneratedRecord[]) => batch.map((record) => ({ key: record.key, value: record.value }));
  const retryForMs = options.retryForMs ?? 300_000;
  const onSendRetry =
    options.onSendRetry ??
    ((error: Error, failingForMs: number, delayMs: number) =>
      log.warn({ err: error.message, failingForMs, delayMs }, 'the broker did not take a batch; sending it again'));
  /** One send, repeated while the broker is unreachable (the records and their order stay the same). */
  const sendWithRetry = async (messages: ReturnType<typeof toMessages>) => {
    const firstFailure = performance.now();
    for (let delayMs = RETRY_INITIAL_MS; ; delayMs = Math.min(RETRY_MAX_MS, delayMs * 2)) {
      try {
        await producer.send(topic, messages);
        return;
      } catch (error) {
        const failingForMs = performance.now() - firstFailure;
        if (!isBrokerUnavailable(error)) throw error;
        if (failingForMs >= retryForMs) {
          throw new PulseError('RETRIES_EXCEEDED', `sending ${messages.length} records failed for ${Math.round(failingForMs / 1000)} s: ${(error as Error).message}`, { cause: error });
        }
        onSendRetry(error as Error, failingForMs, delayMs);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  };
  const settle = async () => {
    while (inFlight.length > 0) await inFlight.shift();
  };
  const sendBatch = (batch: GeneratedRecord[]) => {
    const bytes = batch.reduce((sum, record) => sum + recordBytes(record), 0);
    const sent = sendWithRetry(toMessages(batch)).then(() => {
      progress.sent += batch.length;
      progress.bytes += bytes;
      options.onProgress?.({ ...progress });
    });
    // Awaited in order below; the empty handler only stops a failure that happens while an
    // earlier send is awaited from counting as unhandled.
    sent.catch(() => undefined);
    inFlight.push(sent);
  };
  const sendAlone = async (record: GeneratedRecord) => {
    await settle();
    try {
      await sendWithRetry(toMessages([record]));
      progress.sent += 1;
      progress.bytes += recordBytes(record);
    } catch (error) {
      const reason = (error as Error).message ?? String(error);
      if (!TOO_LARGE.test(reason)) throw error;
      progress.rejected += 1;
      options.onRejected?.(record, reason);
    }
    options.onProgress?.({ ...progress });
  };

  try {
    const deadline = options.durationMs !== undefined ? started + options.durationMs : Number.POSITIVE_INFINITY;
    // Checked before a record is taken, so every record the source made is also sent.
    while (!exhausted && !aborted() && performance.now() < deadline) {
      // Take one record before waiting, so the end of the input never costs an extra pacing wait.
      const first = await iterator.next();
      if (first.done === true) break;
      if (pacer !== undefined) await pacer.acquire(batchSize);
      const batch: GeneratedRecord[] = [];
      let next: IteratorResult<GeneratedRecord> = first;
      for (;;) {
        if (recordBytes(next.value) > LARGE_RECORD_BYTES) {
          if (batch.length > 0) sendBatch(batch.splice(0));
          await sendAlone(next.value);
        } else {
          batch.push(next.value);
        }
        if (batch.length >= batchSize) break;
        next = await iterator.next();
        if (next.done === true) {
          exhausted = true;
          break;
        }
      }
      if (batch.length > 0) sendBatch(batch);
      while (inFlight.length >= maxInFlight) await inFlight.shift();
    }
    await settle();
  } catch (error) {
    // Let the sends already started finish (or fail) before reporting, so nothing is left dangling.
    await Promise.allSettled(inFlight);
    throw error;
  }
  return { ...progress, elapsedMs: performance.now() - started, aborted: aborted() };
}
