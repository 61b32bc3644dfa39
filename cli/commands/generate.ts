/**
 * `pulse generate live | backfill | record | replay`: the seeded job-event generator. Thin: parses
 * and checks options (a bad one fails with CONFIG_INVALID naming it), then calls generator/modes.
 */
import { Command as PlainCommand } from 'commander';
import type { Command } from '@commander-js/extra-typings';
import { loadStackConfig, connectionSettings } from '../../core/config.ts';
import { EVENT_TOPIC } from '../../core/contract.ts';
import { PulseError } from '../../core/errors.ts';
import { KAFKA_CLIENT_NAMES, createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import type { KafkaClientName, PulseProducer } from '../../core/kafka/types.ts';
import { CHAOS_KINDS, CHAOS_KIND_INFO, type ChaosKind } from '../../generator/chaos/chaos-kinds.ts';
import { runBackfill } from '../../generator/modes/run-backfill.ts';
import { runLive } from '../../generator/modes/run-live.ts';
import { runRecord } from '../../generator/modes/run-record.ts';
import { loopLatenessWarning } from '../../generator/modes/loop-lateness.ts';
import { runReplay } from '../../generator/modes/run-replay.ts';
import type { RunSummary } from '../../generator/modes/run-summary.ts';
import { DEFAULT_SEED, type EventGeneratorOptions } from '../../generator/options.ts';
import { createProgress, type Progress } from '../../generator/progress/create-progress.ts';
import { readCorpus } from '../../generator/corpus/read-corpus.ts';
import { PROCESSOR_DEFAULTS } from '../../processor/runner/processor-options.ts';

type Options = Record<string, unknown>;
const HOUR_MS = 3_600_000;
const DEFAULT_EVENTS_PER_HOUR = 2_000;

const invalid = (flag: string, value: string, rule: string) => new PulseError('CONFIG_INVALID', `${flag} "${value}" ${rule}`);

function numberParser(flag: string, { min, max, integer }: { min: number; max: number; integer?: boolean }) {
  return (value: string) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max || (integer === true && !Number.isInteger(parsed))) {
      throw invalid(flag, value, `must be ${integer === true ? 'a whole number' : 'a number'} from ${min} to ${max}`);
    }
    return parsed;
  };
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: HOUR_MS, d: 24 * HOUR_MS };

function durationParser(flag: string) {
  return (value: string) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
    if (match === null) throw invalid(flag, value, 'is not a duration: use e.g. 90s, 10m, 2h, 1d (a bare number is seconds)');
    const ms = Number(match[1]) * (DURATION_UNITS[match[2] ?? 's'] as number);
    if (ms <= 0) throw invalid(flag, value, 'must be longer than 0');
    return ms;
  };
}

function timeParser(flag: string) {
  return (value: string) => {
    const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(ms)) throw invalid(flag, value, 'is not an ISO 8601 time, e.g. 2025-01-06T00:00:00Z');
    return ms;
  };
}

function clientParser(value: string): KafkaClientName {
  if ((KAFKA_CLIENT_NAMES as readonly string[]).includes(value)) return value as KafkaClientName;
  throw invalid('--client', value, `is not a Kafka client; use one of: ${KAFKA_CLIENT_NAMES.join(', ')}`);
}

const optionName = (kind: ChaosKind) => `chaos${kind.split('_').map((part) => part[0]?.toUpperCase() + part.slice(1)).join('')}`;

function addGeneratorOptions(command: PlainCommand): PlainCommand {
  command
    .option('--seed <seed>', 'seed of every random choice; the same seed and options give byte-identical events', DEFAULT_SEED)
    .option('--no-chaos', 'no chaos at all: every event is clean (overrides the --chaos-* rates)');
  for (const kind of CHAOS_KINDS) {
    const flag = `--chaos-${kind.replace(/_/g, '-')}`;
    command.option(`${flag} <rate>`, `${CHAOS_KIND_INFO[kind].description} (fraction of records)`, numberParser(flag, { min: 0, max: 1 }), CHAOS_KIND_INFO[kind].defaultRate);
  }
  return command
    .option('--manifest <file>', 'write the ground-truth manifest (JSON) here: counts per chaos kind, every injected record')
    .option('--manifest-all', 'list every record in the manifest, not only the injected ones', false);
}

function addKafkaOptions(command: PlainCommand): PlainCommand {
  return command
    .option('--topic <topic>', 'topic to publish to (must exist: `pulse up` creates the default one)', EVENT_TOPIC)
    .option('--client <name>', `Kafka client: ${KAFKA_CLIENT_NAMES.join(' or ')} (default: PULSE_KAFKA_CLIENT, else kafkajs)`, clientParser)
    .option('--batch-size <n>', 'most messages per send', numberParser('--batch-size', { min: 1, max: 100_000, integer: true }), 500)
    .option('--max-in-flight <n>', 'sends awaiting acknowledgement at once (default: 4 with confluent, 1 with kafkajs, whose idempotent producer is only safe with one; see benchmarks/results/publish-rate.md)', numberParser('--max-in-flight', { min: 1, max: 64, integer: true }))
    .option('--no-progress', 'no progress output');
}

