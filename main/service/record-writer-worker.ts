// The record writer's thread: its own SQLite connection (synchronous=FULL, so a record is durable when this
// thread answers), writing each call and SMS through the history capability's own record() — the chain, the
// aggregates and the validation are the history's, not copied here. The WAL's checkpoints happen on this
// thread too, never on the one that answers the next caller ID.
import { parentPort, workerData } from 'node:worker_threads';
import { openHistory, type CallToRecord } from '../history/index.ts';
import { openDatabase } from '../store/index.ts';
import type { WriterReply, WriterRequest } from './record-writer.ts';

const { path } = workerData as { path: string };
const port = parentPort;
if (!port) throw new Error('record-writer-worker.ts runs as a worker thread');

const db = openDatabase(path);
const history = openHistory(db);

const reply = (message: WriterReply) => port.postMessage(message);

port.on('message', (m: WriterRequest) => {
  try {
    switch (m.type) {
      case 'record':
        return reply({ id: m.id, ok: true, record: history.record(m.call as CallToRecord) });
      case 'sms':
        return reply({ id: m.id, ok: true, record: history.recordSms(m.sms, m.onSim) });
      case 'sms-deleted':
        history.smsDeletedFromSim(m.lineId, m.onSim, m.pdu);
        return reply({ id: m.id, ok: true, record: null });
      case 'query-only':
        db.exec(`PRAGMA query_only = ${m.on ? 1 : 0}`);
        return reply({ id: m.id, ok: true, record: null });
      case 'checkpoint':
        // PASSIVE: copies what it can without waiting for readers; the next one picks up the rest.
        db.exec('PRAGMA wal_checkpoint(PASSIVE)');
        return reply({ id: m.id, ok: true, record: null });
      case 'close':
        db.close();
        reply({ id: m.id, ok: true, record: null });
        return port.close();
    }
  } catch (error) {
    const e = error as Error & { code?: string };
    reply({ id: m.id, ok: false, error: { name: e.name, message: e.message, ...(e.code ? { code: e.code } : {}) } });
  }
});
