"""`vigil synth`: schema, determinism, coverage, official accounts, referential integrity, unique keys."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest

from vigil.model import CATEGORIES, Account, Claim, Credential, Entity, Post, Report
from vigil.synth import FILES, generate

MODELS: dict[str, Any] = {
    "entities.jsonl": Entity, "accounts.jsonl": Account, "posts.jsonl": Post, "claims.jsonl": Claim,
    "credentials.jsonl": Credential, "reports.jsonl": Report,
}
TRUTH_KEYS = {"platform", "account_id", "post_id", "category", "subcategory", "entity_id", "claim_id"}
ALL_SUBS = {(c, s) for c, subs in CATEGORIES.items() for s in subs}


def load(d: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [orjson.loads(line) for line in (d / name).read_bytes().splitlines()]
    return rows


@pytest.fixture(scope="module", params=[50, 500])
def data(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    d = tmp_path_factory.mktemp(f"synth{request.param}")
    return d, generate(request.param, 7, d)


def test_counts_match_files(data: tuple[Path, dict[str, int]]) -> None:
    d, counts = data
    for name in FILES:
        assert counts[name] == len((d / name).read_bytes().splitlines()), name


def test_account_count_is_size(data: tuple[Path, dict[str, int]]) -> None:
    _, counts = data
    assert counts["accounts.jsonl"] in (50, 500)


def test_every_line_valid(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    for name, model in MODELS.items():
        for row in load(d, name):
            model.model_validate(row)
    for row in load(d, "truth.jsonl"):
        assert set(row) == TRUTH_KEYS


def test_keys_unique(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    for name, model in MODELS.items():
        keys = [model.model_validate(r).key() for r in load(d, name)]
        assert len(keys) == len(set(keys)), name
    truth = [(r["platform"], r["account_id"], r["post_id"], r["category"], r["subcategory"]) for r in load(d, "truth.jsonl")]
    assert len(truth) == len(set(truth))


def test_every_category_and_subcategory_covered(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    seen = {(r["category"], r["subcategory"]) for r in load(d, "truth.jsonl")}
    assert seen == ALL_SUBS
    kinds = {r["kind"] for r in load(d, "entities.jsonl")}
    assert kinds == set(CATEGORIES["impersonation"]) - {"invented_authority"}


def test_truth_shape_per_category(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    for r in load(d, "truth.jsonl"):
        if r["category"] == "impersonation":
            assert r["post_id"] is None and r["claim_id"] is None
            assert (r["entity_id"] is None) == (r["subcategory"] == "invented_authority")
        elif r["category"] == "debunked_claim":
            assert r["post_id"] and r["claim_id"] and r["entity_id"] is None
        else:
            assert r["post_id"] is None and r["entity_id"] is None and r["claim_id"] is None


def test_official_accounts_never_bad_and_exist(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    accounts = {(a["platform"], a["account_id"]): a for a in load(d, "accounts.jsonl")}
    bad = {(r["platform"], r["account_id"]) for r in load(d, "truth.jsonl")}
    for e in load(d, "entities.jsonl"):
        assert 1 <= len(e["official_accounts"]) <= 2
        for ref in e["official_accounts"]:
            key = (ref["platform"], ref["account_id"])
            assert key in accounts and key not in bad
            assert accounts[key]["display_name"] in e["names"]  # exact official name
            assert accounts[key]["verified"] is True


def test_impersonated_entity_kind_matches(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    kinds = {e["entity_id"]: e["kind"] for e in load(d, "entities.jsonl")}
    for r in load(d, "truth.jsonl"):
        if r["category"] == "impersonation" and r["entity_id"]:
            assert kinds[r["entity_id"]] == r["subcategory"]


def test_referential_integrity(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    accounts = {(a["platform"], a["account_id"]) for a in load(d, "accounts.jsonl")}
    posts = {(p["platform"], p["post_id"]): p["account_id"] for p in load(d, "posts.jsonl")}
    assert all((p, a) in accounts for (p, _), a in posts.items())
    for c in load(d, "credentials.jsonl"):
        assert (c["platform"], c["account_id"]) in accounts
    for r in load(d, "reports.jsonl"):
        assert (r["platform"], r["subject"]["account_id"]) in accounts
        if r["subject"]["post_id"]:
            assert posts[(r["platform"], r["subject"]["post_id"])] == r["subject"]["account_id"]
    entities = {e["entity_id"] for e in load(d, "entities.jsonl")}
    claims = {c["claim_id"]: c for c in load(d, "claims.jsonl")}
    for t in load(d, "truth.jsonl"):
        assert (t["platform"], t["account_id"]) in accounts
        if t["post_id"]:
            assert posts[(t["platform"], t["post_id"])] == t["account_id"]
        assert t["entity_id"] is None or t["entity_id"] in entities
        if t["claim_id"]:
            assert claims[t["claim_id"]]["verdict"] not in {"True", "属实", "真实", "Mostly true", "Correct"}


def test_bilingual_and_multiplatform(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    posts = load(d, "posts.jsonl")
    assert {p["lang"] for p in posts} == {"zh", "en"}
    assert {c["language"] for c in load(d, "claims.jsonl")} == {"zh", "en"}
    assert len({a["platform"] for a in load(d, "accounts.jsonl")}) >= 4


def test_professionals_and_expired_credentials(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    creds = load(d, "credentials.jsonl")
    bad = {(r["platform"], r["account_id"]) for r in load(d, "truth.jsonl")}
    valid_good = [c for c in creds if c["valid_until"] >= "2024" and (c["platform"], c["account_id"]) not in bad]
    expired_bad = [c for c in creds if c["valid_until"] < "2023-03-10" and (c["platform"], c["account_id"]) in bad]
    assert valid_good and expired_bad


def test_refutations_and_true_claims_present_and_not_bad(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    bad_posts = {(r["platform"], r["post_id"]) for r in load(d, "truth.jsonl") if r["post_id"]}
    markers = ("谣言", "不实", "辟谣", "false", "debunked")
    refutes = [p for p in load(d, "posts.jsonl") if any(m in p["text"].lower() for m in markers)]
    refutes = [p for p in refutes if (p["platform"], p["post_id"]) not in bad_posts]
    assert refutes


def test_dates_in_campaign_window(data: tuple[Path, dict[str, int]]) -> None:
    d, _ = data
    for p in load(d, "posts.jsonl"):
        assert "2023-03-10" <= p["created_at"][:10] <= "2023-05-24"
    for r in load(d, "reports.jsonl"):
        assert "2023-03-10" <= r["created_at"][:10] <= "2023-05-24"


def _digest(d: Path) -> str:
    h = hashlib.sha256()
    for name in FILES:
        h.update((d / name).read_bytes())
    return h.hexdigest()


def test_deterministic_and_seed_sensitive(tmp_path: Path) -> None:
    generate(300, 11, tmp_path / "a")
    generate(300, 11, tmp_path / "b")
    generate(300, 12, tmp_path / "c")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


@pytest.mark.slow
def test_chunked_size_covers_chunk_boundary(tmp_path: Path) -> None:
    counts = generate(70_000, 3, tmp_path)  # > one writer chunk (65,536 slots)
    assert counts["accounts.jsonl"] == 70_000
    keys = [(a["platform"], a["account_id"]) for a in load(tmp_path, "accounts.jsonl")]
    assert len(set(keys)) == 70_000
    post_keys = [(p["platform"], p["post_id"]) for p in load(tmp_path, "posts.jsonl")]
    assert len(set(post_keys)) == len(post_keys)
    cats = Counter(r["category"] for r in load(tmp_path, "truth.jsonl"))
    assert cats["unqualified_services"] > cats["engagement_farming"]


@pytest.mark.parametrize("size", [1, 5, 20])
def test_tiny_sizes_do_not_crash(tmp_path: Path, size: int) -> None:
    counts = generate(size, 1, tmp_path)
    assert counts["accounts.jsonl"] == size


def test_forked_and_serial_output_identical(tmp_path: Path) -> None:
    a = generate(3_000, 5, tmp_path / "serial", workers=1)
    b = generate(3_000, 5, tmp_path / "forked", workers=2)
    assert a == b
    assert _digest(tmp_path / "serial") == _digest(tmp_path / "forked")
    assert (tmp_path / "serial" / "truth_detail.jsonl").read_bytes() == (tmp_path / "forked" / "truth_detail.jsonl").read_bytes()


def test_coordinated_groups_share_platform_and_minutes(tmp_path: Path) -> None:
    generate(2_000, 9, tmp_path)
    detail = load(tmp_path, "truth_detail.jsonl")
    groups: dict[int, set[str]] = {}
    for row in detail:
        if row["subcategory"] == "coordinated":
            groups.setdefault(row["group"], set()).add(row["platform"])
    assert groups and all(len(p) == 1 for p in groups.values())
    assert all(len([r for r in detail if r.get("group") == g]) >= 3 for g in groups)


def test_hard_negatives_tricks_and_shared_ids(tmp_path: Path) -> None:
    from vigil.synth.vocab import HARD_NEGATIVES

    generate(2_000, 2, tmp_path)
    accounts = load(tmp_path, "accounts.jsonl")
    bad = {(r["platform"], r["account_id"]) for r in load(tmp_path, "truth.jsonl")}
    negatives = {n for n, _, _ in HARD_NEGATIVES}
    hard = [a for a in accounts if a["display_name"] in negatives]
    assert len(hard) >= 10 and not any((a["platform"], a["account_id"]) in bad for a in hard)
    tricks = {r["trick"] for r in load(tmp_path, "truth_detail.jsonl") if r.get("trick")}
    assert {"homoglyph", "fullwidth", "zero_width", "traditional", "pinyin", "decoration", "emoji", "leet"} <= tricks
    platforms_per_id: dict[str, set[str]] = {}
    for a in accounts:
        platforms_per_id.setdefault(a["account_id"], set()).add(a["platform"])
    assert any(len(p) > 1 for p in platforms_per_id.values())  # same id on several platforms


def test_identical_across_interpreters_with_different_hash_seeds(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    for h in ("1", "2"):
        code = f"from pathlib import Path; from vigil.synth import generate; generate(400, 8, Path({str(tmp_path / h)!r}))"
        subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONHASHSEED": h})
    assert _digest(tmp_path / "1") == _digest(tmp_path / "2")
