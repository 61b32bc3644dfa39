import { Command, Option } from '@commander-js/extra-typings';
import { ENVIRONMENT, connectionSettings, loadStackConfig } from '../../core/config.ts';
import { EVENT_TOPIC } from '../../core/contract.ts';
import { parseKafkaClientName } from '../../core/kafka/create-kafka-client.ts';
import { logger } from '../../core/logger.ts';
import { DASHBOARD_DEFAULTS } from '../../dashboard-api/dashboard-options.ts';
import { startDashboard } from '../../dashboard-api/server.ts';
import { PROCESSOR_DEFAULTS } from '../../processor/runner/processor-options.ts';
import { defaultLakeDir } from '../../sinks/parquet/lake-paths.ts';
import { createColdQuery } from '../../sinks/query/create-cold-query.ts';
import { environmentHelp } from '../environment-help.ts';
import { parseNonNegativeInteger } from '../parse-duration.ts';

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description(
      'Serve "The Pulse": the dashboard API (trends, heatmap, history, health, /metrics, /openapi.json), ' +
        'live updates over Server-Sent Events and the web page. Runs until SIGINT/SIGTERM.',
    )
    .option('--host <address>', 'interface to bind (non-loopback needs --allow-remote)', DASHBOARD_DEFAULTS.host)
    .option('--port <port>', 'TCP port (0: any free port)', parseNonNegativeInteger, DASHBOARD_DEFAULTS.port)
    .option('--allow-remote', 'allow binding a non-loopback interface; the dashboard has no authentication', false)
    .option('--allow-host <name>', 'also accept this Host header name (repeatable; e.g. a reverse proxy name)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--max-sse-clients <n>', 'concurrent live (SSE) clients; more get 429', parseNonNegativeInteger, DASHBOARD_DEFAULTS.maxSseClients)
    .option('--topic <name>', 'topic whose consumer lag the health panel shows', EVENT_TOPIC)
    .option('--group <id>', "the processors' consumer group", PROCESSOR_DEFAULTS.groupId)
    .addOption(new Option('--client <name>', 'Kafka client for the health probe: kafkajs or confluent').argParser(parseKafkaClientName))
    .option('--lake <dir>', 'cold store (Parquet lake) for /api/history (default: PULSE_LAKE_DIR or lake/ in the repo)')
    .addHelpText('after', environmentHelp(ENVIRONMENT))
    .action(async (flags) => {
      const config = loadStackConfig();
      const { brokers, redisUrl } = connectionSettings(config);
      const history = createColdQuery({ lakeDir: flags.lake ?? defaultLakeDir() });
      const dashboard = await startDashboard(
        { redisUrl, brokers, kafkaClient: flags.client ?? config.kafkaClient, topic: flags.topic, groupId: flags.group, history },
        { host: flags.host, port: flags.port, allowRemote: flags.allowRemote, extraAllowedHosts: flags.allowHost, maxSseClients: flags.maxSseClients },
      );
      process.stdout.write(`The Pulse: ${dashboard.url}/\n`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping the dashboard');
        await dashboard.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}

