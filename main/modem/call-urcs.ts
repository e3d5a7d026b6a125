// The unsolicited lines that mark a call's rings, answer and end, across GSM vendors and landline modems.
// Each must be the whole line: a caller named "SEBRING" is not a RING.

export type RingUrc = { kind: 'ring'; variant: string | null };
export type EndCause = 'no-carrier' | 'cend' | 'voice-call-end' | 'hangup' | 'missed-call';
export type EndUrc = { kind: 'end'; cause: EndCause; /** SIMCom MISSED_CALL carries the caller's number. */ number: string | null };
export type AnsweredUrc = { kind: 'answered' };
export type CallUrc = RingUrc | EndUrc | AnsweredUrc;

// RING; distinctive rings RING A/B/C (3Com/USR ATS41) and RING 1/2/3; CID RING.
const ring = /^(?:CID )?RING(?: ?([A-D1-9]))?$/;
// +CRING: VOICE (also ALT VOICE/…, VOICE/…); FAX, DATA, ASYNC, REL ASYNC… are not voice calls.
const cring = /^\+CRING\s*:\s*(.*)$/;
const missedCall = /^MISSED_CALL\s*:\s*(.*)$/;

export function parseCallUrc(line: string): CallUrc | null {
  const text = line.trim();
  const upper = text.toUpperCase();
  const r = ring.exec(upper);
  if (r) return { kind: 'ring', variant: r[1] ?? null };
  const c = cring.exec(upper);
  if (c) {
    const type = (c[1] ?? '').trim();
    return /^(ALT )?VOICE\b/.test(type) ? { kind: 'ring', variant: null } : null;
  }
  if (upper === 'NO CARRIER') return { kind: 'end', cause: 'no-carrier', number: null };
  if (/^\^CEND\s*:/.test(upper)) return { kind: 'end', cause: 'cend', number: null };
  if (/^VOICE CALL\s*:\s*END\b/.test(upper)) return { kind: 'end', cause: 'voice-call-end', number: null };
  if (/^VOICE CALL\s*:\s*BEGIN\b/.test(upper)) return { kind: 'answered' };
  if (/^\^CONN\s*:/.test(upper)) return { kind: 'answered' };
  if (/^HANGUP\s*:\s*\d*$/.test(upper)) return { kind: 'end', cause: 'hangup', number: null };
  const m = missedCall.exec(text);
  if (m) {
    // `MISSED_CALL: 10:22AM +8613912345678`: the number is the last word, when it looks like one.
    const last = (m[1] ?? '').trim().split(/\s+/).pop() ?? '';
    return { kind: 'end', cause: 'missed-call', number: /^\+?[\d*#]{2,}$/.test(last) ? last : null };
  }
  return null;
}
