"""Impersonation detection at platform scale: N synthetic accounts against a ~100k-name registry, end to end
(process start, reading entities.jsonl + accounts.jsonl, index build or cache load, detection, writing
findings.jsonl), cold (index built in the run) and cached (index reused), against a brute-force baseline
(rapidfuzz process.cdist, fuzz.ratio, every account x every name, both cores) timed on a sample in the same
run and extrapolated. Also: recall on the planted impostors for both, peak RSS, and how detection time grows
with registry size.

Usage: python benchmarks/impersonation_bench.py [--accounts 200000] [--names 100000] [--sample 1000]
       (internal: --scan REGISTRY ACCOUNTS OUT runs one end-to-end scan in this process)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DOTGOV = Path(os.environ.get("VIGIL_SHARED", ROOT.parent / "shared")) / "data" / "dotgov"
OUT = ROOT / "benchmarks" / "results" / "impersonation_bench.md"
CHUNK = 10_000


# ------------------------------------------------------------------ one end-to-end scan (subprocess)


def scan(registry: Path, accounts: Path, out: Path, workers: int) -> dict[str, float]:
    import orjson

    from vigil.detectors.base import Batch, Resources
    from vigil.detectors.impersonation import ImpersonationDetector
    from vigil.model import Account, Entity

    t0 = time.perf_counter()
    with registry.open("rb") as fh:
        entities = [Entity.model_validate(orjson.loads(line)) for line in fh if line.strip()]
    res = Resources(entities=entities)
    t1 = time.perf_counter()
    det = ImpersonationDetector(res, workers=workers)
    t2 = time.perf_counter()
    n = found = 0
    with accounts.open("rb") as fh, out.open("wb") as sink:
        chunk: list[Account] = []
        for line in fh:
            chunk.append(Account.model_validate(orjson.loads(line)))
            if len(chunk) == CHUNK:
                for f in det.detect(Batch(accounts=chunk)).findings:
                    sink.write(orjson.dumps(f.model_dump()) + b"\n")
                    found += 1
                n += len(chunk)
                chunk = []
        if chunk:
            for f in det.detect(Batch(accounts=chunk)).findings:
                sink.write(orjson.dumps(f.model_dump()) + b"\n")
                found += 1
            n += len(chunk)
    det.close()
    t3 = time.perf_counter()
    return {"read_registry_s": t1 - t0, "index_s": t2 - t1, "index_source": det.index_source,
            "detect_s": t3 - t2, "accounts": n, "findings": found,
            "cpu_s": sum(getattr(resource.getrusage(w), a) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                         for a in ("ru_utime", "ru_stime")),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def run_scan(registry: Path, accounts: Path, out: Path, cache: Path, workers: int) -> dict[str, float]:
    env = {**os.environ, "VIGIL_CACHE": str(cache), "PYTHONPATH": str(ROOT / "src")}
    t = time.perf_counter()
    cp = subprocess.run([sys.executable, __file__, "--scan", str(registry), str(accounts), str(out),
                         "--workers", str(workers)], env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    stats: dict[str, float] = json.loads(cp.stdout.strip().splitlines()[-1])
    stats["wall_s"] = wall
    return stats


# ------------------------------------------------------------------ the benchmark


def _write_inputs(tmp: Path, n_accounts: int, n_names: int) -> tuple[Path, Path, dict[str, str], list[object]]:
    import orjson

    from vigil.evaldata.impersonation import bench_accounts, bench_registry

    ents = bench_registry(n_names, DOTGOV if DOTGOV.is_dir() else None)
    reg = tmp / "entities.jsonl"
    with reg.open("wb") as fh:
        for e in ents:
            fh.write(orjson.dumps(e.model_dump()) + b"\n")
    acc = tmp / "accounts.jsonl"
    truth: dict[str, str] = {}
    with acc.open("wb") as fh:
        for a, eid in bench_accounts(n_accounts, ents):
            fh.write(orjson.dumps(a.model_dump(exclude_none=True)) + b"\n")
            if eid:
                truth[a.account_id] = eid
    return reg, acc, truth, list(ents)


def _score(findings: Path, truth: dict[str, str]) -> tuple[float, float, int, str]:
    flagged: dict[str, str | None] = {}
    extra_kinds: dict[str, int] = {}
    with findings.open() as fh:
        for line in fh:
            f = json.loads(line)
            aid = f["subject"]["account_id"]
            flagged[aid] = f["evidence"].get("entity_id")
            if aid not in truth:
                extra_kinds[f["subcategory"]] = extra_kinds.get(f["subcategory"], 0) + 1
    hit = sum(1 for a in truth if a in flagged)
    right = sum(1 for a, e in truth.items() if flagged.get(a) == e)
    extra = sum(1 for a in flagged if a not in truth)
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(extra_kinds.items())) or "none"
    return hit / max(1, len(truth)), right / max(1, hit), extra, kinds


def _brute_force(ents: list[object], acc_path: Path, truth: dict[str, str], sample: int) -> dict[str, float]:
    import orjson
    from rapidfuzz import fuzz, process

    names: list[str] = []
    owner: list[str] = []
    for e in ents:
        for n in e.names:  # type: ignore[attr-defined]
            names.append(n.lower())
            owner.append(e.entity_id)  # type: ignore[attr-defined]
    rows = []
    with acc_path.open("rb") as fh:
        for line in fh:
            rows.append(orjson.loads(line))
            if len(rows) >= sample * 20:
                break
    # keep the sample's impostor share like the full set, plus every impostor for a recall estimate
    imps = [r for r in rows if r["account_id"] in truth][: max(1, sample // 10)]
    ords = [r for r in rows if r["account_id"] not in truth][: sample - len(imps)]
    pick = imps + ords
    queries = [r["display_name"].lower() for r in pick]
    t = time.perf_counter()
    scores = process.cdist(queries, names, scorer=fuzz.ratio, workers=2, dtype="uint8")
    el = time.perf_counter() - t
    best = scores.argmax(axis=1)
    top = scores.max(axis=1)
    hit = right = 0
    for i, r in enumerate(pick[: len(imps)]):
        if top[i] >= 85:
            hit += 1
            right += owner[int(best[i])] == truth[r["account_id"]]
    fp = sum(1 for i in range(len(imps), len(pick)) if top[i] >= 85)
    return {"sample": len(pick), "seconds": el, "per_account_s": el / len(pick),
            "recall": hit / max(1, len(imps)), "attribution": right / max(1, hit),
            "fpr": fp / max(1, len(pick) - len(imps)), "impostors": len(imps)}


def _scaling(ents: list[object], acc_path: Path, sizes: list[int], n_acc: int) -> list[tuple[int, float, float]]:
    import orjson

    from vigil.detectors.base import Batch, Resources
    from vigil.detectors.impersonation import ImpersonationDetector
    from vigil.model import Account
    from vigil.text.normalize import fold

    accs = []
    with acc_path.open("rb") as fh:
        for line in fh:
            accs.append(Account.model_validate(orjson.loads(line)))
            if len(accs) >= n_acc:
                break
    out = []
    for size in sizes:
        sub = []
        count = 0
        for e in ents:
            sub.append(e)
            count += len(e.names)  # type: ignore[attr-defined]
            if count >= size:
                break
        fold.cache_clear()  # every size starts cold
        t = time.perf_counter()
        det = ImpersonationDetector(Resources(entities=sub), use_cache=False, workers=1)
        build = time.perf_counter() - t
        t = time.perf_counter()
        for i in range(0, len(accs), CHUNK):
            det.detect(Batch(accounts=accs[i : i + CHUNK]))
        out.append((count, build, time.perf_counter() - t))
    return out


def run(n_accounts: int = 200_000, n_names: int = 100_000, sample: int = 1000, workers: int = 2) -> str:
    started = datetime.now(UTC)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="vigil-imp-bench-") as td:
        tmp = Path(td)
        t = time.perf_counter()
        reg, acc, truth, ents = _write_inputs(tmp, n_accounts, n_names)
        gen_s = time.perf_counter() - t
        n_names_real = sum(len(e.names) for e in ents)  # type: ignore[attr-defined,misc]
        cache = tmp / "cache"
        cold = run_scan(reg, acc, tmp / "f_cold.jsonl", cache, workers)
        cached = run_scan(reg, acc, tmp / "f_cached.jsonl", cache, workers)
        cached1 = run_scan(reg, acc, tmp / "f_cached1.jsonl", cache, 1)
        same = (tmp / "f_cold.jsonl").read_bytes() == (tmp / "f_cached.jsonl").read_bytes() \
            == (tmp / "f_cached1.jsonl").read_bytes()
        recall, attribution, extra, extra_kinds = _score(tmp / "f_cached.jsonl", truth)
        bf = _brute_force(ents, acc, truth, sample)
        scaling = _scaling(ents, acc, [12_500, 25_000, 50_000, n_names_real], min(20_000, n_accounts))
    load_after = os.getloadavg()
    bf_n = bf["per_account_s"] * n_accounts
    bf_1m = bf["per_account_s"] * 1_000_000
    per_m = 1_000_000 / n_accounts

    def row(label: str, s: dict[str, float]) -> str:
        return (f"| {label} | {s['wall_s']:.1f} | {s['cpu_s']:.1f} | {s['index_s']:.1f} ({s['index_source']}) | "
                f"{s['detect_s']:.1f} | {n_accounts / s['wall_s'] * 60:,.0f} | {bf_n / s['wall_s']:.1f}x | "
                f"{max(s['rss_mb'], s['children_rss_mb']):,.0f} |")

    def per_million(s: dict[str, float]) -> float:
        fixed = s["wall_s"] - s["detect_s"]  # process start, imports, registry read, index build/load
        return fixed + s["detect_s"] * per_m

    lines = [
        "## Impersonation detection — scale benchmark",
        "",
        f"Run {started.strftime('%Y-%m-%d %H:%M UTC')} on {platform.node()} ({platform.machine()}, "
        f"{os.cpu_count()} cores shared with other sessions: load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after — timings are wall-clock under that contention), Python "
        f"{platform.python_version()}.",
        f"Inputs: {n_accounts:,} synthetic accounts (2% impostors using a random trick, the rest ordinary "
        f"CN/EN names, handles and bios) vs a registry of {len(ents):,} entities / {n_names_real:,} names "
        f"(evaluation registry incl. 13k real dotgov bodies + synthetic local bodies in EN and ZH); "
        f"generated in {gen_s:.0f} s (not timed below). Scans run as a fresh process: JSONL in (orjson + "
        f"pydantic validation), chunks of {CHUNK:,}, findings JSONL out.",
        "",
        "| run | wall s (process start to findings written) | CPU s (all processes) | index s | detect s (read+match+write) | accounts / min | vs brute force | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        row(f"cold ({workers} workers)", cold),
        row(f"cached index ({workers} workers)", cached),
        row("cached index (1 process)", cached1),
        "",
        f"- Brute force (rapidfuzz `process.cdist`, `fuzz.ratio`, {bf['sample']:,} accounts x {n_names_real:,} "
        f"names, 2 workers): {bf['seconds']:.1f} s = {bf['per_account_s'] * 1000:.2f} ms/account -> "
        f"{bf_n:,.0f} s for these {n_accounts:,} accounts, {bf_1m:,.0f} s per 1M.",
        f"- Extrapolated to 1M accounts (detect part linear in accounts; start-up and index counted once): "
        f"cold {per_million(cold):,.0f} s ({bf_1m / per_million(cold):.1f}x brute force), cached "
        f"{per_million(cached):,.0f} s ({bf_1m / per_million(cached):.1f}x), cached 1 process "
        f"{per_million(cached1):,.0f} s ({bf_1m / per_million(cached1):.1f}x).",
        f"- Findings identical across cold / cached / 1-process runs: {same}.",
        f"- Recall on the {len(truth):,} planted impostors: {recall:.3f}, right entity {attribution:.3f}; "
        f"{extra:,} other accounts flagged ({extra / max(1, n_accounts - len(truth)):.4%} of ordinary ones; "
        f"by subcategory: {extra_kinds}). Brute force at ratio >= 85 on its sample: recall "
        f"{bf['recall']:.3f} ({bf['impostors']} impostors), right entity {bf['attribution']:.3f}, FPR {bf['fpr']:.4f}.",
        "",
        f"Registry size vs time (in-process, 1 worker, {min(20_000, n_accounts):,} accounts, index built "
        "without cache):",
        "",
        "| names | index build s | detect s | accounts / s |",
        "|---:|---:|---:|---:|",
        *[f"| {n:,} | {b:.1f} | {d:.1f} | {min(20_000, n_accounts) / d:,.0f} |" for n, b, d in scaling],
        "",
        "Candidate generation is one Aho-Corasick pass per field (cost grows with the number of keys that "
        "occur in the text, not with registry size); index build is linear in names.",
    ]
    return "\n".join(lines) + "\n"


def main() -> str:
    n = int(os.environ.get("VIGIL_IMP_BENCH_ACCOUNTS", "200000"))
    text = run(n_accounts=n)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--scan", nargs=3, metavar=("REGISTRY", "ACCOUNTS", "OUT"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--accounts", type=int, default=200_000)
    ap.add_argument("--names", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=1000)
    a = ap.parse_args()
    if a.scan:
        stats = scan(Path(a.scan[0]), Path(a.scan[1]), Path(a.scan[2]), a.workers)
        print(json.dumps(stats))
    else:
        md = run(a.accounts, a.names, a.sample, a.workers)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(md, encoding="utf-8")
        print(md)
