/**
 * Starts the dashboard: connects Redis (reads + one subscriber), builds the Kafka probe and the
 * app, and listens. The only module that opens a port; `pulse dashboard` calls it.
 */
import { Redis } from 'ioredis';
import { PulseError } from '../core/errors.ts';
import type { KafkaClientName } from '../core/kafka/types.ts';
import { logger } from '../core/logger.ts';
import { buildApp } from './app.ts';
import type { DashboardApp } from './app-context.ts';
import { type DashboardOptions, validateDashboardOptions } from './dashboard-options.ts';
import { createKafkaProbe } from './health/kafka-probe.ts';
import type { HistorySource } from './history-source.ts';

export interface DashboardServerSettings {
  redisUrl: string;
  brokers: readonly string[];
  kafkaClient: KafkaClientName;
  /** Topic and consumer group whose lag the health endpoint reports. */
  topic: string;
  groupId: string;
  history?: HistorySource;
}

export interface RunningDashboard {
  app: DashboardApp;
  url: string;
  close(): Promise<void>;
}

function redisConnection(url: string, name: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: name,
    // Fail a read quickly while Redis is away (the route answers 503) instead of queueing it.
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 6), 5000),
  });
  redis.on('error', (error) => logger.debug({ err: error.message, connection: name }, 'redis connection error'));
  return redis;
}

export async function startDashboard(settings: DashboardServerSettings, input: Partial<DashboardOptions> = {}): Promise<RunningDashboard> {
  const options = validateDashboardOptions(input);
  const redis = redisConnection(settings.redisUrl, 'pulse-dashboard');
  const subscriber = redisConnection(settings.redisUrl, 'pulse-dashboard-updates');
  try {
    await Promise.all([redis.connect(), subscriber.connect()]);
  } catch (error) {
    redis.disconnect();
    subscriber.disconnect();
    // Once running, the dashboard rides out Redis outages (503s, health "down"); at start-up a
    // missing Redis is almost always a wrong URL or a stack that is not up, so say so.
    throw new PulseError(
      'SERVICE_UNREACHABLE',
      `Redis at ${settings.redisUrl} cannot be reached (${(error as Error).message}); start the stack with \`pulse up\` or set REDIS_URL`,
      { cause: error },
    );
  }
  const kafka = createKafkaProbe({
    brokers: settings.brokers,
    client: settings.kafkaClient,
    topic: settings.topic,
    groupId: settings.groupId,
    cacheMs: options.kafkaProbeCacheMs,
    clock: Date.now,
  });
  const app = await buildApp({ redis, subscriber, kafka, history: settings.history, logger: logger.child({ component: 'dashboard' }) }, options);
  let address: string;
  try {
    address = await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    redis.disconnect();
    subscriber.disconnect();
    throw error;
  }
  return {
    app,
    url: address,
    async close() {
      await app.close();
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
