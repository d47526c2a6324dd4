"""Engines that read the input files themselves: splits, per-split validation, and the ingest result.

The driver never holds the account-level records. It cuts each accounts/posts/reports file into splits
(uncompressed JSONL at line boundaries every `split_bytes`; other formats one split a file), workers
count the lines of each split (so every split knows the number of its first line), then validate their
splits with the rules of `vigil.ingest` (same parser, same per-row validation, same reasons) into Arrow
rows: one row per non-blank input line, accepted or not. The duplicate-key rule needs the whole run, so
the engine applies it afterwards (the first line of a key wins, as in `read_records`), and gives this
module the bad rows and per-kind totals to rebuild the `IngestCounts` and quarantine that
`pipeline.load_inputs` would have produced, in the same order. Reference data (entities, claims,
credentials) is small and read on the driver as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from vigil.detectors.base import Detector, Resources
from vigil.ingest import IngestCounts, QuarantineEntry
from vigil.ingest.formats import iter_jsonl_range, iter_rows
from vigil.ingest.reader import KINDS, REFERENCE_KINDS, duplicate_reason, is_strict, validate_row
from vigil.ingest.snapshot import read_snapshotted
from vigil.ingest.splits import SPLIT_BYTES as SPLIT_BYTES  # re-exported: the engines read them from here
from vigil.ingest.splits import SPLIT_KINDS as SPLIT_KINDS
from vigil.ingest.splits import Split as Split
from vigil.ingest.splits import count_lines as count_lines
from vigil.ingest.splits import number_splits as number_splits
from vigil.ingest.splits import plan_splits as plan_splits
from vigil.ingest.splits import split_size as split_size
from vigil.model import Account, Claim, Credential, Entity, Finding, Post, Report

ALL_KINDS = REFERENCE_KINDS + SPLIT_KINDS  # the order load_inputs reads (and quarantines) in
FMT_LINE, FMT_MODEL = 0, 1  # `data` holds the JSONL line (validate again) / the record's model JSON
KEY_SEP = "\x00"

ROW_SCHEMA = pa.schema([
    ("kind", pa.int8()), ("line", pa.int64()), ("key", pa.string()), ("platform", pa.string()),
    ("account_id", pa.string()), ("created_at", pa.string()), ("fmt", pa.int8()), ("data", pa.binary()),
    ("raw", pa.string()), ("reason", pa.string()),
])


def _account_key(kind: int, rec: Any) -> tuple[str, str]:
    if kind == 2:
        return rec.platform, rec.subject.account_id
    return rec.platform, rec.account_id


def validate_split(split: Split, batch_rows: int = 10000) -> Iterator[pa.RecordBatch]:
    """Every non-blank line of a split as a row of ROW_SCHEMA (accepted rows: key, account key,
    created_at and data; bad rows: raw and reason)."""
    path = Path(split.path)
    model = KINDS[SPLIT_KINDS[split.kind]]
    strict = is_strict(path)
    whole = split.end < 0
    rows = iter_rows(path) if whole else iter_jsonl_range(path, split.start, split.end, split.first_line)
    fmt = FMT_LINE if not whole or _is_jsonl(path) else FMT_MODEL
    cols: dict[str, list[Any]] = {f.name: [] for f in ROW_SCHEMA}
    for lineno, raw, obj, reason in rows:
        rec = None
        if obj is not None:
            rec, reason = validate_row(model, obj, strict)
        cols["kind"].append(split.kind)
        cols["line"].append(lineno)
        cols["fmt"].append(fmt)
        if rec is None:
            for c in ("key", "platform", "account_id", "created_at", "data"):
                cols[c].append(None)
            cols["raw"].append(raw)
            cols["reason"].append(reason or "invalid record")
        else:
            plat, acc = _account_key(split.kind, rec)
            cols["key"].append(KEY_SEP.join(rec.key()))
            cols["platform"].append(plat)
            cols["account_id"].append(acc)
            cols["created_at"].append(rec.created_at or None)
            if fmt == FMT_LINE:
                cols["data"].append(raw.encode("utf-8"))  # valid UTF-8 here: the exact line
                cols["raw"].append(None)
            else:
                cols["data"].append(rec.model_dump_json().encode("utf-8"))
                cols["raw"].append(raw)
            cols["reason"].append(None)
        if len(cols["kind"]) >= batch_rows:
            yield pa.RecordBatch.from_pydict(cols, schema=ROW_SCHEMA)
            cols = {f.name: [] for f in ROW_SCHEMA}
    if cols["kind"]:
        yield pa.RecordBatch.from_pydict(cols, schema=ROW_SCHEMA)


def _is_jsonl(path: Path) -> bool:
    return not path.name.lower().endswith((".csv", ".csv.gz", ".parquet"))


_MODELS = (Account, Post, Report)


def record(kind: int, fmt: int, data: bytes) -> Any:
    """The record a staged accepted row stands for (identical to what `read_records` yielded)."""
    model = _MODELS[kind]
    if fmt == FMT_LINE:
        rec, _ = validate_row(model, orjson.loads(data), True)
        return rec
    return model.model_validate_json(data)


def whole_records(rows: Iterable[tuple[int, int, bytes]]) -> tuple[list[Any], list[Any], list[Any]]:
    """Staged accepted (kind, fmt, data) rows -> the accounts, posts and reports whole-input detectors read."""
    recs: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    for kind, fmt, data in rows:
        recs[kind].append(record(kind, fmt, data))
    return recs


def arrow_rows(batches: Iterable[Any]) -> Iterator[tuple[int, int, bytes]]:
    """(kind, fmt, data) rows of Arrow record batches holding those columns."""
    for rb in batches:
        yield from zip(*(rb.column(c).to_pylist() for c in ("kind", "fmt", "data")), strict=True)


def raw_of(data: bytes | None, raw: str | None) -> str:
    """A staged row's raw text: `raw` when kept, else the JSONL line itself (`data`)."""
    if raw is not None:
        return raw
    return (data or b"").decode("utf-8")


