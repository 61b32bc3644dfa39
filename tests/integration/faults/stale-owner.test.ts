/**
 * A stale owner: two `pulse process` members share six partitions; one is frozen (SIGSTOP) past
 * its session timeout, the group moves its partitions to the other, and it is thawed (SIGCONT)
 * with batches in flight. Its writes must be refused by the partitions' owner epochs, and the end
 * state must equal the independent recount: hot counts, cold rows, reconcile.
 */
import type { Redis } from 'ioredis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../../core/wait-until.ts';
import { createFaultFixture } from '../../helpers/fault-fixture.ts';
import { assertEndStateEqualsRecount, waitForFencesAtEnd } from '../../helpers/end-state.ts';
import { testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { startPulse, stopGracefully } from '../../helpers/processes.ts';
import { processorArgs, testProcessorOptions } from '../../helpers/processor.ts';

const FREEZES = Number(process.env.PULSE_FREEZES ?? 3);
const WAVE = 1500;

async function assignedTo(redis: Redis, id: string): Promise<number[]> {
  const raw = await redis.get(`pulse:processor:${id}`);
  return raw === null ? [] : (JSON.parse(raw) as { assigned: number[] }).assigned;
}

test(`a processor frozen past its session ×${FREEZES}: stale writes refused, 0 differences`, async () => {
  const fixture = await createFaultFixture('stale', 6);
  const { topic, dlqTopic, server, redis, lakeDir } = fixture;
  const options = testProcessorOptions(topic, server.url, { dlqTopic, maxBatchSize: 100, lakeDir });
  const args = (id: string) => [...processorArgs({ ...options, processorId: id }), '--cold-max-age', '700'];
  const frozen = startPulse(args('frozen'), { REDIS_URL: server.url, PULSE_LOG_LEVEL: 'info' });
  const steady = startPulse(args('steady'), { REDIS_URL: server.url });
  const producer = testKafkaClient().producer();
  await producer.connect();
  let wave = 0;
  try {
    await waitUntil('both members to own partitions', async () => ((await assignedTo(redis, 'frozen')).length > 0 && (await assignedTo(redis, 'steady')).length > 0 ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    for (let freeze = 0; freeze < FREEZES; freeze += 1) {
      wave += 1;
      await producer.send(topic, mixedRecords(1300 + wave, WAVE, `2024-03-19T${String(wave % 24).padStart(2, '0')}:00:00Z`, 1));
      await new Promise((resolve) => setTimeout(resolve, 150));
      frozen.child.kill('SIGSTOP');
      await waitUntil('the steady member to take every partition', async () => ((await assignedTo(redis, 'steady')).length === 6 ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 250,
      });
      frozen.child.kill('SIGCONT');
      await waitUntil('the thawed member to rejoin', async () => ((await assignedTo(redis, 'frozen')).length > 0 ? true : undefined), { timeoutMs: 60_000, intervalMs: 250 });
    }
    wave += 1;
    await producer.send(topic, mixedRecords(1300 + wave, WAVE, `2024-03-19T${String(wave % 24).padStart(2, '0')}:00:00Z`, 1));
    await waitForFencesAtEnd(redis, topic);
    assert.is(await stopGracefully(frozen), 0, frozen.output().slice(-2000));
    assert.is(await stopGracefully(steady), 0, steady.output().slice(-2000));
    const refused = (frozen.output().match(/write refused/g) ?? []).length;
    process.stdout.write(`stale writes refused: ${refused}\n`);

    await assertEndStateEqualsRecount({ topic, redis, redisUrl: server.url, lakeDir, allowedLatenessMs: options.allowedLatenessMs, reconcileFrom: '2024-03-18', reconcileTo: '2024-03-20' });
  } finally {
    frozen.child.kill('SIGCONT');
    await stopGracefully(frozen);
    await stopGracefully(steady);
    await producer.disconnect();
    await fixture.cleanUp();
  }
});

test.run();
