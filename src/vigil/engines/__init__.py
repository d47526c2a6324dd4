"""Execution engines for `vigil scan --engine`: the same detectors, different ways to move the data.

`sqlite` is the in-process default (vigil.pipeline). `duckdb` partitions the records by account with
DuckDB and runs the chunked detectors over those partitions; `spark` does the same on PySpark
(`mapInArrow` over account-partitioned data, the reference data broadcast, detectors rebuilt once per
Python worker). Detectors that need every record at once (`chunkable = False`) run on the driver in
every engine, so all engines give exactly the same findings. Engine modules are imported lazily: DuckDB
and PySpark are only loaded when asked for.

`run_engine` takes records already loaded (campaigns, tests); `run_engine_files` lets duckdb and spark
read the input files themselves (`vigil scan` does), so the driver's memory no longer bounds the input:
validation and quarantine run per split on the workers/executors, and only counts, quarantined lines,
the run's `as_of` and findings come back (see `_files`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from vigil.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from vigil.engines._files import FileRun
    from vigil.model import Finding
    from vigil.pipeline import Inputs

ENGINES = ("sqlite", "duckdb", "spark")

__all__ = ["ENGINES", "FILE_ENGINES", "run_engine", "run_engine_files"]

FILE_ENGINES = ("duckdb", "spark")
"""Engines that can read the input files themselves (the driver never holds the account-level records)."""


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


def run_engine_files(engine: str, paths: dict[str, Path | None], threshold: float | None = None,
                     names: Iterable[str] | None = None, *, mediabank: str | None = None) -> FileRun:
    """Scan straight from the input files (kind -> path, as for `pipeline.load_inputs`): findings plus the
    ingest counts and quarantine `load_inputs` would give, without loading the records into the driver."""
    chosen = list(names) if names is not None else None
    if engine == "duckdb":
        from vigil.engines.duckdb_engine import run_files as duckdb_files

        return duckdb_files(paths, threshold, chosen, mediabank=mediabank)
    if engine == "spark":
        from vigil.engines.spark_engine import run_files as spark_files

        return spark_files(paths, threshold, chosen, mediabank=mediabank)
    raise UsageError(f"engine {engine!r} does not read files itself; those that do: {', '.join(FILE_ENGINES)}")
