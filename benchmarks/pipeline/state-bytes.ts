/**
 * Bytes of processor state per in-horizon event, from heap deltas around filling the state
 * (run in its own process with --expose-gc so nothing else moves the heap):
 *   1. a DedupState with N UUID strings made by JSON.parse (as the decoder makes them; crypto's
 *      randomUUID strings weigh ~5× more on the heap and would mislead), in one-hour buckets;
 *   2. the PartitionStates processBatch leaves after the standard corpus (dedup ids + watermark),
 *      divided by the ids still in the horizon.
 *
 *   node --expose-gc --import tsx benchmarks/pipeline/state-bytes.ts --events 500000 --corpus <file>
 * Prints one JSON line.
 */
import { DedupState } from '../../processor/dedup/dedup-state.ts';
import { newPartitionState } from '../../processor/runner/partition-state.ts';
import { processBatch } from '../../processor/runner/process-batch.ts';
import { PROCESSOR_DEFAULTS } from '../../processor/runner/processor-options.ts';
import { createEnricher } from '../../taxonomy/enricher.ts';
import { PROCESS_OPTIONS, batches } from './cpu-path.ts';
import { corpusAsMessages } from './standard-corpus.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage().heapUsed;
}

const events = Number(argument('--events') ?? 500_000);
const corpus = argument('--corpus');

// 1. DedupState alone: ids spread over 4 one-hour buckets, as a 2 h lateness + 1 h grace horizon holds.
const hourMs = 3_600_000;
const base = Date.UTC(2025, 2, 3);
const before = heapUsed();
const dedup = new DedupState(PROCESSOR_DEFAULTS.dedupGraceMs);
for (let i = 0; i < events; i++) {
  const id = (JSON.parse(`{"id":"${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}-5c1e-4a57-9d0f-${i.toString(16).padStart(12, '0')}"}`) as { id: string }).id;
  dedup.remember(id, base + ((i * 4) / events) * hourMs, 1_000_000 + i);
}
const dedupBytes = heapUsed() - before;
const dedupIds = dedup.size();

// 2. Partition state after the real CPU path over the corpus.
let corpusResult: { events: number; inHorizonIds: number; bytes: number } | undefined;
if (corpus !== undefined) {
  const byPartition = await corpusAsMessages(corpus, 3);
  const enricher = createEnricher();
  const states = byPartition.map((_, partition) => newPartitionState(partition, PROCESSOR_DEFAULTS.dedupGraceMs));
  const work = [...batches(byPartition, PROCESSOR_DEFAULTS.maxBatchSize)];
  for (const [partition, messages] of work) processBatch(states[partition]!, messages, enricher, PROCESS_OPTIONS, Date.now());
  const inHorizonIds = states.reduce((sum, state) => sum + state.dedup.size(), 0);
  // The heap with the states, then without them: nothing else changes in between (the enricher's
  // caches move during a pass, so a before/after-the-pass delta would count them too).
  const withStates = heapUsed();
  states.length = 0;
  const bytes = withStates - heapUsed();
  corpusResult = { events: byPartition.reduce((sum, list) => sum + list.length, 0), inHorizonIds, bytes };
}

process.stdout.write(`${JSON.stringify({ dedup: { ids: dedupIds, bytes: dedupBytes, bytesPerId: dedupBytes / dedupIds }, corpus: corpusResult && { ...corpusResult, bytesPerInHorizonEvent: corpusResult.bytes / corpusResult.inHorizonIds } })}\n`);
// Keep the states alive until measured.
if (dedup.size() < 0) process.stdout.write('');
