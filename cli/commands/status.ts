import type { Command } from '@commander-js/extra-typings';
import { ENVIRONMENT, loadStackConfig } from '../../core/config.ts';
import { stackStatus } from '../../infra/stack.ts';
import { environmentHelp } from '../environment-help.ts';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Say what runs: Kafka and Redis, local or external, and whether they answer (exit 1 if not)')
    .option('--json', 'print the status as JSON', false)
    .addHelpText('after', environmentHelp(ENVIRONMENT))
    .action(async (options) => {
      const services = await stackStatus(loadStackConfig());
      if (options.json) {
        process.stdout.write(`${JSON.stringify(services, null, 2)}\n`);
      } else {
        for (const service of services) {
          const state = service.answering ? 'running' : 'not answering';
          const pid = service.pid !== undefined ? ` pid ${service.pid}` : '';
          process.stdout.write(`${service.name.padEnd(6)} ${state.padEnd(14)} ${service.kind.padEnd(9)} ${service.address}${pid}\n`);
        }
      }
      if (services.some((service) => !service.answering)) process.exitCode = 1;
    });
}
