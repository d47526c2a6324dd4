-- Review queues: cases built from findings and public reports, claimed under an expiring lock.
CREATE TABLE cases (
  case_id TEXT PRIMARY KEY,
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  post_id TEXT,
  queue TEXT NOT NULL,              -- a finding category, or 'reports' for report-only cases
  status TEXT NOT NULL,             -- open | claimed | decided | dismissed
  severity TEXT NOT NULL,
  priority REAL NOT NULL,
  due_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  locked_by TEXT,
  lock_expires_at TEXT,
  decision_id TEXT,
  finding_ids TEXT NOT NULL DEFAULT '[]',
  report_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX cases_by_queue ON cases (queue, status, priority DESC);
CREATE INDEX cases_by_subject ON cases (platform, account_id);
