/**
 * A Kafka broker and a Redis of a fault test's own, on free ports under a temporary home, so that
 * the test can kill and restart the broker without touching the shared test stack. The broker is
 * restarted by `stackUp` on the same home: same data dir, same ports, same cluster id.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type StackConfig, loadStackConfig } from '../../../core/config.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { kafkaProcess } from '../../../infra/kafka-broker.ts';
import { isProcessAlive } from '../../../core/process-alive.ts';
import { readPid } from '../../../infra/managed-process.ts';
import { stackDown, stackUp } from '../../../infra/stack.ts';
import { findFreePort } from '../../../infra/tcp-probe.ts';

export type BrokerStop = 'hard' | 'clean';

export interface PrivateStack {
  config: StackConfig;
  brokers: string[];
  /** Redis URL of logical database 0 of the private Redis. */
  redisUrl: string;
  /** Environment for `pulse` child processes: this stack's broker and Redis (database `db`). */
  env(db: number): Record<string, string>;
  /** kill -9 of the broker's JVM (hard) or SIGTERM and wait for its controlled shutdown (clean). */
  stopBroker(how: BrokerStop): Promise<{ pid: number; stoppedInMs: number }>;
  /** `pulse up` again on the same home: returns once the broker answers. */
  startBroker(): Promise<{ readyInMs: number }>;
  /** Stops both servers and deletes the home. */
  close(): Promise<void>;
}

export async function startPrivateStack(log: (line: string) => void = () => undefined): Promise<PrivateStack> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-fault-stack-'));
  const env = {
    ...process.env,
    PULSE_HOME: home,
    PULSE_KAFKA_PORT: String(await findFreePort()),
    PULSE_KAFKA_CONTROLLER_PORT: String(await findFreePort()),
    PULSE_REDIS_PORT: String(await findFreePort()),
    PULSE_KAFKA_HEAP: '512m',
    KAFKA_BROKERS: undefined,
    REDIS_URL: undefined,
  };
  const config = loadStackConfig(env);
  const up = await stackUp(config, (line) => log(`private stack: ${line}`));
  const brokerPid = () => readPid(kafkaProcess(config));
  return {
    config,
    brokers: up.brokers,
    redisUrl: up.redisUrl,
    env: (db) => {
      const url = new URL(up.redisUrl);
      url.pathname = `/${db}`;
      return { KAFKA_BROKERS: up.brokers.join(','), REDIS_URL: url.toString(), PULSE_HOME: home };
    },
    async stopBroker(how) {
      const pid = brokerPid();
      if (pid === undefined) throw new Error('the private broker is not running');
      const started = Date.now();
      process.kill(pid, how === 'hard' ? 'SIGKILL' : 'SIGTERM');
      // A clean stop is Kafka's controlled shutdown (log flush, clean-shutdown marker): give it time.
      await waitUntil(`broker pid ${pid} to exit`, () => (isProcessAlive(pid) ? undefined : true), { timeoutMs: 60_000, intervalMs: 50 });
      return { pid, stoppedInMs: Date.now() - started };
    },
    async startBroker() {
      const started = Date.now();
      await stackUp(config, (line) => log(`private stack: ${line}`));
      return { readyInMs: Date.now() - started };
    },
    async close() {
      await stackDown(config).catch((error: Error) => log(`private stack: stop failed: ${error.message}`));
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
