"""Penalties are events; the ledger is derived; reversal restores followers and monetisation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from vigil import audit
from vigil.enforcement import LedgerSink, effective_state
from vigil.model import Account
from vigil.policy import Decision, PenaltyAction
from vigil.store import open_store

T0 = datetime(2023, 5, 1, tzinfo=UTC)


def _decision(actions: tuple[PenaltyAction, ...], did: str = "d-1") -> Decision:
    return Decision(decision_id=did, platform="weibo", account_id="a1", post_id=None, category="impersonation",
                    subcategory="news_media", severity="high", strikes_before=0, penalties=actions,
                    rule_id="VIG-IMP", reason="test", evidence={}, finding_ids=("f1",), score=0.9)


def _ledger(store, now: datetime | None = None) -> dict:  # type: ignore[no-untyped-def]
    row = store.conn.execute("SELECT status, suspended_until, followers, followers_removed, monetization, "
                             "monetization_until, removed_posts FROM ledger").fetchone()
    state = dict(row)
    return effective_state(state, now) if now else state


def test_apply_reverse_restores_followers_and_monetisation(tmp_path: Path) -> None:
    store = open_store(tmp_path / "l.db")
    store.upsert_records("accounts", [Account(platform="weibo", account_id="a1", display_name="x", followers=1200,
                                              monetized=True)])
    d = _decision((PenaltyAction("remove_followers"), PenaltyAction("cancel_monetization")))
    with store.transaction() as conn:
        sink = LedgerSink(conn)
        assert all(sink.apply(d, a, actor="t", at=T0) for a in d.penalties)
        assert not sink.apply(d, d.penalties[0], actor="t", at=T0)  # replay changes nothing
    s = _ledger(store)
    assert s["followers"] == 0 and s["followers_removed"] == 1200 and s["monetization"] == "cancelled"
    with store.transaction() as conn:
        assert LedgerSink(conn).reverse("d-1", actor="reviewer:2", at=T0, reason="appeal upheld") == 2
        assert LedgerSink(conn).reverse("d-1", actor="reviewer:2", at=T0, reason="again") == 0
    s = _ledger(store)
    assert s["followers"] == 1200 and s["followers_removed"] == 0 and s["monetization"] == "active"
    actions = [r["action"] for r in audit.log.rows(store.conn)]
    assert actions.count("penalty.apply.remove_followers") == 1 and "penalty.reverse.cancel_monetization" in actions
    assert audit.verify(store.conn)[0]


def test_suspension_expires_by_itself(tmp_path: Path) -> None:
    store = open_store(tmp_path / "l.db")
    end = (T0 + timedelta(days=15)).isoformat().replace("+00:00", "Z")
    d = _decision((PenaltyAction("suspend_account", ends_at=end), PenaltyAction("suspend_monetization", ends_at=end)))
    with store.transaction() as conn:
        for a in d.penalties:
            LedgerSink(conn).apply(d, a, actor="t", at=T0)
    assert _ledger(store, T0 + timedelta(days=1))["status"] == "suspended"
    assert _ledger(store, T0 + timedelta(days=16))["status"] == "active"  # checked on read
    with store.transaction() as conn:
        assert LedgerSink(conn).expire_due(T0 + timedelta(days=1)) == 0
        assert LedgerSink(conn).expire_due(T0 + timedelta(days=16)) == 2
        assert LedgerSink(conn).expire_due(T0 + timedelta(days=17)) == 0
    s = _ledger(store)
    assert s["status"] == "active" and s["monetization"] == "none"
    kinds = [r[0] for r in store.conn.execute("SELECT kind FROM penalty_events ORDER BY seq")]
    assert kinds == ["apply", "apply", "expire", "expire"]


def test_ledger_is_derivable_from_events_alone(tmp_path: Path) -> None:
    from vigil.enforcement.ledger import LEDGER_FIELDS, replay_ledger

    store = open_store(tmp_path / "l.db")
    store.upsert_records("accounts", [Account(platform="weibo", account_id="a1", display_name="x", followers=50,
                                              monetized=True)])
    end = (T0 + timedelta(days=15)).isoformat().replace("+00:00", "Z")
    d1 = _decision((PenaltyAction("remove_followers"), PenaltyAction("suspend_monetization", ends_at=end)), "d-1")
    d2 = _decision((PenaltyAction("suspend_account", ends_at=end), PenaltyAction("remove_post", post_id="p9")),
                   "d-2")
    with store.transaction() as conn:
        sink = LedgerSink(conn)
        for d in (d1, d2):
            for a in d.penalties:
                sink.apply(d, a, actor="t", at=T0)
        sink.reverse("d-1", actor="r", at=T0, reason="appeal")
        sink.expire_due(T0 + timedelta(days=20))
    stored = {(r[0], r[1]): dict(zip(LEDGER_FIELDS, r[2:], strict=True)) for r in store.conn.execute(
        f"SELECT platform, account_id, {', '.join(LEDGER_FIELDS)} FROM ledger")}
    assert replay_ledger(store.conn) == stored
    assert stored[("weibo", "a1")]["followers"] == 50 and stored[("weibo", "a1")]["removed_posts"] == 1
