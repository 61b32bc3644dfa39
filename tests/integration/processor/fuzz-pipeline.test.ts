/**
 * 10,000 random and mutated records through the real broker and processor: the processor stays up
 * and every record ends up counted (a row), dropped as a duplicate, or in the DLQ — none lost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../../core/wait-until.ts';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import { DEFAULT_DECODE_OPTIONS, decodeRecord } from '../../../processor/decode/decode-record.ts';
import { createProcessor } from '../../../processor/runner/create-processor.ts';
import { createColdSink } from '../../../sinks/parquet/cold-sink.ts';
import { runSql } from '../../../sinks/query/run-sql.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { consumeMessages, createTestTopicWithDlq, deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { mutateRecord } from '../../helpers/mutate-record.ts';
import { seededRandom } from '../../helpers/seeded-random.ts';
import { testProcessorOptions } from '../../helpers/processor.ts';
import { freshRedisDb } from '../../helpers/redis.ts';

const RECORDS = 10_000;

test(`${RECORDS} fuzzed records: each one a row, a duplicate or a DLQ record`, async () => {
  const { topic, dlqTopic } = await createTestTopicWithDlq('fuzz', 3);
  const { url, redis } = await freshRedisDb(6);
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-fuzz-lake-'));
  const originals = [...createEventGenerator({ seed: 'fuzz-pipeline', count: RECORDS, startTime: Date.now() - 3_600_000, spanMs: 3_600_000, chaos: false })];
  const random = seededRandom(99);
  // Half the records stay valid, half are mutated: a mix the decoder must sort record by record.
  const values = originals.map((record) => (random() < 0.5 ? record.value : mutateRecord(random, record.value)));
  const cold = createColdSink({ lakeDir });
  const processor = createProcessor(testProcessorOptions(topic, url, { dlqTopic, lakeDir }), createEnricher(), cold);
  try {
    const producer = testKafkaClient().producer();
    await producer.connect();
    for (let start = 0; start < values.length; start += 500) {
      await producer.send(topic, values.slice(start, start + 500).map((value, index) => ({ key: originals[start + index]!.key, value })));
    }
    await producer.disconnect();
    await processor.start();
    await waitUntil('every record processed', () => (processor.status().totals.eventsIn === RECORDS ? true : undefined), { timeoutMs: 90_000 });
    const totals = processor.status().totals;
    assert.is(totals.enriched + totals.duplicates + totals.dlq, RECORDS);
    assert.ok(totals.dlq > 1000 && totals.enriched > 5000, JSON.stringify(totals));
    const admin = testKafkaClient().admin();
    await admin.connect();
    const dlqEnd = (await admin.topicOffsets(dlqTopic)).reduce((sum, entry) => sum + Number(entry.high), 0);
    await admin.disconnect();
    assert.is(dlqEnd, totals.dlq);
    await processor.stop();
    const result = await runSql(lakeDir, 'SELECT count(*) FROM silver_job_postings');
    assert.equal(result.rows, [[totals.enriched]]);
    // Staging may copy a description's raw JSON bytes from the record: every stored text must still
    // be the decoded one, whatever the mutations did to escapes, quotes and keys.
    const { messages } = await consumeMessages(testKafkaClient(), topic, RECORDS);
    const decodedText = new Map<string, string>();
    for (const message of messages) {
      const decoded = decodeRecord(message.value, Number(message.timestamp), { ...DEFAULT_DECODE_OPTIONS, maxFutureSkewMs: Number.MAX_SAFE_INTEGER });
      if (decoded.ok) decodedText.set(`${message.partition}:${message.offset}`, `${decoded.value.event.payload.title}\u0001${decoded.value.event.payload.description}`);
    }
    const stored = await runSql(lakeDir, "SELECT kafka_partition || ':' || kafka_offset, title || chr(1) || description FROM silver_job_postings");
    const wrong = stored.rows.filter(([key, text]) => decodedText.get(String(key)) !== text);
    assert.is(wrong.length, 0, `${wrong.length} stored rows differ from their decoded record, e.g. ${String(wrong[0]?.[0])}`);
  } finally {
    await processor.stop().catch(() => undefined);
    redis.disconnect();
    fs.rmSync(lakeDir, { recursive: true, force: true });
    await deleteTestTopic(topic);
    await deleteTestTopic(dlqTopic);
  }
});

test.run();
