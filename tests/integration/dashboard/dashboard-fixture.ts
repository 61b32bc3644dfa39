/** Builds the dashboard app for a test on a private Redis database, and reads its SSE streams. */
import http from 'node:http';
import type { Redis } from 'ioredis';
import { Redis as RedisClient } from 'ioredis';
import { logger } from '../../../core/logger.ts';
import { buildApp } from '../../../dashboard-api/app.ts';
import type { DashboardApp } from '../../../dashboard-api/app-context.ts';
import type { DashboardOptions } from '../../../dashboard-api/dashboard-options.ts';
import type { KafkaHealth, KafkaProbe } from '../../../dashboard-api/health/kafka-probe.ts';
import type { HistorySource } from '../../../dashboard-api/history-source.ts';
import { freshRedisDb } from '../../helpers/redis.ts';

export interface DashboardFixture {
  app: DashboardApp;
  redis: Redis;
  redisUrl: string;
  close(): Promise<void>;
}

/** For tests whose subject is not Kafka: a probe that reports a reachable broker with no lag. */
export const reachableKafka: KafkaProbe = { check: async (): Promise<KafkaHealth> => ({ reachable: true, consumerLag: 0 }) };

export async function dashboardFixture(
  db: number,
  { clock, kafka = reachableKafka, history, options = {} }: { clock?: () => number; kafka?: KafkaProbe; history?: HistorySource; options?: Partial<DashboardOptions> } = {},
): Promise<DashboardFixture> {
  const { url, redis } = await freshRedisDb(db);
  const appRedis = new RedisClient(url);
  const subscriber = new RedisClient(url);
  const app = await buildApp(
    { redis: appRedis, subscriber, kafka, ...(history ? { history } : {}), ...(clock ? { clock } : {}), logger: logger.child({ component: 'dashboard-test' }) },
    { port: 0, ...options },
  );
  return {
    app,
    redis,
    redisUrl: url,
    async close() {
      await app.close();
      appRedis.disconnect();
      subscriber.disconnect();
      redis.disconnect();
    },
  };
}

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseConnection {
  status: number;
  body: string;
  events: SseEvent[];
  /** Resolves with the first event at or after index `from` that matches; fails after `timeoutMs` (default 10 s). */
  next(predicate: (event: SseEvent) => boolean, from?: number, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves with the whole body once the server ends the response. */
  ended: Promise<string>;
  close(): void;
}

/** Opens GET `url` and parses the Server-Sent Events it streams (or keeps a non-SSE body). */
export function openSse(url: string, headers: Record<string, string> = { accept: 'text/event-stream' }): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers }, (response) => {
      const events: SseEvent[] = [];
      const waiters: Array<() => void> = [];
      let buffer = '';
      const connection: SseConnection = {
        status: response.statusCode ?? 0,
        body: '',
        events,
        next(predicate, from = 0, timeoutMs = 10_000) {
          return new Promise((found, failed) => {
            const timer = setTimeout(() => failed(new Error(`no matching SSE event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
            const check = () => {
              const match = events.slice(from).find(predicate);
              if (match !== undefined) {
                clearTimeout(timer);
                found(match);
              } else if (response.closed) {
                clearTimeout(timer);
                failed(new Error('stream closed before the event arrived'));
              } else {
                waiters.push(check);
              }
            };
            check();
          });
        },
        ended: new Promise((done) => response.on('end', () => done(connection.body))),
        close() {
          request.destroy();
        },
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        connection.body += chunk;
        if (!String(response.headers['content-type']).startsWith('text/event-stream')) return;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')) });
        }
        for (const waiter of waiters.splice(0)) waiter();
      });
      response.on('close', () => {
        for (const waiter of waiters.splice(0)) waiter();
      });
      resolve(connection);
    });
    request.on('error', reject);
  });
}
