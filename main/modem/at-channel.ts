// The AT channel: one command in flight, a queue, a timeout per command, and unsolicited result codes
// always delivered as events, never eaten by the pending command: a RING can land before a command's
// echo, between the command and its reply, or in the middle of a multi-line reply. Transport-free: the
// owner gives it a `write` function and feeds it the lines the modem sends.
import { finalResult, type FinalResult } from './result-codes.ts';
import { isCallSignal, isStatusUrc } from './urc.ts';

export type AtStatus = 'ok' | 'error' | 'timeout' | 'closed';

/** A command's outcome as a value: modems answer ERROR all the time, and that is not an exception. */
export type AtResult = {
  command: string;
  status: AtStatus;
  final: FinalResult | null;
  /** Information lines of the reply (echo, blank lines and URCs removed). */
  lines: string[];
  /** Monotonic time the command was written, or null if it never was. */
  writtenAt: number | null;
};

export type SendOptions = {
  timeoutMs?: number;
  /** Prefix of the reply's information lines (`+CSQ`): a line with it is the reply even if it looks unsolicited. */
  expect?: string;
  /** ATA/ATD: CONNECT, NO CARRIER, BUSY… end this command instead of being unsolicited. */
  dial?: boolean;
  /** Jump the queue (hang-ups): it is written as soon as the command in flight finishes. */
  priority?: boolean;
  /** Called the moment the command is handed to the port. */
  onWritten?: (at: number) => void;
  /**
   * Called with the result the moment its final line is read, before the next line of the same read is
   * looked at (the promise settles a microtask later, after them): a hang-up's OK must be known before a
   * RING that follows it in the same read is judged.
   */
  onFinal?: (result: AtResult) => void;
  /** The line after each `expect` line is part of the reply whatever it looks like (a PDU after +CMGR:). */
  dataAfterExpect?: boolean;
  /**
   * Text to write once the modem prompts for it with "> " (AT+CMGS: the PDU and Ctrl-Z), or bytes written
   * raw (SIMCom AT+FSWRITE: a file's content). The owner reports the prompt with `prompt()`, since a prompt
   * has no line end for the line splitter to see.
   */
  prompt?: string | Uint8Array;
  /**
   * Bytes to write raw when the modem answers CONNECT, the command then waiting for its real final result
   * (Quectel AT+QFUPL: CONNECT, the file's bytes, `+QFUPL: <size>,<checksum>`, OK).
   */
  afterConnect?: Uint8Array;
  /**
   * Write these bytes instead of `<command>\r` and take the modem's next final result as their reply: a voice
   * modem answers OK once the audio sent after AT+VTX's CONNECT (ended by <DLE><ETX>) is played. `command`
   * only names it in logs and results.
   */
  raw?: Uint8Array;
};

type Pending = {
  command: string;
  options: SendOptions;
  lines: string[];
  echoSeen: boolean;
  /** The previous line matched `expect` and `dataAfterExpect` is set: this line is reply data. */
  dataNext: boolean;
  /** The prompt text has been written. */
  prompted: boolean;
  writtenAt: number | null;
  timer: ReturnType<typeof setTimeout> | null;
  resolve: (r: AtResult) => void;
};

export type AtChannel = {
  send(command: string, options?: SendOptions): Promise<AtResult>;
  /** A line from the modem (blank lines are ignored). */
  receive(line: string): void;
  /** Whether a command is in flight or queued. */
  busy(): boolean;
  /** Fail everything pending with 'closed' (the port went away). */
  close(): void;
  /** The modem printed its "> " prompt: the command in flight may write its `prompt` text now. */
  prompt(): void;
  /** Whether the command in flight waits for a prompt (the owner then watches for "> "). */
  awaitingPrompt(): boolean;
};

export type AtChannelOptions = {
  write: (text: string) => void;
  /** An unsolicited line; `body` is the second line of a two-line URC (the PDU after `+CMT: ,25`). */
  onUrc: (line: string, body?: string) => void;
  /**
   * Headers of two-line URCs: the next line belongs to them, whatever command is pending. Return true for a
   * header that announces a second line (SMS in PDU mode), false for one that does not.
   */
  twoLineUrc?: (line: string) => boolean;
  /** Whether a line can be the second line of a two-line URC; when not, the header is delivered alone. */
  isUrcBody?: (line: string) => boolean;
  /** Raw bytes (SendOptions.raw); a channel without it fails such a send as 'closed'. */
  writeRaw?: (bytes: Uint8Array) => void;
  clock?: () => number;
  defaultTimeoutMs?: number;
  log?: (dir: 'in' | 'out' | 'info' | 'warn', text: string) => void;
  /** A command got no final result in time: the owner decides whether the modem is hung. */
  onTimeout?: (command: string) => void;
};

/** Echo comparison ignores case and spaces: `ATE0 V1 Q0` comes back as typed, or as `ate0v1q0`. */
const squash = (s: string) => s.replace(/\s+/g, '').toUpperCase();

