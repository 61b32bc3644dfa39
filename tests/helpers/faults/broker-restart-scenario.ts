/**
 * Fault 5: the broker is killed (kill -9) and stopped cleanly (SIGTERM) again and again while
 * `pulse generate live` produces through its idempotent producer and `pulse process` consumes, each
 * on a private stack. Nobody restarts the generator or the processor: they must ride through every
 * outage by themselves. At the end: every acknowledged event (the generator's summary and manifest)
 * is in the topic, every Redis count equals the recount of the topic, the cold store holds one row
 * per valid record and `pulse reconcile` finds nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitUntil } from '../../../core/wait-until.ts';
import type { GeneratorManifest } from '../../../generator/manifest.ts';
import { type RunningCommand, startPulse, stopGracefully } from '../processes.ts';
import { type AuditResult, auditPipeline, describeAudit, topicEnds, waitForFencesAtEnd } from './pipeline-audit.ts';
import { type BrokerStop, startPrivateStack } from './private-stack.ts';

export interface BrokerRestartOptions {
  hardKills: number;
  cleanRestarts: number;
  /** How long the broker stays down in outage `index` (ms). */
  downMs: (index: number) => number;
  /** How long the pipeline runs between a restart and the next outage (ms). */
  upMs: number;
  /** Events per second of the live generator. */
  rate: number;
  log: (line: string) => void;
}

export interface Outage {
  how: BrokerStop;
  downMs: number;
  restartMs: number;
  /** Records in the topic before the outage and once the generator was publishing again. */
  recordsBefore: number;
  recordsAfter: number;
}

export interface BrokerRestartResult {
  outages: Outage[];
  generator: { exit: number | string; sent: number; rejected: number; manifestRecords: number };
  /** Acknowledged event ids missing from the topic (must be 0). */
  acknowledgedMissing: number;
  acknowledgedIds: number;
  /** Records in the topic beyond the acknowledged ones (re-sent copies; 0 with working idempotence). */
  extraRecords: number;
  /**
   * The processor's consumer crashes reported by kafkajs, how many of them kafkajs restarted from,
   * and how many times the processor replaced a consumer that kafkajs gave up on.
   */
  processor: { exit: number | string; consumerCrashes: number; consumerRestarts: number; consumerReplacements: number };
  audit: AuditResult;
  elapsedMs: number;
}

const TOPIC = 'job.postings.v1';
const REDIS_DB = 8;
const ALLOWED_LATENESS_MS = 2 * 3_600_000;

/** The event_id of a JSON record, whatever else is wrong with it (future, late…). */
function eventIdOf(value: Buffer | null): string | undefined {
  try {
    const parsed = JSON.parse(value?.toString('utf8') ?? '') as { event_id?: unknown };
    return typeof parsed.event_id === 'string' ? parsed.event_id : undefined;
  } catch {
    return undefined;
  }
}

