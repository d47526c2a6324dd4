"""Signed referrals: origin and integrity verified, imports idempotent, tampering refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
from typer.testing import CliRunner

from vigil import audit
from vigil.cli.main import app
from vigil.enforcement.record import record_decision
from vigil.model import make_finding
from vigil.policy import Decision, PenaltyAction
from vigil.store import open_store

T0 = datetime(2025, 8, 1, tzinfo=UTC)


def _source_db(tmp_path: Path) -> Path:
    db = tmp_path / "src.db"
    store = open_store(db)
    fs = [make_finding(platform="weibo", account_id=f"a{i}", post_id=None, category="impersonation",
                       subcategory="government", detector="impersonation.name", score=0.9,
                       evidence={"entity_id": "cn-mnd", "observed": f"国防部{i}"}) for i in range(3)]
    store.save_findings(fs)
    d = Decision(decision_id="d-1", platform="weibo", account_id="a0", post_id=None, category="impersonation",
                 subcategory="government", severity="high", strikes_before=0,
                 penalties=(PenaltyAction("close_account"),), rule_id="VIG-IMP", reason="r", evidence={},
                 finding_ids=(fs[0].finding_id,), score=0.9)
    with store.transaction() as conn:
        record_decision(conn, d, run_id="r", shadow=False, at=T0, actor="t")
    store.close()
    return db


def _run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, list(args))
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        # main() turns a VigilError into one stderr line and its exit code; mirror that here
        return int(getattr(res.exception, "exit_code", 2)), str(res.exception)
    return res.exit_code, " ".join(res.output.split())


def test_export_verify_import_once(tmp_path: Path) -> None:
    key = tmp_path / "agency.key"
    assert _run("referral", "keygen", "--out", str(key))[0] == 0
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    bundle = tmp_path / "bundle.json"
    code, out = _run("export", "referral", "--key", str(key), "--out", str(bundle), "--agency", "CAC-Beijing",
                     "--db", str(_source_db(tmp_path)))
    assert code == 0, out
    pub = str(key) + ".pub"
    assert _run("referral", "verify", str(bundle), "--trust", pub)[0] == 0
    dst = tmp_path / "dst.db"
    code, out = _run("referral", "import", str(bundle), "--trust", pub, "--db", str(dst))
    assert code == 0 and "3 new findings" in out and "1 new decisions" in out, out
    code, out = _run("referral", "import", str(bundle), "--trust", pub, "--db", str(dst))
    assert code == 0 and "0 new findings" in out and "4 already present" in out, out
    store = open_store(dst)
    assert store.count("referral_items") == 4
    assert audit.verify(store.conn)[0]
    assert store.count("findings") == 0  # referred items stay apart from this agency's own findings


def test_tampered_or_untrusted_bundles_are_refused(tmp_path: Path) -> None:
    key, other = tmp_path / "a.key", tmp_path / "b.key"
    _run("referral", "keygen", "--out", str(key))
    _run("referral", "keygen", "--out", str(other))
    bundle = tmp_path / "bundle.json"
    _run("export", "referral", "--key", str(key), "--out", str(bundle), "--db", str(_source_db(tmp_path)))
    body = orjson.loads(bundle.read_bytes())
    body["items"][0]["data"]["score"] = 0.1
    edited = tmp_path / "edited.json"
    edited.write_bytes(orjson.dumps(body))
    dst = tmp_path / "dst.db"
    code, out = _run("referral", "import", str(edited), "--trust", str(key) + ".pub", "--db", str(dst))
    assert code == 1 and "signature" in out
    code, out = _run("referral", "import", str(bundle), "--trust", str(other) + ".pub", "--db", str(dst))
    assert code == 1 and "not among the trusted keys" in out
    # re-signed by another key while claiming the first key's identity
    from vigil.transparency.referral import load_private, sign_bundle

    forged = sign_bundle(body["items"], load_private(other), "CAC-Beijing")
    forged["origin"] = orjson.loads(bundle.read_bytes())["origin"]
    f = tmp_path / "forged.json"
    f.write_bytes(orjson.dumps(forged))
    assert _run("referral", "verify", str(f), "--trust", str(key) + ".pub")[0] == 1
    store = open_store(dst)
    assert store.conn.execute("SELECT count(*) FROM sqlite_master WHERE name='referral_items'").fetchone()[0] == 0 \
        or store.count("referral_items") == 0
