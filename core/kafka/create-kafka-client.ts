import { PulseError } from '../errors.ts';
import { createConfluentClient } from './confluent-client.ts';
import { createKafkajsClient } from './kafkajs-client.ts';
import type { KafkaClientName, KafkaClientOptions, PulseKafkaClient } from './types.ts';

export const KAFKA_CLIENT_NAMES: readonly KafkaClientName[] = ['kafkajs', 'confluent'];

/** The client measured faster end to end (see benchmarks/results); overridable by config. */
export const DEFAULT_KAFKA_CLIENT: KafkaClientName = 'kafkajs';

export function parseKafkaClientName(value: string): KafkaClientName {
  if ((KAFKA_CLIENT_NAMES as readonly string[]).includes(value)) return value as KafkaClientName;
  throw new PulseError(
    'CONFIG_INVALID',
    `unknown Kafka client "${value}"; use one of: ${KAFKA_CLIENT_NAMES.join(', ')}`,
  );
}

export function createKafkaClient(name: KafkaClientName, options: KafkaClientOptions): PulseKafkaClient {
  return name === 'confluent' ? createConfluentClient(options) : createKafkajsClient(options);
}
