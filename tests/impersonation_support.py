"""Helpers shared by the impersonation tests: a registry entity, an uncached one-worker detector, and the
entity a display name (with handle or bio) is flagged as."""

from __future__ import annotations

import itertools

from vigil.detectors.base import Batch, Resources
from vigil.detectors.impersonation import ImpersonationDetector
from vigil.model import Account, Entity, Finding

_ids = itertools.count()


def ent(eid: str, kind: str, *names: str) -> Entity:
    return Entity(entity_id=eid, kind=kind, names=list(names))  # type: ignore[arg-type]


def detector(entities: list[Entity]) -> ImpersonationDetector:
    return ImpersonationDetector(Resources(entities=entities), use_cache=False, workers=1)


def finding(det: ImpersonationDetector, display: str, handle: str | None = None,
            bio: str | None = None, platform: str = "weibo") -> Finding | None:
    """The account's one impersonation finding, or None (never more than one)."""
    acc = Account(platform=platform, account_id=f"s{next(_ids)}", display_name=display, handle=handle, bio=bio)
    fs = det.detect(Batch(accounts=[acc])).findings
    assert len(fs) <= 1
    return fs[0] if fs else None


def entity_and_transforms(det: ImpersonationDetector, display: str,
                          handle: str | None = None) -> tuple[str | None, list[str]]:
    """(entity id, evidence transforms) of the account's finding, or (None, [])."""
    f = finding(det, display, handle)
    return (f.evidence["entity_id"], f.evidence["transforms"]) if f else (None, [])
