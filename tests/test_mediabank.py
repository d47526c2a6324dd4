"""Media hash bank (SHA-256 + PDQ) and the AI-newsroom / media-bank detectors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from vigil.detectors.base import Batch, Resources
from vigil.detectors.newsroom import FakeNewsroomDetector, MediaBankDetector
from vigil.mediabank import BankEntry, MediaBank, bits_to_hex, hamming, pdq_hex, write_bank
from vigil.model import Account, AccountRef, Entity, Post


def _image(seed: int, size: int = 256) -> npt.NDArray[np.uint8]:
    """A photo-like RGB image: random colour blobs over a few soft stripes (PDQ needs texture)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size].astype(float)
    img = np.zeros((size, size, 3))
    for _ in range(12):
        cx, cy, r = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(size / 20, size / 6)
        img += rng.uniform(0, 1, 3) * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))[..., None]
    for _ in range(3):
        fx, fy = rng.uniform(0.02, 0.08, 2)
        img += 0.3 * rng.uniform(0, 1, 3) * (np.sin(fx * x + fy * y + rng.uniform(0, 6))[..., None] + 1)
    out: npt.NDArray[np.uint8] = (255 * img / img.max()).astype(np.uint8)
    return out


def _downscale(img: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    h, w, c = img.shape
    out: npt.NDArray[np.uint8] = img.reshape(h // 2, 2, w // 2, 2, c).mean(axis=(1, 3)).astype(np.uint8)
    return np.ascontiguousarray(out)


def test_hamming_and_bit_order() -> None:
    assert hamming("0" * 64, "f" * 64) == 256
    assert hamming("0" * 63 + "1", "0" * 64) == 1
    assert bits_to_hex([1] + [0] * 255) == "8" + "0" * 63


def test_pdq_survives_noise_brightness_and_resize_but_not_a_different_image() -> None:
    base = _image(1)
    h, quality = pdq_hex(base)
    assert len(h) == 64 and quality > 50
    noisy = np.clip(base.astype(int) + np.random.default_rng(5).integers(-3, 4, base.shape), 0, 255).astype(np.uint8)
    brighter = (base.astype(float) * 0.85 + 20).astype(np.uint8)
    for variant in (noisy, brighter, _downscale(base)):
        assert hamming(h, pdq_hex(np.ascontiguousarray(variant))[0]) <= 31
    assert hamming(h, pdq_hex(_image(2))[0]) > 31


def test_bank_loads_jsonl_skips_bad_lines_and_matches(tmp_path: Path) -> None:
    fake = _image(3)
    pdq, _ = pdq_hex(fake)
    sha = hashlib.sha256(b"fabricated video frame").hexdigest()
    path = tmp_path / "bank.jsonl"
    write_bank(path, [BankEntry("sha256", sha, "staged explosion video", "fact-checker A", "c9"),
                      BankEntry("pdq", pdq, "AI image of flooded city", "fact-checker B")])
    with path.open("a", encoding="utf-8") as fh:
        fh.write("not json\n")
        fh.write(json.dumps({"hash_type": "md5", "hash": "00", "label": "x"}) + "\n")
        fh.write(json.dumps({"hash_type": "pdq", "hash": "zz", "label": "x"}) + "\n")
    bank = MediaBank.load(path)
    assert len(bank) == 2 and bank.rejected == 3
    exact = bank.match(sha.upper(), None)
    assert exact is not None and exact.distance == 0 and exact.entry.claim_id == "c9"
    near = bank.match(None, pdq_hex(_downscale(fake))[0])
    assert near is not None and near.entry.label == "AI image of flooded city" and 0 <= near.distance <= 31
    assert bank.match(None, pdq_hex(_image(4))[0]) is None
    assert bank.match("not-a-hash", "also-not") is None


def test_bank_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VIGIL_MEDIABANK", raising=False)
    assert len(MediaBank.from_env()) == 0
    path = tmp_path / "b.jsonl"
    write_bank(path, [BankEntry("sha256", "a" * 64, "lbl")])
    monkeypatch.setenv("VIGIL_MEDIABANK", str(path))
    assert len(MediaBank.from_env()) == 1


def _bank() -> tuple[MediaBank, str, str]:
    pdq, _ = pdq_hex(_image(7))
    sha = hashlib.sha256(b"deepfake anchor clip").hexdigest()
    return MediaBank([BankEntry("sha256", sha, "deepfake anchor clip", "newsroom X"),
                      BankEntry("pdq", pdq, "fabricated protest photo", "newsroom Y", "claim-17")]), sha, pdq


def test_media_bank_detector_flags_posts_with_banked_media() -> None:
    bank, sha, _ = _bank()
    near_pdq, _ = pdq_hex(_downscale(_image(7)))
    posts = [
        Post(platform="x", post_id="p1", account_id="a", text="look", media_sha256=sha),
        Post(platform="x", post_id="p2", account_id="b", text="wow", media_pdq=near_pdq),
        Post(platform="x", post_id="p3", account_id="c", text="my cat", media_pdq=pdq_hex(_image(8))[0]),
    ]
    out = MediaBankDetector(Resources(), bank=bank).detect(Batch(posts=posts)).findings
    by_post = {f.subject.post_id: f for f in out}
    assert set(by_post) == {"p1", "p2"}
    exact, near = by_post["p1"], by_post["p2"]
    assert exact.category == "debunked_claim" and exact.subcategory == "match"
    assert exact.evidence["media_hash"] == sha and exact.evidence["bank_label"] == "deepfake anchor clip"
    assert exact.evidence["claim_id"] == f"mediabank:sha256:{sha[:16]}"
    assert near.evidence["claim_id"] == "claim-17" and near.evidence["hash_type"] == "pdq"
    assert exact.score > near.score >= 0.5


NEWS = Entity(entity_id="cctv-news", kind="news_media", names=["央视新闻", "CCTV News"],
              official_accounts=[AccountRef(platform="weibo", account_id="cctv-real")])
ANCHOR = Entity(entity_id="anchor-li", kind="news_anchor", names=["李梓萌"])


def _newsroom_posts(acc: str, texts: list[str], sha: str | None = None) -> list[Post]:
    return [Post(platform="weibo", post_id=f"{acc}-{i}", account_id=acc, text=t,
                 created_at=f"2025-02-01T{8 + i:02d}:00:00Z", media_sha256=sha if i == 0 else None)
            for i, t in enumerate(texts)]


def test_ai_newsroom_posing_as_outlet_is_flagged_with_generated_news_evidence() -> None:
    bank, sha, _ = _bank()
    acc = Account(platform="weibo", account_id="fake", display_name="央视新闻快讯")
    posts = _newsroom_posts("fake", [f"【突发】据报道，某地发生第{i}起爆炸，作为一个AI语言模型我无法核实" for i in range(5)], sha)
    det = FakeNewsroomDetector(Resources(entities=[NEWS, ANCHOR]), bank=bank)
    (f,) = det.detect(Batch(accounts=[acc], posts=posts)).findings
    assert f.category == "impersonation" and f.subcategory == "news_media"
    assert f.evidence["entity_id"] == "cctv-news" and f.evidence["matched_name"]
    assert {"news_format", "ai_artefacts", "machine_cadence", "banked_media"} <= set(f.evidence["signals"])
    assert f.score >= f.evidence["name_match_score"]


def test_newsroom_needs_both_name_and_generated_posting() -> None:
    det = FakeNewsroomDetector(Resources(entities=[NEWS, ANCHOR]), bank=MediaBank())
    wire = [f"【快讯】据报道，今日第{i}条新闻" for i in range(5)]
    # a news-looking account that is not styled as any registered outlet
    other = Account(platform="weibo", account_id="o", display_name="小镇日常")
    # a fan of the outlet posting about daily life
    fan = Account(platform="weibo", account_id="f", display_name="央视新闻")
    batch = Batch(accounts=[other, fan],
                  posts=_newsroom_posts("o", wire) + _newsroom_posts("f", ["今天去公园散步", "晚饭吃了面条"]))
    assert det.detect(batch).findings == []
    # the outlet's own account is never flagged for its own entity
    real = Account(platform="weibo", account_id="cctv-real", display_name="央视新闻")
    assert det.detect(Batch(accounts=[real], posts=_newsroom_posts("cctv-real", wire))).findings == []


def test_synth_writes_a_media_bank_that_finds_every_fabricated_picture(tmp_path: Path) -> None:
    """`vigil synth` plants fabricated pictures beside rumours and ships the bank; the detector finds them all."""
    from vigil.synth import generate

    counts = generate(size=2000, seed=11, out_dir=tmp_path)
    assert counts["mediabank.jsonl"] > 0
    bank = MediaBank.load(tmp_path / "mediabank.jsonl")
    truth = [json.loads(x) for x in (tmp_path / "truth_detail.jsonl").read_text().splitlines()]
    planted = {(t["platform"], t["post_id"]): t["claim_id"] for t in truth if t.get("variant") == "media"}
    assert planted
    posts = [Post(**json.loads(x)) for x in (tmp_path / "posts.jsonl").read_text().splitlines()]
    out = MediaBankDetector(Resources(), bank=bank).detect(Batch(posts=posts)).findings
    found = {(f.subject.platform, f.subject.post_id): f.evidence["claim_id"] for f in out}
    assert found == planted  # every planted picture, with its claim, and nothing else
