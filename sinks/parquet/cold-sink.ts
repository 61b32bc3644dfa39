/**
 * The cold sink: every batch's rows are appended to a per-partition staging file and fsynced
 * *before* the runner applies the batch to Redis, so the cold store is never behind the Redis fence.
 * Staging files are sealed by size, row count or age (range frozen in the name), then converted to
 * hive-partitioned Parquet with deterministic names off the hot path, then deleted. A partition's
 * new owner calls recover(): it converts leftover sealed files and trims the open staging file to
 * what the fence says was applied. See docs/cold-store.md for the protocol and its proof sketch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ProcessedRow } from '../../core/enriched-row.ts';
import { PulseError } from '../../core/errors.ts';
import { logger } from '../../core/logger.ts';
import { type ColdSinkOptions, resolveColdSinkOptions } from './cold-sink-options.ts';
import { createParquetConverter } from './create-parquet-converter.ts';
import { durableFs } from './durable-fs.ts';
import { fileNames } from './file-names.ts';
import { writeFully } from './file-io.ts';
import { lakePaths } from './lake-paths.ts';
import { listDataFiles } from './list-data-files.ts';
import { copyLines, type KeptLine } from './copy-lines.ts';
import { scanStagedFile } from './read-staged-file.ts';
import { createSerialQueue, type SerialQueue } from './serial-queue.ts';
import { StagedLineEncoder } from './staged-row.ts';

/** What stage() needs of a processed batch (the runner's BatchOutcome has these fields). */
export interface StagedBatch {
  partition: number;
  /** First and last Kafka offset the batch covered, including records that produced no row. */
  firstOffset: number;
  lastOffset: number;
  rows: readonly ProcessedRow[];
  /** Each row's Kafka value, aligned with rows; required for a row without a description (see StagedLineEncoder). */
  rowSources?: ReadonlyArray<Buffer | null>;
}

export interface ColdRecovery {
  partition: number;
  /** Highest offset the cold store holds for the partition (Parquet or staging); -1 when none. */
  progressOffset: number;
  /** Highest offset already in Parquet; -1 when none. */
  parquetOffset: number;
  /** Sealed files converted during recovery (left by a crash or a previous owner). */
  convertedSealedFiles: number;
  /** Staged rows kept in the open staging file (offsets in (parquetOffset, fenceOffset]). */
  keptStagedRows: number;
  /** Staged rows dropped: above the fence (never applied) or already in Parquet. */
  droppedStagedRows: number;
}

export interface ColdSink {
  recover(partition: number, fenceOffset: number): Promise<ColdRecovery>;
  stage(batch: StagedBatch): Promise<void>;
  maybeRotate(nowMs?: number): void;
  flush(): Promise<void>;
  release(partition: number): Promise<void>;
  close(): Promise<void>;
}

interface OpenFile {
  path: string;
  handle: fs.promises.FileHandle;
  first: number;
  last: number;
  bytes: number;
  rows: number;
  openedAtMs: number;
}

interface PartitionEntry {
  partition: number;
  /** Rows at or below this offset are in the cold store already; stage() skips them (replays). */
  skipThrough: number;
  open: OpenFile | undefined;
  queue: SerialQueue;
  /** Reused by the partition's stages, which the queue runs one at a time. */
  encoder: StagedLineEncoder;
}

function partitionLost(partition: number): PulseError {
  return new PulseError('PARTITION_LOST', `cold sink: partition ${partition} was claimed by another processor`);
}

