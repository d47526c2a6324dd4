-- Tables of the streaming consumer, inter-agency referral imports and policy backtests.
CREATE TABLE backtests (
  backtest_id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  policy_name TEXT NOT NULL,
  policy_sha256 TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE TABLE stream_seen (
  content_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  first_seen TEXT NOT NULL
);
CREATE TABLE stream_emitted (
  finding_id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  emitted_at TEXT NOT NULL
);
CREATE TABLE referral_items (
  origin_key_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  agency TEXT NOT NULL,
  data TEXT NOT NULL,
  bundle_sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (origin_key_id, kind, item_id)
) WITHOUT ROWID;
