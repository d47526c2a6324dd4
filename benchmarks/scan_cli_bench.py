"""`vigil scan` as the outside speed check runs it: a fresh process, N accounts against a ~100k-name registry,
JSONL in, findings out, every detector (the default) and impersonation only, with a cold and a cached
registry index; beside the brute-force baseline (rapidfuzz cdist, fuzz.ratio, every account x every name,
both cores) timed on a sample in the same run and extrapolated.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
VIGIL = str(Path(sys.executable).with_name("vigil"))


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the largest of the process and its workers) of one `vigil scan`."""
    t = time.perf_counter()
    proc = subprocess.Popen([VIGIL, "scan", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"vigil scan failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return secs, usage.ru_maxrss / 1024


def main(n_accounts: int = 200_000, n_names: int = 100_000, sample: int = 3000) -> str:
    """Two rounds of the four scans, the brute force timed before and after them: the ratio is mean scan
    time against mean brute-force time, so load drift on this shared box hits both sides alike."""
    import impersonation_bench as ib

    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        reg, acc, truth, ents = ib._write_inputs(tmp, n_accounts, n_names)
        brute = [ib._brute_force(ents, acc, truth, sample)]
        configs = [(label, state, extra) for label, extra in (
            ("all detectors (default)", []), ("impersonation.name only", ["--detectors", "impersonation.name"]))
            for state in ("cold", "cached")]
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for rnd in range(2):
            for label, state, extra in configs:
                env = {**os.environ, "VIGIL_CACHE": str(tmp / f"cache-{label[:3]}-{rnd}")}
                times.setdefault((label, state), []).append(_timed(
                    ["--registry", str(reg), "--accounts", str(acc), "--out", str(tmp / "f.jsonl"), *extra], env))
        brute.append(ib._brute_force(ents, acc, truth, sample))
    per_account = sum(b["per_account_s"] for b in brute) / len(brute)
    brute_ms = " and ".join(f"{b['per_account_s'] * 1e3:.2f}" for b in brute)
    brute_total = per_account * n_accounts
    rows = []
    for (label, state), runs in times.items():
        mean = sum(t for t, _ in runs) / len(runs)
        rows.append(f"| {label} | {state} | {' / '.join(f'{t:.1f}s' for t, _ in runs)} | {n_accounts / mean:,.0f}/s | "
                    f"{brute_total / mean:.1f}× | {max(r for _, r in runs):,.0f} MB |")
    text = "\n".join([
        f"## `vigil scan` end to end ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f} at the end)", "",
        f"{n_accounts:,} accounts against {len(ents):,} registry entities; fresh process each run (start-up, "
        "reading, index build or cache load, detection, writing findings), two rounds (a fresh cache directory "
        "each round, so every round has its cold and its cached run). Brute force (rapidfuzz cdist, fuzz.ratio, "
        f"every account x every name, 2 workers) timed on a {brute[0]['sample']:,}-account sample before and "
        f"after the scans: {brute_ms} ms/account, "
        f"mean → {brute_total:.0f}s for all (its recall on planted impostors {brute[0]['recall']:.2f}). "
        "The ratio is brute-force time over the mean of the two rounds.", "",
        "| detectors | index | wall (round 1 / 2) | accounts/s | vs brute force | peak RSS |",
        "|---|---|---|---|---|---|", *rows, "",
    ])
    (HERE / "results" / "scan_cli.md").write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main(*(int(a) for a in sys.argv[1:3])))
