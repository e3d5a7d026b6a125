// The evidence report: one self-contained HTML file (inline CSS and SVG, a Content-Security-Policy that
// forbids anything external) that prints cleanly to A4. It leads with the flood incidents — each one
// harassment campaign, with its figures counted from the chained records and a complaint for it as a whole —
// then the ready-to-file texts (12321 form, operator SMS), the totals, the numbers that meet the stated
// threshold with their own complaints, a one-page summary for the police, every call, and how to verify.
// Figures carry data-figure attributes so a test (or a lawyer's script) can read them.
import { complaintText, deservesComplaint } from '../complaint.ts';
import type { StoredCall } from '../columns.ts';
import { form12321, incidentComplaint, operatorSms, policeSummary, type FilingContext } from '../filing.ts';
import { dailyChart } from './chart.ts';
import { escapeHtml as h, percent } from './format.ts';
import { incidentFigures, type IncidentFigures, type IncidentSpan } from './incidents.ts';
import { collectReportData, type ReportData } from './report-data.ts';
import { reportText, type Language } from './texts.ts';
import { formatNumber } from '../../../shared/phone.ts';
import { formatCalendarDay, formatRecordedTime } from '../../../shared/datetime.ts';
import type { Message, SmsRecord } from '../../../shared/domain.ts';
import { listSms } from '../sms.ts';
import type { Snapshot } from './snapshot.ts';
import { progress, type ExportSink } from './sink.ts';

export type ReportOptions = {
  language: Language;
  /** The user's home country (settings.homeCountry): numbers are shown as the app shows them (shared/phone.ts). */
  homeCountry?: string;
  from?: string;
  to?: string;
  numbers?: string[];
  incidents: readonly IncidentSpan[];
  line?: { label: string; number?: string };
  /** The user's own numbers (settings, per line): named as the harassed number, never reported. */
  ownNumbers?: string[];
  /** Numbers the user chose to leave out before exporting. */
  exclude?: string[];
  /** The shield's window: an incident's figures start this long before it engaged. */
  windowMinutes?: number;
  generatedAt: string;
  /**
   * Joins recorded SMS parts into whole messages with their keyword flags (main/messages, given by the
   * service or the CLI with the user's keyword lists). Without it, SMS are counted per part and none is quoted.
   */
  messages?: (parts: readonly SmsRecord[]) => Message[];
};

type SmsFigures = { received: number; flagged: Message[]; codes: number };

/** A number as the app shows it (home country national, others international): the one formatter, shared/phone.ts. */
const shown = (opts: Pick<ReportOptions, 'homeCountry'>, number: string) => formatNumber(number, opts.homeCountry);

/** A moment as the recording clock showed it, in the report's language, with its zone unless said otherwise (shared/datetime.ts). */
const at = (opts: Pick<ReportOptions, 'language'>, iso: string, zone = true) => formatRecordedTime(iso, opts.language, { zone });

/**
 * Escapes a ready-to-file text and keeps every number in it on one line: a number broken over two lines is
 * misread, and "135 1111 2222" has spaces a browser may break at. The text copied stays the plain text
 * (ordinary spaces); only the layout holds the number together.
 */
function textKeepingNumbers(text: string, numbers: readonly string[]): string {
  const escaped = h(text);
  const whole = [...new Set(numbers.map(h))].filter((n) => /[\s-]/.test(n)).sort((a, b) => b.length - a.length);
  if (whole.length === 0) return escaped;
  const pattern = new RegExp(whole.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return escaped.replace(pattern, (n) => `<span class="num">${n}</span>`);
}

/** The SMS received between two moments (simulated ones left out), as the report counts and quotes them. */
function smsFigures(snapshot: Snapshot, fromMs: number | undefined, toMs: number | undefined, join: ReportOptions['messages']): SmsFigures {
  const parts = listSms(snapshot.db, { ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}), order: 'oldest' }).filter(
    (s) => s.direction === 'received' && !s.simulated && s.id <= snapshot.lastId,
  );
  if (!join) return { received: parts.length, flagged: [], codes: 0 };
  const messages = join(parts);
  return {
    received: messages.length,
    flagged: messages.filter((m) => m.flags.alert.length > 0),
    codes: messages.filter((m) => m.flags.code.length > 0 && m.flags.alert.length === 0).length,
  };
}

