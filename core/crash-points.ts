/**
 * Named crash points for fault-injection tests: with `NODE_ENV=test` and
 * `PULSE_CRASH_AT=<point>:<n>`, the process kills itself with SIGKILL the n-th time it passes that
 * point — an exact "crash right here" that a timer-based kill cannot aim at. Outside test builds
 * (NODE_ENV is not `test`) the variable is ignored and a crash point costs one comparison.
 */
export const CRASH_POINTS = [
  'after-cold-stage',
  'after-redis-apply',
  'after-offset-commit',
  'after-parquet-temp',
  'after-parquet-rename',
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

function parseTarget(): { point: string; remaining: number } | undefined {
  if (process.env.NODE_ENV !== 'test') return undefined;
  const match = /^([a-z-]+):(\d+)$/.exec(process.env.PULSE_CRASH_AT ?? '');
  if (match === null || !(CRASH_POINTS as readonly string[]).includes(match[1]!)) return undefined;
  return { point: match[1]!, remaining: Number(match[2]) };
}

const target = parseTarget();

export function crashPoint(point: CrashPoint): void {
  if (target === undefined || target.point !== point) return;
  target.remaining -= 1;
  if (target.remaining <= 0) process.kill(process.pid, 'SIGKILL');
}
