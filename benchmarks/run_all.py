"""`make bench`: run every benchmark module and collect their sections into benchmarks/RESULTS.md.

Each benchmark module exposes `main() -> str` (a Markdown section) and also writes
benchmarks/results/<topic>.md. Evaluations (`make eval`) are collected by run_evals.py into the same file.
"""

from __future__ import annotations

import importlib
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

BENCHMARKS = ["synth_bench", "ingest_bench", "scan_cli_bench", "impersonation_bench", "claims_bench", "intake_bench", "engines_bench"]
EVALS = ["synthetic_eval", "impersonation_eval", "claims_eval", "claims_stream_eval", "services_eval"]


def machine() -> str:
    import os

    return f"{platform.node()} · {platform.system()} {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}"


def run(modules: list[str]) -> list[str]:
    sections = []
    for name in modules:
        if not (HERE / f"{name}.py").exists():
            continue
        print(f"== {name}", flush=True)
        t0 = time.perf_counter()
        try:
            section = importlib.import_module(name).main()
        except Exception:  # a failing benchmark is reported, the others still run
            section = f"## {name}\n\nFAILED:\n\n```\n{traceback.format_exc()}\n```\n"
        print(f"   {time.perf_counter() - t0:.1f}s", flush=True)
        sections.append(section)
    return sections


def assemble() -> Path:
    """RESULTS.md = header + every section currently in benchmarks/results/, benchmarks first."""
    parts = [f"# vigil benchmarks and evaluations\n\nAssembled {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.\n"
             "Each section states its own date, sizes and the baseline it is compared with in the same run.\n"]
    order = {n.replace("_bench", "").replace("_eval", "-eval"): i for i, n in enumerate(BENCHMARKS + EVALS)}
    for path in sorted((HERE / "results").glob("*.md"), key=lambda p: (order.get(p.stem, 99), p.stem)):
        parts.append(path.read_text(encoding="utf-8").strip() + "\n")
    out = HERE / "RESULTS.md"
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


if __name__ == "__main__":
    run(BENCHMARKS)
    print(assemble())
