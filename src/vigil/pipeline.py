"""Wires ingest and detectors: load inputs (quarantining bad lines), run every detector, collect findings.

Chunkable detectors see accounts in chunks together with all of those accounts' posts and reports;
the others see everything at once. With `workers > 1` chunks are spread over forked processes that
inherit the already-built detectors, so indexes are built once.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vigil.detectors.base import Batch, Detector, Resources, registered, sort_findings
from vigil.ingest import IngestCounts, QuarantineEntry, read_records
from vigil.ingest.reader import REFERENCE_KINDS
from vigil.ingest.snapshot import read_snapshotted
from vigil.model import Account, Claim, Credential, Entity, Finding, Post, Report

AccountKey = tuple[str, str]


@dataclass
class Inputs:
    """Validated records of one run plus what ingest counted and quarantined."""

    entities: Sequence[Entity] = field(default_factory=list)
    claims: Sequence[Claim] = field(default_factory=list)
    credentials: Sequence[Credential] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    counts: IngestCounts = field(default_factory=IngestCounts)
    quarantine: list[QuarantineEntry] = field(default_factory=list)

    @property
    def resources(self) -> Resources:
        return Resources(entities=self.entities, claims=self.claims, credentials=self.credentials,
                         as_of=latest_timestamp(self.accounts, self.posts, self.reports))


def latest_timestamp(*groups: Sequence[Any]) -> str | None:
    """The latest created_at in the inputs: the run's reference time, identical for every chunk."""
    latest: str | None = None
    for group in groups:
        for rec in group:
            ts = getattr(rec, "created_at", None)
            if ts and (latest is None or ts > latest):
                latest = ts
    return latest


def load_inputs(paths: dict[str, Path | None], on_record: Callable[[str], None] | None = None) -> Inputs:
    """Read every given file (kind -> path); bad lines are quarantined, never fatal."""
    inputs = Inputs()
    # Records pile up and live for the whole run: the cyclic GC would walk them again at every
    # full collection while they are read (they hold no reference cycles to collect).
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for kind in ("entities", "claims", "credentials", "accounts", "posts", "reports"):
            path = paths.get(kind)
            if path is None:
                continue
            if kind in REFERENCE_KINDS:  # read run after run: validated once per content (ingest.snapshot)
                setattr(inputs, kind, read_snapshotted(path, kind, inputs.counts, inputs.quarantine.append))
                if on_record:
                    for _ in getattr(inputs, kind):
                        on_record(kind)
                continue
            target: list[Any] = getattr(inputs, kind)
            for rec in read_records(path, kind, inputs.counts, inputs.quarantine.append):
                target.append(rec)
                if on_record:
                    on_record(kind)
    finally:
        if gc_was:
            gc.enable()
    return inputs


def build_detectors(
    resources: Resources, threshold: float | None = None, names: Iterable[str] | None = None
) -> list[Detector]:
    chosen_names = None if names is None else list(names)
    available = registered(chosen_names)
    chosen = list(available) if chosen_names is None else chosen_names
    unknown = [n for n in chosen if n not in available]
    if unknown:
        from vigil.errors import UsageError

        raise UsageError(f"unknown detector(s): {', '.join(unknown)}; known: {', '.join(available)}")
    return [available[n](resources, threshold) for n in chosen]


def sorted_keys(keys: Iterable[AccountKey]) -> list[AccountKey]:
    """`sorted(keys)` for distinct (platform, account_id) keys, ~5x faster: ids sorted as plain strings
    within each platform (tuple comparison costs a Python-level compare per pair: 0.46 s for 200k keys)."""
    ids: dict[str, list[str]] = {}
    for platform, account_id in keys:
        ids.setdefault(platform, []).append(account_id)
    return [(platform, a) for platform in sorted(ids) for a in sorted(ids[platform])]


