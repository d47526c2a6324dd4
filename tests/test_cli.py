"""The `vigil` command as users meet it: exit codes, one-line errors, files written where FORMATS.md says."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import sample_accounts, sample_claims, sample_entities, sample_posts
from vigil.model import Finding


def vigil(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vigil.cli.main", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def _write(path: Path, records: list) -> Path:  # type: ignore[type-arg]
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    acc = _write(tmp_path / "accounts.jsonl", sample_accounts())
    with acc.open("a", encoding="utf-8") as fh:
        fh.write("not json at all\n")
        fh.write('{"platform": "x", "account_id": "q1"}\n')
    return {
        "registry": _write(tmp_path / "entities.jsonl", sample_entities()),
        "accounts": acc,
        "posts": _write(tmp_path / "posts.jsonl", sample_posts()),
        "claims": _write(tmp_path / "claims.jsonl", sample_claims()),
    }


def test_scan_writes_findings_quarantine_and_counts(inputs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out" / "findings.jsonl"
    res = vigil("scan", "--registry", str(inputs["registry"]), "--accounts", str(inputs["accounts"]),
                "--posts", str(inputs["posts"]), "--claims", str(inputs["claims"]), "--out", str(out),
                "--db", str(tmp_path / "s.db"))
    assert res.returncode == 0, res.stderr
    findings = [Finding.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(f.subject.account_id == "fake-cdc" and f.category == "impersonation" for f in findings)
    assert all(f.subject.account_id != "cdc-official" or f.evidence.get("entity_id") != "cn-cdc" for f in findings)
    keys = [f.dedup_key() for f in findings]
    assert len(keys) == len(set(keys))
    quarantine = [json.loads(line) for line in (out.parent / "quarantine.jsonl").read_text().splitlines()]
    assert [(q["source"], q["line"]) for q in quarantine] == [("accounts.jsonl", 13), ("accounts.jsonl", 14)]
    assert quarantine[1]["reason"] == "missing field display_name"
    assert "quarantined 2" in res.stdout
    stored = sqlite3.connect(tmp_path / "s.db").execute("SELECT count(*) FROM findings").fetchone()[0]
    assert stored == len(findings)
    # stateless: the same inputs again give byte-identical findings, whatever the store holds
    again = tmp_path / "again.jsonl"
    vigil("scan", "--registry", str(inputs["registry"]), "--accounts", str(inputs["accounts"]),
          "--posts", str(inputs["posts"]), "--claims", str(inputs["claims"]), "--out", str(again),
          "--db", str(tmp_path / "s.db"))
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize("args, needle", [
    (["--registry", "/nonexistent/entities.jsonl"], "does not exist"),
    (["--registry", "{reg}", "--accounts", "/tmp"], "is a directory"),
    (["--registry", "{reg}", "--engine", "oracle"], "--engine"),
    (["--registry", "{reg}", "--threshold", "7"], "--threshold"),
])
def test_unusable_arguments_exit_2_with_one_line(inputs: dict[str, Path], tmp_path: Path, args: list[str],
                                                 needle: str) -> None:
    args = [a.replace("{reg}", str(inputs["registry"])) for a in args]
    res = vigil("scan", *args, "--out", str(tmp_path / "f.jsonl"))
    assert res.returncode == 2
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in res.stderr


def test_missing_required_option_is_exit_2(tmp_path: Path) -> None:
    res = vigil("scan", "--out", str(tmp_path / "f.jsonl"))
    assert res.returncode == 2 and "Traceback" not in res.stderr and "--registry" in res.stderr


def test_audit_verify_exit_codes(tmp_path: Path) -> None:
    from vigil import audit
    from vigil.store import open_store

    db = tmp_path / "a.db"
    store = open_store(db)
    for i in range(3):
        with store.transaction() as conn:
            audit.append(conn, actor="t", action="x", subject={"i": i}, before=None, after=None, reason="r")
    assert vigil("audit", "verify", "--db", str(db)).returncode == 0
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("UPDATE audit_log SET actor='mallory' WHERE seq=2")
    res = vigil("audit", "verify", "--db", str(db))
    assert res.returncode == 1 and "seq 2" in res.stderr
    assert vigil("audit", "verify", "--db", str(tmp_path / "none.db")).returncode == 2


def test_scan_matches_posts_against_a_media_hash_bank(inputs: dict[str, Path], tmp_path: Path) -> None:
    import hashlib

    fake = hashlib.sha256(b"fabricated anchor clip").hexdigest()
    bank = tmp_path / "mediabank.jsonl"
    bank.write_text(json.dumps({"hash_type": "sha256", "hash": fake, "label": "AI-made anchor clip",
                                "source": "fact-checker"}) + "\n", encoding="utf-8")
    posts = tmp_path / "media_posts.jsonl"
    posts.write_text(json.dumps({"platform": "douyin", "post_id": "m1", "account_id": "u9", "text": "快看",
                                 "media_sha256": fake}) + "\n" +
                     json.dumps({"platform": "douyin", "post_id": "m2", "account_id": "u9", "text": "日常",
                                 "media_sha256": "0" * 64}) + "\n", encoding="utf-8")
    out = tmp_path / "m.jsonl"
    res = vigil("scan", "--registry", str(inputs["registry"]), "--posts", str(posts), "--mediabank", str(bank),
                "--out", str(out))
    assert res.returncode == 0, res.stderr
    hits = [Finding.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    banked = [f for f in hits if f.detector == "mediabank.match"]
    assert [f.subject.post_id for f in banked] == ["m1"]
    assert banked[0].category == "debunked_claim" and banked[0].evidence["media_hash"] == fake
    none = vigil("scan", "--registry", str(inputs["registry"]), "--posts", str(posts), "--out", str(out))
    assert "mediabank.match" not in out.read_text(encoding="utf-8") and none.returncode == 0
