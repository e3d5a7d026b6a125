// The history's tables, as numbered migrations (component 'history' in the shared database file). Never edit
// or renumber a migration that has shipped: add a new one. Every table is prefixed `history_` because the
// screening engine keeps its own tables in the same file.
import type { Migration } from '../store/index.ts';
import { rebuildAggregates } from './aggregates.ts';
import { rechainToV2 } from './rechain.ts';

export const component = 'history';

/** v1: call records and their hash chain. */
const calls: Migration = {
  version: 1,
  description: 'call records with a SHA-256 hash chain',
  up: (db) => {
    db.exec(`
      -- A decision's words are the same for thousands of calls ("Blocked: matched prefix +86 170"), so they are
      -- kept once and referenced; the hash still covers the words themselves, not this id.
      CREATE TABLE history_decisions (
        id INTEGER PRIMARY KEY,
        reason TEXT NOT NULL,
        rule_id TEXT,
        rule_label TEXT,
        text_en TEXT NOT NULL,
        text_zh TEXT NOT NULL
      );
      CREATE INDEX history_decisions_text ON history_decisions (text_en);

      CREATE TABLE history_calls (
        -- Assigned by the writer (previous id + 1), so a gap means a deleted record.
        id INTEGER PRIMARY KEY,
        call_key TEXT NOT NULL,
        line_id TEXT NOT NULL,
        simulated INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        started_ms INTEGER NOT NULL,
        -- Days since 1970-01-01 of started_at's own calendar date: the day the person saw on their clock.
        local_day INTEGER NOT NULL,
        time_zone TEXT NOT NULL,
        t_first_ring REAL,
        t_caller_id REAL,
        t_decision REAL,
        t_hangup_sent REAL,
        t_hangup_confirmed REAL,
        t_end REAL,
        number TEXT,
        normalized TEXT,
        presentation TEXT NOT NULL,
        name TEXT,
        rings INTEGER NOT NULL,
        one_ring INTEGER NOT NULL,
        -- The decision's action lives here, beside the filters and statistics that use it.
        action TEXT NOT NULL,
        decision_id INTEGER NOT NULL REFERENCES history_decisions (id),
        outcome TEXT NOT NULL,
        hangup_latency_ms REAL,
        raw TEXT NOT NULL,
        hash BLOB NOT NULL
      );
      CREATE INDEX history_calls_time ON history_calls (started_ms);
      CREATE INDEX history_calls_caller ON history_calls (coalesce(normalized, number), started_ms);
      CREATE INDEX history_calls_action ON history_calls (action, started_ms);
      CREATE INDEX history_calls_outcome ON history_calls (outcome, started_ms);
      CREATE INDEX history_calls_presentation ON history_calls (presentation, started_ms);
      CREATE INDEX history_calls_line ON history_calls (line_id, started_ms);
      CREATE INDEX history_calls_one_ring ON history_calls (started_ms) WHERE one_ring = 1;
      -- Few calls carry a name: searching names reads only this index, never the calls.
      CREATE INDEX history_calls_named ON history_calls (started_ms, name) WHERE name IS NOT NULL;

      -- Records are evidence: the application never rewrites one. (Anyone with the file can drop this
      -- trigger; the hash chain is what catches that.)
      CREATE TRIGGER history_calls_append_only BEFORE UPDATE ON history_calls
      BEGIN SELECT RAISE(ABORT, 'call records are append-only'); END;

      -- The newest record, so a deleted tail is noticed too.
      CREATE TABLE history_chain (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        last_id INTEGER NOT NULL,
        head BLOB
      );
      INSERT INTO history_chain (singleton, last_id, head) VALUES (1, 0, NULL);
    `);
  },
};

/** v2: user notes, append-only rows beside the call they are about. */
const notes: Migration = {
  version: 2,
  description: 'append-only notes on calls',
  up: (db) => {
    db.exec(`
      CREATE TABLE history_notes (
        id INTEGER PRIMARY KEY,
        call_id INTEGER NOT NULL REFERENCES history_calls (id),
        created_at TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX history_notes_call ON history_notes (call_id, id);
      CREATE TRIGGER history_notes_append_only BEFORE UPDATE ON history_notes
      BEGIN SELECT RAISE(ABORT, 'notes are append-only: add a new note instead'); END;
    `);
  },
};

/**
 * v3: retention cuts and the running totals statistics read instead of scanning a million calls. Filled from
 * the calls already there, so a database from v1 or v2 gets correct statistics on upgrade.
 */
