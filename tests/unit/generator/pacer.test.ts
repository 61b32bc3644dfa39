import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { OutgoingMessage, PulseProducer } from '../../../core/kafka/types.ts';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import { createPacer } from '../../../generator/publish/create-pacer.ts';
import { pacedBatchSize } from '../../../generator/publish/paced-batch-size.ts';
import { publishRecords } from '../../../generator/publish/publish-records.ts';

/** A clock that only moves when someone sleeps (or work is simulated). */
function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

test('paces to the target rate: 10 s at 1,000 events/s in batches of 20 is 10,000 events', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ ratePerSec: 1_000, now: clock.now, sleep: clock.sleep });
  let sent = 0;
  while (clock.now() < 10_000) {
    await pacer.acquire(20);
    if (clock.now() < 10_000) sent += 20;
  }
  assert.is(sent, 10_000);
});

test('batch sizes give about 50 sends a second, within 1..max', () => {
  assert.is(pacedBatchSize(1_000, 500), 20);
  assert.is(pacedBatchSize(10, 500), 1);
  assert.is(pacedBatchSize(1_000_000, 500), 500);
});

test('a sender slower than the rate gets no more than it can take, and catches up at most maxBurstMs', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ ratePerSec: 100, maxBurstMs: 1_000, now: clock.now, sleep: clock.sleep });
  await pacer.acquire(1);
  clock.advance(5_000); // a 5 s stall (e.g. a broker pause)
  const before = clock.now();
  let immediate = 0;
  for (;;) {
    await pacer.acquire(1);
    if (clock.now() !== before) break;
    immediate++;
  }
  // 1 s of catch-up at 100/s (100 events) plus the one due now may go at once, then pacing resumes.
  assert.is(immediate, 101);
});

test('publishRecords sends paced batches keyed as generated, and every record once', async () => {
  const clock = fakeClock();
  const sends: OutgoingMessage[][] = [];
  const producer: PulseProducer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: async (_topic, messages) => {
      clock.advance(2); // each send takes 2 ms
      sends.push([...messages]);
    },
  };
  const records = [...createEventGenerator({ seed: 'pace', count: 2_000, chaos: false })];
  const pacer = createPacer({ ratePerSec: 500, now: clock.now, sleep: clock.sleep });
  const result = await publishRecords(producer, 'topic', records, { ratePerSec: 500, pacer });
  assert.is(result.sent, 2_000);
  assert.is(sends.length, 200);
  assert.equal([...new Set(sends.map((batch) => batch.length))], [10]);
  // 2,000 events at 500/s: the last batch is due at 3.98 s, plus its 2 ms send.
  assert.is(clock.now(), 3_982);
  assert.equal(sends.flat().map((message) => message.key), records.map((record) => record.key));
});

test('publishRecords sends a too-large record alone, reports a refusal and goes on', async () => {
  const sends: number[] = [];
  const producer: PulseProducer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: async (_topic, messages) => {
      if (messages.some((message) => (message.value as Buffer).length > 1_000_000)) throw new Error('Broker: Message size too large');
      sends.push(messages.length);
    },
  };
  const records = [...createEventGenerator({ seed: 'big', count: 1_000, chaos: false })];
  records.splice(500, 0, { ...(records[0] as (typeof records)[number]), index: 1_000, value: Buffer.alloc(1_010_000, 0x61) });
  const refused: number[] = [];
  const result = await publishRecords(producer, 'topic', records, { onRejected: (record) => refused.push(record.index) });
  assert.equal(refused, [1_000]);
  assert.is(result.sent, 1_000);
  assert.is(result.rejected, 1);
  assert.equal(sends, [500, 500]);
});

test('publishRecords stops between batches when aborted', async () => {
  const controller = new AbortController();
  let sent = 0;
  const producer: PulseProducer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: async (_topic, messages) => {
      sent += messages.length;
      if (sent >= 1_500) controller.abort();
    },
  };
  const result = await publishRecords(producer, 'topic', createEventGenerator({ seed: 'stop', count: 10_000, chaos: false }), { signal: controller.signal });
  assert.is(result.aborted, true);
  assert.is(result.sent, 1_500);
});

test.run();
