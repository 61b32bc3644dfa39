/** Builds processor options for tests: a unique group, short sessions, a given topic and Redis db. */
import { DLQ_TOPIC } from '../../core/contract.ts';
import type { KafkaClientName } from '../../core/kafka/types.ts';
import { PROCESSOR_DEFAULTS, type ProcessorOptions } from '../../processor/runner/processor-options.ts';
import { testBrokers, uniqueName } from './services.ts';

export function testProcessorOptions(topic: string, redisUrl: string, overrides: Partial<ProcessorOptions> = {}): ProcessorOptions {
  return {
    ...PROCESSOR_DEFAULTS,
    brokers: testBrokers(),
    redisUrl,
    kafkaClient: 'kafkajs' satisfies KafkaClientName,
    topic,
    dlqTopic: `${topic}.dlq`,
    groupId: uniqueName('processor'),
    sessionTimeoutMs: 3000,
    processorId: uniqueName('proc'),
    taxonomyFile: undefined,
    lakeDir: undefined,
    ...overrides,
  };
}

/** CLI flags equivalent to testProcessorOptions, for `pulse process` child processes. */
export function processorArgs(options: ProcessorOptions): string[] {
  return [
    'process',
    '--group', options.groupId,
    '--client', options.kafkaClient,
    '--topic', options.topic,
    '--dlq-topic', options.dlqTopic,
    '--allowed-lateness', String(options.allowedLatenessMs),
    '--idle-timeout', String(options.idleTimeoutMs),
    '--session-timeout', String(options.sessionTimeoutMs),
    '--max-batch', String(options.maxBatchSize),
    '--concurrency', String(options.partitionConcurrency),
    '--id', options.processorId,
    ...(options.lakeDir !== undefined ? ['--lake', options.lakeDir] : ['--no-cold']),
  ];
}

export { DLQ_TOPIC };
