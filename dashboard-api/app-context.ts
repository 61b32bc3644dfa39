/** What the route modules share: the typed app and the dependencies buildApp wired together. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Redis } from 'ioredis';
import type { DashboardOptions } from './dashboard-options.ts';
import type { HealthService } from './health/health-service.ts';
import type { DashboardMetrics } from './http/dashboard-metrics.ts';
import type { HistorySource } from './history-source.ts';
import type { UpdateHub } from './sse/update-hub.ts';

export type DashboardApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface AppContext {
  redis: Redis;
  hub: UpdateHub;
  health: HealthService;
  metrics: DashboardMetrics;
  history: HistorySource | undefined;
  clock: () => number;
  options: DashboardOptions;
}
