// What the latency benchmarks share: percentiles, the floor (a bare pty round trip taken between the calls),
// and the host's own account of each hang-up, stage by stage, from the lines `ringfence serve` writes when
// RINGFENCE_LATENCY_TRACE names a file.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import { createPtyPair } from '../../main/sim/pty.ts';

export const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { n: s.length, p50: q(0.5), p99: q(0.99), max: s[s.length - 1]! };
};
export const fmt = (x: { n: number; p50: number; p99: number; max: number }) =>
  `p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms, max ${x.max.toFixed(2)} ms (n=${x.n})`;

export type Stats = ReturnType<typeof stats>;

export type Stages = { lineId: string; parse: number; toDecide: number; decide: number; toWrite: number; write: number; total: number };
const stageNames = ['parse', 'toDecide', 'decide', 'toWrite', 'write', 'total'] as const;
const ms = (x: number) => x.toFixed(3);

/** The host's own account of each hang-up, stage by stage (from the serial read to the write returning). */
export function stageTable(rows: Stages[]): string {
  const lines = [`  ${'stage'.padEnd(30)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}  (ms, n=${rows.length})`];
  const label: Record<(typeof stageNames)[number], string> = {
    parse: 'read → caller ID known',
    toDecide: 'caller ID → screening asked',
    decide: 'screening decision',
    toWrite: 'decision → hang-up handed over',
    write: 'port write',
    total: 'read → write returned (host)',
  };
  for (const name of stageNames) {
    const st = stats(rows.map((r) => r[name]));
    lines.push(`  ${label[name].padEnd(30)}${ms(st.p50).padStart(9)}${ms(st.p99).padStart(9)}${ms(st.max).padStart(9)}`);
  }
  return lines.join('\n');
}

export function readStages(file: string, lineId: string, skip: number): Stages[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Stages)
    .filter((r) => r.lineId === lineId)
    .slice(skip);
}

export const summary = (rows: Stages[]) => Object.fromEntries(stageNames.map((n) => [n, stats(rows.map((r) => r[n]))]));

/** The floor: one byte out and back through a socat pty pair, serialport on both ends, the echo in a process
 *  of its own. `sample()` takes one round trip. */
export async function openFloor(link: string) {
  const pair = await createPtyPair(link);
  const host = new SerialPort({ path: pair.link, baudRate: 115200 });
  await new Promise((r) => host.once('open', r));
  const echo = fork(join(import.meta.dirname, 'pty-echo.ts'), [pair.deviceLink]);
  await new Promise((r) => echo.once('message', r));
  return {
    async sample(): Promise<number> {
      const t = performance.now();
      await new Promise<void>((resolve) => {
        host.once('data', () => resolve());
        host.write('x');
      });
      return performance.now() - t;
    },
    async close() {
      echo.send('close');
      await new Promise((r) => echo.once('exit', r));
      await new Promise((r) => host.close(r));
      await pair.close();
    },
  };
}
export type Floor = Awaited<ReturnType<typeof openFloor>>;
