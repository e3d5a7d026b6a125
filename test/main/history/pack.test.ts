// The evidence pack, checked the way a third party would: copied away from Ringfence and verified with its own
// verify.mjs and a bare `node` (no Ringfence module, no node_modules). Then damaged, and verified again.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hour, makeCall, makeIncident, makeSms, openTestHistory, t0, tempDir } from './support.ts';

function packed() {
  const { history, dir } = openTestHistory();
  const calls = [];
  for (let i = 0; i < 40; i++) calls.push(makeCall(t0 + i * 60_000, { number: `1701234${String(i % 15).padStart(4, '0')}` }));
  calls.push(makeCall(t0 + 2 * hour, { number: '13912345678', action: 'allow' }));
  for (let i = 0; i < 5; i++) calls.push(makeCall(t0 + 3 * hour + i * hour, { number: '18600001111' }));
  history.recordBatch(calls);
  history.recordIncidents([makeIncident(t0 + 4 * 60_000, t0 + 100 * 60_000)]);
  history.recordBatch([makeCall(t0 + 20 * hour, { number: '18600001111' })]);
  return { history, dir };
}

/** A bare node: no Ringfence on its path, run from a folder outside the project, with an empty environment. */
function runVerify(pack: string) {
  const away = tempDir('rf-third-party-');
  cpSync(pack, away, { recursive: true });
  const r = spawnSync(process.execPath, ['verify.mjs'], { cwd: away, env: {}, encoding: 'utf8' });
  return { ...r, dir: away };
}

describe('the evidence pack', () => {
  it('holds every file it promises and verifies with its own script and a bare node', async () => {
    const { history } = packed();
    const out = join(tempDir('rf-pack-'), 'pack');
    const r = await history.exportTo(out, {
      format: 'pack',
      from: new Date(t0 + 3 * hour - 1).toISOString(),
      language: 'zh',
      incidents: history.incidents(),
      checkpoints: [],
    });
    expect(readdirSync(out).sort()).toEqual(['HOW-TO-VERIFY.txt', 'calls.csv', 'calls.json', 'chain.jsonl', 'checkpoints.json', 'report.html', 'verify.mjs']);
    expect(r.rows).toBe(6);
    const v = runVerify(out);
    expect(v.stderr).toBe('');
    expect(v.stdout).toContain('6 calls in calls.json match the chain');
    expect(v.stdout).toContain('the pack holds');
    expect(v.status).toBe(0);
    // Other callers' calls travel only as digests: the 40 flood calls before the period are not disclosed.
    const chain = readFileSync(join(out, 'chain.jsonl'), 'utf8');
    expect(chain).not.toContain('17012340001');
    expect(readFileSync(join(out, 'HOW-TO-VERIFY.txt'), 'utf8')).toContain(`Chain head: ${history.head()}`);
  });

  it('carries the SMS of its period in full among the calls and still verifies; earlier SMS only as digests', async () => {
    const { history } = packed();
    const sms = (at: number, text: string) => history.recordSms(makeSms(at, { receivedAt: new Date(at).toISOString(), party: '13800138000', text }));
    sms(t0 + 1 * hour, '早先的私人短信');
    history.recordBatch([makeCall(t0 + 21 * hour, { number: '18600001111' })]);
    sms(t0 + 21 * hour + 1, '加微信 abc123，转账了事');
    history.recordBatch([makeCall(t0 + 22 * hour, { number: '18600001111' })]);
    const out = join(tempDir('rf-pack-'), 'pack');
    await history.exportTo(out, {
      format: 'pack',
      from: new Date(t0 + 3 * hour - 1).toISOString(),
      language: 'en',
      incidents: history.incidents(),
      checkpoints: [],
    });
    const chain = readFileSync(join(out, 'chain.jsonl'), 'utf8');
    expect(chain).toContain('加微信 abc123，转账了事');
    expect(chain).not.toContain('早先的私人短信');
    const v = runVerify(out);
    expect(v.stdout).toContain('the pack holds');
    expect(v.status).toBe(0);
  });

  it("fails the pack's own check when a call in it was edited, naming the call", async () => {
    const { history } = packed();
    const out = join(tempDir('rf-pack-'), 'pack');
    await history.exportTo(out, { format: 'pack', language: 'en', incidents: history.incidents(), checkpoints: [] });
    const file = join(out, 'calls.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { calls: { id: number; startedAt: string }[] };
    doc.calls[3]!.startedAt = '2025-03-03T09:00:00.000+08:00';
    writeFileSync(file, JSON.stringify(doc));
    const v = runVerify(out);
    expect(v.status).toBe(1);
    expect(v.stdout).toMatch(/PROBLEM: call 4: startedAt in calls.json .* differs from the chain/);

    // And a chain line edited to match: the recomputed chain no longer reaches the head.
    const lines = readFileSync(join(out, 'chain.jsonl'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"id":4,'));
    const entry = JSON.parse(lines[at]!) as { content: unknown[] };
    entry.content[6] = '2025-03-03T09:00:00.000+08:00';
    lines[at] = JSON.stringify(entry);
    writeFileSync(join(out, 'chain.jsonl'), lines.join('\n'));
    const again = runVerify(out);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/PROBLEM: the chain recomputes to [0-9a-f]{64}, not to the head/);
  });

  it('refuses a folder that already has files in it, and leaves nothing half-written', async () => {
    const { history } = packed();
    const out = tempDir('rf-pack-full-');
    writeFileSync(join(out, 'mine.txt'), 'keep me');
    await expect(history.exportTo(out, { format: 'pack', language: 'en', incidents: [], checkpoints: [] })).rejects.toThrow(/already exists and is not empty/);
    expect(readdirSync(out)).toEqual(['mine.txt']);
    expect(existsSync(`${out}.part`)).toBe(false);
  });
});
