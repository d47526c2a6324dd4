"""Claim bank changes in the store: every add or update (verdict changes above all) is an audit row."""

from __future__ import annotations

from collections.abc import Iterable

from vigil import audit
from vigil.claims.bank import ClaimBank, ClaimChange
from vigil.model import Claim
from vigil.store import SQLiteStore


def apply_claims(store: SQLiteStore, claims: Iterable[Claim], *, actor: str, reason: str) -> list[ClaimChange]:
    """Upsert claims into the store's bank; returns what changed (nothing for an identical re-import)."""
    bank = ClaimBank({c.claim_id: c for c in store.claims()})
    changes = bank.upsert_many(claims)
    if not changes:
        return []
    with store.transaction() as conn:
        for ch in changes:
            store_claim = bank.claims[ch.claim_id]
            conn.execute(
                "INSERT INTO claims (claim_id, verdict, data) VALUES (?,?,?) ON CONFLICT(claim_id) DO UPDATE SET "
                "verdict=excluded.verdict, data=excluded.data",
                (store_claim.claim_id, store_claim.verdict, store_claim.model_dump_json()))
            action = "claim.verdict_change" if ch.verdict_changed else ch.action
            audit.append(conn, actor=actor, action=action, subject={"claim_id": ch.claim_id},
                         before=ch.before, after=ch.after, reason=reason)
    return changes
