"""`vigil campaign run`, `vigil report` and `vigil demo`."""

from __future__ import annotations

import time
from pathlib import Path

from rich.progress import TaskID
from rich.table import Table

from vigil.cli.common import db_path, err, out, progress
from vigil.model import PENALTIES


def run(data: Path, policy: Path | None, shadow: bool, report_dir: Path | None, db: Path,
        engine: str = "sqlite") -> None:
    from vigil.campaign import run_campaign
    from vigil.store import open_store

    store = open_store(db)
    started = time.perf_counter()
    with progress() as bar:
        tasks: dict[str, TaskID] = {}

        def on_stage(name: str, done: int, total: int) -> None:
            key = name.split()[0]
            if key not in tasks:
                tasks[key] = bar.add_task(key, total=total or None)
            if total:
                bar.update(tasks[key], completed=done, total=total)
            else:
                bar.advance(tasks[key], done)

        summary = run_campaign(data, store, policy, shadow=shadow, on_stage=on_stage, engine=engine)
    c = summary.counts
    out.print(f"campaign {summary.run_id}{' (shadow)' if shadow else ''}{' resumed' if summary.resumed else ''}: "
              f"read {c.read} = accepted {c.accepted} + quarantined {c.quarantined}; "
              f"{summary.findings} findings, {summary.decisions} new decisions, {summary.cases_opened} new review cases "
              f"in {time.perf_counter() - started:.1f}s")
    if report_dir is not None:
        paths = write_reports(db, report_dir, shadow)
        out.print(str(paths["html"].resolve()), soft_wrap=True, highlight=False)
    store.close()


def write_reports(db: Path, out_dir: Path, shadow: bool = False) -> dict[str, Path]:
    from vigil.errors import VigilError
    from vigil.store import open_store
    from vigil.transparency import write_report

    if not db.exists():
        raise VigilError(f"no store at {db} (use --db or $VIGIL_DB)")
    store = open_store(db)
    from vigil.transparency.spread import spread_from_store

    extra = {"spread": spread_from_store(store)}
    paths = write_report(store.conn, out_dir, include_shadow=shadow, extra=extra)
    store.close()
    return paths


def summary_table(report: dict) -> Table:  # type: ignore[type-arg]
    short = {"warning": "warn", "remove_post": "post", "remove_followers": "followers",
             "suspend_monetization": "susp.mon", "cancel_monetization": "canc.mon",
             "suspend_account": "susp.acct", "close_account": "closed"}
    t = Table(title="penalties applied, by category", show_edge=False)
    t.add_column("category")
    for p in PENALTIES:
        t.add_column(short[p], justify="right")
    for cat, counts in report["by_category"].items():
        t.add_row(cat, *(str(counts[p]) for p in PENALTIES))
    t.add_row("total", *(str(report["totals"][p]) for p in PENALTIES), style="bold")
    return t


def demo(db: Path | None, out_dir: Path | None, size: int, seed: int) -> None:
    """Synthesise, run the campaign, print the summary and the report path (last line)."""
    import json

    from vigil.synth import generate

    out_dir = (out_dir or Path("vigil-demo") / "report").resolve()
    data_dir = out_dir.parent / "demo-data"
    db = db or out_dir.parent / "vigil.db"
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)  # a demo starts from a clean store every time
    started = time.perf_counter()
    err.print(f"synthesising {size} accounts (seed {seed}) into {data_dir}")
    generate(size=size, seed=seed, out_dir=data_dir)
    run(data_dir, None, False, None, db)
    paths = write_reports(db, out_dir)
    report = json.loads(paths["json"].read_text(encoding="utf-8"))
    out.print(summary_table(report))
    s = report["summary"]
    out.print(f"accounts closed {s['accounts_closed']}, posts removed {s['posts_removed']}, "
              f"accounts with lighter penalties {s['accounts_with_lighter_penalties']}, "
              f"cases awaiting review {sum(s['pending_review'].values())}; "
              f"demo took {time.perf_counter() - started:.1f}s")
    out.print(f"store: {db_path(db)}", soft_wrap=True, highlight=False)
    out.print(str(paths["html"]), soft_wrap=True, highlight=False)
