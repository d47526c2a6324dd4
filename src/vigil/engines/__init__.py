"""Execution engines for `vigil scan --engine`: the same detectors, different ways to move the data.

`sqlite` is the in-process default (vigil.pipeline). `duckdb` partitions the records by account with
DuckDB and runs the chunked detectors over those partitions; `spark` does the same on PySpark
(`mapInArrow` over account-partitioned data, the reference data broadcast, detectors rebuilt once per
Python worker). Detectors that need every record at once (`chunkable = False`) run on the driver in
every engine, so all engines give exactly the same findings. Engine modules are imported lazily: DuckDB
and PySpark are only loaded when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from vigil.errors import UsageError

if TYPE_CHECKING:
    from vigil.model import Finding
    from vigil.pipeline import Inputs

ENGINES = ("sqlite", "duckdb", "spark")

__all__ = ["ENGINES", "run_engine"]


def run_engine(engine: str, inputs: Inputs, threshold: float | None = None,
               names: Iterable[str] | None = None) -> list[Finding]:
    """Run every (or the named) detector over `inputs` on `engine`; findings sorted as the pipeline sorts them."""
    chosen = list(names) if names is not None else None
    if engine == "sqlite":
        from vigil.pipeline import build_detectors, run_detectors

        dets = build_detectors(inputs.resources, threshold, chosen)
        return run_detectors(dets, inputs.accounts, inputs.posts, inputs.reports).findings
    if engine == "duckdb":
        from vigil.engines.duckdb_engine import run as run_duckdb

        return run_duckdb(inputs, threshold, chosen)
    if engine == "spark":
        from vigil.engines.spark_engine import run as run_spark

        return run_spark(inputs, threshold, chosen)
    raise UsageError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
