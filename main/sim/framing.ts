// How a modem frames what it sends, per V.250 §5.7: verbose (V1) wraps every line in CR LF on both
// sides, numeric (V0) sends bare codes ended by CR; quiet (Q1) drops result codes but keeps information.
// Pure string building; the captures in test/fixtures/modem/ are the reference for every shape.

export type Framing = { verbose: boolean; quiet: boolean };

/** V.250 numeric result codes, for V0. Codes without a number stay text, as real firmware does. */
const numeric: Record<string, string> = { OK: '0', CONNECT: '1', RING: '2', 'NO CARRIER': '3', ERROR: '4', 'NO DIALTONE': '6', BUSY: '7', 'NO ANSWER': '8' };

/** An information response: "\r\n56000\r\n" in V1, "56000\r\n" in V0. */
export function info(lines: readonly string[], f: Framing): string {
  if (lines.length === 0) return '';
  return f.verbose ? `\r\n${lines.join('\r\n')}\r\n` : `${lines.join('\r\n')}\r\n`;
}

/** A final result code: "\r\nOK\r\n" in V1, "0\r" in V0, nothing in Q1. */
export function result(code: string, f: Framing): string {
  if (f.quiet) return '';
  if (f.verbose) return `\r\n${code}\r\n`;
  return `${numeric[code] ?? code}\r`;
}

/** An unsolicited line (RING, +CLIP, ^RSSI): framed like a result code, but Q1 does not silence it. */
export function unsolicited(lines: readonly string[], f: Framing, lineEnd = '\r\n'): string {
  return lines
    .map((line) => {
      if (f.verbose) return `${lineEnd}${line}${lineEnd}`;
      const code = numeric[line];
      return code ? `${code}\r` : `${line}\r\n`;
    })
    .join('');
}

/**
 * A formatted landline caller-ID block (AT+VCID=1): one blank line, then one CR LF-ended line per field,
 * exactly as README §1.3 of the fixtures describes: "\r\nDATE = 0504\r\nTIME = 2149\r\nNMBR = …\r\n".
 */
export function block(lines: readonly string[]): string {
  return `\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
}
