// Joining the parts of long messages. Pure: from the parts received (in arrival order) to messages, each
// either complete or still waiting — and a part that never completes stays a part of an incomplete message,
// never dropped. The same function runs live (as parts arrive) and over stored parts (after a restart, in
// exports), so the history and the screen always agree on how parts were joined.
//
// Parts belong together when they share line, sender, reference (and its width) and total. References are
// 8-bit on most phones and wrap after 256 long messages, which an SMS flood from one sender reaches, so a
// part joins the oldest group that still lacks its sequence number and started within `windowMs`.

export type PartKey = {
  lineId: string;
  sender: string;
  reference: number;
  referenceBits: 8 | 16;
  total: number;
};

export type IncomingPart<T> = {
  /** The concatenation element, or null for a message in one part. */
  concat: (PartKey & { sequence: number }) | null;
  /** Arrival time (ms since the epoch): the window and the order of groups. */
  receivedMs: number;
  text: string | null;
  item: T;
};

export type JoinedMessage<T> = {
  /** The parts in sequence order (missing ones are absent). */
  parts: IncomingPart<T>[];
  total: number;
  complete: boolean;
  /** The text in sequence order; a missing part shows as `gap` (a visible marker, never silence). */
  text: string;
  missing: number[];
  firstReceivedMs: number;
};

/** Parts further apart than this are different messages, even with the same reference. */
export const defaultJoinWindowMs = 24 * 3600_000;

const keyOf = (k: PartKey) => JSON.stringify([k.lineId, k.sender, k.referenceBits, k.reference, k.total]);

export function joinParts<T>(parts: readonly IncomingPart<T>[], options: { windowMs?: number; gap?: string } = {}): JoinedMessage<T>[] {
  const windowMs = options.windowMs ?? defaultJoinWindowMs;
  const gap = options.gap ?? '[…]';
  type Group = { total: number; bySeq: Map<number, IncomingPart<T>>; first: number; order: number };
  const groups: Group[] = [];
  const open = new Map<string, Group[]>();
  for (const part of parts) {
    if (!part.concat) {
      groups.push({ total: 1, bySeq: new Map([[1, part]]), first: part.receivedMs, order: groups.length });
      continue;
    }
    const key = keyOf(part.concat);
    const candidates = open.get(key) ?? [];
    let group = candidates.find((g) => !g.bySeq.has(part.concat!.sequence) && part.receivedMs - g.first <= windowMs);
    if (!group) {
      group = { total: part.concat.total, bySeq: new Map(), first: part.receivedMs, order: groups.length };
      groups.push(group);
      candidates.push(group);
      open.set(key, candidates);
    }
    group.bySeq.set(part.concat.sequence, part);
    if (group.bySeq.size === group.total)
      open.set(
        key,
        candidates.filter((g) => g !== group),
      );
  }
  return groups.map((g) => {
    const ordered: IncomingPart<T>[] = [];
    const missing: number[] = [];
    let text = '';
    for (let seq = 1; seq <= g.total; seq++) {
      const p = g.bySeq.get(seq);
      if (p) {
        ordered.push(p);
        text += p.text ?? '';
      } else {
        missing.push(seq);
        text += gap;
      }
    }
    return { parts: ordered, total: g.total, complete: missing.length === 0, text, missing, firstReceivedMs: g.first };
  });
}
