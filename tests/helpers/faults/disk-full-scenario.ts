/**
 * Fault 7: the cold store lives on a small tmpfs that a ballast file fills mid-run, then frees.
 * While the disk is full the processor must stay up, keep its Redis fences where the cold store
 * ends (no offset passes a row that was not written), show no partial Parquet file to DuckDB, and
 * report `degraded` in its heartbeat and in the dashboard's health; once the ballast is deleted it
 * must catch up alone, and the end state must equal the recount with 0 reconcile differences.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createKafkaClient } from '../../../core/kafka/create-kafka-client.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { createHealthService } from '../../../dashboard-api/health/health-service.ts';
import { createKafkaProbe } from '../../../dashboard-api/health/kafka-probe.ts';
import type { HealthReport } from '../../../dashboard-api/health/pipeline-health.ts';
import type { ProcessorStatus } from '../../../processor/runner/create-processor.ts';
import { processorHeartbeatKey } from '../../../sinks/redis/hot-keys.ts';
import { mixedRecords } from '../mixed-events.ts';
import { type RunningCommand, startPulse, stopGracefully } from '../processes.ts';
import { type AuditResult, type Servers, auditPipeline, coldSummary, describeAudit, readFences, topicEnds, waitForFencesAtEnd } from './pipeline-audit.ts';

export interface DiskFullOptions {
  servers: Servers;
  /** Environment for `pulse process`: KAFKA_BROKERS and REDIS_URL of `servers`. */
  env: Record<string, string>;
  topic: string;
  dlqTopic: string;
  /** Fill/free cycles; each produces a wave before the fill and one while the disk is full. */
  cycles: number;
  recordsPerWave: number;
  /** How long the disk stays full once the processor reported it (the checks run meanwhile), ms. */
  fullForMs: number;
  tmpfsSize: string;
  log: (line: string) => void;
}

export interface FullPeriod {
  /** From the fill to the processor's heartbeat saying degraded. */
  degradedAfterMs: number;
  lastError: string;
  retries: number;
  health: { status: HealthReport['status']; reasons: string[] };
  /** Fences before the full period's checks and after it: equal (nothing applied without its rows). */
  fencesHeld: boolean;
  /** Records produced but not applied while the disk was full. */
  heldBack: number;
  /** Kafka committed offsets never beyond fence + 1. */
  commitsBehindFences: boolean;
  /** `pulse sql` over the lake while full: every visible file readable. */
  coldRowsWhileFull: number;
  processorAlive: boolean;
  /** From deleting the ballast to the fences reaching the end of the topic. */
  recoveredInMs: number;
  degradedClearedAfterRecovery: boolean;
}

export interface DiskFullResult {
  periods: FullPeriod[];
  processorExit: number | string;
  /** Temporary files left in the lake at the end (failed writes must clean up after themselves). */
  leftoverTempFiles: number;
  audit: AuditResult;
}

