"""Validate raw rows into records; quarantine every bad one with a clear reason; keep counts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from vigil.ingest.formats import iter_rows
from vigil.model import Account, Claim, Credential, Entity, Post, Report

KINDS: dict[str, type[BaseModel]] = {
    "entities": Entity,
    "accounts": Account,
    "posts": Post,
    "claims": Claim,
    "credentials": Credential,
    "reports": Report,
}
REFERENCE_KINDS = ("entities", "claims", "credentials")
"""Reference data, read run after run (validated once per content: ingest.snapshot)."""


@dataclass(frozen=True)
class QuarantineEntry:
    source: str
    line: int
    reason: str
    raw: str

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "reason": self.reason, "raw": self.raw}


@dataclass
class IngestCounts:
    read: int = 0
    accepted: int = 0
    quarantined: int = 0
    by_source: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, source: str, accepted: bool) -> None:
        self.add_many(source, 1, 0 if accepted else 1)

    def add_many(self, source: str, read: int, quarantined: int) -> None:
        """`read` rows of `source`, `quarantined` of them rejected; a source with no rows is not listed."""
        if not read:
            return
        per = self.by_source.setdefault(source, {"read": 0, "accepted": 0, "quarantined": 0})
        per["read"] += read
        per["accepted"] += read - quarantined
        per["quarantined"] += quarantined
        self.read += read
        self.accepted += read - quarantined
        self.quarantined += quarantined

    def reconciles(self) -> bool:
        return self.read == self.accepted + self.quarantined


def explain(exc: ValidationError) -> str:
    """The first validation error as one human line: 'missing field x' / 'wrong type for field y: …'."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "record"
    if err["type"] == "missing":
        return f"missing field {where}"
    return f"wrong type for field {where}: {err['msg']}"


def _drop_nulls(obj: dict[str, Any]) -> dict[str, Any]:
    """null means absent (optional fields take their defaults, required ones are reported missing)."""
    vals = obj.values()
    if None not in vals and dict not in map(type, vals):
        return obj  # the common case, checked in C: nothing to drop, nothing nested
    return {k: (_drop_nulls(v) if isinstance(v, dict) else v) for k, v in obj.items() if v is not None}


def read_records(
    path: Path,
    kind: str,
    counts: IngestCounts,
    quarantine: Callable[[QuarantineEntry], None],
    seen: set[tuple[str, ...]] | None = None,
) -> Iterator[Any]:
    """Yield valid records of `kind` from `path`; every other non-blank line goes to `quarantine`.

    `seen` holds keys already accepted in this run (shared across files of one kind), so a key seen
    twice is quarantined even when the line is identical.
    """
    model = KINDS[kind]
    source = path.name
    seen = set() if seen is None else seen
    strict = is_strict(path)
    for lineno, raw, obj, reason in iter_rows(path):
        rec = None
        if obj is not None:
            rec, reason = validate_row(model, obj, strict)
        if rec is not None:
            key = rec.key()
            if key in seen:
                rec, reason = None, duplicate_reason(key)
            else:
                seen.add(key)
        if rec is None:
            counts.add(source, accepted=False)
            quarantine(QuarantineEntry(source, lineno, reason or "invalid record", raw))
            continue
        counts.add(source, accepted=True)
        yield rec


def is_strict(path: Path) -> bool:
    """Typed formats validate strictly; CSV cells are text, so they are coerced."""
    return not path.name.lower().endswith((".csv", ".csv.gz"))


def validate_row(model: type[BaseModel], obj: dict[str, Any], strict: bool) -> tuple[Any, str | None]:
    """(record, None) or (None, quarantine reason) for one parsed row: the per-row rule of `read_records`
    (the duplicate-key rule, which needs the whole run, is the caller's)."""
    try:
        # fast path: a null in an optional field equals its absence (their defaults are None)
        return model.model_validate(obj, strict=strict), None
    except ValidationError:
        try:  # nulls where a field has another default or is required: drop them, validate again
            return model.model_validate(_drop_nulls(obj), strict=strict), None
        except ValidationError as exc:
            return None, explain(exc)


def duplicate_reason(key: tuple[str, ...]) -> str:
    return "duplicate key " + "/".join(key)
