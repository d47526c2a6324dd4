"""SQLite store: WAL, named migrations recorded once, idempotent re-ingest."""

from __future__ import annotations

from pathlib import Path

from conftest import sample_accounts, sample_entities, sample_posts
from vigil.store import open_store
from vigil.store.sqlite import migrations


def test_wal_and_migrations_applied_once(tmp_path: Path) -> None:
    store = open_store(tmp_path / "v.db")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [r[0] for r in store.conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == [n for n, _ in migrations()] and names[0] == "0001_core"
    store.close()
    again = open_store(tmp_path / "v.db")
    assert again.migrate() == []


def test_reingest_is_idempotent(tmp_path: Path) -> None:
    store = open_store(tmp_path / "v.db")
    assert store.upsert_records("accounts", sample_accounts()) == len(sample_accounts())
    assert store.upsert_records("accounts", sample_accounts()) == 0
    assert store.upsert_records("posts", sample_posts()) == len(sample_posts())
    assert store.upsert_records("posts", sample_posts()) == 0
    store.upsert_records("entities", sample_entities())
    assert store.count("accounts") == len(sample_accounts())
    changed = sample_accounts()[0].model_copy(update={"display_name": "renamed"})
    assert store.upsert_records("accounts", [changed]) == 1
    names = {a.account_id: a.display_name for chunk in store.iter_accounts(chunk=3) for a in chunk}
    assert names[changed.account_id] == "renamed" and len(names) == len(sample_accounts())
    assert [e.entity_id for e in store.entities()] == sorted(e.entity_id for e in sample_entities())


def test_platform_is_part_of_the_key(tmp_path: Path) -> None:
    from vigil.model import Account

    store = open_store(tmp_path / "v.db")
    store.upsert_records("accounts", [Account(platform="weibo", account_id="1", display_name="a"),
                                      Account(platform="douyin", account_id="1", display_name="b")])
    assert store.count("accounts") == 2
