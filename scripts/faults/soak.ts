/**
 * The soak: a private stack under a steady load for an hour (by default), with a random component
 * (the processor, Redis or the Kafka broker, or those named by --components) killed with SIGKILL
 * every 5 minutes and restarted. The load is `pulse generate live`, or with --replay a recorded
 * corpus looped at the rate (millions of events at a steady rate). Checked: within 60 s of each kill
 * the processor has applied every record produced up to 2 s after the restart (lag back to 0);
 * the RSS of each processor that ran 3 min or more after warming up stays within 10% of its
 * post-warm-up level (warm-up: the minute after it caught up; levels are one-minute medians, so a
 * single GC sawtooth neither passes nor fails it); at the end hot counts = an independent recount
 * of the topic and one cold row per valid record.
 *
 *   node --import tsx scripts/faults/soak.ts [--minutes 60] [--kill-every-s 300] [--rate 200]
 *     [--components processor,redis,kafka] [--replay corpus.tpc.gz]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { median } from '../../benchmarks/lib/stats.ts';
import { REPO_ROOT, loadStackConfig } from '../../core/config.ts';
import { EVENT_TOPIC } from '../../core/contract.ts';
import { createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import { waitUntil } from '../../core/wait-until.ts';
import { kafkaProcess, startKafka } from '../../infra/kafka-broker.ts';
import { readPid } from '../../infra/managed-process.ts';
import { redisProcess, startRedis } from '../../infra/redis-server.ts';
import { stackDown, stackUp } from '../../infra/stack.ts';
import { findFreePort } from '../../infra/tcp-probe.ts';
import { createEnricher } from '../../taxonomy/enricher.ts';
import { consumeMessages } from '../../tests/helpers/kafka.ts';
import { expectedHotCounts } from '../../tests/helpers/oracle.ts';
import { type RunningCommand, killHard, startPulse, stopGracefully } from '../../tests/helpers/processes.ts';
import { diffCounts, readTrendCounts } from '../../tests/helpers/redis.ts';

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    'kill-every-s': { type: 'string', default: '300' },
    rate: { type: 'string', default: '200' },
    components: { type: 'string', default: 'processor,redis,kafka' },
    replay: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(
    'Usage: node --import tsx scripts/faults/soak.ts [--minutes 60] [--kill-every-s 300] [--rate 200] [--components processor,redis,kafka] [--replay corpus]\n\n' +
      'Steady load on a private stack: `pulse generate live` at --rate, or with --replay a recorded corpus\n' +
      'looped at --rate (each pass re-stamped to end now, with new event ids). A random one of --components\n' +
      'is killed with SIGKILL every --kill-every-s seconds and restarted. Exits 1 if an invariant fails.\n',
  );
  process.exit(0);
}
const minutes = Number(flags.minutes);
const killEveryMs = Number(flags['kill-every-s']) * 1000;
const rate = Number(flags.rate);
if (![minutes, killEveryMs, rate].every((value) => Number.isFinite(value) && value > 0)) {
  process.stderr.write('--minutes, --kill-every-s and --rate must be positive numbers\n');
  process.exit(1);
}
const COMPONENTS = ['processor', 'redis', 'kafka'] as const;
type Component = (typeof COMPONENTS)[number];
const victims = flags.components.split(',').map((name) => name.trim());
const unknown = victims.filter((name) => !(COMPONENTS as readonly string[]).includes(name));
if (victims.length === 0 || unknown.length > 0) {
  process.stderr.write(`--components takes a comma-separated list of ${COMPONENTS.join(', ')}; unknown: ${unknown.join(', ') || '(empty)'}\n`);
  process.exit(1);
}

const log = (line: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-soak-'));
const lakeDir = path.join(home, 'lake');
const env = {
  PULSE_HOME: home,
  PULSE_KAFKA_PORT: String(await findFreePort()),
  PULSE_KAFKA_CONTROLLER_PORT: String(await findFreePort()),
  PULSE_REDIS_PORT: String(await findFreePort()),
  PULSE_KAFKA_HEAP: '768m',
};
const config = loadStackConfig({ ...process.env, ...env, KAFKA_BROKERS: undefined, REDIS_URL: undefined });
const up = await stackUp(config, log);
const childEnv = { ...env, KAFKA_BROKERS: up.brokers.join(','), REDIS_URL: up.redisUrl, PULSE_LAKE_DIR: lakeDir };
process.env.KAFKA_BROKERS = childEnv.KAFKA_BROKERS;
const redis = new Redis(up.redisUrl, { maxRetriesPerRequest: null });
redis.on('error', () => undefined);
const admin = createKafkaClient('kafkajs', { brokers: up.brokers, clientId: 'soak' }).admin();

let generatorRuns = 0;
const startGenerator = () =>
  startPulse(
    flags.replay === undefined
      ? ['generate', 'live', '--rate', String(rate), '--seed', `soak-${(generatorRuns += 1)}`, '--no-progress']
      : ['generate', 'replay', '--file', flags.replay, '--rate', String(rate), '--loops', '0', '--restamp', '--no-progress'],
    childEnv,
  );
const startProcessor = () => startPulse(['process', '--session-timeout', '6s', '--lake', lakeDir], childEnv);
let generator: RunningCommand = startGenerator();
let processor: RunningCommand = startProcessor();

/** Per partition, how far the fence is behind the topic's last offset (negative never). */
async function behind(): Promise<Array<{ partition: number; end: number; fence: number }>> {
  await admin.connect().catch(() => undefined);
  const ends = await admin.topicOffsets(EVENT_TOPIC);
  const result: Array<{ partition: number; end: number; fence: number }> = [];
  for (const { partition, high } of ends) {
    result.push({ partition, end: Number(high) - 1, fence: Number((await redis.hget(`pulse:fence:${EVENT_TOPIC}:${partition}`, 'offset')) ?? -1) });
  }
  return result;
}

