// What the host types, byte by byte, as a modem's command interpreter reads it: echo when echo is on, one
// command line per CR (backspace edits it, a stray LF or NUL before it is dropped, a runaway line is
// garbage), and — while a landline ATA in data mode waits for a carrier — any byte aborts the answer, the
// way the USR 5637 guide describes ("A"); after a "> " prompt (AT+CMGS) every byte is text for the command
// until Ctrl-Z or ESC; after AT+FSWRITE's "> " or AT+QFUPL's CONNECT exactly the announced count of bytes
// is a file's content, whatever they are. Pure bookkeeping over callbacks: the line (line.ts) owns the port.
import type { ModemState } from './profiles/profile.ts';

const CR = 13;
const LF = 10;
const BS = 8;
const CTRL_Z = 0x1a;
const ESC = 0x1b;
/** V.250 command lines are short; a runaway line is garbage, dropped like a modem's overflow. */
const maxLineLength = 1024;

export type HostReaderHooks = {
  state(): ModemState;
  setState(state: ModemState): void;
  /** Echo these bytes back to the host. */
  echo(bytes: Buffer): void;
  /** A byte came while a data-mode ATA waited for a carrier: the modem went on-hook (NO CARRIER). */
  answerAborted(at: number): void;
  /** A complete command line, with the moment its first byte was read. */
  line(text: string, firstByteAt: number): void;
  /** Whether a command is reading text after its "> " prompt; then each byte goes to `textByte`. */
  inText?(): boolean;
  textByte?(byte: number): void;
  /** Whether a command is reading a file's raw bytes (AT+FSWRITE, AT+QFUPL): no echo, no line editing. */
  inData?(): boolean;
  dataByte?(byte: number): void;
  /** After AT+VTX: the voice data up to <DLE><ETX>, unshielded (<DLE><DLE> is one 0x10). */
  voiceData(bytes: Buffer, firstByteAt: number): void;
};

export type HostReader = {
  read(chunk: Buffer, at: number): void;
  /** Forget a half-typed line (the end of a freeze: the modem lost what it was reading). */
  forgetLine(): void;
  /** Power-cycled (a replug): nothing half-typed, nothing being discarded. */
  reset(): void;
};

export function createHostReader(h: HostReaderHooks): HostReader {
  let buffer = '';
  let lineStartedAt: number | null = null;
  let discardUntilCr = false;
  let voice: number[] = [];
  let voiceAt: number | null = null;
  let afterDle = false;

  return {
    read(chunk, at) {
      let echo: number[] = [];
      const flushEcho = () => {
        if (echo.length) h.echo(Buffer.from(echo));
        echo = [];
      };
      for (const byte of chunk) {
        const state = h.state();
        if (state.voiceTx) {
          voiceAt ??= at;
          if (afterDle) {
            afterDle = false;
            if (byte === 0x10) voice.push(byte);
            else if (byte === 0x03) {
              const bytes = Buffer.from(voice);
              const started = voiceAt;
              voice = [];
              voiceAt = null;
              h.setState({ ...state, voiceTx: false });
              h.voiceData(bytes, started);
            }
            continue;
          }
          if (byte === 0x10) afterDle = true;
          else voice.push(byte);
          continue;
        }
        if (h.inData?.()) {
          h.dataByte?.(byte);
          continue;
        }
        if (h.inText?.()) {
          if (state.echo) echo.push(byte);
          // The reply to the text comes after its echo.
          if (byte === CTRL_Z || byte === ESC) flushEcho();
          h.textByte?.(byte);
          continue;
        }
        if (state.answering) {
          flushEcho();
          h.setState({ ...state, answering: false, hook: 'on' });
          h.answerAborted(at);
          discardUntilCr = byte !== CR;
          continue;
        }
        if (discardUntilCr) {
          discardUntilCr = byte !== CR;
          continue;
        }
        if (state.echo) echo.push(byte);
        if (byte === CR) {
          flushEcho();
          const text = buffer;
          const started = lineStartedAt ?? at;
          buffer = '';
          lineStartedAt = null;
          h.line(text, started);
          continue;
        }
        if (buffer === '' && (byte === LF || byte === 0)) continue;
        if (byte === BS) {
          buffer = buffer.slice(0, -1);
          continue;
        }
        if (buffer === '') lineStartedAt = at;
        buffer += String.fromCharCode(byte);
        if (buffer.length > maxLineLength) buffer = '';
      }
      flushEcho();
    },
    forgetLine() {
      buffer = '';
      lineStartedAt = null;
    },
    reset() {
      voice = [];
      voiceAt = null;
      afterDle = false;
      buffer = '';
      lineStartedAt = null;
      discardUntilCr = false;
    },
  };
}
