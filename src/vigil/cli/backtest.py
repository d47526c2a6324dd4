"""`vigil backtest`: replay a policy over past findings, compare with reviewers' outcomes; applies nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.common import DbOption, db_path, out, readable, writable_parent
from vigil.errors import VigilError


def backtest(
    policy: Annotated[Path | None, typer.Option(help="Policy YAML to evaluate (default: built-in).")] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Also write the summary JSON here.")] = None,
    db: DbOption = None,
) -> None:
    """Precision/recall of a policy against reviewers' outcomes, and how it differs from what was decided."""
    import orjson

    from vigil.backtest import run_backtest
    from vigil.store import open_store

    readable(policy, "--policy")
    path = db_path(db)
    if not path.exists():
        raise VigilError(f"no store at {path} (use --db or $VIGIL_DB)")
    store = open_store(path)
    try:
        summary = run_backtest(store.conn, policy)
    finally:
        store.close()
    if out_path is not None:
        writable_parent(out_path, "--out")
        out_path.write_bytes(orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n")
    p = summary["precision"]
    r = summary["recall"]
    out.print(f"policy {summary['policy']}: would decide {summary['would_decide']} subjects "
              f"(past: {summary['past_decisions']}); reviewer-labelled {summary['reviewer_labelled']}: "
              f"precision {'n/a' if p is None else f'{p:.3f}'}, recall {'n/a' if r is None else f'{r:.3f}'}",
              highlight=False, soft_wrap=True)


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    app.command("backtest")(backtest)