function generatorOptions(options: Options): EventGeneratorOptions {
  const chaosRates: Partial<Record<ChaosKind, number>> = {};
  for (const kind of CHAOS_KINDS) chaosRates[kind] = options[optionName(kind)] as number;
  return { seed: options.seed as string, chaos: options.chaos as boolean, chaosRates };
}

interface RunContext {
  signal: AbortSignal;
  progress(label: string, total?: number): Progress;
}

/** Ctrl-C / SIGTERM: stop producing, flush what is in flight, print the summary, exit 0. */
function withSignals(options: Options): RunContext {
  const controller = new AbortController();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`\n${signal} again: exiting without waiting\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`\n${signal}: stopping, flushing what is in flight…\n`);
    controller.abort();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return {
    signal: controller.signal,
    progress: (label, total) =>
      options.progress === false ? { update: () => undefined, stop: () => undefined } : createProgress({ label, ...(total !== undefined && { total }) }),
  };
}

async function withProducer<T>(options: Options, use: (producer: PulseProducer, topic: string) => Promise<T>): Promise<T> {
  const config = loadStackConfig();
  const { brokers } = connectionSettings(config);
  const clientName = (options.client as KafkaClientName | undefined) ?? config.kafkaClient;
  // librdkafka keeps order and idempotence with several sends in flight and gains about 60% from
  // four; kafkajs's idempotent producer documents one in-flight request, so it stays at one.
  options.maxInFlight ??= clientName === 'confluent' ? 4 : 1;
  const client = createKafkaClient(clientName, { brokers, clientId: 'pulse-generate' });
  const topic = options.topic as string;
  const admin = client.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      throw new PulseError('CONFIG_INVALID', `--topic "${topic}" does not exist on ${brokers.join(',')}; run \`pulse up\` or create it first`);
    }
  } finally {
    await admin.disconnect();
  }
  const producer = client.producer({ idempotent: true });
  await producer.connect();
  try {
    return await use(producer, topic);
  } finally {
    await producer.disconnect();
  }
}

