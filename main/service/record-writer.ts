// Durable call records off the decision path (issue 14). Writing a record is a transaction with an fsync
// (synchronous=FULL), and now and then a WAL checkpoint of a large database: milliseconds to hundreds of
// them. On the thread that reads the modem that time lands on whichever caller rings next. So records are
// written by a worker thread with its own connection (record-writer-worker.ts), through the history's own
// record(); this thread only waits for the answer, asynchronously. Where a worker cannot run (a bundle
// without the file), records are written here as before.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CallRecord, SmsRecord } from '../../shared/domain.ts';
import type { CallToRecord, History, NewSms, SimSlot } from '../history/index.ts';

export type WriterRequest =
  | { type: 'record'; id: number; call: CallToRecord }
  | { type: 'sms'; id: number; sms: NewSms; onSim: SimSlot | null }
  | { type: 'sms-deleted'; id: number; lineId: string; onSim: SimSlot; pdu: string }
  | { type: 'query-only'; id: number; on: boolean }
  | { type: 'checkpoint'; id: number }
  | { type: 'close'; id: number };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type WriterReply =
  { id: number; ok: true; record: CallRecord | SmsRecord | null } | { id: number; ok: false; error: { name: string; message: string; code?: string } };

export type RecordWriter = {
  /** Resolves once the record is durable and chained; rejects with the store's error (the caller retries). */
  record(call: CallToRecord): Promise<CallRecord>;
  /** One SMS PDU, durable and chained on return (the SIM's copy may then be deleted). */
  recordSms(sms: NewSms, onSim: SimSlot | null): Promise<SmsRecord>;
  /** The modem deleted the slot's copy. */
  smsDeleted(lineId: string, onSim: SimSlot, pdu: string): Promise<void>;
  /** The call-bomb drill's failing disk: the writer's connection refuses writes (PRAGMA query_only). */
  setQueryOnly(on: boolean): Promise<void>;
  /** Copies the WAL into the database (PASSIVE), on the writer's thread. */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
  /** Whether records are written on a thread of their own. */
  readonly threaded: boolean;
};

// From source the worker is the .ts beside this file; in a bundle it is record-writer-worker.js (a build entry,
// electron.vite.config.ts), beside the chunk or one folder up — as with the history's verify worker.
const workerCandidates = [
  new URL('./record-writer-worker.ts', import.meta.url),
  new URL('./record-writer-worker.js', import.meta.url),
  new URL('../record-writer-worker.js', import.meta.url),
];
const workerUrl = workerCandidates.find((u) => u.protocol === 'file:' && existsSync(fileURLToPath(u))) ?? null;

/** A store error thrown on the writer thread, rebuilt on this side (name, message, code) for the record queue, which retries. */
class WriterError extends Error {
  readonly code: string | undefined;
  constructor(e: { name: string; message: string; code?: string }) {
    super(e.message);
    this.name = e.name;
    this.code = e.code;
  }
}

/** Records written on this thread: the fallback, and what a database without a file (tests) uses. */
function inlineWriter(history: History, setQueryOnly: (on: boolean) => void): RecordWriter {
  return {
    threaded: false,
    record: async (call) => history.record(call),
    recordSms: async (sms, onSim) => history.recordSms(sms, onSim),
    smsDeleted: async (lineId, onSim, pdu) => history.smsDeletedFromSim(lineId, onSim, pdu),
    setQueryOnly: async (on) => setQueryOnly(on),
    checkpoint: async () => {},
    close: async () => {},
  };
}

export function startRecordWriter(options: { path: string | null; history: History; setQueryOnly: (on: boolean) => void }): RecordWriter {
  if (!workerUrl || !options.path || options.path === ':memory:') return inlineWriter(options.history, options.setQueryOnly);
  const path = options.path;
  const pending = new Map<number, { resolve: (r: CallRecord | SmsRecord | null) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let worker: Worker | null = null;
  let closed = false;

  const start = (): Worker => {
    const w = new Worker(workerUrl, { workerData: { path } });
    // Only a pending request keeps the process alive: an idle writer must not hold up an exit.
    w.unref();
    w.on('message', (m: WriterReply) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      if (m.ok) p.resolve(m.record);
      else p.reject(new WriterError(m.error));
    });
    const fail = (error: Error) => {
      if (worker === w) worker = null;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(error);
      }
    };
    w.on('error', (error) => fail(error));
    w.on('exit', (code) => fail(new Error(`the record writer stopped (exit code ${code})`)));
    return w;
  };

  const ask = (request: WithoutId<WriterRequest>): Promise<CallRecord | SmsRecord | null> => {
    if (closed) return Promise.reject(new Error('the record writer is closed'));
    // A writer that died is started again on the next request; the record that failed is retried by its queue.
    worker ??= start();
    const w = worker;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ ...request, id });
    });
  };

  return {
    threaded: true,
    record: (call) => ask({ type: 'record', call }).then((r) => r as CallRecord),
    recordSms: (sms, onSim) => ask({ type: 'sms', sms, onSim }).then((r) => r as SmsRecord),
    smsDeleted: async (lineId, onSim, pdu) => void (await ask({ type: 'sms-deleted', lineId, onSim, pdu })),
    async setQueryOnly(on) {
      options.setQueryOnly(on);
      await ask({ type: 'query-only', on });
    },
    checkpoint: async () => void (await ask({ type: 'checkpoint' })),
    async close() {
      if (closed || !worker) {
        closed = true;
        return;
      }
      const w = worker;
      await ask({ type: 'close' }).catch(() => {});
      closed = true;
      await w.terminate().catch(() => 0);
      worker = null;
    },
  };
}
