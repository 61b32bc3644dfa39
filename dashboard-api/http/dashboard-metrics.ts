/**
 * The dashboard's Prometheus registry: its own figures, plus the processors' figures re-exported
 * from their heartbeats (set at scrape time), so one scrape of the dashboard sees the pipeline.
 * A registry per app, not prom-client's global one, so tests can build several apps.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { ProcessorHeartbeat } from '../health/processor-heartbeats.ts';

export interface DashboardMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly sseClients: Gauge;
  readonly sseRejected: Counter;
  readonly updatesRelayed: Counter;
  setProcessorFigures(heartbeats: readonly ProcessorHeartbeat[], rates: ReadonlyMap<string, number | null>, nowMs: number): void;
}

export function createDashboardMetrics(): DashboardMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({ name: 'pulse_dashboard_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'] as const, registers });
  const sseClients = new Gauge({ name: 'pulse_dashboard_sse_clients', help: 'Connected Server-Sent Events clients', registers });
  const sseRejected = new Counter({ name: 'pulse_dashboard_sse_rejected_total', help: 'SSE connections refused because the client cap was reached', registers });
  const updatesRelayed = new Counter({ name: 'pulse_dashboard_updates_relayed_total', help: 'Count updates relayed from Redis to SSE clients (per client)', registers });
  const processor = (name: string, help: string, labelNames: string[] = ['processor']) => new Gauge({ name, help, labelNames, registers });
  const up = processor('pulse_processor_up', '1 when the processor heart-beat within the stale limit, else 0');
  const heartbeatAge = processor('pulse_processor_heartbeat_age_seconds', 'Age of the processor\'s latest heartbeat');
  const totals = {
    eventsIn: processor('pulse_processor_events_in_total', 'Records consumed since the processor started'),
    enriched: processor('pulse_processor_enriched_total', 'Events enriched since the processor started'),
    dlq: processor('pulse_processor_dlq_total', 'Records sent to the DLQ since the processor started'),
    duplicates: processor('pulse_processor_duplicates_total', 'Duplicate events dropped since the processor started'),
    late: processor('pulse_processor_late_total', 'Late events kept out of hot counts since the processor started'),
  };
  const eventsPerSecond = processor('pulse_processor_events_per_second', 'Consumption rate derived from successive heartbeats');
  const watermark = processor('pulse_processor_watermark_seconds', 'Event-time watermark of the processor (epoch seconds)');
  const lag = processor('pulse_processor_consumer_lag', 'Records behind the partition end at the last batch', ['processor', 'partition']);
  const processorGauges = [up, heartbeatAge, ...Object.values(totals), eventsPerSecond, watermark, lag];

  return {
    registry,
    requests,
    sseClients,
    sseRejected,
    updatesRelayed,
    setProcessorFigures(heartbeats, rates, nowMs) {
      // Reset first, so a processor that went away stops being reported.
      for (const gauge of processorGauges) gauge.reset();
      for (const { id, status } of heartbeats) {
        const labels = { processor: id };
        if (status === undefined) {
          up.set(labels, 0);
          continue;
        }
        const ageSeconds = Math.max(0, nowMs - status.heartbeatAtMs) / 1000;
        heartbeatAge.set(labels, ageSeconds);
        up.set(labels, 1);
        for (const [key, gauge] of Object.entries(totals)) gauge.set(labels, status.totals[key as keyof typeof totals]);
        const rate = rates.get(id);
        if (rate !== undefined && rate !== null) eventsPerSecond.set(labels, rate);
        if (status.watermarkMs !== null) watermark.set(labels, status.watermarkMs / 1000);
        for (const partition of status.partitions) lag.set({ processor: id, partition: String(partition.partition) }, partition.consumerLag);
      }
    },
  };
}
