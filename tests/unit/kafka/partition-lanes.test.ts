import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type PartitionLanes, createPartitionLanes } from '../../../core/kafka/partition-lanes.ts';

/** A promise with its resolve, so a test decides when a batch's writes "finish". */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Resolves once everything queued so far on the partitions has settled (enqueue's own promise). */
const settled = (lanes: PartitionLanes, ...partitions: number[]) => Promise.all(partitions.map((partition) => lanes.enqueue(partition, async () => undefined)));

test("a partition's batches run one at a time, in order; other partitions do not wait", async () => {
  const lanes = createPartitionLanes();
  const log: string[] = [];
  const first = gate();
  void lanes.enqueue(0, async () => {
    log.push('p0 b1 start');
    await first.promise;
    log.push('p0 b1 end');
  });
  void lanes.enqueue(0, async () => {
    log.push('p0 b2 start');
  });
  void lanes.enqueue(1, async () => {
    log.push('p1 b1 start');
  });
  await tick();
  assert.equal(log, ['p0 b1 start', 'p1 b1 start']);
  first.open();
  await settled(lanes, 0, 1);
  assert.equal(log, ['p0 b1 start', 'p1 b1 start', 'p0 b1 end', 'p0 b2 start']);
});

test('enqueue resolves when the batch before it has settled, not when its own has', async () => {
  const lanes = createPartitionLanes();
  const running = gate();
  const firstQueued = lanes.enqueue(0, () => running.promise);
  await firstQueued; // nothing ran before it
  let secondResolved = false;
  const secondQueued = lanes.enqueue(0, async () => undefined).then(() => (secondResolved = true));
  await tick();
  assert.is(secondResolved, false, 'the client may fetch only one batch ahead of the one running');
  running.open();
  await secondQueued;
  assert.is(secondResolved, true);
});

test('invalidate drops the queued batches of that partition only; the running one finishes', async () => {
  const lanes = createPartitionLanes();
  const ran: string[] = [];
  const running = gate();
  let sawCurrent: boolean | undefined;
  void lanes.enqueue(0, async (isCurrent) => {
    ran.push('p0 running');
    await running.promise;
    sawCurrent = isCurrent();
  });
  void lanes.enqueue(0, async () => {
    ran.push('p0 queued');
  });
  void lanes.enqueue(1, async () => {
    ran.push('p1 queued');
  });
  await tick();
  lanes.invalidate(0);
  void lanes.enqueue(0, async () => {
    ran.push('p0 after the seek');
  });
  running.open();
  await settled(lanes, 0, 1);
  assert.equal(ran, ['p0 running', 'p1 queued', 'p0 after the seek']);
  assert.is(sawCurrent, false, 'the running batch can tell it became stale');
});

test('invalidateAll drops every queued batch', async () => {
  const lanes = createPartitionLanes();
  const ran: number[] = [];
  const running = gate();
  void lanes.enqueue(0, () => running.promise);
  void lanes.enqueue(1, () => running.promise);
  void lanes.enqueue(0, async () => void ran.push(0));
  void lanes.enqueue(1, async () => void ran.push(1));
  await tick();
  lanes.invalidateAll();
  void lanes.enqueue(1, async () => void ran.push(11));
  running.open();
  await settled(lanes, 0, 1);
  assert.equal(ran, [11]);
});

test("a failed batch's error reaches the next enqueue of its partition, once; later batches still run", async () => {
  const lanes = createPartitionLanes();
  const ran: string[] = [];
  await lanes.enqueue(0, async () => {
    throw new Error('disk on fire');
  });
  const reported = await lanes.enqueue(0, async () => void ran.push('after')).then(
    () => undefined,
    (error: Error) => error.message,
  );
  assert.is(reported, 'disk on fire');
  await lanes.enqueue(0, async () => void ran.push('later'));
  await settled(lanes, 0);
  assert.equal(ran, ['after', 'later']);
});

test('drain waits for the running batches and drops the queued ones', async () => {
  const lanes = createPartitionLanes();
  const running = gate();
  let finished = false;
  let queuedRan = false;
  void lanes.enqueue(0, async () => {
    await running.promise;
    finished = true;
  });
  void lanes.enqueue(0, async () => void (queuedRan = true));
  await tick();
  const drained = lanes.drain();
  running.open();
  await drained;
  assert.is(finished, true);
  assert.is(queuedRan, false);
});

test.run();
