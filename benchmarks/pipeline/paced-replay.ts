/**
 * A paced replay of the standard corpus until SIGTERM, for the latency section: the corpus
 * re-stamped to end now (each pass again), published with the generator's publishRecords and
 * pacer through the Confluent client. Runs as its own process so the producer does not share the
 * event loop of the processor being measured.
 *
 *   KAFKA_BROKERS=host:port node --import tsx benchmarks/pipeline/paced-replay.ts <corpus> <topic> <events/s>
 */
import { createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import { publishRecords } from '../../generator/index.ts';
import { restampedPasses } from './restamped-passes.ts';

const [file, topic, rate] = process.argv.slice(2);
if (file === undefined || topic === undefined || rate === undefined || process.env.KAFKA_BROKERS === undefined) {
  throw new Error('usage: KAFKA_BROKERS=… paced-replay.ts <corpus> <topic> <events/s>');
}
const controller = new AbortController();
process.once('SIGTERM', () => controller.abort());
const producer = createKafkaClient('confluent', { brokers: process.env.KAFKA_BROKERS.split(','), clientId: 'bench-paced-replay' }).producer({ idempotent: true });
await producer.connect();
const ratePerSec = Number(rate);
await publishRecords(producer, topic, restampedPasses(file, { loops: 0, passEndMs: () => Date.now(), signal: controller.signal }), {
  ratePerSec,
  batchSize: Math.max(1, Math.min(500, Math.round(ratePerSec / 50))),
  maxInFlight: 4,
  signal: controller.signal,
});
await producer.disconnect();
