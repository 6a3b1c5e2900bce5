import type { Database } from 'better-sqlite3';

/** Version of the schema below, kept in SQLite's `user_version`. */
export const SCHEMA_VERSION = 1;

// Times are epoch milliseconds. A run row is written when the run starts, with state
// `running`, and completed in one transaction with its steps, so a process killed mid-run
// leaves a row that the next start marks `interrupted` instead of losing it.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  monitor TEXT NOT NULL,
  location TEXT NOT NULL,
  target TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'interrupted')),
  outcome TEXT CHECK (outcome IN ('pass', 'degraded', 'fail')),
  failure_class TEXT,
  reason TEXT,
  latency_ms REAL,
  attempts INTEGER
);
CREATE INDEX IF NOT EXISTS runs_by_monitor_time ON runs (monitor, location, started_at);
CREATE INDEX IF NOT EXISTS runs_by_time ON runs (started_at);

CREATE TABLE IF NOT EXISTS steps (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  step TEXT NOT NULL,
  status INTEGER,
  latency_ms REAL NOT NULL,
  dns_ms REAL,
  connect_ms REAL,
  tls_ms REAL,
  first_byte_ms REAL,
  connection TEXT,
  failure_class TEXT,
  PRIMARY KEY (run_id, position)
);

CREATE TABLE IF NOT EXISTS incidents (
  id INTEGER PRIMARY KEY,
  monitor TEXT NOT NULL,
  location TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  resolved_at INTEGER,
  failure_class TEXT,
  reason TEXT
);
CREATE INDEX IF NOT EXISTS incidents_open ON incidents (monitor, location, resolved_at);
`;

/** Sets the pragmas and creates or checks the schema. */
export function prepareDatabase(db: Database): void {
  // WAL lets the report read while the monitor writes; synchronous FULL makes each
  // committed run durable before the next one starts.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `history schema version ${version} is newer than this version of token-harness ` +
        `supports (${SCHEMA_VERSION}); upgrade token-harness or use another --history-file`,
    );
  }

  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
