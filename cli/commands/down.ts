import type { Command } from '@commander-js/extra-typings';
import { ENVIRONMENT, loadStackConfig } from '../../core/config.ts';
import { stackDown } from '../../infra/stack.ts';
import { environmentHelp } from '../environment-help.ts';

export function registerDown(program: Command): void {
  program
    .command('down')
    .description('Stop the Kafka broker and Redis that `pulse up` started (data is kept)')
    .addHelpText('after', environmentHelp(ENVIRONMENT))
    .action(async () => {
      const stopped = await stackDown(loadStackConfig());
      process.stdout.write(stopped.length > 0 ? `stopped ${stopped.join(' and ')}\n` : 'nothing was running\n');
    });
}
