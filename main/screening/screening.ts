// The screening engine's shell: holds the index, the recent-call windows and the shield in memory, feeds
// them to the pure decide(), and does the I/O around it — SQLite, the change journal, listeners. decide()
// itself never touches the disk except to open an incident when the shield engages.
import type { DatabaseSync } from 'node:sqlite';
import type { CallerId, CallOutcome, CallRecord, Decision, Incident, SenderLabel, ShieldState } from '../../shared/domain.ts';
import type { Settings } from '../../shared/settings.ts';
import { applyMigrations, query, type Query } from '../store/index.ts';
import { containedBy, decideMatched, matchCaller } from './decide.ts';
import { RuleError } from './errors.ts';
import { decisionWhateverName } from './final.ts';
import type { DecideContext } from './decide.ts';
import { applyChanges, lastChange, loadIndex } from './index-loader.ts';
import { numberNormalizer } from './numbers.ts';
import { DAY_MS, RecentCalls } from './recent.ts';
import type { RuleIndex } from './rule-index.ts';
import { SqliteRuleStore } from './rule-store.ts';
import type { RuleStore } from './rule-store.ts';
import { migrations } from './schema.ts';
import { crossedThreshold, ended, endsAt, engage, manualCause, rejected, shieldState, shouldEnd } from './shield.ts';
import type { Shield, ShieldCause } from './shield.ts';
import { ShieldStore } from './shield-store.ts';
import { ruleTexts } from './texts.ts';

export type ObservedCall = {
  lineId: string;
  startedAt: Date;
  endedAt: Date;
  callerId: CallerId;
  decision: Decision;
  outcome: CallOutcome;
  rings: number;
  oneRing: boolean;
};

export interface Screening {
  /** Synchronous, in memory, microseconds. Precedence: explicit block of this exact number > trusted >
   *  breakthrough > shield > schedules (quiet hours / scheduled unknown-caller rule) > block patterns and
   *  presentation rules > rate limits > default (allow) — see decide.ts. Counts the call toward the shield
   *  thresholds and may engage the shield (the call that crosses the threshold is itself rejected). */
  decide(callerId: CallerId, call: { lineId: string; canGate?: boolean }): Decision;
  /** The decision this caller gets whatever name follows, or null when a name could still change it (see
   *  final.ts): a landline acts on the number alone when it can. Counts nothing; decide() still decides. */
  decisionWhateverName(callerId: CallerId): Decision | null;
  /** After the call ended (record written): recent-call windows, breakthrough redial timing, rate limits,
   *  one-ring flags, rule hit counts/last hit (persisted), incident counters. A call this engine did not
   *  decide (history replay at start-up) is counted as decide() would have counted it. */
  observe(call: ObservedCall): void;
  /** Replays the history's recent calls at start-up: observe() for each, oldest first. */
  warmUp(records: CallRecord[]): void;
  /** Picks up rules/shield changed by another process (the CLI): checks the journal's last entry and the shield's revision, then applies
   *  the change journal; cheap when nothing changed. Also reloads after a home-country change. */
  refresh(): void;
  /** Ends the shield after the quiet period / at `until`, drops expired rules; call every few seconds. */
  tick(): void;
  shield(): ShieldState;
  /** Manual on/off, persisted, survives a restart; `until` (ISO, future) ends it at that time. */
  setShield(on: boolean, until?: string | null): ShieldState;
  onShieldChange(listener: (s: ShieldState) => void): () => void;
  incidents(range?: { from?: string; to?: string }): Incident[];
  /**
   * How the lists see an SMS sender (a number, or an alphanumeric name matched like a caller name): an
   * explicit block first, then trusted, then block patterns. Read-only: no counts, no shield, no hits.
   */
  labelSender(sender: string): { label: SenderLabel; ruleId: string | null; ruleLabel: string | null };
  readonly rules: RuleStore;
  close(): void;
}

export type ScreeningOptions = { settings: () => Settings; now?: () => Date };

const PURGE_EVERY_MS = 15_000;

/** Recorded reasons that mean the lists or limits stopped the call, whatever the shield said. */
const CONTAINED_REASONS: ReadonlySet<Decision['reason']> = new Set([
  'explicit-block',
  'blocked-number',
  'blocked-prefix',
  'blocked-pattern',
  'blocked-regex',
  'blocked-name',
  'presentation',
  'invalid-number',
  'rate-limit',
  'one-ring',
]);

export function openScreening(db: DatabaseSync, options: ScreeningOptions): Screening {
  applyMigrations(db, 'screening', migrations);
  return new Engine(db, options);
}

