/**
 * One lane of work per partition, so that a Kafka client can fetch a partition's next batch while
 * the handler still writes the last one out (fdatasync, Redis) instead of idling until it is done.
 *
 * A partition's batches still run one at a time and in order. A batch queued behind a seek or a
 * stop is dropped, never handled: `isCurrent` says so when it reaches the front of its lane.
 */
export interface PartitionLanes {
  /**
   * Queues `work` behind the partition's last queued batch and resolves once the batch queued before
   * it has settled (so at most one batch per partition waits ahead of the one running). Rejects with
   * that batch's error if it failed, once: the caller reports it where the client expects errors.
   */
  enqueue(partition: number, work: (isCurrent: () => boolean) => Promise<void>): Promise<void>;
  /** Drops the partition's queued batches (after a seek: they hold offsets the seek skipped or repeats). */
  invalidate(partition: number): void;
  /** Drops every partition's queued batches (after a rebalance: the client fetches again from the committed offsets). */
  invalidateAll(): void;
  /** Drops every queued batch and resolves when the running ones have settled. */
  drain(): Promise<void>;
}

export function createPartitionLanes(): PartitionLanes {
  const tails = new Map<number, Promise<void>>();
  const generations = new Map<number, number>();
  const failures = new Map<number, unknown>();
  let generationOffset = 0;
  const generationOf = (partition: number): number => generationOffset + (generations.get(partition) ?? 0);
  const invalidateAll = (): void => {
    generationOffset += 1;
  };

  return {
    enqueue(partition, work) {
      const previous = tails.get(partition) ?? Promise.resolve();
      const generation = generationOf(partition);
      const isCurrent = (): boolean => generationOf(partition) === generation;
      const tail = previous
        .then(() => (isCurrent() ? work(isCurrent) : undefined))
        .catch((error: unknown) => {
          failures.set(partition, error);
        });
      tails.set(partition, tail);
      return previous.then(() => {
        if (!failures.has(partition)) return;
        const failure = failures.get(partition);
        failures.delete(partition);
        throw failure;
      });
    },
    invalidate(partition) {
      generations.set(partition, (generations.get(partition) ?? 0) + 1);
    },
    invalidateAll,
    async drain() {
      invalidateAll();
      await Promise.all(tails.values());
    },
  };
}
