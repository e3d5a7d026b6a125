// A list file arrives in chunks (a stream, a file read block by block); the parsers want whole entries. The
// segmenter cuts the text only where an entry cannot continue — after a line break for plain text and NCID,
// after a line break outside quotes for CSV, after END:VCARD for vCard — so each segment parses on its own
// and a 10-million-line file is never held whole. Line breaks are normalised to \n here, once.
import { RuleError } from '../errors.ts';
import { importTexts } from './texts.ts';
import type { FileFormat } from './types.ts';

export type Segment = { text: string; firstLine: number };

/** Where the text may be cut: the index just after the last safe line break, or -1. */
function cutPoint(format: FileFormat, text: string): number {
  if (format === 'csv') {
    // A quoted cell may hold line breaks; cut only where the quotes seen so far are balanced.
    let open = false;
    let cut = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) open = !open;
      else if (c === 10 && !open) cut = i + 1;
    }
    return cut;
  }
  if (format === 'vcard') {
    const re = /^END:VCARD[ \t]*\n/gim;
    let cut = -1;
    for (let m = re.exec(text); m; m = re.exec(text)) cut = m.index + m[0].length;
    return cut;
  }
  const i = text.lastIndexOf('\n');
  return i < 0 ? -1 : i + 1;
}

const countLines = (text: string) => {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

export class Segmenter {
  readonly #format: FileFormat;
  readonly #maxPending: number;
  #pending = '';
  #line = 1;
  #first = true;

  /** `maxPending`: how much text may wait for a cut before the file is refused (one entry cannot be this long). */
  constructor(format: FileFormat, maxPending: number) {
    this.#format = format;
    this.#maxPending = maxPending;
  }

  push(chunk: string): Segment[] {
    let text = this.#pending + chunk;
    if (this.#first) {
      text = text.replace(/^\uFEFF/, '');
      this.#first = false;
    }
    // A \r at the very end may be the first half of \r\n: keep it for the next chunk.
    const held = text.endsWith('\r') ? '\r' : '';
    if (held) text = text.slice(0, -1);
    text = text.replace(/\r\n?/g, '\n');
    const cut = cutPoint(this.#format, text);
    if (cut < 0) {
      this.#pending = text + held;
      if (this.#pending.length > this.#maxPending) throw new RuleError('import-line-too-long', importTexts.entryTooLong(this.#line, this.#maxPending));
      return [];
    }
    const segment = { text: text.slice(0, cut), firstLine: this.#line };
    this.#line += countLines(segment.text);
    this.#pending = text.slice(cut) + held;
    if (this.#pending.length > this.#maxPending) throw new RuleError('import-line-too-long', importTexts.entryTooLong(this.#line, this.#maxPending));
    return [segment];
  }

  end(): Segment[] {
    const text = this.#pending.replace(/\r\n?/g, '\n');
    this.#pending = '';
    return text === '' ? [] : [{ text, firstLine: this.#line }];
  }
}
