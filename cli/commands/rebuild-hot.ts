import type { Command } from '@commander-js/extra-typings';
import { Redis } from 'ioredis';
import { ENVIRONMENT, connectionSettings, loadStackConfig } from '../../core/config.ts';
import { PROCESSOR_DEFAULTS } from '../../processor/runner/processor-options.ts';
import { defaultLakeDir } from '../../sinks/parquet/lake-paths.ts';
import { parseHourRange } from '../../sinks/query/parse-hour-range.ts';
import { rebuildHot } from '../../sinks/redis/rebuild-hot.ts';
import { createEnricher } from '../../taxonomy/enricher.ts';
import { environmentHelp } from '../environment-help.ts';
import { parseDurationMs } from '../parse-duration.ts';

export function registerRebuildHot(program: Command): void {
  program
    .command('rebuild-hot')
    .description(
      'Rebuild Redis hot counts of a range of hours from the cold store (a lost Redis, or a new taxonomy with --reenrich); ' +
        'each hour is replaced atomically, and a killed rebuild is simply run again',
    )
    .requiredOption('--from <when>', 'first UTC hour or date, e.g. 2024-03-15 or 2024-03-15-10')
    .requiredOption('--to <when>', 'last UTC hour or date (inclusive)')
    .option('--lake <dir>', 'lake directory (default: PULSE_LAKE_DIR or lake/ in the repository)')
    .option('--reenrich', 're-extract skills from the stored title and description with the taxonomy (see --taxonomy)', false)
    .option('--taxonomy <file>', 'taxonomy file for --reenrich (default: the one in taxonomy/)')
    .option('--hot-ttl <duration>', 'TTL of the written keys', parseDurationMs, PROCESSOR_DEFAULTS.hotTtlMs)
    .addHelpText('after', environmentHelp({ REDIS_URL: ENVIRONMENT.REDIS_URL, PULSE_REDIS_PORT: ENVIRONMENT.PULSE_REDIS_PORT, PULSE_LAKE_DIR: ENVIRONMENT.PULSE_LAKE_DIR }))
    .action(async (options) => {
      const range = parseHourRange(options.from, options.to);
      const reenrich = options.reenrich ? createEnricher(options.taxonomy !== undefined ? { taxonomyFile: options.taxonomy } : {}) : undefined;
      const { redisUrl } = connectionSettings(loadStackConfig());
      const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
      try {
        await redis.connect();
        const report = await rebuildHot({
          lakeDir: options.lake ?? defaultLakeDir(),
          redis,
          range,
          ttlMs: options.hotTtl,
          ...(reenrich !== undefined && { reenrich }),
          onHour: (hour, cells) => process.stderr.write(`rebuild-hot: ${hour} ${cells} cells\n`),
        });
        const version = reenrich !== undefined ? ` (skills re-extracted with taxonomy ${reenrich.taxonomyVersion})` : '';
        process.stdout.write(
          `rebuilt ${report.hours} hours, ${report.cells} (skill, region, hour) cells from ${report.coldRows} non-late cold rows; ` +
            `replaced ${report.removedKeys} keys${version}\n`,
        );
      } finally {
        redis.disconnect();
      }
    });
}
