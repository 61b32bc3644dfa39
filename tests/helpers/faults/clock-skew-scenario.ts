/**
 * Fault 8: the processor's wall clock is wrong (libfaketime: +1 h, −1 h, and a jump of −2 h in the
 * middle of a run, then a restart under yet another offset). Every decision must come from the
 * records (event time, Kafka record timestamp), never from the processor's clock, so each skewed
 * run over the same topic must give exactly what a clean run gives: the same Redis counts, the same
 * cold rows (partition, offset, late flag — so the same dedup and lateness decisions) and the same
 * DLQ records (partition, offset, reason — so the same future-timestamp decisions).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createKafkaClient } from '../../../core/kafka/create-kafka-client.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { DLQ_TOPIC_CONFIGS } from '../../../infra/topics.ts';
import { ensureDebianPackages } from '../../../infra/prerequisites.ts';
import type { ProcessorStatus } from '../../../processor/runner/create-processor.ts';
import { processorHeartbeatKey } from '../../../sinks/redis/hot-keys.ts';
import { consumeMessages } from '../kafka.ts';
import { postingEvent } from '../events.ts';
import { mixedRecords } from '../mixed-events.ts';
import { type RunningCommand, startPulse, stopGracefully } from '../processes.ts';
import { diffCounts, readTrendCounts } from '../redis.ts';
import { type AuditResult, type Servers, auditPipeline, pulseCli, topicEnds, waitForFencesAtEnd } from './pipeline-audit.ts';

export const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/**
 * One segment of a run: the processor starts under `offset` (libfaketime syntax, '' = real clock),
 * then `records` (a share of all records) are produced and applied; with `jumpTo`, its clock then
 * jumps to that offset while it runs and `recordsAfterJump` more are produced and applied. The
 * processor stops at the end of each segment (the next one restarts it).
 */
export interface ClockSegment {
  offset: string;
  records: number;
  jumpTo?: string;
  recordsAfterJump?: number;
}

export interface ClockRun {
  name: string;
  segments: ClockSegment[];
}

export interface RunSnapshot {
  name: string;
  /** Processor clock minus real clock seen in its heartbeats, in minutes, per segment (and after a jump). */
  observedSkewMinutes: number[];
  counts: Map<string, number>;
  coldRows: number;
  late: number;
  duplicatesDropped: number;
  dlq: number;
  /** Differences from the clean run (0 each when the clock changes nothing). */
  countDifferences: string[];
  coldRowDifferences: number;
  dlqDifferences: number;
}

export interface ClockSkewResult {
  records: number;
  clean: RunSnapshot;
  skewed: RunSnapshot[];
  /** The clean run against the recount of the topic, as a sanity check of the baseline. */
  audit: AuditResult;
}

const ALLOWED_LATENESS_MS = 2 * 3_600_000;

interface RawRun {
  name: string;
  topic: string;
  lakeDir: string;
  observedSkewMinutes: number[];
  counts: Map<string, number>;
  /** `partition,offset,late` of every cold row, in order. */
  coldKeys: string[];
  /** `partition:offset:reason` of every DLQ record. */
  dlqKeys: Set<string>;
}

/** `+1h`, `-30m`, `+90` (seconds) → minutes. */
function offsetMinutes(offset: string): number {
  const unit = offset.endsWith('h') ? 60 : offset.endsWith('m') ? 1 : offset.endsWith('d') ? 1440 : 1 / 60;
  return Math.round(Number.parseFloat(offset) * unit);
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let count = 0;
  for (const key of a) if (!b.has(key)) count += 1;
  for (const key of b) if (!a.has(key)) count += 1;
  return count;
}

/** Makes sure libfaketime is installed (the setup's package list has it; this covers a bare machine). */
export function ensureFaketime(log: (line: string) => void): void {
  if (!fs.existsSync(LIBFAKETIME)) ensureDebianPackages(['faketime'], log);
  if (!fs.existsSync(LIBFAKETIME)) throw new Error(`libfaketime is missing at ${LIBFAKETIME} after installing the faketime package`);
}

/**
 * Environment that runs a Node child under a fake wall clock read from `file` (re-read every second,
 * so writing another offset there makes the clock jump). The monotonic clock stays real, as with an
 * NTP step: timers keep their pace.
 */
export function faketimeEnv(file: string): Record<string, string> {
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME_TIMESTAMP_FILE: file, FAKETIME_CACHE_DURATION: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1' };
}

/** Date.now() of a child under the fake clock minus ours, in minutes: proves the skew reaches Node. */
export function measuredSkewMinutes(file: string): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { encoding: 'utf8', env: { ...process.env, ...faketimeEnv(file) } });
  return Math.round((Number(child.stdout) - Date.now()) / 60_000);
}

