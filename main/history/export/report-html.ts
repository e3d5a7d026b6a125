// The evidence report: one self-contained HTML file (inline CSS and SVG, a Content-Security-Policy that
// forbids anything external) that prints cleanly to PDF. Who and what it is about, the period, totals, calls
// per day, incidents, a table and a complaint text per harassing number, every call, and the chain head with
// how to check it. Figures carry data-figure attributes so a test (or a lawyer's script) can read them.
import type { Incident } from '../../../shared/domain.ts';
import { complaintText } from '../complaint.ts';
import type { StoredCall } from '../columns.ts';
import { dailyChart } from './chart.ts';
import { escapeHtml as h, localTime, percent } from './format.ts';
import { collectReportData, type ReportData } from './report-data.ts';
import { reportText, type Language } from './report-text.ts';
import type { Snapshot } from './snapshot.ts';
import { progress, type ExportSink } from './sink.ts';

export type ReportOptions = {
  language: Language;
  from?: string;
  to?: string;
  numbers?: string[];
  incidents: readonly Incident[];
  line?: { label: string; number?: string };
  generatedAt: string;
};

const style = `
  :root { color-scheme: light; }
  body { font-family: -apple-system, "Segoe UI", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
    color: #1b1b1b; margin: 24px auto; max-width: 1100px; padding: 0 16px; font-size: 13px; line-height: 1.45; }
  h1 { font-size: 22px; margin: 0 0 2px; } h2 { font-size: 16px; margin: 26px 0 8px; border-bottom: 2px solid #333; padding-bottom: 3px; }
  .sub { color: #555; margin: 0 0 14px; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; } dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
  .totals { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
  .totals div { border: 1px solid #bbb; border-radius: 4px; padding: 6px 8px; } .totals b { display: block; font-size: 20px; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: 3px 5px; text-align: left; vertical-align: top; }
  th { background: #eee; } td.n { text-align: right; font-variant-numeric: tabular-nums; } thead { display: table-header-group; }
  tr { break-inside: avoid; } .mono { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; word-break: break-all; }
  pre.complaint { white-space: pre-wrap; border: 1px solid #999; background: #fafafa; padding: 8px; font-family: inherit; break-inside: avoid; }
  .chart { width: 100%; height: auto; } .chart .grid { stroke: #ddd; } .chart .axis { font-size: 11px; fill: #444; }
  .chart .b { fill: #b3261e; } .chart .o { fill: #9aa5ab; }
  .calls td { font-size: 11px; } .blocked { color: #8a1c15; }
  @page { size: A4; margin: 12mm; }
  @media print { body { margin: 0; max-width: none; padding: 0; } h2 { break-after: avoid; } section.calls { break-before: page; } }
`;

function period(opts: ReportOptions, data: ReportData): string {
  const from = opts.from ?? data.firstCall;
  const to = opts.to ?? data.lastCall;
  return from && to ? `${localTime(from, true)} – ${localTime(to, true)}` : '—';
}

function head(opts: ReportOptions, data: ReportData, snapshot: Snapshot): string {
  const t = reportText[opts.language];
  const line = opts.line ?? { label: data.lineIds.join(', ') || '—' };
  const asked = opts.numbers && opts.numbers.length > 0 ? opts.numbers.join(', ') : t.allNumbers;
  const figure = (name: string, label: string, value: number | string) => `<div><b data-figure="${name}">${h(value)}</b>${h(label)}</div>`;
  return `<!doctype html>
<html lang="${opts.language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Ringfence"><meta name="ringfence-chain-head" content="${h(snapshot.head ?? '')}">
<meta name="ringfence-chain-last-id" content="${snapshot.lastId}"><meta name="ringfence-generated" content="${h(opts.generatedAt)}">
<title>${h(t.title)}</title><style>${style}</style></head><body>
<h1>${h(t.title)}</h1><p class="sub">${h(t.subtitle)}</p>
<section><h2>${h(t.about)}</h2><dl class="facts">
<dt>${h(t.line)}</dt><dd data-figure="line">${h(line.label)}</dd>
${line.number ? `<dt>${h(t.lineNumber)}</dt><dd data-figure="line-number">${h(line.number)}</dd>` : ''}
<dt>${h(t.period)}</dt><dd data-figure="period">${h(period(opts, data))}</dd>
<dt>${h(t.numbersAsked)}</dt><dd>${h(asked)}</dd>
<dt>${h(t.timeZones)}</dt><dd>${h(data.timeZones.join(', ') || '—')}</dd>
<dt>${h(t.generated)}</dt><dd>${h(localTime(opts.generatedAt, true))}</dd>
</dl></section>
<section><h2>${h(t.summary)}</h2><div class="totals">
${figure('total-calls', t.totalCalls, data.calls)}
${figure('blocked', t.blocked, data.blocked)}
${figure('rang-through', t.rangThrough, data.byAction.allow)}
${figure('silenced', t.silenced, data.byAction.silent)}
${figure('distinct-numbers', t.distinctNumbers, data.distinctNumbers)}
${figure('withheld', t.withheld, data.withheld)}
${figure('no-number', t.noNumber, data.noNumber)}
${figure('days-with-calls', t.daysWithCalls, data.daysWithCalls)}
${figure('busiest-day', t.busiestDay, data.busiest ? `${data.busiest.day} (${data.busiest.calls})` : '—')}
${figure('incidents', t.incidents, opts.incidents.length)}
</div></section>
<section><h2>${h(t.perDay)}</h2>${data.calls ? dailyChart(data.days, { title: t.perDay, blocked: t.chartLegendBlocked, other: t.chartLegendOther }) : `<p>${h(t.noCalls)}</p>`}</section>
${incidentsSection(opts)}
${numbersSection(opts, data)}`;
}

