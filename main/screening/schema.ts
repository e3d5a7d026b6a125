// The screening component's tables in the shared database file, as numbered migrations (never edit a
// shipped one; add the next). Exact numbers also carry their E.164 digits as an INTEGER (`num`) so the whole
// list loads straight into the compact in-memory index.
import type { Migration } from '../store/index.ts';

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'rules, change journal, shield state, incidents, one-ring flags',
    up: (db) =>
      db.exec(`
        CREATE TABLE screening_rules (
          id INTEGER PRIMARY KEY,
          list TEXT NOT NULL CHECK (list IN ('blocked', 'trusted')),
          kind TEXT NOT NULL,
          value TEXT NOT NULL,
          num INTEGER,
          label TEXT NOT NULL DEFAULT '',
          category TEXT,
          action TEXT NOT NULL,
          note TEXT NOT NULL DEFAULT '',
          schedule TEXT,
          expires_at TEXT,
          expires_ms INTEGER,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          hit_count INTEGER NOT NULL DEFAULT 0,
          last_hit_at TEXT
        );
        CREATE UNIQUE INDEX screening_rules_value ON screening_rules (list, kind, value);
        CREATE INDEX screening_rules_num ON screening_rules (list, num) WHERE num IS NOT NULL;
        CREATE INDEX screening_rules_expiring ON screening_rules (expires_ms) WHERE expires_ms IS NOT NULL;
        CREATE INDEX screening_rules_timed_numbers ON screening_rules (list, id)
          WHERE num IS NOT NULL AND (schedule IS NOT NULL OR expires_ms IS NOT NULL);

        -- Every rule write appends here, so a running service applies another process's changes (the CLI)
        -- without reloading a million numbers. op: put | delete | reload (a bulk import: reload the list).
        CREATE TABLE screening_changes (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          list TEXT NOT NULL,
          rule_id INTEGER,
          kind TEXT,
          value TEXT,
          op TEXT NOT NULL
        );

        CREATE TABLE screening_shield (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          active INTEGER NOT NULL,
          since_ms INTEGER,
          trigger TEXT,
          until_ms INTEGER,
          incident_id INTEGER,
          calls_blocked INTEGER NOT NULL DEFAULT 0,
          withheld_blocked INTEGER NOT NULL DEFAULT 0,
          last_reject_ms INTEGER,
          revision INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE screening_incidents (
          id INTEGER PRIMARY KEY,
          started_at TEXT NOT NULL,
          ended_at TEXT,
          trigger TEXT NOT NULL,
          calls_rejected INTEGER NOT NULL DEFAULT 0,
          withheld_rejected INTEGER NOT NULL DEFAULT 0,
          distinct_numbers INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX screening_incidents_started ON screening_incidents (started_at);
        CREATE TABLE screening_incident_numbers (
          incident_id INTEGER NOT NULL,
          number TEXT NOT NULL,
          PRIMARY KEY (incident_id, number)
        ) WITHOUT ROWID;

        CREATE TABLE screening_one_ring (
          number TEXT PRIMARY KEY,
          first_at TEXT NOT NULL,
          last_at TEXT NOT NULL,
          count INTEGER NOT NULL
        ) WITHOUT ROWID;
      `),
  },
  {
    version: 2,
    description: 'index the rules that are not E.164 numbers, so start-up reads them without scanning a million numbers',
    up: (db) => db.exec('CREATE INDEX screening_rules_others ON screening_rules (list) WHERE num IS NULL'),
  },
  {
    version: 3,
    description: 'what engaged each shield incident, and when counting toward the shield starts afresh',
    up: (db) =>
      db.exec(`
        ALTER TABLE screening_shield ADD COLUMN count_from_ms INTEGER;
        ALTER TABLE screening_incidents ADD COLUMN cause_calls INTEGER;
        ALTER TABLE screening_incidents ADD COLUMN cause_numbers INTEGER;
        ALTER TABLE screening_incidents ADD COLUMN cause_no_number INTEGER;
        ALTER TABLE screening_incidents ADD COLUMN cause_span_ms INTEGER;
        ALTER TABLE screening_incidents ADD COLUMN cause_number TEXT;
      `),
  },
];
