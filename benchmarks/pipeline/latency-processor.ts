/**
 * The latency section's processor, as its own process so the benchmark's heap (the corpus it held
 * for the CPU path, its results) never shares a GC with it: `createProcessor` with both sinks, as
 * `pulse process` builds it, plus hooks.batchApplied recording each record's Kafka CreateTime and
 * the moment its batch's counts were visible in Redis. Prints `ready` once it owns every partition;
 * on SIGTERM it stops and prints the samples as one JSON line: `[[producedAtMs, visibleAtMs], …]`.
 *
 *   KAFKA_BROKERS=… REDIS_URL=… node --import tsx benchmarks/pipeline/latency-processor.ts <client> <topic> <dlq topic> <lake dir> <partitions>
 */
import type { KafkaClientName } from '../../core/kafka/types.ts';
import { waitUntil } from '../../core/wait-until.ts';
import { createProcessor } from '../../processor/runner/create-processor.ts';
import { PROCESSOR_DEFAULTS, validateProcessorOptions } from '../../processor/runner/processor-options.ts';
import { createColdSink } from '../../sinks/parquet/cold-sink.ts';
import { createEnricher } from '../../taxonomy/enricher.ts';

const [client, topic, dlqTopic, lakeDir, partitions] = process.argv.slice(2);
const { KAFKA_BROKERS: brokers, REDIS_URL: redisUrl } = process.env;
if (client === undefined || topic === undefined || dlqTopic === undefined || lakeDir === undefined || partitions === undefined || brokers === undefined || redisUrl === undefined) {
  throw new Error('usage: KAFKA_BROKERS=… REDIS_URL=… latency-processor.ts <client> <topic> <dlq topic> <lake dir> <partitions>');
}

const samples: Array<[producedAtMs: number, visibleAtMs: number]> = [];
const processor = createProcessor(
  validateProcessorOptions({
    ...PROCESSOR_DEFAULTS,
    brokers: brokers.split(','),
    redisUrl,
    kafkaClient: client as KafkaClientName,
    topic,
    dlqTopic,
    groupId: `bench-${topic}`,
    processorId: `bench-latency-${process.pid}`,
    lakeDir,
    taxonomyFile: undefined,
  }),
  createEnricher(),
  createColdSink({ lakeDir }),
  {
    batchApplied(_partition, messages, appliedAtMs) {
      for (const message of messages) samples.push([Number(message.timestamp), appliedAtMs]);
    },
  },
);

process.once('SIGTERM', () => {
  void processor.stop().then(() => {
    process.stdout.write(`${JSON.stringify(samples)}\n`, () => process.exit(0));
  });
});
await processor.start();
await waitUntil('the processor to be assigned every partition', async () => (processor.status().assigned.length === Number(partitions) ? true : undefined), {
  timeoutMs: 60_000,
  intervalMs: 200,
});
process.stdout.write('ready\n');
