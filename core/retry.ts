/**
 * Retries an outside operation (Kafka, Redis) with capped exponential backoff and jitter, then
 * fails with RETRIES_EXCEEDED carrying the last cause. Bad data is never retried: callers only
 * wrap calls to servers.
 */
import { PulseError } from './errors.ts';

export interface RetryOptions {
  /** Attempts in all, including the first; Infinity retries until it works. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 10, initialDelayMs: 100, maxDelayMs: 10_000 };

export async function withRetry<T>(description: string, operation: () => Promise<T>, options: RetryOptions = DEFAULT_RETRY): Promise<T> {
  let delayMs = options.initialDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= options.attempts) {
        throw new PulseError('RETRIES_EXCEEDED', `${description} failed ${attempt} times: ${(error as Error).message}`, { cause: error });
      }
      const jittered = Math.round(delayMs * (0.5 + Math.random() / 2));
      options.onRetry?.(error, attempt, jittered);
      await new Promise((resolve) => setTimeout(resolve, jittered));
      delayMs = Math.min(options.maxDelayMs, delayMs * 2);
    }
  }
}
