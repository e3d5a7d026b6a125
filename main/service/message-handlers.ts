// The Messages API: search the recorded SMS as whole messages, and the complaint SMS — prepared from an
// incident or a number, shown exactly, sent only with the user's explicit confirmation of that very draft.
import type { ComplaintDraft, MessageQuery, Statistics } from '../../shared/api.ts';
import { foldForSearch } from '../../shared/message-flags.ts';
import { formatNumber } from '../../shared/phone.ts';
import type { Message, SmsRecord } from '../../shared/domain.ts';
import { resolveRange, systemTimeZone, type History } from '../history/index.ts';
import { complaintSms, reportNumberFor, type ReportNumber } from '../messages/index.ts';
import { maxParts, submitShape } from '../modem/index.ts';
import type { SettingsStore } from '../settings/index.ts';
import { ApiFailure, type Handlers } from './api-host.ts';
import type { LineSet } from './lines.ts';
import type { MessageDesk } from './messages.ts';
import { texts } from './texts.ts';

type MessageHandlers = Pick<Handlers, 'queryMessages' | 'getMessage' | 'prepareComplaintSms' | 'sendComplaintSms'>;

export type MessageHandlerContext = {
  history: History;
  settings: SettingsStore;
  lines: LineSet;
  desk: MessageDesk;
  newId: () => string;
  now: () => Date;
};

/** A draft is good for half an hour: the confirmation is for the text the user just read. */
const draftLifeMs = 30 * 60_000;
/** A complaint covers at most this many calls of a number or an incident (enough for any count it states). */
const callPages = 50;

const pad = (n: number) => String(n).padStart(2, '0');
/** "2025-03-04 14:02" in the time the record was written in (its own offset). */
const localMinute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The Statistics page's SMS figures: received messages (simulated left out), flagged, codes, per incident. */
export function messageFigures(messages: readonly Message[]): Statistics['messages'] {
  const received = messages.filter((m) => m.direction === 'received' && !m.simulated);
  const flagged = (m: Message) => m.flags.alert.length > 0;
  const perIncident = new Map<number, { incidentId: number; received: number; flagged: number }>();
  for (const m of received) {
    if (m.incidentId === null) continue;
    const row = perIncident.get(m.incidentId) ?? { incidentId: m.incidentId, received: 0, flagged: 0 };
    row.received++;
    if (flagged(m)) row.flagged++;
    perIncident.set(m.incidentId, row);
  }
  return {
    received: received.length,
    flagged: received.filter(flagged).length,
    codes: received.filter((m) => !flagged(m) && m.flags.code.length > 0).length,
    perIncident: [...perIncident.values()],
  };
}

