"""DuckDB engine: DuckDB groups and partitions the records by account, Python detectors run per partition.

The grouping that the pipeline does with dicts and a Python sort (every post and report joined to its
account, keys ordered, cut into chunks of `chunk` accounts) is one DuckDB query over Arrow tables of
the record keys; partitions then run in forked worker processes that inherit the built detectors.
Whole-input detectors run once over everything, so the findings equal the sqlite engine's.

`run_files` (what `vigil scan --engine duckdb` uses) starts from the files instead: forked workers
validate byte splits into Parquet, DuckDB (memory_limit `VIGIL_DUCKDB_MEMORY`, default 2GB, spilling
under `VIGIL_DUCKDB_STAGING` or the temp directory) applies the duplicate-key rule, counts, finds `as_of`
and orders the accepted rows by chunk, and the driver streams one chunk at a time to the detecting
workers, so its memory does not grow with the input.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing as mp
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from vigil.detectors.base import Batch, Detector
from vigil.engines import _files
from vigil.engines._batches import finalize, run_batch, run_whole, split
from vigil.engines._grouped import run_grouped
from vigil.model import Account, Finding, Post, Report
from vigil.pipeline import Inputs, build_detectors

# The impersonation index gc.freeze()s every object alive once it is loaded, DuckDB's own (nanobind)
# objects included; frozen objects escape the collection at exit and nanobind then prints "leaked
# instances" on stderr. Unfreezing at exit lets the final collection free them (~0.3 s with a 100k-name
# index; only processes that imported this engine pay it).
atexit.register(gc.unfreeze)

_GROUP_SQL = """
WITH keys AS (
  SELECT platform, account_id FROM acc UNION SELECT platform, account_id FROM pst
  UNION SELECT platform, account_id FROM rep
), numbered AS (
  SELECT platform, account_id,
         (row_number() OVER (ORDER BY platform, account_id) - 1) // $chunk AS part
  FROM keys
)
SELECT n.part AS part, t.kind AS kind, t.idx AS idx
FROM (
  SELECT 0 AS kind, idx, platform, account_id FROM acc
  UNION ALL SELECT 1, idx, platform, account_id FROM pst
  UNION ALL SELECT 2, idx, platform, account_id FROM rep
) t JOIN numbered n USING (platform, account_id)
ORDER BY n.part, t.kind, t.platform, t.account_id, t.idx
"""

_WORKER: dict[str, Any] = {}


def _keys(rows: Sequence[tuple[str, str]]) -> pa.Table:
    return pa.table({
        "idx": pa.array(range(len(rows)), pa.int64()),
        "platform": pa.array([r[0] for r in rows], pa.string()),
        "account_id": pa.array([r[1] for r in rows], pa.string()),
    })


def partitions(accounts: Sequence[Account], posts: Sequence[Post], reports: Sequence[Report],
               chunk: int = 10000) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(account idx, post idx, report idx) arrays per partition of at most `chunk` account keys."""
    con = duckdb.connect(":memory:")
    try:
        con.register("acc", _keys([(a.platform, a.account_id) for a in accounts]))
        con.register("pst", _keys([(p.platform, p.account_id) for p in posts]))
        con.register("rep", _keys([(r.platform, r.subject.account_id) for r in reports]))
        cols = con.execute(_GROUP_SQL, {"chunk": chunk}).fetchnumpy()
    finally:
        con.close()
    part, kind, idx = (np.asarray(cols[c]) for c in ("part", "kind", "idx"))
    if len(part) == 0:
        return
    bounds = np.flatnonzero(np.diff(part)) + 1
    for p_kind, p_idx in zip(np.split(kind, bounds), np.split(idx, bounds), strict=True):
        yield p_idx[p_kind == 0], p_idx[p_kind == 1], p_idx[p_kind == 2]


