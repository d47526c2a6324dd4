"""PySpark engine: account-partitioned records through `mapInArrow`, reference data broadcast once.

Every account, post and report becomes a row (chunk, account-key rank, kind, input order, JSON). The
driver ranks the account keys exactly as the pipeline sorts them and cuts them into the pipeline's
chunks of CHUNK accounts; rows are repartitioned by chunk and sorted within partitions, so each Python
worker sees whole chunks — the very batches the sqlite engine builds, which keeps findings identical
even for a detector whose output depends on what else is in its batch; it rebuilds the detectors once per worker process from the broadcast reference
data (cached by content hash, and PySpark reuses workers between tasks) and emits findings as JSON.
Whole-input detectors (`chunkable = False`) run on the driver over everything, exactly as in the
pipeline, so the findings equal the sqlite engine's.

`run` takes records already loaded (campaigns); `run_files` (what `vigil scan --engine spark` uses) has
the executors read the input files: the driver cuts them into byte splits, executors validate each split
with the ingest rules and stage the rows as Parquet, Spark applies the duplicate-key rule, counts, finds
`as_of` (an aggregate) and ranks the account keys with a distributed sort, then the same chunked
`mapInArrow` detection runs. The driver receives counts, quarantined lines, `as_of` and findings only
(plus the posts, when a whole-input detector is selected). The input paths must be readable by every
executor at the same path (local disk in local mode, a shared file system on a cluster).

Settings: `VIGIL_SPARK_MASTER` (default `local[2]`), `VIGIL_SPARK_PARTITIONS` (default 2 x cores),
`VIGIL_SPARK_DRIVER_MEMORY` (default 2g), `VIGIL_SPARK_STAGING` (directory the rows are staged in as
Parquet; on a cluster it must be shared storage every executor can read). `PYSPARK_PYTHON` is set to this interpreter so workers import
the same vigil.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from vigil.detectors.base import Batch, Detector, Resources, registered
from vigil.engines import _files
from vigil.engines._batches import finalize, run_batch, run_whole, split
from vigil.model import Account, Claim, Credential, Entity, Finding, Post, Report
from vigil.pipeline import Inputs, build_detectors

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

KIND_ACCOUNT, KIND_POST, KIND_REPORT = 0, 1, 2
OUT_SCHEMA = "finding binary"
CHUNK = 10000

_EXECUTOR_DETECTORS: dict[str, list[Detector]] = {}


def session(master: str | None = None) -> SparkSession:
    """A local (or configured) SparkSession whose Python workers run this interpreter."""
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    master = master or os.environ.get("VIGIL_SPARK_MASTER", "local[2]")
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no network needed, no loopback warning
    return (
        SparkSession.builder.master(master).appName("vigil-scan")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", os.environ.get("VIGIL_SPARK_DRIVER_MEMORY", "2g"))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "20000")
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.adaptive.enabled", "false")  # keep our partitioning as asked
        .getOrCreate()
    )


def _rows(inputs: Inputs, chunk: int = CHUNK) -> pa.Table:
    groups: tuple[tuple[int, Sequence[Any]], ...] = (
        (KIND_ACCOUNT, inputs.accounts), (KIND_POST, inputs.posts), (KIND_REPORT, inputs.reports))
    keyed = [[(rec.platform, rec.subject.account_id if kind == KIND_REPORT else rec.account_id) for rec in records]
             for kind, records in groups]
    rank = {k: i for i, k in enumerate(sorted({k for ks in keyed for k in ks}))}
    ranks: list[int] = []
    kinds: list[int] = []
    order: list[int] = []
    data: list[bytes] = []
    for (kind, records), keys in zip(groups, keyed, strict=True):
        for i, (rec, key) in enumerate(zip(records, keys, strict=True)):
            ranks.append(rank[key])
            kinds.append(kind)
            order.append(i)
            data.append(rec.model_dump_json().encode("utf-8"))
    rank_arr = pa.array(ranks, pa.int64())
    return pa.table({"chunk": pc.divide(rank_arr, chunk), "rank": rank_arr,
                     "kind": pa.array(kinds, pa.int8()), "ord": pa.array(order, pa.int64()),
                     "data": pa.array(data, pa.binary())})


_MODELS: dict[str, type[Entity] | type[Claim] | type[Credential]] = {
    "entities": Entity, "claims": Claim, "credentials": Credential}


def _payload(resources: Resources, threshold: float | None, names: list[str]) -> bytes:
    """Every field of Resources (record lists as JSON, scalars such as `as_of` as they are)."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(resources):
        value = getattr(resources, f.name)
        fields[f.name] = [r.model_dump(mode="json") for r in value] if f.name in _MODELS else value
    return orjson.dumps({"resources": fields, "threshold": threshold, "names": names})


