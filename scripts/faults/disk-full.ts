/**
 * Fault 7, full version: on a private stack, the lake on a small tmpfs is filled to ENOSPC by a
 * ballast file and freed again, several times, while records arrive. Checks what
 * tests/integration/faults/disk-full.test.ts checks, for every fill/free cycle. Needs root (mount).
 */
import { runDiskFull } from '../../tests/helpers/faults/disk-full-scenario.ts';
import { startPrivateStack } from '../../tests/helpers/faults/private-stack.ts';
import { faultScript } from './lib/fault-script.ts';

const script = faultScript({
  name: 'disk-full',
  summary: 'Fill the cold store\'s (tmpfs) disk mid-run and free it again, several times; the processor must hold, say degraded, and recover alone.',
  invariant: 'no partial file visible to DuckDB, fences and commits never pass unwritten rows, the process stays up and reports degraded, then recovers: Redis = recount, cold rows = valid records, reconcile 0',
  maxMinutes: 15,
  options: [
    { name: 'cycles', value: '5', help: 'fill/free cycles' },
    { name: 'records', value: '3000', help: 'records per wave (one before each fill, one while full)' },
    { name: 'full-for', value: '10', help: 'seconds the disk stays full once the processor reported it' },
    { name: 'size', value: '8m', help: 'tmpfs size' },
  ],
});
const { values, log } = script;
const stack = await startPrivateStack(log);
try {
  const env = stack.env(8);
  const result = await runDiskFull({
    servers: { brokers: stack.brokers, redisUrl: env.REDIS_URL! },
    env,
    topic: 'job.postings.v1',
    dlqTopic: 'job.postings.v1.dlq',
    cycles: Number(values.cycles),
    recordsPerWave: Number(values.records),
    fullForMs: Number(values['full-for']) * 1000,
    tmpfsSize: values.size!,
    log,
  });
  const { audit, periods } = result;
  await stack.close();
  script.finish(
    {
      cycles: periods.length,
      tmpfs: values.size,
      degradedAfterMs: periods.map((p) => p.degradedAfterMs),
      lastError: periods[0]?.lastError,
      stageRetriesWhileFull: periods.map((p) => p.retries),
      recordsHeldBackWhileFull: periods.map((p) => p.heldBack),
      healthWhileFull: periods.map((p) => p.health.status),
      coldRowsReadableWhileFull: periods.map((p) => p.coldRowsWhileFull),
      recoveredInMs: periods.map((p) => p.recoveredInMs),
      leftoverTempFiles: result.leftoverTempFiles,
      records: audit.records,
      hotCountDifferences: audit.hotDiff.length,
      coldRows: audit.cold,
      expectedColdRows: audit.expectedCold,
      reconcileExit: audit.reconcile.status,
    },
    [
      ['process stayed up while full', periods.every((p) => p.processorAlive)],
      ['fences held while full', periods.every((p) => p.fencesHeld && p.heldBack > 0)],
      ['commits never beyond fences', periods.every((p) => p.commitsBehindFences)],
      ['heartbeat and health said degraded (ENOSPC)', periods.every((p) => p.health.status === 'degraded' && /ENOSPC/.test(p.lastError))],
      ['degraded cleared after recovery', periods.every((p) => p.degradedClearedAfterRecovery)],
      ['processor stopped cleanly', result.processorExit === 0],
      ['no temporary file left', result.leftoverTempFiles === 0],
      ['Redis equals the recount', audit.hotDiff.length === 0],
      ['cold rows equal the valid records', JSON.stringify(audit.cold) === JSON.stringify(audit.expectedCold)],
      ['reconcile finds 0 differences', audit.reconcile.status === 0],
    ],
  );
} finally {
  await stack.close();
}
