/**
 * Is Kafka reachable, and how far behind is the processors' consumer group? Lag is the sum over
 * partitions of (end offset − committed offset); the processor commits after its sinks, so this
 * is records not yet counted. Results are cached briefly and concurrent callers share one probe.
 */
import { createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import type { KafkaClientName, PulseAdmin } from '../../core/kafka/types.ts';

export interface KafkaHealth {
  reachable: boolean;
  /** Records the group has not committed yet; null when unknown (broker down, no topic). */
  consumerLag: number | null;
  /** Why reachable is false or lag unknown. */
  error?: string;
}

export interface KafkaProbe {
  check(): Promise<KafkaHealth>;
}

export interface KafkaProbeOptions {
  brokers: readonly string[];
  client: KafkaClientName;
  topic: string;
  groupId: string;
  /** Reuse a result for this long; default 0 (probe every time). */
  cacheMs: number;
  clock: () => number;
}

async function probeOnce(options: KafkaProbeOptions): Promise<KafkaHealth> {
  const admin = createKafkaClient(options.client, { brokers: options.brokers, clientId: 'pulse-dashboard-probe', quiet: true }).admin();
  try {
    try {
      await admin.connect();
      const topics = await admin.listTopics();
      if (!topics.includes(options.topic)) return { reachable: true, consumerLag: null, error: `topic ${options.topic} does not exist` };
    } catch (error) {
      return { reachable: false, consumerLag: null, error: (error as Error).message };
    }
    try {
      return { reachable: true, consumerLag: await consumerLag(admin, options) };
    } catch (error) {
      // The broker answers but the group's offsets do not (e.g. no coordinator yet): lag unknown.
      return { reachable: true, consumerLag: null, error: `consumer lag unknown: ${(error as Error).message}` };
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function consumerLag(admin: PulseAdmin, options: KafkaProbeOptions): Promise<number> {
  const [ends, committed] = await Promise.all([admin.topicOffsets(options.topic), admin.committedOffsets(options.groupId, options.topic)]);
  const committedBy = new Map(committed.map((entry) => [entry.partition, BigInt(entry.offset)]));
  let lag = 0n;
  for (const { partition, low, high } of ends) {
    const done = committedBy.get(partition) ?? -1n;
    lag += BigInt(high) - (done < 0n ? BigInt(low) : done);
  }
  return Number(lag);
}

export function createKafkaProbe(options: KafkaProbeOptions): KafkaProbe {
  let cached: { atMs: number; result: KafkaHealth } | undefined;
  let inFlight: Promise<KafkaHealth> | undefined;
  return {
    async check() {
      if (cached !== undefined && options.clock() - cached.atMs < options.cacheMs) return cached.result;
      inFlight ??= probeOnce(options).then((result) => {
        cached = { atMs: options.clock(), result };
        inFlight = undefined;
        return result;
      });
      return inFlight;
    },
  };
}
