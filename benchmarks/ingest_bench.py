"""Ingest and scan throughput on synthetic data, each beside a baseline measured in the same run.

- parse baseline: orjson.loads of every line (the least any JSONL reader must do);
- ingest: vigil's validating reader (pydantic, quarantine, duplicate-key check);
- store: SQLite upsert of the same records, and a second (idempotent) pass;
- scan: every detector through the pipeline on 2 workers, rows (accounts + posts) per second.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


def main(size: int = SIZE) -> str:
    from vigil.detectors import registered
    from vigil.ingest import IngestCounts, read_records
    from vigil.pipeline import build_detectors, load_inputs, run_detectors
    from vigil.store import open_store
    from vigil.synth import generate

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        generate(size=size, seed=11, out_dir=d)
        files = {k: d / f"{k}.jsonl" for k in ("accounts", "posts")}
        rows = sum(1 for f in files.values() for _ in f.open("rb"))

        t0 = time.perf_counter()
        for f in files.values():
            with f.open("rb") as fh:
                for line in fh:
                    orjson.loads(line)
        t_parse = time.perf_counter() - t0

        t0 = time.perf_counter()
        counts = IngestCounts()
        recs = {k: list(read_records(f, k, counts, lambda q: None)) for k, f in files.items()}
        t_ingest = time.perf_counter() - t0

        store = open_store(d / "b.db")
        t0 = time.perf_counter()
        for k, r in recs.items():
            store.upsert_records(k, r)
        t_store = time.perf_counter() - t0
        t0 = time.perf_counter()
        for k, r in recs.items():
            store.upsert_records(k, r)
        t_store2 = time.perf_counter() - t0

        inputs = load_inputs({k: d / f"{k}.jsonl" for k in
                              ("entities", "claims", "credentials", "accounts", "posts", "reports")})
        skip = {"claims.debunked"} if os.environ.get("VIGIL_BENCH_SKIP_CLAIMS") else set()
        names = [n for n in registered() if n not in skip]
        t0 = time.perf_counter()
        dets = build_detectors(inputs.resources, names=names)
        t_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        res = run_detectors(dets, inputs.accounts, inputs.posts, inputs.reports, workers=2)
        t_scan = time.perf_counter() - t0

    def rate(t: float) -> str:
        return f"{rows / t:,.0f} rows/s"

    text = "\n".join([
        f"## Ingest and scan throughput ({datetime.now(UTC):%Y-%m-%d}, {platform.node()}, {os.cpu_count()} cores)",
        "",
        f"{size:,} synthetic accounts + posts = {rows:,} rows.",
        "",
        "| stage | time | rate | vs parse-only baseline |",
        "|---|---|---|---|",
        f"| baseline: orjson.loads every line | {t_parse:.2f}s | {rate(t_parse)} | 1.00× |",
        f"| ingest: validate + quarantine + dedup | {t_ingest:.2f}s | {rate(t_ingest)} | {t_ingest / t_parse:.2f}× the time |",
        f"| store: SQLite upsert (first pass) | {t_store:.2f}s | {rate(t_store)} | {t_store / t_parse:.2f}× |",
        f"| store: re-ingest (no change) | {t_store2:.2f}s | {rate(t_store2)} | {t_store2 / t_parse:.2f}× |",
        f"| detectors: build indexes/models | {t_build:.2f}s | | |",
        f"| scan: {len(names)} detectors, 2 workers | {t_scan:.2f}s | {rate(t_scan)} | {t_scan / t_parse:.2f}× |",
        "",
        f"{len(res.findings):,} findings. Detectors: {', '.join(names)}.",
        "",
    ])
    out = Path(__file__).resolve().parent / "results" / "ingest.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main())
