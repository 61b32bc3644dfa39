import type { Command } from '@commander-js/extra-typings';
import { Redis } from 'ioredis';
import { ENVIRONMENT, connectionSettings, loadStackConfig } from '../../core/config.ts';
import { defaultLakeDir } from '../../sinks/parquet/lake-paths.ts';
import { formatResult } from '../../sinks/query/format-result.ts';
import { parseHourRange } from '../../sinks/query/parse-hour-range.ts';
import { reconcile } from '../../sinks/query/reconcile.ts';
import { environmentHelp } from '../environment-help.ts';

export function registerReconcile(program: Command): void {
  program
    .command('reconcile')
    .description('Recount (skill, region, hour) of non-late rows in the cold store and compare with Redis trend:* counts (exit 1 on any difference)')
    .requiredOption('--from <when>', 'first UTC hour or date, e.g. 2024-03-15 or 2024-03-15-10')
    .requiredOption('--to <when>', 'last UTC hour or date (inclusive), e.g. 2024-03-15 or 2024-03-15-23')
    .option('--lake <dir>', 'lake directory (default: PULSE_LAKE_DIR or lake/ in the repository)')
    .option('--key-prefix <prefix>', 'prefix of the trend keys (isolated test runs); default none', '')
    .addHelpText('after', environmentHelp({ REDIS_URL: ENVIRONMENT.REDIS_URL, PULSE_REDIS_PORT: ENVIRONMENT.PULSE_REDIS_PORT, PULSE_LAKE_DIR: ENVIRONMENT.PULSE_LAKE_DIR }))
    .action(async (options) => {
      const range = parseHourRange(options.from, options.to);
      const { redisUrl } = connectionSettings(loadStackConfig());
      const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
      try {
        await redis.connect();
        const report = await reconcile({ lakeDir: options.lake ?? defaultLakeDir(), redis, range, keyPrefix: options.keyPrefix });
        if (report.differences.length > 0) {
          const rows = report.differences.map((d) => [d.skill, d.region, d.hour, d.cold, d.hot, d.hot - d.cold]);
          process.stdout.write(formatResult({ columns: ['skill', 'region', 'hour', 'cold', 'hot', 'hot - cold'], rows }, 'table'));
        }
        process.stdout.write(
          `${report.cells} (skill, region, hour) cells compared from ${report.coldRows} non-late cold rows: ` +
            `${report.differences.length === 0 ? 'hot and cold agree' : `${report.differences.length} differ`}\n`,
        );
        if (report.differences.length > 0) process.exitCode = 1;
      } finally {
        redis.disconnect();
      }
    });
}
