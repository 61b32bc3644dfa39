/**
 * The full-size versions of the fault tests whose fast versions run in the test command: the same
 * test files, with the cycle counts the reliability issue asks for. Each run starts (or reuses)
 * the project's Kafka and Redis through `pulse test`, so nothing here needs a running stack.
 *
 *   node --import tsx scripts/faults/full-runs.ts processor-kills     # 100 kill -9 cycles
 *   node --import tsx scripts/faults/full-runs.ts crash-points        # 10 crashes at each point
 *   node --import tsx scripts/faults/full-runs.ts redis-kills         # 20 Redis kill -9 + a rollback
 *   node --import tsx scripts/faults/full-runs.ts stale-owner         # 20 freezes past the session
 *   node --import tsx scripts/faults/full-runs.ts pair-kills          # two members, one killed 20 times
 *   node --import tsx scripts/faults/full-runs.ts decoder-fuzz        # the decoder fuzzed 1,000,000 times
 *   node --import tsx scripts/faults/full-runs.ts all
 */
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../../core/config.ts';

interface FullRun {
  test: string;
  env: Record<string, string>;
  invariant: string;
}

const RUNS: Record<string, FullRun> = {
  'processor-kills': {
    test: 'tests/integration/processor/kill-restart.test.ts',
    env: { PULSE_KILL_CYCLES: '100' },
    invariant: 'hot counts = recount = uninterrupted run; one cold row per valid record; reconcile 0',
  },
  'crash-points': {
    test: 'tests/integration/processor/crash-points.test.ts',
    env: { PULSE_CRASH_REPEATS: '10' },
    invariant: 'every crash point reached; hot counts = recount; cold rows exact; reconcile 0',
  },
  'redis-kills': {
    test: 'tests/integration/faults/redis-faults.test.ts',
    env: { PULSE_REDIS_KILLS: '20' },
    invariant: 'processor survives, replays after the rollback; hot counts = recount; cold rows exact; reconcile 0',
  },
  'stale-owner': {
    test: 'tests/integration/faults/stale-owner.test.ts',
    env: { PULSE_FREEZES: '20' },
    invariant: 'stale writes refused by the owner epoch; hot counts = recount; cold rows exact; reconcile 0',
  },
  'pair-kills': {
    test: 'tests/integration/faults/pair-kills.test.ts',
    env: { PULSE_PAIR_KILLS: '20' },
    invariant: 'two members, one killed 20 times: hot counts = recount; cold rows exact; reconcile 0',
  },
  'decoder-fuzz': {
    test: 'tests/unit/processor/decode-fuzz.test.ts',
    env: { PULSE_FUZZ_ITERATIONS: '1000000' },
    invariant: 'no throw; every reject has a documented reason; every accept satisfies the contract',
  },
};

function usage(): string {
  const names = Object.entries(RUNS).map(([name, run]) => `  ${name.padEnd(16)} ${run.test} (${Object.entries(run.env).map(([k, v]) => `${k}=${v}`).join(' ')})`);
  return `Usage: node --import tsx scripts/faults/full-runs.ts <name|all>\n\nRuns the full-size fault tests:\n${names.join('\n')}\n`;
}

const [name] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h') {
  process.stdout.write(usage());
  process.exit(name === undefined ? 1 : 0);
}
const selected = name === 'all' ? Object.keys(RUNS) : [name];
for (const run of selected) {
  if (RUNS[run] === undefined) {
    process.stderr.write(`unknown run "${run}"\n${usage()}`);
    process.exit(1);
  }
}
let failed = 0;
for (const run of selected) {
  const { test, env, invariant } = RUNS[run]!;
  process.stdout.write(`\n=== ${run}: ${invariant}\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['bin/pulse.js', 'test', '--no-typecheck', test], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  process.stdout.write(`=== ${run}: ${result.status === 0 ? 'held' : 'FAILED'} in ${minutes} min\n`);
  if (result.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
