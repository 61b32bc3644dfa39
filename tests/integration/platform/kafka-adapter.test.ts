import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KafkaClientName, OutgoingMessage } from '../../../core/kafka/types.ts';
import { consumeMessages, createTestTopic, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';

const KEYS = Array.from({ length: 40 }, (_, index) => `job-${index}`);

function keyedMessages(client: string): OutgoingMessage[] {
  // Three messages per key, so ordering within a key can be checked.
  return KEYS.flatMap((key) =>
    [0, 1, 2].map((sequence) => ({
      key,
      value: JSON.stringify({ key, sequence, client }),
      headers: { 'x-sequence': String(sequence), 'x-binary': Buffer.from([0, 255, sequence]) },
    })),
  );
}

for (const clientName of ['kafkajs', 'confluent'] as KafkaClientName[]) {
  const roundTrip = suite(`${clientName} adapter`);

  roundTrip(`${clientName}: keyed messages with headers round-trip through a 3-partition topic`, async () => {
    const topic = await createTestTopic(`adapter-${clientName}`);
    const client = testKafkaClient(clientName);
    try {
      const producer = client.producer({ idempotent: true });
      await producer.connect();
      await producer.send(topic, keyedMessages(clientName));
      await producer.disconnect();

      const { messages, groupId } = await consumeMessages(client, topic, KEYS.length * 3, { commit: true });
      assert.is(messages.length, 120);

      const partitionsByKey = new Map<string, Set<number>>();
      const sequencesByKey = new Map<string, number[]>();
      for (const message of messages) {
        const key = message.key?.toString() ?? '';
        const body = JSON.parse(message.value?.toString() ?? '{}') as { key: string; sequence: number; client: string };
        assert.is(body.key, key);
        assert.is(body.client, clientName);
        assert.is(message.headers['x-sequence']?.toString(), String(body.sequence));
        assert.equal([...(message.headers['x-binary'] ?? [])], [0, 255, body.sequence]);
        partitionsByKey.set(key, (partitionsByKey.get(key) ?? new Set()).add(message.partition));
        sequencesByKey.set(key, [...(sequencesByKey.get(key) ?? []), body.sequence]);
      }
      assert.is(partitionsByKey.size, 40);
      for (const [key, partitions] of partitionsByKey) assert.is(partitions.size, 1, `${key} spread over partitions`);
      for (const [key, sequences] of sequencesByKey) assert.equal(sequences, [0, 1, 2], `${key} out of order`);
      const usedPartitions = new Set([...partitionsByKey.values()].flatMap((set) => [...set]));
      assert.equal([...usedPartitions].sort(), [0, 1, 2]);

      // Manual commits land: the group's committed offsets equal the end of each partition.
      const admin = client.admin();
      await admin.connect();
      const ends = await admin.topicOffsets(topic);
      const committed = await admin.committedOffsets(groupId, topic);
      await admin.disconnect();
      assert.equal(committed.map((entry) => entry.offset), ends.map((entry) => entry.high));
      assert.is(ends.reduce((sum, entry) => sum + Number(entry.high), 0), 120);
    } finally {
      await deleteTestTopic(topic);
    }
  });

  roundTrip(`${clientName}: seek re-reads a partition from an offset`, async () => {
    const topic = await createTestTopic(`seek-${clientName}`, 1);
    const client = testKafkaClient(clientName);
    try {
      const producer = client.producer();
      await producer.connect();
      await producer.send(topic, Array.from({ length: 10 }, (_, index) => ({ key: 'k', value: String(index) })));
      await producer.disconnect();
      const consumer = client.consumer({ groupId: `${topic}-group`, fromBeginning: true });
      const seen: string[] = [];
      let sought = false;
      await consumer.connect();
      await consumer.subscribe([topic]);
      await consumer.run(async (batch) => {
        for (const message of batch.messages) {
          if (batch.isStale()) return;
          seen.push(message.value?.toString() ?? '');
          if (!sought && message.offset === '5') {
            sought = true;
            consumer.seek({ topic, partition: 0, offset: '2' });
            return;
          }
        }
      });
      const { waitUntil } = await import('../../../core/wait-until.ts');
      await waitUntil('re-read after seek', () => (seen.length >= 14 ? true : undefined), { timeoutMs: 30_000 });
      await consumer.disconnect();
      assert.equal(seen.slice(0, 6), ['0', '1', '2', '3', '4', '5']);
      assert.equal(seen.slice(6, 14), ['2', '3', '4', '5', '6', '7', '8', '9']);
    } finally {
      await deleteTestTopic(topic);
    }
  });

  roundTrip(`${clientName}: a failing handler loses nothing, and a partition's batches never overlap`, async () => {
    // ~12 MB in one partition: more than one fetch (kafkajs fetches up to 8 MiB per partition), so
    // a batch can be fetched while the one before it is still being handled.
    const topic = await createTestTopic(`fail-${clientName}`, 1);
    const client = testKafkaClient(clientName);
    const total = 1200;
    const filler = 'x'.repeat(10_000);
    try {
      const producer = client.producer();
      await producer.connect();
      for (let start = 0; start < total; start += 100) {
        await producer.send(topic, Array.from({ length: 100 }, (_, index) => ({ key: 'k', value: `${start + index} ${filler}` })));
      }
      await producer.disconnect();
      const consumer = client.consumer({ groupId: `${topic}-group`, fromBeginning: true, maxBatchSize: 100 });
      const handled: Array<[number, number]> = [];
      let active = 0;
      let overlapped = false;
      let failed = false;
      await consumer.connect();
      await consumer.subscribe([topic]);
      await consumer.run(async (batch) => {
        active += 1;
        overlapped ||= active > 1;
        try {
          await new Promise((resolve) => setTimeout(resolve, 20)); // the writes of a real batch
          const first = Number(batch.messages[0]!.offset);
          const last = Number(batch.messages.at(-1)!.offset);
          if (!failed && first <= 350 && 350 <= last) {
            failed = true;
            throw new Error('the sink failed');
          }
          handled.push([first, last]);
        } finally {
          active -= 1;
        }
      });
      const { waitUntil } = await import('../../../core/wait-until.ts');
      await waitUntil('every offset handled', () => (handled.some(([, last]) => last === total - 1) ? true : undefined), { timeoutMs: 60_000 });
      await consumer.disconnect();
      assert.ok(failed, 'the handler failed once');
      assert.not.ok(overlapped, "two batches of one partition were handled at once");
      // Every offset is handled, in order: each handled batch starts at or before the offset after
      // the highest one handled so far (a batch after the failure may repeat some).
      let next = 0;
      for (const [first, last] of handled) {
        assert.ok(first <= next, `offsets ${next}..${first - 1} were skipped`);
        next = Math.max(next, last + 1);
      }
      assert.is(next, total);
    } finally {
      await deleteTestTopic(topic);
    }
  });

  roundTrip.run();
}

const crossClient = suite('both clients');
crossClient('put the same key on the same partition (Java-compatible murmur2)', async () => {
  const topic = await createTestTopic('partitioner');
  try {
    for (const clientName of ['kafkajs', 'confluent'] as KafkaClientName[]) {
      const producer = testKafkaClient(clientName).producer();
      await producer.connect();
      await producer.send(topic, KEYS.map((key) => ({ key, value: clientName })));
      await producer.disconnect();
    }
    const { messages } = await consumeMessages(testKafkaClient(), topic, KEYS.length * 2);
    const partitionsByKey = new Map<string, Set<number>>();
    for (const message of messages) {
      const key = message.key?.toString() ?? '';
      partitionsByKey.set(key, (partitionsByKey.get(key) ?? new Set()).add(message.partition));
    }
    for (const [key, partitions] of partitionsByKey) assert.is(partitions.size, 1, `${key} on partitions ${[...partitions]}`);
  } finally {
    await deleteTestTopic(topic);
  }
});
crossClient.run();
