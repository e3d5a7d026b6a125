import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catchCrashes, crashEntry, mayRestart, openCrashLog } from '../../../main/app/crash-log.ts';
import { repoRoot } from '../../support/paths.ts';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'ringfence-crash-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the crash log', () => {
  it('writes a timestamped entry with the stack to <dataDir>/logs/crash.log', () => {
    const log = openCrashLog(join(dir, 'logs'), { now: () => new Date('2026-03-01T10:00:00Z') });
    log.write('uncaught-exception', new TypeError('boom'));
    expect(log.path).toBe(join(dir, 'logs', 'crash.log'));
    const text = readFileSync(log.path, 'utf8');
    expect(text).toMatch(/^\[2026-03-01T10:00:00\.000Z\] uncaught-exception\nTypeError: boom\n\s+at /);
  });

  it('records rejections that are not errors', () => {
    expect(crashEntry('unhandled-rejection', { code: 'x' }, new Date(0))).toBe('[1970-01-01T00:00:00.000Z] unhandled-rejection\n{"code":"x"}\n\n');
  });

  it('moves a full log aside instead of growing without end', () => {
    const log = openCrashLog(join(dir, 'logs'), { maxBytes: 100 });
    for (let i = 0; i < 5; i++) log.write('log', 'x'.repeat(60));
    expect(existsSync(`${log.path}.1`)).toBe(true);
    expect(readFileSync(log.path, 'utf8').length).toBeLessThan(200);
  });

  it('never throws, even when the log cannot be written', () => {
    writeFileSync(join(dir, 'logs'), 'a file where the folder should be');
    expect(() => openCrashLog(join(dir, 'logs')).write('log', 'x')).not.toThrow();
  });
});

describe('catching crashes', () => {
  it('logs uncaught exceptions and rejections and asks for recovery', () => {
    const proc = new EventEmitter();
    const log = openCrashLog(join(dir, 'logs'));
    const recovered: string[] = [];
    catchCrashes(proc, log, (kind) => recovered.push(kind));
    proc.emit('uncaughtException', new Error('serial port exploded'));
    proc.emit('unhandledRejection', new Error('database busy'));
    expect(recovered).toEqual(['uncaught-exception', 'unhandled-rejection']);
    const text = readFileSync(log.path, 'utf8');
    expect(text).toContain('serial port exploded');
    expect(text).toContain('database busy');
  });

  it('keeps a real process alive after an uncaught exception and an unhandled rejection', () => {
    const script = `
      import { catchCrashes, openCrashLog } from ${JSON.stringify(join(repoRoot, 'main/app/crash-log.ts'))};
      const log = openCrashLog(${JSON.stringify(join(dir, 'logs'))});
      let recoveries = 0;
      catchCrashes(process, log, () => recoveries++);
      setTimeout(() => { throw new Error('thrown from a timer'); }, 1);
      setTimeout(() => void Promise.reject(new Error('rejected, never caught')), 2);
      setTimeout(() => console.log('still screening after ' + recoveries + ' crashes'), 50);
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(out.trim()).toBe('still screening after 2 crashes');
    const text = readFileSync(join(dir, 'logs', 'crash.log'), 'utf8');
    expect(text).toContain('thrown from a timer');
    expect(text).toContain('rejected, never caught');
  });
});

describe('the restart budget', () => {
  it('allows five service restarts in ten minutes, then stops', () => {
    let history: number[] = [];
    const results: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const r = mayRestart(history, i * 1000);
      history = r.history;
      results.push(r.allowed);
    }
    expect(results).toEqual([true, true, true, true, true, false]);
    expect(mayRestart(history, 11 * 60_000).allowed).toBe(true);
  });
});
