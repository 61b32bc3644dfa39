/**
 * What the fault scripts share: `--help`, options parsed with node:util, time-stamped progress on
 * stderr, a hard deadline (the script fails instead of hanging), and the closing report: the
 * invariant checked, the figures measured, PASS or FAIL, exit code 0 or 1.
 */
import { parseArgs } from 'node:util';

export interface ScriptOption {
  name: string;
  value: string;
  help: string;
}

export interface FaultScript {
  values: Record<string, string>;
  log(line: string): void;
  /** Prints the report and exits: 0 when every check holds. */
  finish(figures: Record<string, unknown>, checks: Array<[string, boolean]>): never;
}

export function faultScript(usage: { name: string; summary: string; invariant: string; options: ScriptOption[]; maxMinutes: number }): FaultScript {
  const options = [...usage.options, { name: 'max-minutes', value: String(usage.maxMinutes), help: 'fail if the run takes longer than this' }];
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(options.map((option) => [option.name, { type: 'string' as const, default: option.value }])),
    },
  });
  if (values.help === true) {
    const lines = [
      `usage: node --import tsx scripts/faults/${usage.name}.ts [options]`,
      '',
      usage.summary,
      '',
      `invariant: ${usage.invariant}`,
      '',
      'options:',
      ...options.map((option) => `  --${option.name.padEnd(16)} ${option.help} (default ${option.value})`),
      `  --${'help'.padEnd(16)} this text`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    process.exit(0);
  }
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
  const maxMinutes = Number((values as Record<string, unknown>)['max-minutes']);
  const deadline = setTimeout(() => {
    log(`FAIL: still running after ${maxMinutes} min (--max-minutes); giving up`);
    process.exit(1);
  }, maxMinutes * 60_000);
  deadline.unref();
  log(`invariant: ${usage.invariant}`);
  return {
    values: values as Record<string, string>,
    log,
    finish(figures, checks) {
      const failed = checks.filter(([, ok]) => !ok);
      const report = {
        script: usage.name,
        invariant: usage.invariant,
        elapsedSeconds: Math.round((Date.now() - started) / 1000),
        figures,
        checks: Object.fromEntries(checks.map(([name, ok]) => [name, ok ? 'ok' : 'FAILED'])),
        result: failed.length === 0 ? 'PASS' : 'FAIL',
      };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      process.exit(failed.length === 0 ? 0 : 1);
    },
  };
}

/** A seeded uniform draw in [min, max], so a run's outage lengths can be repeated. */
export function seededUniform(seed: number, min: number, max: number): (index: number) => number {
  return (index) => {
    let t = (seed + index * 0x6d2b79f5) >>> 0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.round(min + (((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max - min));
  };
}
