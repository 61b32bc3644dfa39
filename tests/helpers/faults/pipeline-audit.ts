/**
 * The end-of-run check every fault test and script shares: wait until the processor's Redis fences
 * reach the end of the topic, then compare Redis with an independent recount of the topic (the
 * oracle), the cold rows with what the oracle says the cold store must hold, and run `pulse
 * reconcile`. Works against any broker and Redis (the shared test stack or a private one).
 */
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { REPO_ROOT } from '../../../core/config.ts';
import { createKafkaClient } from '../../../core/kafka/create-kafka-client.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { type ReceivedMessage, consumeMessages } from '../kafka.ts';
import { type OracleResult, expectedHotCounts } from '../oracle.ts';
import { diffCounts, readTrendCounts } from '../redis.ts';

export interface Servers {
  brokers: string[];
  /** Redis URL including the logical database the processor writes. */
  redisUrl: string;
}

export async function topicEnds(servers: Servers, topic: string): Promise<Array<{ partition: number; high: number }>> {
  const admin = createKafkaClient('kafkajs', { brokers: servers.brokers, clientId: 'pulse-fault-audit', quiet: true }).admin();
  await admin.connect();
  try {
    return (await admin.topicOffsets(topic)).map(({ partition, high }) => ({ partition, high: Number(high) }));
  } finally {
    await admin.disconnect();
  }
}

/** Redis fence (last applied offset) per partition; -1 when none. */
export async function readFences(redisUrl: string, topic: string, partitions: readonly number[]): Promise<Map<number, number>> {
  const redis = new Redis(redisUrl);
  try {
    const fences = new Map<number, number>();
    for (const partition of partitions) fences.set(partition, Number((await redis.hget(`pulse:fence:${topic}:${partition}`, 'offset')) ?? -1));
    return fences;
  } finally {
    redis.disconnect();
  }
}

export async function waitForFencesAtEnd(servers: Servers, topic: string, timeoutMs: number): Promise<number> {
  const ends = await topicEnds(servers, topic);
  await waitUntil(
    `the processor's fences to reach the end of ${topic}`,
    async () => {
      const fences = await readFences(servers.redisUrl, topic, ends.map((end) => end.partition));
      return ends.every(({ partition, high }) => fences.get(partition) === high - 1) ? true : undefined;
    },
    { timeoutMs, intervalMs: 250 },
  );
  return ends.reduce((sum, end) => sum + end.high, 0);
}

export function pulseCli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/pulse.js', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, PULSE_LOG_LEVEL: 'warn', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ColdSummary {
  rows: number;
  ids: number;
  late: number;
}

export function coldSummary(lakeDir: string): ColdSummary {
  const sql = pulseCli(
    ['sql', '--lake', lakeDir, '--format', 'json', 'SELECT count(*) AS n_rows, count(DISTINCT event_id) AS n_ids, count(*) FILTER (WHERE late) AS n_late FROM silver_job_postings'],
    {},
  );
  if (sql.status !== 0) throw new Error(`pulse sql failed: ${sql.stderr}`);
  const [row] = JSON.parse(sql.stdout) as Array<{ n_rows: number; n_ids: number; n_late: number }>;
  return { rows: Number(row!.n_rows), ids: Number(row!.n_ids), late: Number(row!.n_late) };
}

export interface AuditResult {
  records: number;
  messages: ReceivedMessage[];
  oracle: OracleResult;
  /** Redis trend keys that differ from the recount (empty when exact). */
  hotDiff: string[];
  hotKeys: number;
  hotTotal: number;
  cold: ColdSummary;
  /** What the cold store must hold according to the recount. */
  expectedCold: ColdSummary;
  reconcile: { status: number | null; output: string };
}

/** Call once the processor stopped cleanly (its staging files are then all in Parquet). */
export async function auditPipeline(
  servers: Servers,
  options: { topic: string; lakeDir: string; allowedLatenessMs: number; from: string; to: string },
): Promise<AuditResult> {
  const ends = await topicEnds(servers, options.topic);
  const records = ends.reduce((sum, end) => sum + end.high, 0);
  const client = createKafkaClient('kafkajs', { brokers: servers.brokers, clientId: 'pulse-fault-audit' });
  const { messages } = await consumeMessages(client, options.topic, records, { timeoutMs: 120_000 });
  const oracle = expectedHotCounts(messages, createEnricher(), options.allowedLatenessMs);
  const redis = new Redis(servers.redisUrl);
  let hot: Map<string, number>;
  try {
    hot = await readTrendCounts(redis);
  } finally {
    redis.disconnect();
  }
  const reconcile = pulseCli(['reconcile', '--lake', options.lakeDir, '--from', options.from, '--to', options.to], { REDIS_URL: servers.redisUrl });
  return {
    records,
    messages,
    oracle,
    hotDiff: diffCounts(hot, oracle.counts),
    hotKeys: hot.size,
    hotTotal: [...hot.values()].reduce((sum, count) => sum + count, 0),
    cold: coldSummary(options.lakeDir),
    expectedCold: { rows: oracle.valid, ids: oracle.distinctValid, late: oracle.late },
    reconcile: { status: reconcile.status, output: `${reconcile.stdout}${reconcile.stderr}` },
  };
}

/** One line of figures for progress output and docs/reliability.md. */
export function describeAudit(audit: AuditResult): string {
  const { oracle } = audit;
  return [
    `records ${audit.records}`,
    `valid ${oracle.valid} (duplicates dropped ${oracle.duplicates}, late ${oracle.late}, rejected ${oracle.rejected})`,
    `hot keys ${audit.hotKeys} · sum ${audit.hotTotal} · differences from the recount ${audit.hotDiff.length}`,
    `cold rows ${audit.cold.rows}/${audit.expectedCold.rows} · ids ${audit.cold.ids}/${audit.expectedCold.ids} · late ${audit.cold.late}/${audit.expectedCold.late}`,
    `reconcile exit ${audit.reconcile.status}`,
  ].join(' · ');
}
