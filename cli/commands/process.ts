import { Command, Option } from '@commander-js/extra-typings';
import { ENVIRONMENT, connectionSettings, loadStackConfig } from '../../core/config.ts';
import { DLQ_TOPIC, EVENT_TOPIC } from '../../core/contract.ts';
import { parseKafkaClientName } from '../../core/kafka/create-kafka-client.ts';
import { logger } from '../../core/logger.ts';
import { createProcessor, defaultProcessorId } from '../../processor/runner/create-processor.ts';
import { PROCESSOR_NODE_FLAGS } from '../../processor/runner/processor-node-flags.ts';
import { PROCESSOR_DEFAULTS, validateProcessorOptions } from '../../processor/runner/processor-options.ts';
import { serveMetrics } from '../../processor/runner/serve-metrics.ts';
import { COLD_SINK_DEFAULTS } from '../../sinks/parquet/cold-sink-options.ts';
import { createColdSink } from '../../sinks/parquet/cold-sink.ts';
import { defaultLakeDir } from '../../sinks/parquet/lake-paths.ts';
import { DEFAULT_TAXONOMY_FILE } from '../../taxonomy/default-taxonomy-file.ts';
import { createEnricher } from '../../taxonomy/enricher.ts';
import { reloadTaxonomy } from '../../taxonomy/reload-taxonomy.ts';
import { watchTaxonomy } from '../../taxonomy/watch-taxonomy.ts';
import { environmentHelp } from '../environment-help.ts';
import { parseDurationMs, parseNonNegativeInteger } from '../parse-duration.ts';

