/**
 * `pulse process` as child processes, exactly as `pulse start` runs it (with the processor's Node
 * flags), and the Redis fences that say how far they got (`pulse:fence:{topic}:{partition}`, field
 * `offset`: the last offset applied).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Redis } from 'ioredis';
import { REPO_ROOT } from '../../core/config.ts';
import type { KafkaClientName } from '../../core/kafka/types.ts';
import { pulseNodeArgs } from '../../processor/runner/processor-node-flags.ts';
import { fenceKey } from '../../sinks/redis/hot-keys.ts';

export interface ProcessorChild {
  child: ChildProcess;
  /** The last lines of its stderr, for a failure message. */
  tail(): string;
}

export function spawnProcessor(
  env: NodeJS.ProcessEnv,
  options: { client: KafkaClientName; group: string; topic: string; dlqTopic: string; lakeDir: string; id: string; extraArgs?: string[] },
): ProcessorChild {
  fs.mkdirSync(options.lakeDir, { recursive: true });
  const child = spawn(
    process.execPath,
    pulseNodeArgs([
      'process',
      '--client', options.client, '--group', options.group, '--topic', options.topic, '--dlq-topic', options.dlqTopic,
      '--lake', options.lakeDir, '--id', options.id, ...(options.extraArgs ?? []),
    ]),
    { cwd: REPO_ROOT, env: { ...env, PULSE_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let tail = '';
  child.stderr!.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000)));
  return { child, tail: () => tail };
}

export async function stopProcessors(children: readonly ProcessorChild[]): Promise<void> {
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Every partition's fence offset (-1 where none yet). */
export async function fenceOffsets(redis: Redis, topic: string, partitions: number): Promise<number[]> {
  const pipeline = redis.pipeline();
  for (let partition = 0; partition < partitions; partition++) pipeline.hget(fenceKey(topic, partition), 'offset');
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([, value]) => (value === null || value === undefined || value === '' ? -1 : Number(value)));
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
