// The one error model (shared/errors.ts) holds everywhere in main/: every error class that can reach a person
// is a DomainError, and every code given to one is kebab-case. Read from the source, so a new error with a
// SCREAMING_CASE code or a bare `extends Error` fails here before it reaches the UI.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError, errorCodePattern } from '../../shared/errors.ts';
import { repoRoot } from '../support/paths.ts';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const files = sources(join(repoRoot, 'main')).map((path) => ({ path: relative(repoRoot, path), text: readFileSync(path, 'utf8') }));

/** Error classes that never cross a boundary as an error a person reads, and why. */
const notDomainErrors: Record<string, string> = {
  CliError: 'the CLI’s exit: it carries the sentence of the DomainError it reports and an exit code',
  UnreadableRecord: 'an internal invariant of the history (a record missing its decision): a bug, reported as internal',
  HttpProblem: 'the simulator control API’s own HTTP plumbing (content type, route), not a domain failure',
  PduError: 'a PDU the SMS codec cannot read: caught where it is decoded, and the message is recorded anyway with the reason among its problems',
  WriterError: 'the record writer thread’s failure carried back across the thread; the record queue retries and logs it',
};

describe('the error model', () => {
  it('makes every error class in main/ a DomainError, except the few that never reach a person as one', () => {
    const domain = new Set(['DomainError']);
    const classes = files.flatMap((f) => [...f.text.matchAll(/class (\w+) extends (\w+)/g)].map((m) => ({ name: m[1]!, base: m[2]!, file: f.path })));
    // Subclasses of subclasses (ApiFailure extends DomainError, …): grow the family until it is stable.
    for (let grew = true; grew;) {
      grew = false;
      for (const c of classes) {
        if (domain.has(c.base) && !domain.has(c.name)) {
          domain.add(c.name);
          grew = true;
        }
      }
    }
    const bare = classes.filter((c) => c.base === 'Error' && !domain.has(c.name)).map((c) => `${c.file}: ${c.name}`);
    expect(bare.filter((b) => !(b.split(': ')[1]! in notDomainErrors))).toEqual([]);
    expect(domain.size).toBeGreaterThan(10);
  });

  it('gives every domain error a kebab-case code', () => {
    const family = /\b(?:new (?:DomainError|ApiFailure|RuleError|HistoryError|SimInputError|SettingsError|StoreError)|super|fail|invalid)\(\s*'([^'\s]+)'/g;
    const codes = files.flatMap((f) => [...f.text.matchAll(family)].map((m) => ({ code: m[1]!, file: f.path })));
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((c) => !errorCodePattern.test(c.code))).toEqual([]);
  });

  it('carries the code, the status and both sentences, with the English one as the message', () => {
    const e = new DomainError('no-such-call', { en: 'There is no call 7.', zh: '没有第 7 通来电。' }, { status: 404 });
    expect(e).toMatchObject({ code: 'no-such-call', status: 404, message: 'There is no call 7.', text: { zh: '没有第 7 通来电。' } });
    expect(new DomainError('x', { en: 'a', zh: 'b' }).status).toBe(400);
    expect(errorCodePattern.test('SOCAT_MISSING')).toBe(false);
    expect(errorCodePattern.test('socat-missing')).toBe(true);
  });
});
