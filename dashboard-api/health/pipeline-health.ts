/**
 * The pipeline's health from what the dashboard can see: Kafka and Redis reachability, processor
 * heartbeats and Kafka consumer lag. Pure, so every status rule has a unit test.
 *   down:     Redis or Kafka unreachable, or no processor alive (counts are not moving)
 *   degraded: a processor's heartbeat is present but stale (it stopped within the heartbeat
 *             expiry, 10 s), a processor reports a sink it cannot write (e.g. the cold store's
 *             disk is full: it retries and holds its fence), or consumer lag above the threshold. A processor whose heartbeat key
 *             expired is gone (killed, its partitions moved): listed, but not a reason by itself,
 *             since a crashed process never removes its id from `pulse:processors`.
 *   ok:       otherwise
 */
import type { ProcessorStatus, SinkTrouble } from '../../processor/runner/create-processor.ts';
import type { KafkaHealth } from './kafka-probe.ts';
import type { ProcessorHeartbeat } from './processor-heartbeats.ts';

export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface ProcessorHealth {
  id: string;
  alive: boolean;
  /** Null when the heartbeat expired. */
  heartbeatAgeMs: number | null;
  eventsPerSecond: number | null;
  watermarkMs: number | null;
  consumerLag: number | null;
  /** Partitions the consumer group gave the processor. */
  assigned: number[];
  partitions: ProcessorStatus['partitions'];
  totals: ProcessorStatus['totals'] | null;
  version: string | null;
  taxonomyVersion: string | null;
  /** A sink the processor cannot write right now, with the last error; null when all is well. */
  degraded: SinkTrouble | null;
}

export interface HealthReport {
  status: HealthStatus;
  reasons: string[];
  checkedAtMs: number;
  kafka: KafkaHealth;
  redis: { reachable: boolean; error?: string };
  pipeline: {
    processorsAlive: number;
    eventsPerSecond: number | null;
    /** Kafka's committed lag when known, else the sum of the processors' own figures. */
    consumerLag: number | null;
    /** Minimum over alive processors: every open window behind it is final. */
    watermarkMs: number | null;
    watermarkLagMs: number | null;
    totals: ProcessorStatus['totals'];
  };
  processors: ProcessorHealth[];
}

export interface HealthInputs {
  nowMs: number;
  kafka: KafkaHealth;
  redis: { reachable: boolean; error?: string };
  heartbeats: readonly ProcessorHeartbeat[];
  /** Events per second by processor id (from the throughput tracker). */
  rates: ReadonlyMap<string, number | null>;
  processorStaleMs: number;
  lagDegradedRecords: number;
}

const ZERO_TOTALS: ProcessorStatus['totals'] = { eventsIn: 0, enriched: 0, dlq: 0, duplicates: 0, late: 0 };

function processorHealth(heartbeat: ProcessorHeartbeat, inputs: HealthInputs): ProcessorHealth {
  const status = heartbeat.status;
  if (status === undefined) {
    return {
      id: heartbeat.id, alive: false, heartbeatAgeMs: null, eventsPerSecond: null, watermarkMs: null, consumerLag: null,
      assigned: [], partitions: [], totals: null, version: null, taxonomyVersion: null, degraded: null,
    };
  }
  const ageMs = Math.max(0, inputs.nowMs - status.heartbeatAtMs);
  return {
    id: heartbeat.id,
    alive: ageMs < inputs.processorStaleMs,
    heartbeatAgeMs: ageMs,
    eventsPerSecond: inputs.rates.get(heartbeat.id) ?? null,
    watermarkMs: status.watermarkMs,
    consumerLag: status.partitions.reduce((sum, partition) => sum + partition.consumerLag, 0),
    // Heartbeats of processors older than this field lack it.
    assigned: status.assigned ?? [],
    partitions: status.partitions,
    totals: status.totals,
    version: status.version,
    taxonomyVersion: status.taxonomyVersion,
    degraded: status.degraded ?? null,
  };
}

export function pipelineHealth(inputs: HealthInputs): HealthReport {
  const processors = inputs.heartbeats.map((heartbeat) => processorHealth(heartbeat, inputs));
  const alive = processors.filter((processor) => processor.alive);
  const totals = { ...ZERO_TOTALS };
  for (const processor of alive) {
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += processor.totals?.[key] ?? 0;
  }
  const rates = alive.map((processor) => processor.eventsPerSecond).filter((rate): rate is number => rate !== null);
  const watermarks = alive.map((processor) => processor.watermarkMs).filter((mark): mark is number => mark !== null);
  const watermarkMs = watermarks.length > 0 ? Math.min(...watermarks) : null;
  const consumerLag = inputs.kafka.consumerLag ?? (alive.length > 0 ? alive.reduce((sum, processor) => sum + (processor.consumerLag ?? 0), 0) : null);

  const down: string[] = [];
  const degraded: string[] = [];
  if (!inputs.redis.reachable) down.push('Redis is unreachable');
  if (!inputs.kafka.reachable) down.push('Kafka is unreachable');
  if (inputs.redis.reachable && alive.length === 0) down.push(`no processor heartbeat in the last ${inputs.processorStaleMs / 1000} s`);
  const stale = processors.filter((processor) => !processor.alive && processor.heartbeatAgeMs !== null).map((processor) => processor.id);
  if (alive.length > 0 && stale.length > 0) degraded.push(`processor(s) not heart-beating: ${stale.join(', ')}`);
  for (const processor of alive) {
    const trouble = processor.degraded;
    if (trouble === null) continue;
    const forS = Math.round(Math.max(0, inputs.nowMs - trouble.sinceMs) / 1000);
    degraded.push(`processor ${processor.id} cannot write the ${trouble.sink} sink for ${forS} s (${trouble.retries} retries): ${trouble.lastError}`);
  }
  if (consumerLag !== null && consumerLag > inputs.lagDegradedRecords) {
    degraded.push(`consumer lag ${consumerLag} is above ${inputs.lagDegradedRecords} records`);
  }
  const status: HealthStatus = down.length > 0 ? 'down' : degraded.length > 0 ? 'degraded' : 'ok';
  return {
    status,
    reasons: [...down, ...degraded],
    checkedAtMs: inputs.nowMs,
    kafka: inputs.kafka,
    redis: inputs.redis,
    pipeline: {
      processorsAlive: alive.length,
      eventsPerSecond: rates.length > 0 ? rates.reduce((sum, rate) => sum + rate, 0) : null,
      consumerLag,
      watermarkMs,
      watermarkLagMs: watermarkMs === null ? null : inputs.nowMs - watermarkMs,
      totals,
    },
    processors,
  };
}
