// The drill's short human summary: a few lines per run with the figures README quotes. The JSON file
// holds everything (every lost call, every exception, the line's state changes).
import type { RunResult } from './drill.ts';

const n = (v: number) => v.toLocaleString('en-US');
const ms = (v: number | null) => (v === null ? '–' : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);

export function summarise(r: RunResult): string[] {
  const f = r.figures;
  const lines: string[] = [];
  const title = r.fault ? `fault: ${r.name}` : r.name;
  lines.push(
    `${title} — ${r.pass ? 'PASS' : 'FAIL'} in ${(r.realSeconds / 60).toFixed(1)} min real: ${n(r.simulated.calls)} calls from ${r.simulated.from.slice(0, 16)} to ${r.simulated.to.slice(0, 16)} UTC ` +
      `(${n(f.flood.placed)} flood from ${n(r.simulated.floodNumbers)} numbers + ${n(r.simulated.withheld)} withheld, ${f.trusted.placed} trusted, ${f.ordinary.placed} ordinary; ${r.simulated.episodes} episodes)`,
  );
  lines.push(
    `  flood: after the shield engaged ${n(f.flood.rejectedAfterShield)} rejected, ${f.flood.letThroughAfterShield} let through; before it ${f.flood.rejectedBeforeShield} rejected, ` +
      `${f.flood.letThroughBeforeShield} let through (at most ${f.flood.maxLetThroughBeforeShield} per episode)`,
  );
  lines.push(
    `  trusted rang through ${f.trusted.rangThrough}/${f.trusted.screened}, ordinary let through ${f.ordinary.letThrough}/${f.ordinary.screened}; ` +
      `recorded once ${n(f.recordedOnce)}/${n(f.placed)} placed${f.unidentified.length ? ` (+${f.unidentified.length} without caller ID during a fault)` : ''}, ` +
      `${f.lostInFlight.length} lost in flight, ${f.missing.length} missing, ${f.duplicates.length} twice; ` +
      `incidents ${f.incidents.found} for ${f.incidents.episodes} episodes, ${f.incidents.listedInReport} in the evidence report; chain ${f.chain.ok ? 'verifies' : 'BROKEN'} (${n(f.chain.records)} records)`,
  );
  const fs = f.floodSpeed;
  if (fs.backToBack || fs.waiting) {
    lines.push(
      `  flood speed: ${n(fs.backToBack)} calls back to back (50–200 ms after the release), ${fs.rejectedOnFirstRing}/${fs.backToBackRejected} rejected ones on their first ring; ` +
        `${fs.waiting} waiting calls during a picked-up call, ${fs.waitingReleased} released with AT+CHLD=0, ${fs.waitingRecordedAsWaiting} recorded as waiting calls`,
    );
  }
  const l = f.hangupLatencyMs;
  lines.push(`  hang-up latency (caller ID written → hang-up read, n=${n(l.count)}): p50 ${ms(l.p50)}, p90 ${ms(l.p90)}, p99 ${ms(l.p99)}, max ${ms(l.max)}`);
  if (r.fault) {
    const outages = r.disruptions
      .map((d) => (d.count > 1 ? `${d.count}× ${d.kind} from ${d.fromS} s to ${d.toS} s` : `${d.kind} ${d.fromS}–${d.toS} s`))
      .join(', ');
    const resumes = f.resume.map((x) => (x.resumeMs === null ? 'never' : `${(x.resumeMs / 1000).toFixed(2)} s`)).join(', ');
    lines.push(
      `  fault: ${outages || 'none happened'}${resumes ? `; screening resumed after ${resumes}` : ''}; ${f.committedLost.length} committed records lost; ${f.crashes} crashes`,
    );
    const recovered = r.notices.find((x) => x.code === 'history-write-recovered');
    if (recovered) lines.push(`  store: ${recovered.text}`);
  }
  for (const c of r.checks.filter((x) => !x.ok)) lines.push(`  FAILED: ${c.name} — ${c.detail}`);
  if (r.dir) lines.push(`  data and host log kept in ${r.dir}`);
  return lines;
}
