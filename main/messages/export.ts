// Messages as files and as terminal lines (ringfence messages list|export). Pure: whole messages in, text out.
// Every text here came from the network or from whoever sent the SMS: CSV cells that a spreadsheet would run as a
// formula get a leading apostrophe (papaparse's escapeFormulae, with the calls' CSV rule), and terminal lines carry no control or
// direction-changing characters.
import Papa from 'papaparse';
import type { Message } from '../../shared/domain.ts';

export const messageCsvColumns = [
  'id',
  'received_at',
  'network_time',
  'line_id',
  'simulated',
  'direction',
  'party',
  'normalized',
  'label',
  'rule_label',
  'flags_alert',
  'flags_code',
  'complete',
  'parts',
  'missing_parts',
  'part_ids',
  'incident_id',
  'text',
] as const;

// As in the calls' CSV: a plain signed number (+8613800138000) is not a formula and stays as it is.
const formula = /^[=@\t\r]|^[+-](?![\d.]+$)/;

export function messagesCsv(messages: readonly Message[]): string {
  const rows = messages.map((m) => [
    m.id,
    m.receivedAt,
    m.networkTime ?? '',
    m.lineId,
    m.simulated,
    m.direction,
    m.party ?? '',
    m.normalized ?? '',
    m.label,
    m.ruleLabel ?? '',
    m.flags.alert.join(' '),
    m.flags.code.join(' '),
    m.complete,
    m.total,
    m.missing.join(' '),
    m.partIds.join(' '),
    m.incidentId ?? '',
    m.text,
  ]);
  // A BOM so Excel reads the Chinese as UTF-8.
  return `\uFEFF${Papa.unparse({ fields: [...messageCsvColumns], data: rows }, { escapeFormulae: formula, newline: '\r\n' })}\r\n`;
}

export function messagesJson(messages: readonly Message[], meta: { exportedAt: string; from?: string; to?: string; head: string | null }): string {
  return `${JSON.stringify({ format: 'ringfence-messages', version: 1, ...meta, count: messages.length, messages }, null, 2)}\n`;
}

// C0/C1 controls become their Control Pictures (ESC → ␛) and direction controls a visible ⍰, so a sender's text
// can neither move the cursor nor reorder the line it is printed on.
// eslint-disable-next-line no-control-regex -- these are exactly the characters being neutralised
const controls = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const terminalSafe = (text: string) =>
  text.replace(controls, (c) => (c.charCodeAt(0) < 0x20 ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : c === '\u007f' ? '␡' : '⍰'));

/** One line per message: time, sender, flags, text (newlines shown as ␊). */
export function messageLine(m: Message): string {
  const who = m.direction === 'sent' ? `→ ${m.party ?? '?'}` : (m.party ?? '?');
  const flags = m.flags.alert.length ? ` [!${m.flags.alert.join(',')}]` : m.flags.code.length ? ' [code]' : '';
  const gap = m.complete ? '' : ` (${m.total - m.missing.length}/${m.total} parts)`;
  return terminalSafe(`${m.receivedAt}  ${who}${flags}${gap}  ${m.text}`);
}
