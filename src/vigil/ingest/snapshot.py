"""Validated reference files (registry, claims, credentials) kept between runs, keyed by their bytes.

A scan reads the same ~100k-entity registry run after run: parsing and validating it costs ~1 s, and
hashing the records for the index cache key (`Resources.fingerprint`) ~0.25 s more, before any account
is looked at. A snapshot holds what `read_records` made of a file — the records, the rows read and the
quarantined lines — and the records' content digest, under `$VIGIL_CACHE/ref/`. It is used only for a
file whose bytes, name suffix (the format) and reading code (model and ingest modules, pydantic) hash
to its key, so it gives exactly what reading the file again would: same records, counts and quarantine.
Small files are read directly (a snapshot saves nothing there).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from vigil.cachefiles import cache_root, read_pickle, write_pickle
from vigil.ingest.reader import IngestCounts, QuarantineEntry, read_records

VERSION = 1
MIN_BYTES = 1 << 20


class Records(list):  # type: ignore[type-arg]
    """Validated records of one file with the content digest `records_digest` gives them. A list, so it
    compares equal to a list of the same records; read-only, so the digest cannot go stale."""

    digest: str

    def __init__(self, records: Iterable[Any] = (), digest: str | None = None) -> None:
        super().__init__(records)
        self.digest = digest if digest is not None else records_digest(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Records, (list(self), self.digest))

    def _read_only(self, *_args: Any, **_kw: Any) -> Any:
        raise TypeError("Records are read-only (their digest keys cached indexes); copy with list(...)")

    append = extend = insert = pop = remove = clear = sort = reverse = _read_only
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only


def records_digest(records: Iterable[Any]) -> str:
    """sha256 of the records' canonical JSON, one per line: equal records give equal digests whatever the
    file looked like (key order, spacing, format)."""
    h = hashlib.sha256()
    for rec in records:
        h.update(rec.model_dump_json().encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def group_digest(records: Sequence[Any]) -> str:
    """`records_digest`, free when the records came from a snapshot."""
    digest = getattr(records, "digest", None)
    return digest if isinstance(digest, str) else records_digest(records)


@lru_cache(maxsize=1)
def _code_key() -> bytes:
    """The code that decides what a line becomes: a change there makes every snapshot stale."""
    from importlib.metadata import version

    import vigil.ingest.formats as formats
    import vigil.ingest.reader as reader
    import vigil.model as model

    h = hashlib.sha256(f"{VERSION}|{version('pydantic')}".encode())
    for mod in (model, reader, formats):
        h.update(Path(str(mod.__file__)).read_bytes())
    return h.digest()


def cache_dir() -> Path:
    return cache_root() / "ref"


def _key(path: Path, kind: str) -> str:
    h = hashlib.sha256(_code_key())
    h.update(f"|{kind}|{''.join(path.suffixes).lower()}|".encode())
    with path.open("rb") as fh:
        while block := fh.read(1 << 22):
            h.update(block)
    return h.hexdigest()[:40]


def read_snapshotted(path: Path, kind: str, counts: IngestCounts,
                     quarantine: Callable[[QuarantineEntry], None]) -> Records:
    """Every valid record of `path` (as `read_records` yields them, counts and quarantine included), from
    the snapshot of these bytes when there is one; a missing or unreadable snapshot is (re)written."""
    try:
        big = path.stat().st_size >= MIN_BYTES and os.environ.get("VIGIL_REF_SNAPSHOT", "1") != "0"
        snap = cache_dir() / f"{kind}-{_key(path, kind)}.pkl" if big else None
    except OSError:
        snap = None
    source = path.name
    cached = read_pickle(snap) if snap is not None else None
    if isinstance(cached, tuple) and len(cached) == 3 and isinstance(cached[0], Records):
        records: Records = cached[0]
        read, bad = cached[1], cached[2]
        counts.add_many(source, read, len(bad))
        for line, reason, raw in bad:
            quarantine(QuarantineEntry(source, line, reason, raw))
        return records
    mine = IngestCounts()
    bad_entries: list[QuarantineEntry] = []
    records = Records(read_records(path, kind, mine, bad_entries.append))
    read = mine.by_source.get(source, {}).get("read", 0)
    counts.add_many(source, read, len(bad_entries))
    for q in bad_entries:
        quarantine(q)
    if snap is not None:
        write_pickle(snap, (records, read, [(q.line, q.reason, q.raw) for q in bad_entries]))
    return records
