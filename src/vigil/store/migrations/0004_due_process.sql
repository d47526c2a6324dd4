-- Due process: API tokens, report intake, reporter track records, appeals, notifications, console sessions.
-- API tokens: only a SHA-256 of the secret is stored; the secret is shown once by `vigil token create`.
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  token_id TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('reporter', 'intake', 'reviewer', 'admin')),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
-- One row per report received through the API (the record itself is in `reports`).
CREATE TABLE report_meta (
  report_id TEXT PRIMARY KEY,
  reporter_id TEXT NOT NULL,
  submitted_by TEXT NOT NULL,        -- token_id of the submitting token
  source TEXT NOT NULL,              -- native | activitypub | atproto
  received_at TEXT NOT NULL,
  subjects TEXT NOT NULL             -- JSON list of {row_id, platform, account_id, post_id, case_id}
);
CREATE INDEX report_meta_by_submitter ON report_meta (submitted_by);
CREATE INDEX report_meta_by_reporter ON report_meta (reporter_id);
-- One row per reported subject (a `reports` row): its case and its outcome, told to the reporter.
CREATE TABLE report_outcomes (
  row_id TEXT PRIMARY KEY,           -- reports.report_id
  report_id TEXT NOT NULL,           -- the report as submitted (report_meta.report_id, or row_id)
  reporter_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  status TEXT NOT NULL,              -- pending | in_review | upheld | dismissed | reversed
  decision_id TEXT,
  outcome_reason TEXT,
  resolved_at TEXT
);
CREATE INDEX report_outcomes_by_report ON report_outcomes (report_id);
CREATE INDEX report_outcomes_by_case ON report_outcomes (case_id);
CREATE INDEX report_outcomes_by_reporter ON report_outcomes (reporter_id);
-- Reporter track record: the share of resolved reports that were upheld weights case priority.
CREATE TABLE reporter_stats (
  reporter_id TEXT PRIMARY KEY,
  submitted INTEGER NOT NULL DEFAULT 0,
  upheld INTEGER NOT NULL DEFAULT 0,
  dismissed INTEGER NOT NULL DEFAULT 0,
  reversed INTEGER NOT NULL DEFAULT 0
);
-- Who closed a case and why (decision or dismissal).
CREATE TABLE case_reviews (
  case_id TEXT PRIMARY KEY,
  reviewer TEXT NOT NULL,
  outcome TEXT NOT NULL,             -- dismissed | decided
  reason TEXT NOT NULL,
  decision_id TEXT,
  decided_at TEXT NOT NULL
);
-- One appeal per decision; a different reviewer decides it.
CREATE TABLE appeals (
  appeal_id TEXT PRIMARY KEY,
  decision_id TEXT NOT NULL UNIQUE,
  appellant TEXT NOT NULL,
  reason TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  deadline TEXT NOT NULL,
  status TEXT NOT NULL,              -- pending | upheld | reversed
  decided_by TEXT,
  decided_at TEXT,
  outcome_reason TEXT
);
CREATE INDEX appeals_by_status ON appeals (status, filed_at);
-- Messages to reporters, appellants and account holders (the feed a platform delivers).
CREATE TABLE notifications (
  notification_id TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,           -- reporter:<id> | account:<platform>/<account_id> | principal actor
  kind TEXT NOT NULL,                -- report.outcome | appeal.outcome
  subject TEXT NOT NULL,             -- JSON
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX notifications_by_recipient ON notifications (recipient, created_at);
-- Console sessions: the cookie holds a random id; only its hash is stored.
CREATE TABLE console_sessions (
  session_hash TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX cases_by_status ON cases (status, queue, priority DESC);
