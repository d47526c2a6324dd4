"""Policy: validated data, a pure decision function, a graduated ladder escalated by strikes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from vigil.errors import PolicyError
from vigil.model import make_finding
from vigil.policy import AccountHistory, decide, load_policy
from vigil.policy.model import parse_policy

AS_OF = datetime(2023, 5, 22, tzinfo=UTC)


def _f(category: str, sub: str, score: float = 0.95, post_id: str | None = None, **ev: object):  # type: ignore[no-untyped-def]
    evidence = {"entity_id": "cn-cdc", "matched_name": "中国疾控中心", "observed": "x"} if category == "impersonation" else {}
    if category == "debunked_claim":
        evidence = {"claim_id": "c1", "verdict": "false"}
    evidence.update(ev)
    return make_finding(platform="weibo", account_id="a1", post_id=post_id, category=category, subcategory=sub,
                        detector="t", score=score, evidence=evidence)


def test_builtin_policy_loads_and_is_hashed() -> None:
    p = load_policy()
    assert len(p.sha256) == 64 and set(p.rules) == {"impersonation", "debunked_claim", "unqualified_services",
                                                    "engagement_farming"}


def test_every_policy_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = Path(load_policy.__code__.co_filename).parent.joinpath("default.yaml").read_text(encoding="utf-8")
    bad = text.replace("[close_account]\n\n", "[explode_account]\n\n").replace("auto_decide_min_score: 0.85",
                                                                                "auto_decide_min_score: 7")
    with pytest.raises(PolicyError) as exc:
        parse_policy(bad, "p.yaml")
    msg = str(exc.value)
    assert "explode_account" in msg and "auto_decide_min_score" in msg
    with pytest.raises(PolicyError):
        parse_policy("- just a list", "p.yaml")


def test_decision_is_pure_and_deterministic() -> None:
    p = load_policy()
    fs = [_f("impersonation", "public_institution"), _f("debunked_claim", "match", post_id="p1")]
    a = decide(fs, AccountHistory(), p, AS_OF)
    b = decide(list(reversed(fs)), AccountHistory(), p, AS_OF)
    assert a == b and len(a) == 2


def test_ladder_escalates_with_prior_strikes() -> None:
    p = load_policy()
    rumour = [_f("debunked_claim", "match", post_id="p1")]
    steps = [[x.penalty for x in decide(rumour, AccountHistory(strikes=s), p, AS_OF)[0].penalties] for s in range(6)]
    assert steps[0] == ["remove_post"]
    assert steps[1] == ["remove_post", "remove_followers"]
    assert steps[2] == ["remove_post", "suspend_monetization"]
    assert steps[3] == ["cancel_monetization", "suspend_account"]
    assert steps[4] == steps[5] == ["close_account"]


def test_timed_penalties_carry_end_dates() -> None:
    p = load_policy()
    d = decide([_f("debunked_claim", "match", post_id="p1")], AccountHistory(strikes=2), p, AS_OF)[0]
    susp = next(a for a in d.penalties if a.penalty == "suspend_monetization")
    assert susp.ends_at == "2023-06-21T00:00:00Z"


def test_invented_military_authority_is_closed_and_nothing_follows_closure() -> None:
    p = load_policy()
    fs = [_f("impersonation", "invented_authority", entity_id=None, matched_terms=["司令部"]),
          _f("debunked_claim", "match", post_id="p1")]
    ds = decide(fs, AccountHistory(), p, AS_OF)
    assert [a.penalty for a in ds[0].penalties] == ["close_account"] and len(ds) == 1
    assert decide(fs, AccountHistory(closed=True), p, AS_OF) == []


def test_low_scores_are_left_for_review_and_titles_escalate() -> None:
    p = load_policy()
    assert decide([_f("impersonation", "news_media", score=0.5)], AccountHistory(), p, AS_OF) == []
    plain = decide([_f("unqualified_services", "medical", domain="medical")], AccountHistory(), p, AS_OF)[0]
    titled = decide([_f("unqualified_services", "medical", claimed_title="主任医师")], AccountHistory(), p, AS_OF)[0]
    assert plain.severity == "medium" and titled.severity == "high"
    assert "VIG-QUAL" in titled.reason and titled.evidence["findings"][0]["claimed_title"] == "主任医师"