/**
 * Records with troubles (duplicates, late, unreadable), then events around the real now: most from
 * 60 min behind to 2 min ahead of their record's (producer) time, a fifth 20–25 min ahead, beyond
 * --max-future-skew (5 min), so they go to the DLQ. That must not depend on the processor's clock;
 * the margins leave 15 min for the runs, which produce the same records at different moments.
 */
export function clockRecords(count: number): Array<{ key: string; value: string }> {
  const nearNow = Math.floor(count / 10);
  const records = mixedRecords(808, count - nearNow, '2024-03-18T06:00:00Z', 3).map((message) => ({ key: String(message.key), value: String(message.value) }));
  const now = Date.now();
  for (let index = 0; index < nearNow; index += 1) {
    const aheadMs = index % 5 === 4 ? (20 + (index % 6)) * 60_000 : (((index * 7) % 62) - 60) * 60_000;
    const event = postingEvent(`near-now-${index}`, new Date(now + aheadMs).toISOString(), { description: 'Python, Kafka and Kubernetes (k8s) on AWS.', location: 'London, UK' });
    records.push({ key: event.payload.job_id, value: JSON.stringify(event) });
  }
  return records;
}

async function coldRowKeys(lakeDir: string): Promise<string[]> {
  const sql = pulseCli(['sql', '--lake', lakeDir, '--format', 'csv', 'SELECT kafka_partition, kafka_offset, late FROM silver_job_postings ORDER BY 1, 2'], {});
  if (sql.status !== 0) throw new Error(`pulse sql failed: ${sql.stderr}`);
  return sql.stdout.trim().split(/\r?\n/).slice(1);
}

async function dlqKeys(servers: Servers, dlqTopic: string): Promise<Set<string>> {
  const total = (await topicEnds(servers, dlqTopic)).reduce((sum, end) => sum + end.high, 0);
  const client = createKafkaClient('kafkajs', { brokers: servers.brokers, clientId: 'pulse-fault-clock' });
  const { messages } = await consumeMessages(client, dlqTopic, total, { timeoutMs: 60_000 });
  // A replayed batch may write a DLQ record again (at-least-once as a log): compare as a set.
  return new Set(messages.map((message) => `${message.headers['pulse.source.partition']}:${message.headers['pulse.source.offset']}:${message.headers['pulse.error.code']}`));
}