function incidentsSection(opts: ReportOptions): string {
  const t = reportText[opts.language];
  if (opts.incidents.length === 0) return `<section><h2>${h(t.incidents)}</h2><p>${h(t.noIncidents)}</p></section>`;
  const rows = opts.incidents
    .map(
      (i) =>
        `<tr data-incident="${i.id}"><td>${h(localTime(i.startedAt))}</td><td>${h(i.endedAt ? localTime(i.endedAt) : t.ongoing)}</td><td>${h(t.trigger[i.trigger])}</td>` +
        `<td class="n">${i.callsRejected}</td><td class="n">${i.distinctNumbers}</td><td class="n">${h(percent(i.withheldShare, opts.language))}</td></tr>`,
    )
    .join('\n');
  return `<section><h2>${h(t.incidents)}</h2><table><thead><tr><th>${h(t.incidentStart)}</th><th>${h(t.incidentEnd)}</th><th>${h(t.incidentTrigger)}</th>
<th>${h(t.incidentRejected)}</th><th>${h(t.incidentNumbers)}</th><th>${h(t.incidentWithheld)}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function numbersSection(opts: ReportOptions, data: ReportData): string {
  const t = reportText[opts.language];
  if (data.numbers.length === 0) return '';
  const line = opts.line ?? { label: data.lineIds.join(', ') };
  const handling = (n: ReportData['numbers'][number]) =>
    (Object.entries(n.byAction) as [keyof typeof t.action, number][])
      .filter(([, count]) => count > 0)
      .map(([action, count]) => `${t.action[action]} ${count}`)
      .join(opts.language === 'zh' ? '，' : ', ');
  const rows = data.numbers
    .map(
      (n) =>
        `<tr data-number="${h(n.number ?? 'withheld')}"><td class="mono">${h(n.number ?? t.withheldRow)}</td><td>${h(localTime(n.firstSeen))}</td><td>${h(localTime(n.lastSeen))}</td>` +
        `<td class="n" data-figure="calls">${n.calls}</td><td class="n">${n.days}</td><td class="n">${n.rings}</td><td class="n">${n.oneRing}</td><td>${h(handling(n))}</td></tr>`,
    )
    .join('\n');
  const complaints = data.numbers
    .map((n) => `<pre class="complaint" data-complaint="${h(n.number ?? 'withheld')}">${h(complaintText(n, opts.language, line))}</pre>`)
    .join('\n');
  return `<section><h2>${h(t.numbers)}</h2><table><thead><tr><th>${h(t.number)}</th><th>${h(t.firstSeen)}</th><th>${h(t.lastSeen)}</th><th>${h(t.calls)}</th>
<th>${h(t.days)}</th><th>${h(t.rings)}</th><th>${h(t.oneRing)}</th><th>${h(t.handling)}</th></tr></thead><tbody>${rows}</tbody></table></section>
<section><h2>${h(t.complaints)}</h2><p>${h(t.complaintHint)}</p>${complaints}</section>`;
}

function callRow(c: StoredCall, language: Language, withOffset: boolean): string {
  const t = reportText[language];
  const d = c.decision;
  const blocked = d.action === 'reject' || d.action === 'answer-hangup';
  const caller = c.number ?? t.presentation[c.presentation];
  return (
    `<tr${blocked ? ' class="blocked"' : ''}><td class="n">${c.id}</td><td>${h(localTime(c.startedAt, withOffset))}</td><td>${h(c.lineId)}</td>` +
    `<td class="mono">${h(caller)}</td><td>${h(c.name ?? '')}</td><td class="n">${c.rings}</td><td>${h(t.action[d.action])}: ${h(d.text[language])}</td>` +
    `<td>${h(t.outcomeName[c.outcome])}</td><td class="n">${c.hangupLatencyMs ?? ''}</td><td class="mono">${c.hash.slice(0, 12)}</td></tr>\n`
  );
}

export async function writeReport(snapshot: Snapshot, sink: ExportSink, opts: ReportOptions, onProgress?: (done: number, total: number) => void): Promise<number> {
  const t = reportText[opts.language];
  const total = snapshot.count();
  // Two passes over the calls (figures, then the list): progress runs over both.
  const report = progress(total * 2, onProgress);
  const range = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) };
  const data = collectReportData(snapshot, range, (done) => report.tick(done));
  let pending = sink.write(head(opts, data, snapshot));
  if (pending) await pending;
  pending = sink.write(`<section class="calls"><h2>${h(t.callList)}</h2><table class="calls" data-figure="call-list"><thead><tr><th>#</th><th>${h(t.time)}</th><th>${h(t.line)}</th>
<th>${h(t.caller)}</th><th>${h(t.name)}</th><th>${h(t.rings)}</th><th>${h(t.decision)}</th><th>${h(t.outcome)}</th><th>${h(t.latency)}</th><th>${h(t.hash)}</th></tr></thead><tbody>\n`);
  if (pending) await pending;
  let rows = 0;
  for (const call of snapshot.calls()) {
    pending = sink.write(callRow(call, opts.language, data.mixedOffsets));
    rows++;
    if (pending) await pending;
    if ((rows & 1023) === 0) report.tick(total + rows);
  }
  await sink.write(`</tbody></table></section>
<section><h2>${h(t.verification)}</h2><dl class="facts">
<dt>${h(t.chainHead)}</dt><dd class="mono" data-figure="chain-head">${h(snapshot.head ?? '—')}</dd>
<dt>${h(t.records)}</dt><dd data-figure="chain-last-id">${snapshot.lastId}</dd></dl>
<p>${h(t.verifyHow)}</p><pre class="mono">ringfence verify --data-dir &lt;data folder&gt; --head ${h(snapshot.head ?? '')}</pre></section>
</body></html>
`);
  report.end(total * 2);
  return rows;
}
