/** Gathers the health inputs (Redis ping, heartbeats, Kafka probe) and keeps throughput state between calls. */
import type { Redis } from 'ioredis';
import type { KafkaProbe } from './kafka-probe.ts';
import { type HealthReport, pipelineHealth } from './pipeline-health.ts';
import { type ProcessorHeartbeat, readHeartbeats } from './processor-heartbeats.ts';
import { createThroughputTracker } from './throughput-tracker.ts';

export interface HealthServiceOptions {
  redis: Redis;
  kafka: KafkaProbe;
  clock: () => number;
  processorStaleMs: number;
  lagDegradedRecords: number;
  throughputWindowMs: number;
}

export interface HealthService {
  report(): Promise<HealthReport>;
  /** Latest heartbeats with their derived rates, for the Prometheus endpoint. */
  heartbeats(): Promise<{ heartbeats: ProcessorHeartbeat[]; rates: Map<string, number | null> }>;
}

export function createHealthService(options: HealthServiceOptions): HealthService {
  const tracker = createThroughputTracker(options.throughputWindowMs);

  async function heartbeats() {
    const list = await readHeartbeats(options.redis);
    const rates = new Map<string, number | null>();
    for (const { id, status } of list) {
      rates.set(id, status === undefined ? null : tracker.observe(id, status.heartbeatAtMs, status.totals.eventsIn));
    }
    tracker.retain(new Set(rates.keys()));
    return { heartbeats: list, rates };
  }

  return {
    heartbeats,
    async report() {
      const kafkaCheck = options.kafka.check();
      let redis: { reachable: boolean; error?: string } = { reachable: true };
      let observed: Awaited<ReturnType<typeof heartbeats>> = { heartbeats: [], rates: new Map() };
      try {
        await options.redis.ping();
        observed = await heartbeats();
      } catch (error) {
        redis = { reachable: false, error: (error as Error).message };
      }
      return pipelineHealth({
        nowMs: options.clock(),
        kafka: await kafkaCheck,
        redis,
        heartbeats: observed.heartbeats,
        rates: observed.rates,
        processorStaleMs: options.processorStaleMs,
        lagDegradedRecords: options.lagDegradedRecords,
      });
    },
  };
}
