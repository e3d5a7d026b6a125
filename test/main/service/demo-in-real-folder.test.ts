// Simulated calls in a real data folder (`ringfence serve --modem … --demo`, or a history from before the
// demo had its sandbox): issue 15 item 6 — marked "simulated" in every export and left out of the report's
// calls per number and complaint texts, even when a real caller like that would get one (3 calls).
// A real service on real SQLite files; the demo line on the in-memory pair (no socat).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../shared/api.ts';
import { startService, type Service } from '../../../main/service/index.ts';
import { openSettings } from '../../../main/settings/index.ts';

let service: Service | null = null;
let dir: string;
afterEach(async () => {
  await service?.close();
  service = null;
  rmSync(dir, { recursive: true, force: true });
});

it("marks the demo line's calls simulated in CSV, JSON and the report, with no complaint or per-number row for them", { timeout: 120_000 }, async () => {
  dir = mkdtempSync(join(tmpdir(), 'rf-demo-real-folder-'));
  const settings = openSettings(dir);
  settings.update({ homeCountry: 'CN', firstRunDone: true });
  // A real line whose modem is not plugged in, and the demo line beside it, in the user's own folder.
  service = await startService({ dataDir: dir, settings, host: 'desktop', modems: [join(dir, 'no-modem')], demo: true });
  const s = service;
  const ended: string[] = [];
  s.onEvent((e: ApiEvent) => {
    if (e.type === 'call-ended' && e.record.number === '13600001111') ended.push(e.record.number);
  });
  await vi.waitFor(async () => expect((await s.call('getStatus', {})).lines.some((l) => l.simulated && l.state === 'ready')).toBe(true), { timeout: 30_000 });
  for (let i = 1; i <= 3; i++) {
    await s.call('ringDemo', { kind: 'normal' });
    // ≥: the demo's own ten-minute loop may ring from this number too.
    await vi.waitFor(() => expect(ended.length).toBeGreaterThanOrEqual(i), { timeout: 60_000 });
  }
  const { calls } = await s.call('queryCalls', { number: '13600001111' });
  expect(calls.length).toBeGreaterThanOrEqual(3);
  expect(calls.every((c) => c.simulated)).toBe(true);

  const csv = readFileSync((await s.call('exportHistory', { format: 'csv' })).path!, 'utf8')
    .trim()
    .split(/\r?\n/);
  const simulatedAt = csv[0]!.split(',').indexOf('simulated');
  const demoRows = csv.slice(1).filter((r) => r.includes('13600001111'));
  expect(demoRows.length).toBeGreaterThanOrEqual(3);
  expect(demoRows.every((r) => r.split(',')[simulatedAt] === 'true')).toBe(true);

  const json = JSON.parse(readFileSync((await s.call('exportHistory', { format: 'json' })).path!, 'utf8')) as {
    calls: { number: string | null; simulated: boolean }[];
  };
  const demoCalls = json.calls.filter((c) => c.number === '13600001111');
  expect(demoCalls.length).toBeGreaterThanOrEqual(3);
  expect(demoCalls.every((c) => c.simulated)).toBe(true);

  const html = readFileSync((await s.call('exportHistory', { format: 'html' })).path!, 'utf8');
  // Every call in the list is the demo's (the real line never rang): each marked, and counted as simulated.
  const listed = html.match(/<tr( class="blocked")?( data-simulated="true")?><td class="n">/g) ?? [];
  const marked = html.match(/data-simulated="true"/g) ?? [];
  expect(listed.length).toBeGreaterThanOrEqual(3);
  expect(marked).toHaveLength(listed.length);
  expect(html).toContain(`<b data-figure="simulated">${listed.length}</b>`);
  expect(html).toMatch(
    /simulated calls? \(the demo line\) (is|are) in this period: marked &quot;simulated&quot; in the list and left out of the incidents and complaints/,
  );
  expect(html).not.toMatch(/data-complaint="[^"]*13600001111/);
  expect(html).not.toMatch(/data-number="[^"]*13600001111/);
  // The real shield may have engaged on the demo's calls (3 from one number); an incident of simulated calls
  // only is no flood anyone suffered: no incident block, no police summary, and the report says it left it out.
  const engaged = (
    await s.call('getStatistics', {
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
      bucket: 'hour',
    })
  ).incidents.length;
  expect(html).not.toMatch(/data-incident="/);
  expect(html).not.toContain('data-police');
  if (engaged > 0) expect(html).toContain(`data-simulated-incidents="${engaged}"`);
});
