// Proves the capability rules and the cycle check in eslint.config.js reject what they should and allow the
// legal imports: code is linted as if it lived at each path (imports resolve against the real files), and
// two fixture modules that import each other must be reported as a cycle.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';

const eslint = new ESLint({ cwd: repoRoot });

async function errors(filePath: string, code: string, rule: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}
const pathErrors = (filePath: string, code: string) => errors(filePath, code, 'import-x/no-restricted-paths');

describe('capability rules', () => {
  it.each([
    // modem → shared only
    ['main/modem/x.ts', "import { openHistory } from '../history/index.ts';"],
    ['main/modem/x.ts', "import { openDatabase } from '../store/index.ts';"],
    // screening and history → shared and store only, and store through its index
    ['main/screening/x.ts', "import { openLine } from '../modem/index.ts';"],
    ['main/screening/x.ts', "import { openDatabase } from '../store/database.ts';"],
    ['main/history/x.ts', "import { openScreening } from '../screening/index.ts';"],
    // app and server → the service through service/index.ts, never a file behind it
    ['main/app/x.ts', "import { parseInput } from '../service/api-host.ts';"],
    ['main/server/x.ts', "import { createApiHost } from '../service/api-host.ts';"],
    ['main/server/x.ts', "import { openHistory } from '../history/index.ts';"],
    // sim → the modem's index only
    ['main/sim/x.ts', "import { openSerial } from '../modem/serial.ts';"],
    ['main/sim/x.ts', "import { startService } from '../service/index.ts';"],
    // cli → capabilities' indexes
    ['main/cli/commands/x.ts', "import { openExistingStore } from '../../store/open.ts';"],
    ['main/cli/x.ts', "import { HistoryError } from '../history/errors.ts';"],
  ])('rejects %s: %s', async (file, code) => {
    expect((await pathErrors(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['main/modem/x.ts', "import { csqToSignal } from '../../shared/signal.ts'; import { openSerial } from './serial.ts';"],
    ['main/screening/x.ts', "import { applyMigrations } from '../store/index.ts';"],
    ['main/app/x.ts', "import { parseInput } from '../service/index.ts';"],
    ['main/server/x.ts', "import { toApiError } from '../service/index.ts';"],
    ['main/sim/x.ts', "import { createMemoryPort } from '../modem/index.ts';"],
    ['main/cli/commands/x.ts', "import { openHistory } from '../../history/index.ts'; import { version } from '../../version.ts';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await pathErrors(file, code)).toEqual([]);
  });
});

describe('cycle check', () => {
  // The fixtures are outside `eslint .` (they are meant to fail); lint them here on purpose.
  const fixtures = new ESLint({ cwd: repoRoot, ignore: false });
  const cycles = async (file: string) => {
    const [result] = await fixtures.lintFiles([join(repoRoot, 'test/lint/fixtures', file)]);
    return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-cycle');
  };

  it('rejects two modules that import each other', async () => {
    expect((await cycles('cycle/hen.ts')).length).toBeGreaterThan(0);
    expect((await cycles('cycle/egg.ts')).length).toBeGreaterThan(0);
  });

  it('accepts imports that only go one way', async () => {
    expect(await cycles('acyclic/top.ts')).toEqual([]);
    expect(await cycles('acyclic/bottom.ts')).toEqual([]);
  });
});
