"""Engines reading the input files themselves give load_inputs' counts and quarantine and sqlite's findings.

The fixture is synthetic data with bad lines injected everywhere ingest must catch them (broken JSON, a
non-object, missing fields, wrong types, invalid UTF-8, duplicate keys with identical and different
lines, blank lines), cut into many small splits and small chunks so splits, dedup across splits and
multi-chunk grouping are all exercised.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vigil.engines import _files
from vigil.ingest import IngestCounts, QuarantineEntry, read_records
from vigil.model import Finding
from vigil.pipeline import Inputs, build_detectors, load_inputs, run_detectors
from vigil.synth import generate

KINDS = ("entities", "claims", "credentials", "accounts", "posts", "reports")
SPLIT = 2000  # bytes: many splits per file (duckdb: cheap forked workers)
SPARK_SPLIT = 16000  # fewer tasks for Spark, still several splits per file
CHUNK = 40


def _inject(path: Path, at: dict[int, bytes]) -> None:
    lines = path.read_bytes().split(b"\n")
    for i in sorted(at, reverse=True):
        lines.insert(i, at[i])
    path.write_bytes(b"\n".join(lines))  # the last line has no newline: allowed


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("files")
    generate(size=150, seed=7, out_dir=d, progress=False)
    acc = (d / "accounts.jsonl").read_bytes().split(b"\n")
    posts = (d / "posts.jsonl").read_bytes().split(b"\n")
    _inject(d / "accounts.jsonl", {
        2: b'{"platform": "weibo", "account_id": "broken"',
        5: b"[1, 2, 3]",
        7: b"",
        9: json.dumps({"platform": "weibo", "account_id": "no-name"}).encode(),
        40: b'{"platform": "weibo", "account_id": "bad-utf8", "display_name": "\xff\xfe"}',
        60: acc[0],  # identical line again: duplicate key
        120: json.dumps({**json.loads(acc[3]), "display_name": "other"}).encode(),  # same key, other content
        130: json.dumps({"platform": "x", "account_id": "typed", "display_name": "T", "followers": "many"}).encode(),
        140: b"   ",
    })
    _inject(d / "posts.jsonl", {
        1: b"nope",
        33: json.dumps({"platform": "weibo", "post_id": "bad", "account_id": "a1", "text": 5}).encode(),
        90: posts[10],  # duplicate post key, later in another split
        150: b'"just a string"',
        200: json.dumps({"platform": "weibo", "post_id": "late", "account_id": "ghost", "text": "hi",
                         "created_at": "not a date"}).encode(),
    })
    _inject(d / "reports.jsonl", {0: b'{"report_id": "r-x"}', 3: b"{}"})
    return d


def _paths(d: Path) -> dict[str, Path | None]:
    return {k: d / f"{k}.jsonl" for k in KINDS}


def _names(inputs: Inputs) -> list[str]:
    """Every chunkable detector plus one cheap whole-input one (exercises the posts-on-the-driver path)."""
    return [x.name for x in build_detectors(inputs.resources) if x.chunkable] + ["engagement_farming.coordinated"]


def _expected(paths: dict[str, Path | None], names: list[str] | None = None) -> tuple[Inputs, list[Finding]]:
    inputs = load_inputs(paths)
    dets = build_detectors(inputs.resources, None, names or _names(inputs))
    return inputs, run_detectors(dets, inputs.accounts, inputs.posts, inputs.reports, chunk=CHUNK).findings


def test_splits_validate_like_read_records(data_dir: Path) -> None:
    """Every split starts at a line start with the right line number; rows equal read_records' verdicts."""
    paths = _paths(data_dir)
    splits = _files.plan_splits(paths, SPLIT)
    assert sum(s.kind == 0 for s in splits) > 3
    splits = _files.number_splits(splits, [_files.count_lines(s) for s in splits])
    rows = pa.Table.from_batches([rb for s in splits for rb in _files.validate_split(s, batch_rows=7)],
                                 schema=_files.ROW_SCHEMA).to_pylist()
    for kind, name in enumerate(_files.SPLIT_KINDS):
        path = paths[name]
        assert path is not None
        quarantined: list[QuarantineEntry] = []
        accepted = list(read_records(path, name, IngestCounts(), quarantined.append))
        mine = [r for r in rows if r["kind"] == kind]
        bad = [(r["line"], r["reason"], r["raw"]) for r in mine if r["reason"] is not None]
        want_bad = [(q.line, q.reason, q.raw) for q in quarantined if not q.reason.startswith("duplicate key")]
        assert bad == want_bad
        good = [_files.record(kind, r["fmt"], r["data"]) for r in mine if r["reason"] is None]
        assert len(good) == len(accepted) + sum(q.reason.startswith("duplicate key") for q in quarantined)
        assert {rec.key() for rec in good} == {rec.key() for rec in accepted}