export async function runClockSkew(options: {
  servers: Servers;
  /** KAFKA_BROKERS for the processor; REDIS_URL comes from servers.redisUrl. */
  env: Record<string, string>;
  /** Each run gets the topic `{prefix}-run{n}` (and its `.dlq`), deleted at the end. */
  topicPrefix: string;
  records: number;
  runs: ClockRun[];
  log: (line: string) => void;
}): Promise<ClockSkewResult> {
  const { servers, log } = options;
  const created: string[] = [];
  ensureFaketime(log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-clock-skew-'));
  const client = createKafkaClient('kafkajs', { brokers: servers.brokers, clientId: 'pulse-fault-clock' });
  const producer = client.producer();
  const admin = client.admin();
  const redis = new Redis(servers.redisUrl);
  const running: RunningCommand[] = [];
  await producer.connect();
  await admin.connect();
  try {
    const records = clockRecords(options.records);
    const total = records.length;
    log(`${total} records per run (${Math.floor(options.records / 10)} of them with event times around now), each run on its own topic`);

    const runOne = async (run: ClockRun, index: number): Promise<RawRun> => {
      await redis.flushdb();
      const topic = `${options.topicPrefix}-run${index}`;
      const dlqTopic = `${topic}.dlq`;
      await admin.createTopics([{ topic, numPartitions: 3 }, { topic: dlqTopic, numPartitions: 1, configs: DLQ_TOPIC_CONFIGS }]);
      created.push(topic, dlqTopic);
      const lakeDir = path.join(work, `lake-${index}`);
      const clockFile = path.join(work, `clock-${index}`);
      const processorId = `fault-clock-${index}-${process.pid}`;
      const args = ['process', '--group', `${topic}-group`, '--id', processorId, '--topic', topic, '--dlq-topic', dlqTopic,
        '--session-timeout', '6000', '--max-batch', '50', '--lake', lakeDir, '--cold-max-age', '1000'];
      const observedSkewMinutes: number[] = [];
      const skewInHeartbeat = async () =>
        waitUntil('a heartbeat', async () => {
          const raw = await redis.get(processorHeartbeatKey(processorId));
          return raw === null ? undefined : Math.round(((JSON.parse(raw) as ProcessorStatus).heartbeatAtMs - Date.now()) / 60_000);
        }, { timeoutMs: 30_000, intervalMs: 200 });
      let produced = 0;
      // Same records, same order, same keys: every run's topic gets the same partitions and offsets.
      const produceShare = async (share: number) => {
        const upTo = Math.min(total, produced + Math.round(share * total));
        // In sends of 500, under the broker's request size limit.
        for (let from = produced; from < upTo; from += 500) await producer.send(topic, records.slice(from, Math.min(upTo, from + 500)));
        produced = upTo;
        await waitForFencesAtEnd(servers, topic, 120_000);
      };
      for (const [segmentIndex, segment] of run.segments.entries()) {
        const skewed = segment.offset !== '';
        if (skewed) {
          fs.writeFileSync(clockFile, `${segment.offset}\n`);
          log(`${run.name}: a child under FAKETIME ${segment.offset} reads Date.now() ${measuredSkewMinutes(clockFile)} min from ours`);
        }
        const processor = startPulse(args, { ...options.env, REDIS_URL: servers.redisUrl, ...(skewed ? faketimeEnv(clockFile) : {}) });
        running.push(processor);
        observedSkewMinutes.push(await skewInHeartbeat());
        await produceShare(segmentIndex === run.segments.length - 1 && segment.jumpTo === undefined ? 1 : segment.records);
        if (segment.jumpTo !== undefined) {
          fs.writeFileSync(clockFile, `${segment.jumpTo}\n`);
          const target = offsetMinutes(segment.jumpTo);
          // libfaketime re-reads the file within a second; the next heartbeat shows the new clock.
          await waitUntil(`the processor's clock to jump to ${segment.jumpTo}`, async () => ((await skewInHeartbeat()) === target ? true : undefined), { timeoutMs: 30_000, intervalMs: 200 });
          observedSkewMinutes.push(target);
          log(`${run.name}: clock jumped from ${segment.offset} to ${segment.jumpTo} in the running processor, after ${produced} of ${total} records`);
          await produceShare(segmentIndex === run.segments.length - 1 ? 1 : (segment.recordsAfterJump ?? 0));
        }
        const exit = await stopGracefully(processor, 60_000);
        if (exit !== 0) throw new Error(`${run.name}: the processor exited ${exit}:\n${processor.output().slice(-4000)}`);
        if (segmentIndex < run.segments.length - 1) log(`${run.name}: processor stopped after ${produced} of ${total} records; restarting under another clock`);
      }
      return { name: run.name, topic, lakeDir, observedSkewMinutes, counts: await readTrendCounts(redis), coldKeys: await coldRowKeys(lakeDir), dlqKeys: await dlqKeys(servers, dlqTopic) };
    };
    const snapshot = (raw: RawRun, clean: RawRun | undefined): RunSnapshot => ({
      name: raw.name,
      observedSkewMinutes: raw.observedSkewMinutes,
      counts: raw.counts,
      coldRows: raw.coldKeys.length,
      late: raw.coldKeys.filter((row) => row.endsWith(',true')).length,
      duplicatesDropped: total - raw.coldKeys.length - raw.dlqKeys.size,
      dlq: raw.dlqKeys.size,
      countDifferences: clean === undefined ? [] : diffCounts(raw.counts, clean.counts),
      coldRowDifferences: clean === undefined ? 0 : symmetricDifference(new Set(raw.coldKeys), new Set(clean.coldKeys)),
      dlqDifferences: clean === undefined ? 0 : symmetricDifference(raw.dlqKeys, clean.dlqKeys),
    });

    const [cleanRun, ...skewedRuns] = options.runs;
    const cleanRaw = await runOne(cleanRun!, 0);
    const clean = snapshot(cleanRaw, undefined);
    const audit = await auditPipeline({ ...servers }, { topic: cleanRaw.topic, lakeDir: cleanRaw.lakeDir, allowedLatenessMs: ALLOWED_LATENESS_MS, from: '2024-03-17', to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) });
    log(`${clean.name}: ${clean.counts.size} hot keys, ${clean.coldRows} cold rows (${clean.late} late), ${clean.duplicatesDropped} duplicates dropped, ${clean.dlq} DLQ; recount differences ${audit.hotDiff.length}`);
    const skewed: RunSnapshot[] = [];
    for (const [index, run] of skewedRuns.entries()) {
      const result = snapshot(await runOne(run, index + 1), cleanRaw);
      log(
        `${run.name}: skew seen in heartbeats ${result.observedSkewMinutes.map((m) => `${m > 0 ? '+' : ''}${m} min`).join(' → ')}; ` +
          `${result.counts.size} hot keys, ${result.coldRows} cold rows (${result.late} late), ${result.duplicatesDropped} duplicates dropped, ${result.dlq} DLQ; ` +
          `differences from the clean run: counts ${result.countDifferences.length}, cold rows ${result.coldRowDifferences}, DLQ ${result.dlqDifferences}`,
      );
      skewed.push(result);
    }
    return { records: total, clean, skewed, audit };
  } finally {
    for (const processor of running) if (processor.child.exitCode === null && processor.child.signalCode === null) processor.child.kill('SIGKILL');
    await producer.disconnect().catch(() => undefined);
    if (created.length > 0) await admin.deleteTopics(created).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    redis.disconnect();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
