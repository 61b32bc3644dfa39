import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT } from '../../../core/config.ts';
import { createKafkaClient } from '../../../core/kafka/create-kafka-client.ts';
import type { KafkaClientName, PulseKafkaClient } from '../../../core/kafka/types.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import type { GeneratorManifest } from '../../../generator/manifest.ts';
import { runRecord } from '../../../generator/modes/run-record.ts';
import { runReplay } from '../../../generator/modes/run-replay.ts';
import { publishRecords } from '../../../generator/publish/publish-records.ts';
import { testBrokers, uniqueName } from '../../helpers/services.ts';

const CLIENTS: KafkaClientName[] = ['kafkajs', 'confluent'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-it-'));

interface Consumed {
  partition: number;
  key: string;
  value: Buffer;
}

async function withTopic<T>(client: PulseKafkaClient, use: (topic: string) => Promise<T>): Promise<T> {
  const topic = uniqueName('generator-it');
  const admin = client.admin();
  await admin.connect();
  await admin.createTopics([{ topic, numPartitions: 3 }]);
  try {
    return await use(topic);
  } finally {
    await admin.deleteTopics([topic]);
    await admin.disconnect();
  }
}

async function messageCount(client: PulseKafkaClient, topic: string): Promise<number> {
  const admin = client.admin();
  await admin.connect();
  try {
    const offsets = await admin.topicOffsets(topic);
    return offsets.reduce((sum, entry) => sum + Number(entry.high) - Number(entry.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function consumeAll(client: PulseKafkaClient, topic: string, expected: number): Promise<Consumed[]> {
  const consumer = client.consumer({ groupId: uniqueName('generator-it-group') });
  const consumed: Consumed[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe([topic]);
    await consumer.run(async (batch) => {
      for (const message of batch.messages) {
        consumed.push({ partition: batch.partition, key: message.key?.toString() ?? '', value: message.value ?? Buffer.alloc(0) });
      }
    });
    await waitUntil(`${expected} messages from ${topic}`, () => (consumed.length >= expected ? true : undefined), { timeoutMs: 60_000 });
  } finally {
    await consumer.disconnect();
  }
  return consumed;
}

function runPulse(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/pulse.js', ...args], { cwd: REPO_ROOT, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const COUNT = 2_000;
const GENERATOR = { seed: 'integration', count: COUNT, startTime: '2025-03-03T00:00:00Z', spanMs: 6 * 3_600_000, chaosRates: { oversized: 0 } };

for (const clientName of CLIENTS) {
  test(`pulse generate backfill (${clientName}) publishes exactly N records, keyed by job_id, byte-identical to the seed's records`, async () => {
    const client = createKafkaClient(clientName, { brokers: testBrokers(), clientId: 'generator-it' });
    await withTopic(client, async (topic) => {
      const manifestFile = path.join(dir, `${clientName}-manifest.json`);
      const result = await runPulse([
        'generate', 'backfill', '--topic', topic, '--client', clientName, '--seed', GENERATOR.seed, '--count', String(COUNT),
        '--start', GENERATOR.startTime, '--hours', '6', '--chaos-oversized', '0', '--no-progress', '--manifest', manifestFile,
      ]);
      assert.is(result.code, 0, result.stderr);
      assert.match(result.stdout, /^backfill: sent 2,000 records/);
      assert.is(await messageCount(client, topic), COUNT);

      const consumed = await consumeAll(client, topic, COUNT);
      assert.is(consumed.length, COUNT);
      const expected = [...createEventGenerator(GENERATOR)];
      const asText = (key: string, value: Buffer) => `${key}\u0000${value.toString('base64')}`;
      assert.equal(consumed.map((message) => asText(message.key, message.value)).sort(), expected.map((record) => asText(record.key?.toString() ?? '', record.value)).sort());

      // Keyed by job_id: a key always lands in one partition, and valid events carry it as payload.job_id.
      const partitionOfKey = new Map<string, number>();
      for (const message of consumed) {
        assert.is(partitionOfKey.get(message.key) ?? message.partition, message.partition, `key ${message.key} in two partitions`);
        partitionOfKey.set(message.key, message.partition);
      }
      for (const record of expected.filter((candidate) => candidate.contractValid)) {
        assert.is(record.key?.toString(), (JSON.parse(record.value.toString()) as { payload: { job_id: string } }).payload.job_id);
      }
      assert.equal(new Set(consumed.map((message) => message.partition)).size, 3);

      const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as GeneratorManifest;
      assert.is(manifest.records, COUNT);
      assert.equal(manifest.rejected, []);
    });
  });

  test(`oversized records (${clientName}): sent alone; delivered if the client allows, otherwise reported, never lost silently`, async () => {
    const client = createKafkaClient(clientName, { brokers: testBrokers(), clientId: 'generator-it' });
    await withTopic(client, async (topic) => {
      const generator = createEventGenerator({ seed: 'oversized', count: 300, chaos: false, chaosRates: {} });
      const records = [...generator];
      const big = [...createEventGenerator({ seed: 'oversized', count: 3_000, chaosRates: { oversized: 0.5, duplicate: 0, non_json: 0 } })]
        .filter((record) => record.chaos.includes('oversized'))
        .slice(0, 2)
        .map((record, offset) => ({ ...record, index: 300 + offset }));
      const producer = client.producer({ idempotent: true });
      await producer.connect();
      const refused: number[] = [];
      try {
        const result = await publishRecords(producer, topic, [...records.slice(0, 150), ...big, ...records.slice(150)], { onRejected: (record) => refused.push(record.index) });
        // Both clients let the broker decide (its default limit is 1,048,588 bytes), which takes
        // them: the Confluent adapter raises librdkafka's own 1,000,000-byte cap (core/kafka).
        const expectedRefused: number[] = [];
        assert.equal(refused, expectedRefused);
        assert.is(result.sent, 302 - expectedRefused.length);
        assert.is(await messageCount(client, topic), 302 - expectedRefused.length);
      } finally {
        await producer.disconnect();
      }
    });
  });
}

test('record then replay twice with re-stamping: 2N records, second pass with new event ids, ending near now', async () => {
  const client = createKafkaClient('kafkajs', { brokers: testBrokers(), clientId: 'generator-it' });
  const file = path.join(dir, 'replay.tpc.gz');
  const recorded = await runRecord({ file, generator: { seed: 'replay', count: 500, startTime: '2025-03-03T00:00:00Z', spanMs: 3_600_000, chaos: false } });
  assert.is(recorded.sent, 500);
  await withTopic(client, async (topic) => {
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    const now = Date.parse('2026-01-01T12:00:00Z');
    try {
      const summary = await runReplay({ producer, topic, file, loops: 2, restamp: true, now: () => now, publish: { ratePerSec: 2_000 } });
      assert.is(summary.sent, 1_000);
    } finally {
      await producer.disconnect();
    }
    const consumed = await consumeAll(client, topic, 1_000);
    const events = consumed.map((message) => JSON.parse(message.value.toString()) as { event_id: string; timestamp: string });
    assert.is(new Set(events.map((event) => event.event_id)).size, 1_000);
    const latest = Math.max(...events.map((event) => Date.parse(event.timestamp)));
    assert.ok(latest <= now && latest > now - 3_600_000, new Date(latest).toISOString());
  });
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test.run();