function printSummary(summary: RunSummary, manifestFile: unknown): void {
  const seconds = summary.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(summary.sent / seconds).toLocaleString('en-US') : '-';
  const mb = (summary.bytes / 1e6).toFixed(1);
  const verb = summary.mode === 'record' ? 'wrote' : 'sent';
  const lines = [
    `${summary.mode}: ${verb} ${summary.sent.toLocaleString('en-US')} records (${mb} MB) in ${seconds.toFixed(1)} s · ${rate} ev/s · ${(summary.bytes / 1e6 / Math.max(seconds, 0.001)).toFixed(1)} MB/s${summary.aborted ? ' · stopped early' : ''}`,
  ];
  if (summary.rejected > 0) lines.push(`  refused by the client or broker (too large): ${summary.rejected}`);
  if (summary.manifest !== undefined) {
    const counts = Object.entries(summary.manifest.counts).filter(([, count]) => count > 0).map(([kind, count]) => `${kind} ${count}`);
    lines.push(`  contract-valid ${summary.manifest.contractValid.toLocaleString('en-US')} · chaos: ${counts.length > 0 ? counts.join(', ') : 'none'}`);
  }
  if (typeof manifestFile === 'string') lines.push(`  manifest: ${manifestFile}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function backfillRange(options: Options): { startTime: number; spanMs: number; count: number } {
  const spanMs = options.days !== undefined ? (options.days as number) * 24 * HOUR_MS : (options.hours as number) * HOUR_MS;
  // Without --start the range ends at the current hour: handy, but not reproducible across runs.
  const startTime = (options.start as number | undefined) ?? Math.floor(Date.now() / HOUR_MS) * HOUR_MS - spanMs;
  const count = (options.count as number | undefined) ?? Math.round((spanMs / HOUR_MS) * DEFAULT_EVENTS_PER_HOUR);
  return { startTime, spanMs, count };
}

function addRangeOptions(command: PlainCommand): PlainCommand {
  return command
    .option('--hours <n>', 'hours of history', numberParser('--hours', { min: 0.01, max: 24 * 3650 }), 24)
    .option('--days <n>', 'days of history (instead of --hours)', numberParser('--days', { min: 0.01, max: 3650 }))
    .option('--start <time>', 'start of the event-time range, ISO 8601 (default: so that the range ends at the current hour; give it for reproducible output)', timeParser('--start'))
    .option('--count <n>', `records in total, chaos included (default: ${DEFAULT_EVENTS_PER_HOUR.toLocaleString('en-US')} per hour of range)`, numberParser('--count', { min: 0, max: 1_000_000_000, integer: true }));
}

export function registerGenerate(program: Command): void {
  const generate = (program as unknown as PlainCommand)
    .command('generate')
    .description('Publish seeded, realistic job-posting events (with configurable chaos) to Kafka, or record/replay a corpus');

  const live = generate.command('live', { isDefault: true }).description('A steady stream at --rate events/s, event time = now, until Ctrl-C or --duration');
  addKafkaOptions(addGeneratorOptions(live))
    .option('--rate <events/s>', 'target events per second', numberParser('--rate', { min: 0.01, max: 10_000_000 }), 50)
    .option('--duration <time>', 'stop after this long, e.g. 90s, 10m, 2h (default: until stopped)', durationParser('--duration'))
    .option('--count <n>', 'stop after this many records (default: no limit)', numberParser('--count', { min: 1, max: 1_000_000_000, integer: true }))
    .action(async (options: Options) => {
      const context = withSignals(options);
      const progress = context.progress('live', options.count as number | undefined);
      const summary = await withProducer(options, (producer, topic) =>
        runLive({
          producer,
          topic,
          ratePerSec: options.rate as number,
          ...(options.duration !== undefined && { durationMs: options.duration as number }),
          generator: { ...generatorOptions(options), ...(options.count !== undefined && { count: options.count as number }) },
          publish: { batchSize: options.batchSize as number, maxInFlight: options.maxInFlight as number, signal: context.signal, onProgress: (p) => progress.update(p) },
          ...(options.manifest !== undefined && { manifestFile: options.manifest as string }),
          manifestAll: options.manifestAll as boolean,
        }),
      ).finally(() => progress.stop());
      printSummary(summary, options.manifest);
    });

  const backfill = generate.command('backfill').description('N hours/days of history as fast as possible, event times following daily hiring cycles');
  addKafkaOptions(addRangeOptions(addGeneratorOptions(backfill))).action(async (options: Options) => {
    const range = backfillRange(options);
    const context = withSignals(options);
    const progress = context.progress('backfill', range.count);
    const summary = await withProducer(options, (producer, topic) =>
      runBackfill({
        producer,
        topic,
        generator: { ...generatorOptions(options), ...range },
        publish: { batchSize: options.batchSize as number, maxInFlight: options.maxInFlight as number, signal: context.signal, onProgress: (p) => progress.update(p) },
        ...(options.manifest !== undefined && { manifestFile: options.manifest as string }),
        manifestAll: options.manifestAll as boolean,
        describeRun: { startTime: new Date(range.startTime).toISOString(), spanMs: range.spanMs },
      }),
    ).finally(() => progress.stop());
    printSummary(summary, options.manifest);
  });

  const record = generate.command('record').description('Write a corpus file (gzip, raw key/value bytes) like a backfill, without Kafka');
  addRangeOptions(addGeneratorOptions(record))
    .requiredOption('--out <file>', 'corpus file to write (e.g. corpus.tpc.gz)')
    .option('--no-progress', 'no progress output')
    .action(async (options: Options) => {
      const range = backfillRange(options);
      const context = withSignals(options);
      const progress = context.progress('record', range.count);
      const summary = await runRecord({
        file: options.out as string,
        generator: { ...generatorOptions(options), ...range },
        signal: context.signal,
        onProgress: (p) => progress.update(p),
        ...(options.manifest !== undefined && { manifestFile: options.manifest as string }),
        manifestAll: options.manifestAll as boolean,
      }).finally(() => progress.stop());
      printSummary(summary, options.manifest);
    });

  /** Looping a re-stamped corpus that plays more event time per pass than it lasts makes later passes late. */
  async function warnIfLoopsFallBehind(file: string, ratePerSec: number): Promise<void> {
    const header = await readCorpus(file).header();
    if (typeof header.startMs !== 'number' || typeof header.endMs !== 'number' || typeof header.count !== 'number') return;
    const warning = loopLatenessWarning({
      spanMs: header.endMs - header.startMs,
      records: header.count,
      ratePerSec,
      allowedLatenessMs: PROCESSOR_DEFAULTS.allowedLatenessMs,
    });
    if (warning !== undefined) process.stderr.write(`${warning}\n`);
  }

  const replay = generate.command('replay').description('Publish a recorded corpus at --rate or flat out, optionally looping and re-stamping times (load tests)');
  addKafkaOptions(replay)
    .requiredOption('--file <file>', 'corpus file written by `pulse generate record`')
    .option('--rate <events/s>', 'target events per second; 0 = as fast as possible', numberParser('--rate', { min: 0, max: 10_000_000 }), 0)
    .option('--loops <n>', 'passes over the corpus; 0 = until stopped (passes after the first get new event_ids)', numberParser('--loops', { min: 0, max: 1_000_000, integer: true }), 1)
    .option('--restamp', 'shift event times so each pass ends at now, keeping relative offsets', false)
    .action(async (options: Options) => {
      if (options.restamp === true && options.loops !== 1 && (options.rate as number) > 0) await warnIfLoopsFallBehind(options.file as string, options.rate as number);
      const context = withSignals(options);
      const progress = context.progress('replay');
      const summary = await withProducer(options, (producer, topic) =>
        runReplay({
          producer,
          topic,
          file: options.file as string,
          loops: options.loops as number,
          restamp: options.restamp as boolean,
          publish: {
            ratePerSec: options.rate as number,
            batchSize: options.batchSize as number,
            maxInFlight: options.maxInFlight as number,
            signal: context.signal,
            onProgress: (p) => progress.update(p),
          },
        }),
      ).finally(() => progress.stop());
      printSummary(summary, undefined);
    });
}
