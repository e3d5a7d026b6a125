// The rules in SQLite: add, change, remove, list, import and export. Every write also appends to the change
// journal (screening_changes), which is how a running service learns about rules the CLI wrote.
import type { DatabaseSync } from 'node:sqlite';
import type { ImportPreview, RuleInput } from '../../shared/api.ts';
import type { Rule, RuleKind, RuleList } from '../../shared/domain.ts';
import { RuleError } from './errors.ts';
import { appendJournal } from './journal.ts';
import { exportCsv } from './import/csv.ts';
import { exportNcid } from './import/ncid.ts';
import { ImportJobs } from './import/jobs.ts';
import type { ImportLimits } from './import/preview.ts';
import type { FileFormat, InvalidLine } from './import/types.ts';
import { exportText } from './import/text.ts';
import { exportVcard } from './import/vcard.ts';
import { checkList, checkRule, toRule } from './rule-input.ts';
import type { RuleFields, RuleRow } from './rule-input.ts';
import { normalizeNumber } from './numbers.ts';
import { parseRuleValue } from './patterns.ts';
import { ruleTexts } from './texts.ts';
import { allOf, anyOf, cond, query, type Query, type Write } from '../store/index.ts';

export interface RuleStore {
  list(q: { list: RuleList; search?: string; offset?: number; limit?: number }): { rules: Rule[]; total: number };
  add(input: RuleInput): Rule;
  /** What a typed value would be stored as: its kind and canonical value (the same checks as add). */
  interpret(input: Pick<RuleInput, 'list' | 'value' | 'kind'>): { kind: RuleKind; value: string };
  update(id: string, patch: Partial<RuleInput>): Rule;
  remove(id: string): void;
  removeByValue(list: RuleList, value: string): boolean;
  /** Parses and checks a list in a worker; `client` names who asked (one pending preview each). */
  previewImport(q: { list: RuleList; content: string; fileName?: string; format?: 'auto' | FileFormat; client?: string }): Promise<ImportPreview>;
  /** The same for a list file on disk (the CLI), read in a stream. */
  previewImportFile(q: { list: RuleList; path: string; fileName?: string; format?: 'auto' | FileFormat; client?: string }): Promise<ImportPreview>;
  /** The same for an HTTP request body `{list, content, fileName, format}` saved to a file, parsed in the worker. */
  previewImportRequest(path: string, client: string): Promise<ImportPreview>;
  /** Writes a preview: all of it, or with `skipInvalid` its good lines only (the others are counted as skipped). */
  commitImport(token: string, options?: { skipInvalid?: boolean }): Promise<{ imported: number; skipped: number }>;
  /** The invalid lines of a pending preview, in file order. */
  invalidLines(token: string): Iterable<InvalidLine>;
  /** The folder where import uploads wait for their worker. */
  readonly importFolder: string;
  export(q: { list: RuleList; format: 'csv' | 'text' | 'vcard' | 'ncid' }): { fileName: string; content: string };
  onChange(listener: (list: RuleList) => void): () => void;
}

export type RuleStoreOptions = { homeCountry: () => string; now?: () => Date; importLimits?: Partial<ImportLimits> };

const notFound = (id: string): never => {
  throw new RuleError('rule-not-found', ruleTexts.notFound(id));
};

export class SqliteRuleStore implements RuleStore {
  readonly #db: DatabaseSync;
  readonly #homeCountry: () => string;
  readonly #now: () => Date;
  readonly #listeners = new Set<(list: RuleList) => void>();
  /** Called after every write, inside nothing: the engine applies the journal to its index. */
  readonly #written = new Set<(list: RuleList) => void>();
  readonly #imports: ImportJobs;

  // The statements every call decision or edit runs, prepared once: preparing costs more than running.
  readonly #byId: Query<RuleRow>;
  readonly #byValue: Query<{ id: number }>;
  readonly #hit: Write;
  readonly #insertRule: Write;

