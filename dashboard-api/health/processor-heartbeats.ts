/**
 * Reads the processors' heartbeats: `pulse:processors` lists every id that ever registered and did
 * not stop cleanly; `pulse:processor:{id}` holds its latest status with a 10 s expiry, so an id
 * without a status is a processor that died.
 */
import type { Redis } from 'ioredis';
import type { ProcessorStatus } from '../../processor/runner/create-processor.ts';
import { PROCESSORS_KEY, processorHeartbeatKey } from '../../sinks/redis/hot-keys.ts';

export interface ProcessorHeartbeat {
  id: string;
  /** Undefined when the heartbeat key expired (or holds something unreadable). */
  status: ProcessorStatus | undefined;
}

function parseStatus(raw: string | null): ProcessorStatus | undefined {
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as ProcessorStatus;
    return typeof value.heartbeatAtMs === 'number' && typeof value.totals === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function readHeartbeats(redis: Redis): Promise<ProcessorHeartbeat[]> {
  const ids = (await redis.smembers(PROCESSORS_KEY)).sort();
  if (ids.length === 0) return [];
  const raw = await redis.mget(...ids.map(processorHeartbeatKey));
  return ids.map((id, index) => ({ id, status: parseStatus(raw[index] ?? null) }));
}