function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function runBrokerRestarts(options: BrokerRestartOptions): Promise<BrokerRestartResult> {
  const started = Date.now();
  const { log } = options;
  const stack = await startPrivateStack(log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-broker-fault-'));
  const lakeDir = path.join(work, 'lake');
  const manifestFile = path.join(work, 'manifest.json');
  const env = stack.env(REDIS_DB);
  const servers = { brokers: stack.brokers, redisUrl: env.REDIS_URL! };
  let generator: RunningCommand | undefined;
  let processor: RunningCommand | undefined;
  try {
    generator = startPulse(
      ['generate', 'live', '--rate', String(options.rate), '--topic', TOPIC, '--seed', 'broker-restarts', '--manifest', manifestFile, '--manifest-all', '--no-progress'],
      env,
    );
    const processorArgs = ['process', '--group', 'fault-broker', '--id', 'fault-broker', '--topic', TOPIC, '--session-timeout', '6000', '--lake', lakeDir, '--cold-max-age', '2000'];
    processor = startPulse(processorArgs, env);
    const records = async () => (await topicEnds(servers, TOPIC)).reduce((sum, end) => sum + end.high, 0);
    const running = [['generator', generator], ['processor', processor]] as const;
    const checkRunning = () => {
      for (const [name, child] of running) {
        if (child.child.exitCode !== null || child.child.signalCode !== null) {
          throw new Error(`the ${name} exited (${child.child.exitCode ?? child.child.signalCode}) during the run:\n${child.output().slice(-4000)}`);
        }
      }
    };
    const advancing = async (label: string, beyond: number) => {
      try {
        return await waitUntil(label, async () => {
          checkRunning();
          const now = await records();
          return now > beyond ? now : undefined;
        }, { timeoutMs: 120_000, intervalMs: 250 });
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- generator output ---\n${generator!.output().slice(-4000)}`);
      }
    };
    await advancing('the generator to publish', 0);

    const plan: BrokerStop[] = [];
    for (let index = 0; index < Math.max(options.hardKills, options.cleanRestarts); index += 1) {
      if (index < options.hardKills) plan.push('hard');
      if (index < options.cleanRestarts) plan.push('clean');
    }
    const outages: Outage[] = [];
    for (const [index, how] of plan.entries()) {
      await new Promise((resolve) => setTimeout(resolve, options.upMs));
      checkRunning();
      const recordsBefore = await records();
      const downMs = options.downMs(index);
      await stack.stopBroker(how);
      log(`outage ${index + 1}/${plan.length}: broker ${how === 'hard' ? 'killed (kill -9)' : 'stopped (SIGTERM)'} with ${recordsBefore} records in the topic; down for ${(downMs / 1000).toFixed(1)} s`);
      // The broker being down for this long is the fault itself.
      await new Promise((resolve) => setTimeout(resolve, downMs));
      const { readyInMs } = await stack.startBroker();
      const recordsAfter = await advancing('the generator to publish again after the restart', recordsBefore);
      outages.push({ how, downMs, restartMs: readyInMs, recordsBefore, recordsAfter });
      log(`outage ${index + 1}/${plan.length}: broker back in ${(readyInMs / 1000).toFixed(1)} s; the generator publishes again (${recordsAfter} records)`);
    }

    const generatorExit = await stopGracefully(generator, 120_000);
    const summaryLine = /live: sent ([\d,]+) records/.exec(generator.output());
    if (summaryLine === null) throw new Error(`the generator printed no summary (exit ${generatorExit}):\n${generator.output().slice(-4000)}`);
    const sent = Number(summaryLine[1]!.replace(/,/g, ''));
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as GeneratorManifest;
    const rejectedIndexes = new Set(manifest.rejected.map((entry) => entry.index));
    log(`generator stopped (exit ${generatorExit}): ${sent} records acknowledged, ${manifest.rejected.length} refused`);

    const total = await waitForFencesAtEnd(servers, TOPIC, 180_000);
    const processorExit = await stopGracefully(processor, 120_000);
    log(`processor reached the end of the topic (${total} records) and stopped (exit ${processorExit})`);
    const audit = await auditPipeline(servers, { topic: TOPIC, lakeDir, allowedLatenessMs: ALLOWED_LATENESS_MS, from: dayOffset(-4), to: dayOffset(1) });
    log(describeAudit(audit));

    // Acknowledged = sent and not refused; their ids must all be in the topic.
    const topicIds = new Set<string>();
    for (const message of audit.messages) {
      const eventId = eventIdOf(message.value);
      if (eventId !== undefined) topicIds.add(eventId);
    }
    const acknowledged = (manifest.all ?? []).filter((line) => !rejectedIndexes.has(line.index) && line.contractValid && line.eventId !== undefined);
    const acknowledgedIds = new Set(acknowledged.map((line) => line.eventId!));
    let missing = 0;
    for (const id of acknowledgedIds) if (!topicIds.has(id)) missing += 1;
    return {
      outages,
      generator: { exit: generatorExit, sent, rejected: manifest.rejected.length, manifestRecords: manifest.records },
      acknowledgedMissing: missing,
      acknowledgedIds: acknowledgedIds.size,
      extraRecords: audit.records - sent,
      processor: {
        exit: processorExit,
        consumerCrashes: (processor.output().match(/\] Crash: /g) ?? []).length,
        consumerRestarts: (processor.output().match(/Restarting the consumer/g) ?? []).length,
        consumerReplacements: (processor.output().match(/the Kafka consumer stopped; starting a new one/g) ?? []).length,
      },
      audit,
      elapsedMs: Date.now() - started,
    };
  } finally {
    for (const child of [generator, processor]) if (child !== undefined && child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
    await stack.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
