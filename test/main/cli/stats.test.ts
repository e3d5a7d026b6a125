import { describe, expect, it } from 'vitest';
import { dataDirWithCalls, ringfence } from '../history/cli-support.ts';

const period = ['--from', '2025-03-03T00:00:00+08:00', '--to', '2025-03-05T00:00:00+08:00'];

describe('ringfence stats', () => {
  it('prints the statistics of a period as JSON', () => {
    const { dir, history, close } = dataDirWithCalls(30);
    const expected = history.statistics({ from: period[1]!, to: period[3]!, bucket: 'day', top: 10 }, []);
    close();
    const r = ringfence('stats', '--data-dir', dir, ...period, '--json');
    expect(r.status).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats.totals).toEqual(expected.totals);
    expect(stats.totals.calls).toBe(30);
    expect(stats.topCallers.map((t: { number: string; count: number }) => [t.number, t.count])).toEqual([
      ['+8617012345678', 20],
      ['+8613800138000', 10],
    ]);
  });

  it('prints a readable summary by default', () => {
    const { dir, close } = dataDirWithCalls(30);
    close();
    const r = ringfence('stats', '--data-dir', dir, ...period);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/calls 30, blocked 22 \(73\.3%\), different numbers 2, withheld 0%/);
    expect(r.stdout).toMatch(/\+8617012345678\s+20 calls/);
  });

  it('counts days in the time zone asked for', () => {
    const { dir, close } = dataDirWithCalls(30);
    close();
    const r = ringfence('stats', '--data-dir', dir, ...period, '--json', '--time-zone', 'Asia/Shanghai');
    expect(JSON.parse(r.stdout).buckets.map((b: { start: string }) => b.start)).toEqual(['2025-03-03T00:00:00+08:00', '2025-03-04T00:00:00+08:00']);
    const bad = ringfence('stats', '--data-dir', dir, ...period, '--time-zone', 'Mars/Olympus');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/IANA time zone/);
  });

  it('treats a bad --top or period as a usage error', () => {
    const { dir, close } = dataDirWithCalls(3);
    close();
    expect(ringfence('stats', '--data-dir', dir, '--top', 'many').status).toBe(2);
    const backwards = ringfence('stats', '--data-dir', dir, '--from', period[3]!, '--to', period[1]!);
    expect(backwards.status).toBe(2);
    expect(backwards.stderr).toMatch(/ends .* before it starts/);
  });
});
