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


def test_serve_rejects_bad_port(tmp_path: Path) -> None:
    r = subprocess.run([VIGIL, "serve", "--port", "0", "--db", str(tmp_path / "v.db")], capture_output=True, text=True)
    assert r.returncode != 0 and "--port" in r.stderr and "Traceback" not in r.stderr