const ALLOWED_LATENESS_MS = 2 * 3_600_000;
/** Writes until the filesystem refuses (ENOSPC), in big chunks then small ones; returns the bytes written. */
function fillDisk(file: string): number {
  const fd = fs.openSync(file, 'a');
  let written = 0;
  try {
    for (const size of [64 * 1024, 4096]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          const n = fs.writeSync(fd, chunk);
          written += n;
          if (n < size) break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return written;
}

function leftoverTemps(dir: string): number {
  return fs.readdirSync(dir, { recursive: true }).filter((name) => /\.tmp-\d+-/.test(String(name))).length;
}

export async function runDiskFull(options: DiskFullOptions): Promise<DiskFullResult> {
  const { servers, topic, log } = options;
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-disk-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${options.tmpfsSize}`, 'tmpfs', mountPoint]);
  const lakeDir = path.join(mountPoint, 'lake');
  const ballast = path.join(mountPoint, 'ballast');
  const processorId = `fault-disk-${process.pid}`;
  const groupId = `fault-disk-${process.pid}-${Date.now().toString(36)}`;
  const redis = new Redis(servers.redisUrl);
  const client = createKafkaClient('kafkajs', { brokers: servers.brokers, clientId: 'pulse-fault-disk' });
  const producer = client.producer();
  const admin = client.admin();
  const health = createHealthService({
    redis,
    kafka: createKafkaProbe({ brokers: servers.brokers, client: 'kafkajs', topic, groupId, cacheMs: 0, clock: Date.now }),
    clock: Date.now,
    processorStaleMs: 5000,
    lagDegradedRecords: Number.MAX_SAFE_INTEGER,
    throughputWindowMs: 10_000,
  });
  let processor: RunningCommand | undefined;
  await producer.connect();
  await admin.connect();
  try {
    const heartbeat = async () => {
      const raw = await redis.get(processorHeartbeatKey(processorId));
      return raw === null ? undefined : (JSON.parse(raw) as ProcessorStatus);
    };
    const partitions = (await topicEnds(servers, topic)).map((end) => end.partition);
    processor = startPulse(
      ['process', '--group', groupId, '--id', processorId, '--topic', topic, '--dlq-topic', options.dlqTopic, '--session-timeout', '6000', '--max-batch', '100', '--lake', lakeDir, '--cold-max-age', '1000'],
      options.env,
    );
    const alive = () => processor!.child.exitCode === null && processor!.child.signalCode === null;
    const periods: FullPeriod[] = [];
    let wave = 0;
    for (let cycle = 0; cycle < options.cycles; cycle += 1) {
      wave += 1;
      await producer.send(topic, mixedRecords(700 + wave, options.recordsPerWave, `2024-03-17T${String(wave * 2).padStart(2, '0')}:00:00Z`, 1));
      await waitForFencesAtEnd(servers, topic, 60_000);
      // Let the short staging age seal and convert what is there, so Parquet exists before the fill.
      await waitUntil('the staged rows to reach Parquet', () => (coldSummary(lakeDir).rows > 0 ? true : undefined), { timeoutMs: 30_000, intervalMs: 500 });

      const filledAt = Date.now();
      const ballastBytes = fillDisk(ballast);
      log(`cycle ${cycle + 1}: lake disk filled (${(ballastBytes / 1e6).toFixed(2)} MB of ballast); producing ${options.recordsPerWave} more records`);
      wave += 1;
      await producer.send(topic, mixedRecords(700 + wave, options.recordsPerWave, `2024-03-17T${String(wave * 2).padStart(2, '0')}:00:00Z`, 1));
      const degraded = await waitUntil('the processor to report degraded', async () => (await heartbeat())?.degraded, { timeoutMs: 60_000, intervalMs: 200 });
      const degradedAfterMs = Date.now() - filledAt;
      log(`cycle ${cycle + 1}: heartbeat degraded after ${degradedAfterMs} ms: ${degraded.lastError}`);
      const fencesBefore = await readFences(servers.redisUrl, topic, partitions);
      // The disk staying full for this long is the fault itself; the checks below read the state it leaves.
      await new Promise((resolve) => setTimeout(resolve, options.fullForMs));
      const fencesAfter = await readFences(servers.redisUrl, topic, partitions);
      const ends = await topicEnds(servers, topic);
      const committed = await admin.committedOffsets(groupId, topic);
      const report = await health.report();
      const last = await heartbeat();
      const coldRowsWhileFull = coldSummary(lakeDir).rows;
      const heldBack = ends.reduce((sum, end) => sum + (end.high - 1 - (fencesAfter.get(end.partition) ?? -1)), 0);
      const fencesHeld = partitions.every((partition) => fencesBefore.get(partition) === fencesAfter.get(partition));
      const commitsBehindFences = committed.every((entry) => Number(entry.offset) <= (fencesAfter.get(entry.partition) ?? -1) + 1);
      const processorAlive = alive();
      log(
        `cycle ${cycle + 1}: after ${options.fullForMs / 1000} s full: process ${processorAlive ? 'up' : 'DOWN'}, fences ${fencesHeld ? 'held' : 'MOVED'} with ${heldBack} records held back, ` +
          `health ${report.status} (${report.reasons.join('; ')}), ${coldRowsWhileFull} cold rows readable`,
      );

      fs.rmSync(ballast);
      const freedAt = Date.now();
      await waitForFencesAtEnd(servers, topic, 120_000);
      const recoveredInMs = Date.now() - freedAt;
      // The next heartbeat after a successful stage no longer carries the degraded field.
      const cleared = await waitUntil('the degraded flag to clear', async () => ((await heartbeat())?.degraded === undefined ? true : undefined), { timeoutMs: 10_000, intervalMs: 200 });
      log(`cycle ${cycle + 1}: ballast deleted; caught up in ${recoveredInMs} ms; degraded cleared`);
      periods.push({
        degradedAfterMs,
        lastError: last?.degraded?.lastError ?? degraded.lastError,
        retries: last?.degraded?.retries ?? degraded.retries,
        health: { status: report.status, reasons: report.reasons },
        fencesHeld,
        heldBack,
        commitsBehindFences,
        coldRowsWhileFull,
        processorAlive,
        recoveredInMs,
        degradedClearedAfterRecovery: cleared,
      });
    }
    const processorExit = await stopGracefully(processor, 60_000);
    const audit = await auditPipeline(servers, { topic, lakeDir, allowedLatenessMs: ALLOWED_LATENESS_MS, from: '2024-03-16', to: '2024-03-18' });
    log(describeAudit(audit));
    return { periods, processorExit, leftoverTempFiles: leftoverTemps(lakeDir), audit };
  } finally {
    if (processor !== undefined && processor.child.exitCode === null && processor.child.signalCode === null) {
      processor.child.kill('SIGKILL');
      await processor.exited;
    }
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    redis.disconnect();
    execFileSync('umount', [mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
  }
}
