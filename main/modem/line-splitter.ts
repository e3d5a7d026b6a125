// Bytes from the modem → text lines. Hand-written rather than @serialport/parser-readline because that
// parser splits on one fixed delimiter and decodes each chunk on its own: modems mix CR LF, CR CR LF, bare
// LF and bare CR, and a UTF-8 caller name split across two reads would turn into replacement characters.
// This splitter works on bytes, decodes a line only once it is complete, and reports blank lines (as '')
// so callers may use them as group separators; most callers simply skip them.

/** Lines longer than this are noise (a stuck modem, line garbage): dropped with a warning. */
export const MAX_LINE_BYTES = 1024;

const CR = 0x0d;
const LF = 0x0a;
const DLE = 0x10;

export type SplitterWarning = { code: 'line-too-long'; message: string };

export type LineSplitter = {
  /** Feed raw bytes; returns the complete lines they finish ('' for a blank line). */
  push(chunk: Uint8Array): string[];
  /** The end of the input completes a line cut short (a capture may end mid-line). */
  end(): string[];
  /** Bytes received so far (tests use it to know a replay has fully arrived). */
  readonly bytesIn: number;
  /** The line still being received, without its end: a prompt ("> ") never gets a line end. */
  partial(): string;
};

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Drop what can never be part of a modem line: NUL and other C0 controls (tab becomes a space), DEL, and
 * the replacement characters left by invalid UTF-8. Voice-mode DLE codes (DLE + one letter) are removed
 * before this, in the byte loop, so their letter does not glue itself to the next line.
 */
function clean(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x09) out += ' ';
    else if (c < 0x20 || c === 0x7f || c === 0xfffd) continue;
    else out += ch;
  }
  return out;
}

export function createLineSplitter(onWarning: (w: SplitterWarning) => void = () => {}): LineSplitter {
  let buf = new Uint8Array(256);
  let len = 0;
  let overflow = false;
  // What the previous byte was, so CR LF, CR CR LF and split reads count as one line end.
  let pendingCr = 0; // CRs seen since the last line content (0, 1 or 2)
  let endsInRow = 0; // line ends since the last content: 2 or more means a blank line
  let afterDle = false;
  let bytesIn = 0;

  const append = (b: number) => {
    if (overflow) return;
    if (len >= MAX_LINE_BYTES) {
      overflow = true;
      return;
    }
    if (len === buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    buf[len++] = b;
  };

  const finishLine = (out: string[]) => {
    if (overflow) {
      onWarning({ code: 'line-too-long', message: `Dropped a line longer than ${MAX_LINE_BYTES} bytes from the modem (line noise or a stuck modem).` });
    } else if (len > 0) {
      // A line of nothing but garbage vanishes; it is not a blank line either.
      const line = clean(buf.subarray(0, len));
      if (line !== '') out.push(line);
    }
    len = 0;
    overflow = false;
  };

  const lineEnd = (out: string[]) => {
    const hadContent = len > 0 || overflow;
    if (hadContent) {
      finishLine(out);
      endsInRow = 1;
    } else {
      endsInRow++;
      if (endsInRow === 2) out.push('');
    }
  };

  return {
    get bytesIn() {
      return bytesIn;
    },
    push(chunk) {
      const out: string[] = [];
      bytesIn += chunk.length;
      for (const b of chunk) {
        if (afterDle) {
          afterDle = false;
          // DLE DLE is a literal DLE (dropped as a control); DLE + printable is a voice-mode event code.
          if (b >= 0x20 && b < 0x7f) continue;
        }
        if (b === DLE) {
          afterDle = true;
          continue;
        }
        if (b === CR) {
          // CR ends a line at once (an echo is "AT\r"); a CR LF or CR CR LF after it is the same line end.
          if (pendingCr === 0) lineEnd(out);
          else if (pendingCr >= 2) lineEnd(out); // CR CR CR: a bare-CR modem sending blank lines
          pendingCr = Math.min(pendingCr + 1, 2);
          continue;
        }
        if (b === LF) {
          if (pendingCr === 0) lineEnd(out);
          pendingCr = 0;
          continue;
        }
        pendingCr = 0;
        endsInRow = 0;
        append(b);
      }
      return out;
    },
    partial: () => (overflow || len === 0 ? '' : clean(buf.subarray(0, len))),
    end() {
      const out: string[] = [];
      if (len > 0 || overflow) finishLine(out);
      pendingCr = 0;
      return out;
    },
  };
}
