/**
 * Settings that come from the environment, read and validated once. Every variable, its default
 * and unit is listed in `ENVIRONMENT` (and in the README); an invalid value fails with a message
 * naming the variable and what it accepts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PulseError } from './errors.ts';
import { DEFAULT_KAFKA_CLIENT, parseKafkaClientName } from './kafka/create-kafka-client.ts';
import type { KafkaClientName } from './kafka/types.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const ENVIRONMENT = {
  KAFKA_BROKERS: 'Comma-separated brokers of an existing Kafka; when set, `pulse up` starts no broker.',
  REDIS_URL: 'URL of an existing Redis (redis://host:port/db); when set, `pulse up` starts no Redis.',
  PULSE_HOME: 'Folder for the local stack: data dirs, logs, pid files. Default `.pulse` in the repo.',
  PULSE_KAFKA_CACHE: 'Folder for the Kafka jars fetched by Maven. Default `.cache/kafka` in the repo.',
  PULSE_KAFKA_PORT: 'Port of the local broker (client listener). Default 9092.',
  PULSE_KAFKA_CONTROLLER_PORT: 'Port of the local KRaft controller listener. Default 9093.',
  PULSE_KAFKA_HEAP: 'JVM heap of the local broker, e.g. 512m or 1g. Default 1g.',
  PULSE_REDIS_PORT: 'Port of the local Redis. Default 6380 (so it never meets a system Redis on 6379).',
  PULSE_TOPIC_PARTITIONS: 'Partitions of job.postings.v1 when `pulse up` creates it. Default 3.',
  PULSE_KAFKA_CLIENT: `Kafka client: kafkajs or confluent. Default ${DEFAULT_KAFKA_CLIENT}.`,
  PULSE_LAKE_DIR: 'Folder of the cold store (staging files and the Parquet table). Default `lake` in the repo.',
} as const;

export interface StackConfig {
  /** Set when the user points at their own broker; nothing is started then. */
  externalBrokers: string[] | undefined;
  externalRedisUrl: string | undefined;
  homeDir: string;
  kafkaCacheDir: string;
  kafkaPort: number;
  kafkaControllerPort: number;
  kafkaHeap: string;
  redisPort: number;
  topicPartitions: number;
  kafkaClient: KafkaClientName;
}

type Env = Record<string, string | undefined>;

function readPort(env: Env, name: keyof typeof ENVIRONMENT, fallback: number): number {
  return readInteger(env, name, fallback, 1, 65_535);
}

function readInteger(env: Env, name: keyof typeof ENVIRONMENT, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new PulseError('CONFIG_INVALID', `${name}=${raw} is not a whole number from ${min} to ${max}`);
  }
  return value;
}

function readBrokers(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const brokers = raw.split(',').map((broker) => broker.trim()).filter((broker) => broker.length > 0);
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) {
      throw new PulseError('CONFIG_INVALID', `KAFKA_BROKERS entry "${broker}" is not host:port`);
    }
  }
  return brokers;
}

function readRedisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('protocol');
  } catch {
    throw new PulseError('CONFIG_INVALID', `REDIS_URL="${raw}" is not a redis:// or rediss:// URL`);
  }
  return raw;
}

export function loadStackConfig(env: Env = process.env): StackConfig {
  const heap = env.PULSE_KAFKA_HEAP ?? '1g';
  if (!/^\d+[mg]$/i.test(heap)) {
    throw new PulseError('CONFIG_INVALID', `PULSE_KAFKA_HEAP=${heap} must look like 512m or 1g`);
  }
  return {
    externalBrokers: readBrokers(env.KAFKA_BROKERS),
    externalRedisUrl: readRedisUrl(env.REDIS_URL),
    homeDir: path.resolve(env.PULSE_HOME ?? path.join(REPO_ROOT, '.pulse')),
    kafkaCacheDir: path.resolve(env.PULSE_KAFKA_CACHE ?? path.join(REPO_ROOT, '.cache', 'kafka')),
    kafkaPort: readPort(env, 'PULSE_KAFKA_PORT', 9092),
    kafkaControllerPort: readPort(env, 'PULSE_KAFKA_CONTROLLER_PORT', 9093),
    kafkaHeap: heap,
    redisPort: readPort(env, 'PULSE_REDIS_PORT', 6380),
    topicPartitions: readInteger(env, 'PULSE_TOPIC_PARTITIONS', 3, 1, 1000),
    kafkaClient: parseKafkaClientName(env.PULSE_KAFKA_CLIENT ?? DEFAULT_KAFKA_CLIENT),
  };
}

/** Brokers and Redis URL the pipeline talks to: the user's own, or the local stack's. */
export function connectionSettings(config: StackConfig): { brokers: string[]; redisUrl: string } {
  return {
    brokers: config.externalBrokers ?? [`127.0.0.1:${config.kafkaPort}`],
    redisUrl: config.externalRedisUrl ?? `redis://127.0.0.1:${config.redisPort}`,
  };
}
