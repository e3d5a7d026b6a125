// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1), and septet packing
// (TS 23.040 §9.2.3.24). Pure. Hand-written with the rest of the PDU codec: see ./pdu.ts for why no npm
// library is used (node-pdu 2.1.1 decodes 0x5F as "`" instead of "§", among worse faults).

/** Code point → character, 0x00–0x7F. 0x1B is the escape to the extension table. */
const basic = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Extension table (after 0x1B): form feed, ^ { } \ [ ~ ] | €. */
const extension: Record<number, string> = { 0x0a: '\f', 0x14: '^', 0x28: '{', 0x29: '}', 0x2f: '\\', 0x3c: '[', 0x3d: '~', 0x3e: ']', 0x40: '|', 0x65: '€' };

export const ESC = 0x1b;

const basicCode = new Map<string, number>();
for (let i = 0; i < basic.length; i++) if (i !== ESC) basicCode.set(basic[i]!, i);
const extensionCode = new Map<string, number>(Object.entries(extension).map(([code, ch]) => [ch, Number(code)]));

/** Septet codes → text. An escape to an unknown extension shows the basic character (TS 23.038 §6.2.1.1). */
export function septetsToText(septets: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < septets.length; i++) {
    const s = septets[i]! & 0x7f;
    if (s === ESC) {
      const next = septets[i + 1];
      if (next === undefined) break; // a lone escape at the end: nothing to show
      i++;
      out += extension[next & 0x7f] ?? basic[next & 0x7f];
      continue;
    }
    out += basic[s];
  }
  return out;
}

/** Text → septet codes, or null when a character has no GSM 7-bit form (the text needs UCS2). */
export function textToSeptets(text: string): number[] | null {
  const out: number[] = [];
  for (const ch of text) {
    const code = basicCode.get(ch);
    if (code !== undefined) {
      out.push(code);
      continue;
    }
    const ext = extensionCode.get(ch);
    if (ext === undefined) return null;
    out.push(ESC, ext);
  }
  return out;
}

/**
 * Unpacks `count` septets from octets (least significant bits first). `skipBits` drops leading bits: the
 * user data header and its fill bits when the header sits in front of 7-bit text.
 */
export function unpackSeptets(octets: Uint8Array, count: number, skipBits = 0): number[] | null {
  const out: number[] = [];
  for (let n = 0; n < count; n++) {
    const bit = skipBits + n * 7;
    const i = bit >> 3;
    const shift = bit & 7;
    if (i >= octets.length) return null;
    let v = octets[i]! >> shift;
    if (shift > 1) {
      const hi = octets[i + 1];
      if (hi === undefined) {
        // The last septet may end exactly at the last octet's top bit; more than that is a truncated PDU.
        return null;
      }
      v |= hi << (8 - shift);
    }
    out.push(v & 0x7f);
  }
  return out;
}

/** Packs septets into octets after `fillBits` zero bits (the padding that aligns text after a header). */
export function packSeptets(septets: readonly number[], fillBits = 0): Uint8Array {
  const bits = fillBits + septets.length * 7;
  const out = new Uint8Array(Math.ceil(bits / 8));
  septets.forEach((s, n) => {
    const bit = fillBits + n * 7;
    const i = bit >> 3;
    const shift = bit & 7;
    out[i]! |= (s << shift) & 0xff;
    if (shift > 1) out[i + 1]! |= s >> (8 - shift);
  });
  return out;
}
