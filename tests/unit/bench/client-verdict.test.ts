/**
 * The benchmark report's verdict on the faster Kafka client: decisive only when one client wins at
 * every process count, each time by more than 10% or with every one of its runs faster; otherwise
 * it says which process count left the question open and why.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { summarize } from '../../../benchmarks/lib/stats.ts';
import { type E2eRow, clientVerdict } from '../../../benchmarks/pipeline/report.ts';

const row = (client: string, processes: number, runs: number[]): E2eRow => ({ client, processes, rate: summarize(runs) });

test('runs apart decide even under a 10% margin', () => {
  const verdict = clientVerdict([
    row('kafkajs', 1, [20_295, 21_713, 21_867]), row('confluent', 1, [18_163, 18_562, 18_954]),
    row('kafkajs', 2, [26_598, 27_079, 27_482]), row('confluent', 2, [24_215, 25_080, 26_141]),
  ]);
  assert.ok(verdict?.startsWith('**Faster end to end: kafkajs**, the default'), verdict);
  assert.ok(verdict?.includes('2 processes: kafkajs ahead, kafkajs 27,079 vs confluent 25,080 events/s (+8%, every run of it faster)'), verdict);
});

test('overlapping runs under a 10% margin leave it open, naming the process count', () => {
  const verdict = clientVerdict([
    row('kafkajs', 1, [20_000, 21_000, 22_000]), row('confluent', 1, [17_000, 17_500, 18_000]),
    row('kafkajs', 2, [25_000, 26_000, 27_000]), row('confluent', 2, [24_000, 25_000, 26_500]),
  ]);
  assert.ok(verdict?.startsWith('**Faster client end to end: no clear winner in this run**'), verdict);
  assert.ok(verdict?.includes("At 2 processes the margin is under 10% and the runs' min – max ranges overlap"), verdict);
});

test('a winner that changes with the process count leaves it open', () => {
  const verdict = clientVerdict([
    row('kafkajs', 1, [22_000, 23_000, 24_000]), row('confluent', 1, [15_000, 16_000, 17_000]),
    row('kafkajs', 2, [20_000, 21_000, 22_000]), row('confluent', 2, [25_000, 26_000, 27_000]),
  ]);
  assert.ok(verdict?.includes('The faster client changes with the number of processes'), verdict);
});

test('a clear Confluent win says the default should change; no pairs, no verdict', () => {
  const verdict = clientVerdict([row('kafkajs', 1, [10_000, 10_500, 11_000]), row('confluent', 1, [13_000, 13_500, 14_000])]);
  assert.ok(verdict?.includes('this run says the default should be the Confluent client'), verdict);
  assert.is(clientVerdict([row('kafkajs', 1, [10_000])]), undefined);
});

test.run();
