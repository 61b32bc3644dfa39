/**
 * Produce → visible latency at fixed rates: a paced, re-stamped replay of the corpus (paced-replay.ts,
 * a child process: the generator's publishRecords + pacer, Confluent producer) feeds a fresh topic while a processor with both sinks
 * reads it, in a child process of its own (latency-processor.ts); its hooks.batchApplied gives the
 * moment each batch's counts are visible in Redis, and each record's Kafka CreateTime the moment it
 * was produced. The first seconds (claims, JIT) are left out.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../core/config.ts';
import { createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import type { KafkaClientName } from '../../core/kafka/types.ts';
import { waitUntil } from '../../core/wait-until.ts';
import { PROCESSOR_NODE_FLAGS } from '../../processor/runner/processor-node-flags.ts';
import type { BenchStack } from '../lib/bench-stack.ts';
import { percentile } from '../lib/stats.ts';
import { BENCH_PARTITIONS, benchTopicName, createBenchTopics, deleteBenchTopics } from './replay-topic.ts';

export interface LatencyRun {
  client: KafkaClientName;
  targetRate: number;
  /** Records measured (after the warm-up) per second of the measured period. */
  achievedRate: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const WARM_UP_MS = 3000;

export async function runLatency(
  stack: BenchStack,
  corpusFile: string,
  client: KafkaClientName,
  ratePerSec: number,
  seconds: number,
): Promise<LatencyRun> {
  const admin = createKafkaClient('kafkajs', { brokers: stack.brokers, clientId: 'bench-latency' }).admin();
  await admin.connect();
  const topic = benchTopicName(`latency-${client}-${ratePerSec}`);
  const dlqTopic = await createBenchTopics(admin, topic).finally(() => admin.disconnect());
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-lake-'));
  const env = { ...stack.env, KAFKA_BROKERS: stack.brokers.join(','), REDIS_URL: stack.redisUrl, PULSE_LOG_LEVEL: 'warn' };
  const processor = spawn(
    process.execPath,
    [...PROCESSOR_NODE_FLAGS, '--import', 'tsx', path.join(REPO_ROOT, 'benchmarks', 'pipeline', 'latency-processor.ts'), client, topic, dlqTopic, lakeDir, String(BENCH_PARTITIONS)],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  processor.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const processorExited = new Promise<number | null>((resolve) => processor.once('exit', resolve));
  let producer: ReturnType<typeof spawn> | undefined;
  try {
    const owningEveryPartition = async () => {
      if (processor.exitCode !== null) throw new Error(`the latency processor exited with ${processor.exitCode}`);
      return output.startsWith('ready\n') ? true : undefined;
    };
    await waitUntil('the latency processor to own every partition', owningEveryPartition, {
      timeoutMs: 90_000,
      intervalMs: 200,
    });
    const measureFromMs = Date.now() + WARM_UP_MS;
    producer = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'benchmarks', 'pipeline', 'paced-replay.ts'), corpusFile, topic, String(ratePerSec)],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const stoppedAt = Date.now();
    const exited = new Promise((resolve) => producer!.once('exit', resolve));
    producer.kill('SIGTERM');
    await exited;
    // Let the records already produced become visible: they are part of the sample.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    processor.kill('SIGTERM');
    const code = await processorExited;
    if (code !== 0) throw new Error(`the latency processor exited with ${code}`);
    const samples = JSON.parse(output.slice('ready\n'.length)) as Array<[number, number]>;
    const latencies = samples.filter(([producedAtMs]) => producedAtMs >= measureFromMs).map(([producedAtMs, visibleAtMs]) => visibleAtMs - producedAtMs);
    const measuredSeconds = (stoppedAt - measureFromMs) / 1000;
    return {
      client,
      targetRate: ratePerSec,
      achievedRate: latencies.length / measuredSeconds,
      samples: latencies.length,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      // A loop, not Math.max(...latencies): 200k+ samples overflow the call stack as arguments.
      maxMs: latencies.length > 0 ? latencies.reduce((max, value) => (value > max ? value : max), Number.NEGATIVE_INFINITY) : Number.NaN,
    };
  } finally {
    if (producer !== undefined && producer.exitCode === null) producer.kill('SIGKILL');
    if (processor.exitCode === null) {
      processor.kill('SIGKILL');
      await processorExited;
    }
    fs.rmSync(lakeDir, { recursive: true, force: true });
    await deleteBenchTopics(stack.brokers, [topic, dlqTopic]).catch(() => undefined);
  }
}
