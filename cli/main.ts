/** The `pulse` command line: one subcommand per file in cli/commands, each thin. */
import { Command } from '@commander-js/extra-typings';
import { isPulseError } from '../core/errors.ts';
import { registerCommands } from './commands/index.ts';

const program = new Command('pulse')
  .description('Talent Pulse: real-time job-market analytics (Kafka → processor → Redis + Parquet → dashboard)')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .showSuggestionAfterError(true);

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isPulseError(error)) {
    process.stderr.write(`pulse: ${error.code}: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
