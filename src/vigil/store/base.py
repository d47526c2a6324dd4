"""The small store interface the pipeline needs; SQLite implements it, other backends can too."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from vigil.ingest import QuarantineEntry
from vigil.model import Account, Claim, Credential, Entity, Finding, Post, Report


class Store(Protocol):
    def upsert_records(self, kind: str, records: Iterable[Any]) -> int:
        """Insert or update records of a kind; returns how many rows changed (0 on a re-ingest)."""

    def add_quarantine(self, entries: Iterable[QuarantineEntry]) -> None: ...

    def entities(self) -> list[Entity]: ...

    def claims(self) -> list[Claim]: ...

    def credentials(self) -> list[Credential]: ...

    def reports(self) -> list[Report]: ...

    def iter_accounts(self, chunk: int = 10000) -> Iterator[list[Account]]: ...

    def posts_of(self, keys: Iterable[tuple[str, str]]) -> list[Post]: ...

    def all_posts(self) -> list[Post]: ...

    def save_findings(self, findings: Iterable[Finding]) -> int: ...

    def findings(self) -> list[Finding]: ...