def group_by_account(
    accounts: Sequence[Account], posts: Sequence[Post], reports: Sequence[Report], chunk: int
) -> Iterator[Batch]:
    """Batches of at most `chunk` account keys, each with all posts and reports of those accounts."""
    posts_of: dict[AccountKey, list[Post]] = defaultdict(list)
    for p in posts:
        posts_of[(p.platform, p.account_id)].append(p)
    reports_of: dict[AccountKey, list[Report]] = defaultdict(list)
    for r in reports:
        reports_of[(r.platform, r.subject.account_id)].append(r)
    account_of = {(a.platform, a.account_id): a for a in accounts}
    if not posts_of and not reports_of:  # accounts only: nothing to gather beside them
        keys = sorted_keys(account_of)
        for start in range(0, len(keys), chunk):
            yield Batch(accounts=[account_of[k] for k in keys[start : start + chunk]])
        return
    keys = sorted_keys(account_of.keys() | posts_of.keys() | reports_of.keys())
    for start in range(0, len(keys), chunk):
        part = keys[start : start + chunk]
        yield Batch(
            accounts=[account_of[k] for k in part if k in account_of],
            posts=[p for k in part for p in posts_of.get(k, ())],
            reports=[r for k in part for r in reports_of.get(k, ())],
        )


@dataclass
class ScanResult:
    findings: list[Finding]
    ignored: int


def finalize(findings: Iterable[Finding]) -> list[Finding]:
    """Every engine's last step. Two detectors may reach the same conclusion (e.g. impersonation.name and
    impersonation.newsroom on one account and entity): keep one line per subject x category x subcategory
    x target, the best, in a stable order."""
    best: dict[tuple[str, ...], Finding] = {}
    for f in findings:
        prev = best.get(f.dedup_key())
        if prev is None or (f.score, f.detector) > (prev.score, prev.detector):
            best[f.dedup_key()] = f
    return sort_findings(best.values())


_WORKER_DETECTORS: list[Detector] = []
_WORKER_BATCHES: list[Batch] = []


def _run_chunk_number(i: int) -> tuple[list[Finding], int]:
    return _run_chunk(_WORKER_BATCHES[i])


def _run_chunk(batch: Batch) -> tuple[list[Finding], int]:
    found: list[Finding] = []
    ignored = 0
    for det in _WORKER_DETECTORS:
        out = det.detect(batch)
        found.extend(out.findings)
        ignored += out.ignored
    return found, ignored


def run_detectors(
    detectors: Sequence[Detector],
    accounts: Sequence[Account],
    posts: Sequence[Post] = (),
    reports: Sequence[Report] = (),
    *,
    chunk: int = 10000,
    workers: int = 1,
    on_chunk: Callable[[int], None] | None = None,
) -> ScanResult:
    """Run detectors over the records; the result does not depend on `chunk` or `workers`."""
    global _WORKER_DETECTORS, _WORKER_BATCHES
    chunked = [d for d in detectors if d.chunkable]
    whole = [d for d in detectors if not d.chunkable]
    findings: list[Finding] = []
    ignored = 0
    if chunked:
        _WORKER_DETECTORS = chunked
        batches = group_by_account(accounts, posts, reports, chunk)
        if workers > 1 and len(accounts) + len(posts) > 2 * chunk and "fork" in mp.get_all_start_methods():
            # Forked workers inherit the batches: only a batch number goes to them, only findings come back.
            _WORKER_BATCHES = list(batches)
            for d in chunked:
                d.warm()
            with mp.get_context("fork").Pool(workers) as pool:
                results: Iterable[tuple[list[Finding], int]] = pool.imap(_run_chunk_number,
                                                                         range(len(_WORKER_BATCHES)))
                for found, ign in results:
                    findings.extend(found)
                    ignored += ign
                    if on_chunk:
                        on_chunk(len(found))
        else:
            for batch in batches:
                found, ign = _run_chunk(batch)
                findings.extend(found)
                ignored += ign
                if on_chunk:
                    on_chunk(len(found))
        _WORKER_DETECTORS, _WORKER_BATCHES = [], []
    if whole:
        everything = Batch(accounts=accounts, posts=posts, reports=reports)
        for det in whole:
            out = det.detect(everything)
            findings.extend(out.findings)
            ignored += out.ignored
    return ScanResult(findings=finalize(findings), ignored=ignored)
