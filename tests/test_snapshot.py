"""Reference-file snapshots: a second read of the same bytes gives exactly what reading the file gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vigil.ingest.snapshot as snapshot
from vigil.detectors.base import Resources
from vigil.ingest import IngestCounts, QuarantineEntry, read_records
from vigil.ingest.snapshot import Records, read_snapshotted, records_digest
from vigil.pipeline import load_inputs


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VIGIL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(snapshot, "MIN_BYTES", 0)  # the fixture files are small
    return tmp_path / "cache" / "ref"


def _registry(path: Path, n: int = 50, extra: str = "") -> Path:
    lines = [json.dumps({"entity_id": f"e{i}", "kind": "government", "names": [f"Bureau {i}", f"局{i}"],
                         "official_accounts": [{"platform": "weibo", "account_id": f"o{i}"}]})
             for i in range(n)]
    lines[3] = "{not json"
    lines[7] = json.dumps({"entity_id": "e7", "kind": "government"})  # no names
    lines.append(lines[10])  # a repeated key
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def _direct(path: Path) -> tuple[list, list[QuarantineEntry], IngestCounts]:
    counts, bad = IngestCounts(), []
    return list(read_records(path, "entities", counts, bad.append)), bad, counts


def _snap(path: Path) -> tuple[Records, list[QuarantineEntry], IngestCounts]:
    counts, bad = IngestCounts(), []
    return read_snapshotted(path, "entities", counts, bad.append), bad, counts


def test_snapshot_read_equals_direct_read(tmp_path: Path, cache: Path) -> None:
    reg = _registry(tmp_path / "entities.jsonl")
    want_recs, want_bad, want_counts = _direct(reg)
    assert len(want_bad) == 3 and want_counts.by_source["entities.jsonl"]["read"] == 51
    first = _snap(reg)  # writes the snapshot
    assert len(list(cache.glob("entities-*.pkl"))) == 1
    second = _snap(reg)  # reads it
    for recs, bad, counts in (first, second):
        assert list(recs) == want_recs
        assert bad == want_bad
        assert counts.by_source == want_counts.by_source and counts.reconciles()
        assert recs.digest == records_digest(want_recs)


def test_changed_bytes_or_code_never_reuse_a_snapshot(tmp_path: Path, cache: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    reg = _registry(tmp_path / "entities.jsonl")
    _snap(reg)
    reg2 = _registry(tmp_path / "entities.jsonl", extra=json.dumps(
        {"entity_id": "new", "kind": "military", "names": ["Army X"]}) + "\n")
    recs, _, counts = _snap(reg2)
    assert recs[-1].entity_id == "new" and counts.by_source["entities.jsonl"]["read"] == 52
    assert len(list(cache.glob("entities-*.pkl"))) == 2
    snapshot._code_key.cache_clear()
    monkeypatch.setattr(snapshot, "VERSION", snapshot.VERSION + 1)  # as if the reading code changed
    _snap(reg2)
    assert len(list(cache.glob("entities-*.pkl"))) == 3
    snapshot._code_key.cache_clear()


def test_a_damaged_snapshot_is_read_past_and_rewritten(tmp_path: Path, cache: Path) -> None:
    reg = _registry(tmp_path / "entities.jsonl")
    want_recs, want_bad, _ = _direct(reg)
    _snap(reg)
    (snap,) = cache.glob("entities-*.pkl")
    snap.write_bytes(b"\x80\x05garbage")
    recs, bad, _ = _snap(reg)
    assert list(recs) == want_recs and bad == want_bad
    assert snap.read_bytes() != b"\x80\x05garbage"


def test_fingerprint_is_the_same_from_a_snapshot_or_from_lists(tmp_path: Path, cache: Path) -> None:
    reg = _registry(tmp_path / "entities.jsonl")
    plain = Resources(entities=_direct(reg)[0]).fingerprint
    assert load_inputs({"entities": reg}).resources.fingerprint == plain  # written
    inputs = load_inputs({"entities": reg})  # read back
    assert isinstance(inputs.entities, Records)
    assert inputs.resources.fingerprint == plain
    assert inputs.counts.by_source["entities.jsonl"] == {"read": 51, "accepted": 48, "quarantined": 3}
    assert [q.line for q in inputs.quarantine] == [4, 8, 51]
    # the fingerprint follows content, not the file: one more entity changes it
    more = _direct(reg)[0] + _direct(_registry(tmp_path / "b.jsonl", n=12))[0][-1:]
    assert Resources(entities=more).fingerprint != plain


def test_records_are_read_only_lists() -> None:
    recs = Records([1, 2], digest="d")
    assert recs == [1, 2] and recs.digest == "d"
    for mutate in (lambda: recs.append(3), lambda: recs.extend([3]), lambda: recs.__setitem__(0, 9),
                   lambda: recs.sort(), lambda: recs.__iadd__([3])):
        with pytest.raises(TypeError):
            mutate()
    assert recs == [1, 2]
