// JSON export: one object, streamed. `chain` carries the head so the copy can be checked later; each call
// carries its hash and callKey, so a complete (unfiltered) export can be re-hashed on its own with the
// canonical form documented in canonical.ts.
import { canonicalVersion, genesisHash } from '../canonical.ts';
import type { Snapshot } from './snapshot.ts';
import { progress, type ExportSink } from './sink.ts';

export async function writeJson(
  snapshot: Snapshot,
  sink: ExportSink,
  meta: { exportedAt: string; from?: string; to?: string; numbers?: string[] },
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const total = snapshot.count();
  const report = progress(total, onProgress);
  const header = {
    format: 'ringfence-calls',
    version: 1,
    exportedAt: meta.exportedAt,
    filter: { from: meta.from ?? null, to: meta.to ?? null, numbers: meta.numbers ?? [] },
    chain: {
      head: snapshot.head,
      lastId: snapshot.lastId,
      canonical: canonicalVersion,
      genesis: genesisHash,
      howToVerify:
        'Run "ringfence verify --data-dir <dir> --head <head>" on the original data: the chain must hold and contain this head. ' +
        'Each record: hash = SHA-256(previous hash + "\\n" + canonical content), see main/history/canonical.ts.',
    },
    count: total,
  };
  const open = JSON.stringify(header, null, 2);
  let pending = sink.write(`${open.slice(0, -2)},\n  "calls": [`);
  if (pending) await pending;
  let rows = 0;
  for (const call of snapshot.calls()) {
    pending = sink.write(`${rows === 0 ? '\n' : ',\n'}    ${JSON.stringify(call)}`);
    rows++;
    if (pending) await pending;
    if ((rows & 1023) === 0) report.tick(rows);
  }
  await sink.write(`${rows === 0 ? '' : '\n  '}]\n}\n`);
  report.end(rows);
  return rows;
}
