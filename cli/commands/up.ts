import type { Command } from '@commander-js/extra-typings';
import { ENVIRONMENT, loadStackConfig } from '../../core/config.ts';
import { stackUp } from '../../infra/stack.ts';
import { environmentHelp } from '../environment-help.ts';

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('Install what is missing, start a local Kafka broker and Redis (unless KAFKA_BROKERS / REDIS_URL are set), create the topics')
    .addHelpText('after', environmentHelp(ENVIRONMENT))
    .action(async () => {
      const config = loadStackConfig();
      const result = await stackUp(config, (line) => process.stderr.write(`pulse up: ${line}\n`));
      const started = result.started.length > 0 ? `started ${result.started.join(' and ')}` : 'already running';
      process.stdout.write(`Kafka ${result.brokers.join(',')} · Redis ${result.redisUrl} · ${started}\n`);
      if (result.createdTopics.length > 0) process.stdout.write(`created topics: ${result.createdTopics.join(', ')}\n`);
    });
}