export function createColdSink(input: Partial<ColdSinkOptions> & { lakeDir: string }): ColdSink {
  const options = resolveColdSinkOptions(input);
  const log = logger.child({ component: 'cold-sink' });
  const paths = lakePaths(options.lakeDir);
  const converter = createParquetConverter(paths, { threads: options.converterThreads, memoryLimit: options.converterMemoryLimit });
  const conversions = createSerialQueue();
  const converting = new Map<string, Promise<void>>();
  const partitions = new Map<number, PartitionEntry>();
  /** Partitions another process claimed from this one; stage() refuses them until recover(). */
  const lost = new Set<number>();
  const ownerToken = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const reportError =
    options.onBackgroundError ?? ((error: Error) => log.error({ err: error.message }, 'cold sink background work failed; retrying on the next check'));
  fs.mkdirSync(paths.staging, { recursive: true });
  fs.mkdirSync(paths.silver, { recursive: true });
  let closed = false;

  const ownerFile = (partition: number) => path.join(paths.staging, `p${partition}.owner`);

  function stagingFiles(partition: number) {
    return fs
      .readdirSync(paths.staging)
      .map((name) => ({ name, parsed: fileNames.parse(name) }))
      .filter((file) => file.parsed !== undefined && file.parsed.partition === partition)
      .map((file) => ({ path: path.join(paths.staging, file.name), ...file.parsed! }))
      .sort((a, b) => a.first - b.first);
  }

  /** Converts a sealed file (once per process at a time), then deletes it. */
  function convertSealed(sealedPath: string, partition: number, first: number, last: number): Promise<void> {
    const pending = converting.get(sealedPath);
    if (pending !== undefined) return pending;
    const task = conversions
      .run(async () => {
        if (!fs.existsSync(sealedPath)) return; // another owner finished it
        const files = await converter.convert(sealedPath, partition, first, last);
        await durableFs.removeIfPresent(sealedPath);
        log.debug({ partition, first, last, files: files.length, rows: files.reduce((sum, f) => sum + f.rows, 0) }, 'sealed file converted');
      })
      .finally(() => converting.delete(sealedPath));
    converting.set(sealedPath, task);
    return task;
  }

  function ownsMarker(partition: number): boolean {
    try {
      return fs.readFileSync(ownerFile(partition), 'utf8') === ownerToken;
    } catch {
      return false;
    }
  }

  /**
   * Freezes the open file's range by renaming it, then queues its conversion. Runs in the partition's
   * queue; the conversion is returned wrapped, so awaiting seal() never waits for it (staging goes on).
   */
  async function seal(entry: PartitionEntry): Promise<{ converted: Promise<void> } | undefined> {
    const open = entry.open;
    if (open === undefined) return undefined;
    entry.open = undefined;
    await open.handle.close();
    if (!ownsMarker(entry.partition)) {
      // Another process claimed the partition: its recover() owns this file now.
      log.warn({ partition: entry.partition }, 'partition claimed elsewhere; leaving its staging file to the new owner');
      partitions.delete(entry.partition);
      lost.add(entry.partition);
      return undefined;
    }
    const sealedPath = path.join(paths.staging, fileNames.sealed(entry.partition, open.first, open.last));
    await durableFs.rename(open.path, sealedPath);
    return { converted: convertSealed(sealedPath, entry.partition, open.first, open.last) };
  }

  function isDue(open: OpenFile, nowMs: number): boolean {
    return open.bytes >= options.maxStagedBytes || open.rows >= options.maxStagedRows || nowMs - open.openedAtMs >= options.maxStagedAgeMs;
  }

  function maybeRotate(nowMs = Date.now()): void {
    for (const entry of partitions.values()) {
      if (entry.open === undefined || !isDue(entry.open, nowMs)) continue;
      const due = entry.open;
      void entry.queue
        .run(async () => (entry.open === due ? seal(entry) : undefined))
        .then((sealed) => sealed?.converted.catch(reportError))
        .catch(reportError);
    }
  }

  /** Retries sealed files whose conversion failed earlier (disk full, a transient DuckDB error). */
  function retrySealed(): void {
    for (const partition of partitions.keys()) {
      for (const file of stagingFiles(partition)) {
        if (file.kind === 'sealed' && !converting.has(file.path)) convertSealed(file.path, partition, file.first, file.last!).catch(reportError);
      }
    }
  }

  const timer = setInterval(() => {
    maybeRotate();
    try {
      retrySealed();
    } catch (error) {
      reportError(error as Error);
    }
  }, options.rotateCheckIntervalMs);
  timer.unref();

  async function openForAppend(entry: PartitionEntry, first: number, last: number, rows: number): Promise<void> {
    const filePath = path.join(paths.staging, fileNames.open(entry.partition, first, ownerToken));
    const handle = await fs.promises.open(filePath, 'a');
    const { size } = await handle.stat();
    entry.open = { path: filePath, handle, first, last, bytes: size, rows, openedAtMs: Date.now() };
  }

  function parquetOffset(partition: number): number {
    let max = -1;
    for (const file of listDataFiles(paths)) if (file.partition === partition && file.last > max) max = file.last;
    return max;
  }

  async function recover(partition: number, fenceOffset: number): Promise<ColdRecovery> {
    if (closed) throw new PulseError('INTERNAL', 'cold sink is closed');
    if (!Number.isInteger(fenceOffset) || fenceOffset < -1) throw new PulseError('INTERNAL', `fence offset ${fenceOffset} is not an offset`);
    lost.delete(partition);
    let entry = partitions.get(partition);
    if (entry === undefined) {
      entry = { partition, skipThrough: -1, open: undefined, queue: createSerialQueue(), encoder: new StagedLineEncoder() };
      partitions.set(partition, entry);
    }
    const current = entry;
    return current.queue.run(async () => {
      if (current.open !== undefined) {
        await current.open.handle.close();
        current.open = undefined;
      }
      // Claim first: a previous owner that is shutting down checks this before it seals.
      await durableFs.writeFile(ownerFile(partition), ownerToken);
      const files = stagingFiles(partition);
      const sealed = files.filter((file) => file.kind === 'sealed');
      for (const file of sealed) await convertSealed(file.path, partition, file.first, file.last!);
      const inParquet = parquetOffset(partition);
      const openFiles = files.filter((file) => file.kind === 'open');
      // Only where each kept row's line sits is held (a later copy of an offset wins), never the
      // rows themselves: the staged bytes are copied as they are into the new file.
      const kept = new Map<number, KeptLine>();
      let dropped = 0;
      for (let fileIndex = 0; fileIndex < openFiles.length; fileIndex++) {
        await scanStagedFile(openFiles[fileIndex]!.path, (row, span) => {
          const offset = Number(row.kafka_offset);
          if (offset > inParquet && offset <= fenceOffset) kept.set(offset, { fileIndex, ...span });
          else dropped += 1;
        });
      }
      let progress = inParquet;
      if (kept.size > 0) {
        const first = Math.max(openFiles[0]!.first, inParquet + 1);
        const target = path.join(paths.staging, fileNames.open(partition, first, ownerToken));
        const lines = [...kept.entries()].sort(([a], [b]) => a - b).map(([, line]) => line);
        // Always a fresh file (a new inode): a stale owner still holding the old one writes nowhere visible.
        await durableFs.writeFileWith(target, (handle) => copyLines(openFiles.map((file) => file.path), lines, handle));
        for (const file of openFiles) if (file.path !== target) await durableFs.removeIfPresent(file.path);
        // Every row up to the fence was staged before it was applied, so this file covers first..fence.
        await openForAppend(current, first, fenceOffset, lines.length);
        progress = Math.max(progress, fenceOffset);
      } else {
        for (const file of openFiles) await durableFs.removeIfPresent(file.path);
      }
      current.skipThrough = progress;
      const recovery: ColdRecovery = {
        partition,
        progressOffset: progress,
        parquetOffset: inParquet,
        convertedSealedFiles: sealed.length,
        keptStagedRows: kept.size,
        droppedStagedRows: dropped,
      };
      log.info({ ...recovery, fenceOffset }, 'cold sink recovered partition');
      return recovery;
    });
  }

  async function stage(batch: StagedBatch): Promise<void> {
    const entry = partitions.get(batch.partition);
    if (entry === undefined && lost.has(batch.partition)) throw partitionLost(batch.partition);
    if (entry === undefined) throw new PulseError('INTERNAL', `cold sink: stage() for partition ${batch.partition} before recover()`);
    await entry.queue.run(async () => {
      // A former owner (frozen past its session, say) must not add rows the new owner's recover()
      // has not seen: the new owner rewrote the marker, so this write is refused.
      if (!ownsMarker(batch.partition)) {
        partitions.delete(batch.partition);
        lost.add(batch.partition);
        if (entry.open !== undefined) await entry.open.handle.close().catch(() => undefined);
        entry.open = undefined;
        throw partitionLost(batch.partition);
      }
      const keep = batch.rows.map((row) => Number(row.kafka_offset) > entry.skipThrough);
      const rows = batch.rows.filter((_, index) => keep[index]);
      const sources = batch.rowSources?.filter((_, index) => keep[index]);
      if (rows.length === 0) {
        if (entry.open !== undefined) entry.open.last = Math.max(entry.open.last, batch.lastOffset);
        return;
      }
      if (entry.open === undefined) await openForAppend(entry, Math.max(batch.firstOffset, entry.skipThrough + 1), batch.lastOffset, 0);
      const open = entry.open!;
      const bytes = entry.encoder.encode(rows, sources);
      try {
        await writeFully(open.handle, bytes);
        await open.handle.datasync();
      } catch (error) {
        // A full disk fails a write part-way (or shortens it): cut the file back to its last whole
        // batch, so the runner's retry appends these rows exactly once and no torn line sits mid-file.
        await open.handle.truncate(open.bytes).catch((cause: Error) => log.error({ partition: batch.partition, err: cause.message }, 'could not cut back a failed append'));
        throw error;
      }
      open.bytes += bytes.length;
      open.rows += rows.length;
      open.last = Math.max(open.last, batch.lastOffset);
    });
    const open = entry.open;
    if (open !== undefined && (open.bytes >= options.maxStagedBytes || open.rows >= options.maxStagedRows)) maybeRotate();
  }

  async function flush(): Promise<void> {
    const pending = await Promise.all([...partitions.values()].map((entry) => entry.queue.run(() => seal(entry))));
    await Promise.all(pending.map((sealed) => sealed?.converted));
    await conversions.idle();
  }

  return {
    recover,
    stage,
    maybeRotate,
    flush,
    async release(partition) {
      const entry = partitions.get(partition);
      if (entry === undefined) return;
      partitions.delete(partition);
      await entry.queue.run(async () => {
        if (entry.open !== undefined) await entry.open.handle.close();
        entry.open = undefined;
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await flush();
      converter.close();
    },
  };
}