function flaggedList(flagged: readonly Message[], opts: ReportOptions, attribute: string): string {
  const language = opts.language;
  const t = reportText[language];
  if (flagged.length === 0) return '';
  const items = flagged
    .map(
      (m) =>
        `<li><span class="time">${h(at(opts, m.receivedAt))}</span> ${h(t.smsFrom)} <span class="num">${h(m.party === null ? '—' : shown(opts, m.party))}</span> (${h(t.smsKeywords)}: ${h(m.flags.alert.join(language === 'zh' ? '、' : ', '))})` +
        `<blockquote class="sms-text" ${attribute}="${m.id}">${h(m.text)}</blockquote></li>`,
    )
    .join('');
  return `<h4>${h(t.flaggedSms)}</h4><ul class="flagged">${items}</ul>`;
}

const style = `
  :root { color-scheme: light; }
  body { font-family: -apple-system, "Segoe UI", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
    color: #1b1b1b; margin: 24px auto; max-width: 1100px; padding: 0 16px; font-size: 13px; line-height: 1.45; }
  h1 { font-size: 22px; margin: 0 0 2px; } h2 { font-size: 16px; margin: 26px 0 8px; border-bottom: 2px solid #333; padding-bottom: 3px; }
  h3 { font-size: 14px; margin: 16px 0 6px; }
  .sub { color: #555; margin: 0 0 14px; } .note { border-left: 4px solid #b26a00; background: #fff6e5; padding: 6px 10px; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; } dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
  .totals { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
  .totals div { border: 1px solid #bbb; border-radius: 4px; padding: 6px 8px; } .totals b { display: block; font-size: 20px; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: 3px 5px; text-align: left; vertical-align: top; }
  th { background: #eee; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } thead { display: table-header-group; }
  tr { break-inside: avoid; }
  /* A number or a time split over two lines is misread: they never wrap. Hashes may. */
  .num, .time { white-space: nowrap; font-variant-numeric: tabular-nums; }
  /* An SMS is text to copy: it may wrap anywhere rather than run off the page. */
  code.sms { white-space: normal; overflow-wrap: anywhere; } pre.hash { white-space: pre-wrap; }
  /* A received SMS is the sender's text, quoted whole: kept as written, isolated so it cannot reorder the page. */
  blockquote.sms-text { margin: 2px 0 8px; padding: 4px 8px; border-left: 3px solid #8a1c15; background: #fdf3f2; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; break-inside: avoid; }
  .mono { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; } .hash { word-break: break-all; }
  pre.complaint, pre.police { white-space: pre-wrap; border: 1px solid #999; background: #fafafa; padding: 8px; font-family: inherit; break-inside: avoid; }
  .incident { border: 2px solid #8a1c15; border-radius: 6px; padding: 8px 12px; margin: 12px 0; break-inside: avoid-page; }
  .sim { color: #6b4e00; font-weight: 600; }
  .chart { width: 100%; height: auto; } .chart .grid { stroke: #ddd; } .chart .axis { font-size: 11px; fill: #444; }
  .chart .b { fill: #b3261e; } .chart .o { fill: #9aa5ab; }
  .calls td { font-size: 11px; } .blocked { color: #8a1c15; }
  @page { size: A4; margin: 12mm; }
  @media print { body { margin: 0; max-width: none; padding: 0; font-size: 11px; } h2 { break-after: avoid; }
    section.calls, section.police { break-before: page; } .incident { border-width: 1px; } }
`;

