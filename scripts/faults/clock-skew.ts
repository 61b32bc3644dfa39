/**
 * Fault 8, full version: on a private stack, `pulse process` under libfaketime at several fixed
 * offsets and with jumps (forward and backward) in a running process followed by restarts under
 * other offsets. Every run must equal a clean run over the same records.
 */
import { runClockSkew } from '../../tests/helpers/faults/clock-skew-scenario.ts';
import { startPrivateStack } from '../../tests/helpers/faults/private-stack.ts';
import { faultScript } from './lib/fault-script.ts';

const script = faultScript({
  name: 'clock-skew',
  summary: 'Run the processor with a wrong wall clock (libfaketime offsets and jumps mid-run) over the same records as a clean run.',
  invariant: 'no count and no decision changes: Redis counts, cold rows (partition, offset, late) and DLQ records (partition, offset, reason) equal the clean run',
  maxMinutes: 15,
  options: [{ name: 'records', value: '10000', help: 'records per run' }],
});
const { values, log } = script;
const stack = await startPrivateStack(log);
try {
  const env = stack.env(8);
  const result = await runClockSkew({
    servers: { brokers: stack.brokers, redisUrl: env.REDIS_URL! },
    env: { KAFKA_BROKERS: env.KAFKA_BROKERS! },
    topicPrefix: 'clock-skew',
    records: Number(values.records),
    runs: [
      { name: 'clean', segments: [{ offset: '', records: 1 }] },
      ...['+1h', '-1h', '+6h', '-6h', '+1d', '-1d'].map((offset) => ({ name: offset, segments: [{ offset, records: 1 }] })),
      { name: 'jump back', segments: [{ offset: '+1h', records: 0.5, jumpTo: '-1h', recordsAfterJump: 0.25 }, { offset: '+2h', records: 0.25 }] },
      { name: 'jump forward', segments: [{ offset: '-1h', records: 0.3, jumpTo: '+3h', recordsAfterJump: 0.3 }, { offset: '', records: 0.2 }, { offset: '-30m', records: 0.2 }] },
    ],
    log,
  });
  await stack.close();
  const { clean, skewed, audit } = result;
  script.finish(
    {
      recordsPerRun: result.records,
      clean: { hotKeys: clean.counts.size, coldRows: clean.coldRows, late: clean.late, duplicatesDropped: clean.duplicatesDropped, dlq: clean.dlq, recountDifferences: audit.hotDiff.length },
      skewed: skewed.map((run) => ({
        run: run.name,
        skewSeenMinutes: run.observedSkewMinutes,
        hotKeys: run.counts.size,
        coldRows: run.coldRows,
        late: run.late,
        duplicatesDropped: run.duplicatesDropped,
        dlq: run.dlq,
        countDifferences: run.countDifferences.length,
        coldRowDifferences: run.coldRowDifferences,
        dlqDifferences: run.dlqDifferences,
      })),
    },
    [
      ['clean run equals the recount', audit.hotDiff.length === 0],
      ['every skewed run saw its skew', skewed.every((run) => run.observedSkewMinutes.some((minutes) => minutes !== 0))],
      ['same counts', skewed.every((run) => run.countDifferences.length === 0)],
      ['same cold rows and late flags', skewed.every((run) => run.coldRowDifferences === 0)],
      ['same DLQ decisions', skewed.every((run) => run.dlqDifferences === 0)],
      ['same duplicates dropped', skewed.every((run) => run.duplicatesDropped === clean.duplicatesDropped)],
    ],
  );
} finally {
  await stack.close();
}
