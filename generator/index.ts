/**
 * The generator's public API, for the CLI, tests and benchmarks. See generator/README.md.
 */
export { createEventGenerator, type EventGenerator } from './create-event-generator.ts';
export type { GeneratedRecord } from './generated-record.ts';
export { type EventGeneratorOptions, resolveGeneratorOptions, DEFAULT_SEED } from './options.ts';
export { CHAOS_KINDS, CHAOS_KIND_INFO, DEFAULT_CHAOS_RATES, type ChaosKind, type ChaosRates } from './chaos/chaos-kinds.ts';
export type { GeneratorManifest, InjectedEntry } from './manifest.ts';
export type { PostingTruth } from './model/create-posting-model.ts';
export { readCorpus, type CorpusReader } from './corpus/read-corpus.ts';
export { writeCorpus, type WriteCorpusResult } from './corpus/write-corpus.ts';
export { publishRecords, type PublishOptions, type PublishResult } from './publish/publish-records.ts';
export { createPacer, type Pacer } from './publish/create-pacer.ts';
export { runLive, type LiveOptions } from './modes/run-live.ts';
export { runBackfill, type BackfillOptions } from './modes/run-backfill.ts';
export { runRecord, type RecordOptions } from './modes/run-record.ts';
export { runReplay, type ReplayOptions } from './modes/run-replay.ts';
export type { RunSummary } from './modes/run-summary.ts';
