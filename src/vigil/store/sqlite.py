"""SQLite store: WAL mode, named transactional migrations, idempotent upserts."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from vigil.errors import StoreError
from vigil.ingest import QuarantineEntry
from vigil.model import Account, Claim, Credential, Entity, Finding, Post, Report

_MIGRATIONS = "vigil.store.migrations"


def default_db_path() -> Path:
    return Path(os.environ.get("VIGIL_DB") or "vigil.db")


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def migrations() -> list[tuple[str, str]]:
    """(name, sql) of every bundled migration, in order."""
    files = sorted(
        (f for f in resources.files(_MIGRATIONS).iterdir() if f.name.endswith(".sql")), key=lambda f: f.name
    )
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


class SQLiteStore:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.conn = sqlite3.connect(
                str(self.path), isolation_level=None, timeout=30.0, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=30000")
        self.migrate()

    # -- schema -------------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; returns the names applied."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM schema_migrations")}
        applied = []
        for name, sql in migrations():
            if name in done:
                continue
            with self.transaction() as c:
                if c.execute("SELECT 1 FROM schema_migrations WHERE name=?", (name,)).fetchone():
                    continue  # another process applied it meanwhile
                for stmt in _split_sql(sql):
                    c.execute(stmt)
                c.execute(
                    "INSERT INTO schema_migrations VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))", (name,)
                )
            applied.append(name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): one writer at a time, all or nothing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # -- records ------------------------------------------------------------------------------
    def upsert_records(self, kind: str, records: Iterable[Any]) -> int:
        sql, row_of = _UPSERTS[kind]
        before = self.conn.total_changes
        with self.transaction() as c:
            c.executemany(sql, (row_of(r) for r in records))
        return self.conn.total_changes - before

    def add_quarantine(self, entries: Iterable[QuarantineEntry]) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT OR IGNORE INTO quarantine (source, line, reason, raw) VALUES (?, ?, ?, ?)",
                ((e.source, e.line, e.reason, e.raw) for e in entries),
            )

    def count(self, table: str) -> int:
        if not table.isidentifier():
            raise StoreError(f"bad table name {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def entities(self) -> list[Entity]:
        rows = self.conn.execute("SELECT data FROM entities ORDER BY entity_id")
        return [Entity.model_validate_json(r[0]) for r in rows]

    def claims(self) -> list[Claim]:
        return [Claim.model_validate_json(r[0]) for r in self.conn.execute("SELECT data FROM claims ORDER BY claim_id")]

    def credentials(self) -> list[Credential]:
        rows = self.conn.execute("SELECT data FROM credentials ORDER BY platform, account_id, domain, license_id")
        return [Credential.model_validate_json(r[0]) for r in rows]

    def reports(self) -> list[Report]:
        return [Report.model_validate_json(r[0]) for r in self.conn.execute("SELECT data FROM reports ORDER BY report_id")]

    def iter_accounts(self, chunk: int = 10000) -> Iterator[list[Account]]:
        last: tuple[str, str] = ("", "")
        while True:
            rows = self.conn.execute(
                "SELECT platform, account_id, data FROM accounts WHERE (platform, account_id) > (?, ?) "
                "ORDER BY platform, account_id LIMIT ?",
                (*last, chunk),
            ).fetchall()
            if not rows:
                return
            last = (rows[-1][0], rows[-1][1])
            yield [Account.model_validate_json(r[2]) for r in rows]

    def posts_of(self, keys: Iterable[tuple[str, str]]) -> list[Post]:
        out: list[Post] = []
        for platform, account_id in keys:
            rows = self.conn.execute(
                "SELECT data FROM posts WHERE platform=? AND account_id=? ORDER BY post_id", (platform, account_id)
            )
            out.extend(Post.model_validate_json(r[0]) for r in rows)
        return out

    def all_posts(self) -> list[Post]:
        rows = self.conn.execute("SELECT data FROM posts ORDER BY platform, post_id")
        return [Post.model_validate_json(r[0]) for r in rows]

    def save_findings(self, findings: Iterable[Finding]) -> int:
        before = self.conn.total_changes
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(finding_id) DO UPDATE SET "
                "score=excluded.score, evidence=excluded.evidence, detector=excluded.detector "
                "WHERE findings.score IS NOT excluded.score OR findings.evidence IS NOT excluded.evidence",
                (
                    (f.finding_id, f.subject.platform, f.subject.account_id, f.subject.post_id, f.category,
                     f.subcategory, f.detector, f.score, dumps(f.evidence))
                    for f in findings
                ),
            )
        return self.conn.total_changes - before

    def findings(self) -> list[Finding]:
        rows = self.conn.execute("SELECT * FROM findings ORDER BY finding_id")
        return [
            Finding(
                finding_id=r["finding_id"],
                subject={"platform": r["platform"], "account_id": r["account_id"], "post_id": r["post_id"]},  # type: ignore[arg-type]
                category=r["category"], subcategory=r["subcategory"], detector=r["detector"],
                score=r["score"], evidence=orjson.loads(r["evidence"]),
            )
            for r in rows
        ]


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (BEGIN ... END;) whole."""
    stmts: list[str] = []
    buf: list[str] = []
    in_trigger = False
    for line in sql.splitlines():
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("--")):
            continue
        buf.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if (in_trigger and upper.endswith("END;")) or (not in_trigger and stripped.endswith(";")):
            stmts.append("\n".join(buf))
            buf, in_trigger = [], False
    if buf and "".join(buf).strip():
        stmts.append("\n".join(buf))
    return stmts


