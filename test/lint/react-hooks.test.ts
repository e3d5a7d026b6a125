// Proves `npm run lint` holds the renderer to React's rules (eslint-plugin-react-hooks, recommended set):
// hooks called conditionally, effects missing a dependency, state set synchronously in an effect and refs
// read while rendering are reported for components and hooks under renderer/, and nowhere else.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';

const eslint = new ESLint({ cwd: repoRoot });

async function hookProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? '').filter((id) => id.startsWith('react-hooks/'));
}

const imports = "import { useEffect, useRef, useState } from 'react';\n";

describe('React hooks rules', () => {
  it.each([
    [
      'react-hooks/rules-of-hooks',
      'renderer/components/X.tsx',
      `${imports}export function X({ on }: { on: boolean }) { if (on) { useState(0); } return null; }`,
    ],
    [
      'react-hooks/exhaustive-deps',
      'renderer/components/X.tsx',
      `${imports}export function X({ id }: { id: string }) { useEffect(() => { document.title = id; }, []); return null; }`,
    ],
    [
      'react-hooks/set-state-in-effect',
      'renderer/components/X.tsx',
      `${imports}export function X({ v }: { v: string }) { const [s, setS] = useState(v); useEffect(() => { setS(v); }, [v]); return <p>{s}</p>; }`,
    ],
    ['react-hooks/refs', 'renderer/state/useX.ts', `${imports}export function useX(v: number) { const r = useRef(v); r.current = v; return r.current; }`],
  ])('reports %s in %s', async (rule, file, code) => {
    expect(await hookProblems(file, code)).toContain(rule);
  });

  it('leaves a component that follows them alone', async () => {
    const code = `${imports}export function X({ id }: { id: string }) { const [n, setN] = useState(0); useEffect(() => { document.title = id; }, [id]); return <button onClick={() => setN(n + 1)}>{n}</button>; }`;
    expect(await hookProblems('renderer/components/X.tsx', code)).toEqual([]);
  });
});
