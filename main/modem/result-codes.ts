// Final result codes: the line that ends a command's response. Only a line that *is* a result code counts
// (a caller named "SEBRING" or "NO CARRIER PTY LTD" inside a NAME field is not one).

export type FinalResult =
  | { kind: 'ok' }
  | { kind: 'error'; code: 'ERROR' | 'CME ERROR' | 'CMS ERROR'; detail: string | null }
  /** Results of dialling/answering. Outside ATA/ATD they are unsolicited (NO CARRIER ends a call). */
  | { kind: 'call-progress'; code: 'NO CARRIER' | 'BUSY' | 'NO ANSWER' | 'NO DIALTONE' | 'CONNECT' | 'VCON'; detail: string | null };

const progress = /^(NO CARRIER|BUSY|NO ANSWER|NO DIAL ?TONE|CONNECT|VCON)(?:\s+(.*))?$/;
const cmeCms = /^\+(CME|CMS) ERROR\s*(?::\s*(.*))?$/;

export function finalResult(line: string): FinalResult | null {
  const text = line.trim();
  const upper = text.toUpperCase();
  if (upper === 'OK') return { kind: 'ok' };
  if (upper === 'ERROR') return { kind: 'error', code: 'ERROR', detail: null };
  const cme = cmeCms.exec(upper);
  if (cme) {
    // Keep the modem's own words (case and all): they end up in a problem message.
    const colon = text.indexOf(':');
    const detail = colon === -1 ? null : text.slice(colon + 1).trim() || null;
    return { kind: 'error', code: cme[1] === 'CME' ? 'CME ERROR' : 'CMS ERROR', detail };
  }
  const p = progress.exec(upper);
  if (p) {
    const code = (p[1] === 'NO DIAL TONE' ? 'NO DIALTONE' : p[1]) as 'NO CARRIER' | 'BUSY' | 'NO ANSWER' | 'NO DIALTONE' | 'CONNECT' | 'VCON';
    // CONNECT may carry a speed; the others take nothing after them.
    if (p[2] && code !== 'CONNECT') return null;
    return { kind: 'call-progress', code, detail: p[2] ?? null };
  }
  return null;
}

/** `+CME ERROR: 10` → a short human text for logs and problems. */
export function describeError(result: FinalResult): string {
  if (result.kind === 'ok') return 'OK';
  return result.detail ? `${result.code}: ${result.detail}` : result.code;
}
