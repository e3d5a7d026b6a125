// Settings behind one interface and one zod schema. The file itself is kept by `conf` in headless mode and
// by electron-store (built on conf) in the desktop app; both hand us a backend. A corrupt or invalid file is
// backed up beside itself, defaults are used, and a notice tells the user what happened.
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { Settings, defaultSettings } from '../../shared/settings.ts';
import type { Text } from '../../shared/domain.ts';
import { DomainError } from '../../shared/errors.ts';
import { explainInvalid, explainUnknownSetting, settingPaths } from './explain.ts';
import { notASettingName, recoveryTexts } from './texts.ts';
import { salvage } from './recovery.ts';

export type Notice = { code: string; level: 'info' | 'warning' | 'error'; text: Text };

/** The file behind the settings: conf or electron-store, or anything with the same three operations. */
export interface SettingsBackend {
  readonly path: string;
  read(): unknown;
  write(value: Settings): void;
}

/** A refused setting: `unknown-setting` (no such name) or `invalid-setting` (a value the schema refuses). */
export class SettingsError extends DomainError {
  declare readonly code: 'invalid-setting' | 'unknown-setting';
  /** The setting the problem is about, when there is one (the UI marks that field through `issues`). */
  readonly key: string | null;
  constructor(code: SettingsError['code'], text: Text, key: string | null = null) {
    super(code, text, key ? { issues: [`${key}: ${text.en}`] } : {});
    this.key = key;
  }
}

export class SettingsStore {
  readonly notices: Notice[] = [];
  #backend: SettingsBackend;
  #current: Settings;
  #mtimeMs = -1;
  #listeners = new Set<(s: Settings) => void>();

  /** `firstRun`: values for a brand-new file, e.g. the home country from the OS locale. */
  constructor(backend: SettingsBackend, options: { now?: () => Date; firstRun?: Partial<Settings> } = {}) {
    this.#backend = backend;
    this.#current = this.#load(options.now ?? (() => new Date()), options.firstRun ?? {});
  }

  get(): Settings {
    return this.#current;
  }

  /**
   * Re-reads the file when another process (the CLI) changed it, so a setting changed while `serve` runs
   * takes effect for the next call. Cheap when nothing changed: one stat.
   */
  refresh(): boolean {
    const mtime = this.#statMtime();
    if (mtime === this.#mtimeMs) return false;
    const parsed = Settings.safeParse(this.#safeRead());
    this.#mtimeMs = mtime;
    if (!parsed.success) return false; // keep what we have; the next start backs the file up
    if (JSON.stringify(parsed.data) === JSON.stringify(this.#current)) return false;
    this.#current = parsed.data;
    this.#emit();
    return true;
  }

  /** Deep-merges `patch` into the settings; all or nothing — an invalid value changes nothing. */
  update(patch: Record<string, unknown>): Settings {
    const merged = deepMerge(this.#current, patch);
    const parsed = Settings.safeParse(merged);
    if (!parsed.success) {
      const { key, text } = explainInvalid(parsed.error, merged);
      throw new SettingsError('invalid-setting', text, key);
    }
    this.#backend.write(parsed.data);
    this.#mtimeMs = this.#statMtime();
    this.#current = parsed.data;
    this.#emit();
    return this.#current;
  }

  /** `ringfence settings set KEY VALUE`: KEY is a dot path (screening.shield.calls); VALUE is JSON or a bare string. */
  set(key: string, value: string): Settings {
    this.assertKnown(key);
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = value;
    }
    const patch = key.split('.').reduceRight<unknown>((acc, part) => ({ [part]: acc }), parsed) as Record<string, unknown>;
    return this.update(patch);
  }

  /** Refuses a name that is no setting, suggesting the ones it probably meant. */
  assertKnown(key: string): void {
    if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/.test(key)) throw new SettingsError('unknown-setting', notASettingName(key));
    if (!hasPath(defaultSettings(), key.split('.'))) throw new SettingsError('unknown-setting', explainUnknownSetting(key));
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit() {
    for (const l of this.#listeners) l(this.#current);
  }

  #statMtime(): number {
    try {
      return statSync(this.#backend.path).mtimeMs;
    } catch {
      return 0;
    }
  }

  #safeRead(): unknown {
    try {
      return this.#backend.read();
    } catch {
      return undefined;
    }
  }

  #load(now: () => Date, firstRun: Partial<Settings>): Settings {
    const path = this.#backend.path;
    let raw: unknown;
    let problem: string | null = null;
    if (existsSync(path)) {
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (e) {
        problem = `not valid JSON (${(e as Error).message})`;
      }
    }
    const defaults = Settings.safeParse({ ...defaultSettings(), ...firstRun }).data ?? defaultSettings();
    if (problem === null && raw !== undefined) {
      const parsed = Settings.safeParse(raw);
      if (parsed.success) {
        this.#mtimeMs = this.#statMtime();
        return parsed.data;
      }
    }
    if (problem !== null || raw !== undefined) {
      // Never silent: the old file is kept beside itself, and the notice (CLI stderr, serve log, UI banner)
      // says what was reset and where the old file is. What was valid in it is kept.
      const backup = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(path, backup);
      const kept = problem === null ? salvage(raw, defaults) : { settings: defaults, reset: ['(all)'] };
      const all = kept.reset.includes('(all)');
      this.notices.push({
        code: 'settings-reset',
        level: 'warning',
        text: all
          ? recoveryTexts.unreadable(path, problem ?? 'not a settings object', backup, defaults.homeCountry)
          : recoveryTexts.partlyReset(path, kept.reset, backup),
      });
      this.#backend.write(kept.settings);
      this.#mtimeMs = this.#statMtime();
      return kept.settings;
    }
    this.#backend.write(defaults);
    this.#mtimeMs = this.#statMtime();
    return defaults;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = deepMerge(base[k], v);
  return out;
}

function hasPath(obj: unknown, parts: string[]): boolean {
  let cur: unknown = obj;
  for (const p of parts) {
    if (!isPlainObject(cur) || !Object.hasOwn(cur, p)) return false;
    cur = cur[p];
  }
  return true;
}

export { settingPaths };
