/** A Redis server of the project's own on 127.0.0.1, with AOF on so counts and fences survive a restart. */
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { StackConfig } from '../core/config.ts';
import { PulseError } from '../core/errors.ts';
import { waitUntil } from '../core/wait-until.ts';
import { type ManagedProcess, readPid, startDetached, tailOf } from './managed-process.ts';
import { hasCommand } from './prerequisites.ts';
import { isPortOpen } from './tcp-probe.ts';

export function redisProcess(config: StackConfig): ManagedProcess {
  const dir = path.join(config.homeDir, 'redis');
  return { name: 'redis', pidFile: path.join(dir, 'redis.pid'), logFile: path.join(dir, 'redis.log') };
}

export async function isRedisReady(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Starts Redis unless it already runs; returns true when it started one. */
export async function startRedis(config: StackConfig, log: (line: string) => void): Promise<boolean> {
  const managed = redisProcess(config);
  const url = `redis://127.0.0.1:${config.redisPort}`;
  if (readPid(managed) !== undefined) {
    await waitUntil('the running Redis to answer', async () => ((await isRedisReady(url)) ? true : undefined));
    return false;
  }
  if (await isPortOpen(config.redisPort)) {
    throw new PulseError(
      'SERVICE_START_FAILED',
      `port ${config.redisPort} is taken by another program; set PULSE_REDIS_PORT, or REDIS_URL to use that server`,
    );
  }
  if (!hasCommand('redis-server')) {
    throw new PulseError('PREREQUISITE_MISSING', 'redis-server is missing: apt-get install redis-server');
  }
  const dir = path.join(config.homeDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  log(`starting Redis on 127.0.0.1:${config.redisPort} (log: ${managed.logFile})`);
  startDetached(
    managed,
    'redis-server',
    [
      '--bind', '127.0.0.1',
      '--port', String(config.redisPort),
      '--dir', dir,
      '--daemonize', 'no',
      '--save', '',
      '--appendonly', 'yes',
      '--appendfsync', 'everysec',
      '--protected-mode', 'yes',
    ],
    dir,
  );
  try {
    await waitUntil('Redis to answer', async () => {
      if (readPid(managed) === undefined) throw new Error('the Redis process exited');
      return (await isRedisReady(url)) ? true : undefined;
    });
  } catch (error) {
    throw new PulseError(
      'SERVICE_START_FAILED',
      `Redis did not start: ${(error as Error).message}\n--- ${managed.logFile} ---\n${tailOf(managed.logFile)}`,
    );
  }
  return true;
}
