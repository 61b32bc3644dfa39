/**
 * Pipeline health and Prometheus figures: a real Kafka probe (reachability and the group's lag on a
 * test topic), processor heartbeats written as the processor writes them, and the status rules.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProcessorStatus } from '../../../processor/runner/create-processor.ts';
import { PROCESSORS_KEY, processorHeartbeatKey } from '../../../sinks/redis/hot-keys.ts';
import { createKafkaProbe } from '../../../dashboard-api/health/kafka-probe.ts';
import { pipelineHealth } from '../../../dashboard-api/health/pipeline-health.ts';
import { createThroughputTracker } from '../../../dashboard-api/health/throughput-tracker.ts';
import { createTestTopic, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { testBrokers, uniqueName } from '../../helpers/services.ts';
import { type DashboardFixture, dashboardFixture } from './dashboard-fixture.ts';

const NOW = Date.UTC(2024, 2, 15, 10, 30);

function status(id: string, heartbeatAtMs: number, eventsIn: number, overrides: Partial<ProcessorStatus> = {}): ProcessorStatus {
  return {
    id,
    version: '0.1.0',
    taxonomyVersion: '1.0.0',
    startedAtMs: NOW - 60_000,
    heartbeatAtMs,
    watermarkMs: NOW - 2 * 3_600_000,
    assigned: [0, 1],
    partitions: [
      { partition: 0, lastOffset: 41, watermarkMs: NOW - 2 * 3_600_000, consumerLag: 3, idle: false },
      { partition: 1, lastOffset: 17, watermarkMs: NOW - 2 * 3_600_000, consumerLag: 4, idle: false },
    ],
    totals: { eventsIn, enriched: eventsIn - 12, dlq: 7, duplicates: 3, late: 2 },
    ...overrides,
  };
}

const health = suite('dashboard health');
const context: { fixture: DashboardFixture; topic: string; groupId: string; clockMs: number } = {} as never;

health.before(async () => {
  context.topic = await createTestTopic('dash-health', 2);
  context.groupId = uniqueName('dash-group');
  const producer = testKafkaClient().producer();
  await producer.connect();
  await producer.send(context.topic, [
    { key: 'a', value: '1', partition: 0 },
    { key: 'b', value: '2', partition: 0 },
    { key: 'c', value: '3', partition: 1 },
  ]);
  await producer.disconnect();
  context.clockMs = NOW;
  const clock = () => context.clockMs;
  const kafka = createKafkaProbe({ brokers: testBrokers(), client: 'kafkajs', topic: context.topic, groupId: context.groupId, cacheMs: 0, clock });
  context.fixture = await dashboardFixture(12, { clock, kafka, options: { lagDegradedRecords: 100 } });
});

health.after(async () => {
  await context.fixture.close();
  await deleteTestTopic(context.topic);
});

async function beat(processor: ProcessorStatus): Promise<void> {
  // The processor's own heartbeat write: JSON status with a 10 s expiry, id in the set.
  await context.fixture.redis.multi().set(processorHeartbeatKey(processor.id), JSON.stringify(processor), 'PX', 10_000).sadd(PROCESSORS_KEY, processor.id).exec();
}

async function report() {
  return (await context.fixture.app.inject({ url: '/api/health' })).json() as Record<string, any>;
}

health('no processor: down, with Kafka reachable and the uncommitted group lagging by every record', async () => {
  const body = await report();
  assert.is(body.status, 'down');
  assert.equal(body.reasons, ['no processor heartbeat in the last 5 s']);
  assert.equal(body.kafka, { reachable: true, consumerLag: 3 });
  assert.equal(body.redis, { reachable: true });
  assert.is(body.pipeline.processorsAlive, 0);
});

health('a live processor: ok, with throughput from successive heartbeats, watermark lag, DLQ and late counts', async () => {
  await beat(status('proc-a', NOW - 1000, 100));
  const first = await report();
  assert.is(first.status, 'ok');
  assert.is(first.pipeline.eventsPerSecond, null);
  context.clockMs = NOW + 1000;
  await beat(status('proc-a', NOW, 300));
  const second = await report();
  assert.is(second.status, 'ok');
  assert.equal(second.reasons, []);
  assert.equal(second.pipeline, {
    processorsAlive: 1,
    eventsPerSecond: 200,
    consumerLag: 3,
    watermarkMs: NOW - 2 * 3_600_000,
    watermarkLagMs: 2 * 3_600_000 + 1000,
    totals: { eventsIn: 300, enriched: 288, dlq: 7, duplicates: 3, late: 2 },
  });
  assert.is(second.processors[0].heartbeatAgeMs, 1000);
  assert.is(second.processors[0].consumerLag, 7);
  assert.equal(second.processors[0].assigned, [0, 1]);

  const metrics = (await context.fixture.app.inject({ url: '/metrics' })).body;
  for (const line of [
    'pulse_processor_up{processor="proc-a"} 1',
    'pulse_processor_events_in_total{processor="proc-a"} 300',
    'pulse_processor_dlq_total{processor="proc-a"} 7',
    'pulse_processor_late_total{processor="proc-a"} 2',
    'pulse_processor_events_per_second{processor="proc-a"} 200',
    'pulse_processor_consumer_lag{processor="proc-a",partition="1"} 4',
    'pulse_processor_heartbeat_age_seconds{processor="proc-a"} 1',
    'pulse_dashboard_http_requests_total{method="GET",route="/api/health",status="200"} 3',
  ]) {
    assert.ok(metrics.split('\n').includes(line), `missing metrics line: ${line}`);
  }
});

health('a processor that went silent next to a live one: degraded; all silent: down', async () => {
  context.clockMs = NOW + 10_000;
  await beat(status('proc-a', NOW + 9_500, 400));
  await beat(status('proc-b', NOW + 4_000, 50));
  const degraded = await report();
  assert.is(degraded.status, 'degraded');
  assert.equal(degraded.reasons, ['processor(s) not heart-beating: proc-b']);
  assert.is(degraded.pipeline.processorsAlive, 1);

  // A processor killed long ago: its id stays in the set, its heartbeat key expired. Not a reason.
  await context.fixture.redis.sadd(PROCESSORS_KEY, 'proc-killed');
  const withGone = await report();
  assert.equal(withGone.reasons, ['processor(s) not heart-beating: proc-b']);
  assert.equal(withGone.processors.map((entry: { id: string; alive: boolean; heartbeatAgeMs: number | null }) => [entry.id, entry.alive, entry.heartbeatAgeMs]), [
    ['proc-a', true, 500],
    ['proc-b', false, 6000],
    ['proc-killed', false, null],
  ]);

  context.clockMs = NOW + 20_000;
  const down = await report();
  assert.is(down.status, 'down');
  assert.equal(down.reasons, ['no processor heartbeat in the last 5 s']);
});

health('status rules: unreachable services are down; lag above the threshold is degraded', () => {
  const alive = { id: 'p', status: status('p', NOW, 10) };
  const base = { nowMs: NOW, heartbeats: [alive], rates: new Map(), processorStaleMs: 5000, lagDegradedRecords: 100 };
  const ok = pipelineHealth({ ...base, kafka: { reachable: true, consumerLag: 100 }, redis: { reachable: true } });
  assert.is(ok.status, 'ok');
  const lagging = pipelineHealth({ ...base, kafka: { reachable: true, consumerLag: 101 }, redis: { reachable: true } });
  assert.equal([lagging.status, lagging.reasons], ['degraded', ['consumer lag 101 is above 100 records']]);
  const noKafka = pipelineHealth({ ...base, kafka: { reachable: false, consumerLag: null, error: 'x' }, redis: { reachable: true } });
  assert.equal([noKafka.status, noKafka.reasons, noKafka.pipeline.consumerLag], ['down', ['Kafka is unreachable'], 7]);
  const noRedis = pipelineHealth({ ...base, heartbeats: [], kafka: { reachable: true, consumerLag: 0 }, redis: { reachable: false } });
  assert.equal([noRedis.status, noRedis.reasons], ['down', ['Redis is unreachable']]);
});

health('throughput: eventsIn growth over the trailing window of heartbeat times; a restart starts over', () => {
  const tracker = createThroughputTracker(10_000);
  assert.is(tracker.observe('p', 0, 0), null);
  assert.is(tracker.observe('p', 1000, 500), 500);
  assert.is(tracker.observe('p', 1000, 500), 500);
  assert.is(tracker.observe('p', 10_000, 1400), 140);
  // The 0 ms sample has left the 10 s window; the rate is now over 1 s..12 s.
  assert.is(tracker.observe('p', 12_000, 2600), (2600 - 500) / 11);
  assert.is(tracker.observe('p', 13_000, 10), null);
  assert.is(tracker.observe('p', 14_000, 110), 100);
});

health('an unreachable broker is reported as such, quickly', async () => {
  const probe = createKafkaProbe({ brokers: ['127.0.0.1:1'], client: 'kafkajs', topic: 't', groupId: 'g', cacheMs: 0, clock: Date.now });
  const result = await probe.check();
  assert.is(result.reachable, false);
  assert.is(result.consumerLag, null);
});

health.run();
