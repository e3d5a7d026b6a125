// Turns the settings schema's refusals into sentences, and a mistyped setting name into the names it was
// probably meant to be. The schema stays the one source of truth: bounds and choices are read from it.
import leven from 'leven';
import type { z } from 'zod';
import { Settings, defaultSettings } from '../../shared/settings.ts';
import type { Text } from '../../shared/domain.ts';
import { invalidValue, settingsInvalid, unknownSetting, type ValueRule } from './texts.ts';

type AnySchema = z.ZodType & { def: { type: string; [k: string]: unknown } };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every leaf setting as a dot path: homeCountry, screening.shield.calls, … (`groups`: screening.shield too). */
export function settingPaths(obj: Record<string, unknown> = defaultSettings(), prefix = '', groups = false): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    isPlainObject(v) ? [...(groups ? [`${prefix}${k}`] : []), ...settingPaths(v, `${prefix}${k}.`, groups)] : [`${prefix}${k}`],
  );
}

/**
 * The settings a mistyped name probably meant: those it is the tail of ("shield.calls" →
 * screening.shield.calls), else the nearest by edit distance on the whole path or its last part.
 */
export function suggestSettings(key: string, paths: string[] = settingPaths()): string[] {
  const lower = key.toLowerCase();
  const tail = paths.filter((p) => p.toLowerCase().endsWith(`.${lower}`) || p.toLowerCase() === lower);
  if (tail.length) return tail.slice(0, 3);
  const last = (p: string) => p.slice(p.lastIndexOf('.') + 1).toLowerCase();
  const keyLast = last(key);
  const scored = paths
    .map((p) => ({ p, d: Math.min(leven(lower, p.toLowerCase()), leven(keyLast, last(p)) + (key.includes('.') ? 1 : 0)) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(keyLast.length / 3)))
    .sort((a, b) => a.d - b.d || a.p.localeCompare(b.p));
  return scored.slice(0, 3).map(({ p }) => p);
}

export function explainUnknownSetting(key: string): Text {
  return unknownSetting(key, suggestSettings(key, settingPaths(defaultSettings(), '', true)));
}

/** The schema of the setting at `path`, through defaults, nullables and objects. */
function schemaAt(path: readonly PropertyKey[]): { schema: AnySchema; nullable: boolean } | null {
  let schema = Settings as unknown as AnySchema;
  let nullable = false;
  const unwrap = () => {
    for (;;) {
      const { type } = schema.def;
      if (type === 'nullable') nullable = true;
      if (['default', 'prefault', 'nullable', 'optional', 'readonly', 'catch'].includes(type)) schema = schema.def.innerType as AnySchema;
      else return;
    }
  };
  unwrap();
  for (const part of path) {
    nullable = false;
    if (schema.def.type === 'object') {
      const next = (schema.def.shape as Record<string, AnySchema>)[String(part)];
      if (!next) return null;
      schema = next;
    } else if (schema.def.type === 'array') {
      schema = schema.def.element as AnySchema;
    } else {
      return null;
    }
    unwrap();
  }
  return { schema, nullable };
}

function ruleFor(path: readonly PropertyKey[], issue: z.core.$ZodIssue): ValueRule {
  if (issue.code === 'invalid_format') return { kind: 'pattern', hint: issue.message };
  const found = schemaAt(path);
  if (!found) return { kind: 'other', message: issue.message };
  const { schema, nullable } = found;
  switch (schema.def.type) {
    case 'number': {
      const n = schema as unknown as z.ZodNumber;
      const finite = (v: number | null) => (v === null || !Number.isFinite(v) || Math.abs(v) >= Number.MAX_SAFE_INTEGER ? null : v);
      return { kind: n.isInt ? 'integer' : 'number', min: finite(n.minValue), max: finite(n.maxValue), nullable };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'choice', options: (schema as unknown as z.ZodEnum).options.map(String) };
    default:
      return { kind: 'other', message: issue.message };
  }
}

function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined), obj);
}

/** The first problem zod found in `candidate`, as a sentence naming the setting, what it accepts and what it got. */
export function explainInvalid(error: z.ZodError, candidate: unknown): { key: string; text: Text } {
  const issue = error.issues[0];
  if (!issue) return { key: '(settings)', text: settingsInvalid() };
  const key = issue.path.map(String).join('.') || '(settings)';
  return { key, text: invalidValue(key, ruleFor(issue.path, issue), valueAt(candidate, issue.path)) };
}