class Engine implements Screening {
  readonly rules: SqliteRuleStore;
  readonly #db: DatabaseSync;
  readonly #settings: () => Settings;
  readonly #now: () => Date;
  readonly #recent = new RecentCalls();
  readonly #shieldStore: ShieldStore;
  readonly #shieldListeners = new Set<(s: ShieldState) => void>();
  readonly #oneRing = new Set<string>();
  /** The undecided-yet-unobserved call on each line, so observe() does not count a decided call twice. */
  readonly #pending = new Map<string, { number: string | null }>();
  /** What another process changes: the rule journal's last entry and the shield's revision (see refresh). */
  readonly #marks: Query<{ seq: number; revision: number }>;
  #index: RuleIndex;
  #seq: number;
  #version: string;
  #normalize: (raw: string) => string | null;
  #shield: Shield;
  #shieldDirty = false;
  #lastPurge = 0;
  #unsubscribe: () => void;

  constructor(db: DatabaseSync, options: ScreeningOptions) {
    this.#db = db;
    this.#settings = options.settings;
    this.#now = options.now ?? (() => new Date());
    this.rules = new SqliteRuleStore(db, { homeCountry: () => this.#settings().homeCountry, now: this.#now });
    this.#marks = query<{ seq: number; revision: number }>(
      db,
      'SELECT (SELECT coalesce(max(seq), 0) FROM screening_changes) AS seq, coalesce((SELECT revision FROM screening_shield WHERE id = 1), 0) AS revision',
    );
    const home = this.#settings().homeCountry;
    // Journal position first, then the load: a change in between is applied twice, which is harmless.
    this.#seq = lastChange(db);
    this.#index = loadIndex(db, home);
    this.#normalize = numberNormalizer(home);
    this.#version = this.#readVersion();
    this.#shieldStore = new ShieldStore(db);
    this.#shield = this.#shieldStore.load();
    for (const r of query<{ number: string }>(db, 'SELECT number FROM screening_one_ring').all()) this.#oneRing.add(r.number);
    this.#unsubscribe = this.rules.onWritten(() => this.#sync());
  }

  // --- deciding ------------------------------------------------------------------------------------

  #context(now: Date): DecideContext {
    return {
      rules: this.#index,
      recent: this.#recent,
      shield: this.#shield,
      settings: this.#settings(),
      normalize: this.#normalize,
      oneRingFlagged: (n) => this.#oneRing.has(n),
      now,
    };
  }

