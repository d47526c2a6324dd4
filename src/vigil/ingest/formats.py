"""Raw row sources: every input line/row becomes (line number, raw text, parsed dict or a reason)."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson

from vigil.errors import UsageError

RawRow = tuple[int, str, dict[str, Any] | None, str | None]
"""(line, raw text, parsed object or None, quarantine reason or None)."""

# Fields that hold nested values; in CSV (and sometimes Parquet) they arrive as JSON text.
NESTED_FIELDS = frozenset({"names", "official_accounts", "subject", "links"})


def _decode(raw: bytes) -> tuple[str, str | None]:
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return raw.decode("utf-8", errors="backslashreplace"), f"invalid UTF-8 at byte {exc.start}"


def parse_jsonl_line(lineno: int, raw: bytes) -> RawRow | None:
    """One JSONL line (trailing newline allowed) as a RawRow; None for a blank line (skipped, not counted)."""
    raw = raw.rstrip(b"\r\n")
    if not raw.strip():
        return None
    text, bad = _decode(raw)
    if bad:
        return lineno, text, None, bad
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return lineno, text, None, f"broken JSON: {exc.args[0] if exc.args else exc}"
    if not isinstance(obj, dict):
        return lineno, text, None, f"not a JSON object (got {type(obj).__name__})"
    return lineno, text, obj, None


def iter_jsonl(path: Path) -> Iterator[RawRow]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        fh = opener(path, "rb")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            row = parse_jsonl_line(lineno, raw)
            if row is not None:
                yield row


def iter_jsonl_range(path: Path, start: int, end: int, first_line: int) -> Iterator[RawRow]:
    """Rows of the lines of an uncompressed JSONL file that start in bytes [start, end) (`start` at a line
    start, which is line number `first_line`): lets engines read one file in parallel splits."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with fh:
        fh.seek(start)
        pos = start
        for lineno, raw in enumerate(fh, start=first_line):
            if pos >= end:
                break
            pos += len(raw)
            row = parse_jsonl_line(lineno, raw)
            if row is not None:
                yield row


def _unnest(row: dict[str, Any]) -> str | None:
    """Parse JSON-text nested fields in place; return a reason when one is not valid JSON."""
    for key in NESTED_FIELDS & row.keys():
        val = row[key]
        if isinstance(val, str):
            if val.strip() == "":
                row[key] = None
                continue
            try:
                row[key] = orjson.loads(val)
            except orjson.JSONDecodeError:
                return f"wrong type for field {key}: not valid JSON text"
    return None


def iter_csv(path: Path) -> Iterator[RawRow]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    header = [h.lstrip("\ufeff").strip() for h in header]
    start = reader.line_num
    for fields in reader:
        lineno = start + 1 if start else reader.line_num
        start = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        raw_line = ",".join(fields)
        if any("\udc80" <= ch <= "\udcff" for f in fields for ch in f):
            shown = raw_line.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            yield lineno, shown, None, "invalid UTF-8"
            continue
        if len(fields) != len(header):
            yield lineno, raw_line, None, f"wrong number of columns ({len(fields)}, header has {len(header)})"
            continue
        # Empty CSV cells mean "absent", so optional fields take their defaults.
        row: dict[str, Any] = {k: v for k, v in zip(header, fields, strict=True) if v != ""}
        bad = _unnest(row)
        yield lineno, raw_line, (None if bad else row), bad


def _plain(value: Any) -> Any:
    """Parquet timestamps/dates become ISO strings, as they are in JSONL."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def iter_parquet(path: Path) -> Iterator[RawRow]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read {path}: not a readable Parquet file ({exc})") from exc
    lineno = 0
    for batch in pf.iter_batches(batch_size=65536):
        for row in batch.to_pylist():
            lineno += 1
            clean = {k: _plain(v) for k, v in row.items() if v is not None}
            raw = orjson.dumps(row, default=str).decode("utf-8")
            bad = _unnest(clean)
            yield lineno, raw, (None if bad else clean), bad


def iter_rows(path: Path) -> Iterator[RawRow]:
    """Rows of any supported file, chosen by extension."""
    name = path.name.lower()
    if not path.exists():
        raise UsageError(f"cannot read {path}: no such file")
    if path.is_dir():
        raise UsageError(f"cannot read {path}: is a directory")
    if name.endswith((".csv", ".csv.gz")):
        return iter_csv(path)
    if name.endswith(".parquet"):
        return iter_parquet(path)
    return iter_jsonl(path)