function period(opts: ReportOptions, data: ReportData): string {
  const from = opts.from ?? data.firstCall;
  const to = opts.to ?? data.lastCall;
  return from && to ? `${at(opts, from)} – ${at(opts, to)}` : '—';
}

/** Numbers side by side, each kept whole, each once however it was written: "135 1234 5678, +852 5123 4567". */
const numberList = (opts: ReportOptions, numbers: readonly string[]) =>
  `<span class="num">${[...new Set(numbers.map((n) => shown(opts, n)))].map(h).join(`</span>${opts.language === 'zh' ? '、' : ', '}<span class="num">`)}</span>`;

function head(opts: ReportOptions, data: ReportData, snapshot: Snapshot): string {
  const t = reportText[opts.language];
  const line = opts.line ?? { label: data.lineIds.join(', ') || '—' };
  const own = [...new Set([...(opts.line?.number ? [opts.line.number] : []), ...(opts.ownNumbers ?? [])])];
  const asked = opts.numbers && opts.numbers.length > 0 ? numberList(opts, opts.numbers) : h(t.allNumbers);
  return `<!doctype html>
<html lang="${opts.language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Ringfence"><meta name="ringfence-chain-head" content="${h(snapshot.head ?? '')}">
<meta name="ringfence-chain-last-id" content="${snapshot.lastId}"><meta name="ringfence-generated" content="${h(opts.generatedAt)}">
<title>${h(t.title)}</title><style>${style}</style></head><body>
<h1>${h(t.title)}</h1><p class="sub">${h(t.subtitle)}</p>
${data.simulated ? `<p class="note" data-figure="simulated-note">${h(t.simulatedNote(data.simulated))}</p>` : ''}
<section><h2>${h(t.about)}</h2><dl class="facts">
<dt>${h(t.line)}</dt><dd data-figure="line">${h(line.label)}</dd>
${own.length ? `<dt>${h(t.ownNumbers)}</dt><dd data-figure="own-numbers">${numberList(opts, own)}</dd>` : ''}
<dt>${h(t.period)}</dt><dd data-figure="period" class="time">${h(period(opts, data))}</dd>
<dt>${h(t.numbersAsked)}</dt><dd>${asked}</dd>
${opts.exclude?.length ? `<dt>${h(t.excluded)}</dt><dd data-figure="excluded">${numberList(opts, opts.exclude)}</dd>` : ''}
<dt>${h(t.timeZones)}</dt><dd>${h(data.timeZones.join(', ') || '—')}</dd>
<dt>${h(t.generated)}</dt><dd class="time">${h(at(opts, opts.generatedAt))}</dd>
</dl></section>`;
}

/**
 * The filing texts' context twice: `shown` names the numbers as the app shows them (the texts a person reads
 * and pastes into a form); `raw` keeps them as recorded for the operator SMS, whose "号码*内容" form the
 * operators' systems read.
 */
type Filing = { raw: FilingContext; shown: FilingContext };

/** The incident with its numbers as the app shows them, for the texts a person reads. */
const withShownNumbers = (f: IncidentFigures, opts: ReportOptions): IncidentFigures => ({
  ...f,
  numbers: f.numbers.map((n) => ({ ...n, number: shown(opts, n.number) })),
});

