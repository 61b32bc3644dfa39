/**
 * What a processor fault test runs against: a fresh topic with its DLQ on the shared broker, a Redis
 * of the test's own (so it can be killed or inspected alone), a client on it and a temporary lake.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createTestTopicWithDlq, deleteTestTopic } from './kafka.ts';
import { type PrivateRedis, createPrivateRedis } from './private-redis.ts';

export interface FaultFixture {
  topic: string;
  dlqTopic: string;
  server: PrivateRedis;
  redis: Redis;
  lakeDir: string;
  /** Disconnects, stops the Redis, deletes the lake and both topics. */
  cleanUp(): Promise<void>;
}

export async function createFaultFixture(name: string, partitions: number): Promise<FaultFixture> {
  const { topic, dlqTopic } = await createTestTopicWithDlq(name, partitions);
  const server = await createPrivateRedis();
  await server.start();
  const redis = new Redis(server.url);
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), `pulse-${name}-lake-`));
  return {
    topic,
    dlqTopic,
    server,
    redis,
    lakeDir,
    async cleanUp() {
      redis.disconnect();
      await server.stop();
      fs.rmSync(lakeDir, { recursive: true, force: true });
      await deleteTestTopic(topic);
      await deleteTestTopic(dlqTopic);
    },
  };
}
