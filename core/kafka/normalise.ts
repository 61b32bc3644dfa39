/**
 * Shapes shared by both adapters: @confluentinc/kafka-javascript's KafkaJS-compatible API returns
 * headers and offsets in the same forms as kafkajs, and the adapter interface wants one of each.
 */
import type { PartitionOffsets } from './types.ts';

type RawHeaderValue = Buffer | string | ReadonlyArray<Buffer | string> | undefined;

/** Header values as Buffers; a repeated header keeps its first value. */
export function normaliseHeaders(headers: Readonly<Record<string, RawHeaderValue>> | undefined): Record<string, Buffer> {
  const result: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? (value as ReadonlyArray<Buffer | string>)[0] : (value as Buffer | string | undefined);
    if (first !== undefined) result[name] = Buffer.isBuffer(first) ? first : Buffer.from(first);
  }
  return result;
}

export function byPartition<T extends { partition: number }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.partition - b.partition);
}

export function toPartitionOffsets(entries: ReadonlyArray<{ partition: number; low: string; high: string }>): PartitionOffsets[] {
  return byPartition(entries.map(({ partition, low, high }) => ({ partition, low, high })));
}
