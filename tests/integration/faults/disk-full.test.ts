/**
 * Fault 7, fast version: the lake on a 4 MB tmpfs, filled to ENOSPC by a ballast file mid-run and
 * freed 4 s after the processor reported it. While full: the process stays up, its fences and
 * commits do not move past what the cold store holds, DuckDB reads the lake without error, the
 * heartbeat and the dashboard health say degraded with the error. After: it catches up alone, the
 * counts equal the recount, cold rows are exact, reconcile finds 0 differences and no temporary
 * file is left. The full run is `node --import tsx scripts/faults/disk-full.ts`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runDiskFull } from '../../helpers/faults/disk-full-scenario.ts';
import { createTestTopicWithDlq, deleteTestTopic } from '../../helpers/kafka.ts';
import { freshRedisDb } from '../../helpers/redis.ts';
import { testBrokers } from '../../helpers/services.ts';

test('a full cold-store disk holds the fences, reports degraded, and recovers with 0 differences', async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('disk-full', 3);
  const { url, redis } = await freshRedisDb(8);
  try {
    const result = await runDiskFull({
      servers: { brokers: testBrokers(), redisUrl: url },
      env: { KAFKA_BROKERS: testBrokers().join(','), REDIS_URL: url },
      topic,
      dlqTopic,
      cycles: 1,
      recordsPerWave: 1500,
      fullForMs: 4000,
      tmpfsSize: '4m',
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const [period] = result.periods;
    assert.ok(period !== undefined);
    assert.match(period.lastError, /ENOSPC/);
    assert.ok(period.retries >= 1, `retries ${period.retries}`);
    assert.is(period.processorAlive, true);
    assert.is(period.fencesHeld, true);
    assert.is(period.commitsBehindFences, true);
    // Every record of the wave produced while full was held back (none applied without its rows).
    assert.ok(period.heldBack > 0, `held back ${period.heldBack}`);
    assert.is(period.health.status, 'degraded');
    assert.ok(period.health.reasons.some((reason) => /cannot write the cold sink.*ENOSPC/.test(reason)), period.health.reasons.join('; '));
    assert.is(period.degradedClearedAfterRecovery, true);
    assert.is(result.processorExit, 0);
    assert.is(result.leftoverTempFiles, 0);
    const { audit } = result;
    assert.equal(audit.hotDiff, []);
    assert.equal(audit.cold, audit.expectedCold);
    assert.is(audit.reconcile.status, 0, audit.reconcile.output);
    process.stdout.write(`disk full: ${JSON.stringify({ ...result, audit: undefined })}\n`);
  } finally {
    redis.disconnect();
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
