-- Decisions, penalty events (the source of truth), the derived platform ledger, notices, audit log.
CREATE TABLE campaign_runs (
  run_id TEXT PRIMARY KEY,
  data_dir TEXT NOT NULL,
  policy_sha256 TEXT NOT NULL,
  shadow INTEGER NOT NULL,
  as_of TEXT NOT NULL,
  stage TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  counts TEXT
);
CREATE TABLE decisions (
  decision_id TEXT PRIMARY KEY,
  run_id TEXT,
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  post_id TEXT,
  category TEXT NOT NULL,
  subcategory TEXT NOT NULL,
  severity TEXT NOT NULL,
  strikes_before INTEGER NOT NULL,
  penalties TEXT NOT NULL,        -- JSON list of {penalty, post_id, ends_at}
  reason TEXT NOT NULL,
  evidence TEXT NOT NULL,         -- JSON
  finding_ids TEXT NOT NULL,      -- JSON list
  decided_by TEXT NOT NULL,
  automated INTEGER NOT NULL,
  source TEXT NOT NULL,           -- automated_detection | notice (public report) | reviewer
  shadow INTEGER NOT NULL DEFAULT 0,
  decided_at TEXT NOT NULL,
  status TEXT NOT NULL            -- decided | applied | shadow | reversed | upheld
);
CREATE INDEX decisions_by_account ON decisions (platform, account_id);
CREATE TABLE penalty_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_key TEXT NOT NULL UNIQUE,  -- idempotency key: replaying an event changes nothing
  decision_id TEXT NOT NULL,
  kind TEXT NOT NULL,              -- apply | reverse | expire
  penalty TEXT NOT NULL,
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  post_id TEXT,
  at TEXT NOT NULL,
  ends_at TEXT,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  before TEXT                      -- JSON: ledger state the event changed (to restore on reversal)
);
CREATE INDEX penalty_events_by_decision ON penalty_events (decision_id);
CREATE TABLE ledger (
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',          -- active | suspended | closed
  suspended_until TEXT,
  followers INTEGER,
  followers_removed INTEGER NOT NULL DEFAULT 0,
  monetization TEXT NOT NULL DEFAULT 'active',    -- active | suspended | cancelled | none
  monetization_until TEXT,
  removed_posts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (platform, account_id)
) WITHOUT ROWID;
CREATE TABLE removed_posts (
  platform TEXT NOT NULL,
  post_id TEXT NOT NULL,
  decision_id TEXT NOT NULL,
  PRIMARY KEY (platform, post_id)
) WITHOUT ROWID;
CREATE TABLE notices (
  notice_id TEXT PRIMARY KEY,
  decision_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  penalty TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body TEXT NOT NULL               -- JSON: rule, evidence summary, penalty, ends_at, appeal
);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  before TEXT,
  after TEXT,
  reason TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- The chain's head, updated with every append: a truncated tail cannot go unnoticed.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
-- Append-only: the database itself refuses edits and deletes through SQL.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
