/**
 * Kafka's own performance tools (org.apache.kafka.tools, from the broker's kafka-tools jar): the
 * broker's ceilings on this machine, measured with the JVM client so no Node client is involved.
 */
import { spawn } from 'node:child_process';
import { kafkaClasspath } from '../../infra/kafka-runtime.ts';

export interface PerfToolResult {
  eventsPerSec: number;
  mbPerSec: number;
  /** The tool's summary line, as printed. */
  line: string;
}

function runJava(kafkaCacheDir: string, mainClass: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-Xmx512m', '-cp', kafkaClasspath(kafkaCacheDir), mainClass, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${mainClass} exited ${code}: ${stderr.slice(-500)}`))));
  });
}

/** ProducerPerformance: `records` records of `recordBytes` bytes, unthrottled, acks=all, idempotent. */
export async function producerPerformance(kafkaCacheDir: string, brokers: string[], topic: string, records: number, recordBytes: number): Promise<PerfToolResult> {
  const output = await runJava(kafkaCacheDir, 'org.apache.kafka.tools.ProducerPerformance', [
    '--topic', topic,
    '--num-records', String(records),
    '--record-size', String(Math.round(recordBytes)),
    '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${brokers.join(',')}`, 'acks=all', 'enable.idempotence=true', 'linger.ms=5', 'batch.size=65536', 'max.block.ms=30000',
  ]);
  // "100000 records sent, 41169.0 records/sec (80.41 MB/sec), 283.11 ms avg latency, …"
  const line = output.trim().split('\n').findLast((entry) => entry.includes('records sent')) ?? '';
  const match = /records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(line);
  if (match === null) throw new Error(`ProducerPerformance printed no summary: ${output.slice(-300)}`);
  return { eventsPerSec: Number(match[1]), mbPerSec: Number(match[2]) * 1.048576, line };
}

/** ConsumerPerformance: read `records` records of `topic` from the start with a fresh group; the fetch rate (after the group join). */
export async function consumerPerformance(kafkaCacheDir: string, brokers: string[], topic: string, records: number): Promise<PerfToolResult> {
  const output = await runJava(kafkaCacheDir, 'org.apache.kafka.tools.ConsumerPerformance', [
    '--bootstrap-server', brokers.join(','),
    '--topic', topic,
    '--messages', String(records),
    '--group', `bench-consumer-perf-${Date.now().toString(36)}`,
    '--timeout', '60000',
    '--hide-header',
  ]);
  // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
  const line = output.trim().split('\n').findLast((entry) => entry.split(',').length >= 10) ?? '';
  const fields = line.split(',').map((field) => field.trim());
  const fetchMbPerSec = Number(fields[8]);
  const fetchEventsPerSec = Number(fields[9]);
  if (!Number.isFinite(fetchEventsPerSec)) throw new Error(`ConsumerPerformance printed no summary: ${output.slice(-300)}`);
  return { eventsPerSec: fetchEventsPerSec, mbPerSec: fetchMbPerSec * 1.048576, line };
}
