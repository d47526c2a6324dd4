"""Chunk-at-a-time registry hits and fuzzy candidates equal the straightforward per-key computation."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz, process

from vigil.evaldata.impersonation import bench_accounts, bench_registry
from vigil.text.bulkhits import BulkHits, Hit
from vigil.text.nameindex import NameIndex
from vigil.text.normalize import fold


def per_key(index: NameIndex, key: str) -> tuple[list[Hit], set[int]]:
    """The reference: walk the automaton over one key, collect whole-key hits and segment owners, rank
    the owners that are not much longer than the key with fuzz.ratio (best 3 >= 70, >= 60 for a key with
    non-ASCII characters: Chinese) and the shorter ones with fuzz.partial_ratio (best 2 >= 80), ties by name
    order."""
    full: list[Hit] = []
    owners: set[int] = set()
    if key:
        for end, v in index.automaton.iter(key):
            full.extend((n, kind, end - klen + 1, end + 1) for n, kind, klen in index.full_values[v])
            owners.update(index.seg_values[v])
    lens = [len(k) for k in index.loose_keys]
    cand = sorted(i for i in owners if lens[i] <= len(key) * 1.2 + 1)
    out: set[int] = set()
    names = [index.loose_keys[i] for i in cand]
    cut = 70 if key.isascii() else 60
    out.update(cand[j] for _, _, j in process.extract(key, names, scorer=fuzz.ratio, limit=3, score_cutoff=cut))
    shorter = [j for j, i in enumerate(cand) if lens[i] < len(key)]
    out.update(cand[shorter[j]] for _, _, j in process.extract(key, [names[j] for j in shorter],
                                                               scorer=fuzz.partial_ratio, limit=2, score_cutoff=80))
    return full, out


def test_bulk_hits_equal_per_key_hits() -> None:
    ents = bench_registry(3000, None, seed=4)
    index = NameIndex.build(ents)
    keys: list[str] = []
    for acc, _ in bench_accounts(1500, ents, seed=9, impostor_rate=0.2):
        keys += [fold(acc.display_name).key, fold((acc.handle or "").lstrip("@")).key]
    keys += ["", keys[0], keys[1], "x", keys[5] + keys[7]]  # empty, repeated, tiny, two names run together
    full, cands = BulkHits(index).run(keys)
    with_full = with_cands = chinese_low = 0
    for i, key in enumerate(keys):
        ref_full, ref_cands = per_key(index, key)
        assert full.get(i, []) == ref_full, key
        assert cands.get(i, set()) == ref_cands, key
        with_full += bool(ref_full)
        with_cands += bool(ref_cands)
        chinese_low += not key.isascii() and any(
            fuzz.ratio(key, index.loose_keys[n]) < 70 and len(index.loose_keys[n]) >= len(key) for n in ref_cands)
    assert with_full > 200 and with_cands > 100  # the sample exercises both kinds of hit
    assert chinese_low > 10  # and Chinese candidates under the Latin cut-off (not shorter names: partial_ratio)


def test_empty_chunk_and_empty_index() -> None:
    assert BulkHits(NameIndex.build(bench_registry(200, None))).run([]) == ({}, {})
    assert BulkHits(NameIndex()).run(["anything"]) == ({}, {})


def _contents(idx: NameIndex) -> dict[str, object]:
    return {k: sorted(v.items()) if callable(getattr(v, "iter", None)) else v for k, v in vars(idx).items()}


def test_parallel_index_build_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    # the forked key workers hand names back in small tasks while the parent indexes: same index as serial
    import vigil.text.nameindex as ni

    ents = bench_registry(600, None)
    monkeypatch.setattr(ni, "PARALLEL_MIN_NAMES", 10**9)
    serial = NameIndex.build(ents)
    monkeypatch.setattr(ni, "PARALLEL_MIN_NAMES", 0)
    monkeypatch.setattr(ni, "KEY_CHUNK", 37)
    parallel = NameIndex.build(ents)
    assert len(serial.names) > 500 and _contents(parallel) == _contents(serial)


def test_character_bound_never_drops_a_pair_that_reaches_the_cut_off() -> None:
    # the pruning before scoring is a bound, not a heuristic: fuzz.ratio and fuzz.partial_ratio of any two
    # strings stay within what their shared characters (per histogram bucket) allow
    import random

    import numpy as np

    from vigil.text.bulkhits import char_histograms, common_bound

    rng = random.Random(3)
    alphabet = "abcdeilmnorst0123" + "人民日报国务院中心" + "\U00020000\U0002a6d6" + "ᴄɴ"
    pairs = []
    for _ in range(4000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        b = a if rng.random() < 0.3 else ""
        b = "".join(ch for ch in b if rng.random() > 0.2) + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        pairs.append((a, b or "x"))
    left = [a for a, _ in pairs]
    right = [b for _, b in pairs]
    common = common_bound(char_histograms("\x00".join(left), np.array([len(s) for s in left])),
                          char_histograms("\x00".join(right), np.array([len(s) for s in right])))
    tight = 0
    for (a, b), c in zip(pairs, common.tolist(), strict=True):
        assert c >= sum(min(a.count(ch), b.count(ch)) for ch in set(a))  # never below the true overlap
        assert fuzz.ratio(a, b) <= 200 * c / (len(a) + len(b)) + 1e-9
        short = min(len(a), len(b))
        assert fuzz.partial_ratio(a, b) <= 200 * c / (short + c) + 1e-9 if c else fuzz.partial_ratio(a, b) == 0
        tight += fuzz.ratio(a, b) >= 70
    assert tight > 300  # the sample has many pairs near or above the ratio cut-off (494 with this seed)
