-- Who may appeal: tokens can belong to an account holder ("platform/account_id", else NULL), appeals record
-- on what standing they were filed (holder | platform | notifier | admin), and a per-store secret derives
-- the appeal code printed on each notice (proof the appellant got the notice).
ALTER TABLE api_tokens ADD COLUMN account TEXT;
ALTER TABLE appeals ADD COLUMN standing TEXT;
CREATE TABLE store_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO store_secrets (name, value) VALUES ('appeal_code', lower(hex(randomblob(32))));
