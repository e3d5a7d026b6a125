// Runs @doyensec/electronegativity on a directory and prints its findings as JSON (one object on stdout).
// Offline by construction: the Electron-releases check is excluded and `got`, which the tool also uses to
// fetch translations, is replaced by a function that fails at once, so nothing touches the network.
// Its CLI cannot be used: it relies on an old `commander` it does not declare, and ours is v15.
//   node test/main/app/electronegativity-scan.ts <dir>
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tool = require.resolve('@doyensec/electronegativity/dist/runner.js');
const fromTool = createRequire(tool);
const offline = Object.assign(() => Promise.reject(new Error('offline scan: no network')), {
  head: () => Promise.reject(new Error('offline scan: no network')),
});
const gotPath = fromTool.resolve('got');
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;

const run = fromTool(tool) as (options: Record<string, unknown>, forCli: boolean) => Promise<{ errors: unknown[]; issues: Record<string, any>[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any
const silence = console.log;
console.log = () => {}; // the tool prints progress notes; stdout carries only our JSON
const result = await run(
  {
    input: process.argv[2],
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
    isVerbose: true,
    electronVersionOverride: '45.5.0',
    parserPlugins: [],
  },
  false,
);
console.log = silence;
const issues = result.issues.map((i) => ({
  id: i.id,
  file: i.file,
  line: i.location.line,
  severity: i.severity.name,
  description: i.description,
  sample: i.sample ?? null,
}));
process.stdout.write(JSON.stringify({ errors: result.errors, issues }));
process.exit(0);