function incidentBlock(f: IncidentFigures, opts: ReportOptions, filing: Filing, index: number, received: SmsFigures): string {
  const t = reportText[opts.language];
  const L = opts.language;
  const ctx = filing.shown;
  const readable = withShownNumbers(f, opts);
  const whole = [...ctx.ownNumbers, ...readable.numbers.slice(0, 10).map((n) => n.number)];
  const prefixes = f.topPrefixes
    .map(
      (p) =>
        `<tr><td class="num">${h(p.prefix)}${p.virtual ? ` <small>(${h(t.virtualRange)})</small>` : ''}</td><td class="n">${p.calls}</td><td class="n">${h(percent(p.share, L))}</td></tr>`,
    )
    .join('');
  const places = f.places
    .map(
      (p) =>
        `<tr><td>${h(p.place ?? t.unknownPlace)}</td><td>${h(p.carrier ?? t.unknownPlace)}</td><td class="n">${p.calls}</td><td class="n">${h(percent(p.share, L))}</td></tr>`,
    )
    .join('');
  const form = form12321(readable, L, ctx);
  // The operators' report numbers take the same text: name them once, then one text per reported number.
  const messages = operatorSms(f, filing.raw);
  const operators = [...new Map(messages.map((s) => [s.to, s])).values()]
    .map((s) => `${h(s.operator)} <span class="num">${h(s.to)}</span>`)
    .join(opts.language === 'zh' ? '；' : '; ');
  const texts = [...new Map(messages.map((s) => [s.text, s])).values()]
    .map((s) => `<li><code class="sms" data-sms="${h(s.number)}">${h(s.text)}</code></li>`)
    .join('');
  const sms = texts ? `<p>${h(t.smsOperators)} ${operators}</p><ul>${texts}</ul>` : '';
  return `<article class="incident" data-incident="${f.id}">
<h3>${h(t.incidentHeading)} ${index + 1}: <span class="time">${h(at(opts, f.firstCall ?? f.startedAt, false))}</span> – <span class="time">${h(at(opts, f.lastCall ?? f.endedAt ?? f.startedAt))}</span></h3>
<dl class="facts">
<dt>${h(t.shieldOn)}</dt><dd><span class="time">${h(at(opts, f.startedAt))}</span> (${h(t.trigger[f.trigger as keyof typeof t.trigger] ?? f.trigger)})</dd>
<dt>${h(t.shieldOff)}</dt><dd class="time">${h(f.endedAt ? at(opts, f.endedAt) : t.ongoing)}</dd>
<dt>${h(t.incidentCalls)}</dt><dd data-figure="incident-calls">${f.calls}</dd>
<dt>${h(t.incidentNumbers)}</dt><dd data-figure="incident-numbers">${f.distinctNumbers}</dd>
<dt>${h(t.incidentWithheld)}</dt><dd><span data-figure="incident-withheld">${f.withheld}</span> (${h(percent(f.withheldShare, L))})</dd>
<dt>${h(t.incidentBefore)}</dt><dd data-figure="incident-before" data-calls="${f.beforeShield.calls}" data-rang="${f.beforeShield.rang}">${h(t.incidentBeforeValue(f.beforeShield.calls, f.beforeShield.rang))}</dd>
<dt>${h(t.incidentRejectedAll)}</dt><dd data-figure="incident-rejected">${f.rejected}</dd>
<dt>${h(t.incidentRang)}</dt><dd data-figure="incident-rang">${f.rang}</dd>
<dt>${h(t.incidentSms)}</dt><dd data-figure="incident-sms" data-messages="${received.received}" data-flagged="${received.flagged.length}">${h(t.incidentSmsValue(received.received, received.flagged.length))}</dd>
<dt>${h(t.leftOut)}</dt><dd>${h(t.leftOutValue(f.leftOut.trusted, f.leftOut.simulated, f.leftOut.excluded))}</dd>
</dl>
${flaggedList(received.flagged, opts, 'data-incident-sms')}
${prefixes ? `<h4>${h(t.topPrefixes)}</h4><table><tbody>${prefixes}</tbody></table>` : ''}
${places ? `<h4>${h(t.places)}</h4><table><tbody>${places}</tbody></table>` : ''}
<h4>${h(t.incidentComplaint)}</h4><pre class="complaint" data-incident-complaint="${f.id}">${textKeepingNumbers(incidentComplaint(readable, L, ctx), whole)}</pre>
<h4>${h(t.form12321)}</h4><dl class="facts" data-form12321="${f.id}">
<dt>${h(t.formType)}</dt><dd>${h(form.type)}</dd><dt>${h(t.formNumbers)}</dt><dd>${textKeepingNumbers(form.numbers, whole)}</dd>
<dt>${h(t.formTime)}</dt><dd class="time">${h(form.timeRange)}</dd><dt>${h(t.formCount)}</dt><dd>${h(form.count)}</dd>
<dt>${h(t.formDescription)}</dt><dd>${textKeepingNumbers(form.description, whole)}</dd></dl>
${sms ? `<h4>${h(t.operatorSms)}</h4>${sms}` : ''}
</article>`;
}

