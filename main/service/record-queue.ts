// Call records on their way to the history. Screening never waits for the store: a record is handed over
// after the hang-up, written at once when the store is healthy, and kept in order and retried with backoff
// when it is not (disk full, read-only). Nothing is dropped; the failure is reported loudly, once per
// outage, and its end is reported too.
export type RecordQueueOptions<In, Out> = {
  write: (item: In) => Out;
  written: (out: Out, item: In) => void;
  failing: (error: Error, pending: number) => void;
  recovered: (flushed: number) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
};

export class RecordQueue<In, Out> {
  #items: In[] = [];
  #timer: NodeJS.Timeout | null = null;
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
    if (this.#items.length === 1 && !this.#timer) this.#drain();
  }

  /** Tries once more now (used at shutdown); returns how many are still pending. */
  flush(): number {
    this.#clearTimer();
    this.#drain();
    return this.#items.length;
  }

  close(): void {
    this.#clearTimer();
  }

  #clearTimer() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #drain(): void {
    let flushed = 0;
    while (this.#items.length > 0) {
      const item = this.#items[0]!;
      let out: Out;
      try {
        out = this.#opts.write(item);
      } catch (error) {
        if (!this.#failing) this.#opts.failing(error as Error, this.#items.length);
        this.#failing = true;
        this.#timer = setTimeout(() => {
          this.#timer = null;
          this.#drain();
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
