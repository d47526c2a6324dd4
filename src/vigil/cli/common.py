"""CLI plumbing shared by the commands: options, progress bars, one-line errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from vigil.errors import UsageError

# Piped output (CI, logs) gets a wide console so tables are not truncated to 80 columns.
out = Console() if sys.stdout.isatty() else Console(width=160)
err = Console(stderr=True) if sys.stderr.isatty() else Console(stderr=True, width=160)

DbOption = Annotated[
    Path | None, typer.Option("--db", help="SQLite store (default $VIGIL_DB, else ./vigil.db).")
]


def db_path(db: Path | None) -> Path:
    return db or Path(os.environ.get("VIGIL_DB") or "vigil.db")


def progress() -> Progress:
    """A Rich progress bar on stderr, silent when stderr is not a terminal (CI, pipes)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not sys.stderr.isatty(),
        transient=False,
    )


def readable(path: Path | None, what: str) -> Path | None:
    """Fail early, with one line, on an input that cannot be read."""
    if path is None:
        return None
    if not path.exists():
        raise UsageError(f"{what}: {path} does not exist")
    if path.is_dir():
        raise UsageError(f"{what}: {path} is a directory, expected a file")
    try:
        with path.open("rb") as fh:
            fh.read(1)
    except OSError as exc:
        raise UsageError(f"{what}: cannot read {path}: {exc.strerror or exc}") from exc
    return path


def writable_parent(path: Path, what: str) -> Path:
    parent = path.parent if str(path.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{what}: cannot create {parent}: {exc.strerror or exc}") from exc
    return path