export function buildMessageHandlers(ctx: MessageHandlerContext): MessageHandlers {
  const { history, settings, lines, desk } = ctx;
  const drafts = new Map<string, ComplaintDraft & { expires: number }>();

  function search(q: ReturnType<typeof parseQuery>) {
    const fromMs = q.from ? Date.parse(q.from) : undefined;
    const toMs = q.to ? Date.parse(q.to) : undefined;
    const parts = history.listSms({
      ...(fromMs !== undefined ? { fromMs } : {}),
      ...(toMs !== undefined ? { toMs } : {}),
      ...(q.lineId ? { lineId: q.lineId } : {}),
      ...(q.party ? { party: q.party } : {}),
      order: 'oldest',
    });
    const text = q.text ? foldForSearch(q.text) : null;
    let messages = desk
      .messages(parts)
      .filter(
        (m) =>
          (q.incidentId === undefined || m.incidentId === q.incidentId) && (!q.label || m.label === q.label) && (!q.direction || m.direction === q.direction),
      )
      .filter((m) => text === null || foldForSearch(m.text).includes(text));
    const counts = {
      total: messages.length,
      alert: messages.filter((m) => m.flags.alert.length > 0).length,
      code: messages.filter((m) => m.flags.code.length > 0).length,
    };
    if (q.flag === 'alert') messages = messages.filter((m) => m.flags.alert.length > 0);
    if (q.flag === 'code') messages = messages.filter((m) => m.flags.code.length > 0 && m.flags.alert.length === 0);
    if (q.flag === 'none') messages = messages.filter((m) => m.flags.alert.length === 0 && m.flags.code.length === 0);
    if (q.order !== 'oldest') messages.reverse();
    return { messages, counts };
  }

  const parseQuery = (q: MessageQuery) => resolveRange(q, systemTimeZone());

  function facts(input: { incidentId?: number | undefined; number?: string | undefined }, lineId: string) {
    let from: string | undefined;
    let to: string | undefined;
    if (input.incidentId !== undefined) {
      const incident = history.incidents().find((i) => i.id === input.incidentId);
      if (!incident) throw new ApiFailure('no-such-incident', texts.noSuchIncident(input.incidentId), { status: 404 });
      from = incident.startedAt;
      to = incident.endedAt ?? ctx.now().toISOString();
    }
    // Count the calls: of the number, or in the incident (then the number reported is its most frequent caller).
    const byCaller = new Map<string, { calls: number; blocked: number }>();
    let first: string | null = null;
    let last: string | null = null;
    let cursor: string | null = null;
    for (let page = 0; page < callPages; page++) {
      const r = history.query({
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(input.number ? { number: input.number } : {}),
        order: 'oldest',
        limit: 1000,
        cursor,
      });
      for (const c of r.calls) {
        first ??= c.startedAt;
        last = c.startedAt;
        const key = c.number ?? '';
        const n = byCaller.get(key) ?? { calls: 0, blocked: 0 };
        n.calls++;
        if (c.decision.action !== 'allow') n.blocked++;
        byCaller.set(key, n);
      }
      cursor = r.nextCursor;
      if (!cursor) break;
    }
    const top = [...byCaller.entries()].filter(([k]) => k !== '').sort((a, b) => b[1].calls - a[1].calls)[0];
    const reported = input.number ?? top?.[0] ?? null;
    const theirs = reported ? byCaller.get(reported) : undefined;
    const sms = search(
      parseQuery({
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(reported && input.incidentId === undefined ? { party: reported } : {}),
        direction: 'received',
        limit: 1000,
        order: 'oldest',
      }),
    );
    const received = sms.messages.filter((m) => input.incidentId === undefined || m.incidentId === input.incidentId || m.party === reported);
    const quote = received.find((m) => m.flags.alert.length > 0)?.text ?? null;
    const times = [first, last, ...received.map((m) => m.receivedAt)].filter((t): t is string => t !== null).sort((a, b) => Date.parse(a) - Date.parse(b));
    const now = ctx.now();
    const nowText = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
    return {
      reported,
      from: times[0] ? localMinute(times[0]) : nowText,
      to: times.at(-1) ? localMinute(times.at(-1)!) : nowText,
      calls: input.incidentId !== undefined && !input.number ? (theirs?.calls ?? 0) : [...byCaller.values()].reduce((a, b) => a + b.calls, 0),
      blockedCalls: input.incidentId !== undefined && !input.number ? (theirs?.blocked ?? 0) : [...byCaller.values()].reduce((a, b) => a + b.blocked, 0),
      messages: received.length,
      ownNumber: settings.get().evidence.lineNumbers[lineId]?.[0] ?? null,
      quote,
    };
  }

  return {
    queryMessages(q) {
      const parsed = parseQuery(q);
      const { messages, counts } = search(parsed);
      const offset = parsed.cursor ? Number(parsed.cursor) : 0;
      const limit = parsed.limit ?? 100;
      const page = messages.slice(Number.isFinite(offset) ? offset : 0, offset + limit);
      return { messages: page, nextCursor: offset + limit < messages.length ? String(offset + limit) : null, counts };
    },
    getMessage({ id }) {
      const part = history.getSms(id);
      if (!part) throw new ApiFailure('no-such-message', texts.noSuchMessage(id), { status: 404 });
      // Its siblings are the same party's parts on the same line within a day (a long message arrives together).
      const ms = Date.parse(part.receivedAt);
      const around = history.listSms({
        lineId: part.lineId,
        fromMs: ms - 24 * 3600_000,
        toMs: ms + 24 * 3600_000,
        order: 'oldest',
        ...(part.party ? { party: part.party } : {}),
      });
      const message: Message | undefined = desk.messages(around).find((m) => m.partIds.includes(id));
      if (!message) throw new ApiFailure('no-such-message', texts.noSuchMessage(id), { status: 404 });
      const parts: SmsRecord[] = around.filter((p) => message.partIds.includes(p.id));
      return { message, parts };
    },
    prepareComplaintSms(input) {
      if (input.incidentId === undefined && !input.number) throw new ApiFailure('nothing-to-report', texts.nothingToReport(), { status: 400 });
      const line = input.lineId ? lines.status(input.lineId) : lines.smsReady()[0];
      if (!line || !line.sms?.ready) throw new ApiFailure('no-sms-line', texts.noSmsLine(), { status: 409 });
      const custom = settings.get().messages.reportNumber;
      const report: ReportNumber = custom
        ? { id: '12321', number: custom.number, name: texts.customReportNumber(custom.number), operator: null, format: custom.format }
        : reportNumberFor(line.operator);
      const f = facts(input, line.id);
      // The desks take the number as dialled at home: 13800138000, not +8613800138000.
      const asDialled = f.reported ? formatNumber(f.reported, settings.get().homeCountry).replace(/[\s().-]/g, '') : null;
      const text = complaintSms({ ...f, reported: asDialled }, report);
      const shape = submitShape(text);
      const draft: ComplaintDraft = {
        draftId: ctx.newId(),
        lineId: line.id,
        to: report.number,
        reportName: report.name,
        text,
        encoding: shape.encoding === 'ucs2' ? 'ucs2' : 'gsm7',
        parts: shape.parts,
        reported: f.reported,
        incidentId: input.incidentId ?? null,
      };
      drafts.set(draft.draftId, { ...draft, expires: ctx.now().getTime() + draftLifeMs });
      return draft;
    },
    async sendComplaintSms(input) {
      const draft = drafts.get(input.draftId);
      // The zod contract already demands `confirmed: true`; a draft unknown, expired or used is refused too.
      if (!draft || draft.expires < ctx.now().getTime() || input.confirmed !== true)
        throw new ApiFailure('draft-expired', texts.draftExpired(), { status: 409 });
      if (submitShape(input.text).parts > maxParts)
        throw new ApiFailure('invalid-input', texts.invalidInput(`the text needs more than ${maxParts} SMS parts`), { status: 400 });
      drafts.delete(input.draftId);
      const line = lines.status(draft.lineId);
      if (!line) throw new ApiFailure('no-sms-line', texts.noSmsLine(), { status: 409 });
      const result = await lines.sendSms(draft.lineId, draft.to, input.text);
      const recorded = await desk.recordSent(draft.lineId, line.simulated, result, draft.incidentId);
      return { ok: recorded.ok, sent: recorded.sent, error: recorded.error === null ? null : texts.sendFailed(recorded.error) };
    },
  };
}
