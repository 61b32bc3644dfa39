/** `GET /api/health` (pipeline health) and `GET /metrics` (Prometheus text). */
import type { AppContext, DashboardApp } from '../app-context.ts';
import { HealthReply } from './schemas.ts';

export function registerHealthRoutes(app: DashboardApp, context: AppContext): void {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Pipeline health: Kafka, Redis, processors, lag, watermark, throughput, DLQ and late counts',
        description: 'status is down when Redis or Kafka is unreachable or no processor heart-beat within the stale limit; degraded when a registered processor went silent or consumer lag is above the threshold. Always 200: the status is in the body.',
        tags: ['health'],
        response: { 200: HealthReply },
      },
    },
    async () => context.health.report(),
  );

  app.get('/metrics', { schema: { summary: 'Prometheus metrics of the dashboard and, from their heartbeats, of the processors', tags: ['health'] } }, async (_request, reply) => {
    try {
      const { heartbeats, rates } = await context.health.heartbeats();
      context.metrics.setProcessorFigures(heartbeats, rates, context.clock());
    } catch {
      // Redis down: still serve the dashboard's own figures; processor gauges stay empty.
      context.metrics.setProcessorFigures([], new Map(), context.clock());
    }
    context.metrics.sseClients.set(context.hub.size);
    reply.type(context.metrics.registry.contentType);
    return context.metrics.registry.metrics();
  });
}
