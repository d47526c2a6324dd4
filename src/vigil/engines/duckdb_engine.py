"""DuckDB engine: DuckDB groups and partitions the records by account, Python detectors run per partition.

The grouping that the pipeline does with dicts and a Python sort (every post and report joined to its
account, keys ordered, cut into chunks of `chunk` accounts) is one DuckDB query over Arrow tables of
the record keys; partitions then run in forked worker processes that inherit the built detectors.
Whole-input detectors run once over everything, so the findings equal the sqlite engine's.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from vigil.detectors.base import Batch, Detector
from vigil.engines._batches import finalize, run_batch, run_whole, split
from vigil.model import Account, Finding, Post, Report
from vigil.pipeline import Inputs, build_detectors

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
