// A whole transcript → its incoming calls, with no timing to go on: calls are told apart by content alone,
// by the rules of the fixtures README (§2 "Where one call ends and the next begins"):
// - caller-ID data arrives before a call's second ring (after ring 1 in the US, before it elsewhere, with
//   each ring on GSM); rings after it are further rings of the same call;
// - a call that rang twice with no caller-ID data is a `none` call, and caller-ID data after that is a new call;
// - new caller-ID data with a different identity starts a new call, ring or not;
// - an end marker (NO CARRIER, ^CEND, VOICE CALL: END, HANGUP:, MISSED_CALL) closes the call;
// - the end of the input completes a pending call;
// - a call-waiting announcement (+CCWA) is a call of its own, in the order it appears, beside the call in progress.
import type { CallerId } from '../../shared/domain.ts';
import { noCallerId, sameIdentity } from './caller-id.ts';
import { createCallerIdParser, type CallSignal } from './caller-id-parser.ts';
import { createLineSplitter } from './line-splitter.ts';
import { finalResult } from './result-codes.ts';
import { isUnsolicited } from './urc.ts';

/** `slot`: where the call stands in the list — reserved when it began, so a waiting call announced while it
 *  was still pending comes after it. */
type Pending = { callerId: CallerId | null; ringsBeforeId: number; rings: string[]; slot: number };

export type TranscriptAssembler = {
  signal(s: CallSignal): void;
  /** Completes the pending call and returns every call seen. */
  end(): CallerId[];
};

export function createTranscriptAssembler(): TranscriptAssembler {
  // null: the slot of the pending call, filled when it completes.
  const calls: (CallerId | null)[] = [];
  let current: Pending | null = null;
  let lastWaiting: CallerId | null = null;
  const begin = (callerId: CallerId | null): Pending => {
    calls.push(null);
    return { callerId, ringsBeforeId: 0, rings: [], slot: calls.length - 1 };
  };
  /** The last completed call (a MISSED_CALL that follows an end marker belongs to it). */
  const lastDone = () => calls.findLast((c): c is CallerId => c !== null);
  const lastDoneIndex = () => calls.findLastIndex((c) => c !== null);
  // The last call was just closed by an end marker and nothing has happened since: a MISSED_CALL that
  // follows belongs to it.
  let justEnded = false;

  const finish = () => {
    if (current) calls[current.slot] = current.callerId ?? noCallerId(current.rings);
    current = null;
  };

  const identify = (callerId: CallerId) => {
    if (current && current.callerId === null && current.ringsBeforeId < 2) {
      current.callerId = callerId;
      return;
    }
    if (current?.callerId && sameIdentity(current.callerId, callerId)) return; // repeated on a later ring
    finish();
    current = begin(callerId);
  };

  return {
    signal(s) {
      const wasJustEnded = justEnded;
      justEnded = false;
      switch (s.kind) {
        case 'ring':
          if (!current) current = begin(null);
          if (current.callerId === null) current.ringsBeforeId++;
          current.rings.push(s.line);
          return;
        case 'caller-id':
          identify(s.callerId);
          return;
        case 'caller-id-amended':
          if (current) current.callerId = s.callerId;
          return;
        case 'call-end': {
          if (s.callerId) {
            const last = lastDone();
            if (current) {
              if (current.callerId === null) current.callerId = s.callerId;
            } else if (wasJustEnded && last && last.presentation === 'none') {
              calls[lastDoneIndex()] = s.callerId;
            } else if (!(wasJustEnded && last && last.number === s.callerId.number)) {
              // A missed call we saw no ring of: it still happened.
              calls.push(s.callerId);
            }
          }
          finish();
          justEnded = true;
          return;
        }
        case 'waiting':
          // Announced again while it waits: the same waiting call.
          if (lastWaiting && sameIdentity(lastWaiting, s.callerId)) return;
          lastWaiting = s.callerId;
          calls.push(s.callerId);
          return;
        case 'answered':
        case 'block-progress':
          justEnded = wasJustEnded;
          return;
      }
    },
    end() {
      finish();
      return calls.filter((c): c is CallerId => c !== null);
    },
  };
}

/** Pure: a whole transcript (bytes) → the calls in it, as the fixtures' README specifies. */
export function parseTranscript(bytes: Uint8Array | string): CallerId[] {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const splitter = createLineSplitter();
  const parser = createCallerIdParser();
  const assembler = createTranscriptAssembler();
  for (const line of [...splitter.push(data), ...splitter.end()]) for (const s of parser.push(line)) assembler.signal(s);
  for (const s of parser.end()) assembler.signal(s);
  return assembler.end();
}

/**
 * Whether a transcript holds any modem output at all: a result code (OK, NO CARRIER), an unsolicited line
 * (RING, +CLIP, ^RSSI, NMBR=), a command echo (AT…) or a reply line (+CSQ: 20,99). A file with none is not a
 * capture — a wrong file, a log of something else — which `ringfence parse` says rather than print nothing.
 */
export function countModemLines(bytes: Uint8Array | string): { lines: number; modemLines: number } {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const splitter = createLineSplitter();
  let lines = 0;
  let modemLines = 0;
  for (const raw of [...splitter.push(data), ...splitter.end()]) {
    const line = raw.trim();
    if (!line) continue;
    lines++;
    if (finalResult(line) || isUnsolicited(line) || /^AT/i.test(line) || /^[+^][A-Z]{2,}\s*:/i.test(line)) modemLines++;
  }
  return { lines, modemLines };
}