export function createAtChannel(opts: AtChannelOptions): AtChannel {
  const clock = opts.clock ?? (() => performance.now());
  const log = opts.log ?? (() => {});
  const queue: Pending[] = [];
  let current: Pending | null = null;
  let closed = false;

  const finish = (p: Pending, status: AtStatus, final: FinalResult | null) => {
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    if (current === p) current = null;
    const result: AtResult = { command: p.command, status, final, lines: p.lines, writtenAt: p.writtenAt };
    try {
      p.options.onFinal?.(result);
    } catch (error) {
      log('warn', `result handler of ${p.command} failed: ${(error as Error).message}`);
    }
    p.resolve(result);
  };

  const next = () => {
    if (current || closed) return;
    const p = queue.shift();
    if (!p) return;
    current = p;
    const at = clock();
    p.writtenAt = at;
    try {
      if (p.options.raw === undefined) opts.write(`${p.command}\r`);
      else if (opts.writeRaw) opts.writeRaw(p.options.raw);
      else throw new Error('this channel cannot write raw bytes');
    } catch (error) {
      log('warn', `write of ${p.command} failed: ${(error as Error).message}`);
      finish(p, 'closed', null);
      next();
      return;
    }
    log('out', p.command);
    p.options.onWritten?.(at);
    p.timer = setTimeout(
      () => {
        if (current !== p) return;
        log('warn', `no reply to ${p.command} within ${p.options.timeoutMs ?? opts.defaultTimeoutMs ?? 2000} ms`);
        // A modem left waiting for text after its "> " would take the next command as message text: ESC ends it.
        if (p.options.prompt !== undefined) {
          try {
            opts.write('\u001b');
          } catch {
            // The port is gone; nothing waits for text any more.
          }
        }
        finish(p, 'timeout', null);
        opts.onTimeout?.(p.command);
        next();
      },
      p.options.timeoutMs ?? opts.defaultTimeoutMs ?? 2000,
    );
  };

  /** A file's bytes after the modem's "> " or CONNECT: raw, logged by size (they are not text). */
  const writeData = (p: Pending, bytes: Uint8Array, after: string) => {
    try {
      if (!opts.writeRaw) throw new Error('this channel cannot write raw bytes');
      opts.writeRaw(bytes);
      log('out', `(after ${after}) <${bytes.length} bytes>`);
    } catch (error) {
      log('warn', `write after ${after} of ${p.command} failed: ${(error as Error).message}`);
    }
  };

  // The header of a two-line URC waiting for its second line.
  let urcHeader: string | null = null;

  const urc = (line: string, body?: string) => {
    try {
      opts.onUrc(line, body);
    } catch (error) {
      // A listener's bug must not desynchronise the channel.
      log('warn', `URC handler failed on "${line}": ${(error as Error).message}`);
    }
  };

  return {
    send(command, options = {}) {
      if (closed) return Promise.resolve({ command, status: 'closed', final: null, lines: [], writtenAt: null });
      return new Promise<AtResult>((resolve) => {
        // Raw data is not echoed (a voice modem in voice mode echoes nothing of the audio).
        const p: Pending = {
          command,
          options,
          lines: [],
          echoSeen: options.raw !== undefined,
          dataNext: false,
          prompted: false,
          writtenAt: null,
          timer: null,
          resolve,
        };
        if (options.priority) queue.unshift(p);
        else queue.push(p);
        next();
      });
    },
    receive(raw) {
      const line = raw.trim();
      if (line === '') return;
      log('in', line);
      if (urcHeader !== null) {
        const header = urcHeader;
        urcHeader = null;
        if (opts.isUrcBody?.(line) ?? true) return urc(header, line);
        log('warn', `"${header}" was not followed by its second line`);
        urc(header);
        // …and this line is read as what it is.
      }
      if (opts.twoLineUrc?.(line)) {
        urcHeader = line;
        return;
      }
      const p = current;
      if (!p) {
        const final = finalResult(line);
        if (final && final.kind !== 'call-progress') return log('info', `stray ${line} (no command pending)`);
        // An echo of a command that already timed out, or typed on another terminal: not for us.
        if (!final && /^AT/i.test(line) && !isCallSignal(line)) return;
        return urc(line);
      }
      if (!p.echoSeen && squash(line) === squash(p.command)) {
        p.echoSeen = true;
        return;
      }
      if (p.dataNext) {
        p.dataNext = false;
        // Data, but never a final result: a reply cut short by an error still ends the command.
        if (!finalResult(line)) {
          p.lines.push(line);
          return;
        }
      }
      const final = finalResult(line);
      if (final) {
        if (final.kind === 'call-progress' && final.code === 'CONNECT' && p.options.afterConnect && !p.prompted) {
          p.prompted = true;
          writeData(p, p.options.afterConnect, 'CONNECT');
          return;
        }
        if (final.kind === 'call-progress' && !p.options.dial) return urc(line);
        finish(p, final.kind === 'ok' || final.kind === 'call-progress' ? 'ok' : 'error', final);
        next();
        return;
      }
      // A caller-ID or ring line is never a reply (`+CLIP: 1,1`, the reply to AT+CLIP?, is not one).
      if (isCallSignal(line)) return urc(line);
      const expected = p.options.expect && line.toUpperCase().startsWith(p.options.expect.toUpperCase());
      if (!expected && isStatusUrc(line)) return urc(line);
      if (expected && p.options.dataAfterExpect) p.dataNext = true;
      p.lines.push(line);
    },
    prompt() {
      const p = current;
      if (!p || p.options.prompt === undefined || p.prompted || p.writtenAt === null) return;
      p.prompted = true;
      const text = p.options.prompt;
      if (typeof text !== 'string') return writeData(p, text, 'the prompt');
      try {
        opts.write(text);
        log('out', `(after the prompt) ${[...text].map((c) => (c < ' ' ? `<${c.charCodeAt(0).toString(16).padStart(2, '0')}>` : c)).join('')}`);
      } catch (error) {
        log('warn', `write after the prompt of ${p.command} failed: ${(error as Error).message}`);
      }
    },
    awaitingPrompt: () => current !== null && current.options.prompt !== undefined && !current.prompted,
    busy: () => current !== null || queue.length > 0,
    close() {
      closed = true;
      urcHeader = null;
      const all = [...(current ? [current] : []), ...queue.splice(0)];
      current = null;
      for (const p of all) finish(p, 'closed', null);
    },
  };
}