function incidentsSection(figures: IncidentFigures[], opts: ReportOptions, ctx: Filing, sms: SmsFigures[]): string {
  const t = reportText[opts.language];
  if (figures.length === 0) return `<section><h2>${h(t.incidents)}</h2><p>${h(t.noIncidentsLead)}</p></section>`;
  return `<section><h2>${h(t.incidents)}</h2><p>${h(t.incidentsIntro)}</p>${figures.map((f, i) => incidentBlock(f, opts, ctx, i, sms[i]!)).join('\n')}</section>`;
}

function messagesSection(sms: SmsFigures, opts: ReportOptions): string {
  const language = opts.language;
  const t = reportText[language];
  if (sms.received === 0) return '';
  return `<section class="messages"><h2>${h(t.messagesSection)}</h2><p data-figure="sms-received" data-messages="${sms.received}" data-flagged="${sms.flagged.length}">${h(
    t.messagesTotals(sms.received, sms.flagged.length, sms.codes),
  )}</p>${flaggedList(sms.flagged, opts, 'data-sms')}</section>`;
}

function summarySection(opts: ReportOptions, data: ReportData, incidents: number): string {
  const t = reportText[opts.language];
  const figure = (name: string, label: string, value: number | string) => `<div><b data-figure="${name}">${h(value)}</b>${h(label)}</div>`;
  return `<section><h2>${h(t.summary)}</h2><div class="totals">
${figure('total-calls', t.totalCalls, data.calls)}
${figure('blocked', t.blocked, data.blocked)}
${figure('rang-through', t.rangThrough, data.byAction.allow)}
${figure('silenced', t.silenced, data.byAction.silent)}
${figure('distinct-numbers', t.distinctNumbers, data.distinctNumbers)}
${figure('withheld', t.withheld, data.withheld)}
${figure('no-number', t.noNumber, data.noNumber)}
${figure('days-with-calls', t.daysWithCalls, data.daysWithCalls)}
${figure('busiest-day', t.busiestDay, data.busiest ? `${formatCalendarDay(data.busiest.day, opts.language)} (${data.busiest.calls})` : '—')}
${figure('incidents', t.incidents, incidents)}
${data.simulated ? figure('simulated', t.simulated, data.simulated) : ''}
</div></section>
<section><h2>${h(t.perDay)}</h2>${data.calls ? dailyChart(data.days, { title: t.perDay, blocked: t.chartLegendBlocked, other: t.chartLegendOther }, opts.language) : `<p>${h(t.noCalls)}</p>`}</section>`;
}

