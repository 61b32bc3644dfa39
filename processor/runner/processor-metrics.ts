/** The processor's Prometheus metrics (prom-client), in a registry of its own. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createProcessorMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pulse_processor_' });
  const labelled = <T extends string>(name: string, help: string, labelNames: T[]) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    eventsIn: labelled('pulse_events_in_total', 'Records read from job.postings.v1', ['partition']),
    enriched: labelled('pulse_events_enriched_total', 'Valid, non-duplicate events enriched and stored', ['partition']),
    repaired: labelled('pulse_events_repaired_total', 'Repairs made on the way in, by kind', ['repair']),
    dlq: labelled('pulse_dlq_events_total', 'Records sent to the DLQ, by reason', ['reason']),
    duplicates: labelled('pulse_duplicates_dropped_total', 'Events dropped as duplicates of an event_id in the horizon', ['partition']),
    late: labelled('pulse_late_events_total', 'Events whose window was already final (stored cold, not counted hot)', ['partition']),
    staleWrites: labelled('pulse_stale_writes_refused_total', 'Batches refused by the fence (another owner or a moved fence)', ['partition']),
    sinkRetries: labelled('pulse_sink_retries_total', 'Retries of an outside call (Redis, Kafka)', ['sink']),
    consumerRestarts: new Counter({
      name: 'pulse_consumer_restarts_total',
      help: 'Kafka consumers replaced in-process after the client gave up (e.g. no group coordinator for longer than its retries)',
      registers: [registry],
    }),
    partitionWatermark: new Gauge({
      name: 'pulse_partition_watermark_seconds',
      help: 'Per-partition watermark (max event time − allowed lateness), epoch seconds',
      labelNames: ['partition'],
      registers: [registry],
    }),
    watermark: new Gauge({ name: 'pulse_watermark_seconds', help: 'Processor watermark (min over active partitions), epoch seconds', registers: [registry] }),
    watermarkLag: new Gauge({
      name: 'pulse_watermark_lag_seconds',
      help: 'Wall clock minus the partition watermark, seconds',
      labelNames: ['partition'],
      registers: [registry],
    }),
    consumerLag: new Gauge({ name: 'pulse_consumer_lag', help: 'Records behind the partition end', labelNames: ['partition'], registers: [registry] }),
    batchSeconds: new Histogram({
      name: 'pulse_batch_duration_seconds',
      help: 'Time to process and apply one batch',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

export type ProcessorMetrics = ReturnType<typeof createProcessorMetrics>;
