import { DLQ_TOPIC, EVENT_TOPIC } from '../core/contract.ts';
import type { PulseKafkaClient, TopicSpec } from '../core/kafka/types.ts';

/**
 * The DLQ keeps bad records for 30 days so they can be inspected, and accepts records larger than
 * the source topic's limit: a rejected record plus the headers saying why must always fit.
 */
export const DLQ_TOPIC_CONFIGS = { 'retention.ms': String(30 * 24 * 3600 * 1000), 'max.message.bytes': String(8 * 1024 * 1024) };

/** The topics the pipeline needs. */
export function pipelineTopics(partitions: number): TopicSpec[] {
  return [
    { topic: EVENT_TOPIC, numPartitions: partitions },
    { topic: DLQ_TOPIC, numPartitions: 1, configs: DLQ_TOPIC_CONFIGS },
  ];
}

/** Creates the missing topics (idempotent); returns the names it created. */
export async function ensureTopics(client: PulseKafkaClient, specs: readonly TopicSpec[]): Promise<string[]> {
  const admin = client.admin();
  await admin.connect();
  try {
    return await admin.createTopics(specs);
  } finally {
    await admin.disconnect();
  }
}
