// Proves the layering rule in eslint.config.js rejects forbidden imports (and allows the legal ones),
// by linting code as if it lived at each path.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';

const eslint = new ESLint({ cwd: repoRoot });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rule', () => {
  it.each([
    ['main/modem/x.ts', "import { app } from 'electron';"],
    ['main/history/x.ts', "import React from 'react';"],
    ['main/service/x.ts', "import { App } from '../../renderer/app/App.tsx';"],
    ['main/service/x.ts', "import '../app/tray.ts';"],
    ['shared/x.ts', "import { openDatabase } from '../main/store/database.ts';"],
    ['shared/x.ts', "import { readFile } from 'node:fs';"],
    ['renderer/app/x.tsx', "import { openDatabase } from '../../main/store/database.ts';"],
    ['renderer/app/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['renderer/app/x.tsx', "import { readFileSync } from 'node:fs';"],
    ['main/preload.ts', "import { openDatabase } from './store/database.ts';"],
    // pure modules (ARCHITECTURE.md): no Node built-ins, and still no electron
    ['main/screening/decide.ts', "import { readFileSync } from 'node:fs';"],
    ['main/modem/call-state.ts', "import { setTimeout } from 'node:timers/promises';"],
    ['main/screening/import/csv.ts', "import { createReadStream } from 'fs';"],
    ['main/screening/decide.ts', "import { app } from 'electron';"],
  ])('rejects %s: %s', async (file, code) => {
    expect((await layeringErrors(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['main/modem/x.ts', "import { csqToSignal } from '../../shared/signal.ts';"],
    ['main/service/x.ts', "import { openDatabase } from '../store/database.ts';"],
    ['main/modem/line.ts', "import { EventEmitter } from 'node:events';"],
    ['main/screening/decide.ts', "import type { Rule } from '../../shared/domain.ts'; import { matchPattern } from './patterns.ts';"],
    ['main/app/x.ts', "import { app } from 'electron';"],
    ['main/preload.ts', "import { contextBridge } from 'electron'; import { methodNames } from '../shared/api.ts';"],
    ['renderer/app/x.tsx', "import { methods } from '../../shared/api.ts'; import React from 'react';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
