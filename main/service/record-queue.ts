// Call records on their way to the history. Screening never waits for the store: a record is handed over
// after the hang-up and written by the record writer (its own thread, record-writer.ts) while this thread
// answers the next caller; it is kept in order and retried with backoff when the store fails (disk full,
// read-only). Nothing is dropped; the failure is reported loudly, once per outage, and its end is reported
// too. A record is announced (`written`) only once it is durable.
export type RecordQueueOptions<In, Out> = {
  write: (item: In) => Out | Promise<Out>;
  written: (out: Out, item: In) => void;
  failing: (error: Error, pending: number) => void;
  recovered: (flushed: number) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
};

export class RecordQueue<In, Out> {
  #items: In[] = [];
  #timer: NodeJS.Timeout | null = null;
  #draining: Promise<void> | null = null;
  #delay: number;
  #failing = false;
  #opts: RecordQueueOptions<In, Out>;

  constructor(options: RecordQueueOptions<In, Out>) {
    this.#opts = options;
    this.#delay = options.initialDelayMs ?? 250;
  }

  get pending(): number {
    return this.#items.length;
  }

  push(item: In): void {
    this.#items.push(item);
    // Keep order: while earlier records wait for a retry, later ones queue behind them.
    if (!this.#draining && !this.#timer) this.#startDrain();
  }

  /** Tries once more now (used at shutdown); resolves with how many are still pending. */
  async flush(): Promise<number> {
    this.#clearTimer();
    if (this.#draining) await this.#draining;
    if (this.#items.length > 0 && !this.#timer) {
      this.#startDrain();
      await this.#draining;
    }
    this.#clearTimer();
    return this.#items.length;
  }

  close(): void {
    this.#clearTimer();
  }

  #clearTimer() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #startDrain() {
    this.#draining = this.#drain().finally(() => {
      this.#draining = null;
    });
  }

  async #drain(): Promise<void> {
    let flushed = 0;
    while (this.#items.length > 0) {
      const item = this.#items[0]!;
      let out: Out;
      try {
        out = await this.#opts.write(item);
      } catch (error) {
        if (!this.#failing) this.#opts.failing(error as Error, this.#items.length);
        this.#failing = true;
        this.#timer = setTimeout(() => {
          this.#timer = null;
          this.#startDrain();
        }, this.#delay);
        this.#timer.unref?.();
        this.#delay = Math.min(this.#delay * 2, this.#opts.maxDelayMs ?? 5000);
        return;
      }
      this.#items.shift();
      flushed++;
      this.#opts.written(out, item);
    }
    if (this.#failing) {
      this.#failing = false;
      this.#delay = this.#opts.initialDelayMs ?? 250;
      this.#opts.recovered(flushed);
    }
  }
}
