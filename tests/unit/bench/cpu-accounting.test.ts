/**
 * The end-to-end benchmark's CPU accounting: the shares it derives from two /proc snapshots, and
 * that a snapshot of a live process reads its main thread apart from its other threads.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type CpuSnapshot, cpuShare, cpuSnapshot } from '../../../benchmarks/pipeline/cpu-accounting.ts';

const snapshot = (atMs: number, busy: number, total: number, processes: CpuSnapshot['processes'], brokerTicks = Number.NaN, redisTicks = Number.NaN): CpuSnapshot => ({
  atMs,
  machineBusyTicks: busy,
  machineTotalTicks: total,
  cores: 2,
  processes,
  brokerTicks,
  redisTicks,
});

test('shares: cores busy, the processor apart from the rest, main-thread time per record', () => {
  // 10 s on 2 cores (2,000 ticks); 1,500 busy; the processor used 1,200 ticks, 800 on its main thread.
  const before = snapshot(0, 10_000, 50_000, [{ pid: 7, processTicks: 300, mainThreadTicks: 200, mainThreadRunQueueNs: 1e9 }]);
  const after = snapshot(10_000, 11_500, 52_000, [{ pid: 7, processTicks: 1_500, mainThreadTicks: 1_000, mainThreadRunQueueNs: 3e9 }]);
  const share = cpuShare(before, after, 160_000);
  assert.ok(Math.abs(share.machineCores - 1.5) < 1e-9);
  assert.ok(Math.abs(share.processorCores - 1.2) < 1e-9);
  assert.ok(Math.abs(share.otherCores - 0.3) < 1e-9);
  assert.ok(Math.abs(share.busiestMainThread - 0.8) < 1e-9);
  assert.ok(Math.abs(share.busiestMainThreadRunQueue - 0.2) < 1e-9); // 2 s of 10 ready but not running
  assert.ok(Math.abs(share.mainThreadUsPerEvent - 50) < 1e-9); // 8 s / 160,000 records
  assert.ok(Math.abs(share.processorUsPerEvent - 75) < 1e-9);
  assert.ok(Math.abs(share.machineUsPerEvent - 93.75) < 1e-9); // 15 busy core-seconds / 160,000 records
  assert.ok(Number.isNaN(share.brokerCores) && Number.isNaN(share.redisCores), 'no service pids: no broker or Redis share');
});

test('shares: the broker and Redis read apart from the rest when their pids are known', () => {
  const process7 = (ticks: number) => [{ pid: 7, processTicks: ticks, mainThreadTicks: ticks, mainThreadRunQueueNs: 0 }];
  const before = snapshot(0, 10_000, 50_000, process7(0), 5_000, 900);
  const after = snapshot(10_000, 11_800, 52_000, process7(1_000), 5_300, 1_100);
  const share = cpuShare(before, after, 100_000);
  assert.ok(Math.abs(share.brokerCores - 0.3) < 1e-9);
  assert.ok(Math.abs(share.redisCores - 0.2) < 1e-9);
  assert.ok(Math.abs(share.otherCores - 0.8) < 1e-9); // 1.8 busy − 1.0 processor: broker, Redis and 0.3 of anything else
  assert.ok(Math.abs(share.machineUsPerEvent - 180) < 1e-9);
});

test('shares: the busiest of several main threads, a process that ended is left out', () => {
  const before = snapshot(0, 0, 2_000, [
    { pid: 1, processTicks: 0, mainThreadTicks: 0, mainThreadRunQueueNs: 0 },
    { pid: 2, processTicks: 0, mainThreadTicks: 0, mainThreadRunQueueNs: 0 },
  ]);
  const after = snapshot(10_000, 1_000, 4_000, [
    { pid: 1, processTicks: 600, mainThreadTicks: 500, mainThreadRunQueueNs: 1e9 },
    { pid: 2, processTicks: 400, mainThreadTicks: 300, mainThreadRunQueueNs: 4e9 },
    { pid: 3, processTicks: 999, mainThreadTicks: 999, mainThreadRunQueueNs: 9e9 },
  ]);
  const share = cpuShare(before, after, 100_000);
  assert.ok(Math.abs(share.busiestMainThread - 0.5) < 1e-9);
  assert.ok(Math.abs(share.busiestMainThreadRunQueue - 0.1) < 1e-9); // the busiest thread's own wait
  assert.ok(Math.abs(share.processorCores - 1) < 1e-9);
  assert.ok(Math.abs(share.mainThreadUsPerEvent - 80) < 1e-9);
});

test('a live snapshot: a worker thread spinning counts for the process, not for its main thread', async () => {
  if (process.platform !== 'linux') return;
  const before = cpuSnapshot([process.pid]);
  const worker = new Worker('const end = Date.now() + 600; while (Date.now() < end);', { eval: true });
  await new Promise((resolve) => worker.once('exit', resolve));
  const after = cpuSnapshot([process.pid]);
  const [start, end] = [before.processes[0]!, after.processes[0]!];
  assert.ok(Number.isFinite(end.processTicks) && Number.isFinite(end.mainThreadTicks));
  const processTicks = end.processTicks - start.processTicks;
  const mainTicks = end.mainThreadTicks - start.mainThreadTicks;
  assert.ok(processTicks - mainTicks >= 30, `the worker's ~60 ticks should be in the process's time only (process +${processTicks}, main +${mainTicks})`);
  assert.ok(after.machineTotalTicks > before.machineTotalTicks && after.cores >= 1);
  // Kernels built without schedstat have no such file: the figure is then left out (NaN).
  if (Number.isFinite(start.mainThreadRunQueueNs)) assert.ok(end.mainThreadRunQueueNs >= start.mainThreadRunQueueNs, 'schedstat run-queue time never goes back');
});

test('a live snapshot reads a service by its pid, and a pid that is gone as NaN', async () => {
  if (process.platform !== 'linux') return;
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  const live = cpuSnapshot([], { broker: process.pid, redis: child.pid });
  assert.ok(Number.isFinite(live.brokerTicks) && live.brokerTicks > 0, 'this process has used CPU');
  assert.ok(Number.isFinite(live.redisTicks));
  child.kill('SIGKILL');
  await once(child, 'exit');
  const gone = cpuSnapshot([], { redis: child.pid });
  assert.ok(Number.isNaN(gone.redisTicks) && Number.isNaN(gone.brokerTicks));
});

test.run();
