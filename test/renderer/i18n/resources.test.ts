// The two languages are complete and consistent: same keys, same placeholders, every domain value has
// words, and the Chinese has no English left in it (beyond names and formats that are written in Latin
// letters in Chinese too).
import { describe, expect, it } from 'vitest';
import { Action, CallOutcome, Category, GateMethod, HangupMethod, LineState, Presentation, Reason, RuleKind, ShieldTrigger } from '../../../shared/domain.ts';
import { en } from '../../../renderer/i18n/en.ts';
import { zh } from '../../../renderer/i18n/zh.ts';
import { englishWords } from '../support/text-scan.ts';

type Tree = { [k: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const enLeaves = leaves(en as unknown as Tree);
const zhLeaves = leaves(zh as unknown as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('have exactly the same keys in English and Chinese', () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it('use the same placeholders in both languages, and no string is empty', () => {
    for (const [key, text] of enLeaves) {
      expect(text.trim(), key).not.toBe('');
      expect(zhLeaves.get(key)!.trim(), key).not.toBe('');
      expect(placeholders(zhLeaves.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it('have words for every value of the domain the UI shows', () => {
    const sets: [string, readonly string[]][] = [
      ['action', Action.options],
      ['outcome', CallOutcome.options],
      ['reason', Reason.options],
      ['presentation', Presentation.options],
      ['category', Category.options],
      ['ruleKind', RuleKind.options],
      ['hangup', HangupMethod.options],
      ['hangupHint', HangupMethod.options],
      ['lineState', LineState.options],
      ['trigger', ShieldTrigger.options],
      ['line.gateMethod', GateMethod.options],
    ];
    for (const [group, values] of sets) for (const v of values) expect(enLeaves.has(`${group}.${v}`), `${group}.${v}`).toBe(true);
  });

  it('leave no English in the Chinese text', () => {
    const leftovers = [...zhLeaves].flatMap(([key, text]) => englishWords(text.replace(/\{\{\w+\}\}/g, '')).map((w) => `${key}: ${w}`));
    expect(leftovers).toEqual([]);
  });

  it('leave no Chinese in the English text', () => {
    const leftovers = [...enLeaves].filter(([, text]) => /[\u3400-\u9fff]/.test(text)).map(([key]) => key);
    expect(leftovers).toEqual([]);
  });
});
