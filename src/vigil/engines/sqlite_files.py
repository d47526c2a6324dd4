"""The sqlite engine's bounded-memory path: validated rows staged in a SQLite file, chunks read in key order.

`vigil scan` (engine sqlite) loads every record into memory, which is the fastest way for ordinary
inputs; past `VIGIL_SCAN_STAGE_BYTES` of account-level input (default 1 GiB, ~1.5M synthetic accounts;
see `vigil.cli.scan`) it takes this path instead. One sequential pass validates every line with the ingest rules
(`_files.validate_split` over whole files) into a table on disk; SQL then applies the duplicate-key rule
(the first line of a key wins), counts, finds `as_of`, and one ordered scan over an index on the account
key cuts the rows into the pipeline's chunks (sorted keys, `chunk` keys each), which forked workers
detect a few at a time. Findings, counts and quarantine equal `load_inputs` + the in-memory pipeline's.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from vigil.engines import _files
from vigil.engines._batches import finalize, run_whole, split
from vigil.engines._grouped import run_grouped
from vigil.model import Finding
from vigil.pipeline import build_detectors

_DUPS_SQL = """
SELECT t.kind, t.line, t.key, t.raw, t.data FROM t JOIN (
  SELECT kind, key, min(line) AS first FROM t WHERE reason IS NULL GROUP BY kind, key HAVING count(*) > 1
) d ON t.kind = d.kind AND t.key = d.key
WHERE t.reason IS NULL AND t.line > d.first
"""
_ACCEPTED = ("reason IS NULL AND NOT EXISTS (SELECT 1 FROM dup WHERE dup.kind = t.kind AND dup.line = t.line)")


def _connect(db: str) -> sqlite3.Connection:
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA temp_store = FILE")
    con.execute("PRAGMA cache_size = -262144")  # 256 MiB page cache
    return con


def _stage(con: sqlite3.Connection, paths: dict[str, Path | None]) -> None:
    cols = [f.name for f in _files.ROW_SCHEMA]
    con.execute(f"CREATE TABLE t ({', '.join(cols)})")
    con.execute("CREATE TABLE dup (kind INTEGER, line INTEGER, PRIMARY KEY (kind, line))")
    insert = f"INSERT INTO t VALUES ({', '.join('?' * len(cols))})"
    for kind, name in enumerate(_files.SPLIT_KINDS):
        path = paths.get(name)
        if path is None:
            continue
        for rb in _files.validate_split(_files.Split(kind, str(path)), batch_rows=20000):
            con.executemany(insert, zip(*(rb.column(c).to_pylist() for c in cols), strict=True))
    con.execute("CREATE INDEX t_key ON t (kind, key) WHERE reason IS NULL")
    con.commit()


def _chunks(db: str, chunk: int) -> Iterator[pa.Table]:
    """Accepted rows in (account key, kind, line) order, cut every `chunk` account keys."""
    con = _connect(db)
    try:
        cur = con.execute(f"SELECT platform, account_id, kind, fmt, data FROM t WHERE {_ACCEPTED} "
                          "ORDER BY platform, account_id, kind, line")
        kinds: list[int] = []
        fmts: list[int] = []
        datas: list[bytes] = []
        last: tuple[str, str] | None = None
        n_keys = 0
        while rows := cur.fetchmany(5000):
            for plat, acc, kind, fmt, data in rows:
                if (plat, acc) != last:
                    if n_keys == chunk:
                        yield pa.table({"kind": kinds, "fmt": fmts, "data": pa.array(datas, pa.binary())})
                        kinds, fmts, datas, n_keys = [], [], [], 0
                    last = (plat, acc)
                    n_keys += 1
                kinds.append(kind)
                fmts.append(fmt)
                datas.append(data)
        if kinds:
            yield pa.table({"kind": kinds, "fmt": fmts, "data": pa.array(datas, pa.binary())})
    finally:
        con.close()


def run_files(paths: dict[str, Path | None], threshold: float | None = None, names: list[str] | None = None,
              *, mediabank: str | None = None, chunk: int = 10000, workers: int = 2) -> _files.FileRun:
    started = time.perf_counter()
    ref = _files.read_reference(paths)
    with tempfile.TemporaryDirectory(prefix="vigil-sqlite-", dir=os.environ.get("VIGIL_SQLITE_STAGING")) as tmp:
        db = f"{tmp}/rows.db"
        con = _connect(db)
        try:
            _stage(con, paths)
            totals = [(int(k), int(n)) for k, n in con.execute("SELECT kind, count(*) FROM t GROUP BY kind")]
            bad = [(int(k), int(line), reason, raw) for k, line, reason, raw in
                   con.execute("SELECT kind, line, reason, raw FROM t WHERE reason IS NOT NULL")]
            dups = [(int(k), int(line), key, _files.raw_of(data, raw))
                    for k, line, key, raw, data in con.execute(_DUPS_SQL)]
            con.executemany("INSERT INTO dup VALUES (?, ?)", [(d[0], d[1]) for d in dups])
            con.execute("CREATE INDEX t_acc ON t (platform, account_id, kind, line) WHERE reason IS NULL")
            con.commit()
            as_of: Any = con.execute(f"SELECT max(created_at) FROM t WHERE {_ACCEPTED}").fetchone()[0]
        finally:
            con.close()
        counts, quarantine = _files.ingest_result(paths, ref, totals, bad, dups)
        read_seconds = time.perf_counter() - started
        chunked, whole = split(build_detectors(_files.resources(ref, as_of, mediabank), threshold, names))
        found: list[Finding] = []
        if chunked:
            found.extend(run_grouped(chunked, _chunks(db, chunk), workers))
        if whole:
            recs = _files.whole_records(())
            wanted = sorted(_files.whole_kinds(whole))
            if wanted:
                con = _connect(db)
                try:
                    recs = _files.whole_records(con.execute(
                        f"SELECT kind, fmt, data FROM t WHERE {_ACCEPTED} AND kind IN "
                        f"({','.join(map(str, wanted))}) ORDER BY kind, line"))
                finally:
                    con.close()
            found.extend(run_whole(whole, *recs))
    return _files.FileRun(findings=finalize(found), counts=counts, quarantine=quarantine, as_of=as_of,
                          read_seconds=read_seconds)
