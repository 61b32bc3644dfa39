import path from 'node:path';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { REPO_ROOT } from '../../core/config.ts';
import { parseKafkaClientName } from '../../core/kafka/create-kafka-client.ts';
import type { KafkaClientName } from '../../core/kafka/types.ts';
import { PROCESSOR_DEFAULTS } from '../../processor/runner/processor-options.ts';

const SECTION_NAMES = ['cpu', 'profile', 'state', 'ceilings', 'clients', 'e2e', 'latency', 'memory'];

function positiveInteger(name: string) {
  return (text: string): number => {
    const value = Number(text.replace(/_/g, ''));
    if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError(`${name} must be a whole number above 0, got "${text}"`);
    return value;
  };
}

function list<T>(parse: (item: string) => T) {
  return (text: string): T[] => text.split(',').map((item) => item.trim()).filter((item) => item !== '').map(parse);
}

function sectionName(text: string): string {
  if (!SECTION_NAMES.includes(text)) throw new InvalidArgumentError(`unknown section "${text}"; sections: ${SECTION_NAMES.join(', ')}`);
  return text;
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(
      'Benchmark the pipeline on one recorded corpus against the real Kafka and Redis (a private stack on free ports unless ' +
        'KAFKA_BROKERS and REDIS_URL are set): Kafka\'s own producer/consumer ceilings, raw consume per client, the processor\'s ' +
        'CPU path, end to end per client and process count, produce→visible latency, memory and a profile. ' +
        'Writes benchmarks/results/pipeline.md and pipeline.json.',
    )
    .option('--quick', 'smaller corpus, 2 runs, 12 s per latency rate (about 8 min)', false)
    .option('--runs <n>', 'runs of every throughput figure; medians are reported (default 3; --quick 2)', positiveInteger('--runs'))
    .option('--corpus-events <n>', 'records in the standard corpus, cached in .cache/bench/ by seed and count (default 600000; --quick 60000)', positiveInteger('--corpus-events'))
    .option('--seed <seed>', 'generator seed of the corpus', 'bench')
    .option('--only <sections>', `comma-separated sections to run: ${SECTION_NAMES.join(', ')} (default: all)`, list(sectionName))
    .addOption(new Option('--clients <names>', 'Kafka clients raced end to end and for latency').default(['kafkajs', 'confluent'] as KafkaClientName[], 'kafkajs,confluent').argParser(list(parseKafkaClientName)))
    .addOption(new Option('--processes <counts>', 'processor process counts end to end').default([1, 2] as number[], '1,2').argParser(list(positiveInteger('--processes'))))
    .option('--e2e-partitions <n>', 'partitions of the end-to-end topic (default 6, which 1, 2 and 3 processes share evenly; the product default of 3 splits 2 + 1 between two)', positiveInteger('--e2e-partitions'), 6)
    .addOption(new Option('--latency-rates <rates>', 'replay rates of the latency section, events/s').default([1000, 5000, 10000] as number[], '1000,5000,10000').argParser(list(positiveInteger('--latency-rates'))))
    .option('--latency-seconds <s>', 'seconds per latency rate (default 25; --quick 12)', positiveInteger('--latency-seconds'))
    .option('--memory-events <n>', 'records through the processor in the memory section (default 3 × corpus; --quick 2 ×); 10000000 for the long run', positiveInteger('--memory-events'))
    .option('--out <file>', 'results file (default benchmarks/results/pipeline.md; with --only, .cache/bench/pipeline-<sections>.md)')
    .addHelpText(
      'after',
      `
Examples:
  npm run bench                                  the whole suite (about 30 min on 2 cores)
  npm run bench -- --quick                       a shorter suite, still every section
  npm run bench -- --only cpu,profile            the CPU path and the profile, no Kafka
  npm run bench -- --only memory --memory-events 10000000   RSS over 10M records

Environment: KAFKA_BROKERS and REDIS_URL (both) to use existing servers; otherwise a private broker and
Redis start on free ports with a temporary PULSE_HOME and are removed at the end. With an existing Redis,
the processors write real trend:* keys into it: use a scratch Redis.`,
    )
    .action(async (flags) => {
      const { FULL_DEFAULTS, QUICK_DEFAULTS, SECTIONS } = await import('../../benchmarks/pipeline/suite-options.ts');
      const { runSuite } = await import('../../benchmarks/pipeline/run-suite.ts');
      const defaults = flags.quick ? QUICK_DEFAULTS : FULL_DEFAULTS;
      const corpusEvents = flags.corpusEvents ?? defaults.corpusEvents;
      const sections = new Set((flags.only ?? [...SECTIONS]) as Array<(typeof SECTIONS)[number]>);
      const out = flags.out ?? (flags.only === undefined ? path.join(REPO_ROOT, 'benchmarks', 'results', 'pipeline.md') : path.join(REPO_ROOT, '.cache', 'bench', `pipeline-${flags.only.join('-')}.md`));
      await runSuite({
        runs: flags.runs ?? defaults.runs,
        corpusEvents,
        seed: flags.seed,
        sections,
        clients: flags.clients,
        processes: flags.processes,
        e2ePartitions: flags.e2ePartitions,
        latencyRates: flags.latencyRates,
        latencySeconds: flags.latencySeconds ?? defaults.latencySeconds,
        memoryEvents: flags.memoryEvents ?? corpusEvents * defaults.memoryFactor,
        batchSize: PROCESSOR_DEFAULTS.maxBatchSize,
        out: path.resolve(out),
        command: `npm run bench${process.argv.length > 3 ? ` -- ${process.argv.slice(3).join(' ')}` : ''}`,
        quick: flags.quick,
      });
    });
}
