"""End-to-end detection quality on synthetic data with ground truth (`vigil synth` truth.jsonl).

Runs every registered detector through the same pipeline `vigil scan` uses and scores findings against
the truth per category (subject-level: account, or post for rumours) and per subcategory, plus the
attribution (right entity / right claim) and the share of clean accounts that get any finding.
The seed (777) is not one any detector was tuned on. This measures the pipeline and the detectors
against the generator's idea of abuse; it says nothing about real platforms (see the per-detector
evaluations on public data for that).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
SEED = 777


def evaluate(data_dir: Path, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    from vigil.detectors import registered
    from vigil.pipeline import build_detectors, load_inputs, run_detectors

    kinds = ("entities", "claims", "credentials", "accounts", "posts", "reports")
    inputs = load_inputs({k: data_dir / f"{k}.jsonl" for k in kinds})
    resources = inputs.resources
    if (data_dir / "mediabank.jsonl").is_file():  # synth ships the bank of its fabricated pictures
        resources = replace(resources, mediabank=str(data_dir / "mediabank.jsonl"))
    names = [n for n in registered() if n not in skip]
    t0 = time.perf_counter()
    result = run_detectors(build_detectors(resources, names=names), inputs.accounts, inputs.posts,
                           inputs.reports, workers=2)
    elapsed = time.perf_counter() - t0
    truth = [json.loads(line) for line in (data_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    t_keys: dict[str, dict[tuple[str, str, str | None], dict[str, Any]]] = defaultdict(dict)
    for t in truth:
        t_keys[t["category"]][(t["platform"], t["account_id"], t["post_id"])] = t
    f_keys: dict[str, dict[tuple[str, str, str | None], list[Any]]] = defaultdict(lambda: defaultdict(list))
    for f in result.findings:
        f_keys[f.category][(f.subject.platform, f.subject.account_id, f.subject.post_id)].append(f)
    rows = {}
    for cat in sorted(set(t_keys) | set(f_keys)):
        tk, fk = t_keys.get(cat, {}), f_keys.get(cat, {})
        tp = len(tk.keys() & fk.keys())
        attributed = 0
        for key in tk.keys() & fk.keys():
            want = tk[key].get("entity_id") or tk[key].get("claim_id")
            got = {f.evidence.get("entity_id") or f.evidence.get("claim_id") for f in fk[key]}
            attributed += (not want) or want in got
        rows[cat] = {"truth": len(tk), "flagged": len(fk), "tp": tp,
                     "precision": tp / len(fk) if fk else None, "recall": tp / len(tk) if tk else None,
                     "attribution": attributed / tp if tp else None}
    subs: dict[str, Counter[str]] = defaultdict(Counter)
    for cat, tk in t_keys.items():
        for key, t in tk.items():
            subs[f"{cat}/{t['subcategory']}"]["truth"] += 1
            subs[f"{cat}/{t['subcategory']}"]["found"] += key in f_keys.get(cat, {})
    bad_accounts = {(t["platform"], t["account_id"]) for t in truth}
    clean = [a for a in inputs.accounts if (a.platform, a.account_id) not in bad_accounts]
    flagged_accounts = {(f.subject.platform, f.subject.account_id) for f in result.findings}
    clean_flagged = sum((a.platform, a.account_id) in flagged_accounts for a in clean)
    return {"categories": rows, "subcategories": {k: dict(v) for k, v in sorted(subs.items())},
            "clean_accounts": len(clean), "clean_flagged": clean_flagged, "scan_seconds": elapsed,
            "accounts": len(inputs.accounts), "posts": len(inputs.posts), "detectors": names}


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def main(size: int = SIZE) -> str:
    from vigil.synth import generate

    with tempfile.TemporaryDirectory() as tmp:
        generate(size=size, seed=SEED, out_dir=Path(tmp))
        res = evaluate(Path(tmp))
    lines = [f"## Synthetic end-to-end detection ({datetime.now(UTC):%Y-%m-%d}, {size} accounts, seed {SEED})", "",
             f"{res['accounts']} accounts, {res['posts']} posts; all detectors ({', '.join(res['detectors'])}) "
             f"in {res['scan_seconds']:.1f}s on 2 workers.", "",
             "| category | truth | flagged | precision | recall | right entity/claim |", "|---|---|---|---|---|---|"]
    for cat, r in res["categories"].items():
        lines.append(f"| {cat} | {r['truth']} | {r['flagged']} | {_fmt(r['precision'])} | {_fmt(r['recall'])} | "
                     f"{_fmt(r['attribution'])} |")
    lines += ["", "| subcategory | truth | found | recall |", "|---|---|---|---|"]
    for sub, c in res["subcategories"].items():
        lines.append(f"| {sub} | {c['truth']} | {c.get('found', 0)} | {c.get('found', 0) / c['truth']:.3f} |")
    rate = res["clean_flagged"] / max(1, res["clean_accounts"])
    lines += ["", f"Clean accounts with any finding: {res['clean_flagged']} of {res['clean_accounts']} ({rate:.2%}).", ""]
    text = "\n".join(lines)
    out = Path(__file__).resolve().parent / "results" / "synthetic-eval.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main())
