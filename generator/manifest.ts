/**
 * The manifest: ground truth of what a run injected, written as JSON next to a run so that tests
 * of the processor can check its handling record by record. Counts per chaos kind always; one
 * entry per injected record (index, key, event_id, kinds and details such as the late shift or
 * the original of a duplicate); optionally one line per record; and records the Kafka client or
 * broker refused (e.g. oversized ones over the client's message limit).
 */
import fs from 'node:fs';
import { CHAOS_KINDS, type ChaosKind } from './chaos/chaos-kinds.ts';
import type { GeneratedRecord } from './generated-record.ts';

export interface InjectedDetails {
  /** Index of the record a duplicate repeats (same bytes). */
  duplicateOf?: number;
  /** How far the event time was moved into the past (late kind), ms. */
  lateByMs?: number;
  /** How far ahead of the stream's now the event time was put (future kind), ms. */
  aheadByMs?: number;
  /** The timestamp value written by bad_timestamp, late or future. */
  timestamp?: string | number;
  timestampVariant?: string;
  nonJsonVariant?: string;
  locationVariant?: 'null' | 'empty' | 'blank';
  /** Field removed (missing_field) or mistyped (wrong_type). */
  missingField?: string;
  mistypedField?: string;
  untrimmedFields?: string[];
  /** Description length in characters (oversized). */
  descriptionChars?: number;
}

export interface InjectedEntry extends InjectedDetails {
  index: number;
  key: string | null;
  eventId?: string;
  kinds: ChaosKind[];
}

export interface RecordLine {
  index: number;
  key: string | null;
  eventId?: string;
  kinds: ChaosKind[];
  contractValid: boolean;
}

export interface GeneratorManifest {
  format: 'talent-pulse/generator-manifest@1';
  seed: string;
  /** The options of the run as given (mode, counts, rates…), for the record. */
  run: Record<string, unknown>;
  records: number;
  /** Records that satisfy the contract as sent. */
  contractValid: number;
  counts: Record<ChaosKind, number>;
  injected: InjectedEntry[];
  /** Records the client or broker refused; they never reached the topic. */
  rejected: Array<{ index: number; eventId?: string; bytes: number; reason: string }>;
  /** Every record, when asked for (`recordAll`). */
  all?: RecordLine[];
}

export interface ManifestRecorder {
  add(record: GeneratedRecord, details: InjectedDetails | null): void;
  reject(record: GeneratedRecord, reason: string): void;
  /** Sets the description of the run (merged into `run`). */
  describeRun(run: Record<string, unknown>): void;
  snapshot(): GeneratorManifest;
  write(file: string): void;
}

export function createManifest(seed: string, recordAll = false): ManifestRecorder {
  const counts = Object.fromEntries(CHAOS_KINDS.map((kind) => [kind, 0])) as Record<ChaosKind, number>;
  const injected: InjectedEntry[] = [];
  const rejected: GeneratorManifest['rejected'] = [];
  const all: RecordLine[] = [];
  let run: Record<string, unknown> = {};
  let records = 0;
  let contractValid = 0;

  const keyText = (record: GeneratedRecord) => (record.key === null ? null : record.key.toString('utf8'));

  const snapshot = (): GeneratorManifest => ({
    format: 'talent-pulse/generator-manifest@1',
    seed,
    run,
    records,
    contractValid,
    counts: { ...counts },
    injected: [...injected],
    rejected: [...rejected],
    ...(recordAll && { all: [...all] }),
  });

  return {
    add(record, details) {
      records++;
      if (record.contractValid) contractValid++;
      for (const kind of record.chaos) counts[kind]++;
      const base = { index: record.index, key: keyText(record), ...(record.eventId !== undefined && { eventId: record.eventId }), kinds: record.chaos };
      if (record.chaos.length > 0) injected.push({ ...base, ...details });
      if (recordAll) all.push({ ...base, contractValid: record.contractValid });
    },
    reject(record, reason) {
      rejected.push({ index: record.index, ...(record.eventId !== undefined && { eventId: record.eventId }), bytes: record.value.length, reason });
    },
    describeRun(more) {
      run = { ...run, ...more };
    },
    snapshot,
    write(file) {
      fs.writeFileSync(file, `${JSON.stringify(snapshot(), null, 1)}\n`);
    },
  };
}
