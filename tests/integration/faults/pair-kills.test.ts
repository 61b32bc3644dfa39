/**
 * Two `pulse process` members in one group; one of them is killed with SIGKILL again and again
 * while records arrive, and restarted each time. Every rebalance moves partitions between them;
 * a write of a former owner is refused by the owner epoch. The end state must equal the
 * independent recount: hot counts, cold rows, reconcile.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../../core/wait-until.ts';
import { createFaultFixture } from '../../helpers/fault-fixture.ts';
import { assertEndStateEqualsRecount, waitForFencesAtEnd } from '../../helpers/end-state.ts';
import { testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { killHard, startPulse, stopGracefully } from '../../helpers/processes.ts';
import { processorArgs, testProcessorOptions } from '../../helpers/processor.ts';

const KILLS = Number(process.env.PULSE_PAIR_KILLS ?? 5);
const WAVE = 1000;

test(`two members, one killed ×${KILLS}: 0 differences`, async () => {
  const fixture = await createFaultFixture('pair', 6);
  const { topic, dlqTopic, server, redis, lakeDir } = fixture;
  const options = testProcessorOptions(topic, server.url, { dlqTopic, maxBatchSize: 100, lakeDir });
  const args = (id: string) => [...processorArgs({ ...options, processorId: id }), '--cold-max-age', '700'];
  const steady = startPulse(args('steady'), { REDIS_URL: server.url });
  let victim = startPulse(args('victim'), { REDIS_URL: server.url });
  const producer = testKafkaClient().producer();
  await producer.connect();
  let wave = 0;
  let restartedAt = Date.now();
  try {
    for (let kill = 0; kill < KILLS; kill += 1) {
      wave += 1;
      await producer.send(topic, mixedRecords(2600 + wave, WAVE, `2024-03-22T${String(wave % 24).padStart(2, '0')}:00:00Z`, 1));
      await new Promise((resolve) => setTimeout(resolve, 1500 + (kill % 3) * 700));
      await killHard(victim);
      restartedAt = Date.now();
      victim = startPulse(args('victim'), { REDIS_URL: server.url });
    }
    await waitForFencesAtEnd(redis, topic, 180_000);
    // A SIGTERM before the last restart finished loading would end it by default: wait for its heartbeat.
    await waitUntil(
      'the restarted member to run',
      async () => {
        const heartbeat = await redis.get('pulse:processor:victim');
        return heartbeat !== null && (JSON.parse(heartbeat) as { startedAtMs: number }).startedAtMs >= restartedAt ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    assert.is(await stopGracefully(victim), 0, victim.output().slice(-2000));
    assert.is(await stopGracefully(steady), 0, steady.output().slice(-2000));

    await assertEndStateEqualsRecount({ topic, redis, redisUrl: server.url, lakeDir, allowedLatenessMs: options.allowedLatenessMs, reconcileFrom: '2024-03-21', reconcileTo: '2024-03-23' });
  } finally {
    await stopGracefully(victim);
    await stopGracefully(steady);
    await producer.disconnect();
    await fixture.cleanUp();
  }
});

test.run();