def _changed(table: str, cols: str, keys: str, n: int) -> str:
    """INSERT ... ON CONFLICT DO UPDATE only when the stored JSON differs: re-ingest changes nothing."""
    placeholders = ",".join("?" * n)
    sets = ", ".join(f"{c}=excluded.{c}" for c in cols.split(", ") if c not in keys.split(", "))
    return (
        f"INSERT INTO {table} ({cols}) VALUES ({placeholders}) ON CONFLICT({keys}) DO UPDATE SET {sets} "
        f"WHERE {table}.data IS NOT excluded.data"
    )


def _j(rec: Any) -> str:
    return str(rec.model_dump_json(exclude_defaults=False))


_UPSERTS: dict[str, tuple[str, Any]] = {
    "entities": (
        _changed("entities", "entity_id, kind, data", "entity_id", 3),
        lambda r: (r.entity_id, r.kind, _j(r)),
    ),
    "accounts": (
        _changed("accounts", "platform, account_id, display_name, followers, monetized, data", "platform, account_id", 6),
        lambda r: (r.platform, r.account_id, r.display_name, r.followers, int(r.monetized), _j(r)),
    ),
    "posts": (
        _changed("posts", "platform, post_id, account_id, created_at, data", "platform, post_id", 5),
        lambda r: (r.platform, r.post_id, r.account_id, r.created_at, _j(r)),
    ),
    "claims": (
        _changed("claims", "claim_id, verdict, data", "claim_id", 3),
        lambda r: (r.claim_id, r.verdict, _j(r)),
    ),
    "credentials": (
        _changed("credentials", "platform, account_id, domain, license_id, data", "platform, account_id, domain, license_id", 5),
        lambda r: (r.platform, r.account_id, r.domain, r.license_id or "", _j(r)),
    ),
    "reports": (
        _changed("reports", "report_id, reporter_id, platform, account_id, post_id, reason, created_at, data", "report_id", 8),
        lambda r: (r.report_id, r.reporter_id, r.platform, r.subject.account_id, r.subject.post_id, r.reason,
                   r.created_at, _j(r)),
    ),
}


def open_store(path: Path | str | None = None) -> SQLiteStore:
    return SQLiteStore(path or default_db_path())
