"""decide(findings, history, policy, as_of) -> decisions. Pure: no I/O, no clock, no randomness."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from vigil.model import Finding
from vigil.policy.model import SEVERITIES, Policy

ACCOUNT_LEVEL = frozenset(
    {"remove_followers", "suspend_monetization", "cancel_monetization", "suspend_account", "close_account"}
)


@dataclass(frozen=True)
class PenaltyAction:
    penalty: str
    post_id: str | None = None
    ends_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"penalty": self.penalty, "post_id": self.post_id, "ends_at": self.ends_at}


@dataclass(frozen=True)
class AccountHistory:
    """What earlier campaigns did to the account: the strikes that escalate the ladder."""

    strikes: int = 0
    closed: bool = False


@dataclass(frozen=True)
class Decision:
    decision_id: str
    platform: str
    account_id: str
    post_id: str | None
    category: str
    subcategory: str
    severity: str
    strikes_before: int
    penalties: tuple[PenaltyAction, ...]
    rule_id: str
    reason: str
    evidence: dict[str, Any]
    finding_ids: tuple[str, ...]
    score: float
    reported: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def decision_id_for(platform: str, account_id: str, post_id: str | None, category: str,
                    finding_ids: Sequence[str]) -> str:
    raw = "\x1f".join([platform, account_id, post_id or "", category, *sorted(finding_ids)])
    return "d-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def _ts(as_of: datetime, days: int) -> str:
    return (as_of + timedelta(days=days)).isoformat().replace("+00:00", "Z")


def _summary(f: Finding) -> str:
    ev = f.evidence
    if f.category == "impersonation":
        if f.subcategory == "invented_authority":
            return f"name {ev.get('observed')!r} uses authority terms {ev.get('matched_terms')}"
        return f"name {ev.get('observed')!r} matches protected entity {ev.get('matched_name')!r} ({ev.get('entity_id')})"
    if f.category == "debunked_claim":
        if f.subcategory == "near_duplicate":
            return f"post copies already-flagged post {ev.get('of_post_id')} (claim {ev.get('claim_id')})"
        return f"post repeats claim {ev.get('claim_id')} rated {ev.get('verdict')!r} by fact-checkers"
    if f.category == "unqualified_services":
        return f"offers {f.subcategory} services; credential: {ev.get('credential_status', 'none on record')}"
    signals = ev.get("signals") or ev.get("signals_fired") or []
    return f"{f.subcategory}: signals {signals}"


def decide(
    findings: Sequence[Finding],
    history: AccountHistory,
    policy: Policy,
    as_of: datetime,
    reported: frozenset[str | None] = frozenset(),
) -> list[Decision]:
    """Decisions for ONE account's findings that the policy may decide automatically.

    Account-level findings make one decision per category; post-level findings one per post and
    category. Decisions are taken in a fixed order (most severe first) and each one is a strike that
    escalates the ladder for the next. Nothing follows a closure. `reported` holds the post ids (None:
    the account itself) that public reports named, so decisions can cite the notice as their source.
    """
    eligible = [f for f in findings if f.score >= policy.auto_decide_min_score and f.category in policy.rules]
    if not eligible or history.closed:
        return []
    platform, account_id = eligible[0].subject.platform, eligible[0].subject.account_id
    groups: dict[tuple[str | None, str], list[Finding]] = defaultdict(list)
    for f in eligible:
        groups[(f.subject.post_id, f.category)].append(f)

    def sev_of(fs: list[Finding]) -> int:
        return max(SEVERITIES.index(policy.severity_of(f.category, f.subcategory, f.evidence)) for f in fs)

    order = sorted(groups.items(), key=lambda kv: (kv[0][0] is not None, -sev_of(kv[1]), kv[0][1], kv[0][0] or ""))
    strikes, closed, decisions = history.strikes, False, []
    for (post_id, category), fs in order:
        if closed:
            break
        fs = sorted(fs, key=lambda f: (-f.score, f.finding_id))
        lead = max(fs, key=lambda f: (SEVERITIES.index(policy.severity_of(f.category, f.subcategory, f.evidence)),
                                      f.score, f.finding_id))
        severity = SEVERITIES[sev_of(fs)]
        ladder = policy.ladders[severity]
        step = ladder[min(strikes, len(ladder) - 1)]
        posts = sorted({p for f in fs for p in _posts_named(f)})
        actions: list[PenaltyAction] = []
        for penalty in step:
            if penalty == "remove_post":
                actions.extend(PenaltyAction("remove_post", post_id=p) for p in posts)
            elif penalty in ("suspend_monetization", "suspend_account"):
                actions.append(PenaltyAction(penalty, ends_at=_ts(as_of, policy.durations_days[penalty])))
            else:
                actions.append(PenaltyAction(penalty))
        if not actions:  # e.g. a post-only step for an account-level finding: fall back to a warning
            actions.append(PenaltyAction("warning"))
        rule = policy.rules[category]
        ids = tuple(f.finding_id for f in fs)
        decisions.append(
            Decision(
                decision_id=decision_id_for(platform, account_id, post_id, category, ids),
                platform=platform, account_id=account_id, post_id=post_id, category=category,
                subcategory=lead.subcategory, severity=severity, strikes_before=strikes,
                penalties=tuple(actions), rule_id=rule.rule_id,
                reason=f"{rule.rule_id} {rule.title}: " + "; ".join(_summary(f) for f in fs[:3]),
                evidence={"findings": [{"finding_id": f.finding_id, "detector": f.detector,
                                        "subcategory": f.subcategory, "score": f.score, **f.evidence}
                                       for f in fs]},
                finding_ids=ids, score=max(f.score for f in fs),
                reported=None in reported or post_id in reported,
            )
        )
        strikes += 1
        closed = any(a.penalty == "close_account" for a in actions)
    return decisions


def _posts_named(f: Finding) -> list[str]:
    if f.subject.post_id:
        return [f.subject.post_id]
    ids = f.evidence.get("post_ids") or []
    return [str(p) for p in ids] if isinstance(ids, list) else []
