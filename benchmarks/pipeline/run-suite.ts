/**
 * The pipeline benchmark suite behind `pulse bench`: every figure on one standard corpus, in one
 * run, against the real broker and Redis; throughput figures interleaved run by run so the
 * machine's noise falls on all of them alike. Results: Markdown + a JSON twin.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { REPO_ROOT } from '../../core/config.ts';
import type { KafkaClientName } from '../../core/kafka/types.ts';
import { logger } from '../../core/logger.ts';
import { createEnricher } from '../../taxonomy/enricher.ts';
import { startBenchStack } from '../lib/bench-stack.ts';
import { machineInfo, versions } from '../lib/machine-info.ts';
import { type ConsumeRun, type RaceClient, consumeRate } from './client-consume.ts';
import { type CpuPathRun, runCpuPath, stageTimes } from './cpu-path.ts';
import { runEndToEnd, type EndToEndRun } from './end-to-end.ts';
import { consumerPerformance, type PerfToolResult, producerPerformance } from './kafka-perf-tools.ts';
import { type LatencyRun, runLatency } from './latency.ts';
import { type MemoryRun, runMemory } from './memory.ts';
import { writeReport } from './report.ts';
import { benchTopicName, createTopic, deleteBenchTopics, replayIntoFreshTopic } from './replay-topic.ts';
import { sinkTimes } from './sink-profile.ts';
import { corpusAsMessages, corpusWithoutFutureChaos, ensureCorpus } from './standard-corpus.ts';
import type { SuiteOptions } from './suite-options.ts';
import type { SuiteResults } from './suite-results.ts';

/** Records the profile's passes use (a prefix of each partition of the corpus). */
const PROFILE_SAMPLE_EVENTS = 200_000;

const RACE_CLIENTS: RaceClient[] = ['kafkajs', 'confluent', 'platformatic'];

