/**
 * Fault 8, fast version: `pulse process` under libfaketime at +1 h, at −1 h, and under +1 h with a
 * jump to −1 h in the middle of the run followed by a restart at +2 h. Each run over the same topic
 * (duplicates, late and unreadable records, events around now and some beyond the future-skew limit)
 * must equal a clean run: every Redis count, every cold row with its late flag (same dedup and
 * lateness decisions) and every DLQ record with its reason. The full run is
 * `node --import tsx scripts/faults/clock-skew.ts`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runClockSkew } from '../../helpers/faults/clock-skew-scenario.ts';
import { freshRedisDb } from '../../helpers/redis.ts';
import { testBrokers, uniqueName } from '../../helpers/services.ts';

test('a skewed or jumping processor clock changes no count, no dedup and no DLQ decision', async () => {
  const { url, redis } = await freshRedisDb(8);
  try {
    const result = await runClockSkew({
      servers: { brokers: testBrokers(), redisUrl: url },
      env: { KAFKA_BROKERS: testBrokers().join(',') },
      topicPrefix: uniqueName('clock-skew'),
      records: 3000,
      runs: [
        { name: 'clean', segments: [{ offset: '', records: 1 }] },
        { name: '+1h', segments: [{ offset: '+1h', records: 1 }] },
        { name: '-1h', segments: [{ offset: '-1h', records: 1 }] },
        // Half the records under +1 h, a jump to −1 h in the running process, a quarter more, then a
        // restart under +2 h for the last quarter.
        { name: 'jump', segments: [{ offset: '+1h', records: 0.5, jumpTo: '-1h', recordsAfterJump: 0.25 }, { offset: '+2h', records: 0.25 }] },
      ],
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const { clean, audit } = result;
    // The baseline is right, and it has every kind of decision in it.
    assert.equal(audit.hotDiff, []);
    assert.equal({ rows: clean.coldRows, late: clean.late }, { rows: audit.oracle.valid, late: audit.oracle.late });
    assert.is(clean.duplicatesDropped, audit.oracle.duplicates);
    assert.is(clean.dlq, audit.oracle.rejected);
    assert.ok(clean.duplicatesDropped > 0 && clean.late > 0, JSON.stringify({ ...clean, counts: clean.counts.size }));
    // The skew reached the processor: its heartbeats carry its own clock.
    assert.equal(result.skewed.map((run) => run.observedSkewMinutes), [[60], [-60], [60, -60, 120]]);
    for (const run of result.skewed) {
      assert.equal(run.countDifferences, [], `${run.name}: counts differ from the clean run`);
      assert.is(run.coldRowDifferences, 0, `${run.name}: cold rows differ`);
      assert.is(run.dlqDifferences, 0, `${run.name}: DLQ records differ`);
      assert.is(run.duplicatesDropped, clean.duplicatesDropped);
    }
    process.stdout.write(`clock skew: ${JSON.stringify(result.skewed.map((run) => ({ ...run, counts: run.counts.size })))}\n`);
  } finally {
    redis.disconnect();
  }
});

test.run();