export function registerProcess(program: Command): void {
  program
    .command('process')
    .description(
      'Run the stream processor: consume job.postings.v1 in a consumer group, decode → dedup → enrich → window, ' +
        'rejects to the DLQ, hot counts to Redis with exactly-once fences. Runs until SIGINT/SIGTERM. ' +
        `\`pulse start\` runs it as \`node ${PROCESSOR_NODE_FLAGS.join(' ')} bin/pulse.js process\` (a young generation sized for a batch's rows): do the same when starting it by hand.`,
    )
    .option('--group <id>', 'consumer group id (run more processes with the same id to scale out)', PROCESSOR_DEFAULTS.groupId)
    .addOption(new Option('--client <name>', 'Kafka client: kafkajs or confluent (default: PULSE_KAFKA_CLIENT or kafkajs)').argParser(parseKafkaClientName))
    .option('--topic <name>', 'topic to consume', EVENT_TOPIC)
    .option('--dlq-topic <name>', 'topic for records that cannot be repaired', DLQ_TOPIC)
    .option('--allowed-lateness <duration>', 'how far event time may trail its partition max before a window is final', parseDurationMs, PROCESSOR_DEFAULTS.allowedLatenessMs)
    .option('--idle-timeout <duration>', 'a partition silent this long stops holding the watermark back', parseDurationMs, PROCESSOR_DEFAULTS.idleTimeoutMs)
    .option('--max-future-skew <duration>', 'event time may lead the record time by at most this; later goes to the DLQ', parseDurationMs, PROCESSOR_DEFAULTS.maxFutureSkewMs)
    .option('--dedup-grace <duration>', 'keep dedup ids this long after their window is final', parseDurationMs, PROCESSOR_DEFAULTS.dedupGraceMs)
    .option('--hot-ttl <duration>', 'trend keys expire this long after their last update', parseDurationMs, PROCESSOR_DEFAULTS.hotTtlMs)
    .option('--session-timeout <duration>', 'a member silent this long leaves the group', parseDurationMs, PROCESSOR_DEFAULTS.sessionTimeoutMs)
    .option('--concurrency <partitions>', 'partitions whose batches the Kafka client hands over at once (with kafkajs, batches fetched ahead can add to them)', parseNonNegativeInteger, PROCESSOR_DEFAULTS.partitionConcurrency)
    .option('--max-batch <records>', 'most records per batch', parseNonNegativeInteger, PROCESSOR_DEFAULTS.maxBatchSize)
    .option('--metrics-port <port>', 'serve Prometheus /metrics on 127.0.0.1:<port> (0: off)', parseNonNegativeInteger, PROCESSOR_DEFAULTS.metricsPort)
    .option('--id <name>', 'processor name in logs, heartbeats and the dashboard (default: host-pid)')
    .option('--taxonomy <file>', 'skill taxonomy file (default: the one in taxonomy/)')
    .option('--watch-taxonomy <duration>', 'poll the taxonomy file this often and switch to a new version at the next batch of each partition (0: off; SIGHUP reloads too)', parseDurationMs, 2000)
    .option('--lake <dir>', 'cold store directory (default: PULSE_LAKE_DIR or lake/ in the repository)')
    .option('--no-cold', 'run the hot path only: no Parquet rows')
    .option('--cold-max-age <duration>', 'seal and convert a staging file to Parquet once its first row is this old', parseDurationMs, COLD_SINK_DEFAULTS.maxStagedAgeMs)
    .option('--cold-max-rows <rows>', '…or once it holds this many rows', parseNonNegativeInteger, COLD_SINK_DEFAULTS.maxStagedRows)
    .addHelpText('after', environmentHelp(ENVIRONMENT))
    .action(async (flags) => {
      const config = loadStackConfig();
      const { brokers, redisUrl } = connectionSettings(config);
      const options = validateProcessorOptions({
        brokers,
        redisUrl,
        kafkaClient: flags.client ?? config.kafkaClient,
        topic: flags.topic,
        dlqTopic: flags.dlqTopic,
        groupId: flags.group,
        allowedLatenessMs: flags.allowedLateness,
        idleTimeoutMs: flags.idleTimeout,
        maxFutureSkewMs: flags.maxFutureSkew,
        dedupGraceMs: flags.dedupGrace,
        hotTtlMs: flags.hotTtl,
        sessionTimeoutMs: flags.sessionTimeout,
        maxBatchSize: flags.maxBatch,
        partitionConcurrency: flags.concurrency,
        metricsPort: flags.metricsPort,
        processorId: flags.id ?? defaultProcessorId(),
        taxonomyFile: flags.taxonomy,
        lakeDir: flags.cold ? (flags.lake ?? defaultLakeDir()) : undefined,
      });
      const enricher = createEnricher(options.taxonomyFile !== undefined ? { taxonomyFile: options.taxonomyFile } : {});
      const cold =
        options.lakeDir !== undefined
          ? createColdSink({
              lakeDir: options.lakeDir,
              maxStagedAgeMs: flags.coldMaxAge,
              maxStagedRows: flags.coldMaxRows,
              rotateCheckIntervalMs: Math.min(COLD_SINK_DEFAULTS.rotateCheckIntervalMs, flags.coldMaxAge),
            })
          : undefined;
      const processor = createProcessor(options, enricher, cold);
      const switchTo = (compiled: ReturnType<typeof reloadTaxonomy>) => processor.useEnricher(createEnricher({ taxonomy: compiled }));
      const taxonomyFile = options.taxonomyFile ?? DEFAULT_TAXONOMY_FILE;
      const watch =
        flags.watchTaxonomy > 0
          ? watchTaxonomy({
              file: taxonomyFile,
              intervalMs: flags.watchTaxonomy,
              onChange: switchTo,
              onError: (error) => logger.error({ err: (error as Error).message }, 'the changed taxonomy file is invalid; keeping the current version'),
            })
          : undefined;
      process.on('SIGHUP', () => {
        try {
          switchTo(reloadTaxonomy(taxonomyFile));
        } catch (error) {
          logger.error({ err: (error as Error).message }, 'the taxonomy file is invalid; keeping the current version');
        }
      });
      const metricsServer = options.metricsPort > 0 ? await serveMetrics(processor.metrics.registry, options.metricsPort) : undefined;
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping the processor');
        watch?.stop();
        await processor.stop();
        metricsServer?.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
      await processor.start();
    });
}