export async function runSuite(options: SuiteOptions): Promise<SuiteResults> {
  const suiteStarted = performance.now();
  const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - suiteStarted) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const has = (section: string) => options.sections.has(section as never);
  // The processor's info logs (claims, start/stop) would drown the progress lines.
  logger.level = 'warn';
  const results: SuiteResults = {
    command: options.command,
    startedAt: new Date().toISOString(),
    options: { ...options, sections: [...options.sections] },
    machine: { before: machineInfo(), after: undefined },
    versions: {},
    corpus: undefined,
    cpuPath: [],
    stages: undefined,
    sinks: undefined,
    state: undefined,
    ceilings: { replay: [], producerPerformance: [], consumerPerformance: [] },
    clients: [],
    endToEnd: [],
    failures: [],
    latency: [],
    memory: undefined,
    durationSeconds: 0,
  };

  const corpus = await ensureCorpus(options.seed, options.corpusEvents, log);
  results.corpus = corpus;
  log(`corpus: ${corpus.records.toLocaleString('en-US')} records, ${(corpus.bytes / 1e6).toFixed(0)} MB, ${corpus.meanRecordBytes.toFixed(0)} bytes per record`);
  const enricher = createEnricher();
  const needsMessages = has('cpu') || has('profile');
  const byPartition = needsMessages ? await corpusAsMessages(corpus.file, 3) : [];
  if (needsMessages) runCpuPath(byPartition, enricher, options.batchSize); // warm-up: JIT, taxonomy caches

  if (has('state')) {
    log('state bytes per in-horizon event (child process with --expose-gc)…');
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(REPO_ROOT, 'benchmarks', 'pipeline', 'state-bytes.ts'), '--events', String(options.corpusEvents), '--corpus', corpus.file],
      { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status === 0) results.state = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    else results.failures.push(`state bytes: exit ${child.status}: ${child.stderr.slice(-500)}`);
  }

  const needsStack = ['ceilings', 'clients', 'e2e', 'latency', 'memory', 'profile'].some(has);
  const stack = needsStack ? await startBenchStack(log) : undefined;
  const redis = stack === undefined ? undefined : new Redis(stack.redisUrl, { lazyConnect: true });
  try {
    if (redis !== undefined) {
      await redis.connect();
    }
    Object.assign(results.versions, versions(stack !== undefined && !stack.private));
    if (redis !== undefined) results.versions.redis = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';

    for (let run = 1; run <= options.runs; run++) {
      log(`── run ${run} of ${options.runs}`);
      if (has('cpu')) {
        const cpu: CpuPathRun = runCpuPath(byPartition, enricher, options.batchSize);
        results.cpuPath.push(cpu);
        log(`  CPU path: ${Math.round(cpu.eventsPerSec).toLocaleString('en-US')} ev/s on one thread (${(cpu.events / cpu.cpuSeconds).toFixed(0)} ev per CPU-second)`);
      }
      if (stack !== undefined && (has('ceilings') || has('clients'))) {
        const replayed = await replayIntoFreshTopic(stack.brokers, corpus.file, 'ceiling');
        const replay = { eventsPerSec: replayed.sent / replayed.seconds, mbPerSec: replayed.bytes / 1e6 / replayed.seconds };
        results.ceilings.replay.push(replay);
        log(`  replay (generator → Kafka, confluent, flat out): ${Math.round(replay.eventsPerSec).toLocaleString('en-US')} ev/s, ${replay.mbPerSec.toFixed(1)} MB/s`);
        const total = replayed.ends.reduce((sum, end) => sum + end, 0);
        try {
          if (has('ceilings')) {
            const consumed: PerfToolResult = await consumerPerformance(stack.kafkaCacheDir, stack.brokers, replayed.topic, total);
            results.ceilings.consumerPerformance.push(consumed);
            log(`  ConsumerPerformance: ${Math.round(consumed.eventsPerSec).toLocaleString('en-US')} ev/s, ${consumed.mbPerSec.toFixed(1)} MB/s`);
          }
          if (has('clients')) {
            for (const client of run % 2 === 1 ? RACE_CLIENTS : [...RACE_CLIENTS].reverse()) {
              try {
                const consumed: ConsumeRun = await consumeRate(client, stack.brokers, replayed.topic, total);
                results.clients.push(consumed);
                log(`  raw consume ${client}: ${Math.round(consumed.eventsPerSec).toLocaleString('en-US')} ev/s, ${consumed.mbPerSec.toFixed(1)} MB/s`);
              } catch (error) {
                results.failures.push(`raw consume ${client} (run ${run}): ${(error as Error).message}`);
                log(`  raw consume ${client}: FAILED ${(error as Error).message}`);
              }
            }
          }
          if (has('ceilings')) {
            const target = benchTopicName('producer-perf');
            await createTopic(stack.brokers, target);
            const produced = await producerPerformance(stack.kafkaCacheDir, stack.brokers, target, total, corpus.typicalRecordBytes);
            results.ceilings.producerPerformance.push(produced);
            log(`  ProducerPerformance: ${Math.round(produced.eventsPerSec).toLocaleString('en-US')} ev/s, ${produced.mbPerSec.toFixed(1)} MB/s`);
            await deleteBenchTopics(stack.brokers, [target]).catch(() => undefined);
          }
        } finally {
          await deleteBenchTopics(stack.brokers, [replayed.topic, replayed.dlqTopic]).catch(() => undefined);
        }
      }
      if (stack !== undefined && redis !== undefined && has('e2e')) {
        // Alternate the order run by run so neither client always goes first.
        const clients = run % 2 === 1 ? options.clients : [...options.clients].reverse();
        for (const processes of options.processes) {
          for (const client of clients) {
            log(`  end to end: ${client}, ${processes} process${processes > 1 ? 'es' : ''}`);
            try {
              const e2e: EndToEndRun = await runEndToEnd(stack, redis, corpus.file, client, processes, options.e2ePartitions, log);
              results.endToEnd.push(e2e);
              log(`    ${Math.round(e2e.eventsPerSec).toLocaleString('en-US')} ev/s sustained, ${e2e.mbPerSec.toFixed(1)} MB/s (${e2e.wallSeconds.toFixed(1)} s from spawn)`);
            } catch (error) {
              results.failures.push(`end to end ${client} × ${processes} (run ${run}): ${(error as Error).message}`);
              log(`    FAILED ${(error as Error).message}`);
            }
          }
        }
      }
    }

    if (has('profile')) {
      // The stage passes hold every decoded event at once: a prefix of the corpus keeps that in memory.
      const sample = byPartition.map((messages) => messages.slice(0, Math.ceil(PROFILE_SAMPLE_EVENTS / byPartition.length)));
      results.profileEvents = sample.reduce((sum, messages) => sum + messages.length, 0);
      log(`profile: each stage in its own pass over the first ${results.profileEvents.toLocaleString('en-US')} records…`);
      results.stages = stageTimes(sample, enricher, options.batchSize);
      if (redis !== undefined && stack !== undefined) {
        log('profile: sinks (hot.apply, cold.stage) on processBatch outcomes…');
        results.sinks = await sinkTimes(sample, enricher, options.batchSize, stack.redisUrl);
      }
    }

    if (stack !== undefined && has('latency')) {
      for (const client of options.clients) {
        for (const rate of options.latencyRates) {
          log(`latency: ${client} at ${rate.toLocaleString('en-US')} ev/s for ${options.latencySeconds} s…`);
          try {
            const latency: LatencyRun = await runLatency(stack, corpus.file, client, rate, options.latencySeconds);
            results.latency.push(latency);
            log(`  p50 ${latency.p50Ms.toFixed(0)} ms · p95 ${latency.p95Ms.toFixed(0)} ms · p99 ${latency.p99Ms.toFixed(0)} ms (achieved ${Math.round(latency.achievedRate).toLocaleString('en-US')} ev/s)`);
          } catch (error) {
            results.failures.push(`latency ${client} at ${rate}/s: ${(error as Error).message}`);
            log(`  FAILED ${(error as Error).message}`);
          }
        }
      }
    }

    if (stack !== undefined && redis !== undefined && has('memory')) {
      const client: KafkaClientName = options.clients[0] ?? 'kafkajs';
      log(`memory: ${options.memoryEvents.toLocaleString('en-US')} records through one processor (${client})…`);
      try {
        const memory: MemoryRun = await runMemory(stack, redis, await corpusWithoutFutureChaos(corpus.file), corpus.records, options.memoryEvents, client, log);
        results.memory = memory;
        log(`  RSS ${memory.rssAtMB.p10.toFixed(0)} → ${memory.rssAtMB.p50.toFixed(0)} → ${memory.rssAtMB.end.toFixed(0)} MB, slope ${memory.slopeMBPerMillion.toFixed(1)} MB per million events`);
      } catch (error) {
        results.failures.push(`memory: ${(error as Error).message}`);
        log(`  FAILED ${(error as Error).message}`);
      }
    }
  } finally {
    redis?.disconnect();
    await stack?.stop();
  }
  results.machine.after = machineInfo();
  results.durationSeconds = (performance.now() - suiteStarted) / 1000;
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  writeReport(results, options.out);
  log(`wrote ${path.relative(REPO_ROOT, options.out)} and its .json twin in ${(results.durationSeconds / 60).toFixed(1)} min`);
  return results;
}
