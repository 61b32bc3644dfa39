/**
 * The corpus as a stream of replay passes, re-stamped like `pulse generate replay --restamp`
 * (generator/modes/restamp-record.ts), with the end of each pass's event time chosen by the caller.
 * Unlike runReplay it survives the bad_timestamp chaos records that look like ISO but are not real
 * dates (`2024-13-45T25:61:00Z`): restampRecord throws on them, so they are replayed unchanged.
 */
import type { GeneratedRecord } from '../../generator/index.ts';
import { readCorpus } from '../../generator/index.ts';
import { restampRecord } from '../../generator/modes/restamp-record.ts';

export async function* restampedPasses(
  file: string,
  options: { loops: number; passEndMs: (pass: number) => number; signal?: AbortSignal },
): AsyncGenerator<GeneratedRecord> {
  const header = await readCorpus(file).header();
  const endMs = header.endMs as number;
  let index = 0;
  for (let pass = 0; options.loops === 0 || pass < options.loops; pass++) {
    const shiftMs = options.passEndMs(pass) - endMs;
    for await (const record of readCorpus(file)) {
      if (options.signal?.aborted === true) return;
      let out: GeneratedRecord;
      try {
        out = restampRecord(record, shiftMs, pass);
      } catch {
        out = record;
      }
      yield { ...out, index: index++ };
    }
  }
}
