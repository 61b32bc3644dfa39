/**
 * Re-sent events: 20% of 3,000 events are sent again soon after (inside the dedup horizon) and 1%
 * again at the end of the stream, when their hour is far beyond the horizon. Inside the horizon a
 * repeat is dropped exactly; beyond it the documented rule holds: the repeat is late (never
 * counted hot), stored cold flagged late, and compaction removes it, keeping the earliest offset.
 */
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { OutgoingMessage } from '../../../core/kafka/types.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { createProcessor } from '../../../processor/runner/create-processor.ts';
import { createColdSink } from '../../../sinks/parquet/cold-sink.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { postingEvent } from '../../helpers/events.ts';
import { createFaultFixture } from '../../helpers/fault-fixture.ts';
import { consumeMessages, testKafkaClient } from '../../helpers/kafka.ts';
import { expectedHotCounts } from '../../helpers/oracle.ts';
import { testProcessorOptions } from '../../helpers/processor.ts';
import { diffCounts, readTrendCounts } from '../../helpers/redis.ts';

const EVENTS = 3000;
const SPAN_MS = 12 * 3_600_000;
const START = Date.parse('2024-03-20T00:00:00Z');

test('20% re-sent inside the dedup horizon are dropped; 1% beyond it are late rows that compaction removes', async () => {
  const fixture = await createFaultFixture('resend', 3);
  const { topic, dlqTopic, server, redis, lakeDir } = fixture;
  try {
    const originals: OutgoingMessage[] = Array.from({ length: EVENTS }, (_, index) => {
      const event = postingEvent(`resend-${index}`, new Date(START + (index / EVENTS) * SPAN_MS).toISOString());
      return { key: event.payload.job_id, value: JSON.stringify(event) };
    });
    const stream: OutgoingMessage[] = [];
    let soon = 0;
    originals.forEach((message, index) => {
      stream.push(message);
      // Every fifth event again within the next few records: same bytes, same key, same partition.
      if (index % 5 === 0) {
        stream.splice(Math.max(stream.length - 1 - (index % 7), 0), 0, message);
        soon += 1;
      }
    });
    // 1% of the first hour's events again at the end: their hour is 11 h behind the max by then.
    const late = originals.slice(0, EVENTS / 100).map((message) => ({ ...message }));
    stream.push(...late);
    const producer = testKafkaClient().producer();
    await producer.connect();
    await producer.send(topic, stream);
    await producer.disconnect();

    const options = testProcessorOptions(topic, server.url, { dlqTopic, lakeDir });
    const processor = createProcessor(options, createEnricher(), createColdSink({ lakeDir }));
    await processor.start();
    await waitUntil('every record processed', () => (processor.status().totals.eventsIn === stream.length ? true : undefined), { timeoutMs: 60_000 });
    const totals = processor.status().totals;
    await processor.stop();
    assert.equal(
      { enriched: totals.enriched, duplicates: totals.duplicates, late: totals.late, dlq: totals.dlq },
      { enriched: EVENTS + late.length, duplicates: soon, late: late.length, dlq: 0 },
    );
    const { messages } = await consumeMessages(testKafkaClient(), topic, stream.length);
    const oracle = expectedHotCounts(messages, createEnricher(), options.allowedLatenessMs);
    assert.equal(diffCounts(await readTrendCounts(redis), oracle.counts), []);

    const sql = (query: string) => {
      const result = spawnSync(process.execPath, ['bin/pulse.js', 'sql', '--lake', lakeDir, '--format', 'json', query], { encoding: 'utf8' });
      assert.is(result.status, 0, result.stderr);
      return JSON.parse(result.stdout) as Array<Record<string, number>>;
    };
    const summary = 'SELECT count(*) AS n, count(DISTINCT event_id) AS ids, count(*) FILTER (WHERE late) AS late FROM silver_job_postings';
    assert.equal(sql(summary), [{ n: EVENTS + late.length, ids: EVENTS, late: late.length }]);
    const compact = spawnSync(process.execPath, ['bin/pulse.js', 'compact', '--lake', lakeDir], { encoding: 'utf8' });
    assert.is(compact.status, 0, compact.stderr);
    assert.equal(sql(summary), [{ n: EVENTS, ids: EVENTS, late: 0 }]);
    // The row kept for each repeated id is the first one (the earliest offset, not late).
    assert.equal(sql(`SELECT count(*) AS n FROM silver_job_postings WHERE event_id IN (SELECT event_id FROM silver_job_postings WHERE posted_at < TIMESTAMP '2024-03-20 00:15:00') AND late`), [{ n: 0 }]);
  } finally {
    await fixture.cleanUp();
  }
});

test.run();
