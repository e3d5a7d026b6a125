// User notes on a call ("this is the debt collector again"): separate append-only rows, never edits of the
// call record, so the record stays exactly what was hashed.
import type { DatabaseSync } from 'node:sqlite';
import type { CallNote } from '../../shared/api.ts';
import { HistoryError, invalid, writeFailure } from './errors.ts';
import { texts } from './texts.ts';
import { query } from '../store/index.ts';

const maxNote = 5_000;

export function addNote(db: DatabaseSync, callId: number, text: string, now: Date): CallNote {
  if (!Number.isSafeInteger(callId)) throw invalid('invalid-query', texts.callIdNotWhole(callId));
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '' || trimmed.length > maxNote) {
    throw invalid('invalid-query', texts.noteLength(maxNote));
  }
  if (!query(db, 'SELECT 1 FROM history_calls WHERE id = ?').get(callId)) {
    throw new HistoryError('no-such-call', texts.noSuchCall(callId));
  }
  const createdAt = now.toISOString();
  try {
    const id = Number(db.prepare('INSERT INTO history_notes (call_id, created_at, text) VALUES (?, ?, ?)').run(callId, createdAt, trimmed).lastInsertRowid);
    return { id, callId, createdAt, text: trimmed };
  } catch (error) {
    throw writeFailure(error);
  }
}

export function notesOf(db: DatabaseSync, callId: number): CallNote[] {
  return query<CallNote>(db, 'SELECT id, call_id AS callId, created_at AS createdAt, text FROM history_notes WHERE call_id = ? ORDER BY id').all(callId);
}