function numbersSection(opts: ReportOptions, data: ReportData): string {
  const t = reportText[opts.language];
  if (data.numbers.length === 0) return '';
  const own = opts.ownNumbers?.[0] ?? opts.line?.number;
  const line = { label: opts.line?.label ?? data.lineIds.join(', '), ...(own ? { number: shown(opts, own) } : {}) };
  const inZone = (label: string) => (data.offset ? t.inZone(label, data.offset) : label);
  const handling = (n: ReportData['numbers'][number]) =>
    (Object.entries(n.byAction) as [keyof typeof t.action, number][])
      .filter(([, count]) => count > 0)
      .map(([action, count]) => `${t.action[action]} ${count}`)
      .join(opts.language === 'zh' ? '，' : ', ');
  const rows = data.numbers
    .map(
      (n) =>
        `<tr data-number="${h(n.number ?? 'withheld')}"><td class="num">${h(n.number === null ? t.withheldRow : shown(opts, n.number))}</td><td class="time">${h(at(opts, n.firstSeen, !data.offset))}</td><td class="time">${h(at(opts, n.lastSeen, !data.offset))}</td>` +
        `<td class="n" data-figure="calls">${n.calls}</td><td class="n">${n.days}</td><td class="n">${n.rings}</td><td class="n">${n.oneRing}</td><td>${h(handling(n))}</td></tr>`,
    )
    .join('\n');
  const complaints = data.numbers
    .filter(deservesComplaint)
    .slice(0, 30)
    .map((n) => {
      const number = n.number === null ? null : shown(opts, n.number);
      const text = complaintText({ ...n, number }, opts.language, line);
      return `<pre class="complaint" data-complaint="${h(n.number ?? 'withheld')}">${textKeepingNumbers(text, [number ?? '', line.number ?? ''])}</pre>`;
    })
    .join('\n');
  return `<section><h2>${h(t.numbers)}</h2><p>${h(t.numbersRule)}</p><table><thead><tr><th>${h(t.number)}</th><th>${h(inZone(t.firstSeen))}</th><th>${h(inZone(t.lastSeen))}</th><th>${h(t.calls)}</th>
<th>${h(t.days)}</th><th>${h(t.rings)}</th><th>${h(t.oneRing)}</th><th>${h(t.handling)}</th></tr></thead><tbody>${rows}</tbody></table></section>
${complaints ? `<section><h2>${h(t.complaints)}</h2><p>${h(t.complaintsRule)} ${h(t.complaintHint)}</p>${complaints}</section>` : ''}`;
}

function callRow(c: StoredCall, opts: ReportOptions, withOffset: boolean): string {
  const language = opts.language;
  const t = reportText[language];
  const d = c.decision;
  const blocked = d.action === 'reject' || d.action === 'answer-hangup';
  const caller = c.number === null ? t.presentation[c.presentation] : shown(opts, c.number);
  // The decision is already one sentence ("Blocked: matched prefix +86 170 …"): shown as it is.
  return (
    `<tr${blocked ? ' class="blocked"' : ''}${c.simulated ? ' data-simulated="true"' : ''}><td class="n">${c.id}</td><td class="time">${h(at(opts, c.startedAt, withOffset))}</td><td>${h(c.lineId)}${c.simulated ? ` <span class="sim">(${h(t.simulatedMark)})</span>` : ''}</td>` +
    `<td class="num">${h(caller)}</td><td>${h(c.name ?? '')}</td><td class="n">${c.rings}</td><td>${h(d.text[language])}</td>` +
    `<td>${h(t.outcomeName[c.outcome] ?? c.outcome)}</td><td class="n">${c.hangupLatencyMs ?? ''}</td><td class="mono">${c.hash.slice(0, 12)}</td></tr>\n`
  );
}

