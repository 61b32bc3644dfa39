import type { Command } from '@commander-js/extra-typings';
import { ENVIRONMENT, loadStackConfig } from '../../core/config.ts';
import { stackStatus, stackUp } from '../../infra/stack.ts';
import { environmentHelp } from '../environment-help.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the whole pipeline locally: bring up Kafka and Redis, then report what runs')
    .addHelpText('after', environmentHelp(ENVIRONMENT))
    .action(async () => {
      const config = loadStackConfig();
      await stackUp(config, (line) => process.stderr.write(`pulse start: ${line}\n`));
      for (const service of await stackStatus(config)) {
        process.stdout.write(`${service.name.padEnd(6)} ${service.answering ? 'running' : 'NOT answering'}  ${service.address}\n`);
      }
      process.stdout.write('Stop it with: npx pulse down\n');
    });
}
