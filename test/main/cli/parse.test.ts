// `ringfence parse`: the real CLI, run from source, on every public capture (file argument) and on
// standard input, plus its errors.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEntry, fixturesDir } from '../../support/paths.ts';
import { collapse, loadFixtures, type Identity } from '../modem/support/fixtures.ts';

const fixtures = loadFixtures();

type Run = { status: number | null; stdout: string; stderr: string };
function ringfence(args: string[], input?: Buffer): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? undefined);
  });
}

const ndjson = (stdout: string): Identity[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Identity);

describe('ringfence parse', () => {
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    // One process for the whole set (Node takes ~0.5 s to start here): with several files every line
    // also carries its "file". Single-file runs are checked below.
    const run = await ringfence(['parse', ...fixtures.map((f) => join(fixturesDir, `${f.name}.modem`))]);
    expect(run.status).toBe(0);
    // Standard error names exactly the captures without a call (fixtures of modem chatter alone).
    const quiet = fixtures.filter((f) => f.calls.length === 0).map((f) => `ringfence: no incoming call in ${join(fixturesDir, `${f.name}.modem`)} (`);
    const notes = run.stderr.split('\n').filter(Boolean);
    expect(notes.length).toBe(quiet.length);
    for (const [i, note] of notes.entries()) expect(note.startsWith(quiet[i]!)).toBe(true);
    const lines = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Identity & { file: string });
    for (const f of fixtures) {
      const file = join(fixturesDir, `${f.name}.modem`);
      const own = lines.filter((l) => l.file === file).map(({ number, presentation, name }) => ({ number, presentation, name }));
      runs.set(f.name, { status: 0, stderr: '', stdout: own.map((c) => JSON.stringify(c)).join('\n') });
    }
  }, 60_000);

  for (const f of fixtures) {
    it(`prints the expected calls of ${f.name} as NDJSON`, () => {
      const run = runs.get(f.name)!;
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(collapse(ndjson(run.stdout))).toEqual(collapse(f.calls));
    });
  }

  it('prints exactly the three keys for one file', async () => {
    const f = fixtures.find((x) => x.name === 'ncid-test-utf8-name') ?? fixtures[0]!;
    const run = await ringfence(['parse', join(fixturesDir, `${f.name}.modem`)]);
    expect(run.status).toBe(0);
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => Object.keys(JSON.parse(l) as object)),
    ).toEqual(f.calls.map(() => ['number', 'presentation', 'name']));
    expect(collapse(ndjson(run.stdout))).toEqual(collapse(f.calls));
  });

  it('reads standard input when no file is given', async () => {
    const f = fixtures.find((x) => x.name === 'jcblock-callerid-dat-example') ?? fixtures[0]!;
    const run = await ringfence(['parse'], f.bytes);
    expect(run.status).toBe(0);
    expect(collapse(ndjson(run.stdout))).toEqual(collapse(f.calls));
  });

  it('prints each call with exactly number, presentation and name', async () => {
    const run = await ringfence(['parse'], Buffer.from('\r\nRING\r\n\r\n+CLIP: "+8613800138000",145,,,"Zhang San",0\r\n'));
    expect(run.stdout).toBe('{"number":"+8613800138000","presentation":"allowed","name":"Zhang San"}\n');
  });

  it('prints nothing for input without calls, and says so on standard error', async () => {
    const run = await ringfence(['parse'], Buffer.from('\r\nOK\r\n^RSSI:14\r\n'));
    expect(run).toMatchObject({ status: 0, stdout: '' });
    expect(run.stderr).toContain('no incoming call in standard input');
  });

  it('fails with a clear message and exit code 1 for a missing file', () => {
    const r = spawnSync(process.execPath, [cliEntry, 'parse', '/nonexistent/capture.modem'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot read "\/nonexistent\/capture.modem": no such file/);
    expect(r.stdout).toBe('');
  });
});
