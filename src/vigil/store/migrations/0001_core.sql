-- Records (platform is part of every key), findings, quarantine.
CREATE TABLE entities (
  entity_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE accounts (
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  followers INTEGER,
  monetized INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  PRIMARY KEY (platform, account_id)
) WITHOUT ROWID;
CREATE TABLE posts (
  platform TEXT NOT NULL,
  post_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  created_at TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY (platform, post_id)
) WITHOUT ROWID;
CREATE INDEX posts_by_account ON posts (platform, account_id);
CREATE TABLE claims (
  claim_id TEXT PRIMARY KEY,
  verdict TEXT,
  data TEXT NOT NULL
);
CREATE TABLE credentials (
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  domain TEXT NOT NULL,
  license_id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (platform, account_id, domain, license_id)
) WITHOUT ROWID;
CREATE TABLE reports (
  report_id TEXT PRIMARY KEY,
  reporter_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  post_id TEXT,
  reason TEXT NOT NULL,
  created_at TEXT,
  data TEXT NOT NULL
);
CREATE INDEX reports_by_subject ON reports (platform, account_id);
CREATE TABLE quarantine (
  source TEXT NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  PRIMARY KEY (source, line, reason)
) WITHOUT ROWID;
CREATE TABLE findings (
  finding_id TEXT PRIMARY KEY,
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  post_id TEXT,
  category TEXT NOT NULL,
  subcategory TEXT NOT NULL,
  detector TEXT NOT NULL,
  score REAL NOT NULL,
  evidence TEXT NOT NULL
);
CREATE INDEX findings_by_account ON findings (platform, account_id);
