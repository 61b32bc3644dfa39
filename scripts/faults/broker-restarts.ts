/**
 * Fault 5, full version: 10 kill -9 and 10 clean stops of a private Kafka broker, each down for a
 * seeded 5–30 s, while `pulse generate live` produces and `pulse process` consumes, neither touched
 * by hand. Checks what tests/integration/faults/broker-restart.test.ts checks, over 20 outages.
 */
import { runBrokerRestarts } from '../../tests/helpers/faults/broker-restart-scenario.ts';
import { faultScript, seededUniform } from './lib/fault-script.ts';

const script = faultScript({
  name: 'broker-restarts',
  summary: 'Kill (kill -9) and cleanly stop a private Kafka broker again and again under live load; the generator and processor must recover alone.',
  invariant: 'every acknowledged event is in the topic once and counted exactly once: Redis = recount of the topic, cold rows = valid records, reconcile 0',
  maxMinutes: 40,
  options: [
    { name: 'hard', value: '10', help: 'broker kill -9 outages' },
    { name: 'clean', value: '10', help: 'broker SIGTERM outages' },
    { name: 'down-min', value: '5', help: 'shortest outage, seconds' },
    { name: 'down-max', value: '30', help: 'longest outage, seconds' },
    { name: 'up', value: '5', help: 'seconds of normal running between outages' },
    { name: 'rate', value: '200', help: 'generator events per second' },
    { name: 'seed', value: '5', help: 'seed of the outage lengths' },
  ],
});
const { values, log } = script;
const result = await runBrokerRestarts({
  hardKills: Number(values.hard),
  cleanRestarts: Number(values.clean),
  downMs: seededUniform(Number(values.seed), Number(values['down-min']) * 1000, Number(values['down-max']) * 1000),
  upMs: Number(values.up) * 1000,
  rate: Number(values.rate),
  log,
});
const { audit } = result;
const down = result.outages.map((outage) => outage.downMs / 1000);
script.finish(
  {
    outages: `${result.outages.filter((o) => o.how === 'hard').length} kill -9 + ${result.outages.filter((o) => o.how === 'clean').length} SIGTERM`,
    downSeconds: { min: Math.min(...down), max: Math.max(...down), total: down.reduce((a, b) => a + b, 0) },
    brokerRestartSeconds: { max: Math.max(...result.outages.map((o) => o.restartMs / 1000)) },
    acknowledged: result.generator.sent,
    refusedTooLarge: result.generator.rejected,
    acknowledgedMissingFromTopic: result.acknowledgedMissing,
    extraRecordsInTopic: result.extraRecords,
    topicRecords: audit.records,
    duplicatesDropped: audit.oracle.duplicates,
    late: audit.oracle.late,
    dlq: audit.oracle.rejected,
    hotKeys: audit.hotKeys,
    hotCountDifferences: audit.hotDiff.length,
    coldRows: audit.cold,
    expectedColdRows: audit.expectedCold,
    reconcileExit: audit.reconcile.status,
    processorConsumerCrashes: result.processor.consumerCrashes,
    processorConsumerRestarts: result.processor.consumerRestarts,
    manualSteps: 0,
  },
  [
    ['generator stopped cleanly', result.generator.exit === 0],
    ['processor stopped cleanly', result.processor.exit === 0],
    ['every acknowledged event is in the topic', result.acknowledgedMissing === 0],
    ['no record written twice', result.extraRecords === 0],
    ['Redis equals the recount', audit.hotDiff.length === 0],
    ['cold rows equal the valid records', JSON.stringify(audit.cold) === JSON.stringify(audit.expectedCold)],
    ['reconcile finds 0 differences', audit.reconcile.status === 0],
  ],
);