@pytest.mark.duckdb
def test_duckdb_from_files_equals_load_inputs_and_sqlite(data_dir: Path) -> None:
    from vigil.engines.duckdb_engine import run_files

    paths = _paths(data_dir)
    inputs, want = _expected(paths)
    got = run_files(paths, None, _names(inputs), chunk=CHUNK, split_bytes=SPLIT, workers=2)
    assert inputs.quarantine and any(q.reason.startswith("duplicate key") for q in inputs.quarantine)
    assert got.counts == inputs.counts and got.counts.reconciles()
    assert got.quarantine == inputs.quarantine
    assert got.as_of == inputs.resources.as_of
    assert want and got.findings == want


@pytest.mark.duckdb
def test_duckdb_from_gzip_csv_and_parquet(data_dir: Path, tmp_path: Path) -> None:
    """Files that cannot be split at line boundaries are read whole by one worker, with the same result."""
    from vigil.engines.duckdb_engine import run_files

    paths: dict[str, Path | None] = dict(_paths(data_dir))
    gz = tmp_path / "posts.jsonl.gz"
    gz.write_bytes(gzip.compress((data_dir / "posts.jsonl").read_bytes()))
    rows = [json.loads(x) for x in (data_dir / "accounts.jsonl").read_bytes().split(b"\n")[:80]
            if x.strip().startswith(b"{") and x.rstrip().endswith(b"}") and b"\xff" not in x]
    cols = sorted({k for r in rows for k in r})
    acc = tmp_path / "accounts.csv"
    with acc.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        w.writerows([["" if r.get(c) is None else str(r[c]).lower() if isinstance(r.get(c), bool) else r[c]
                      for c in cols] for r in rows])
    reports = [json.loads(x) for x in (data_dir / "reports.jsonl").read_text().splitlines()[2:]]
    rep = tmp_path / "reports.parquet"
    pq.write_table(pa.Table.from_pylist(reports), rep)
    paths.update(posts=gz, accounts=acc, reports=rep)
    inputs, want = _expected(paths)
    got = run_files(paths, None, _names(inputs), chunk=CHUNK, split_bytes=SPLIT, workers=2)
    assert got.counts == inputs.counts and got.quarantine == inputs.quarantine
    assert got.as_of == inputs.resources.as_of and got.findings == want


def test_sqlite_staged_on_disk_equals_load_inputs_and_sqlite(data_dir: Path) -> None:
    from vigil.engines.sqlite_files import run_files

    paths = _paths(data_dir)
    inputs, want = _expected(paths)
    got = run_files(paths, None, _names(inputs), chunk=CHUNK, workers=2)
    assert got.counts == inputs.counts and got.quarantine == inputs.quarantine
    assert got.as_of == inputs.resources.as_of
    assert want and got.findings == want


@pytest.mark.spark
@pytest.mark.slow
def test_spark_from_files_equals_load_inputs_and_sqlite(data_dir: Path) -> None:
    pytest.importorskip("pyspark")
    from vigil.engines import spark_engine as se

    paths = _paths(data_dir)
    inputs, want = _expected(paths)
    spark = se.session("local[2]")
    try:
        got = se.run_files(paths, None, _names(inputs), spark=spark, partitions=3, chunk=CHUNK,
                          split_bytes=SPARK_SPLIT)
    finally:
        spark.stop()
    assert got.counts == inputs.counts and got.quarantine == inputs.quarantine
    assert got.as_of == inputs.resources.as_of
    assert want and got.findings == want


def _scan(d: Path, out: Path, engine: str, stage: bool = False) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "vigil.cli.main", "scan", "--registry", str(d / "entities.jsonl"), "--engine", engine,
            "--out", str(out / "findings.jsonl"), "--detectors",
            "impersonation.name,unqualified_services.advice,engagement_farming.coordinated"]
    for k in KINDS[1:]:
        args += [f"--{k}", str(d / f"{k}.jsonl")]
    env = {**os.environ, "VIGIL_SCAN_STAGE_BYTES": "0"} if stage else None
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=900, env=env)


def _counts_table(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if "│" in line and ".jsonl" in line or "total" in line
            or line.startswith("read ")]


@pytest.mark.duckdb
@pytest.mark.spark
@pytest.mark.slow
def test_scan_cli_same_files_on_every_engine(data_dir: Path, tmp_path: Path) -> None:
    """`vigil scan` writes byte-identical findings and quarantine files and the same counts on every engine
    (and on the sqlite engine's staged path for large inputs, forced here)."""
    pytest.importorskip("pyspark")
    outs = {}
    for engine in ("sqlite", "sqlite-staged", "duckdb", "spark"):
        out = tmp_path / engine
        out.mkdir()
        res = _scan(data_dir, out, engine.split("-")[0], stage=engine.endswith("staged"))
        assert res.returncode == 0, res.stderr[-2000:]
        outs[engine] = ((out / "findings.jsonl").read_bytes(), (out / "quarantine.jsonl").read_bytes(),
                        [line.split(" findings in ")[0] for line in _counts_table(res.stdout)])
    assert outs["sqlite"][0] and outs["sqlite"][1].count(b"\n") >= 10
    assert outs["sqlite-staged"] == outs["sqlite"]
    assert outs["duckdb"] == outs["sqlite"]
    assert outs["spark"] == outs["sqlite"]
