/** Runs a Redis read for a route; a Redis failure becomes 503 instead of a generic 500. */
import { httpError } from '../http/error-reply.ts';

export async function redisRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw httpError(503, `Redis is unavailable: ${(error as Error).message}`, error);
  }
}
