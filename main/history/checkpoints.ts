// Checkpoints: the chain head written down outside the database — daily and with every export into the
// exports folder (and a folder of the user's choice, e.g. one a cloud drive copies), inside every evidence
// pack, and optionally texted to a number the user chooses. Whoever edits the database and recomputes the
// chain cannot reach those copies, so `verify` compares the database with every checkpoint it can find and
// says which match: a recomputed chain, a cut tail or a re-chain all show up as a checkpoint that does not.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { CheckpointCheck } from '../../shared/api.ts';
import { callTag, canonicalVersion } from './canonical.ts';
import { entrySql } from './chain-state.ts';
import { query } from '../store/index.ts';

/** A chain head as seen outside the database. */
export type Checkpoint = { source: string; at: string | null; lastId: number; head: string };

/** The file a checkpoint is written as (`ringfence-checkpoint-….json`). */
export type CheckpointFile = {
  format: 'ringfence-checkpoint';
  version: 1;
  at: string;
  lastId: number;
  head: string;
  canonical: string;
  why: string;
};

const n = (x: number) => x.toLocaleString('en-US');

export function checkpointFile(head: { lastId: number; head: string }, at: Date, why: string): CheckpointFile {
  return { format: 'ringfence-checkpoint', version: 1, at: at.toISOString(), lastId: head.lastId, head: head.head, canonical: callTag(canonicalVersion), why };
}

/**
 * Writes a checkpoint into `dir` (created when missing) as a new file: temp file, then rename, so a reader
 * never sees half of one. Returns the path.
 */
export function writeCheckpoint(dir: string, checkpoint: CheckpointFile): string {
  mkdirSync(dir, { recursive: true });
  const stamp = checkpoint.at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const path = join(dir, `ringfence-checkpoint-${stamp}-${checkpoint.lastId}.json`);
  const temp = `${path}.part`;
  writeFileSync(temp, `${JSON.stringify(checkpoint, null, 2)}\n`);
  renameSync(temp, path);
  return path;
}

function readHeadOf(path: string, bytes: number, fromEnd: boolean): string {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    const length = Math.min(bytes, size);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, fromEnd ? size - length : 0);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The checkpoint a file carries, if it carries one: a checkpoint file, or an export with its chain head. */
export function readCheckpoint(path: string): Checkpoint | null {
  const name = basename(path);
  try {
    if (name.endsWith('.json') && !name.endsWith('.part')) {
      const start = readHeadOf(path, 4096, false);
      if (name.startsWith('ringfence-checkpoint') || /"format":\s*"ringfence-checkpoint"/.test(start)) {
        const c = JSON.parse(readHeadOf(path, 65536, false)) as Partial<CheckpointFile>;
        if (c.format === 'ringfence-checkpoint' && typeof c.head === 'string' && Number.isSafeInteger(c.lastId)) {
          return { source: path, at: c.at ?? null, lastId: c.lastId!, head: c.head.toLowerCase() };
        }
        return null;
      }
      // A JSON export: its header names the head and the last record, with the time it was exported.
      const head = /"head":\s*"([0-9a-f]{64})"/.exec(start);
      const last = /"lastId":\s*(\d+)/.exec(start);
      const at = /"exportedAt":\s*"([^"]+)"/.exec(start);
      if (/"format":\s*"ringfence-calls"/.test(start) && head && last) return { source: path, at: at?.[1] ?? null, lastId: Number(last[1]), head: head[1]! };
      return null;
    }
    if (name.endsWith('.csv')) {
      const tail = /# ringfence chain head ([0-9a-f]{64}) record (\d+)/.exec(readHeadOf(path, 4096, true));
      return tail ? { source: path, at: statSync(path).mtime.toISOString(), lastId: Number(tail[2]), head: tail[1]! } : null;
    }
    if (name.endsWith('.html')) {
      const start = readHeadOf(path, 8192, false);
      const head = /name="ringfence-chain-head" content="([0-9a-f]{64})"/.exec(start);
      const last = /name="ringfence-chain-last-id" content="(\d+)"/.exec(start);
      const at = /name="ringfence-generated" content="([^"]+)"/.exec(start);
      return head && last ? { source: path, at: at?.[1] ?? statSync(path).mtime.toISOString(), lastId: Number(last[1]), head: head[1]! } : null;
    }
  } catch {
    // A file that cannot be read is no checkpoint; verify lists what it found.
  }
  return null;
}

