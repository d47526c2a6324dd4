"""`vigil export dsa`: DSA statements of reasons as Transparency Database API request bodies."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.common import DbOption, db_path, out, writable_parent
from vigil.errors import VigilError


def export_dsa(
    out_path: Annotated[Path, typer.Option("--out", help="statements.jsonl: one POST /api/v1/statements body a line.")],
    db: DbOption = None,
    batch: Annotated[int, typer.Option(help="Statements per line (1-100).")] = 100,
) -> None:
    """Write one statement of reasons per applied penalty (warnings excluded), in batches of at most 100."""
    from vigil.store import open_store
    from vigil.transparency.dsa import BATCH_MAX, export

    path = db_path(db)
    if not path.exists():
        raise VigilError(f"no store at {path} (use --db or $VIGIL_DB)")
    if not 1 <= batch <= BATCH_MAX:
        raise VigilError(f"--batch must be between 1 and {BATCH_MAX}")
    writable_parent(out_path, "--out")
    store = open_store(path)
    try:
        n, lines = export(store.conn, out_path, batch)
    finally:
        store.close()
    out.print(f"{n} statements in {lines} batches written to {out_path}", highlight=False, soft_wrap=True)


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    export_app.command("dsa")(export_dsa)
