"""Detect over a stream of grouped chunks (Arrow tables of staged rows) in forked workers, memory bounded.

Shared by the engines that group the staged rows in the driver's process (duckdb, sqlite from files):
each table holds one chunk's rows (`kind`, `fmt`, `data` columns of `_files.ROW_SCHEMA`), in the order
the pipeline's batch holds them. At most 2 x workers chunks are in flight, so the driver holds a few
chunks, never the input.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.pool import AsyncResult
from typing import Any

import pyarrow as pa

from vigil.detectors.base import Batch, Detector
from vigil.engines import _files
from vigil.engines._batches import run_batch
from vigil.model import Finding

_WORKER: dict[str, Any] = {}


def table_records(table: pa.Table) -> tuple[list[Any], list[Any], list[Any]]:
    """(accounts, posts, reports) of one chunk's staged rows."""
    out: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    for kind, fmt, data in zip(*(table.column(c).to_pylist() for c in ("kind", "fmt", "data")), strict=True):
        out[kind].append(_files.record(kind, fmt, data))
    return out


def _run_table(table: pa.Table) -> list[Finding]:
    accounts, posts, reports = table_records(table)
    return run_batch(_WORKER["detectors"], Batch(accounts=accounts, posts=posts, reports=reports))


def run_grouped(detectors: Sequence[Detector], tables: Iterator[pa.Table], workers: int) -> list[Finding]:
    """Findings of every chunk. The pool is forked before `tables` is first advanced, so a generator
    that opens a database connection does so after the fork."""
    _WORKER["detectors"] = list(detectors)
    found: list[Finding] = []
    try:
        if workers <= 1 or "fork" not in mp.get_all_start_methods():
            for table in tables:
                found.extend(_run_table(table))
            return found
        with mp.get_context("fork").Pool(workers) as pool:
            pending: deque[AsyncResult[list[Finding]]] = deque()
            for table in tables:
                pending.append(pool.apply_async(_run_table, (table,)))
                while len(pending) > 2 * workers:
                    found.extend(pending.popleft().get())
            while pending:
                found.extend(pending.popleft().get())
        return found
    finally:
        _WORKER.clear()
