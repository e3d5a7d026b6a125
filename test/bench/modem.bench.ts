// Modem link figures: parser throughput on the public captures, and hang-up latency over a real pty —
// from the moment the last byte of a +CLIP (or a landline NMBR/NAME block) is written by the modem side
// to the moment the first byte of the hang-up command arrives there, through serialport, the splitter,
// the AT channel, the parser, the call tracker and a decide() that rejects everything.
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { openLine, parseTranscript } from '../../main/modem/index.ts';
import { createPtyPair } from '../../main/sim/pty.ts';

import { fixturesDir } from '../support/paths.ts';
const captures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.modem'))
  .map((f) => readFileSync(join(fixturesDir, f)));

function throughput() {
  const all = Buffer.concat(captures);
  const rounds = 400;
  for (let i = 0; i < 20; i++) parseTranscript(all); // warm up
  const t0 = performance.now();
  let calls = 0;
  for (let i = 0; i < rounds; i++) calls += parseTranscript(all).length;
  const ms = performance.now() - t0;
  const mb = (all.length * rounds) / 1e6;
  console.log(`parseTranscript: ${(mb / (ms / 1000)).toFixed(1)} MB/s, ${((calls / ms) * 1000).toFixed(0)} calls/s (${captures.length} captures × ${rounds})`);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function latency(kind: 'gsm' | 'landline', calls: number) {
  const dir = mkdtempSync(join(tmpdir(), 'rf-bench-'));
  const pair = await createPtyPair(join(dir, 'tty'));
  const peer = fork(join(import.meta.dirname, 'modem-peer.ts'), [pair.deviceLink, kind]);
  await new Promise<void>((r) => peer.once('message', () => r()));
  const decide = () => ({ action: 'reject' as const, reason: 'default' as const, ruleId: null, ruleLabel: null, text: { en: '', zh: '' } });
  const line = openLine({ id: 'bench', path: pair.link, decide, timing: { hangupPauseMs: 5, settleMs: 20 } });
  await line.ready(10_000);
  const samples: number[] = [];
  const internal: number[] = [];
  line.on('call-ended', (c) => c.hangupLatencyMs !== null && internal.push(c.hangupLatencyMs));
  for (let i = 0; i < calls; i++) {
    const ended = new Promise<void>((r) => line.once('call-ended', () => r()));
    const measured = new Promise<number>((r) => peer.once('message', (m: { latencyMs: number }) => r(m.latencyMs)));
    peer.send({ call: i });
    samples.push(await measured);
    await ended;
  }
  await line.close();
  peer.send('exit');
  await new Promise<void>((r) => peer.once('exit', () => r()));
  await pair.close();
  rmSync(dir, { recursive: true, force: true });
  const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`;
  console.log(`hang-up latency, ${kind}, ${calls} calls`);
  console.log(`  modem side (last caller-ID byte written → first hang-up byte read, separate process): ${fmt(samples)}`);
  console.log(`  line side (caller ID known → hang-up command written, EndedCall.hangupLatencyMs): ${fmt(internal)}`);
}

throughput();
await latency('gsm', 200);
await latency('landline', 200);
