/** The decoder under 100,000 seeded mutations: it never throws and always answers with a DLQ reason it documents. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import { decodeRecord } from '../../../processor/decode/decode-record.ts';
import { DLQ_REASONS } from '../../../processor/decode/dlq-reasons.ts';
import { validateEvent } from '../../../core/contract.ts';
import { mutateRecord } from '../../helpers/mutate-record.ts';
import { seededRandom } from '../../helpers/seeded-random.ts';

const ITERATIONS = Number(process.env.PULSE_FUZZ_ITERATIONS ?? 50_000);

test(`${ITERATIONS} mutated records: no throw, a known reason for every reject, a valid event for every accept`, () => {
  const originals = [...createEventGenerator({ seed: 'fuzz', count: 500, chaos: false })].map((record) => record.value);
  const random = seededRandom(7);
  const reasons = new Map<string, number>();
  let accepted = 0;
  let slowestMs = 0;
  for (let index = 0; index < ITERATIONS; index += 1) {
    const bytes = mutateRecord(random, originals[index % originals.length]!);
    const started = performance.now();
    const result = decodeRecord(bytes, Date.now() + 86_400_000);
    slowestMs = Math.max(slowestMs, performance.now() - started);
    if (result.ok) {
      accepted += 1;
      const checked = validateEvent(result.value.event);
      assert.ok(checked.ok, `accepted an event that breaks the contract: ${bytes.toString().slice(0, 200)}`);
    } else {
      assert.ok(result.reason in DLQ_REASONS, `undocumented reason ${result.reason}`);
      assert.ok(result.message.length > 0);
      reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
    }
  }
  assert.is(accepted + [...reasons.values()].reduce((sum, count) => sum + count, 0), ITERATIONS);
  // A figure for docs/reliability.md, not an assertion: timing belongs to no test.
  process.stdout.write(`accepted ${accepted}, rejected ${ITERATIONS - accepted}, slowest single decode ${slowestMs.toFixed(1)} ms\n`);
  for (const reason of ['NOT_JSON', 'NOT_UTF8', 'NOT_OBJECT', 'MISSING_FIELD', 'WRONG_TYPE']) {
    assert.ok((reasons.get(reason) ?? 0) > 0, `the mutations never produced ${reason}: ${JSON.stringify(Object.fromEntries(reasons))}`);
  }
});

test.run();
