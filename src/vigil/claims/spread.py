"""Spread clusters per debunked claim, for the transparency report.

A cluster holds every post flagged as repeating the claim (`match`) or copying such a post
(`near_duplicate`, which carries the claim id of the post it copies). Reach = the posts' reposts plus the
followers of the distinct accounts that posted. Accepts Finding objects or their JSON dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from vigil.model import Account, Finding, Post


def _as_dict(f: Finding | Mapping[str, Any]) -> Mapping[str, Any]:
    return f.model_dump() if isinstance(f, Finding) else f


def spread_clusters(
    findings: Iterable[Finding | Mapping[str, Any]],
    posts: Iterable[Post],
    accounts: Iterable[Account],
) -> list[dict[str, Any]]:
    """One dict per claim, largest reach first:
    {"claim_id", "verdict", "posts", "accounts", "platforms", "first_post": {...}, "first_poster": {...},
     "reposts", "followers", "reach", "timeline": [{"date", "posts", "cumulative"}], "members": [...]}."""
    post_by = {(p.platform, p.post_id): p for p in posts}
    acct_by = {(a.platform, a.account_id): a for a in accounts}
    members: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    verdicts: dict[str, Any] = {}
    for raw in findings:
        f = _as_dict(raw)
        if f.get("category") != "debunked_claim":
            continue
        ev = f.get("evidence") or {}
        claim_id = ev.get("claim_id")
        subj = f.get("subject") or {}
        if not claim_id or not subj.get("post_id"):
            continue
        if ev.get("verdict") is not None:
            verdicts.setdefault(str(claim_id), ev.get("verdict"))
        key = (str(subj["platform"]), str(subj["post_id"]))
        post = post_by.get(key)
        entry = members.setdefault(str(claim_id), {}).setdefault(key, {
            "platform": key[0],
            "post_id": key[1],
            "account_id": str(subj.get("account_id")),
            "created_at": post.created_at if post else None,
            "reposts": (post.reposts or 0) if post else 0,
            "subcategories": [],
            "of_post_id": None,
        })
        entry["subcategories"] = sorted({*entry["subcategories"], str(f.get("subcategory"))})
        if ev.get("of_post_id"):
            entry["of_post_id"] = ev["of_post_id"]
    clusters: list[dict[str, Any]] = []
    for claim_id, group in members.items():
        rows = sorted(group.values(), key=lambda r: (r["created_at"] is None, r["created_at"] or "",
                                                     r["platform"], r["post_id"]))
        accts = sorted({(r["platform"], r["account_id"]) for r in rows})
        followers = sum((acct_by[a].followers or 0) for a in accts if a in acct_by)
        reposts = sum(int(r["reposts"]) for r in rows)
        per_day: dict[str, int] = {}
        for r in rows:
            if r["created_at"]:
                day = str(r["created_at"])[:10]
                per_day[day] = per_day.get(day, 0) + 1
        timeline, total = [], 0
        for day in sorted(per_day):
            total += per_day[day]
            timeline.append({"date": day, "posts": per_day[day], "cumulative": total})
        first = rows[0]
        first_acct = acct_by.get((first["platform"], first["account_id"]))
        clusters.append({
            "claim_id": claim_id,
            "verdict": verdicts.get(claim_id),
            "posts": len(rows),
            "accounts": len(accts),
            "platforms": sorted({r["platform"] for r in rows}),
            "first_post": {k: first[k] for k in ("platform", "post_id", "account_id", "created_at")},
            "first_poster": {
                "platform": first["platform"],
                "account_id": first["account_id"],
                "display_name": first_acct.display_name if first_acct else None,
                "followers": (first_acct.followers if first_acct else None),
            },
            "reposts": reposts,
            "followers": followers,
            "reach": reposts + followers,
            "timeline": timeline,
            "members": rows,
        })
    clusters.sort(key=lambda c: (-c["reach"], -c["posts"], c["claim_id"]))
    return clusters