def _batch(parts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> Batch:
    a_idx, p_idx, r_idx = parts
    acc, pst, rep = _WORKER["records"]
    return Batch(accounts=[acc[i] for i in a_idx.tolist()], posts=[pst[i] for i in p_idx.tolist()],
                 reports=[rep[i] for i in r_idx.tolist()])


def _run_part(parts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[Finding]:
    return run_batch(_WORKER["detectors"], _batch(parts))


def run_chunked(detectors: Sequence[Detector], accounts: Sequence[Account], posts: Sequence[Post],
                reports: Sequence[Report], *, chunk: int = 10000, workers: int = 2) -> list[Finding]:
    _WORKER["detectors"], _WORKER["records"] = list(detectors), (accounts, posts, reports)
    try:
        parts = list(partitions(accounts, posts, reports, chunk))
        found: list[Finding] = []
        results: Iterable[list[Finding]]
        if workers > 1 and len(parts) > 1 and "fork" in mp.get_all_start_methods():
            with mp.get_context("fork").Pool(min(workers, len(parts))) as pool:
                results = pool.imap(_run_part, parts)
                for r in results:
                    found.extend(r)
        else:
            for p in parts:
                found.extend(_run_part(p))
        return found
    finally:
        _WORKER.clear()


def run(inputs: Inputs, threshold: float | None = None, names: list[str] | None = None, *,
        chunk: int = 10000, workers: int = 2) -> list[Finding]:
    chunked, whole = split(build_detectors(inputs.resources, threshold, names))
    found: list[Finding] = []
    if chunked:
        found.extend(run_chunked(chunked, inputs.accounts, inputs.posts, inputs.reports, chunk=chunk,
                                 workers=workers))
    if whole:
        found.extend(run_whole(whole, inputs.accounts, inputs.posts, inputs.reports))
    return finalize(found)


# ---- reading the input files (bounded driver memory) -------------------------------------------------

_DUPS_SQL = """
SELECT t.kind, t.line, t.key, t.raw, t.data FROM t JOIN (
  SELECT kind, key, min(line) AS first FROM t WHERE reason IS NULL GROUP BY kind, key HAVING count(*) > 1
) d ON t.kind = d.kind AND t.key = d.key
WHERE t.reason IS NULL AND t.line > d.first
"""

_ACCEPTED_SQL = """
CREATE TEMP VIEW a AS SELECT * FROM t WHERE reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM dup WHERE dup.kind = t.kind AND dup.line = t.line)
"""

_GROUPED_SQL = """
WITH k AS (
  SELECT platform, account_id, (row_number() OVER (ORDER BY platform, account_id) - 1) // $chunk AS chunk
  FROM (SELECT DISTINCT platform, account_id FROM a)
)
SELECT k.chunk AS chunk, a.kind AS kind, a.fmt AS fmt, a.data AS data
FROM a JOIN k ON a.platform = k.platform AND a.account_id = k.account_id
ORDER BY k.chunk, a.platform, a.account_id, a.kind, a.line
"""


def _stage_split(job: tuple[int, _files.Split, str]) -> int:
    """Validate one split into its own Parquet file; returns the rows written."""
    i, split, out_dir = job
    n = 0
    with pq.ParquetWriter(f"{out_dir}/part-{i:06d}.parquet", _files.ROW_SCHEMA) as writer:
        for rb in _files.validate_split(split):
            writer.write_batch(rb)
            n += rb.num_rows
    return n


def _connect(tmp: str, workers: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = '{os.environ.get('VIGIL_DUCKDB_MEMORY', '2GB')}'")
    con.execute("SET temp_directory = ?", [f"{tmp}/spill"])
    con.execute(f"SET threads = {max(1, workers)}")
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{tmp}/rows/*.parquet')")
    return con


def _accepted(con: duckdb.DuckDBPyConnection, dups: pa.Table) -> None:
    con.register("dup", dups)
    con.execute(_ACCEPTED_SQL)


def _chunks(reader: pa.RecordBatchReader) -> Iterator[pa.Table]:
    """Rows ordered by chunk -> one table per chunk (at most one chunk and one batch held at a time)."""
    held: list[pa.RecordBatch] = []
    current: int | None = None
    for rb in reader:
        if rb.num_rows == 0:
            continue
        chunk = rb.column("chunk").to_numpy()
        cuts = [0, *(np.flatnonzero(np.diff(chunk)) + 1).tolist(), rb.num_rows]
        for a, b in zip(cuts, cuts[1:], strict=False):
            if current is not None and int(chunk[a]) != current:
                yield pa.Table.from_batches(held)
                held = []
            current = int(chunk[a])
            held.append(rb.slice(a, b - a))
    if held:
        yield pa.Table.from_batches(held)


def run_files(paths: dict[str, Path | None], threshold: float | None = None, names: list[str] | None = None,
              *, mediabank: str | None = None, chunk: int = 10000, workers: int = 2,
              split_bytes: int | None = None) -> _files.FileRun:
    """Scan from the input files: workers validate splits to Parquet, DuckDB (spilling to disk) applies the
    duplicate-key rule, counts, finds `as_of` and groups the accepted rows into the pipeline's chunks; the
    driver streams one chunk at a time to the detecting workers. Same findings, counts and quarantine as
    `load_inputs` + the sqlite engine."""
    started = time.perf_counter()
    ref = _files.read_reference(paths)
    splits = _files.plan_splits(paths, split_bytes or _files.split_size(paths, workers))
    with tempfile.TemporaryDirectory(prefix="vigil-duckdb-", dir=os.environ.get("VIGIL_DUCKDB_STAGING")) as tmp:
        os.makedirs(f"{tmp}/rows")
        ctx = mp.get_context("fork") if workers > 1 and "fork" in mp.get_all_start_methods() else None
        if ctx is not None and len(splits) > 1:
            with ctx.Pool(min(workers, len(splits))) as pool:
                splits = _files.number_splits(splits, pool.map(_files.count_lines, splits))
                pool.map(_stage_split, [(i, s, f"{tmp}/rows") for i, s in enumerate(splits)], chunksize=1)
        else:
            splits = _files.number_splits(splits, [_files.count_lines(s) for s in splits])
            for i, s in enumerate(splits):
                _stage_split((i, s, f"{tmp}/rows"))
        totals: list[tuple[int, int]] = []
        bad: list[tuple[int, int, str, str]] = []
        dups: list[tuple[int, int, str, str]] = []
        as_of = None
        dup_keys = pa.table({"kind": pa.array([], pa.int8()), "line": pa.array([], pa.int64())})
        if splits:
            con = _connect(tmp, workers)
            try:
                totals = [(int(k), int(n)) for k, n in con.execute(
                    "SELECT kind, count(*) FROM t GROUP BY kind").fetchall()]
                bad = [(int(k), int(line), reason, raw) for k, line, reason, raw in con.execute(
                    "SELECT kind, line, reason, raw FROM t WHERE reason IS NOT NULL").fetchall()]
                dups = [(int(k), int(line), key, _files.raw_of(data, raw))
                        for k, line, key, raw, data in con.execute(_DUPS_SQL).fetchall()]
                dup_keys = pa.table({"kind": pa.array([d[0] for d in dups], pa.int8()),
                                     "line": pa.array([d[1] for d in dups], pa.int64())})
                _accepted(con, dup_keys)
                as_of = con.execute("SELECT max(created_at) FROM a").fetchone()[0]  # type: ignore[index]
            finally:
                con.close()
        counts, quarantine = _files.ingest_result(paths, ref, totals, bad, dups)
        read_seconds = time.perf_counter() - started
        detectors = build_detectors(_files.resources(ref, as_of, mediabank), threshold, names)
        chunked, whole = split(detectors)
        found: list[Finding] = []
        if splits and chunked:
            # detectors are built (and the workers forked) with no DuckDB connection open
            def tables() -> Iterator[pa.Table]:
                con = _connect(tmp, workers)
                try:
                    _accepted(con, dup_keys)
                    yield from _chunks(con.sql(_GROUPED_SQL.replace("$chunk", str(int(chunk)))).to_arrow_reader(20000))
                finally:
                    con.close()

            found.extend(run_grouped(chunked, tables(), workers))
        if whole:
            wanted = sorted(_files.whole_kinds(whole))
            recs = _files.whole_records(())
            if splits and wanted:
                con = _connect(tmp, workers)
                try:
                    _accepted(con, dup_keys)
                    reader: pa.RecordBatchReader = con.sql(
                        f"SELECT kind, fmt, data FROM a WHERE kind IN ({','.join(map(str, wanted))}) "
                        "ORDER BY kind, line").to_arrow_reader(20000)
                    recs = _files.whole_records(_files.arrow_rows(reader))
                finally:
                    con.close()
            found.extend(run_whole(whole, *recs))
    return _files.FileRun(findings=finalize(found), counts=counts, quarantine=quarantine, as_of=as_of,
                          read_seconds=read_seconds)
