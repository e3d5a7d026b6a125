// Caller ID the way each modem family delivers it: the GSM +CLIP line (27.007 §7.6) in its Huawei and
// SIMCom/Quectel shapes, the landline formatted block (AT+VCID=1) and the raw SDMF/MDMF packet as ASCII
// hex (AT+VCID=2). Pure; the fixtures are the reference for every byte.

export type Presentation = 'allowed' | 'withheld' | 'unavailable' | 'none';
export type CallerIdentity = { number: string | null; presentation: Presentation; name?: string | undefined };

/** 27.007 CLI validity: 0 delivered, 1 withheld by the caller, 2 not available from the network. */
const validity = (p: Presentation) => (p === 'withheld' ? 1 : p === 'unavailable' ? 2 : 0);

/** 129 national/unknown, 145 international (a leading +), 128 when there is no number to type. */
export function numberType(caller: CallerIdentity): number {
  if (caller.presentation !== 'allowed' || !caller.number) return 128;
  return caller.number.startsWith('+') ? 145 : 129;
}

const shownNumber = (c: CallerIdentity) => (c.presentation === 'allowed' ? (c.number ?? '') : '');

/** A text parameter in the host's character set: after AT+CSCS="UCS2", UTF-16 code units in hex (27.007 §5.5). */
export function inCharset(text: string, cscs: string): string {
  if (cscs !== 'UCS2') return text;
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return hex;
}

/**
 * Huawei sends six fields with the subaddress pair left empty: `+CLIP: "+1234567890",145,,,,0`
 * (chan_dongle issue 82). SIMCom and Quectel fill them: `+CLIP: "",128,"",0,"",1` (pygsmmodem issue 24).
 */
export function clipLine(style: 'huawei' | 'simcom', c: CallerIdentity, cscs = 'IRA'): string {
  // Only the name follows +CSCS; the number stays digits (SIMCom's SIM800 manual, +CLIP <alpha>).
  const alpha = c.name ? `"${inCharset(c.name, cscs)}"` : style === 'simcom' ? '""' : '';
  const head = `+CLIP: "${shownNumber(c)}",${numberType(c)}`;
  return style === 'huawei' ? `${head},,,${alpha},${validity(c.presentation)}` : `${head},"",0,${alpha},${validity(c.presentation)}`;
}

/** +CLCC's line for a call: `+CLCC: 1,1,4,0,0,"13800138000",129` (status 4 incoming, 0 active, 5 waiting). */
export function clccLine(c: CallerIdentity, status: 'incoming' | 'active' | 'waiting', index = 1, cscs = 'IRA'): string {
  const stat = status === 'incoming' ? 4 : status === 'waiting' ? 5 : 0;
  return `+CLCC: ${index},1,${stat},0,0,"${shownNumber(c)}",${numberType(c)}${c.name ? `,"${inCharset(c.name, cscs)}"` : ''}`;
}

/** `+CCWA: "13800138000",129,1` (27.007 §7.12: number, type, class 1 voice, the CLIP alpha, CLI validity). */
export function ccwaLine(c: CallerIdentity, cscs = 'IRA'): string {
  return `+CCWA: "${shownNumber(c)}",${numberType(c)},1,${c.name ? `"${inCharset(c.name, cscs)}"` : ''},${validity(c.presentation)}`;
}

const two = (n: number) => String(n).padStart(2, '0');
const mmdd = (d: Date) => `${two(d.getMonth() + 1)}${two(d.getDate())}`;
const hhmm = (d: Date) => `${two(d.getHours())}${two(d.getMinutes())}`;

/** What the number field holds on a landline: the digits, or the one-letter reason (P private, O out of area). */
const landlineNumber = (c: CallerIdentity) => (c.presentation === 'withheld' ? 'P' : c.presentation === 'unavailable' ? 'O' : (c.number ?? 'O'));

/**
 * The lines of a formatted block. USRobotics writes `NMBR=6195550143` (thess/callattendant#11), Conexant
 * and most others `NMBR = 4075551212` (NCID's modem test). No block at all for `none`.
 */
export function formattedBlock(c: CallerIdentity, at: Date, layout: 'spaced' | 'unspaced'): string[] {
  if (c.presentation === 'none') return [];
  const eq = layout === 'spaced' ? ' = ' : '=';
  const lines = [`DATE${eq}${mmdd(at)}`, `TIME${eq}${hhmm(at)}`, `NMBR${eq}${landlineNumber(c)}`];
  if (c.name) lines.push(`NAME${eq}${c.name}`);
  return lines;
}

const checksum = (bytes: number[]) => (256 - (bytes.reduce((a, b) => a + b, 0) % 256)) % 256;
const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
const ascii = (s: string) => [...Buffer.from(s, 'utf8')];

/**
 * The packet the exchange sent, as the modem prints it with AT+VCID=2: SDMF (type 04: date, then the
 * number or P/O) when there is no name, MDMF (type 80: parameters 01 date, 02 number or 04 reason,
 * 07 name) when there is one. The checksum makes the byte sum 0 mod 256, as on the wire.
 */
export function hexPacket(c: CallerIdentity, at: Date): string | null {
  if (c.presentation === 'none') return null;
  const date = ascii(`${mmdd(at)}${hhmm(at)}`);
  const number = landlineNumber(c);
  let body: number[];
  if (!c.name) {
    const payload = [...date, ...ascii(number)];
    body = [0x04, payload.length, ...payload];
  } else {
    const params: number[] = [0x01, date.length, ...date];
    if (c.presentation === 'allowed' && c.number) params.push(0x02, ascii(c.number).length, ...ascii(c.number));
    else params.push(0x04, 1, ...ascii(number));
    const name = ascii(c.name).slice(0, 255);
    params.push(0x07, name.length, ...name);
    body = [0x80, params.length, ...params];
  }
  return hex([...body, checksum(body)]);
}
