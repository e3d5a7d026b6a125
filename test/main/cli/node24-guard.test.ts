// The guard that runs before every npm script and at the end of `npm install` (main/cli/node24-guard.cjs): each way
// the project's own Node 24 can be missing gets one sentence in both languages, never a stack trace.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.ts';

type Facts = {
  mode: 'install' | 'run';
  here: string;
  bundled: string | null;
  fetched: boolean;
  installed: boolean;
  npm: string | null;
  npmNode: string | null;
  npmCli: string | null;
};
type Advice = { exit: 0 | 1; en: string | null; zh: string | null; completeInstall?: boolean };
const guardPath = join(repoRoot, 'main', 'cli', 'node24-guard.cjs');
const { advise } = createRequire(import.meta.url)(guardPath) as { advise: (f: Facts) => Advice };

const installed: Facts = {
  mode: 'run',
  here: '24.21.0',
  bundled: '24.21.0',
  fetched: true,
  installed: true,
  npm: '11.19.1',
  npmNode: '20.20.2',
  npmCli: '/usr/lib/node_modules/npm/bin/npm-cli.js',
};
const run = (f: Partial<Facts>) => advise({ ...installed, ...f, mode: 'run' });
const install = (f: Partial<Facts>) => advise({ ...installed, ...f, mode: 'install' });

describe('the Node 24 guard before every script', () => {
  it('lets a script run on Node 24 once the dependencies are installed, silently', () => {
    expect(run({})).toEqual({ exit: 0, en: null, zh: null });
    expect(run({ here: '24.0.0', bundled: null, fetched: false })).toEqual({ exit: 0, en: null, zh: null });
  });

  it('says to run npm install when it has not run (system Node 20 or 24)', () => {
    const old = run({ here: '20.20.2', bundled: null, fetched: false, installed: false });
    expect(old.exit).toBe(1);
    expect(old.en).toMatch(/run `npm install` first \(this is Node 20\.20\.2\)/);
    expect(run({ here: '24.1.0', bundled: null, fetched: false, installed: false })).toMatchObject({
      exit: 1,
      en: expect.stringMatching(/run `npm install` first/),
    });
  });

  it('says how to fetch Node 24 when npm install skipped install scripts', () => {
    expect(run({ here: '18.20.8', fetched: false })).toMatchObject({ exit: 1, en: expect.stringMatching(/npm rebuild node --ignore-scripts=false/) });
  });

  it('says to go through npm when Node 24 is there but not on PATH', () => {
    expect(run({ here: '20.20.2' })).toMatchObject({ exit: 1, en: expect.stringMatching(/instead of the Node 24\.21\.0 in node_modules/) });
  });
});

describe('the Node 24 guard at the end of npm install', () => {
  it('stops npm 6 and older (which npm runs this before installing anything) with what to install', () => {
    const advice = install({ npm: '6.14.18', npmNode: '14.21.3', here: '14.21.3', bundled: null, fetched: false, installed: false });
    expect(advice.exit).toBe(1);
    expect(advice.en).toMatch(/npm \(6\.14\.18\) is too old.*install Node\.js 18 or newer from https:\/\/nodejs\.org/);
  });

  it("tells a user on an older Node that the scripts run on the project's Node 24, and completes the install on it", () => {
    // npm skips optional dependencies whose engines its own Node misses (the bundler's native part on Node 18).
    expect(install({ npmNode: '18.20.8' })).toMatchObject({
      exit: 0,
      completeInstall: true,
      en: expect.stringMatching(/runs on it, not on this machine's Node 18\.20\.8/),
    });
    expect(install({ npmNode: '20.20.2', npmCli: null })).toMatchObject({ exit: 0, completeInstall: false });
    expect(install({ npmNode: '24.21.0' })).toEqual({ exit: 0, en: null, zh: null });
  });

  it('does not fail an install that left the devDependencies out on purpose, but says what it means', () => {
    expect(install({ here: '20.20.2', bundled: null, fetched: false })).toMatchObject({
      exit: 0,
      en: expect.stringMatching(/`npm start` and `npm test` need a full `npm install`/),
    });
  });

  it('fails when npm did not run the node package install script', () => {
    expect(install({ here: '20.20.2', fetched: false })).toMatchObject({ exit: 1, en: expect.stringMatching(/npm install-scripts approve node/) });
  });
});

describe('what the guard prints', () => {
  const cases: Facts[] = [];
  for (const mode of ['install', 'run'] as const)
    for (const here of ['12.22.12', '20.20.2', '24.21.0'])
      for (const bundled of [null, '24.21.0'])
        for (const fetched of [false, true])
          for (const installedFlag of [false, true])
            for (const npm of ['6.14.18', '10.8.2', '11.19.1'])
              cases.push({ mode, here, bundled, fetched, installed: installedFlag, npm, npmNode: here === '24.21.0' ? '18.20.8' : here, npmCli: 'npm-cli.js' });

  it('is one sentence in English and one in Chinese, whenever it says anything', () => {
    for (const f of cases) {
      const { en, zh } = advise(f);
      if (en === null) {
        expect(zh, JSON.stringify(f)).toBeNull();
        continue;
      }
      expect(en, JSON.stringify(f)).toMatch(/^[^\n]+\.$/);
      expect(en.slice(0, -1), JSON.stringify(f)).not.toMatch(/\.\s+[A-Z]/);
      expect(zh, JSON.stringify(f)).toMatch(/^[^\n]*[\u4e00-\u9fff][^\n。]*。$/);
    }
  });

  it('runs as the first command and prints nothing on this Node 24', () => {
    const r = spawnSync(process.execPath, [guardPath], { encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    devDependencies: Record<string, string>;
    allowScripts: Record<string, boolean>;
  };

  it('runs the guard first in every script, and at the end of npm install', () => {
    for (const [name, command] of Object.entries(pkg.scripts)) {
      if (name === 'preinstall') expect(command).toMatch(/^npm rebuild node --ignore-scripts && node main\/cli\/node24-guard\.cjs install$/);
      else expect(command, name).toMatch(/^node main\/cli\/node24-guard\.cjs && /);
    }
  });

  it('brings Node 24 as a devDependency and allows its install script', () => {
    expect(pkg.devDependencies.node).toMatch(/^\^24\./);
    expect(pkg.allowScripts.node).toBe(true);
  });
});
