/**
 * Maximum publish rate of the generator's publisher, per Kafka client, on this machine.
 *
 *   node --import tsx benchmarks/publish-rate.ts            (starts its own Kafka on free ports)
 *   KAFKA_BROKERS=host:port node --import tsx benchmarks/publish-rate.ts
 *
 * Records are generated once, up front (seeded, no chaos, about 1.9 kB each), so the timed part
 * is publishing only: batches of 500 through the project's adapter, idempotent producer, acks=all,
 * into a fresh 3-partition topic per run. Each client runs RUNS times, interleaved, with one and
 * with four sends in flight; medians are reported. The generator's own rate is measured apart.
 * Results go to benchmarks/results/publish-rate.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, loadStackConfig } from '../core/config.ts';
import { createKafkaClient } from '../core/kafka/create-kafka-client.ts';
import type { KafkaClientName } from '../core/kafka/types.ts';
import { createEventGenerator } from '../generator/create-event-generator.ts';
import type { GeneratedRecord } from '../generator/generated-record.ts';
import { publishRecords } from '../generator/publish/publish-records.ts';
import { stackDown, stackUp } from '../infra/stack.ts';
import { findFreePort } from '../infra/tcp-probe.ts';
import { median } from './lib/stats.ts';
import { helpIfAsked } from './lib/argument.ts';

helpIfAsked(`Usage: node --import tsx benchmarks/publish-rate.ts   (starts its own Kafka on free ports)\n       KAFKA_BROKERS=host:port node --import tsx benchmarks/publish-rate.ts\n\nMaximum publish rate of the generator's publisher per Kafka client; writes benchmarks/results/publish-rate.md.`);

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CLIENTS: KafkaClientName[] = ['kafkajs', 'confluent'];
const IN_FLIGHT = [1, 4];
const RESULTS_FILE = path.join(REPO_ROOT, 'benchmarks', 'results', 'publish-rate.md');

interface Measurement {
  eventsPerSec: number;
  mbPerSec: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function startKafka(): Promise<{ brokers: string[]; stop: () => Promise<void> }> {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS.split(','), stop: async () => undefined };
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-'));
  const config = loadStackConfig({
    ...process.env,
    KAFKA_BROKERS: undefined,
    REDIS_URL: undefined,
    PULSE_HOME: home,
    PULSE_KAFKA_PORT: String(await findFreePort()),
    PULSE_KAFKA_CONTROLLER_PORT: String(await findFreePort()),
    PULSE_REDIS_PORT: String(await findFreePort()),
  });
  const up = await stackUp(config, (line) => log(`stack: ${line}`));
  return {
    brokers: up.brokers,
    stop: async () => {
      await stackDown(config);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

async function publishOnce(clientName: KafkaClientName, brokers: string[], records: GeneratedRecord[], maxInFlight: number): Promise<Measurement> {
  const client = createKafkaClient(clientName, { brokers, clientId: 'bench-publish' });
  const admin = client.admin();
  await admin.connect();
  const topic = `bench-publish-${Date.now().toString(36)}`;
  await admin.createTopics([{ topic, numPartitions: 3 }]);
  const producer = client.producer({ idempotent: true });
  await producer.connect();
  try {
    // Warm-up: connections, metadata and producer id, outside the timed part.
    await publishRecords(producer, topic, records.slice(0, 1_000));
    const result = await publishRecords(producer, topic, records, { batchSize: 500, maxInFlight });
    const seconds = result.elapsedMs / 1000;
    return { eventsPerSec: result.sent / seconds, mbPerSec: result.bytes / 1e6 / seconds };
  } finally {
    await producer.disconnect();
    await admin.deleteTopics([topic]);
    await admin.disconnect();
  }
}

function packageVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function kafkaVersion(): string {
  const cache = path.join(REPO_ROOT, '.cache', 'kafka');
  return fs.existsSync(cache) ? fs.readdirSync(cache).filter((entry) => /^\d/.test(entry)).join(', ') : 'unknown (external broker)';
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0] as number;
  log(`generating ${RECORDS.toLocaleString('en-US')} records…`);
  const generatedAt = performance.now();
  const records = [...createEventGenerator({ seed: 'bench', count: RECORDS, startTime: '2025-03-03T00:00:00Z', spanMs: 86_400_000, chaos: false })];
  const generateSeconds = (performance.now() - generatedAt) / 1000;
  const totalBytes = records.reduce((sum, record) => sum + record.value.length + (record.key?.length ?? 0), 0);
  const generator: Measurement = { eventsPerSec: RECORDS / generateSeconds, mbPerSec: totalBytes / 1e6 / generateSeconds };
  log(`generator: ${Math.round(generator.eventsPerSec)} ev/s, ${generator.mbPerSec.toFixed(1)} MB/s`);

  const kafka = await startKafka();
  const results = new Map<string, Measurement[]>();
  try {
    for (let run = 1; run <= RUNS; run++) {
      for (const maxInFlight of IN_FLIGHT) {
        for (const clientName of CLIENTS) {
          const label = `${clientName}|${maxInFlight}`;
          try {
            const measurement = await publishOnce(clientName, kafka.brokers, records, maxInFlight);
            results.set(label, [...(results.get(label) ?? []), measurement]);
            log(`run ${run} ${clientName} in-flight ${maxInFlight}: ${Math.round(measurement.eventsPerSec)} ev/s, ${measurement.mbPerSec.toFixed(1)} MB/s`);
          } catch (error) {
            log(`run ${run} ${clientName} in-flight ${maxInFlight}: FAILED ${(error as Error).message}`);
            results.set(`${label}|failed`, [...(results.get(`${label}|failed`) ?? []), { eventsPerSec: Number.NaN, mbPerSec: Number.NaN }]);
          }
        }
      }
    }
  } finally {
    await kafka.stop();
  }

  const cpus = os.cpus();
  const rows = IN_FLIGHT.flatMap((maxInFlight) =>
    CLIENTS.map((clientName) => {
      const runs = results.get(`${clientName}|${maxInFlight}`) ?? [];
      const failed = results.get(`${clientName}|${maxInFlight}|failed`)?.length ?? 0;
      const events = runs.map((run) => Math.round(run.eventsPerSec).toLocaleString('en-US')).join(' / ');
      return `| ${clientName} | ${maxInFlight} | ${runs.length > 0 ? Math.round(median(runs.map((run) => run.eventsPerSec))).toLocaleString('en-US') : '-'} | ${runs.length > 0 ? median(runs.map((run) => run.mbPerSec)).toFixed(1) : '-'} | ${events}${failed > 0 ? ` (${failed} failed)` : ''} |`;
    }),
  );
  const report = `# Publish rate: generator → Kafka, per client

Command: \`node --import tsx benchmarks/publish-rate.ts\` (starts its own single-node Kafka on free ports;
set \`KAFKA_BROKERS\` to use another). ${RECORDS.toLocaleString('en-US')} records per run, generated up front (seed \`bench\`, no chaos,
${(totalBytes / RECORDS).toFixed(0)} bytes per record on average); published in batches of 500 through \`core/kafka\` with an idempotent
producer (acks=all) into a fresh 3-partition topic; ${RUNS} runs per row, interleaved; medians.

| client | sends in flight | events/s (median) | MB/s (median) | events/s per run |
|---|---|---|---|---|
${rows.join('\n')}

Generator alone (building the records, one core): ${Math.round(generator.eventsPerSec).toLocaleString('en-US')} events/s, ${generator.mbPerSec.toFixed(1)} MB/s.
Live and backfill publish as they generate, so they run at about the lower of the two figures; \`replay\` of a recorded
corpus is the way to drive the pipeline at the publisher's full rate.

Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}; the broker
runs on the same machine (JVM heap 1 GiB), competing for the same cores. Load average (1 min) ${loadBefore.toFixed(1)} at the
start and ${(os.loadavg()[0] as number).toFixed(1)} at the end: other work on the machine makes single runs vary, hence the medians.
Versions: Node.js ${process.version}, kafkajs ${packageVersion('kafkajs')}, @confluentinc/kafka-javascript ${packageVersion('@confluentinc/kafka-javascript')}, Kafka ${kafkaVersion()}.
Measured ${new Date().toISOString().slice(0, 10)}.
`;
  fs.writeFileSync(RESULTS_FILE, report);
  process.stdout.write(report);
}

await main();
