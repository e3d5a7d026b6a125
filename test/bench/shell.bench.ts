// The Electron shell's own costs, without Electron: one IPC call through the handler (sender check + the
// contract's schema) to a service that answers at once, the notification planner in a call-bombing flood,
// serving the page over app://, and drawing the tray icon. Prints one line per figure.
// Run: npm run bench -- shell
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodName } from '../../shared/api.ts';
import { apiHandler } from '../../main/app/ipc.ts';
import { initialNotifierState, onCallDecided, onTick, type NotifierState } from '../../main/app/notifications.ts';
import { serveAppRequest } from '../../main/app/protocol.ts';
import { markPng } from '../../main/app/tray-icon.ts';
import type { ApiHost } from '../../main/service/api-host.ts';

function time(label: string, runs: number, fn: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(1000, runs); i++) fn(i); // warm-up
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    samples[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  samples.sort();
  const p = (q: number) => samples[Math.min(runs - 1, Math.floor(q * runs))]!.toFixed(1);
  process.stdout.write(`${label.padEnd(52)} p50 ${p(0.5).padStart(8)} µs   p99 ${p(0.99).padStart(8)} µs   (${runs} runs)\n`);
}

async function timeAsync(label: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(200, runs); i++) await fn(i);
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    samples[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  samples.sort();
  const p = (q: number) => samples[Math.min(runs - 1, Math.floor(q * runs))]!.toFixed(1);
  process.stdout.write(`${label.padEnd(52)} p50 ${p(0.5).padStart(8)} µs   p99 ${p(0.99).padStart(8)} µs   (${runs} runs)\n`);
}

// --- IPC ----------------------------------------------------------------------------------------------
const host = { call: async (method: MethodName) => ({ method }), onEvent: () => () => {} } as unknown as ApiHost;
const options = { trustedOrigin: 'app://ringfence', log: () => {} };
const event = { senderFrame: { url: 'app://ringfence/index.html#/history', parent: null } } as never;
const queryCalls = apiHandler('queryCalls', host, options);
const addRule = apiHandler('addRule', host, options);
const refused = apiHandler('setShield', host, options);
await timeAsync('IPC queryCalls (sender check + schema + call)', 20_000, () => queryCalls(event, { number: '138', limit: 100 }));
await timeAsync('IPC addRule (sender check + schema + call)', 20_000, () =>
  addRule(event, { list: 'blocked', value: '+86170*', kind: 'prefix', label: 'virtual operators' }),
);
await timeAsync('IPC refused (foreign origin)', 20_000, () => refused({ senderFrame: { url: 'https://evil.example/', parent: null } } as never, { on: false }));
const big = 'x'.repeat(5_000_000);
const previewImport = apiHandler('previewImport', host, options);
await timeAsync('IPC previewImport with a 5 MB file', 50, () => previewImport(event, { list: 'blocked', content: big }));

// --- notifications in a flood ----------------------------------------------------------------------------
{
  const calls = 100_000;
  const prefs = { ringThrough: true, blockedSummary: true };
  const decision = {
    action: 'reject',
    reason: 'shield',
    ruleId: null,
    ruleLabel: null,
    text: { en: 'Blocked: shield on.', zh: '已拦截：防护已开启。' },
  } as const;
  let state: NotifierState = initialNotifierState;
  let wake: number | null = null;
  let notes = 0;
  const t = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const now = i * 100; // ten calls a second for almost three hours
    if (wake !== null && wake <= now) {
      // The timer fires; the call below sets the next wake-up.
      const plan = onTick(state, wake);
      state = plan.state;
      notes += plan.notes.length;
    }
    const plan = onCallDecided(
      state,
      { callerId: { number: `+86170${String(i % 5000).padStart(8, '0')}`, presentation: 'allowed', name: null, raw: [] }, decision },
      now,
      prefs,
    );
    state = plan.state;
    wake = plan.wakeAt;
    notes += plan.notes.length;
  }
  const perCall = Number(process.hrtime.bigint() - t) / 1000 / calls;
  process.stdout.write(
    `${'notification planner, 100,000 blocked calls at 10/s'.padEnd(52)} ${perCall.toFixed(2)} µs a call, ${notes} notifications in ${((calls * 100) / 60_000).toFixed(0)} min\n`,
  );
}

// --- app:// --------------------------------------------------------------------------------------------
{
  const root = mkdtempSync(join(tmpdir(), 'ringfence-bench-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Ringfence</title>');
  writeFileSync(join(root, 'app.js'), 'x'.repeat(500_000));
  await timeAsync('app:// index.html', 2_000, () => serveAppRequest(root, new Request('app://ringfence/')).then((r) => r.arrayBuffer()));
  await timeAsync('app:// 500 kB script', 500, () => serveAppRequest(root, new Request('app://ringfence/app.js')).then((r) => r.arrayBuffer()));
  await timeAsync('app:// traversal refused', 2_000, () => serveAppRequest(root, new Request('app://ringfence/..%2f..%2fetc%2fpasswd')));
  rmSync(root, { recursive: true, force: true });
}

// --- tray icon ------------------------------------------------------------------------------------------
time('tray icon, 32 px PNG', 500, () => markPng(32, 'shield'));