const aggregates: Migration = {
  version: 3,
  description: 'retention cuts and statistics aggregates',
  up: (db) => {
    db.exec(`
      -- Where "delete calls older than N days" cut the chain: the first kept record chains from last_hash.
      CREATE TABLE history_cuts (
        id INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL,
        older_than TEXT NOT NULL,
        last_id INTEGER NOT NULL,
        last_hash BLOB NOT NULL,
        deleted INTEGER NOT NULL
      );

      -- Calls per UTC quarter hour (every real time zone's offset is a multiple of 15 minutes, so these add up
      -- exactly to hours, days and weeks in any zone).
      CREATE TABLE history_slots (
        slot INTEGER PRIMARY KEY,
        allow INTEGER NOT NULL DEFAULT 0,
        reject INTEGER NOT NULL DEFAULT 0,
        silent INTEGER NOT NULL DEFAULT 0,
        answer_hangup INTEGER NOT NULL DEFAULT 0,
        withheld INTEGER NOT NULL DEFAULT 0
      );

      -- One row per number ever seen (normalised when known), and a trigram index over them so "calls from a
      -- number containing 8000" finds the few matching numbers without reading every call.
      CREATE TABLE history_callers (
        id INTEGER PRIMARY KEY,
        caller TEXT NOT NULL UNIQUE,
        calls INTEGER NOT NULL,
        blocked INTEGER NOT NULL,
        first_ms INTEGER NOT NULL,
        last_ms INTEGER NOT NULL
      );
      CREATE INDEX history_callers_calls ON history_callers (calls);
      CREATE INDEX history_callers_first ON history_callers (first_ms);
      CREATE INDEX history_callers_last ON history_callers (last_ms);
      CREATE VIRTUAL TABLE history_caller_search USING fts5 (caller, tokenize = 'trigram', detail = 'none');

      -- Which numbers called on which local day, and how many distinct ones that makes.
      CREATE TABLE history_caller_days (
        local_day INTEGER NOT NULL,
        caller TEXT NOT NULL,
        PRIMARY KEY (local_day, caller)
      ) WITHOUT ROWID;
      CREATE TABLE history_days (
        local_day INTEGER PRIMARY KEY,
        distinct_callers INTEGER NOT NULL
      );

      -- Time zones the calls were recorded in: per-day figures are exact when the question uses the same zone.
      CREATE TABLE history_zones (
        time_zone TEXT PRIMARY KEY,
        first_ms INTEGER NOT NULL,
        last_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
    rebuildAggregates(db);
  },
};

/**
 * v4: the chain covers every stored fact. Calls get their canonical version (chain_version); events (the
 * shield, retention cuts, re-chains) join the chain in history_events; each retention cut names the event
 * that chained it. A database written with version 1 is checked with it, then re-chained once with
 * version 2, and the re-chain is itself an event saying what it replaced (the old head, whether it held).
 */
const everyFact: Migration = {
  version: 4,
  description: 'chain every column of a call (canonical version 2), chained events, re-chain version 1 records once',
  up: (db) => {
    db.exec(`
      ALTER TABLE history_calls ADD COLUMN chain_version INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE history_events (
        -- The same numbering as history_calls: together they are the chain, 1, 2, 3 … without gaps.
        id INTEGER PRIMARY KEY,
        chain_version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        body TEXT NOT NULL,
        hash BLOB NOT NULL
      );
      CREATE INDEX history_events_kind ON history_events (kind, id);
      CREATE TRIGGER history_events_append_only BEFORE UPDATE ON history_events
      BEGIN SELECT RAISE(ABORT, 'chained events are append-only'); END;
      ALTER TABLE history_cuts ADD COLUMN event_id INTEGER;
    `);
    rechainToV2(db, new Date());
  },
};

/**
 * v5: what the line presented, beside what is matched. `number` holds only a dialable number; when the line
 * presented anything else in the number field (`+8*`, `<img…>`, control bytes) `presented_number` keeps it,
 * control characters replaced, and `controls_replaced` counts the characters replaced there and in `name`.
 * Older records hold NULL and 0 (fields.ts `absent`); records from canonical version 3 on hash both.
 */
const presented: Migration = {
  version: 5,
  description: 'presented number text and replaced control characters (canonical version 3)',
  up: (db) => {
    db.exec(`
      ALTER TABLE history_calls ADD COLUMN presented_number TEXT;
      ALTER TABLE history_calls ADD COLUMN controls_replaced INTEGER NOT NULL DEFAULT 0;
    `);
  },
};

/**
 * v6: SMS in the chain. Each PDU received (a message, one part of a long one, a status report) or sent takes
 * the next number in the same chain as calls and events. history_sms_on_sim remembers which SIM slot a
 * recorded message was read from until the modem confirms its deletion, so a message read again after a
 * crash between the commit and AT+CMGD is recognised instead of recorded twice.
 */
const sms: Migration = {
  version: 6,
  description: 'SMS received and sent, chained with calls and events',
  up: (db) => {
    db.exec(`
      CREATE TABLE history_sms (
        -- The same numbering as history_calls and history_events.
        id INTEGER PRIMARY KEY,
        chain_version INTEGER NOT NULL,
        line_id TEXT NOT NULL,
        simulated INTEGER NOT NULL,
        direction TEXT NOT NULL,
        received_at TEXT NOT NULL,
        received_ms INTEGER NOT NULL,
        time_zone TEXT NOT NULL,
        network_time TEXT,
        party TEXT,
        party_kind TEXT,
        normalized TEXT,
        text TEXT,
        encoding TEXT,
        concat_reference INTEGER,
        concat_bits INTEGER,
        concat_total INTEGER,
        concat_sequence INTEGER,
        pdu TEXT NOT NULL,
        source TEXT NOT NULL,
        label TEXT NOT NULL,
        rule_id TEXT,
        rule_label TEXT,
        problems TEXT NOT NULL,
        incident_id INTEGER,
        reference INTEGER,
        status INTEGER,
        hash BLOB NOT NULL
      );
      CREATE INDEX history_sms_time ON history_sms (received_ms);
      CREATE INDEX history_sms_party ON history_sms (coalesce(normalized, party), received_ms);
      CREATE INDEX history_sms_incident ON history_sms (incident_id) WHERE incident_id IS NOT NULL;
      CREATE TRIGGER history_sms_append_only BEFORE UPDATE ON history_sms
      BEGIN SELECT RAISE(ABORT, 'SMS records are append-only'); END;

      -- Not evidence, bookkeeping: removed once AT+CMGD succeeded.
      CREATE TABLE history_sms_on_sim (
        line_id TEXT NOT NULL,
        memory TEXT NOT NULL,
        slot INTEGER NOT NULL,
        pdu_digest TEXT NOT NULL,
        sms_id INTEGER NOT NULL,
        PRIMARY KEY (line_id, memory, slot, pdu_digest)
      ) WITHOUT ROWID;
    `);
  },
};

export const migrations: readonly Migration[] = [calls, notes, aggregates, everyFact, presented, sms];

export const latestVersion = migrations.length;