def _detectors(payload: bytes) -> list[Detector]:
    """Build (once per worker process) the chunkable detectors described by the broadcast payload."""
    key = hashlib.sha256(payload).hexdigest()
    dets = _EXECUTOR_DETECTORS.get(key)
    if dets is None:
        p = orjson.loads(payload)
        kwargs: dict[str, Any] = {k: [_MODELS[k].model_validate(r) for r in v] if k in _MODELS else v
                                  for k, v in p["resources"].items()}
        resources = Resources(**kwargs)
        dets = build_detectors(resources, p["threshold"], p["names"])
        _EXECUTOR_DETECTORS.clear()
        _EXECUTOR_DETECTORS[key] = dets
    return dets


def _findings_batch(dets: list[Detector], batch: Batch) -> pa.RecordBatch:
    """One chunk through the detectors, its findings as the JSON column mapInArrow returns."""
    found = run_batch(dets, batch)
    return pa.RecordBatch.from_pydict(
        {"finding": pa.array([orjson.dumps(f.model_dump(mode="json")) for f in found], pa.binary())})


def map_partition(broadcast: Any, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: rows sorted by (chunk, rank, kind, ord) -> one Batch per chunk -> findings as JSON."""
    dets = _detectors(broadcast.value)
    accounts: list[Account] = []
    posts: list[Post] = []
    reports: list[Report] = []

    def flush() -> pa.RecordBatch:
        out = _findings_batch(dets, Batch(accounts=accounts, posts=posts, reports=reports))
        accounts.clear()
        posts.clear()
        reports.clear()
        return out

    current = None
    for rb in batches:
        cols = rb.to_pydict()
        for chunk, kind, raw in zip(cols["chunk"], cols["kind"], cols["data"], strict=True):
            if chunk != current:
                if current is not None:
                    yield flush()
                current = chunk
            if kind == KIND_ACCOUNT:
                accounts.append(Account.model_validate_json(raw))
            elif kind == KIND_POST:
                posts.append(Post.model_validate_json(raw))
            else:
                reports.append(Report.model_validate_json(raw))
    if current is not None:
        yield flush()


def run(inputs: Inputs, threshold: float | None = None, names: list[str] | None = None, *,
        spark: SparkSession | None = None, partitions: int | None = None,
        chunk: int = CHUNK) -> list[Finding]:
    detectors = build_detectors(inputs.resources, threshold, names)
    chunked, whole = split(detectors)
    found: list[Finding] = []
    if chunked and (inputs.accounts or inputs.posts or inputs.reports):
        own = spark is None
        spark = spark or session()
        try:
            sc = spark.sparkContext
            if own:
                sc.setLogLevel("ERROR")
            n = partitions or int(os.environ.get("VIGIL_SPARK_PARTITIONS", 0)) or 2 * sc.defaultParallelism
            bc = sc.broadcast(_payload(inputs.resources, threshold, [d.name for d in chunked]))
            table = _rows(inputs, chunk)
            n_chunks = int(pc.max(table.column("chunk")).as_py()) + 1
            with tempfile.TemporaryDirectory(prefix="vigil-spark-", dir=os.environ.get("VIGIL_SPARK_STAGING")) as tmp:
                # Spark reads the rows from Parquet (as it would from shared storage) instead of
                # shipping them inside task closures, which createDataFrame(table) would do.
                pq.write_table(table, f"{tmp}/rows.parquet")
                df = spark.read.parquet(f"{tmp}/rows.parquet")
                out = (df.repartition(min(n, n_chunks), "chunk")
                       .sortWithinPartitions("chunk", "rank", "kind", "ord")
                       .mapInArrow(partial(map_partition, bc), OUT_SCHEMA).toArrow())
            found.extend(Finding.model_validate_json(b) for b in out.column("finding").to_pylist())
            bc.unpersist()
        finally:
            if own:
                spark.stop()
    if whole:
        found.extend(run_whole(whole, inputs.accounts, inputs.posts, inputs.reports))
    return finalize(found)


# ---- reading the input files on the executors (the driver holds no account-level records) -----------

log = logging.getLogger(__name__)
_last_tick = [0.0]


def _tick(phase: str) -> None:
    """Log how long a phase of run_files took (logging level INFO, logger vigil.engines.spark_engine)."""
    now = time.perf_counter()
    if _last_tick[0]:
        log.info("spark phase %s: %.1f s", phase, now - _last_tick[0])
    _last_tick[0] = now


ROW_DDL = ("kind tinyint, line bigint, key string, platform string, account_id string, created_at string, "
           "fmt tinyint, data binary, raw string, reason string")
_LOW_BITS = (1 << 33) - 1  # monotonically_increasing_id: partition id << 33 | row number in the partition


def validate_ids(splits: Sequence[_files.Split], batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow body over split ids: each id's split validated into ROW_SCHEMA rows."""
    for rb in batches:
        for i in rb.column(0).to_pylist():
            yield from _files.validate_split(splits[i])


def map_files_partition(broadcast: Any, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: staged rows sorted by (chunk, account key, kind, line) -> one Batch per chunk."""
    dets = _detectors(broadcast.value)
    recs: tuple[list[Any], list[Any], list[Any]] = ([], [], [])

    def flush() -> pa.RecordBatch:
        out = _findings_batch(dets, Batch(accounts=recs[0], posts=recs[1], reports=recs[2]))
        for r in recs:
            r.clear()
        return out

    current = None
    for rb in batches:
        cols = rb.to_pydict()
        for chunk, kind, fmt, data in zip(cols["chunk"], cols["kind"], cols["fmt"], cols["data"], strict=True):
            if chunk != current:
                if current is not None:
                    yield flush()
                current = chunk
            recs[kind].append(_files.record(kind, fmt, data))
    if current is not None:
        yield flush()


def run_files(paths: dict[str, Path | None], threshold: float | None = None, names: list[str] | None = None,
              *, mediabank: str | None = None, spark: SparkSession | None = None, partitions: int | None = None,
              chunk: int = CHUNK, split_bytes: int | None = None) -> _files.FileRun:
    """Scan from the input files, read and validated on the executors. The driver plans byte splits, reads
    the small reference data, and receives only counts, quarantined rows, `as_of` and findings (plus the
    posts when a whole-input detector is selected). Same findings, counts and quarantine as `load_inputs`
    + the sqlite engine."""
    from pyspark.sql import functions as F  # noqa: N812 - the usual alias

    started = time.perf_counter()
    _last_tick[0] = started
    ref = _files.read_reference(paths)
    own = spark is None
    spark = spark or session()
    try:
        sc = spark.sparkContext
        resolved = {k: (p.resolve() if p else None) for k, p in paths.items()}
        splits = _files.plan_splits(resolved, split_bytes or _files.split_size(resolved, sc.defaultParallelism))
        if own:
            sc.setLogLevel("ERROR")
        totals: list[tuple[int, int]] = []
        bad: list[tuple[int, int, str, str]] = []
        dups: list[tuple[int, int, str, str]] = []
        as_of = None
        found: list[Finding] = []
        # shuffles (dedup, key ranking, grouping) sized by the input, not Spark's fixed default of 200
        shuffle = spark.conf.get("spark.sql.shuffle.partitions")
        size = sum(os.path.getsize(s.path) for s in splits if s.start == 0)
        spark.conf.set("spark.sql.shuffle.partitions", str(max(2 * sc.defaultParallelism, size // _files.SPLIT_BYTES)))
        with tempfile.TemporaryDirectory(prefix="vigil-spark-", dir=os.environ.get("VIGIL_SPARK_STAGING")) as tmp:
            accepted = None
            if splits:
                newlines = sc.parallelize(splits, len(splits)).map(_files.count_lines).collect()
                splits = _files.number_splits(splits, newlines)
                _tick("count lines")
                (spark.range(len(splits), numPartitions=len(splits))
                 .mapInArrow(partial(validate_ids, splits), ROW_DDL).write.parquet(f"{tmp}/rows"))
                _tick("validate and stage")
                t = spark.read.parquet(f"{tmp}/rows")
                totals = [(r[0], r[1]) for r in t.groupBy("kind").count().collect()]
                bad = [(r[0], r[1], r[2], r[3]) for r in
                       t.where(F.col("reason").isNotNull()).select("kind", "line", "reason", "raw").collect()]
                ok = t.where(F.col("reason").isNull())
                first = (ok.groupBy("kind", "key").agg(F.min("line").alias("first"), F.count("*").alias("n"))
                         .where(F.col("n") > 1))
                dups = [(r[0], r[1], r[2], _files.raw_of(r[4], r[3])) for r in
                        ok.join(first, ["kind", "key"]).where(F.col("line") > F.col("first"))
                        .select("kind", "line", "key", "raw", "data").collect()]
                accepted = ok.select("kind", "line", "platform", "account_id", "created_at", "fmt", "data")
                if dups:
                    gone = spark.createDataFrame([(d[0], d[1]) for d in dups], "kind tinyint, line bigint")
                    accepted = accepted.join(F.broadcast(gone), ["kind", "line"], "left_anti")
                as_of = accepted.agg(F.max("created_at")).first()[0]  # type: ignore[index]
                _tick("counts, quarantine, duplicates, as_of")
            counts, quarantine = _files.ingest_result(paths, ref, totals, bad, dups)
            read_seconds = time.perf_counter() - started
            # the chunkable detectors are built on the executors only; the driver builds the others
            chunked, whole_names = split_names(names)
            res = _files.resources(ref, as_of, mediabank)
            whole = build_detectors(res, threshold, whole_names) if whole_names else []
            if accepted is not None and chunked:
                found.extend(_detect_files(spark, accepted, chunked, threshold, ref, as_of,
                                           mediabank, tmp, partitions, chunk))
                _tick("chunked detectors")
            if whole:
                recs = _files.whole_records(())
                wanted = sorted(_files.whole_kinds(whole))
                if accepted is not None and wanted:
                    # one job (toLocalIterator would run one per partition); the driver needs these
                    # records anyway, and their Arrow bytes are small next to the validated records
                    table = (accepted.where(F.col("kind").isin(wanted)).orderBy("kind", "line")
                             .select("kind", "fmt", "data").toArrow())
                    recs = _files.whole_records(_files.arrow_rows(table.to_batches()))
                    del table
                found.extend(run_whole(whole, *recs))
                _tick("whole-input detectors")
        spark.conf.set("spark.sql.shuffle.partitions", shuffle or "200")
    finally:
        if own:
            spark.stop()
    return _files.FileRun(findings=finalize(found), counts=counts, quarantine=quarantine, as_of=as_of,
                          read_seconds=read_seconds)


def split_names(names: list[str] | None) -> tuple[list[str], list[str]]:
    """(chunkable, whole-input) detector names, from their classes: nothing is built."""
    available = registered(names)
    chosen = list(available) if names is None else list(names)
    if any(n not in available for n in chosen):
        build_detectors(Resources(), None, chosen)  # raises the pipeline's UsageError naming them
    return ([n for n in chosen if available[n].chunkable], [n for n in chosen if not available[n].chunkable])


def _detect_files(spark: SparkSession, accepted: Any, chunked: list[str],
                  threshold: float | None, ref: _files.Reference, as_of: str | None, mediabank: str | None,
                  tmp: str, partitions: int | None, chunk: int) -> list[Finding]:
    """Rank the account keys as the pipeline sorts them (a distributed sort; each key's rank is its
    partition's offset plus its row number there), cut them into chunks, detect per chunk."""
    from pyspark.sql import functions as F  # noqa: N812

    sc = spark.sparkContext
    (accepted.select("platform", "account_id").distinct().orderBy("platform", "account_id")
     .withColumn("mid", F.monotonically_increasing_id()).write.parquet(f"{tmp}/keys"))
    _tick("sort keys")
    keys = spark.read.parquet(f"{tmp}/keys").withColumn("pid", F.shiftrightunsigned("mid", 33))
    sizes = sorted((r[0], r[1]) for r in keys.groupBy("pid").count().collect())
    _tick("rank keys")
    offsets, n_keys = [], 0
    for pid, n in sizes:
        offsets.append((pid, n_keys))
        n_keys += n
    if n_keys == 0:
        return []
    off = spark.createDataFrame(offsets, "pid bigint, offset bigint")
    ranked = (keys.join(F.broadcast(off), "pid")
              .select("platform", "account_id",
                      F.floor((F.col("offset") + F.col("mid").bitwiseAND(_LOW_BITS)) / chunk).alias("chunk")))
    n = partitions or int(os.environ.get("VIGIL_SPARK_PARTITIONS", 0)) or 2 * sc.defaultParallelism
    n_chunks = (n_keys + chunk - 1) // chunk
    res = _files.resources(ref, as_of, mediabank)
    bc = sc.broadcast(_payload(res, threshold, chunked))
    try:
        out = (accepted.join(ranked, ["platform", "account_id"])
               .select("chunk", "platform", "account_id", "kind", "line", "fmt", "data")
               .repartition(min(n, n_chunks), "chunk")
               .sortWithinPartitions("chunk", "platform", "account_id", "kind", "line")
               .mapInArrow(partial(map_files_partition, bc), OUT_SCHEMA).toArrow())
    finally:
        bc.unpersist()
    return [Finding.model_validate_json(b) for b in out.column("finding").to_pylist()]
