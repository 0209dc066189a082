/**
 * Micro-batching ("group commit"): work submitted while `maxInFlight` batches are already running
 * waits and goes together in the next batch (up to `maxBatch` items), so that under load many
 * requests share one database round trip, one transaction and one WAL flush, while a lone request
 * is never delayed by more than a turn of the event loop.
 *
 * `run` answers every item of a batch: a value, or an Error for that item alone. If `run` itself
 * throws, every item of the batch gets that error. Nothing is cached: each batch reads and writes
 * the database when it runs.
 */
export interface MicroBatchOptions<T, R> {
  run: (items: T[]) => Promise<(R | Error)[]>;
  maxBatch: number;
  maxInFlight: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (err: unknown) => void;
}

export class MicroBatcher<T, R> {
  private readonly queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Sizes of the batches run so far (for tests and the benchmark): count and largest. */
  readonly stats = { batches: 0, items: 0, largest: 0 };

  constructor(private readonly options: MicroBatchOptions<T, R>) {
    if (options.maxBatch < 1 || options.maxInFlight < 1)
      throw new Error("maxBatch and maxInFlight must be ≥ 1");
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.scheduled) return;
      // Collect what arrives in this turn of the event loop (requests read from several sockets).
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.drain();
      });
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.stats.batches++;
      this.stats.items += batch.length;
      this.stats.largest = Math.max(this.stats.largest, batch.length);
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async runBatch(batch: Waiting<T, R>[]): Promise<void> {
    let results: (R | Error)[];
    try {
      results = await this.options.run(batch.map((w) => w.item));
      if (results.length !== batch.length)
        throw new Error(`micro-batch answered ${results.length} of ${batch.length} items`);
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => {
      const r = results[i] as R | Error;
      if (r instanceof Error) w.reject(r);
      else w.resolve(r);
    });
  }
}
