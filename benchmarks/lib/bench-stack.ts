/**
 * The Kafka broker and Redis a benchmark runs against: the user's (KAFKA_BROKERS and REDIS_URL both
 * set) or a private stack on free ports with a temporary PULSE_HOME, stopped and removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadStackConfig } from '../../core/config.ts';
import { kafkaProcess } from '../../infra/kafka-broker.ts';
import { readPid } from '../../infra/managed-process.ts';
import { redisProcess } from '../../infra/redis-server.ts';
import { stackDown, stackUp } from '../../infra/stack.ts';
import { findFreePort } from '../../infra/tcp-probe.ts';
import type { ServicePids } from '../pipeline/cpu-accounting.ts';

export interface BenchStack {
  brokers: string[];
  redisUrl: string;
  /** True when the stack was started here (so it is safe to flush and to delete topics). */
  private: boolean;
  /** Where the Kafka jars are (for the broker's own perf tools). */
  kafkaCacheDir: string;
  /** Environment for child processes (`pulse process`, `pulse generate`) to reach this stack. */
  env: NodeJS.ProcessEnv;
  /** The broker's and Redis's pids on this machine (a private stack only), for CPU accounting. */
  servicePids: ServicePids;
  stop(): Promise<void>;
}

export async function startBenchStack(log: (line: string) => void, heap = '1g'): Promise<BenchStack> {
  if (process.env.KAFKA_BROKERS && process.env.REDIS_URL) {
    const config = loadStackConfig();
    log(`using KAFKA_BROKERS=${process.env.KAFKA_BROKERS} REDIS_URL=${process.env.REDIS_URL}`);
    return {
      brokers: process.env.KAFKA_BROKERS.split(','),
      redisUrl: process.env.REDIS_URL,
      private: false,
      kafkaCacheDir: config.kafkaCacheDir,
      env: { ...process.env },
      servicePids: {},
      stop: async () => undefined,
    };
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-'));
  const stackEnv = {
    PULSE_HOME: home,
    PULSE_KAFKA_PORT: String(await findFreePort()),
    PULSE_KAFKA_CONTROLLER_PORT: String(await findFreePort()),
    PULSE_REDIS_PORT: String(await findFreePort()),
    PULSE_KAFKA_HEAP: heap,
  };
  const config = loadStackConfig({ ...process.env, ...stackEnv, KAFKA_BROKERS: undefined, REDIS_URL: undefined });
  const up = await stackUp(config, (line) => log(`stack: ${line}`));
  return {
    brokers: up.brokers,
    redisUrl: up.redisUrl,
    private: true,
    kafkaCacheDir: config.kafkaCacheDir,
    env: { ...process.env, ...stackEnv, KAFKA_BROKERS: up.brokers.join(','), REDIS_URL: up.redisUrl },
    servicePids: { broker: readPid(kafkaProcess(config)), redis: readPid(redisProcess(config)) },
    stop: async () => {
      await stackDown(config);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
