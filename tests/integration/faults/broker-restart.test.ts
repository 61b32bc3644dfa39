/**
 * Fault 5, fast version: on a private broker, 2 kill -9 and 2 clean stops of the broker (down 5 s
 * each) while `pulse generate live` produces and `pulse process` consumes, neither restarted by
 * hand. Every acknowledged event must be in the topic exactly once (idempotent producer), every
 * Redis count must equal the recount of the topic, the cold store must hold one row per valid
 * record, and `pulse reconcile` must find 0 differences. The full run (10 + 10, down 5–30 s) is
 * `node --import tsx scripts/faults/broker-restarts.ts`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runBrokerRestarts } from '../../helpers/faults/broker-restart-scenario.ts';

test('2 broker kills and 2 clean restarts under live load: every acknowledged event counted exactly once, no manual step', async () => {
  const result = await runBrokerRestarts({
    hardKills: 2,
    cleanRestarts: 2,
    downMs: () => 5000,
    upMs: 2000,
    rate: 200,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const { audit } = result;
  assert.is(result.outages.length, 4);
  assert.equal(result.outages.map((outage) => outage.how), ['hard', 'clean', 'hard', 'clean']);
  // The generator and the processor rode through every outage and stopped cleanly when asked.
  assert.is(result.generator.exit, 0);
  assert.is(result.processor.exit, 0);
  assert.is(result.generator.manifestRecords, result.generator.sent + result.generator.rejected);
  // Every acknowledged event is in the topic, and nothing was written twice by a re-send.
  assert.is(result.acknowledgedMissing, 0);
  assert.is(result.extraRecords, 0);
  assert.is(audit.records, result.generator.sent);
  // Counted exactly once: hot counts equal the recount, cold rows equal the valid records.
  assert.equal(audit.hotDiff, []);
  assert.equal(audit.cold, audit.expectedCold);
  assert.is(audit.reconcile.status, 0, audit.reconcile.output);
  process.stdout.write(`broker faults: ${JSON.stringify({ ...result, audit: undefined })}\n`);
});

test.run();