  decide(callerId: CallerId, call: { lineId: string; canGate?: boolean }): Decision {
    const now = this.#now();
    const at = now.getTime();
    const ctx = { ...this.#context(now), canGate: call.canGate === true };
    const m = matchCaller(callerId, ctx);
    const withheld = callerId.presentation === 'withheld';
    const untrusted = m.explicitBlock !== null || m.trusted === null;
    // A call the lists or limits stop anyway does not count toward the shield (a contained threat); the
    // rest count, this call included, so the call that crosses the threshold is itself held back.
    if (untrusted && containedBy(callerId, m, ctx) === null) {
      this.#recent.countForShield(at, m.number, withheld);
      if (!this.#shield.active) {
        const cause = crossedThreshold(this.#recent, ctx.settings.screening.shield, at, m.number, withheld, this.#shield.countFrom);
        if (cause) this.#engage(cause, at, null, false);
      }
    }
    const decision = decideMatched(callerId, m, { ...ctx, shield: this.#shield });
    // Counted for the rate limit after deciding: "called K times today" counts the calls before this one.
    if (untrusted) this.#recent.countForLimit(at, m.number);
    if (decision.action !== 'allow' && this.#shield.active) {
      const before = this.#shield.numbers;
      this.#shield = rejected(this.#shield, at, m.number, withheld);
      if (m.number !== null && this.#shield.numbers !== before) this.#shieldStore.numberRejected(m.number);
      this.#shieldDirty = true;
    }
    if (decision.reason === 'breakthrough' && m.number !== null) this.#recent.brokeThrough(m.number, at);
    if (decision.reason === 'rate-limit' && m.number !== null) {
      const until = this.#recent.of(m.number)?.rateLimitedUntil ?? null;
      this.#recent.rateLimited(m.number, until !== null && until > at ? until : at + DAY_MS);
    }
    this.#pending.set(call.lineId, { number: m.number });
    return decision;
  }

  decisionWhateverName(callerId: CallerId): Decision | null {
    return decisionWhateverName(callerId, this.#context(this.#now()));
  }

  labelSender(sender: string): { label: SenderLabel; ruleId: string | null; ruleLabel: string | null } {
    const now = this.#now();
    const ctx = this.#context(now);
    const numeric = /^\+?\d{1,32}$/.test(sender);
    const callerId: CallerId = { number: numeric ? sender : null, presentation: 'allowed', name: numeric ? null : sender, raw: [] };
    const m = matchCaller(callerId, ctx);
    const of = (label: SenderLabel, rule: { id: string; label: string } | null) => ({
      label,
      ruleId: rule?.id ?? null,
      ruleLabel: rule ? rule.label || null : null,
    });
    if (m.explicitBlock) return of('blocked', m.explicitBlock);
    if (m.trusted) return of('trusted', m.trusted);
    const pattern = ctx.rules.blocked.matchPattern(m.keys, callerId.name, 'allowed', now);
    return pattern ? of('blocked', pattern) : of('unknown', null);
  }

  observe(call: ObservedCall): void {
    const number = call.callerId.number ? this.#normalize(call.callerId.number) : null;
    const pending = this.#pending.get(call.lineId);
    const live = pending !== undefined && pending.number === number;
    if (live) this.#pending.delete(call.lineId);
    else this.#learnReplayed(number, call.callerId, call.startedAt.getTime(), call.decision);
    if (number !== null) this.#recent.ended(number, call.endedAt.getTime());
    // The pass runs from the gate's hang-up; a replayed record gives it back after a restart.
    if (number !== null && call.outcome === 'gate-passed')
      this.#recent.passed(number, call.endedAt.getTime() + this.#settings().screening.gate.passMinutes * 60_000);
    if (call.oneRing && number !== null) this.#flagOneRing(number, call.endedAt);
    if (live && call.decision.ruleId) this.rules.recordHit(call.decision.ruleId, call.startedAt);
    // An engagement is written (and told) at once, after the call that caused it. During a flood every call
    // also moves the incident's counters; those wait for the next tick (every 2 s) or a read of the
    // incidents, so a flood of ten calls a second is not ten commits and ten UI updates a second on the
    // thread that must answer the next caller.
    if (this.#shield.active && this.#shield.incidentId === null) this.#flushShield();
  }

  warmUp(records: CallRecord[]): void {
    const sorted = [...records].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    for (const r of sorted) {
      const startedAt = new Date(r.startedAt);
      const endedAt = new Date(startedAt.getTime() + (r.timings.end ?? 0));
      this.observe({
        lineId: `warm-up:${r.lineId}`,
        startedAt,
        endedAt,
        callerId: {
          number: r.number,
          presentation: r.presentation,
          name: r.name,
          raw: [],
          ...(r.presentedNumber !== undefined ? { presentedNumber: r.presentedNumber } : {}),
        },
        decision: r.decision,
        outcome: r.outcome,
        rings: r.rings,
        oneRing: false, // already flagged when it happened
      });
    }
  }

  /** A call this engine did not decide (history replay, or a paused line): count it as decide() would have. */
  #learnReplayed(number: string | null, callerId: CallerId, at: number, decision: Decision): void {
    const ctx = this.#context(new Date(at));
    const m = matchCaller(callerId, ctx);
    // Contained then (its recorded reason) or now (on the block list): not counted toward the shield.
    const contained = m.explicitBlock !== null || CONTAINED_REASONS.has(decision.reason);
    if (m.explicitBlock || !m.trusted) this.#recent.addUntrusted(at, number, callerId.presentation === 'withheld', { shield: !contained });
    if (number !== null && decision.reason === 'breakthrough') this.#recent.brokeThrough(number, at);
    if (number !== null && decision.reason === 'rate-limit') this.#recent.rateLimited(number, at + DAY_MS);
  }

  #flagOneRing(number: string, at: Date): void {
    this.#oneRing.add(number);
    const iso = at.toISOString();
    this.#db
      .prepare(
        'INSERT INTO screening_one_ring (number, first_at, last_at, count) VALUES (?, ?, ?, 1) ON CONFLICT (number) DO UPDATE SET last_at = excluded.last_at, count = count + 1',
      )
      .run(number, iso, iso);
  }

  // --- the shield ----------------------------------------------------------------------------------

  /**
   * Inside decide() nothing is written (a durable commit can take milliseconds and the caller is waiting for
   * the hang-up): the incident and the state are written by the flush after the call, or at the next tick.
   */
  #engage(cause: ShieldCause, at: number, until: number | null, writeNow: boolean): void {
    this.#shield = engage(this.#shield, cause, at, null, until);
    this.#shieldDirty = true;
    if (writeNow) this.#flushShield();
  }

  #end(at: number): void {
    this.#flushShield();
    // Counting starts afresh: the calls that raised it (or came during it) never raise it again.
    const idle = ended(at);
    this.#shieldStore.end(this.#shield, idle, at);
    this.#shield = idle;
    this.#shieldDirty = false;
    this.#emitShield();
  }

  #flushShield(): void {
    if (!this.#shieldDirty) return;
    const s = this.#shield;
    if (s.active && s.incidentId === null)
      this.#shield = { ...s, incidentId: this.#shieldStore.startIncident(s.cause ?? manualCause(), s.since ?? this.#now().getTime()) };
    this.#shieldStore.save(this.#shield);
    this.#shieldDirty = false;
    // Listeners (the UI) hear about it here, after the call, never while a caller waits for the decision.
    this.#emitShield();
  }

  shield(): ShieldState {
    return shieldState(this.#shield, this.#settings().screening.shield.quietMinutes, this.#now().getTime());
  }

  setShield(on: boolean, until?: string | null): ShieldState {
    const at = this.#now().getTime();
    const untilMs = until ? Date.parse(until) : null;
    if (untilMs !== null && (Number.isNaN(untilMs) || untilMs <= at)) {
      throw new RuleError('invalid-shield-until', ruleTexts.shieldUntilPast(String(until)));
    }
    if (on && !this.#shield.active) this.#engage(manualCause(), at, untilMs, true);
    else if (on) {
      this.#shield = { ...this.#shield, until: untilMs };
      this.#shieldStore.save(this.#shield);
      this.#emitShield();
    } else if (this.#shield.active) this.#end(at);
    return this.shield();
  }

  onShieldChange(listener: (s: ShieldState) => void): () => void {
    this.#shieldListeners.add(listener);
    return () => this.#shieldListeners.delete(listener);
  }

  #emitShield(): void {
    if (this.#shieldListeners.size === 0) return;
    const state = this.shield();
    for (const l of this.#shieldListeners) l(state);
  }

  incidents(range?: { from?: string; to?: string }): Incident[] {
    this.#flushShield();
    return this.#shieldStore.incidents(range);
  }

  // --- keeping up ----------------------------------------------------------------------------------

  tick(): void {
    const at = this.#now().getTime();
    const quiet = this.#settings().screening.shield.quietMinutes;
    // After a restart the end may lie in the past: the incident ends when the shield should have ended.
    if (this.#shield.active && shouldEnd(this.#shield, quiet, at)) this.#end(Math.min(at, endsAt(this.#shield, quiet) ?? at));
    this.#flushShield();
    if (at - this.#lastPurge >= PURGE_EVERY_MS) {
      this.#lastPurge = at;
      this.rules.purgeExpired();
      this.#recent.prune(at);
    }
  }

  refresh(): void {
    const home = this.#settings().homeCountry;
    if (home !== this.#index.homeCountry) {
      this.#reload();
      for (const list of ['blocked', 'trusted'] as const) this.rules.changed(list);
    }
    const version = this.#readVersion();
    if (version === this.#version) return;
    this.#version = version;
    const lists = this.#sync();
    for (const list of lists) this.rules.changed(list);
    if (this.#shieldStore.storedRevision() !== this.#shieldStore.revision) {
      this.#shield = this.#shieldStore.load();
      this.#emitShield();
    }
  }

  /** Applies the change journal to the index; reloads the whole index when that is cheaper or required. */
  #sync(): Set<'blocked' | 'trusted'> {
    const result = applyChanges(this.#db, this.#index, this.#seq);
    this.#seq = result.seq;
    if (result.reload) this.#reload();
    return result.lists;
  }

  #reload(): void {
    const home = this.#settings().homeCountry;
    this.#seq = lastChange(this.#db);
    this.#index = loadIndex(this.#db, home);
    this.#normalize = numberNormalizer(home);
  }

  /**
   * One indexed read. `PRAGMA data_version` would also say "another connection wrote", but the history's
   * writer thread commits after every call, so it said so at every call start, and the journal and shield
   * were queried again each time, on the way to the next caller's decision.
   */
  #readVersion(): string {
    const row = this.#marks.one();
    return `${row.seq}:${row.revision}`;
  }

  close(): void {
    this.#flushShield();
    this.#unsubscribe();
    this.rules.closeImports();
  }
}
