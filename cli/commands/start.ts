import { Command, Option } from '@commander-js/extra-typings';
import { ENVIRONMENT, connectionSettings, loadStackConfig } from '../../core/config.ts';
import { waitUntil } from '../../core/wait-until.ts';
import { pipelineProcess, startPipelineComponent } from '../../infra/pipeline-processes.ts';
import { readPid, tailOf } from '../../infra/managed-process.ts';
import { stackUp } from '../../infra/stack.ts';
import { isPortOpen } from '../../infra/tcp-probe.ts';
import { environmentHelp } from '../environment-help.ts';
import { parseNonNegativeInteger } from '../parse-duration.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'Run the whole pipeline locally: bring up Kafka and Redis, then a 6-hour backfill and the live generator, ' +
        'the processor and the dashboard in the background; print the dashboard URL. `pulse down` stops it all.',
    )
    .option('--port <port>', 'dashboard port on 127.0.0.1', parseNonNegativeInteger, 8080)
    .option('--rate <events>', 'live generator rate, events/s', parseNonNegativeInteger, 20)
    .addOption(new Option('--backfill-hours <hours>', 'hours of history published first, so the charts have a past').argParser(parseNonNegativeInteger).default(6))
    .addHelpText('after', environmentHelp(ENVIRONMENT))
    .action(async (flags) => {
      const log = (line: string) => process.stderr.write(`pulse start: ${line}\n`);
      const config = loadStackConfig();
      await stackUp(config, log);
      const { brokers, redisUrl } = connectionSettings(config);
      log(`Kafka ${brokers.join(',')} · Redis ${redisUrl}`);

      const processor = startPipelineComponent(config, 'processor', ['process']);
      log(`processor ${processor.started ? 'started' : 'already running'} (pid ${processor.pid}, log ${pipelineProcess(config, 'processor').logFile})`);
      const dashboard = startPipelineComponent(config, 'dashboard', ['dashboard', '--port', String(flags.port)]);
      log(`dashboard ${dashboard.started ? 'started' : 'already running'} (pid ${dashboard.pid}, log ${pipelineProcess(config, 'dashboard').logFile})`);
      if (processor.started && flags.backfillHours > 0) {
        const backfill = startPipelineComponent(config, 'generator', [
          'generate', 'backfill', '--hours', String(flags.backfillHours), '--start', new Date(Date.now() - flags.backfillHours * 3_600_000).toISOString(),
          '--count', String(flags.backfillHours * 1500), '--no-progress',
        ]);
        log(`publishing ${flags.backfillHours} h of history (pid ${backfill.pid})`);
        await waitUntil('the backfill to finish', () => (readPid(pipelineProcess(config, 'generator')) === undefined ? true : undefined), {
          timeoutMs: 300_000,
          intervalMs: 500,
        });
      }
      const generator = startPipelineComponent(config, 'generator', ['generate', 'live', '--rate', String(flags.rate), '--no-progress']);
      log(`live generator ${generator.started ? 'started' : 'already running'} at ${flags.rate} events/s (pid ${generator.pid})`);

      try {
        await waitUntil('the dashboard to listen', async () => ((await isPortOpen(flags.port)) ? true : undefined), { timeoutMs: 30_000, intervalMs: 250 });
      } catch {
        log(`the dashboard did not come up; its log:\n${tailOf(pipelineProcess(config, 'dashboard').logFile)}`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`\nThe Pulse is live: http://127.0.0.1:${flags.port}/\n`);
      process.stdout.write('Query the cold store: npx pulse sql "SELECT region, count(*) FROM silver_job_postings GROUP BY ALL"\n');
      process.stdout.write('Stop everything:      npx pulse down\n');
    });
}
