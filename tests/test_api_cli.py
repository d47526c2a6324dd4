"""`vigil token create` prints one token line; the token works against the API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dueprocess_support import auth, client

pytestmark = pytest.mark.slow  # each test starts the CLI
VIGIL = str(Path(sys.executable).parent / "vigil")


def test_token_create_prints_one_line_and_stores_only_a_hash(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    out = subprocess.run([VIGIL, "token", "create", "--role", "reviewer", "--name", "carol", "--db", str(db)],
                         capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("vgl_")
    token = lines[0]
    assert token.encode() not in db.read_bytes()  # only its SHA-256 is stored
    c = client(db)
    assert c.get("/api/v1/cases", headers=auth(token)).status_code == 200
    assert c.post("/api/v1/reports", json={}, headers=auth(token)).status_code == 403


def test_token_create_rejects_unknown_role(tmp_path: Path) -> None:
    r = subprocess.run([VIGIL, "token", "create", "--role", "god", "--db", str(tmp_path / "v.db")],
                       capture_output=True, text=True)
    assert r.returncode != 0 and r.stdout == "" and "role" in r.stderr and "Traceback" not in r.stderr


def test_token_for_an_account_holder(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    out = subprocess.run([VIGIL, "token", "create", "--role", "reporter", "--account", "weibo/a9", "--db", str(db)],
                         capture_output=True, text=True, check=True)
    token = out.stdout.strip()
    c = client(db)
    assert c.get("/api/v1/notifications", headers=auth(token)).status_code == 200
    from vigil.store import SQLiteStore

    store = SQLiteStore(db)
    assert store.conn.execute("SELECT account FROM api_tokens").fetchone()[0] == "weibo/a9"
    store.close()
    for bad in (["--role", "reviewer", "--account", "weibo/a9"], ["--role", "reporter", "--account", "a9"]):
        r = subprocess.run([VIGIL, "token", "create", *bad, "--db", str(db)], capture_output=True, text=True)
        assert r.returncode == 2 and r.stdout == "", r.stderr
        assert "account" in r.stderr.lower() and "Traceback" not in r.stderr


def test_serve_rejects_bad_port(tmp_path: Path) -> None:
    r = subprocess.run([VIGIL, "serve", "--port", "0", "--db", str(tmp_path / "v.db")], capture_output=True, text=True)
    assert r.returncode != 0 and "--port" in r.stderr and "Traceback" not in r.stderr
