"""Claim bank management through the CLI: imports and verdict changes are audited; re-import is a no-op."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from vigil import audit
from vigil.store import open_store


def vigil(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vigil.cli.main", *args], capture_output=True, text=True,
                          timeout=120)


def test_import_and_verdict_change_are_audited(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    jsonl = tmp_path / "claims.jsonl"
    jsonl.write_text(json.dumps({"claim_id": "c1", "text": "5G spreads the virus", "verdict": "False"}) + "\n",
                     encoding="utf-8")
    review = tmp_path / "review.json"
    review.write_text(json.dumps({
        "@context": "https://schema.org", "@type": "ClaimReview", "url": "https://example.org/fc/1",
        "claimReviewed": "喝板蓝根可以预防新冠", "datePublished": "2020-02-01",
        "reviewRating": {"@type": "Rating", "alternateName": "谣言"}}, ensure_ascii=False), encoding="utf-8")
    r1 = vigil("claims", "import", "--file", str(jsonl), "--db", str(db))
    assert r1.returncode == 0 and "1 added" in r1.stdout
    r2 = vigil("claims", "import", "--file", str(review), "--db", str(db))
    assert r2.returncode == 0 and "1 added" in r2.stdout
    assert "1 unchanged" in vigil("claims", "import", "--file", str(jsonl), "--db", str(db)).stdout
    r3 = vigil("claims", "set", "c1", "--verdict", "Mostly false", "--reason", "publisher revised rating",
               "--db", str(db))
    assert r3.returncode == 0 and "verdict changed" in r3.stdout
    store = open_store(db)
    rows = list(audit.log.rows(store.conn))
    assert [r["action"] for r in rows] == ["claim.add", "claim.add", "claim.verdict_change"]
    change = rows[-1]
    assert change["before"]["verdict"] == "False" and change["after"]["verdict"] == "Mostly false"
    assert change["reason"] == "publisher revised rating" and audit.verify(store.conn)[0]
    assert {c.claim_id: c.verdict for c in store.claims()}["c1"] == "Mostly false"
    bad = vigil("claims", "set", "nope", "--verdict", "False", "--db", str(db))
    assert bad.returncode == 2 and "--text" in bad.stderr
