/**
 * A Redis server of a test's own (AOF on, like the project's), so the test can kill -9 it, cut its
 * AOF and restart it without touching the shared test Redis.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitUntil } from '../../core/wait-until.ts';
import { isRedisReady } from '../../infra/redis-server.ts';
import { findFreePort } from '../../infra/tcp-probe.ts';

export interface PrivateRedis {
  url: string;
  dir: string;
  start(): Promise<void>;
  killHard(): Promise<void>;
  /** Drops the last `bytes` of the newest AOF file (what an OS crash losing the last second does). */
  cutAofTail(bytes: number): number;
  stop(): Promise<void>;
}

export async function createPrivateRedis(): Promise<PrivateRedis> {
  const port = await findFreePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    child = spawn(
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--aof-load-truncated', 'yes'],
      { stdio: 'ignore' },
    );
    await waitUntil('the private Redis to answer', async () => ((await isRedisReady(url)) ? true : undefined), { timeoutMs: 20_000 });
  }

  async function killHard(): Promise<void> {
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  function cutAofTail(bytes: number): number {
    const aofDir = path.join(dir, 'appendonlydir');
    const increments = fs.readdirSync(aofDir).filter((name) => name.includes('.incr.aof')).sort((a, b) => Number(/\.(\d+)\.incr/.exec(a)?.[1]) - Number(/\.(\d+)\.incr/.exec(b)?.[1]));
    const newest = path.join(aofDir, increments.at(-1)!);
    const size = fs.statSync(newest).size;
    const cut = Math.min(bytes, size);
    fs.truncateSync(newest, size - cut);
    return cut;
  }

  return {
    url,
    dir,
    start,
    killHard,
    cutAofTail,
    async stop() {
      await killHard();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
