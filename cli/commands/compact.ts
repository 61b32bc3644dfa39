import type { Command } from '@commander-js/extra-typings';
import { ENVIRONMENT } from '../../core/config.ts';
import { PulseError } from '../../core/errors.ts';
import { environmentHelp } from '../environment-help.ts';
import { compactLake } from '../../sinks/parquet/compact-lake.ts';
import { defaultLakeDir } from '../../sinks/parquet/lake-paths.ts';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function parseDuration(raw: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(raw.trim());
  if (match === null) throw new PulseError('CONFIG_INVALID', `--min-age=${raw} must be a duration like 90s, 30m, 6h or 2d`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

function parseDays(raw: string): number {
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0) throw new PulseError('CONFIG_INVALID', `--closed-days=${raw} must be a whole number ≥ 0`);
  return days;
}

export function registerCompact(program: Command): void {
  program
    .command('compact')
    .description('Merge the small Parquet files of closed dates into one file per directory and Kafka partition, removing duplicate event_ids; safe while the processor runs')
    .option('--lake <dir>', 'lake directory (default: PULSE_LAKE_DIR or lake/ in the repository)')
    .option('--closed-days <n>', 'dates at least N days before today (UTC) are closed: 1 = yesterday and older', '1')
    .option('--min-age <duration>', 'instead of closed dates: every file at least this old, any date (e.g. 30m, 6h, 2d)')
    .addHelpText('after', environmentHelp({ PULSE_LAKE_DIR: ENVIRONMENT.PULSE_LAKE_DIR }))
    .action(async (options) => {
      const report = await compactLake({
        lakeDir: options.lake ?? defaultLakeDir(),
        closedAfterDays: parseDays(options.closedDays),
        minFileAgeMs: options.minAge === undefined ? undefined : parseDuration(options.minAge),
      });
      process.stdout.write(
        `merged ${report.filesMerged} files into ${report.mergedGroups}; rows ${report.rowsIn} → ${report.rowsOut} ` +
          `(${report.duplicatesRemoved} duplicate event_ids removed); ${report.filesDeleted} files deleted\n`,
      );
    });
}
