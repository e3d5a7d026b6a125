// A data directory with a recorded history, and the CLI run from source against it.
import { spawnSync } from 'node:child_process';
import type { History } from '../../../main/history/index.ts';
import { cliEntry } from '../../support/paths.ts';
import { hour, makeCall, openTestHistory, t0, tempDir } from './support.ts';

export const ringfence = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });

export function dataDirWithCalls(n = 30): { dir: string; history: History; close: () => void } {
  const { db, history, dir } = openTestHistory({ dir: tempDir('rf-cli-') });
  history.recordBatch(
    Array.from({ length: n }, (_, i) => makeCall(t0 + i * hour, { number: i % 3 ? '17012345678' : '13800138000', action: i % 4 ? 'reject' : 'allow' })),
  );
  return { dir, history, close: () => db.close() };
}
