"""PySpark engine: account-partitioned records through `mapInArrow`, reference data broadcast once.

Every account, post and report becomes a row (chunk, account-key rank, kind, input order, JSON). The
driver ranks the account keys exactly as the pipeline sorts them and cuts them into the pipeline's
chunks of CHUNK accounts; rows are repartitioned by chunk and sorted within partitions, so each Python
worker sees whole chunks — the very batches the sqlite engine builds, which keeps findings identical
even for a detector whose output depends on what else is in its batch; it rebuilds the detectors once per worker process from the broadcast reference
data (cached by content hash, and PySpark reuses workers between tasks) and emits findings as JSON.
Whole-input detectors (`chunkable = False`) run on the driver over everything, exactly as in the
pipeline, so the findings equal the sqlite engine's.

Settings: `VIGIL_SPARK_MASTER` (default `local[2]`), `VIGIL_SPARK_PARTITIONS` (default 2 x cores),
`VIGIL_SPARK_DRIVER_MEMORY` (default 2g), `VIGIL_SPARK_STAGING` (directory the rows are staged in as
Parquet; on a cluster it must be shared storage every executor can read). `PYSPARK_PYTHON` is set to this interpreter so workers import
the same vigil.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from vigil.detectors.base import Batch, Detector, Resources
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


def map_partition(broadcast: Any, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: rows sorted by (chunk, rank, kind, ord) -> one Batch per chunk -> findings as JSON."""
    dets = _detectors(broadcast.value)
    accounts: list[Account] = []
    posts: list[Post] = []
    reports: list[Report] = []

    def flush() -> pa.RecordBatch:
        found = run_batch(dets, Batch(accounts=accounts, posts=posts, reports=reports))
        accounts.clear()
        posts.clear()
        reports.clear()
        return pa.RecordBatch.from_pydict(
            {"finding": pa.array([orjson.dumps(f.model_dump(mode="json")) for f in found], pa.binary())})

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
