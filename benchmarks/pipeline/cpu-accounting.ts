/**
 * Where the machine's cores went during a measured window, from /proc (Linux): the whole machine's
 * busy time, and for each processor child its process (all threads: V8's GC helpers, libuv's pool,
 * DuckDB, librdkafka) and its main thread alone — the one JavaScript thread every record's CPU
 * path, staging encode and Kafka decoding run on. What the rest of the machine used (broker, Redis,
 * this benchmark) is the machine's busy time minus the processors'; the broker and Redis are also
 * read apart when their pids are known (a stack the benchmark started itself). The scheduler's own
 * account of the main thread (schedstat) adds the time it was ready to run but waited for a core: a
 * thread that is neither running nor waiting for a core is waiting for I/O (Kafka, Redis, the disk).
 */
import fs from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export interface CpuSnapshot {
  atMs: number;
  /** Busy and total ticks summed over every core (/proc/stat). */
  machineBusyTicks: number;
  machineTotalTicks: number;
  cores: number;
  /** utime + stime ticks per pid: the whole process, and its main thread. */
  processes: Array<{ pid: number; processTicks: number; mainThreadTicks: number; mainThreadRunQueueNs: number }>;
  /** utime + stime ticks of the broker's and Redis's processes; NaN when not known or ended. */
  brokerTicks: number;
  redisTicks: number;
}

/** The broker's and Redis's pids, when this machine runs them for the benchmark. */
export interface ServicePids {
  broker?: number | undefined;
  redis?: number | undefined;
}

export interface CpuShare {
  /** Cores busy on average over the window, whole machine. */
  machineCores: number;
  /** Cores used by the processor processes together (all their threads). */
  processorCores: number;
  /** Share of the window the busiest processor's main thread was running (0–1). */
  busiestMainThread: number;
  /** Share of the window that thread was ready to run but waited for a core (0–1; NaN without schedstat). */
  busiestMainThreadRunQueue: number;
  /** Main-thread CPU time per applied record, µs (all processors). */
  mainThreadUsPerEvent: number;
  /** Whole-process CPU time per applied record, µs (all processors). */
  processorUsPerEvent: number;
  /** Everything else on the machine (broker, Redis, the benchmark itself), cores. */
  otherCores: number;
  /** The broker's and Redis's share of otherCores; NaN when their pids are not known. */
  brokerCores: number;
  redisCores: number;
  /** The whole machine's busy CPU time per applied record, µs: what one record cost everything. */
  machineUsPerEvent: number;
}

function ticksOf(statLine: string): number {
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are
  // the 14th and 15th fields of the line, the 12th and 13th after ") ".
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Nanoseconds the thread spent ready to run on a run queue (the second field of schedstat). */
function readRunQueueNs(file: string): number {
  try {
    return Number(fs.readFileSync(file, 'utf8').split(' ')[1]);
  } catch {
    return Number.NaN; // ended, or a kernel without schedstat
  }
}

function readTicks(file: string): number {
  try {
    return ticksOf(fs.readFileSync(file, 'utf8'));
  } catch {
    return Number.NaN; // the process ended
  }
}

export function cpuSnapshot(pids: readonly number[], services: ServicePids = {}): CpuSnapshot {
  const stat = fs.readFileSync('/proc/stat', 'utf8');
  const total = stat.slice(0, stat.indexOf('\n')).trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are the not-busy ones.
  const machineTotalTicks = total.slice(0, 8).reduce((sum, ticks) => sum + ticks, 0);
  const machineBusyTicks = machineTotalTicks - total[3]! - total[4]!;
  return {
    atMs: performance.now(),
    machineBusyTicks,
    machineTotalTicks,
    cores: stat.split('\n').filter((row) => /^cpu\d/.test(row)).length,
    processes: pids.map((pid) => ({
      pid,
      processTicks: readTicks(`/proc/${pid}/stat`),
      mainThreadTicks: readTicks(`/proc/${pid}/task/${pid}/stat`),
      mainThreadRunQueueNs: readRunQueueNs(`/proc/${pid}/task/${pid}/schedstat`),
    })),
    brokerTicks: services.broker === undefined ? Number.NaN : readTicks(`/proc/${services.broker}/stat`),
    redisTicks: services.redis === undefined ? Number.NaN : readTicks(`/proc/${services.redis}/stat`),
  };
}

export function cpuShare(before: CpuSnapshot, after: CpuSnapshot, events: number): CpuShare {
  const seconds = (after.atMs - before.atMs) / 1000;
  const machineCores = ((after.machineBusyTicks - before.machineBusyTicks) / (after.machineTotalTicks - before.machineTotalTicks)) * after.cores;
  let processTicks = 0;
  let mainTicks = 0;
  let busiest = 0;
  let busiestRunQueue = Number.NaN;
  for (const end of after.processes) {
    const start = before.processes.find((entry) => entry.pid === end.pid);
    if (start === undefined) continue;
    processTicks += end.processTicks - start.processTicks;
    const main = end.mainThreadTicks - start.mainThreadTicks;
    mainTicks += main;
    const share = main / TICKS_PER_SECOND / seconds;
    if (share >= busiest) {
      busiest = share;
      busiestRunQueue = (end.mainThreadRunQueueNs - start.mainThreadRunQueueNs) / 1e9 / seconds;
    }
  }
  const processorCores = processTicks / TICKS_PER_SECOND / seconds;
  const coresOf = (start: number, end: number) => (end - start) / TICKS_PER_SECOND / seconds;
  return {
    machineCores,
    processorCores,
    busiestMainThread: busiest,
    busiestMainThreadRunQueue: busiestRunQueue,
    mainThreadUsPerEvent: ((mainTicks / TICKS_PER_SECOND) * 1e6) / events,
    processorUsPerEvent: ((processTicks / TICKS_PER_SECOND) * 1e6) / events,
    otherCores: machineCores - processorCores,
    brokerCores: coresOf(before.brokerTicks, after.brokerTicks),
    redisCores: coresOf(before.redisTicks, after.redisTicks),
    machineUsPerEvent: (machineCores * seconds * 1e6) / events,
  };
}
