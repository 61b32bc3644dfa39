import type { GeneratorManifest } from '../manifest.ts';

/** What a mode reports when it ends, normally or on Ctrl-C. */
export interface RunSummary {
  mode: 'live' | 'backfill' | 'record' | 'replay';
  /** Records handed to Kafka and acknowledged (record mode: written to the corpus). */
  sent: number;
  /** Bytes of keys and values sent or written (uncompressed). */
  bytes: number;
  /** Records the client or broker refused (e.g. oversized ones over the client's limit). */
  rejected: number;
  elapsedMs: number;
  /** True when stopped by a signal or a duration before the planned end. */
  aborted: boolean;
  /** Ground truth of the run, when the mode generated records (not replay). */
  manifest?: GeneratorManifest;
}
