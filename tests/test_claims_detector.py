"""debunked_claim detector: matches, refutations, official accounts, near-duplicates, spread clusters."""

from __future__ import annotations

import pytest

from claims_support import Topic
from vigil.claims.spread import spread_clusters
from vigil.detectors.base import Batch, Resources
from vigil.detectors.claims import DebunkedClaimDetector
from vigil.model import Account, Claim, Entity, Post


@pytest.fixture(autouse=True)
def _lexical_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_SEMANTIC", "none")  # tests never depend on an optional model


CLAIMS = [
    Claim(claim_id="c1", text="Drinking hot water kills the coronavirus.", verdict="False", language="en"),
    Claim(claim_id="c2", text="喝板蓝根可以预防新冠病毒感染", verdict="谣言", language="zh"),
    Claim(claim_id="c3", text="The city will be locked down from Monday.", verdict="True", language="en"),
    Claim(claim_id="c4", text="5G towers spread the coronavirus.", verdict="Pants on Fire", language="en"),
    Claim(claim_id="c5", text="吃大蒜可以杀死新冠病毒，一天吃三瓣就不会感染", verdict="不实", language="zh"),
    Claim(claim_id="c6", text="Bill Gates wants to implant microchips with the covid vaccine",
          verdict="Unproven", language="en"),
]
ENTITIES = [Entity(entity_id="cn-cdc", kind="public_institution", names=["中国疾控中心"],
                   official_accounts=[{"platform": "weibo", "account_id": "cdc"}])]  # type: ignore[list-item]


def P(pid: str, acct: str, text: str, when: str = "2024-01-01T00:00:00Z", platform: str = "weibo",
      reposts: int = 0) -> Post:
    return Post(platform=platform, post_id=pid, account_id=acct, text=text, created_at=when, reposts=reposts)


SPREADING = {
    "s1": P("s1", "u1", "喝板蓝根可以预防新冠病毒感染，大家快囤！", "2024-01-01T08:00:00Z", reposts=50),
    "s2": P("s2", "u2", "Drinking hot water kills the coronavirus!! Share with everyone", platform="x"),
    "s3": P("s3", "u3", "吃大蒜可以杀死新冠病毒，一天吃三瓣就不会感染，转给家人"),
    "s4": P("s4", "u4", "5G towers are spreading the coronavirus, wake up people", platform="x"),
}
COPIES = {
    "d1": P("d1", "u5", "转发//@小王: 真的吗//@老李：喝板藍根可以預防新冠病毒感染，大家快囤！😷 #抗疫#",
            "2024-01-02T08:00:00Z", reposts=5),
}
REFUTATIONS = {
    "r1": P("r1", "cdc", "网传喝板蓝根可以预防新冠病毒感染，经核实系谣言。"),
    "r2": P("r2", "u6", "【辟谣】喝板蓝根不能预防新冠病毒感染，别再转了"),
    "r3": P("r3", "u7", "No, this is false: drinking hot water does not kill the coronavirus.", platform="x"),
    "r4": P("r4", "u8", "Fact check: 5G towers do not spread the coronavirus", platform="x"),
    "r5": P("r5", "cdc", "关于网传“喝板蓝根可以预防新冠病毒感染”的情况说明"),
}
ORDINARY = {
    "o1": P("o1", "u9", "今天天气真好，去公园散步"),
    "o2": P("o2", "u9", "Had a lovely cup of tea this morning", platform="x"),
    "o3": P("o3", "u10", "The city will be locked down from Monday, stock up on food", platform="x"),  # true claim
    "o4": P("o4", "u10", "Bill Gates wants to implant microchips with the covid vaccine!", platform="x"),  # unproven
    "o5": P("o5", "u11", "新冠疫苗第三针什么时候可以打？社区医院说下周"),
}
ACCOUNTS = [
    Account(platform="weibo", account_id="u1", display_name="a", followers=1000),
    Account(platform="weibo", account_id="u5", display_name="b", followers=10),
]


