import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../../main/history/index.ts';
import { openDataStore } from '../../../main/store/open.ts';
import { makeCall, tempDir } from './support.ts';

const storm = join(import.meta.dirname, 'fixtures', 'write-storm.ts');

describe('a crash in the middle of a write storm', () => {
  it('loses no committed call: after kill -9 the file is intact, the chain verifies and every reported record is there', async () => {
    const dir = tempDir('rf-crash-');
    const child = spawn(process.execPath, [storm, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const committed = new Map<number, string>();
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${committed.size} records committed in 20 s`)), 20_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line === 'ready') return;
        const [id, hash] = line.split(' ');
        committed.set(Number(id), hash!);
        // Kill while it is busy writing, well into the storm.
        if (committed.size === 300) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect(await exited).toBe('SIGKILL');

    const store = openDataStore(dir);
    expect(store.notices).toEqual([]);
    expect(store.db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    const history = openHistory(store.db);
    const verdict = history.verify();
    expect(verdict.ok).toBe(true);
    expect(verdict.records).toBeGreaterThanOrEqual(committed.size);
    for (const [id, hash] of committed) expect(history.get(id)?.hash).toBe(hash);
    // The running totals were committed with their calls, and recording goes on from where the chain ended.
    const stats = history.statistics({ from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z', bucket: 'week' }, []);
    expect(stats.totals.calls).toBe(verdict.records);
    expect(history.record(makeCall(Date.parse('2025-03-20T00:00:00Z'))).id).toBe(verdict.records + 1);
  });
});
