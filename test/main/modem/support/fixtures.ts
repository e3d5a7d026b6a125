// The public captures in test/fixtures/modem: every *.modem with its expected calls. Iterated, never
// listed by hand, so a capture added there is a test here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '../../../support/paths.ts';

export type Identity = { number: string | null; presentation: string; name: string | null };
export type Fixture = { name: string; bytes: Buffer; calls: Identity[] };

export function loadFixtures(): Fixture[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.modem'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.modem$/, '');
      const expected = JSON.parse(readFileSync(join(fixturesDir, `${name}.expected.json`), 'utf8')) as { calls: Identity[] };
      return { name, bytes: readFileSync(join(fixturesDir, file)), calls: expected.calls };
    });
}

/** The README's comparison: keep number/presentation/name, collapse runs of identical identities. */
export function collapse(calls: readonly Identity[]): Identity[] {
  const out: Identity[] = [];
  for (const { number, presentation, name } of calls) {
    const last = out[out.length - 1];
    if (last && last.number === number && last.presentation === presentation && last.name === name) continue;
    out.push({ number, presentation, name });
  }
  return out;
}
