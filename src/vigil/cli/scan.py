"""`vigil scan`: stateless detection over the given files (FORMATS.md "Findings")."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.table import Table

from vigil.cli.common import DbOption, err, out, progress, readable, writable_parent
from vigil.errors import UsageError
from vigil.model import Finding

ENGINES = ("sqlite", "duckdb", "spark")


def scan(
    registry: Annotated[Path, typer.Option(help="Protected-entity registry (entities.jsonl/.csv/.parquet).")],
    out_path: Annotated[Path, typer.Option("--out", help="Where to write findings JSONL.")],
    accounts: Annotated[Path | None, typer.Option(help="Accounts file.")] = None,
    posts: Annotated[Path | None, typer.Option(help="Posts file.")] = None,
    claims: Annotated[Path | None, typer.Option(help="Fact-checked claims file.")] = None,
    credentials: Annotated[Path | None, typer.Option(help="Credentials registry file.")] = None,
    reports: Annotated[Path | None, typer.Option(help="Public reports file.")] = None,
    engine: Annotated[str, typer.Option(help="Execution engine: sqlite, duckdb or spark.")] = "sqlite",
    threshold: Annotated[float | None, typer.Option(help="Override every detector's operating threshold.")] = None,
    quarantine: Annotated[Path | None, typer.Option(help="Quarantine JSONL (default: beside --out).")] = None,
    detectors: Annotated[str | None, typer.Option(help="Comma-separated detector names (default: all).")] = None,
    workers: Annotated[int, typer.Option(help="Processes for chunked detectors.")] = 2,
    mediabank: Annotated[Path | None, typer.Option(help="Hash bank of known fabricated media (JSONL).")] = None,
    db: DbOption = None,
) -> None:
    """Run every detector over the inputs and write findings, quarantine and counts."""
    from vigil.pipeline import build_detectors, load_inputs, run_detectors

    if engine not in ENGINES:
        raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise UsageError("--threshold must be between 0 and 1")
    paths = {
        "entities": readable(registry, "--registry"),
        "accounts": readable(accounts, "--accounts"),
        "posts": readable(posts, "--posts"),
        "claims": readable(claims, "--claims"),
        "credentials": readable(credentials, "--credentials"),
        "reports": readable(reports, "--reports"),
    }
    writable_parent(out_path, "--out")
    quarantine = writable_parent(quarantine or out_path.parent / "quarantine.jsonl", "--quarantine")
    names = [n.strip() for n in detectors.split(",") if n.strip()] if detectors else None

    started = time.perf_counter()
    mediabank_path = str(readable(mediabank, "--mediabank")) if mediabank is not None else None
    staged = engine == "sqlite" and _large(paths)
    from vigil.engines import account_splits

    split = (engine == "sqlite" and not staged
             and account_splits.candidate(paths, names, max(1, workers), db is not None))
    if split:
        # accounts alone: the detection workers read the accounts file themselves (same output)
        findings, counts, entries, t_read = _scan_split(paths, threshold, names, mediabank_path, max(1, workers))
    elif engine == "sqlite" and not staged:
        inputs = load_inputs(paths)
        t_read = time.perf_counter() - started
        counts, entries = inputs.counts, inputs.quarantine
        resources = inputs.resources
        if mediabank_path is not None:
            from dataclasses import replace

            resources = replace(resources, mediabank=mediabank_path)
        dets = build_detectors(resources, threshold, names)
        total = len(inputs.accounts) + len(inputs.posts)
        with progress() as bar:
            task = bar.add_task("scan", total=None)
            result = run_detectors(
                dets, inputs.accounts, inputs.posts, inputs.reports, workers=max(1, workers),
                on_chunk=lambda n: bar.advance(task, n),
            )
            bar.update(task, total=total, completed=total)
        findings = result.findings
    else:
        # duckdb and spark read the files themselves, and so does sqlite for inputs larger than
        # VIGIL_SCAN_STAGE_BYTES (staged on disk): no record is loaded into this process
        from vigil.engines import run_engine_files

        if staged:
            from vigil.engines.sqlite_files import run_files

            run = run_files(paths, threshold, names, mediabank=mediabank_path, workers=max(1, workers))
        else:
            run = run_engine_files(engine, paths, threshold, names, mediabank=mediabank_path)
        t_read = run.read_seconds
        findings, counts, entries = run.findings, run.counts, run.quarantine
    with out_path.open("wb") as fh:
        for f in findings:
            fh.write(orjson.dumps(f.model_dump(mode="json")) + b"\n")
    with quarantine.open("wb") as fh:
        for q in entries:
            fh.write(orjson.dumps(q.as_dict()) + b"\n")
    if db is not None:
        from vigil.ingest import IngestCounts, read_records
        from vigil.store import open_store

        store = open_store(db)
        for kind in ("entities", "claims", "credentials", "accounts", "posts", "reports"):
            if engine == "sqlite" and not staged and not split:
                store.upsert_records(kind, getattr(inputs, kind))
            elif (path := paths.get(kind)) is not None:  # streamed from the file again: bounded memory
                store.upsert_records(kind, read_records(path, kind, IngestCounts(), lambda _q: None))
        store.add_quarantine(entries)
        store.save_findings(findings)
        store.close()
    elapsed = time.perf_counter() - started
    _print_counts(counts.by_source, counts, findings, elapsed, t_read)


def _scan_split(paths: dict[str, Path | None], threshold: float | None, names: list[str] | None,
                mediabank: str | None, workers: int) -> tuple[list[Finding], Any, list[Any], float]:
    """Reference files read here, detectors built, then `engines.account_splits` reads and scans the
    accounts in the workers; the whole-input detectors (they read posts only) get the empty rest."""
    from dataclasses import replace

    from vigil.detectors.base import Batch
    from vigil.engines import account_splits
    from vigil.pipeline import build_detectors, finalize, load_inputs

    started = time.perf_counter()
    acc = paths["accounts"]
    assert acc is not None
    ref = load_inputs({k: v for k, v in paths.items() if k != "accounts"})
    resources = ref.resources if mediabank is None else replace(ref.resources, mediabank=mediabank)
    dets = build_detectors(resources, threshold, names)
    t_read = time.perf_counter() - started
    with progress() as bar:
        task = bar.add_task("scan", total=None)
        run = account_splits.run(acc, dets, workers, ref.counts)
        done = ref.counts.by_source.get(acc.name, {}).get("read", 0)
        bar.update(task, total=done, completed=done)
    found = list(run.findings)
    for det in dets:
        if not det.chunkable:
            det.rebase(run.as_of)
            found.extend(det.detect(Batch()).findings)
    return finalize(found), ref.counts, [*ref.quarantine, *run.quarantine], t_read


STAGE_BYTES = 1 << 30


def _large(paths: dict[str, Path | None]) -> bool:
    """Account-level input past VIGIL_SCAN_STAGE_BYTES (default 1 GiB, ~1.5M synthetic accounts): the
    sqlite engine then stages validated rows on disk instead of loading them (same output)."""
    limit = int(os.environ.get("VIGIL_SCAN_STAGE_BYTES", STAGE_BYTES))
    return sum(p.stat().st_size for k, p in paths.items() if p is not None and k in ("accounts", "posts",
                                                                                      "reports")) > limit


def _print_counts(by_source: dict[str, dict[str, int]], counts: object, findings: list[Finding], elapsed: float,
                  t_read: float) -> None:
    table = Table(title="input", show_edge=False)
    for col in ("source", "read", "accepted", "quarantined"):
        table.add_column(col, justify="right" if col != "source" else "left")
    for src, c in by_source.items():
        table.add_row(src, str(c["read"]), str(c["accepted"]), str(c["quarantined"]))
    read = sum(c["read"] for c in by_source.values())
    acc = sum(c["accepted"] for c in by_source.values())
    qua = sum(c["quarantined"] for c in by_source.values())
    table.add_row("total", str(read), str(acc), str(qua))
    out.print(table)
    per = Counter(f"{f.category}/{f.subcategory}" for f in findings)
    ft = Table(title="findings", show_edge=False)
    ft.add_column("category/subcategory")
    ft.add_column("count", justify="right")
    for k in sorted(per):
        ft.add_row(k, str(per[k]))
    ft.add_row("total", str(len(findings)))
    out.print(ft)
    out.print(f"read {read} = accepted {acc} + quarantined {qua}; {len(findings)} findings in {elapsed:.1f}s "
              f"(reading {t_read:.1f}s)")
    if read != acc + qua:  # pragma: no cover - would be a bug in ingest
        err.print("[red]counts do not reconcile[/red]")
