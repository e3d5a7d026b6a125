// Statistics: how many calls, when, from whom, and the floods (incidents) the shield handled.
import { ComplaintDialog, type ComplaintSubject } from '../components/messages/ComplaintDialog.tsx';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { Statistics as Stats } from '../../shared/api.ts';
import { useApiEvent, useApp } from '../app/context.tsx';
import { Caller } from '../components/Caller.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { Field } from '../components/Field.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useRuleActions } from '../components/useRuleActions.ts';
import { formatCount, formatDateTime, formatDay, formatHour, toOffsetIso } from '../format/time.ts';
import { periods, periodStart, type Period } from '../../shared/periods.ts';

const series = [
  { key: 'reject', color: 'var(--chart-reject)' },
  { key: 'answerHangup', color: 'var(--chart-answer-hangup)' },
  { key: 'silent', color: 'var(--chart-silent)' },
  { key: 'allow', color: 'var(--chart-allow)' },
] as const;

/**
 * The chart's key, drawn by us: Recharts' default legend labels its swatches "legend icon" in English
 * for screen readers, and the swatch says nothing a screen reader needs (the word follows it).
 */
function SeriesLegend() {
  const { t } = useTranslation();
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key}>
          <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
          {t(`stats.series.${s.key}`)}
        </li>
      ))}
    </ul>
  );
}

const regionNames = new Map<string, Intl.DisplayNames>();
/** "CN" → "China" / "中国", in the UI's language. */
function regionName(region: string, language: 'en' | 'zh'): string {
  let names = regionNames.get(language);
  if (!names) regionNames.set(language, (names = new Intl.DisplayNames([language === 'zh' ? 'zh-CN' : 'en-GB'], { type: 'region' })));
  return names.of(region) ?? region;
}

/** The period, widened by 3 % each side so a flood at its very start or end is not cut in half. */
function incidentDomain(stats: Stats): [number, number] {
  const from = new Date(stats.from).getTime();
  const to = new Date(stats.to).getTime();
  const pad = Math.max(60_000, (to - from) * 0.03);
  return [from - pad, to + pad];
}