/** Every checkpoint in these folders and one level below (packs are folders), oldest first. */
export function findCheckpoints(dirs: readonly string[]): Checkpoint[] {
  const found: Checkpoint[] = [];
  const seen = new Set<string>();
  const scan = (dir: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      let isDir: boolean;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        continue;
      }
      if (isDir) {
        if (depth > 0) scan(path, depth - 1);
        continue;
      }
      const c = readCheckpoint(path);
      const key = c ? `${c.lastId}:${c.head}:${c.source}` : '';
      if (c && !seen.has(key)) {
        seen.add(key);
        found.push(c);
      }
    }
  };
  for (const dir of dirs) if (existsSync(dir)) scan(dir, 2);
  return found.sort((a, b) => a.lastId - b.lastId || String(a.at).localeCompare(String(b.at)));
}

type ChainNow = { lastId: number; head: string | null; start: number; bad: number | null };

/**
 * Each checkpoint against the database: it matches when the entry it names is still there with the same
 * hash. One that does not is explained: the tail was cut, the chain was re-chained after it, or entries up
 * to it were changed and the chain recomputed (narrowed by the checkpoints that still match).
 */
export function checkCheckpoints(db: DatabaseSync, checkpoints: readonly Checkpoint[], chain: ChainNow): CheckpointCheck[] {
  const hashOf = query<{ h: string }>(db, entrySql('lower(hex(hash)) AS h'));
  const rechains = query<{ id: number; at: string; body: string }>(db, "SELECT id, at, body FROM history_events WHERE kind = 'rechain' ORDER BY id")
    .all()
    .map((r) => ({ ...r, body: safeJson(r.body) }));
  const checks: CheckpointCheck[] = checkpoints.map((c) => {
    const base = { source: c.source, at: c.at, lastId: c.lastId, head: c.head };
    const when = `the checkpoint of ${c.at ?? 'unknown date'} (${c.source})`;
    if (c.lastId > chain.lastId) {
      return { ...base, matches: false, problem: `tail cut after record ${n(chain.lastId)}: ${when} says the chain reached record ${n(c.lastId)}` };
    }
    if (c.lastId < chain.start) {
      return { ...base, matches: null, problem: null, note: `record ${n(c.lastId)} was removed by a retention cut: this checkpoint can no longer be checked` };
    }
    const stored = hashOf.get(c.lastId)?.h ?? null;
    if (stored === c.head) return { ...base, matches: true, problem: null };
    const rechain = rechains.find((r) => r.body.previousHead === c.head && r.body.previousLastId === c.lastId);
    if (rechain) {
      return {
        ...base,
        matches: false,
        problem: `${when} was taken before the history was re-chained on ${rechain.at} (${String(rechain.body.from)} to ${String(rechain.body.to)}): it no longer matches, as any checkpoint from before a re-chain; the re-chain recorded that head as the one it replaced`,
      };
    }
    if (stored === null) return { ...base, matches: false, problem: `record ${n(c.lastId)} named by ${when} is missing from the database` };
    return { ...base, matches: false, problem: '' };
  });
  // Narrow the recomputed stretch: after the last checkpoint below that still matches.
  for (const c of checks) {
    if (c.problem !== '') continue;
    const below = checks.filter((o) => o.matches === true && o.lastId < c.lastId).map((o) => o.lastId);
    const from = below.length ? Math.max(...below) + 1 : chain.start;
    const where = from === c.lastId ? `record ${n(c.lastId)}` : `a record between ${n(from)} and ${n(c.lastId)}`;
    c.problem =
      `${where} was changed after the checkpoint of ${c.at ?? 'unknown date'} (${c.source}) and the chain recomputed: ` +
      `that checkpoint has ${c.head.slice(0, 16)}… for record ${n(c.lastId)}, the database now has another hash`;
  }
  return checks;
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The text of the opt-in daily SMS checkpoint (settings.evidence.smsCheckpoint): ASCII only, so it fits one
 * GSM-7 SMS (160 characters; one Chinese character would make it UCS-2 and 70), with the whole head (a prefix
 * would not pin it), the record it names and the time.
 * The operator's own records then timestamp it. Sent by the service through a line's sendSms (issue 17),
 * and only after the user confirmed the number.
 */
export function checkpointSmsText(head: { lastId: number; head: string }, at: Date): string {
  return `Ringfence checkpoint ${at.toISOString().slice(0, 16).replace('T', ' ')}Z record ${head.lastId} head ${head.head}`;
}
