/** Options of the pipeline benchmark suite (`pulse bench`), with the defaults of a full and a quick run. */
import type { KafkaClientName } from '../../core/kafka/types.ts';

export const SECTIONS = ['cpu', 'profile', 'state', 'ceilings', 'clients', 'e2e', 'latency', 'memory'] as const;
export type Section = (typeof SECTIONS)[number];

export interface SuiteOptions {
  /** Runs of every throughput figure (medians reported); default 3 (quick: 2). */
  runs: number;
  /** Records in the standard corpus; default 600,000, a minute or more of flat-out end-to-end processing here (quick: 60,000). */
  corpusEvents: number;
  seed: string;
  sections: Set<Section>;
  /** Clients raced end to end and for latency. */
  clients: KafkaClientName[];
  /** `pulse process` counts end to end. */
  processes: number[];
  /** Partitions of the end-to-end topic; default 6, so 1, 2 or 3 processes each get an equal share. */
  e2ePartitions: number;
  /** Replay rates of the latency section, events/s. */
  latencyRates: number[];
  /** Seconds per latency rate; default 25 (quick: 12). */
  latencySeconds: number;
  /** Records replayed in the memory section; default 3 × corpus (quick: 2 ×). */
  memoryEvents: number;
  /** Records per processBatch call in the CPU path; the processor's default max batch. */
  batchSize: number;
  /** Markdown results file; a JSON twin is written next to it. */
  out: string;
  /** The command line, written into the results. */
  command: string;
  quick: boolean;
}

export const FULL_DEFAULTS = { runs: 3, corpusEvents: 600_000, latencySeconds: 25, memoryFactor: 3 } as const;
export const QUICK_DEFAULTS = { runs: 2, corpusEvents: 60_000, latencySeconds: 12, memoryFactor: 2 } as const;
