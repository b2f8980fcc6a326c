import { isDatabaseUnavailable } from './errors.js';

export interface BatcherOptions<I, O> {
  /** Writes a batch; returns one result per item, in order. All or nothing. */
  run(items: I[]): Promise<O[]>;
  /** Most items in one batch. */
  maxBatch: number;
  /** Most batches running at once (each holds one database connection). */
  maxInFlight: number;
}

/**
 * Group commit: items that arrive in the same turn of the event loop (the requests read from many sockets
 * in one I/O phase), or while earlier batches are being written, go together in one batch, so under load
 * many items share one statement and one commit; with no load an item is written in the same turn. Each caller's promise settles only after its own batch has committed. When a batch fails for a
 * reason other than the database being unavailable, every item is retried alone, so one bad item fails only
 * itself.
 */
export function createBatcher<I, O>(options: BatcherOptions<I, O>) {
  type Waiting = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  const queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function runBatch(batch: Waiting[]): Promise<void> {
    try {
      const results = await options.run(batch.map((w) => w.item));
      for (const [i, w] of batch.entries()) w.resolve(results[i] as O);
    } catch (err) {
      if (batch.length === 1 || isDatabaseUnavailable(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      await Promise.all(
        batch.map(async (w) => {
          try {
            const [result] = await options.run([w.item]);
            w.resolve(result as O);
          } catch (e) {
            w.reject(e);
          }
        }),
      );
    }
  }

  function pump(): void {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight++;
      void runBatch(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    add(item: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (scheduled) return;
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          pump();
        });
      });
    },
  };
}
