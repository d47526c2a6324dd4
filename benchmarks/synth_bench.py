"""`vigil synth` throughput: accounts/s and bytes/s at N accounts, beside a naive writer in the same run.

Baseline: the same records (read back from our output), written one `json.dumps` + `write` per record —
it only serialises, it generates nothing, so the ratio understates our advantage. Measured on a sample
of every file and extrapolated to all lines. Usage: `python benchmarks/synth_bench.py [--size N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vigil.synth import FILES, generate

HERE = Path(__file__).resolve().parent
DEFAULT_SIZE = int(os.environ.get("SYNTH_BENCH_SIZE", "1000000"))
SAMPLE_LINES = 300_000


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(size: int, out: Path, workers: int) -> tuple[float, float, dict[str, int]]:
    if out.exists():
        shutil.rmtree(out)
    c0, t0 = _cpu(), time.perf_counter()
    counts = generate(size, 1, out, workers=workers)
    return time.perf_counter() - t0, _cpu() - c0, counts


def _naive(out: Path, counts: dict[str, int], tmp: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of a per-record json.dumps writer, extrapolated from a sample of every file."""
    total = sum(counts[f] for f in FILES)
    frac = min(1.0, SAMPLE_LINES / max(1, total))
    seconds = cpu = 0.0
    for name in FILES:
        want = max(1, int(counts[name] * frac)) if counts[name] else 0
        recs: list[dict[str, Any]] = []
        with open(out / name, encoding="utf-8") as f:
            for line in f:
                if len(recs) >= want:
                    break
                recs.append(json.loads(line))
        t0, c0 = time.perf_counter(), time.process_time()
        with open(tmp / name, "w", encoding="utf-8") as g:
            for rec in recs:
                g.write(json.dumps(rec, ensure_ascii=False) + "\n")
        scale = counts[name] / len(recs) if recs else 0.0
        seconds += (time.perf_counter() - t0) * scale
        cpu += (time.process_time() - c0) * scale
    return seconds, cpu, total


def _ordinary_path(size: int) -> tuple[float, int]:
    """CPU seconds and lines of the vectorised ordinary-record path alone (generation + formatting)."""
    import numpy as np

    from vigil.synth.fast import Pools
    from vigil.synth.generate import CHUNK, _ordinary_chunk
    from vigil.synth.plan import make_plan

    plan = make_plan(size, np.random.default_rng([1, 1]))
    pools = Pools()
    c0, lines = time.process_time(), 0
    for ci in range((size + CHUNK - 1) // CHUNK):
        _sl, acc, _keys, posts = _ordinary_chunk(plan, pools, 1, ci)
        lines += len(acc) + len(posts)
    return time.process_time() - c0, lines


def main(size: int = DEFAULT_SIZE) -> str:
    with tempfile.TemporaryDirectory(prefix="synth-bench-") as td:
        tmp = Path(td)
        out = tmp / "data"
        wall_auto, cpu_auto, counts = _timed(size, out, workers=2)
        nbytes = sum((out / f).stat().st_size for f in FILES)
        truth: Counter[tuple[str, str]] = Counter()
        with open(out / "truth.jsonl", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                truth[(row["category"], row["subcategory"])] += 1
        naive_s, naive_cpu, lines = _naive(out, counts, tmp)
        wall_serial, cpu_serial, _ = _timed(size, tmp / "serial", workers=1)
    ord_cpu, ord_lines = _ordinary_path(size)
    naive_us = naive_cpu / lines * 1e6
    ord_us = ord_cpu / ord_lines * 1e6
    load = os.getloadavg()[0]
    rows = "\n".join(f"| {c} | {s} | {n:,} |" for (c, s), n in sorted(truth.items()))
    section = f"""## synth — `vigil synth` generator throughput

{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} ·
load average at the end {load:.1f} (the box is shared: wall times include waiting for a core; CPU seconds do not).

Size {size:,} accounts → {counts['posts.jsonl']:,} posts, {lines:,} lines in all, {nbytes / 1e6:,.0f} MB.

| run | wall s | CPU s | accounts/s (wall) | MB/s (wall) |
|---|---|---|---|---|
| vigil synth, 2 processes (forked special records ∥ vectorised ordinary) | {wall_auto:.1f} | {cpu_auto:.1f} | {size / wall_auto:,.0f} | {nbytes / 1e6 / wall_auto:,.1f} |
| vigil synth, 1 process | {wall_serial:.1f} | {cpu_serial:.1f} | {size / wall_serial:,.0f} | {nbytes / 1e6 / wall_serial:,.1f} |
| baseline: per-record `json.dumps` + `write` of the same records (serialising only, sample of {SAMPLE_LINES:,} lines extrapolated) | {naive_s:.1f} | {naive_cpu:.1f} | {size / naive_s:,.0f} | {nbytes / 1e6 / naive_s:,.1f} |

Ratio baseline / vigil synth — wall: {naive_s / wall_auto:.2f}× (2 processes), {naive_s / wall_serial:.2f}× (1 process);
CPU: {naive_cpu / cpu_auto:.2f}× (2 processes), **{naive_cpu / cpu_serial:.2f}×** (1 process). The baseline only
serialises records that already exist; vigil synth also generates them, so these ratios understate it.
The records made one at a time (officials, impostors, rumour chains, professionals, farms: ~25% of accounts,
~10 µs each) dominate vigil's time. The vectorised path that makes the ordinary majority costs
{ord_us:.2f} µs CPU per line including generation ({ord_lines:,} lines in {ord_cpu:.1f} s) against {naive_us:.2f} µs per
line for the baseline's serialising alone: **{naive_us / ord_us:.1f}×**.

Ground truth at this size (one line per bad subject):

| category | subcategory | subjects |
|---|---|---|
{rows}
"""
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "synth.md").write_text(section, encoding="utf-8")
    return section


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=DEFAULT_SIZE)
    print(main(ap.parse_args().size))
