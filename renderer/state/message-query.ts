// The Messages filters as the user sets them, and the MessageQuery they become. Pure.
import type { MessageQuery } from '../../shared/api.ts';
import type { SenderLabel } from '../../shared/domain.ts';
import { dayEndIso, dayStartIso } from '../format/time.ts';

export type MessageFilters = {
  fromDay: string;
  toDay: string;
  /** Words in the text. */
  text: string;
  /** Part of the sender's number or name. */
  party: string;
  flag: 'alert' | 'code' | 'none' | '';
  label: SenderLabel | '';
  lineId: string;
  direction: 'received' | 'sent' | '';
};

export const noMessageFilters: MessageFilters = { fromDay: '', toDay: '', text: '', party: '', flag: '', label: '', lineId: '', direction: '' };

export const MESSAGE_PAGE = 100;

export function toMessageQuery(f: MessageFilters): MessageQuery {
  const q: MessageQuery = { limit: MESSAGE_PAGE, order: 'newest' };
  if (f.fromDay) q.from = dayStartIso(f.fromDay);
  if (f.toDay) q.to = dayEndIso(f.toDay);
  const text = f.text.trim();
  if (text) q.text = text;
  const party = f.party.trim();
  if (party) q.party = /^[\d\s\-+().]+$/.test(party) ? party.replace(/[\s\-().]/g, '') : party;
  if (f.flag) q.flag = f.flag;
  if (f.label) q.label = f.label;
  if (f.lineId) q.lineId = f.lineId;
  if (f.direction) q.direction = f.direction;
  return q;
}

export const isUnfilteredMessages = (f: MessageFilters) => JSON.stringify(f) === JSON.stringify(noMessageFilters);
