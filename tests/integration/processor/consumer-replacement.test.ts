/**
 * A Kafka consumer the client gives up on is replaced in-process. The group is first held by a
 * member speaking another assignment protocol, so the processor's kafkajs consumer is refused with
 * INCONSISTENT_GROUP_PROTOCOL: a non-retriable crash kafkajs does not restart from (as it gives up
 * on a group coordinator missing for longer than its retries). Once that member leaves, a
 * replacement consumer joins and every record is counted exactly once; the process never exits.
 */
import kafkajs from 'kafkajs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../../core/wait-until.ts';
import { createProcessor } from '../../../processor/runner/create-processor.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { consumeMessages, createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { mixedRecords } from '../../helpers/mixed-events.ts';
import { expectedHotCounts } from '../../helpers/oracle.ts';
import { testProcessorOptions } from '../../helpers/processor.ts';
import { diffCounts, freshRedisDb, readTrendCounts } from '../../helpers/redis.ts';
import { testBrokers } from '../../helpers/services.ts';

const { AssignerProtocol, Kafka, logLevel } = kafkajs;

/** An assigner under a name no processor uses: the group's protocol then excludes the processor. */
const foreignAssigner: kafkajs.PartitionAssigner = () => ({
  name: 'ForeignAssigner',
  version: 1,
  async assign({ members, topics }) {
    return members.map(({ memberId }) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: Object.fromEntries(topics.map((topic) => [topic, []])), userData: Buffer.alloc(0) }),
    }));
  },
  protocol({ topics }) {
    return { name: 'ForeignAssigner', metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }) };
  },
});

test('a consumer refused by the group is replaced in-process; every record counted once', async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('replace', 3);
  const { url, redis } = await freshRedisDb(9);
  const options = testProcessorOptions(topic, url, { dlqTopic });
  const foreign = new Kafka({ clientId: 'foreign-member', brokers: testBrokers(), logLevel: logLevel.NOTHING }).consumer({
    groupId: options.groupId,
    partitionAssigners: [foreignAssigner],
    sessionTimeout: 6000,
  });
  await foreign.connect();
  await foreign.subscribe({ topic });
  await foreign.run({ eachMessage: async () => undefined });
  const processor = createProcessor(options, createEnricher());
  try {
    const producer = testKafkaClient().producer();
    await producer.connect();
    const records = mixedRecords(41, 600, '2024-03-18T09:00:00Z', 3);
    await producer.send(topic, records);
    await processor.start();
    const replacements = () => processor.metrics.consumerRestarts.get().then((metric) => metric.values[0]?.value ?? 0);
    await waitUntil('the refused consumer to be replaced', async () => ((await replacements()) >= 1 ? true : undefined), { timeoutMs: 30_000 });
    assert.is(processor.status().totals.eventsIn, 0, 'nothing is consumed while the group refuses the processor');

    await foreign.disconnect();
    await waitUntil('every record processed', () => (processor.status().totals.eventsIn === records.length ? true : undefined), { timeoutMs: 90_000 });
    await producer.send(topic, mixedRecords(42, 300, '2024-03-18T10:00:00Z', 3));
    await producer.disconnect();
    await waitUntil('the later records processed', () => (processor.status().totals.eventsIn === records.length + 300 ? true : undefined), { timeoutMs: 60_000 });

    const { messages } = await consumeMessages(testKafkaClient(), topic, records.length + 300);
    const oracle = expectedHotCounts(messages, createEnricher(), options.allowedLatenessMs);
    assert.equal(diffCounts(await readTrendCounts(redis), oracle.counts), []);
    assert.is(processor.status().totals.enriched, oracle.valid);
  } finally {
    await foreign.disconnect().catch(() => undefined);
    await processor.stop();
    redis.disconnect();
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