export async function writeReport(
  snapshot: Snapshot,
  sink: ExportSink,
  opts: ReportOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const t = reportText[opts.language];
  const total = snapshot.count();
  // Two passes over the calls (figures, then the list): progress runs over both.
  const report = progress(total * 2, onProgress);
  const range = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) };
  const digits = (n: string) =>
    n
      .replace(/\D/g, '')
      .replace(/^0+/, '')
      .replace(/^86(?=1\d{10}$)/, '');
  const leftOutDigits = new Set(
    [...(opts.exclude ?? []), ...(opts.ownNumbers ?? []), ...(opts.line?.number ? [opts.line.number] : [])].map(digits).filter(Boolean),
  );
  const leaveOut = (n: string | null) => n !== null && leftOutDigits.has(digits(n));
  // An incident that only simulated calls raised (a demo line beside a real one, or demo calls from before the
  // demo had its own folder) is no flood anyone suffered: no complaint, no police summary; the report says so.
  const counted = incidentFigures(snapshot, opts.incidents, {
    windowMinutes: opts.windowMinutes ?? 10,
    leaveOut,
    language: opts.language,
    until: opts.to ?? null,
  });
  const figures = counted.filter((f) => !(f.calls === 0 && f.leftOut.simulated > 0));
  const simulatedOnly = counted.length - figures.length;
  const data = collectReportData(snapshot, range, (done) => report.tick(done), {
    incidentNumbers: new Set(figures.flatMap((f) => f.numbers.map((n) => n.number))),
    leaveOut: (n) => leaveOut(n),
  });
  // SMS: per incident over the same window as its calls, and over the whole period.
  const window = (opts.windowMinutes ?? 10) * 60_000;
  const incidentSms = figures.map((f) => {
    const off = f.endedAt ? Date.parse(f.endedAt) : opts.to ? Date.parse(opts.to) : undefined;
    return smsFigures(snapshot, Date.parse(f.startedAt) - window, off, opts.messages);
  });
  const periodSms = smsFigures(snapshot, opts.from ? Date.parse(opts.from) : undefined, opts.to ? Date.parse(opts.to) : undefined, opts.messages);
  const ownNumbers = [...new Set([...(opts.ownNumbers ?? []), ...(opts.line?.number ? [opts.line.number] : [])])];
  const ctx: FilingContext = { ownNumbers, head: snapshot.head, lastId: snapshot.lastId, generatedAt: opts.generatedAt };
  const filing: Filing = { raw: ctx, shown: { ...ctx, ownNumbers: [...new Set(ownNumbers.map((n) => shown(opts, n)))] } };
  const police =
    figures.length > 0
      ? `<section class="police"><h2>${h(t.police)}</h2><pre class="police" data-police>${textKeepingNumbers(
          policeSummary(
            figures,
            { calls: data.calls, from: opts.from ?? data.firstCall ?? opts.generatedAt, to: opts.to ?? data.lastCall ?? opts.generatedAt },
            opts.language,
            filing.shown,
          ),
          filing.shown.ownNumbers,
        )}</pre></section>`
      : '';
  let pending = sink.write(
    `${head(opts, data, snapshot)}\n${incidentsSection(figures, opts, filing, incidentSms)}${simulatedOnly > 0 ? `<p class="note" data-simulated-incidents="${simulatedOnly}">${h(t.simulatedIncidents(simulatedOnly))}</p>` : ''}\n${summarySection(opts, data, figures.length)}\n${messagesSection(periodSms, opts)}\n${numbersSection(opts, data)}\n${police}`,
  );
  if (pending) await pending;
  pending =
    sink.write(`<section class="calls"><h2>${h(t.callList)}</h2><table class="calls" data-figure="call-list"><thead><tr><th>#</th><th>${h(data.offset ? t.inZone(t.time, data.offset) : t.time)}</th><th>${h(t.line)}</th>
<th>${h(t.caller)}</th><th>${h(t.name)}</th><th>${h(t.rings)}</th><th>${h(t.decision)}</th><th>${h(t.outcome)}</th><th>${h(t.latency)}</th><th>${h(t.hash)}</th></tr></thead><tbody>\n`);
  if (pending) await pending;
  let rows = 0;
  for (const call of snapshot.calls()) {
    pending = sink.write(callRow(call, opts, !data.offset));
    rows++;
    if (pending) await pending;
    if ((rows & 1023) === 0) report.tick(total + rows);
  }
  await sink.write(`</tbody></table></section>
<section><h2>${h(t.verification)}</h2><dl class="facts">
<dt>${h(t.chainHead)}</dt><dd class="mono hash" data-figure="chain-head">${h(snapshot.head ?? '—')}</dd>
<dt>${h(t.records)}</dt><dd data-figure="chain-last-id">${snapshot.lastId}</dd></dl>
<p>${h(t.verifyHow)} ${h(t.checkpointsHere)}</p><pre class="mono hash">ringfence verify --data-dir &lt;data folder&gt; --head ${h(snapshot.head ?? '')}</pre></section>
</body></html>
`);
  report.end(total * 2);
  return rows;
}
