/**
 * Builds the dashboard app from its dependencies; it never listens (server.ts does), so tests
 * build it with their own Redis, Kafka probe, history source and clock and use port 0 or inject().
 */
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { fastifySSE } from '@fastify/sse';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Redis } from 'ioredis';
import type { AppContext, DashboardApp } from './app-context.ts';
import { type DashboardOptions, validateDashboardOptions } from './dashboard-options.ts';
import { createHealthService } from './health/health-service.ts';
import type { KafkaProbe } from './health/kafka-probe.ts';
import type { HistorySource } from './history-source.ts';
import { createDashboardMetrics } from './http/dashboard-metrics.ts';
import { errorBody } from './http/error-reply.ts';
import { nonFiniteQueryError } from './http/finite-query-guard.ts';
import { allowedHostNames, hostNameOf } from './http/host-guard.ts';
import { registerCatalogRoutes } from './routes/catalog-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { registerHeatmapRoutes } from './routes/heatmap-routes.ts';
import { registerHistoryRoutes } from './routes/history-routes.ts';
import { registerPageRoutes } from './routes/page-routes.ts';
import { registerStreamRoutes } from './routes/stream-routes.ts';
import { registerTrendsRoutes } from './routes/trends-routes.ts';
import { createUpdateHub } from './sse/update-hub.ts';

export interface DashboardDependencies {
  /** Connection for reads. */
  redis: Redis;
  /** A second connection, used only for the `pulse:updates` subscription (a subscribed connection can do nothing else). */
  subscriber: Redis;
  kafka: KafkaProbe;
  /** The cold store; without it /api/history answers 503. */
  history?: HistorySource;
  /** Epoch ms; default Date.now. */
  clock?: () => number;
  logger: FastifyBaseLogger;
}

export async function buildApp(dependencies: DashboardDependencies, input: Partial<DashboardOptions> = {}): Promise<DashboardApp> {
  const options = validateDashboardOptions(input);
  const clock = dependencies.clock ?? Date.now;
  const app: DashboardApp = Fastify({
    loggerInstance: dependencies.logger,
    // The page polls health every few seconds; per-request lines would drown everything else.
    logController: new LogController({ disableRequestLogging: true }),
    // Live SSE streams never go idle; without this, close() would wait for every browser to leave.
    forceCloseConnections: true,
    // Unknown query parameters are rejected (schemas say additionalProperties: false) instead of dropped.
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = createDashboardMetrics();
  const hub = createUpdateHub({
    subscriber: dependencies.subscriber,
    maxListeners: options.maxSseClients,
    flushIntervalMs: options.sseFlushIntervalMs,
    onInvalid: (raw) => app.log.warn({ message: raw.slice(0, 200) }, 'ignoring a malformed message on pulse:updates'),
  });
  const context: AppContext = {
    redis: dependencies.redis,
    hub,
    health: createHealthService({ redis: dependencies.redis, kafka: dependencies.kafka, clock, ...options }),
    metrics,
    history: dependencies.history,
    clock,
    options,
  };

  const allowedHosts = allowedHostNames(options.host, options.extraAllowedHosts);
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    const name = host === undefined ? undefined : hostNameOf(host);
    if (name === undefined || !allowedHosts.has(name)) {
      return reply.code(421).send({ statusCode: 421, error: 'Misdirected Request', message: `host "${host ?? ''}" is not served here (allowed: ${[...allowedHosts].join(', ')})` });
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    const error = nonFiniteQueryError(request.query);
    if (error !== undefined) return reply.code(400).send(error);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.requests.inc({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
  });
  app.setErrorHandler(async (error, request, reply) => {
    const body = errorBody(error as Parameters<typeof errorBody>[0]);
    if (body.statusCode === 503) request.log.warn({ url: request.url, reason: body.message }, 'dependency unavailable');
    else if (body.statusCode >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(body.statusCode).send(body);
  });
  app.setNotFoundHandler(async (request, reply) => reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url.split('?')[0]}` }));

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Talent Pulse dashboard API', version: '0.1.0', description: 'Hot counts from Redis, history from the cold store, pipeline health and live updates.' },
    },
  });
  await app.register(fastifySSE, { heartbeatInterval: options.sseHeartbeatMs });

  registerTrendsRoutes(app, context);
  registerHeatmapRoutes(app, context);
  registerHistoryRoutes(app, context);
  registerCatalogRoutes(app, context);
  registerHealthRoutes(app, context);
  registerStreamRoutes(app, context);
  await registerPageRoutes(app);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onReady', async () => hub.start());
  app.addHook('preClose', async () => hub.stop());
  return app;
}