export function Statistics() {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const actions = useRuleActions();
  const [period, setPeriod] = useState<Period>('week');
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  // The complaint SMS for a whole flood: prepared, shown, sent only when the user presses Send.
  const [complaint, setComplaint] = useState<ComplaintSubject | null>(null);

  useEffect(() => {
    let live = true;
    const now = new Date();
    const { bucket } = periods[period];
    api.getStatistics({ from: toOffsetIso(periodStart(period, now)), to: toOffsetIso(now), bucket, top: 10 }).then(
      (s) => {
        if (!live) return;
        setStats(s);
        setError(null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, period, generation]);

  // New calls change the figures; refresh at most every few seconds during a flood.
  const [stale, setStale] = useState(false);
  useApiEvent((e) => {
    if (e.type === 'call-ended') setStale(true);
  });
  useEffect(() => {
    if (!stale) return;
    const timer = setTimeout(() => {
      setStale(false);
      setGeneration((g) => g + 1);
    }, 5000);
    return () => clearTimeout(timer);
  }, [stale]);

  const bucketLabel = (iso: string) => (stats?.bucket === 'hour' ? formatHour(iso, language) : formatDay(iso, language));
  const chartData = useMemo(
    () => stats?.buckets.map((b) => ({ ...b, label: stats.bucket === 'hour' ? formatHour(b.start, language) : formatDay(b.start, language) })) ?? [],
    [stats, language],
  );
  const incidentData = useMemo(
    () =>
      stats?.incidents.map((i) => ({
        x: new Date(i.startedAt).getTime(),
        y: i.callsRejected,
        z: i.distinctNumbers,
      })) ?? [],
    [stats],
  );

  return (
    <>
      <PageTitle>{t('nav.statistics')}</PageTitle>
      <div className="toolbar">
        <Field label={t('stats.period')}>
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {(Object.keys(periods) as Period[]).map((p) => (
              <option key={p} value={p}>
                {t(`stats.periods.${p}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorText error={error} />
      {stats ? (
        <>
          <div className="stat-row">
            <p className="stat">
              <span className="stat-figure">{formatCount(stats.totals.calls, language)}</span>
              <span className="stat-label">{t('stats.calls')}</span>
            </p>
            <p className="stat">
              <span className="stat-figure">{formatCount(stats.totals.blocked, language)}</span>
              <span className="stat-label">{t('stats.blocked')}</span>
            </p>
            <p className="stat">
              <span className="stat-figure">{formatCount(stats.totals.distinctNumbers, language)}</span>
              <span className="stat-label">{t('stats.distinct')}</span>
            </p>
            <p className="stat">
              <span className="stat-figure">{Math.round(stats.totals.withheldShare * 100)}%</span>
              <span className="stat-label">{t('stats.withheldShare')}</span>
            </p>
            {stats.messages.received > 0 ? (
              <p className="stat" data-testid="stat-messages">
                <span className="stat-figure">{formatCount(stats.messages.received, language)}</span>
                <span className="stat-label">
                  {t('stats.messages')}
                  {stats.messages.flagged > 0 ? (
                    <>
                      {' · '}
                      <a href="#/messages">{t('stats.messagesFlagged', { count: stats.messages.flagged })}</a>
                    </>
                  ) : null}
                </span>
              </p>
            ) : null}
          </div>

          <figure className="card chart">
            <figcaption>
              <h2>{stats.bucket === 'hour' ? t('stats.perHour') : stats.bucket === 'week' ? t('stats.perWeek') : t('stats.perDay')}</h2>
            </figcaption>
            <ResponsiveContainer width="100%" height={280}>
              <BarChart data={chartData} accessibilityLayer>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                <XAxis dataKey="label" stroke="var(--muted)" tick={{ fill: 'var(--muted)' }} />
                <YAxis allowDecimals={false} stroke="var(--muted)" tick={{ fill: 'var(--muted)' }} />
                <Tooltip
                  cursor={{ fill: 'var(--surface-2)' }}
                  contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
                />
                <Legend content={<SeriesLegend />} />
                {series.map((s) => (
                  <Bar key={s.key} dataKey={s.key} name={t(`stats.series.${s.key}`)} stackId="calls" fill={s.color} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </figure>

          <figure className="card chart">
            <figcaption>
              <h2>{t('stats.distinctPerDay')}</h2>
              <p className="hint">{t('stats.distinctHint')}</p>
            </figcaption>
            <ResponsiveContainer width="100%" height={200}>
              <LineChart data={stats.distinctPerDay.map((d) => ({ ...d, label: formatDay(d.day, language) }))}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                <XAxis dataKey="label" stroke="var(--muted)" tick={{ fill: 'var(--muted)' }} />
                <YAxis allowDecimals={false} stroke="var(--muted)" tick={{ fill: 'var(--muted)' }} />
                <Tooltip
                  cursor={{ fill: 'var(--surface-2)' }}
                  contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
                />
                <Line type="linear" dataKey="count" name={t('stats.distinct')} stroke="var(--chart-reject)" isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </figure>

          <section className="card" aria-labelledby="top-title">
            <h2 id="top-title">{t('stats.topCallers')}</h2>
            {stats.topCallers.length === 0 ? (
              <p className="empty">{t('stats.noCalls')}</p>
            ) : (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('history.col.caller')}</th>
                      <th scope="col">{t('stats.calls')}</th>
                      <th scope="col">{t('stats.blocked')}</th>
                      <th scope="col">{t('stats.firstSeen')}</th>
                      <th scope="col">{t('stats.lastSeen')}</th>
                      <th scope="col">{t('history.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.topCallers.map((c) => (
                      <tr key={c.number}>
                        <td data-label={t('history.col.caller')}>
                          <Caller number={c.number} presentation="allowed" />
                        </td>
                        <td data-label={t('stats.calls')}>{formatCount(c.count, language)}</td>
                        <td data-label={t('stats.blocked')}>{formatCount(c.blocked, language)}</td>
                        <td data-label={t('stats.firstSeen')}>{formatDateTime(c.firstSeen, language)}</td>
                        <td data-label={t('stats.lastSeen')}>{formatDateTime(c.lastSeen, language)}</td>
                        <td data-label={t('history.col.actions')}>
                          <button type="button" onClick={() => actions.block(c.number)}>
                            {t('actions.block')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {stats.topRanges.some((r) => r.numbers > 1) ? (
            <section className="card" aria-labelledby="ranges-title" data-testid="top-ranges">
              <h2 id="ranges-title">{t('stats.topRanges')}</h2>
              <p className="hint">{t('stats.topRangesHint')}</p>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('stats.range')}</th>
                      <th scope="col">{t('stats.calls')}</th>
                      <th scope="col">{t('stats.rangeNumbers')}</th>
                      <th scope="col">{t('stats.blocked')}</th>
                      <th scope="col">{t('history.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.topRanges.map((r) => (
                      <tr key={r.prefix}>
                        <td data-verbatim data-label={t('stats.range')}>
                          {r.region ? t('stats.rangeRegion', { prefix: `${r.prefix}…`, region: regionName(r.region, language) }) : `${r.prefix}…`}
                        </td>
                        <td data-label={t('stats.calls')}>{formatCount(r.count, language)}</td>
                        <td data-label={t('stats.rangeNumbers')}>{formatCount(r.numbers, language)}</td>
                        <td data-label={t('stats.blocked')}>{formatCount(r.blocked, language)}</td>
                        <td data-label={t('history.col.actions')}>
                          <button type="button" onClick={() => actions.blockPrefix(`${r.prefix}*`)}>
                            {t('stats.blockRange', { prefix: r.prefix })}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}

          <figure className="card chart">
            <figcaption>
              <h2>{t('stats.incidents')}</h2>
              <p className="hint">{t('stats.incidentsHint')}</p>
            </figcaption>
            {stats.incidents.length === 0 ? (
              <p className="empty">{t('stats.noIncidents')}</p>
            ) : (
              <>
                <ResponsiveContainer width="100%" height={200}>
                  {/* Room around the plot and above the largest flood: a marker at the period's end or at the
                      top of the scale is drawn whole, not clipped at the chart's corner. */}
                  <ScatterChart margin={{ top: 16, right: 24, bottom: 4, left: 4 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                    <XAxis
                      type="number"
                      dataKey="x"
                      domain={incidentDomain(stats)}
                      tickFormatter={(v: number) => bucketLabel(new Date(v).toISOString())}
                      stroke="var(--muted)"
                      tick={{ fill: 'var(--muted)' }}
                      name={t('stats.incidentStart')}
                    />
                    <YAxis
                      type="number"
                      dataKey="y"
                      allowDecimals={false}
                      domain={[0, (max: number) => Math.max(1, Math.ceil(max * 1.25))]}
                      stroke="var(--muted)"
                      tick={{ fill: 'var(--muted)' }}
                      name={t('stats.callsRejected')}
                    />
                    <ZAxis type="number" dataKey="z" range={[60, 400]} name={t('stats.distinct')} />
                    <Tooltip
                      contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
                      formatter={(value, name) => (name === t('stats.incidentStart') ? formatDateTime(new Date(Number(value)).toISOString(), language) : value)}
                    />
                    <Scatter data={incidentData} fill="var(--chart-reject)" isAnimationActive={false} />
                  </ScatterChart>
                </ResponsiveContainer>
                <ol className="incident-list">
                  {stats.incidents.map((i) => (
                    <li key={i.id}>
                      {t(i.endedAt ? 'stats.incidentLine' : 'stats.incidentLineOngoing', {
                        start: formatDateTime(i.startedAt, language),
                        end: i.endedAt ? formatDateTime(i.endedAt, language) : '',
                        blocked: t('stats.incidentBlocked', { count: i.callsRejected, numbers: t('stats.incidentNumbers', { count: i.distinctNumbers }) }),
                        withheld: Math.round(i.withheldShare * 100),
                        cause: i.cause[language],
                      })}
                      {(() => {
                        const sms = stats.messages.perIncident.find((p) => p.incidentId === i.id);
                        return sms ? ` ${t('stats.incidentSms', { count: sms.received, flagged: sms.flagged })}` : null;
                      })()}{' '}
                      <button type="button" className="button-quiet" onClick={() => setComplaint({ incidentId: i.id })} data-testid="incident-report-sms">
                        {t('messages.report')}
                      </button>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </figure>
        </>
      ) : error ? null : (
        <p>{t('common.loading')}</p>
      )}
      {complaint ? <ComplaintDialog subject={complaint} onClose={() => setComplaint(null)} /> : null}
    </>
  );
}
