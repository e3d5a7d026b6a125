// Splits one command line the host typed ("AT+CMEE=2;+CLIP=1", "ATE0V1", "AT Z S0=0 E1 V1 Q0") into the
// single commands a V.250 modem executes in turn. Pure: no state, no I/O.

/** `exec` ATH / AT+CLCC, `set` AT+CLIP=1, `read` AT+CLIP?, `test` AT+CLIP=? */
export type AtOperation = 'exec' | 'set' | 'read' | 'test';

export type AtCommand = {
  /** Upper-case name: 'E', 'H', 'S0', '&V', '+CLIP', '^CURC', '#CID'. */
  name: string;
  op: AtOperation;
  /** What followed the name: the digits of a basic command, the text after '=' of an extended one. */
  arg: string;
  /** The command as the host wrote it, upper-cased outside quotes, with the AT prefix: 'AT+CHUP', 'ATH0'. */
  text: string;
};

export type ParsedLine = { kind: 'commands'; commands: AtCommand[] } | { kind: 'repeat' } | { kind: 'not-a-command' } | { kind: 'invalid'; at: number };

// Basic commands a modem accepts with a one-letter name and an optional number (V.250 §6.2 and the
// Hayes set); anything else with a letter is a syntax error, answered ERROR like the real parsers do.
const upperOutsideQuotes = (s: string) => s.replace(/"[^"]*"|[^"]+/g, (part) => (part.startsWith('"') ? part : part.toUpperCase()));

/**
 * Real modems discard what comes before "AT" and ignore spaces between basic commands. A line that never
 * says AT is not a command at all (no reply); `A/` repeats the previous line.
 */
export function parseCommandLine(line: string): ParsedLine {
  const trimmed = line.replace(/^[\s\0]+/, '');
  if (/^a\//i.test(trimmed)) return { kind: 'repeat' };
  const start = trimmed.search(/at/i);
  if (start < 0) return { kind: 'not-a-command' };
  const body = trimmed.slice(start + 2);
  const commands: AtCommand[] = [];
  let i = 0;
  const peek = () => body[i] ?? '';
  const skipSpaces = () => {
    while (peek() === ' ') i++;
  };
  while (true) {
    skipSpaces();
    if (i >= body.length) break;
    const c = peek();
    if (c === ';') {
      i++;
      continue;
    }
    if ('+^#$%*'.includes(c)) {
      // Extended command: name up to '=', '?', ';' or the end; arguments up to an unquoted ';'.
      let j = i + 1;
      while (j < body.length && /[A-Za-z0-9_.!%\-/:]/.test(body[j]!)) j++;
      const name = (c + body.slice(i + 1, j)).toUpperCase();
      if (name.length < 2) return { kind: 'invalid', at: i };
      let op: AtOperation = 'exec';
      let arg = '';
      if (body.startsWith('=?', j)) {
        op = 'test';
        j += 2;
      } else if (body[j] === '?') {
        op = 'read';
        j += 1;
      } else if (body[j] === '=') {
        op = 'set';
        j += 1;
        let quoted = false;
        const from = j;
        while (j < body.length && (quoted || body[j] !== ';')) {
          if (body[j] === '"') quoted = !quoted;
          j++;
        }
        arg = body.slice(from, j).trim();
      }
      const raw = body.slice(i, j);
      commands.push({ name, op, arg, text: `AT${upperOutsideQuotes(raw.trim())}` });
      i = j;
      continue;
    }
    if (/[A-Za-z&\\]/.test(c)) {
      let j = i;
      let name: string;
      if (c === '&' || c === '\\') {
        const letter = body[j + 1] ?? '';
        if (!/[A-Za-z]/.test(letter)) return { kind: 'invalid', at: i };
        name = c + letter.toUpperCase();
        j += 2;
      } else {
        name = c.toUpperCase();
        j += 1;
      }
      if (name === 'D') {
        // Dial takes the rest of the line as its string.
        const arg = body.slice(j).trim();
        commands.push({ name, op: 'exec', arg, text: `ATD${arg}` });
        break;
      }
      if (name === 'S') {
        const m = /^(\d+)\s*(=\s*(\d*)|\?)?/.exec(body.slice(j));
        if (!m) return { kind: 'invalid', at: i };
        const reg = `S${Number(m[1])}`;
        const op: AtOperation = m[2] === '?' ? 'read' : m[2] ? 'set' : 'exec';
        commands.push({ name: reg, op, arg: m[3] ?? '', text: `AT${m[0].replace(/\s+/g, '').toUpperCase()}` });
        i = j + m[0].length;
        continue;
      }
      const digits = /^\d*/.exec(body.slice(j))![0];
      j += digits.length;
      let op: AtOperation = 'exec';
      if (body[j] === '?') {
        op = 'read';
        j++;
      }
      commands.push({ name, op, arg: digits, text: `AT${name}${digits}${op === 'read' ? '?' : ''}` });
      i = j;
      continue;
    }
    return { kind: 'invalid', at: i };
  }
  return { kind: 'commands', commands };
}
