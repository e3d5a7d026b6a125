// The Messages side of the fake service: a verification-code flood with one extortion text hidden in it,
// a long message with a part that never came, keyword flags from the live settings, and a complaint SMS
// that is only "sent" (recorded in `sent`) with the draft's id and confirmed: true.
import type { ComplaintDraft, MessageQuery } from '../../../shared/api.ts';
import type { Message, SmsRecord } from '../../../shared/domain.ts';
import { flagText, foldForSearch } from '../../../shared/message-flags.ts';
import type { Settings } from '../../../shared/settings.ts';
import { ApiFailure, type Handlers } from '../../../main/service/api-host.ts';
import { localIso } from './fake-data.ts';

export const extortionText = '你欠的钱今天不还，就把你的照片发给你通讯录里所有人。加微信 zhai2024 私聊，转账后删除，不要报警。';

export function seedMessages(now: number, codes = 2000): Omit<Message, 'flags'>[] {
  const out: Omit<Message, 'flags'>[] = [];
  const base = {
    lineId: 'ttyUSB2',
    simulated: false,
    direction: 'received' as const,
    networkTime: null,
    partyKind: 'number' as const,
    label: 'unknown' as const,
    ruleLabel: null,
    complete: true,
    total: 1,
    missing: [],
    incidentId: 1,
  };
  for (let i = 0; i < codes; i++) {
    const at = now - (codes - i) * 9_000;
    const party = `+86170${String(10_000_000 + i * 37).slice(-8)}`;
    out.push({
      ...base,
      id: i + 1,
      receivedAt: localIso(at),
      party,
      normalized: party,
      text: `【某宝】您的验证码是${String(100000 + ((i * 7919) % 900000))}，5分钟内有效，请勿泄露。`,
      partIds: [i + 1],
    });
    if (i === Math.floor(codes * 0.6)) {
      out.push({
        ...base,
        id: codes + 1,
        receivedAt: localIso(at + 1000),
        party: '+8617012345678',
        normalized: '+8617012345678',
        text: extortionText,
        partIds: [codes + 1],
      });
    }
  }
  out.push({
    ...base,
    id: codes + 2,
    receivedAt: localIso(now - 1000),
    party: '10690000',
    normalized: null,
    text: '您的账户存在风险，请点击链接[…]',
    complete: false,
    total: 2,
    missing: [2],
    partIds: [codes + 2],
    incidentId: null,
  });
  return out;
}

export function messageHandlers(options: { now: number; settings: () => Settings; lineOperator: () => string | null; codes?: number }) {
  const messages = seedMessages(options.now, options.codes);
  const drafts = new Map<string, ComplaintDraft>();
  const sent: { to: string; text: string }[] = [];
  const withFlags = (m: Omit<Message, 'flags'>): Message => ({ ...m, flags: flagText(m.text, options.settings().messages.keywords) });

  const matches = (m: Message, q: MessageQuery) => {
    if (q.from && new Date(m.receivedAt) < new Date(q.from)) return false;
    if (q.to && new Date(m.receivedAt) > new Date(q.to)) return false;
    if (q.text && !foldForSearch(m.text).includes(foldForSearch(q.text))) return false;
    if (q.party && !(m.party ?? '').toLowerCase().includes(q.party.toLowerCase().replace(/^\+/, ''))) return false;
    if (q.label && m.label !== q.label) return false;
    if (q.lineId && m.lineId !== q.lineId) return false;
    if (q.flag === 'alert' && m.flags.alert.length === 0) return false;
    if (q.flag === 'code' && (m.flags.code.length === 0 || m.flags.alert.length > 0)) return false;
    if (q.flag === 'none' && (m.flags.alert.length > 0 || m.flags.code.length > 0)) return false;
    return true;
  };

  const handlers: Pick<Handlers, 'queryMessages' | 'getMessage' | 'prepareComplaintSms' | 'sendComplaintSms'> = {
    queryMessages: (q) => {
      const all = messages.map(withFlags).filter((m) => matches(m, q));
      all.sort((a, b) => (q.order === 'oldest' ? a.id - b.id : b.id - a.id));
      const start = q.cursor ? Number(q.cursor) : 0;
      const page = all.slice(start, start + q.limit);
      return {
        messages: page,
        nextCursor: start + q.limit < all.length ? String(start + q.limit) : null,
        counts: {
          total: all.length,
          alert: all.filter((m) => m.flags.alert.length > 0).length,
          code: all.filter((m) => m.flags.code.length > 0 && m.flags.alert.length === 0).length,
        },
      };
    },
    getMessage: ({ id }) => {
      const m = messages.find((x) => x.id === id);
      if (!m) throw new ApiFailure('no-such-message', { en: `There is no message ${id}.`, zh: `没有编号为 ${id} 的短信。` }, { status: 404 });
      const part: SmsRecord = {
        ...m,
        timeZone: 'Asia/Shanghai',
        text: m.text,
        encoding: 'ucs2',
        concat: null,
        pdu: '00',
        source: 'cmt',
        ruleId: null,
        problems: [],
        reference: null,
        status: null,
        hash: '0'.repeat(64),
      };
      return { message: withFlags(m), parts: [part] };
    },
    prepareComplaintSms: ({ number }) => {
      const to = options.lineOperator() === 'CHINA UNICOM' ? '10010999' : '10086999';
      const draft: ComplaintDraft = {
        draftId: `d-${drafts.size + 1}`,
        lineId: 'ttyUSB2',
        to,
        reportName: { en: 'China Mobile report line', zh: '中国移动举报平台' },
        text: `${number ?? '隐藏号码'}*骚扰：短信45条，含勒索/诈骗内容“你欠的钱今天不还…”。`,
        encoding: 'ucs2',
        parts: 1,
        reported: number ?? null,
        incidentId: null,
      };
      drafts.set(draft.draftId, draft);
      return draft;
    },
    sendComplaintSms: ({ draftId, text, confirmed }) => {
      const draft = drafts.get(draftId);
      if (!draft || confirmed !== true)
        throw new ApiFailure('draft-expired', { en: 'Prepare the report first, then confirm it.', zh: '请先准备举报短信，再确认发送。' }, { status: 409 });
      sent.push({ to: draft.to, text });
      return { ok: true, sent: [], error: null };
    },
  };
  return { handlers, sent, localIso };
}
