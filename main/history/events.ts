// Chained events: facts about the history that are not calls but belong to the evidence — the shield
// engaging and ending (the incidents), retention cuts, re-chains, a head that had to be restored. They take
// the next number in the same chain as the calls, so removing or editing one breaks the chain like a call.
import type { DatabaseSync } from 'node:sqlite';
import { eventContent, eventVersion, genesisHash, linkHash } from './canonical.ts';
import type { ChainState } from './chain-state.ts';
import { eventFields } from './fields.ts';
import { query } from '../store/index.ts';

export type ChainEvent =
  | { kind: 'shield-engaged'; at: string; body: { incident: number; trigger: string } }
  | { kind: 'shield-ended'; at: string; body: { incident: number } }
  | { kind: 'retention-cut'; at: string; body: { lastId: number; lastHash: string; olderThan: string; deleted: number } }
  | {
      kind: 'rechain';
      at: string;
      body: { from: string; to: string; entries: number; previousLastId: number; previousHead: string | null; startHash: string; previousChainBroken?: string };
    }
  | { kind: 'head-restored'; at: string; body: { lastId: number; head: string | null } };

export type EventKind = ChainEvent['kind'];

export type StoredEvent = { id: number; chainVersion: number; kind: EventKind; at: string; recordedAt: string; body: string; hash: string };

export const eventColumns = `${eventFields.map((f) => `e.${f.column}`).join(', ')}, e.hash`;

/** Appends the event as the chain's next entry. Call inside the writing transaction. */
export function appendEvent(db: DatabaseSync, chain: ChainState, event: ChainEvent, recordedAt: Date): { id: number; hash: string } {
  const head = chain.read();
  const id = head.lastId + 1;
  const values = [id, eventVersion, event.kind, event.at, recordedAt.toISOString(), JSON.stringify(event.body)];
  const hash = linkHash(head.head ?? genesisHash, eventContent(eventVersion, values));
  const bytes = Buffer.from(hash, 'hex');
  db.prepare(`INSERT INTO history_events (${eventFields.map((f) => f.column).join(', ')}, hash) VALUES (${eventFields.map(() => '?').join(', ')}, ?)`).run(
    ...values,
    bytes,
  );
  chain.advance(id, bytes);
  return { id, hash };
}

/** Events in the chain, oldest first; `kind` narrows them. */
export function listEvents(db: DatabaseSync, kind?: EventKind): StoredEvent[] {
  return query<StoredEvent>(
    db,
    `SELECT id, chain_version AS chainVersion, kind, at, recorded_at AS recordedAt, body, lower(hex(hash)) AS hash FROM history_events
     ${kind ? 'WHERE kind = ?' : ''} ORDER BY id`,
  ).all(...(kind ? [kind] : []));
}
