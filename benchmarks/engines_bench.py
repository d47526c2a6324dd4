"""Scan time per engine (sqlite/in-process, DuckDB, Spark local[2]) at several sizes, in one run.

What is timed is detection over already-loaded records — the part the engines distribute: every
chunkable detector (impersonation, unqualified services, per-account engagement, media bank). The
whole-input detectors (debunked claims with near-duplicates, coordinated posting) run once on the
driver in every engine, so they are timed separately at the smallest size and reported as a rate.
Each engine's findings are checked to be identical to the sqlite engine's. The sqlite engine is the
baseline (pipeline with 2 forked workers, as `vigil scan` runs it).

    .venv/bin/python benchmarks/engines_bench.py 5000 20000      # sizes as arguments
    VIGIL_BENCH_ENGINE_SIZES="1000000 5000000" make bench        # or through make bench
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# `make bench` runs 100k and 1M accounts (≈ 45 min on 2 cores); 5M needs ~32 GB in the driver today
# (records are loaded into Python memory first), so ask for it explicitly: VIGIL_BENCH_ENGINE_SIZES="1000000 5000000".
SIZES = tuple(int(a) for a in (os.environ.get("VIGIL_BENCH_ENGINE_SIZES", "").split()
                                or (sys.argv[1:] if __name__ == "__main__" else []))) or (100_000, 1_000_000)
KINDS = ("entities", "claims", "credentials", "accounts", "posts", "reports")


def _machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.node()} · {cpu} · {os.cpu_count()} cores (shared) · load avg {load:.1f} at start · "
            f"Python {platform.python_version()}")


def main(sizes: tuple[int, ...] = SIZES, seed: int = 11) -> str:
    from vigil.detectors.base import Batch
    from vigil.engines import duckdb_engine, spark_engine
    from vigil.pipeline import build_detectors, load_inputs, run_detectors
    from vigil.synth import generate

    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = _machine()
    rows: list[dict[str, Any]] = []
    whole_note = ""
    t0 = time.perf_counter()
    spark = spark_engine.session("local[2]")
    spark_start = time.perf_counter() - t0
    try:
        for n in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                d = Path(tmp)
                generate(size=n, seed=seed, out_dir=d, progress=False)
                inputs = load_inputs({k: d / f"{k}.jsonl" for k in KINDS})
            dets = build_detectors(inputs.resources)
            names = [x.name for x in dets if x.chunkable]
            chunked = [x for x in dets if x.chunkable]

            t = time.perf_counter()
            base = run_detectors(chunked, inputs.accounts, inputs.posts, inputs.reports, workers=2).findings
            t_sqlite = time.perf_counter() - t
            t = time.perf_counter()
            duck = duckdb_engine.run(inputs, None, names, workers=2)
            t_duck = time.perf_counter() - t
            t = time.perf_counter()
            spk = spark_engine.run(inputs, None, names, spark=spark)
            t_spark = time.perf_counter() - t
            # reported, never hidden: a mismatch means a bug (or detector code edited during the run)
            same = "yes" if duck == base and spk == base else (
                f"NO (duckdb {len(set(duck) ^ set(base))} differ, spark {len(set(spk) ^ set(base))} differ)")
            rows.append({"accounts": len(inputs.accounts), "posts": len(inputs.posts), "findings": len(base),
                         "sqlite": t_sqlite, "duckdb": t_duck, "spark": t_spark, "identical": same})
            if not whole_note:
                whole = [x for x in dets if not x.chunkable]
                sample_posts = inputs.posts[:1000]
                keys = {(p.platform, p.account_id) for p in sample_posts}
                sample_accounts = [a for a in inputs.accounts if (a.platform, a.account_id) in keys]
                parts = []
                for det in whole:
                    t = time.perf_counter()
                    det.detect(Batch(accounts=sample_accounts, posts=sample_posts))
                    dt = time.perf_counter() - t
                    parts.append(f"`{det.name}` {len(sample_posts) / dt:,.0f} posts/s")
                whole_note = (f"Whole-input detectors (driver only, every engine), on {len(sample_posts)} posts, "
                              f"1 core: " + "; ".join(parts) + ".")
    finally:
        spark.stop()

    lines = [
        "## Engines: scan time by engine and size",
        "",
        f"{started} · {machine}",
        "",
        "Chunkable detectors over loaded records; sqlite = pipeline with 2 forked workers (baseline); "
        "duckdb = DuckDB partitioning + 2 forked workers; spark = PySpark local[2] `mapInArrow` "
        f"(session start-up {spark_start:.1f} s, not included). `same` = findings identical to sqlite's.",
        "",
        "| accounts | posts | findings | sqlite s | duckdb s | spark s | duckdb/sqlite | spark/sqlite | "
        "sqlite accounts/s/core | spark accounts/s/core | same |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['accounts']:,.0f} | {r['posts']:,.0f} | {r['findings']:,.0f} | {r['sqlite']:.1f} | "
            f"{r['duckdb']:.1f} | {r['spark']:.1f} | {r['duckdb'] / r['sqlite']:.2f} | {r['spark'] / r['sqlite']:.2f} | "
            f"{r['accounts'] / r['sqlite'] / 2:,.0f} | {r['accounts'] / r['spark'] / 2:,.0f} | {r['identical']} |")
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        growth = b["accounts"] / a["accounts"]
        lines += ["", f"Growth {a['accounts']:,.0f} → {b['accounts']:,.0f} accounts (×{growth:.1f}): "
                  f"sqlite ×{b['sqlite'] / a['sqlite']:.1f}, duckdb ×{b['duckdb'] / a['duckdb']:.1f}, "
                  f"spark ×{b['spark'] / a['spark']:.1f}."]
    if rows:
        b = rows[-1]
        missing = [n for n in (1_000_000, 5_000_000) if n not in {r["accounts"] for r in rows}]
        if missing:
            est = ", ".join(f"{n / 1e6:.0f}M ≈ {b[e] / b['accounts'] * n / 60:.0f} min on {e}" for n in missing
                            for e in ("sqlite", "duckdb", "spark"))
            lines += [f"Not run in this run: {', '.join(f'{n:,}' for n in missing)} accounts. Linear "
                      f"extrapolation from the largest size measured: {est} (2 cores; see docs/scale.md)."]
    lines += ["", whole_note, ""]
    section = "\n".join(lines)
    out = HERE / "results" / "engines.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(section, encoding="utf-8")
    return section


if __name__ == "__main__":
    print(main())
