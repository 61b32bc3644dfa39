/**
 * One Redis subscription to `pulse:updates` per server, fanned out to every SSE client. Updates
 * are merged per (skill, region, hour) for a short interval (each carries the key's new total, so
 * the latest wins) and flushed as one event: a busy processor publishes per batch, and a browser
 * gains nothing from redrawing more often than a few times a second.
 */
import type { Redis } from 'ioredis';
import type { CountUpdate } from '../../sinks/redis/hot-sink.ts';
import { UPDATES_CHANNEL } from '../../sinks/redis/hot-keys.ts';

export type UpdateListener = (updates: CountUpdate[]) => void;

export interface UpdateHub {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Adds a listener; returns its removal, or undefined when the hub is full. */
  add(listener: UpdateListener): (() => void) | undefined;
  readonly size: number;
}

export interface UpdateHubOptions {
  subscriber: Redis;
  maxListeners: number;
  flushIntervalMs: number;
  /** Called with every message that is not a valid update announcement. */
  onInvalid(raw: string): void;
}

function parseAnnouncement(raw: string): CountUpdate[] | undefined {
  try {
    const message = JSON.parse(raw) as { updates?: unknown };
    if (!Array.isArray(message.updates)) return undefined;
    const valid = message.updates.every(
      (update: Partial<CountUpdate>) =>
        typeof update.skill === 'string' && typeof update.region === 'string' && typeof update.hour === 'string' && Number.isFinite(update.count),
    );
    return valid ? (message.updates as CountUpdate[]) : undefined;
  } catch {
    return undefined;
  }
}

export function createUpdateHub(options: UpdateHubOptions): UpdateHub {
  const listeners = new Set<UpdateListener>();
  const pending = new Map<string, CountUpdate>();
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    timer = undefined;
    const updates = [...pending.values()];
    pending.clear();
    for (const listener of listeners) listener(updates);
  }

  function onMessage(channel: string, raw: string): void {
    if (channel !== UPDATES_CHANNEL) return;
    const updates = parseAnnouncement(raw);
    if (updates === undefined) {
      options.onInvalid(raw);
      return;
    }
    if (listeners.size === 0) return;
    for (const update of updates) pending.set(`${update.skill}\u0000${update.region}\u0000${update.hour}`, update);
    timer ??= setTimeout(flush, options.flushIntervalMs);
  }

  return {
    async start() {
      options.subscriber.on('message', onMessage);
      await options.subscriber.subscribe(UPDATES_CHANNEL);
    },
    async stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      listeners.clear();
      options.subscriber.off('message', onMessage);
      await options.subscriber.unsubscribe(UPDATES_CHANNEL).catch(() => undefined);
    },
    add(listener) {
      if (listeners.size >= options.maxListeners) return undefined;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get size() {
      return listeners.size;
    },
  };
}
