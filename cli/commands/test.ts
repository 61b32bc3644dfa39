import type { Command } from '@commander-js/extra-typings';
import { runTests } from '../../tests/runner.ts';

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('Type-check, start a real Kafka and Redis on free ports (or use KAFKA_BROKERS / REDIS_URL), run every test, stop them')
    .argument('[filters...]', 'run only test files whose path contains one of these strings')
    .option('--no-typecheck', 'skip the TypeScript type check')
    .action(async (filters, options) => {
      process.exitCode = await runTests({ filters, typecheck: options.typecheck });
    });
}
