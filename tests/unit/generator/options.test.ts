import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT } from '../../../core/config.ts';
import { isPulseError } from '../../../core/errors.ts';
import { CHAOS_KINDS } from '../../../generator/chaos/chaos-kinds.ts';
import { type EventGeneratorOptions, resolveGeneratorOptions } from '../../../generator/options.ts';

function configError(options: EventGeneratorOptions): string {
  try {
    resolveGeneratorOptions(options);
  } catch (error) {
    if (isPulseError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

test('bad generator options fail with CONFIG_INVALID naming the option and value', () => {
  assert.is(configError({ count: -1 }), 'CONFIG_INVALID: count=-1 must be a whole number from 0 to 1000000000');
  assert.is(configError({ count: 10, chaosRates: { late: 1.5 } }), 'CONFIG_INVALID: chaos rate late=1.5 must be a number from 0 to 1');
  assert.is(configError({ count: 10, chaosRates: { lateness: 0.1 } as never }), `CONFIG_INVALID: unknown chaos kind "lateness"; known: ${CHAOS_KINDS.join(', ')}`);
  assert.is(configError({ count: 10, startTime: 'yesterday' }), 'CONFIG_INVALID: startTime="yesterday" is not a time: use epoch ms or ISO 8601, e.g. 2025-01-06T00:00:00Z');
  assert.is(configError({ count: 10, spanMs: 0 }), 'CONFIG_INVALID: spanMs=0 must be a positive number of milliseconds');
  assert.is(configError({}), 'CONFIG_INVALID: count is required for a time range (without `now`): the range is spread over that many records');
  assert.is(configError({ count: 1, colour: 'red' } as never), 'CONFIG_INVALID: unknown generator option "colour"; known: seed, count, startTime, spanMs, now, chaos, chaosRates');
  assert.match(configError({ count: 1, chaosRates: { duplicate: 0.6, late: 0.6, non_json: 0, bad_timestamp: 0, future: 0 } }), /^CONFIG_INVALID: chaos rates duplicate \+ non_json \+ bad_timestamp \+ late \+ future add up to 1.200/);
});

function pulse(...args: string[]): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, ['bin/pulse.js', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:1' } });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

test('the CLI names a bad flag and its value, and exits 1 before touching Kafka', () => {
  const cases: Array<[string[], string]> = [
    [['generate', 'live', '--rate', 'fast'], 'pulse: CONFIG_INVALID: --rate "fast" must be a number from 0.01 to 10000000'],
    [['generate', 'backfill', '--chaos-late', '2'], 'pulse: CONFIG_INVALID: --chaos-late "2" must be a number from 0 to 1'],
    [['generate', 'live', '--duration', 'soon'], 'pulse: CONFIG_INVALID: --duration "soon" is not a duration: use e.g. 90s, 10m, 2h, 1d (a bare number is seconds)'],
    [['generate', 'backfill', '--client', 'rdkafka'], 'pulse: CONFIG_INVALID: --client "rdkafka" is not a Kafka client; use one of: kafkajs, confluent'],
    [['generate', 'record', '--out', '/tmp/x', '--start', 'monday'], 'pulse: CONFIG_INVALID: --start "monday" is not an ISO 8601 time, e.g. 2025-01-06T00:00:00Z'],
  ];
  for (const [args, message] of cases) {
    const result = pulse(...args);
    assert.is(result.stderr.trim(), message);
    assert.is(result.status, 1);
  }
});

test('--help lists every option with its default', () => {
  const help = pulse('generate', 'backfill', '--help').stdout.replace(/\s+/g, ' ');
  for (const kind of CHAOS_KINDS) assert.match(help, new RegExp(`--chaos-${kind.replace(/_/g, '-')} <rate> .*?\\(default: [0-9.]+\\)`));
  for (const phrase of ['--seed <seed>', '(default: "talent-pulse")', '--hours <n> hours of history (default: 24)', '--batch-size <n> most messages per send (default: 500)', '--no-chaos']) {
    assert.ok(help.includes(phrase), phrase);
  }
  const live = pulse('generate', 'live', '--help').stdout.replace(/\s+/g, ' ');
  assert.ok(live.includes('--rate <events/s> target events per second (default: 50)'));
  assert.ok(live.includes('(default: until stopped)'));
});

test.run();
