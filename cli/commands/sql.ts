import { Command, Option } from '@commander-js/extra-typings';
import { ENVIRONMENT } from '../../core/config.ts';
import { environmentHelp } from '../environment-help.ts';
import { defaultLakeDir } from '../../sinks/parquet/lake-paths.ts';
import { OUTPUT_FORMATS, formatResult } from '../../sinks/query/format-result.ts';
import { runSql } from '../../sinks/query/run-sql.ts';

export function registerSql(program: Command): void {
  program
    .command('sql')
    .description('Run one read-only DuckDB SELECT over the cold store, with silver_job_postings ready as a view')
    .argument('<query>', 'one SELECT / WITH … SELECT / EXPLAIN statement, e.g. "SELECT region, count(*) FROM silver_job_postings GROUP BY ALL"')
    .option('--lake <dir>', 'lake directory (default: PULSE_LAKE_DIR or lake/ in the repository)')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table' as const))
    .addHelpText('after', environmentHelp({ PULSE_LAKE_DIR: ENVIRONMENT.PULSE_LAKE_DIR }))
    .addHelpText('after', '\nSee docs/cold-store.md for the schema and example queries. Errors exit 1 with DuckDB\'s message.')
    .action(async (query, options) => {
      const result = await runSql(options.lake ?? defaultLakeDir(), query);
      process.stdout.write(formatResult(result, options.format));
    });
}
