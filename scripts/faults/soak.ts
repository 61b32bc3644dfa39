/**
 * The soak: a private stack under a steady load for an hour (by default), with a random component
 * (the processor, Redis or the Kafka broker, or those named by --components) killed with SIGKILL
 * every 5 minutes and restarted. The load is `pulse generate live`, or with --replay a recorded
 * corpus looped at the rate (millions of events at a steady rate). Checked: consumer lag back to 0
 * within 60 s of each kill, processor RSS within 10% of its post-warm-up level, and at the end hot
 * counts = an independent recount of the topic and one cold row per valid record.
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

async function lag(): Promise<number> {
  await admin.connect().catch(() => undefined);
  const ends = await admin.topicOffsets(EVENT_TOPIC);
  let behind = 0;
  for (const { partition, high } of ends) behind += Number(high) - 1 - Number((await redis.hget(`pulse:fence:${EVENT_TOPIC}:${partition}`, 'offset')) ?? -1);
  return behind;
}

function rssMb(pid: number | undefined): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
  } catch {
    return undefined;
  }
}

const failures: string[] = [];
const recoveries: Array<{ component: string; seconds: number }> = [];
const rss: number[] = [];
const rssTimer = setInterval(() => {
  const value = rssMb(processor.child.pid);
  if (value !== undefined) rss.push(value);
}, 10_000);
const endAt = Date.now() + minutes * 60_000;
let kills = 0;
try {
  while (Date.now() + killEveryMs < endAt) {
    await new Promise((resolve) => setTimeout(resolve, killEveryMs));
    const component = victims[Math.floor(Math.random() * victims.length)] as Component;
    kills += 1;
    log(`kill ${kills}: ${component}`);
    if (component === 'processor') {
      await killHard(processor);
      processor = startProcessor();
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
    const killedAt = Date.now();
    try {
      await waitUntil('consumer lag back to 0', async () => ((await lag()) <= rate ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
      recoveries.push({ component, seconds: (Date.now() - killedAt) / 1000 });
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
  const warm = rss[Math.min(rss.length - 1, 6)] ?? Number.NaN;
  const last = rss.at(-1) ?? Number.NaN;
  if (!(Math.abs(last - warm) <= warm * 0.1)) failures.push(`processor RSS ${last.toFixed(0)} MB vs ${warm.toFixed(0)} MB after warm-up (more than 10% apart)`);

  log(`records ${total}, kills ${kills}, generator runs ${generatorRuns}`);
  for (const { component, seconds } of recoveries) log(`  lag back to 0 after a ${component} kill in ${seconds.toFixed(1)} s`);
  log(`processor RSS: ${warm.toFixed(0)} MB after warm-up, ${last.toFixed(0)} MB at the end (RSS restarts with each processor kill)`);
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
