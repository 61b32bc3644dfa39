/** Everything one `pulse bench` run measured: the JSON twin of the results file. */
import type { MachineInfo } from '../lib/machine-info.ts';
import type { ConsumeRun } from './client-consume.ts';
import type { CpuPathRun, StageTimes } from './cpu-path.ts';
import type { EndToEndRun } from './end-to-end.ts';
import type { PerfToolResult } from './kafka-perf-tools.ts';
import type { LatencyRun } from './latency.ts';
import type { MemoryRun } from './memory.ts';
import type { SinkTimes } from './sink-profile.ts';
import type { CorpusStats } from './standard-corpus.ts';
import type { SuiteOptions } from './suite-options.ts';

export interface StateBytes {
  dedup: { ids: number; bytes: number; bytesPerId: number };
  corpus?: { events: number; inHorizonIds: number; bytes: number; bytesPerInHorizonEvent: number };
}

export interface SuiteResults {
  command: string;
  startedAt: string;
  options: Omit<SuiteOptions, 'sections'> & { sections: string[] };
  machine: { before: MachineInfo; after: MachineInfo | undefined };
  versions: Record<string, string>;
  corpus: CorpusStats | undefined;
  cpuPath: CpuPathRun[];
  stages: StageTimes | undefined;
  sinks: SinkTimes | undefined;
  /** Records the profile passes ran over (a prefix of the corpus). */
  profileEvents?: number;
  state: StateBytes | undefined;
  ceilings: {
    /** The generator's replay (Confluent client, 4 in flight) into the topic the consumers read. */
    replay: Array<{ eventsPerSec: number; mbPerSec: number }>;
    producerPerformance: PerfToolResult[];
    consumerPerformance: PerfToolResult[];
  };
  clients: ConsumeRun[];
  endToEnd: EndToEndRun[];
  latency: LatencyRun[];
  memory: MemoryRun | undefined;
  failures: string[];
  durationSeconds: number;
}