  constructor(db: DatabaseSync, options: RuleStoreOptions) {
    this.#db = db;
    this.#byId = query<RuleRow>(db, 'SELECT * FROM screening_rules WHERE id = ?');
    this.#byValue = query<{ id: number }>(db, 'SELECT id FROM screening_rules WHERE list = ? AND kind = ? AND value = ?');
    this.#hit = query<never>(db, 'UPDATE screening_rules SET hit_count = hit_count + 1, last_hit_at = ? WHERE id = ?');
    this.#insertRule = query<never>(
      db,
      `INSERT INTO screening_rules (list, kind, value, num, label, category, action, note, schedule, expires_at, expires_ms, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#homeCountry = options.homeCountry;
    this.#now = options.now ?? (() => new Date());
    this.#imports = new ImportJobs({ db, homeCountry: this.#homeCountry, now: this.#now, ...(options.importLimits ? { limits: options.importLimits } : {}) });
  }

  // --- reading -------------------------------------------------------------------------------------

  list(q: { list: RuleList; search?: string; offset?: number; limit?: number }): { rules: Rule[]; total: number } {
    const list = checkList(q.list);
    const offset = Math.max(0, q.offset ?? 0);
    const limit = Math.max(1, q.limit ?? 200);
    const search = q.search?.trim();
    const number = search ? normalizeNumber(search, this.#homeCountry()) : null;
    const like = `%${(search ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = allOf([
      cond('list = ?', list),
      !!search &&
        anyOf([
          cond("value LIKE ? ESCAPE '\\'", like),
          cond("label LIKE ? ESCAPE '\\'", like),
          cond("note LIKE ? ESCAPE '\\'", like),
          !!number && cond('value = ?', number),
        ]),
    ]);
    const total = query<{ n: number }>(this.#db, `SELECT COUNT(*) AS n FROM screening_rules WHERE ${where.sql}`).one(...where.params).n;
    const rows = query<RuleRow>(this.#db, `SELECT * FROM screening_rules WHERE ${where.sql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(
      ...where.params,
      limit,
      offset,
    );
    return { rules: rows.map(toRule), total };
  }

  get(id: string): Rule | null {
    const row = /^\d+$/.test(id) ? this.#byId.get(Number(id)) : undefined;
    return row ? toRule(row) : null;
  }

  // --- writing -------------------------------------------------------------------------------------

  add(input: RuleInput): Rule {
    const fields = checkRule(input, this.#homeCountry(), this.#now());
    const existing = this.#byValue.get(fields.list, fields.kind, fields.value);
    if (existing) {
      throw new RuleError('duplicate-rule', ruleTexts.alreadyListed(fields.value, fields.list, existing.id));
    }
    const id = this.#transaction(() => {
      const rowId = this.#insert(fields);
      this.#journal(fields.list, rowId, 'put', fields);
      return rowId;
    });
    this.#afterWrite(fields.list);
    return this.get(String(id)) as Rule;
  }

  interpret(input: Pick<RuleInput, 'list' | 'value' | 'kind'>): { kind: RuleKind; value: string } {
    const fields = checkRule({ list: input.list, value: input.value, ...(input.kind ? { kind: input.kind } : {}) }, this.#homeCountry(), this.#now());
    return { kind: fields.kind, value: fields.value };
  }

  update(id: string, patch: Partial<RuleInput>): Rule {
    const current = this.get(id) ?? notFound(id);
    const merged: RuleInput = {
      list: patch.list ?? current.list,
      value: patch.value ?? current.value,
      kind: patch.kind ?? (patch.value === undefined ? current.kind : undefined),
      label: patch.label ?? current.label,
      category: patch.category !== undefined ? patch.category : current.category,
      action: patch.action ?? current.action,
      note: patch.note ?? current.note,
      schedule: patch.schedule !== undefined ? patch.schedule : current.schedule,
      expiresAt: patch.expiresAt !== undefined ? patch.expiresAt : current.expiresAt,
    };
    // A prefix is stored without its *, so re-reading an unchanged value must keep its kind.
    const fields = checkRule(merged, this.#homeCountry(), this.#now());
    const clash = query<{ id: number }>(this.#db, 'SELECT id FROM screening_rules WHERE list = ? AND kind = ? AND value = ? AND id <> ?').get(
      fields.list,
      fields.kind,
      fields.value,
      Number(id),
    );
    if (clash) throw new RuleError('duplicate-rule', ruleTexts.alreadyRule(fields.value, clash.id));
    this.#transaction(() => {
      this.#db
        .prepare(
          `UPDATE screening_rules SET list = ?, kind = ?, value = ?, num = ?, label = ?, category = ?, action = ?, note = ?, schedule = ?,
             expires_at = ?, expires_ms = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          fields.list,
          fields.kind,
          fields.value,
          fields.num,
          fields.label,
          fields.category,
          fields.action,
          fields.note,
          fields.schedule ? JSON.stringify(fields.schedule) : null,
          fields.expiresAt,
          fields.expiresMs,
          this.#now().toISOString(),
          Number(id),
        );
      this.#journal(current.list, Number(id), 'delete', current);
      this.#journal(fields.list, Number(id), 'put', fields);
    });
    this.#afterWrite(fields.list);
    if (fields.list !== current.list) this.#afterWrite(current.list);
    return this.get(id) as Rule;
  }

  remove(id: string): void {
    const current = this.get(id) ?? notFound(id);
    this.#transaction(() => {
      this.#db.prepare('DELETE FROM screening_rules WHERE id = ?').run(Number(id));
      this.#journal(current.list, Number(id), 'delete', current);
    });
    this.#afterWrite(current.list);
  }

  removeByValue(list: RuleList, value: string): boolean {
    const parsed = parseRuleValue(value, undefined, this.#homeCountry());
    const row = this.#byValue.get(checkList(list), parsed.kind, parsed.value);
    if (!row) return false;
    this.remove(String(row.id));
    return true;
  }

  /** Deletes rules whose expiry has passed ("block for 24 h" disappears by itself). Returns how many. */
  purgeExpired(): number {
    const now = this.#now().getTime();
    const expired = query<{ id: number; list: RuleList; kind: RuleKind; value: string }>(
      this.#db,
      'SELECT id, list, kind, value FROM screening_rules WHERE expires_ms IS NOT NULL AND expires_ms <= ?',
    ).all(now);
    if (expired.length === 0) return 0;
    this.#transaction(() => {
      const del = this.#db.prepare('DELETE FROM screening_rules WHERE id = ?');
      for (const r of expired) {
        del.run(r.id);
        this.#journal(r.list, r.id, 'delete', r);
      }
    });
    for (const list of new Set(expired.map((r) => r.list))) this.#afterWrite(list);
    return expired.length;
  }

  /** A call was decided by this rule: count it. Not journalled: the index does not hold hit counts. */
  recordHit(id: string, at: Date): void {
    if (!/^\d+$/.test(id)) return;
    this.#hit.run(at.toISOString(), Number(id));
  }

  // --- import and export ---------------------------------------------------------------------------

  async previewImport(q: { list: RuleList; content: string; fileName?: string; format?: 'auto' | FileFormat; client?: string }): Promise<ImportPreview> {
    return (await this.#imports.previewText({ ...q, list: checkList(q.list) })).preview;
  }

  async previewImportFile(q: { list: RuleList; path: string; fileName?: string; format?: 'auto' | FileFormat; client?: string }): Promise<ImportPreview> {
    const { path, ...rest } = q;
    return (await this.#imports.preview({ ...rest, list: checkList(q.list), source: { path, shape: 'list' } })).preview;
  }

  async previewImportRequest(path: string, client: string): Promise<ImportPreview> {
    return (await this.#imports.preview({ source: { path, shape: 'request' }, client })).preview;
  }

  async commitImport(token: string, options: { skipInvalid?: boolean } = {}): Promise<{ imported: number; skipped: number }> {
    const { list, imported, skipped } = await this.#imports.commit(token, options.skipInvalid ?? false);
    this.#afterWrite(list);
    return { imported, skipped };
  }

  invalidLines(token: string): Iterable<InvalidLine> {
    return this.#imports.invalidLines(token);
  }

  get importFolder(): string {
    return this.#imports.folder;
  }

  /** Drops pending previews and stops running ones (the store's database is about to close). */
  closeImports(): void {
    this.#imports.close();
  }

  export(q: { list: RuleList; format: 'csv' | 'text' | 'vcard' | 'ncid' }): { fileName: string; content: string } {
    const list = checkList(q.list);
    const rules = query<RuleRow>(this.#db, 'SELECT * FROM screening_rules WHERE list = ? ORDER BY id').all(list).map(toRule);
    const date = this.#now().toISOString().slice(0, 10);
    switch (q.format) {
      case 'csv':
        return { fileName: `ringfence-${list}-${date}.csv`, content: exportCsv(rules) };
      case 'text':
        return { fileName: `ringfence-${list}-${date}.txt`, content: exportText(rules) };
      case 'vcard':
        return { fileName: `ringfence-${list}-${date}.vcf`, content: exportVcard(rules) };
      case 'ncid':
        return { fileName: `ncidd.${list === 'blocked' ? 'blacklist' : 'whitelist'}`, content: exportNcid(rules) };
      default:
        throw new RuleError('invalid-format', ruleTexts.unknownExportFormat(String(q.format)));
    }
  }

  // --- notification --------------------------------------------------------------------------------

  onChange(listener: (list: RuleList) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** For the engine: after every write of this store (before onChange listeners run). */
  onWritten(hook: (list: RuleList) => void): () => void {
    this.#written.add(hook);
    return () => this.#written.delete(hook);
  }

  /** Tells onChange listeners that a list changed (also used when another process changed it). */
  changed(list: RuleList): void {
    for (const l of this.#listeners) l(list);
  }

  #afterWrite(list: RuleList): void {
    for (const h of this.#written) h(list);
    this.changed(list);
  }

  // --- helpers -------------------------------------------------------------------------------------

  #insert(f: RuleFields, now = this.#now().toISOString()): number {
    const result = this.#insertRule.run(
      f.list,
      f.kind,
      f.value,
      f.num,
      f.label,
      f.category,
      f.action,
      f.note,
      f.schedule ? JSON.stringify(f.schedule) : null,
      f.expiresAt,
      f.expiresMs,
      now,
      now,
    );
    return result.changes > 0 ? Number(result.lastInsertRowid) : 0;
  }

  #journal(list: RuleList, ruleId: number | null, op: 'put' | 'delete' | 'reload', rule?: { kind: RuleKind; value: string }): void {
    appendJournal(this.#db, list, ruleId, op, rule);
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}
