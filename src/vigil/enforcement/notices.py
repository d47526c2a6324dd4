"""The notice an account holder receives for each penalty: rule, evidence, penalty, end date, appeal."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from vigil.policy import Decision, PenaltyAction, Policy

PENALTY_TEXT = {
    "warning": "a formal warning",
    "remove_post": "removal of the post",
    "remove_followers": "removal of all followers",
    "suspend_monetization": "suspension of monetisation",
    "cancel_monetization": "cancellation of monetisation",
    "suspend_account": "temporary suspension of the account",
    "close_account": "permanent closure of the account",
}


def notice_id_for(decision_id: str, action: PenaltyAction) -> str:
    raw = f"{decision_id}\x1f{action.penalty}\x1f{action.post_id or ''}"
    return "n-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def render_notice(decision: Decision, action: PenaltyAction, policy: Policy, as_of: datetime) -> dict[str, Any]:
    rule = policy.rules[decision.category]
    deadline = (as_of + timedelta(days=policy.appeal_window_days)).isoformat().replace("+00:00", "Z")
    what = PENALTY_TEXT[action.penalty]
    # the decision's reason starts with the rule ("VIG-IMP Title: evidence"); the message names the rule already
    why = decision.reason.removeprefix(f"{rule.rule_id} {rule.title}: ")
    until = f" until {action.ends_at}" if action.ends_at else ""
    target = f" (post {action.post_id})" if action.post_id else ""
    return {
        "notice_id": notice_id_for(decision.decision_id, action),
        "decision_id": decision.decision_id,
        "platform": decision.platform,
        "account_id": decision.account_id,
        "post_id": action.post_id,
        "penalty": action.penalty,
        "ends_at": action.ends_at,
        "rule_id": rule.rule_id,
        "rule": rule.title,
        "rule_text": rule.text,
        "evidence_summary": decision.reason,
        "automated": True,
        "message": (
            f"Your account {decision.account_id} on {decision.platform} received {what}{target}{until} under "
            f"rule {rule.rule_id} ({rule.title}). Why: {why}. You may appeal until {deadline}."
        ),
        "appeal": {
            "deadline": deadline,
            "how": f"POST /api/v1/decisions/{decision.decision_id}/appeal with your reasons, or reply to this notice; "
                   "a different reviewer decides the appeal.",
            "decision_id": decision.decision_id,
        },
    }
