// Every sentence main/ says to a person lives in its capability's texts.ts, in both languages — scanned
// here as the renderer's resources are (test/renderer/i18n/resources.test.ts). Two rules:
//   1. in each texts.ts, every sentence has its Chinese, and the Chinese is Chinese (not the English copied);
//   2. outside texts.ts, no Chinese sentence is written inline in a capability that has moved its sentences.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';

const mainDir = join(repoRoot, 'main');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
const all = files(mainDir).map((path) => ({ path: relative(repoRoot, path), text: readFileSync(path, 'utf8') }));
const textsFiles = all.filter((f) => f.path.endsWith('/texts.ts'));

/** The string or template literal after each `zh:` (a value that is an expression is not a literal). */
const zhLiterals = (text: string) => [...text.matchAll(/\bzh:\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]!);
const enKeys = (text: string) => [...text.matchAll(/\ben:\s*['"`]/g)].length;
const zhKeys = (text: string) => [...text.matchAll(/\bzh:\s/g)].length;
const cjk = /[\u3400-\u9fff]/;
/** Placeholders and punctuation only ("${a}（${b}）"): a composition, not a sentence to translate. */
const composition = (s: string) => s.replace(/\$\{[^}]*\}/g, '').replace(/[\s\p{P}]/gu, '') === '';

/** Every capability of main/ (each folder): all have moved their sentences to texts.ts, and a new one starts so. */
const clean = readdirSync(mainDir).filter((name) => statSync(join(mainDir, name)).isDirectory());

describe('the sentences of main/', () => {
  it('finds the texts files', () => {
    expect(textsFiles.map((f) => f.path)).toEqual(
      expect.arrayContaining(['main/app/texts.ts', 'main/modem/texts.ts', 'main/screening/texts.ts', 'main/service/texts.ts']),
    );
  });

  it.each(textsFiles.map((f) => [f.path, f] as const))('%s gives every sentence in Chinese too', (_path, file) => {
    const zh = zhLiterals(file.text);
    // Every `en:` sentence has its `zh:` (a Chinese value may be an expression choosing between sentences).
    expect(zhKeys(file.text)).toBeGreaterThanOrEqual(enKeys(file.text));
    const notChinese = zh.filter((s) => s.trim() !== '' && !cjk.test(s) && !composition(s) && !/^[A-Za-z0-9 .:/()_-]+$/.test(s.replace(/\$\{[^}]*\}/g, '')));
    expect(notChinese).toEqual([]);
  });

  it('knows the capabilities', () => {
    expect(clean).toEqual(expect.arrayContaining(['app', 'cli', 'history', 'messages', 'modem', 'screening', 'server', 'service', 'settings', 'sim', 'store']));
  });

  it.each(clean)('main/%s writes no Chinese sentence outside its texts.ts', (capability) => {
    const inline = all
      .filter((f) => f.path.startsWith(`main/${capability}/`) && !f.path.endsWith('/texts.ts'))
      .flatMap((f) =>
        zhLiterals(f.text)
          .filter((s) => cjk.test(s.replace(/\$\{[^}]*\}/g, '')))
          .map((s) => `${f.path}: ${s}`),
      );
    expect(inline).toEqual([]);
  });

  // The exports' sentences went to main/history/export/texts.ts in one move: not only `zh:` values but any
  // Chinese in the code (a positional argument, a text file's body) would be a sentence written inline.
  it('main/history/export writes no Chinese outside its texts.ts, comments aside', () => {
    const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    const inline = all
      .filter((f) => f.path.startsWith('main/history/export/') && !f.path.endsWith('/texts.ts'))
      .flatMap((f) =>
        withoutComments(f.text)
          .split('\n')
          .filter((line) => cjk.test(line))
          .map((line) => `${f.path}: ${line.trim()}`),
      );
    expect(inline).toEqual([]);
  });
});