async function lag(): Promise<number> {
  return (await behind()).reduce((sum, entry) => sum + entry.end - entry.fence, 0);
}

/**
 * Recovery after a kill: the processor must apply records produced after the restart, so the
 * target is the topic's end a moment after the component is back, and the time runs from the kill.
 */
async function waitForRecovery(killedAt: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const targets = await waitUntil('the broker to answer', async () => (await behind().catch(() => undefined)) ?? undefined, {
    timeoutMs: 60_000,
    intervalMs: 500,
  });
  await waitUntil(
    'the processor to apply what was produced after the restart',
    async () => {
      const now = await behind().catch(() => undefined);
      if (now === undefined) return undefined;
      return targets.every((target) => (now.find((entry) => entry.partition === target.partition)?.fence ?? -1) >= target.end) ? true : undefined;
    },
    { timeoutMs: Math.max(1000, killedAt + 60_000 - Date.now()), intervalMs: 250 },
  );
  return (Date.now() - killedAt) / 1000;
}

function rssMb(pid: number | undefined): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * The level after warm-up is the median RSS over the minute after the warm-up minute; the last level
 * the median over the incarnation's last minute. Judged when 3 min or more ran after catching up.
 */
function rssLevels(incarnation: Incarnation): { judged: boolean; warm: number; last: number; lastAtS: number; peak: number } {
  const caughtUp = incarnation.caughtUpAtS;
  const lastAtS = incarnation.samples.at(-1)?.atS ?? 0;
  const peak = Math.max(0, ...incarnation.samples.map((sample) => sample.mb));
  if (caughtUp === undefined || lastAtS - caughtUp < 180) return { judged: false, warm: Number.NaN, last: Number.NaN, lastAtS, peak };
  const within = (from: number, to: number) => incarnation.samples.filter((sample) => sample.atS >= from && sample.atS < to).map((sample) => sample.mb);
  return { judged: true, warm: median(within(caughtUp + 60, caughtUp + 120)), last: median(within(lastAtS - 60, lastAtS + 1)), lastAtS, peak };
}

