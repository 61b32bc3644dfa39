/** What a test needs to reach the real servers the test command started. */
import { randomBytes } from 'node:crypto';

export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run tests with `npm test` (it starts Kafka and Redis)');
  return brokers.split(',');
}

export function testRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run tests with `npm test` (it starts Kafka and Redis)');
  return url;
}

/** A name no other test or run uses, e.g. for a topic, a group or a key prefix. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
