"""The contract every registered detector passes, automatically (pytx-style contract test)."""

from __future__ import annotations

import random

import pytest

from vigil.detectors.base import Batch, Detector, Resources, registered
from vigil.model import CATEGORIES, Account, Finding

DETECTORS = sorted(registered().items())


def _dump(findings: list[Finding]) -> list[str]:
    return [f.model_dump_json() for f in findings]


def test_at_least_one_detector_is_registered() -> None:
    assert "impersonation.name" in dict(DETECTORS)


@pytest.fixture(params=[name for name, _ in DETECTORS])
def detector_cls(request: pytest.FixtureRequest) -> type[Detector]:
    return registered()[request.param]


def test_empty_input_gives_nothing(detector_cls: type[Detector], resources: Resources) -> None:
    out = detector_cls(resources).detect(Batch())
    assert out.findings == [] and out.ignored == 0


def test_empty_resources_do_not_crash(detector_cls: type[Detector], batch: Batch) -> None:
    out = detector_cls(Resources()).detect(batch)
    for f in out.findings:
        assert f.evidence


def test_deterministic_and_order_independent(
    detector_cls: type[Detector], resources: Resources, batch: Batch
) -> None:
    first = detector_cls(resources).detect(batch)
    again = detector_cls(resources).detect(batch)
    rng = random.Random(7)
    accounts, posts, reports = list(batch.accounts), list(batch.posts), list(batch.reports)
    rng.shuffle(accounts)
    rng.shuffle(posts)
    rng.shuffle(reports)
    shuffled = detector_cls(resources).detect(Batch(accounts=accounts, posts=posts, reports=reports))
    assert _dump(first.findings) == _dump(again.findings) == _dump(shuffled.findings)


def test_findings_are_well_formed_with_evidence(
    detector_cls: type[Detector], resources: Resources, batch: Batch
) -> None:
    det = detector_cls(resources)
    out = det.detect(batch)
    keys = set()
    for f in out.findings:
        assert f.detector == det.name
        assert f.category in det.categories
        assert f.subcategory in CATEGORIES[f.category]
        assert 0.0 <= f.score <= 1.0 and f.score >= det.threshold
        assert f.evidence, "every finding carries evidence"
        if f.category == "impersonation":
            assert "entity_id" in f.evidence and f.evidence.get("observed")
            if f.subcategory == "invented_authority":
                assert f.evidence["entity_id"] is None and f.evidence.get("matched_terms")
            else:
                assert f.evidence.get("matched_name")
        if f.category == "debunked_claim":
            assert f.evidence.get("claim_id") or f.evidence.get("of_post_id")
        assert f.dedup_key() not in keys, "at most one finding per subject x category x subcategory x target"
        keys.add(f.dedup_key())


def test_official_accounts_never_flagged_for_their_entity(
    detector_cls: type[Detector], resources: Resources, batch: Batch
) -> None:
    owners = resources.official_accounts
    for f in detector_cls(resources).detect(batch).findings:
        own = owners.get((f.subject.platform, f.subject.account_id), frozenset())
        assert f.evidence.get("entity_id") not in own


def test_bad_records_are_ignored_and_counted(
    detector_cls: type[Detector], resources: Resources, batch: Batch
) -> None:
    junk: list[object] = [None, {"platform": "x"}, "not a record", 42]
    dirty = Batch(
        accounts=[*batch.accounts, *junk],  # type: ignore[list-item]
        posts=[*batch.posts, *junk],  # type: ignore[list-item]
        reports=[*batch.reports, *junk],  # type: ignore[list-item]
    )
    det = detector_cls(resources)
    clean_out = det.detect(batch)
    dirty_out = det.detect(dirty)
    assert _dump(dirty_out.findings) == _dump(clean_out.findings)
    assert dirty_out.ignored == len(junk) * len(det.needs)


def test_official_account_guard_is_enforced_by_the_base_class(resources: Resources) -> None:
    """Even a detector that tries to flag an official account for its own entity is stopped."""
    from vigil.model import make_finding

    class Naive(Detector):
        name = "test.naive"
        categories = ("impersonation",)

        def _detect(self, batch: Batch):  # type: ignore[no-untyped-def]
            for a in batch.accounts:
                yield make_finding(platform=a.platform, account_id=a.account_id, post_id=None,
                                   category="impersonation", subcategory="public_institution",
                                   detector=self.name, score=1.0,
                                   evidence={"entity_id": "cn-cdc", "matched_name": "中国疾控中心",
                                             "observed": a.display_name, "transforms": []})

    accts = [Account(platform="weibo", account_id="cdc-official", display_name="中国疾控中心"),
             Account(platform="weibo", account_id="someone", display_name="中国疾控中心")]
    out = Naive(resources).detect(Batch(accounts=accts))
    assert [f.subject.account_id for f in out.findings] == ["someone"]