const failures: string[] = [];
const recoveries: Array<{ component: string; seconds: number }> = [];
// RSS per processor incarnation (a kill starts a new process): samples every 10 s from its start.
// A restarted processor first catches up on the backlog, which inflates its heap for a while; its
// warm-up runs from when it has caught up (`caughtUpAtS`), the first one's from its start.
interface Incarnation {
  startedAt: number;
  caughtUpAtS: number | undefined;
  samples: Array<{ atS: number; mb: number }>;
}
const incarnations: Incarnation[] = [{ startedAt: Date.now(), caughtUpAtS: 0, samples: [] }];
const rssTimer = setInterval(() => {
  const value = rssMb(processor.child.pid);
  const current = incarnations.at(-1)!;
  if (value !== undefined) current.samples.push({ atS: (Date.now() - current.startedAt) / 1000, mb: value });
}, 10_000);
const endAt = Date.now() + minutes * 60_000;
let kills = 0;
try {
  while (Date.now() + killEveryMs < endAt) {
    await new Promise((resolve) => setTimeout(resolve, killEveryMs));
    const component = victims[Math.floor(Math.random() * victims.length)] as Component;
    kills += 1;
    const killedAt = Date.now();
    log(`kill ${kills}: ${component}`);
    if (component === 'processor') {
      await killHard(processor);
      processor = startProcessor();
      incarnations.push({ startedAt: Date.now(), caughtUpAtS: undefined, samples: [] });
    } else {
      const managed = component === 'redis' ? redisProcess(config) : kafkaProcess(config);
      const pid = readPid(managed);
      if (pid !== undefined) process.kill(pid, 'SIGKILL');
      await waitUntil(`${component} to exit`, () => (readPid(managed) === undefined ? true : undefined), { timeoutMs: 30_000 });
      if (component === 'redis') await startRedis(config, log);
      else await startKafka(config, log);
    }
    if (generator.child.exitCode !== null) {
      log('the generator had exited; starting a new one (a new seed, so no event id repeats)');
      generator = startGenerator();
    }
    try {
      recoveries.push({ component, seconds: await waitForRecovery(killedAt) });
      const current = incarnations.at(-1)!;
      current.caughtUpAtS ??= (Date.now() - current.startedAt) / 1000;
    } catch (error) {
      failures.push(`kill ${kills} (${component}): ${(error as Error).message}`);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, endAt - Date.now())));
  await stopGracefully(generator);
  await waitUntil('the processor to drain', async () => ((await lag()) === 0 ? true : undefined), { timeoutMs: 300_000, intervalMs: 1000 });
  await stopGracefully(processor);
  clearInterval(rssTimer);

  const total = (await admin.topicOffsets(EVENT_TOPIC)).reduce((sum, entry) => sum + Number(entry.high), 0);
  const client = createKafkaClient('kafkajs', { brokers: up.brokers, clientId: 'soak-oracle' });
  const { messages } = await consumeMessages(client, EVENT_TOPIC, total, { timeoutMs: 300_000 });
  const oracle = expectedHotCounts(messages, createEnricher(), 2 * 3_600_000);
  const differences = diffCounts(await readTrendCounts(redis), oracle.counts);
  if (differences.length > 0) failures.push(`${differences.length} hot counts differ from the recount, e.g. ${differences.slice(0, 3).join('; ')}`);
  const sql = spawnSync(process.execPath, ['bin/pulse.js', 'sql', '--lake', lakeDir, '--format', 'json', 'SELECT count(*) AS n FROM silver_job_postings'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const rows = sql.status === 0 ? Number((JSON.parse(sql.stdout) as Array<{ n: number }>)[0]?.n) : Number.NaN;
  if (rows !== oracle.valid) failures.push(`cold rows ${rows}, expected ${oracle.valid}`);
  const rssChecks = incarnations.map((incarnation, index) => ({ index, ...rssLevels(incarnation) })).filter((entry) => entry.judged);
  for (const { index, warm, last, lastAtS } of rssChecks) {
    if (!(Math.abs(last - warm) <= warm * 0.1)) {
      failures.push(`processor ${index + 1}: RSS ${last.toFixed(0)} MB after ${(lastAtS / 60).toFixed(1)} min vs ${warm.toFixed(0)} MB after warm-up (more than 10% apart)`);
    }
  }

  log(`records ${total}, kills ${kills}, generator runs ${generatorRuns}`);
  for (const { component, seconds } of recoveries) log(`  ${component} kill: records produced after the restart applied ${seconds.toFixed(1)} s after the kill`);
  for (const { index, warm, last, lastAtS, peak } of rssChecks) {
    log(`  processor ${index + 1}: RSS ${warm.toFixed(0)} MB after warm-up, ${last.toFixed(0)} MB after ${(lastAtS / 60).toFixed(1)} min (peak ${peak.toFixed(0)} MB)`);
  }
  if (rssChecks.length === 0) log('  RSS not judged: no processor ran 3 min or more between kills');
  log(`hot counts: ${differences.length} differences from the recount of ${oracle.valid} valid records (${oracle.duplicates} duplicates dropped, ${oracle.late} late, ${oracle.rejected} to the DLQ); cold rows ${rows}`);
  log(failures.length === 0 ? 'all invariants held' : `FAILED:\n  ${failures.join('\n  ')}`);
} finally {
  clearInterval(rssTimer);
  await stopGracefully(generator).catch(() => undefined);
  await stopGracefully(processor).catch(() => undefined);
  redis.disconnect();
  await admin.disconnect().catch(() => undefined);
  await stackDown(config);
  fs.rmSync(home, { recursive: true, force: true });
}
process.exit(failures.length === 0 ? 0 : 1);
