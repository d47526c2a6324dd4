"""`vigil scan` with accounts alone: workers that read the accounts file themselves give exactly the default
path's findings, quarantine and counts, including the run-wide rules (first line of a key wins across the
split; `as_of` from accepted accounts only, which decides credential expiry)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from vigil.detectors.base import Batch, Detector, Resources
from vigil.errors import VigilError
from vigil.ingest import IngestCounts
from vigil.model import Finding
from vigil.synth import generate

LATE = "2031-01-01T00:00:00Z"  # later than every synthetic account: would move as_of if it counted


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("splits")
    generate(size=300, seed=5, out_dir=d, progress=False)
    lines = (d / "accounts.jsonl").read_bytes().split(b"\n")
    first, early = json.loads(lines[0]), json.loads(lines[3])
    half = len(lines) // 2
    inject = {
        2: b'{"platform": "weibo", "account_id": "broken"',
        4: b"",
        6: json.dumps({**early, "display_name": "same key, later line", "created_at": LATE}).encode(),
        half + 5: json.dumps({**first, "created_at": LATE}).encode(),  # duplicate read by the other worker
        half + 9: json.dumps({"platform": "x", "account_id": "typed", "display_name": "T", "followers": "many",
                              "created_at": LATE}).encode(),
        half + 11: b'{"platform": "weibo", "account_id": "bad-utf8", "display_name": "\xff"}',
        len(lines) - 2: b"[1, 2]",
    }
    for i in sorted(inject, reverse=True):
        lines.insert(i, inject[i])
    (d / "accounts.jsonl").write_bytes(b"\n".join(lines))
    return d


def scan(d: Path, split: str, out: str, keep_bytes: str | None = None) -> tuple[bytes, bytes, list[str]]:
    env = {**os.environ, "VIGIL_SCAN_SPLIT": split, "VIGIL_CACHE": str(d / "cache")}
    if keep_bytes is not None:
        env["VIGIL_SCAN_KEEP_RECORDS_BYTES"] = keep_bytes
    res = subprocess.run(
        [sys.executable, "-m", "vigil.cli.main", "scan", "--registry", str(d / "entities.jsonl"),
         "--accounts", str(d / "accounts.jsonl"), "--credentials", str(d / "credentials.jsonl"),
         "--claims", str(d / "claims.jsonl"), "--workers", "2", "--out", str(d / f"{out}.jsonl"),
         "--quarantine", str(d / f"{out}-q.jsonl")], capture_output=True, text=True, env=env, check=True)
    summary = [line.split(" findings in ")[0] for line in res.stdout.splitlines() if "│" in line or "read " in line]
    return (d / f"{out}.jsonl").read_bytes(), (d / f"{out}-q.jsonl").read_bytes(), summary


@pytest.mark.parametrize("keep_bytes", [None, "0"])  # records kept between the phases, or validated again
def test_split_reading_equals_the_default_path(data: Path, keep_bytes: str | None) -> None:
    findings, quarantine, summary = scan(data, "1", f"split{keep_bytes}", keep_bytes)
    ref_findings, ref_quarantine, ref_summary = scan(data, "0", "serial")
    assert findings == ref_findings
    assert quarantine == ref_quarantine
    assert summary == ref_summary
    # the fixture exercises what it should: every kind of bad line, duplicates on both sides of the split,
    # and unqualified findings whose reference date is the latest *accepted* account's
    reasons = [json.loads(x)["reason"] for x in quarantine.splitlines()]
    assert sum(r.startswith("duplicate key") for r in reasons) == 2 and len(reasons) == 6
    dates = {json.loads(x)["evidence"].get("reference_date") for x in findings.splitlines()} - {None}
    assert dates and all(day < LATE[:10] for day in dates)


class _Dies(Detector):
    name = "test.dies"
    categories = ("impersonation",)

    def _detect(self, batch: Batch) -> Iterable[Finding]:
        os._exit(3)  # a worker killed mid-scan (e.g. by the OOM killer)


def test_a_worker_that_dies_is_one_clear_error(data: Path) -> None:
    from vigil.engines import account_splits

    with pytest.raises(VigilError, match="scan worker stopped"):
        account_splits.run(data / "accounts.jsonl", [_Dies(Resources())], workers=2, counts=IngestCounts())
