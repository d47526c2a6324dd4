"""Rumour spread clusters for the report, read from the store (only the flagged posts are loaded)."""

from __future__ import annotations

from typing import Any

from vigil.model import Account, Post
from vigil.store import SQLiteStore


def spread_from_store(store: SQLiteStore, limit: int = 25) -> list[dict[str, Any]]:
    from vigil.claims.spread import spread_clusters

    findings = [f for f in store.findings() if f.category == "debunked_claim"]
    if not findings:
        return []
    conn = store.conn
    posts = [Post.model_validate_json(r[0]) for r in conn.execute(
        "SELECT p.data FROM posts p JOIN findings f ON f.platform=p.platform AND f.post_id=p.post_id "
        "WHERE f.category='debunked_claim' GROUP BY p.platform, p.post_id")]
    accounts = [Account.model_validate_json(r[0]) for r in conn.execute(
        "SELECT a.data FROM accounts a WHERE EXISTS (SELECT 1 FROM findings f WHERE f.platform=a.platform "
        "AND f.account_id=a.account_id AND f.category='debunked_claim')")]
    clusters = spread_clusters(findings, posts, accounts)[:limit]
    for c in clusters:
        c.pop("members", None)  # the report lists clusters, not every post
    return clusters
