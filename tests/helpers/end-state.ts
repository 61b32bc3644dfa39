/**
 * The end state of a fault test, checked against the independent recount: the processor's fences
 * at the end of the topic, every Redis count, the cold rows (one per valid record, distinct ids as
 * the recount says) and `pulse reconcile` with 0 differences.
 */
import { spawnSync } from 'node:child_process';
import type { Redis } from 'ioredis';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../core/wait-until.ts';
import { createEnricher } from '../../taxonomy/enricher.ts';
import { consumeMessages, testKafkaClient } from './kafka.ts';
import { expectedHotCounts, type OracleResult } from './oracle.ts';
import { diffCounts, readTrendCounts } from './redis.ts';

/** Waits until every partition's fence is the last offset of the topic. */
export async function waitForFencesAtEnd(redis: Redis, topic: string, timeoutMs = 120_000): Promise<number> {
  const admin = testKafkaClient().admin();
  await admin.connect();
  try {
    const ends = await admin.topicOffsets(topic);
    await waitUntil(
      `every partition of ${topic} applied`,
      async () => {
        for (const { partition, high } of ends) {
          if (Number((await redis.hget(`pulse:fence:${topic}:${partition}`, 'offset')) ?? -1) !== Number(high) - 1) return undefined;
        }
        return true;
      },
      { timeoutMs, intervalMs: 500 },
    );
    return ends.reduce((sum, entry) => sum + Number(entry.high), 0);
  } finally {
    await admin.disconnect();
  }
}

export interface EndStateCheck {
  topic: string;
  redis: Redis;
  redisUrl: string;
  lakeDir: string;
  allowedLatenessMs: number;
  /** Range for `pulse reconcile`, UTC dates. */
  reconcileFrom: string;
  reconcileTo: string;
}

export async function assertEndStateEqualsRecount(check: EndStateCheck): Promise<OracleResult> {
  const admin = testKafkaClient().admin();
  await admin.connect();
  const total = (await admin.topicOffsets(check.topic)).reduce((sum, entry) => sum + Number(entry.high), 0);
  await admin.disconnect();
  const { messages } = await consumeMessages(testKafkaClient(), check.topic, total);
  const oracle = expectedHotCounts(messages, createEnricher(), check.allowedLatenessMs);
  assert.equal(diffCounts(await readTrendCounts(check.redis), oracle.counts), [], 'hot counts differ from the recount');
  const pulse = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/pulse.js', ...args], { encoding: 'utf8', env: { ...process.env, REDIS_URL: check.redisUrl } });
  const sql = pulse('sql', '--lake', check.lakeDir, '--format', 'json', 'SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM silver_job_postings');
  assert.is(sql.status, 0, sql.stderr);
  const counted = JSON.parse(sql.stdout) as unknown;
  if (JSON.stringify(counted) !== JSON.stringify([{ n: oracle.valid, ids: oracle.distinctValid }])) {
    const rows = pulse('sql', '--lake', check.lakeDir, '--format', 'json', 'SELECT kafka_partition AS p, kafka_offset AS o FROM silver_job_postings');
    const stored = (JSON.parse(rows.stdout) as { p: number; o: number }[]).map(({ p, o }) => `${p}:${o}`);
    assert.unreachable(`cold rows differ from the recount: ${describeRowDiff(stored, oracle.rowKeys)}`);
  }
  const reconcile = pulse('reconcile', '--lake', check.lakeDir, '--from', check.reconcileFrom, '--to', check.reconcileTo);
  assert.is(reconcile.status, 0, `${reconcile.stdout}${reconcile.stderr}`);
  return oracle;
}

/** "missing 0:12-40, 2:7; extra 1:3 (×2)": offset ranges per partition, for a failing cold check. */
function describeRowDiff(stored: readonly string[], expected: ReadonlySet<string>): string {
  const seen = new Map<string, number>();
  for (const key of stored) seen.set(key, (seen.get(key) ?? 0) + 1);
  const missing = [...expected].filter((key) => !seen.has(key));
  const extra = [...seen].filter(([key, n]) => !expected.has(key) || n > 1).map(([key, n]) => (n > 1 ? `${key} (×${n})` : key));
  return `missing ${compactRanges(missing) || 'none'}; extra ${extra.slice(0, 40).join(', ') || 'none'}${extra.length > 40 ? ` … ${extra.length} in all` : ''}`;
}

function compactRanges(keys: readonly string[]): string {
  const sorted = keys.map((key) => key.split(':').map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]![0] === sorted[i]![0] && sorted[j + 1]![1] - sorted[j]![1] <= 1) j += 1;
    ranges.push(i === j ? `${sorted[i]![0]}:${sorted[i]![1]}` : `${sorted[i]![0]}:${sorted[i]![1]}-${sorted[j]![1]}`);
    i = j + 1;
  }
  return ranges.length > 40 ? `${ranges.slice(0, 40).join(', ')} … (${keys.length} rows)` : ranges.join(', ');
}
