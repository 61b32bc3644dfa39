/**
 * End to end: the standard corpus replayed flat out into a fresh topic, then N `pulse process`
 * children (both sinks, exactly-once) read it from the start until every partition's Redis fence
 * reaches the topic end. Sustained rate = records applied after the first fence appeared ÷ time
 * from then to the last fence; the wall time from spawning (start-up, group join) is kept too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { KafkaClientName } from '../../core/kafka/types.ts';
import type { BenchStack } from '../lib/bench-stack.ts';
import { type CpuShare, type CpuSnapshot, cpuShare, cpuSnapshot } from './cpu-accounting.ts';
import { fenceOffsets, type ProcessorChild, spawnProcessor, stopProcessors } from './processor-children.ts';
import { deleteBenchTopics, replayIntoFreshTopic } from './replay-topic.ts';

export interface EndToEndRun {
  client: KafkaClientName;
  processes: number;
  partitions: number;
  events: number;
  eventsPerSec: number;
  mbPerSec: number;
  sustainedSeconds: number;
  /** From spawning the processors to the last fence, start-up included. */
  wallSeconds: number;
  replayEventsPerSec: number;
  replayMbPerSec: number;
  /** Where the cores went over the sustained window (Linux /proc). */
  cpu?: CpuShare;
}

/** More `pulse process` flags for every end-to-end run, e.g. `--concurrency 1` to compare. */
const PROCESSOR_EXTRA_ARGS = (process.env.PULSE_BENCH_PROCESSOR_ARGS ?? '').split(' ').filter((arg) => arg.length > 0);

export async function runEndToEnd(
  stack: BenchStack,
  redis: Redis,
  corpusFile: string,
  client: KafkaClientName,
  processes: number,
  partitions: number,
  log: (line: string) => void,
): Promise<EndToEndRun> {
  const replay = await replayIntoFreshTopic(stack.brokers, corpusFile, `e2e-${client}-${processes}`, partitions);
  log(`    replayed ${replay.sent.toLocaleString('en-US')} records in ${replay.seconds.toFixed(1)} s (${Math.round(replay.sent / replay.seconds).toLocaleString('en-US')} ev/s)`);
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-lake-'));
  const group = `bench-${replay.topic}`;
  const children: ProcessorChild[] = [];
  const total = replay.ends.reduce((sum, end) => sum + end, 0);
  const bytesPerEvent = replay.bytes / replay.sent;
  try {
    const spawnedAt = performance.now();
    for (let index = 0; index < processes; index++) {
      children.push(spawnProcessor(stack.env, { client, group, topic: replay.topic, dlqTopic: replay.dlqTopic, lakeDir, id: `bench-${index}`, extraArgs: PROCESSOR_EXTRA_ARGS }));
    }
    let firstAt: number | undefined;
    let appliedAtFirst = 0;
    let cpuAtFirst: CpuSnapshot | undefined;
    const pids = () => children.map(({ child }) => child.pid).filter((pid): pid is number => pid !== undefined);
    const readCpu = () => (process.platform === 'linux' ? cpuSnapshot(pids(), stack.servicePids) : undefined);
    let lastLog = performance.now();
    const deadline = spawnedAt + Math.max(180_000, total / 300 * 1000);
    for (;;) {
      const fences = await fenceOffsets(redis, replay.topic, partitions);
      const now = performance.now();
      const applied = fences.reduce((sum, fence) => sum + fence + 1, 0);
      if (firstAt === undefined && applied > 0) {
        firstAt = now;
        appliedAtFirst = applied;
        cpuAtFirst = readCpu();
      }
      if (fences.every((fence, partition) => fence >= replay.ends[partition]! - 1)) {
        const cpuAtEnd = readCpu();
        const sustainedSeconds = (now - (firstAt ?? spawnedAt)) / 1000;
        const eventsPerSec = (total - appliedAtFirst) / sustainedSeconds;
        return {
          client,
          processes,
          partitions,
          events: total,
          eventsPerSec,
          mbPerSec: (eventsPerSec * bytesPerEvent) / 1e6,
          sustainedSeconds,
          wallSeconds: (now - spawnedAt) / 1000,
          replayEventsPerSec: replay.sent / replay.seconds,
          replayMbPerSec: replay.bytes / 1e6 / replay.seconds,
          ...(cpuAtFirst !== undefined && cpuAtEnd !== undefined && { cpu: cpuShare(cpuAtFirst, cpuAtEnd, total - appliedAtFirst) }),
        };
      }
      const dead = children.find(({ child }) => child.exitCode !== null);
      if (dead !== undefined) throw new Error(`a processor exited (${dead.child.exitCode}): ${dead.tail()}`);
      if (now > deadline) throw new Error(`fences at ${fences.join(', ')} of ${replay.ends.join(', ')} after ${((now - spawnedAt) / 1000).toFixed(0)} s`);
      if (now - lastLog > 5000) {
        lastLog = now;
        const rate = firstAt === undefined ? 0 : (applied - appliedAtFirst) / ((now - firstAt) / 1000);
        log(`    ${applied.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} applied · ${Math.round(rate).toLocaleString('en-US')} ev/s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await stopProcessors(children);
    fs.rmSync(lakeDir, { recursive: true, force: true });
    await deleteBenchTopics(stack.brokers, [replay.topic, replay.dlqTopic]).catch(() => undefined);
  }
}
