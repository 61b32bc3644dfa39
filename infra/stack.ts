/**
 * The local stack behind `pulse up | down | status`: a Kafka broker and a Redis server of the
 * project's own, or the user's servers when KAFKA_BROKERS / REDIS_URL are set (then nothing starts).
 */
import { type StackConfig, connectionSettings } from '../core/config.ts';
import { EVENT_TOPIC } from '../core/contract.ts';
import { waitUntil } from '../core/wait-until.ts';
import { createKafkaClient } from '../core/kafka/create-kafka-client.ts';
import { isKafkaReady, kafkaProcess, startKafka } from './kafka-broker.ts';
import { readPid, stopProcess } from './managed-process.ts';
import { DEBIAN_PACKAGES, ensureDebianPackages } from './prerequisites.ts';
import { isRedisReady, redisProcess, startRedis } from './redis-server.ts';
import { ensureTopics, pipelineTopics } from './topics.ts';

export interface ServiceStatus {
  name: 'kafka' | 'redis';
  /** `local`: started by `pulse up`; `external`: the user's server from the environment. */
  kind: 'local' | 'external';
  address: string;
  pid: number | undefined;
  answering: boolean;
}

export interface UpResult {
  brokers: string[];
  redisUrl: string;
  started: string[];
  createdTopics: string[];
}

export async function stackUp(config: StackConfig, log: (line: string) => void): Promise<UpResult> {
  const started: string[] = [];
  if (config.externalRedisUrl === undefined) ensureDebianPackages(DEBIAN_PACKAGES, log);
  // Both start in parallel: the JVM takes seconds, Redis milliseconds.
  const [kafkaStarted, redisStarted] = await Promise.all([
    config.externalBrokers === undefined ? startKafka(config, log) : Promise.resolve(false),
    config.externalRedisUrl === undefined ? startRedis(config, log) : Promise.resolve(false),
  ]);
  if (kafkaStarted) started.push('kafka');
  if (redisStarted) started.push('redis');
  const { brokers, redisUrl } = connectionSettings(config);
  const client = createKafkaClient('kafkajs', { brokers, clientId: 'pulse-up' });
  const createdTopics = await ensureTopics(client, pipelineTopics(config.topicPartitions));
  if (kafkaStarted) await warmGroupCoordinator(createKafkaClient('kafkajs', { brokers, clientId: 'pulse-up-warm', quiet: true }));
  return { brokers, redisUrl, started, createdTopics };
}

/**
 * A new broker creates its offsets topic on the first group request and answers "coordinator not
 * available" until then; ask once here so the first consumer or lag probe finds it ready.
 */
async function warmGroupCoordinator(client: ReturnType<typeof createKafkaClient>): Promise<void> {
  const admin = client.admin();
  await admin.connect();
  try {
    await waitUntil('the group coordinator', async () => ((await admin.committedOffsets('pulse-warm-up', EVENT_TOPIC)) ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
  } finally {
    await admin.disconnect();
  }
}

export async function stackDown(config: StackConfig): Promise<string[]> {
  const stopped: string[] = [];
  // Redis first: it holds no state Kafka needs, and stops in milliseconds.
  if (await stopProcess(redisProcess(config), 10_000)) stopped.push('redis');
  if (await stopProcess(kafkaProcess(config), 30_000)) stopped.push('kafka');
  return stopped;
}

export async function stackStatus(config: StackConfig): Promise<ServiceStatus[]> {
  const { brokers, redisUrl } = connectionSettings(config);
  const [kafkaAnswering, redisAnswering] = await Promise.all([isKafkaReady(brokers), isRedisReady(redisUrl)]);
  return [
    {
      name: 'kafka',
      kind: config.externalBrokers === undefined ? 'local' : 'external',
      address: brokers.join(','),
      pid: config.externalBrokers === undefined ? readPid(kafkaProcess(config)) : undefined,
      answering: kafkaAnswering,
    },
    {
      name: 'redis',
      kind: config.externalRedisUrl === undefined ? 'local' : 'external',
      address: redisUrl,
      pid: config.externalRedisUrl === undefined ? readPid(redisProcess(config)) : undefined,
      answering: redisAnswering,
    },
  ];
}