@dataclass
class FileRun:
    """What an engine found reading the files itself: findings plus load_inputs' counts and quarantine."""

    findings: list[Finding] = field(default_factory=list)
    counts: IngestCounts = field(default_factory=IngestCounts)
    quarantine: list[QuarantineEntry] = field(default_factory=list)
    as_of: str | None = None
    read_seconds: float = 0.0
    """Time until the input was read, validated and counted (before detection)."""


@dataclass
class Reference:
    entities: Sequence[Entity] = field(default_factory=list)
    claims: Sequence[Claim] = field(default_factory=list)
    credentials: Sequence[Credential] = field(default_factory=list)
    counts: IngestCounts = field(default_factory=IngestCounts)
    quarantine: list[QuarantineEntry] = field(default_factory=list)


def read_reference(paths: dict[str, Path | None]) -> Reference:
    ref = Reference()
    for kind in REFERENCE_KINDS:
        path = paths.get(kind)
        if path is not None:
            setattr(ref, kind, read_snapshotted(path, kind, ref.counts, ref.quarantine.append))
    return ref


def resources(ref: Reference, as_of: str | None, mediabank: str | None = None) -> Resources:
    return Resources(entities=ref.entities, claims=ref.claims, credentials=ref.credentials, as_of=as_of,
                     mediabank=mediabank)


def ingest_result(paths: dict[str, Path | None], ref: Reference, totals: Iterable[tuple[int, int]],
                  bad: Iterable[tuple[int, int, str, str]],
                  dups: Iterable[tuple[int, int, str, str]]) -> tuple[IngestCounts, list[QuarantineEntry]]:
    """Counts and quarantine as load_inputs builds them. `totals`: (kind, rows read); `bad`: (kind, line,
    reason, raw) of rows that failed validation; `dups`: (kind, line, key, raw) of later lines of a key."""
    read = dict.fromkeys(range(len(SPLIT_KINDS)), 0)
    for kind, n in totals:
        read[kind] += n
    entries: list[tuple[int, int, str, str]] = list(bad)
    entries += [(k, line, duplicate_reason(tuple(key.split(KEY_SEP))), raw) for k, line, key, raw in dups]
    entries.sort(key=lambda e: (e[0], e[1]))
    quarantined = dict.fromkeys(range(len(SPLIT_KINDS)), 0)
    for e in entries:
        quarantined[e[0]] += 1
    counts = IngestCounts(read=ref.counts.read, accepted=ref.counts.accepted,
                          quarantined=ref.counts.quarantined,
                          by_source={k: dict(v) for k, v in ref.counts.by_source.items()})
    quarantine = list(ref.quarantine)
    for kind, name in enumerate(SPLIT_KINDS):
        path = paths.get(name)
        if path is None or read[kind] == 0:
            continue
        counts.add_many(path.name, read[kind], quarantined[kind])
        quarantine.extend(QuarantineEntry(path.name, line, reason, raw)
                          for k, line, reason, raw in entries if k == kind)
    return counts, quarantine


def whole_kinds(whole: Sequence[Detector]) -> set[int]:
    """Which account-level kinds the whole-input detectors read (only those are loaded on the driver)."""
    return {i for i, name in enumerate(SPLIT_KINDS) for d in whole if name in d.needs}