def run(posts: dict[str, Post], threshold: float | None = None) -> dict[tuple[str, str], dict[str, object]]:
    det = DebunkedClaimDetector(Resources(entities=ENTITIES, claims=CLAIMS), threshold)
    out = det.detect(Batch(posts=list(posts.values())))
    return {(f.subject.post_id or "", f.subcategory): f.evidence for f in out.findings}


ALL = {**SPREADING, **COPIES, **REFUTATIONS, **ORDINARY}


def test_spreading_posts_are_matched_to_their_claim() -> None:
    found = run(ALL)
    expected = {"s1": "c2", "s2": "c1", "s3": "c5", "s4": "c4", "d1": "c2"}
    for pid, cid in expected.items():
        ev = found.get((pid, "match"))
        assert ev is not None, pid
        assert ev["claim_id"] == cid and ev["verdict"] in ("false", "misleading")
        assert ev["verdict_original"] and 0 < float(ev["score"]) <= 1  # type: ignore[arg-type]


def test_refutations_ordinary_true_and_unproven_are_not_flagged() -> None:
    flagged = {pid for pid, _ in run(ALL)}
    assert not flagged & (set(REFUTATIONS) | set(ORDINARY))


def test_near_duplicate_points_at_the_flagged_post() -> None:
    ev = run(ALL)[("d1", "near_duplicate")]
    assert ev["of_post_id"] == "s1" and ev["claim_id"] == "c2" and float(ev["similarity"]) >= 0.7  # type: ignore[arg-type]


def test_spread_clusters() -> None:
    det = DebunkedClaimDetector(Resources(entities=ENTITIES, claims=CLAIMS))
    findings = det.detect(Batch(posts=list(ALL.values()))).findings
    clusters = {c["claim_id"]: c for c in spread_clusters(findings, list(ALL.values()), ACCOUNTS)}
    c2 = clusters["c2"]
    assert c2["posts"] == 2 and c2["accounts"] == 2
    assert c2["first_post"]["post_id"] == "s1" and c2["first_poster"]["account_id"] == "u1"
    assert c2["reposts"] == 55 and c2["followers"] == 1010 and c2["reach"] == 1065
    assert [t["date"] for t in c2["timeline"]] == ["2024-01-01", "2024-01-02"]
    # dict findings (as read back from findings.jsonl) give the same clusters
    dicts = [f.model_dump() for f in findings]
    assert spread_clusters(dicts, list(ALL.values()), ACCOUNTS)[0]["claim_id"] == next(
        iter(spread_clusters(findings, list(ALL.values()), ACCOUNTS)))["claim_id"]

TOPICS = [("hot water", "warm drink", "boiling"), ("板蓝根", "中药茶"), ("5g", "phone masts"), ("大蒜", "garlic")]


def test_dense_stage_reaches_retellings_in_own_words(monkeypatch: pytest.MonkeyPatch) -> None:
    import vigil.detectors.claims as mod

    monkeypatch.setattr(mod, "load_embedder", lambda kind: Topic("fake-topics", TOPICS))
    retelling = P("p1", "u1", "Phone masts spread the coronavirus, everyone", platform="x")
    det = DebunkedClaimDetector(Resources(entities=ENTITIES, claims=CLAIMS))
    assert det.matcher.has_semantic
    found = {f.subject.post_id: f.evidence for f in det.detect(Batch(posts=[retelling, *ORDINARY.values()])).findings}
    assert found.get("p1", {}).get("claim_id") == "c4" and found["p1"]["semantic"] is True
    assert not set(found) & set(ORDINARY)
    monkeypatch.setenv("VIGIL_SEMANTIC_BUDGET", "1")  # the budget bounds how many posts are embedded
    det2 = DebunkedClaimDetector(Resources(entities=ENTITIES, claims=CLAIMS))
    out = det2.detect(Batch(posts=[retelling, *SPREADING.values()])).findings
    assert sum(1 for f in out if f.evidence.get("semantic")) <= 1
