import type { Command } from '@commander-js/extra-typings';
import { ENVIRONMENT, loadStackConfig } from '../../core/config.ts';
import { stopPipeline } from '../../infra/pipeline-processes.ts';
import { stackDown } from '../../infra/stack.ts';
import { environmentHelp } from '../environment-help.ts';

export function registerDown(program: Command): void {
  program
    .command('down')
    .description('Stop what `pulse start` / `pulse up` started: generator, processor, dashboard, then Redis and Kafka (data is kept)')
    .addHelpText('after', environmentHelp(ENVIRONMENT))
    .action(async () => {
      const config = loadStackConfig();
      const stopped = [...(await stopPipeline(config)), ...(await stackDown(config))];
      process.stdout.write(stopped.length > 0 ? `stopped ${stopped.join(' and ')}\n` : 'nothing was running\n');
    });
}
