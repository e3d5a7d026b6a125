// Where checkpoints go: the exports folder's checkpoints/ (beside the exports that carry heads too), and the
// folder the user chose outside the data folder, if any. `verify` looks in the same places.
import { join } from 'node:path';
import type { DataPaths } from '../store/index.ts';

export function checkpointDirs(paths: DataPaths, chosen: string | null): string[] {
  return [join(paths.exports, 'checkpoints'), ...(chosen ? [chosen] : [])];
}
