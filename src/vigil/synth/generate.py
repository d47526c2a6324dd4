"""`vigil synth`: write a seeded synthetic multi-platform campaign dataset with ground truth.

Accounts are planned up front (plan.py), the unusual ones generated record by record (special.py), and
the ordinary majority generated vectorised chunk by chunk (fast.py) and merged in slot order.
Same seed and size give byte-identical files.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from vigil.synth.claims import ClaimInstance, build_claims
from vigil.synth.fast import Pools, ordinary_accounts, ordinary_posts
from vigil.synth.plan import ORD, Plan, make_plan
from vigil.synth.reports import make_reports
from vigil.synth.special import POST_BASE, Special, dumps

CHUNK = 65_536
FILES = ("entities.jsonl", "accounts.jsonl", "posts.jsonl", "claims.jsonl", "credentials.jsonl", "reports.jsonl",
         "truth.jsonl")
DETAIL_FILE = "truth_detail.jsonl"
MEDIABANK_FILE = "mediabank.jsonl"
"""Hash bank of the fabricated pictures (campaign runs load it from the data directory)."""

Step = Callable[[str, float], None]


@contextmanager
def _progress(enabled: bool) -> Iterator[Step]:
    """A Rich bar on a terminal; silent otherwise (pipes, CI, tests)."""
    if not (enabled and sys.stderr.isatty()):
        yield lambda _desc, _frac: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("synth", total=1.0)

        def step(desc: str, frac: float) -> None:
            bar.update(task, completed=frac, description=desc)

        yield step


OrdinaryChunk = tuple[list[int], list[str], np.ndarray, list[str]]


def _ordinary_chunk(plan: Plan, pools: Pools, seed: int, ci: int) -> OrdinaryChunk:
    """Ordinary accounts (slots, lines) and posts (keys, lines) of chunk `ci`; independent of everything else."""
    lo, hi = ci * CHUNK, min(plan.size, (ci + 1) * CHUNK)
    crng = np.random.default_rng([seed, 3, ci])
    slots = lo + np.flatnonzero(plan.role[lo:hi] == ORD)
    sl = slots.tolist()
    plat = [plan.platform[s] for s in sl]
    aid = [plan.account_id[s] for s in sl]
    en = plan.en[slots]
    acc = ordinary_accounts(pools, crng, plat, aid, en)
    keys, lines = ordinary_posts(pools, crng, slots, plat, aid, en, POST_BASE)
    return sl, acc, keys, lines


def _special_job(plan: Plan, claims: list[ClaimInstance], seed: int,
                 out_dir: Path) -> tuple[dict[int, str], list[tuple[int, str]], dict[str, int]]:
    """Every non-ordinary record; writes the files that only it feeds and hands back accounts and posts."""
    sp = Special(plan, claims, Pools(), seed)
    sp.run()
    counts = {
        "credentials.jsonl": _write(out_dir / "credentials.jsonl", sp.creds),
        "reports.jsonl": _write(out_dir / "reports.jsonl", make_reports(plan, sp.subjects, seed)),
        "truth.jsonl": _write(out_dir / "truth.jsonl", sp.truth),
        DETAIL_FILE: _write(out_dir / DETAIL_FILE, sp.detail),
        MEDIABANK_FILE: _write(out_dir / MEDIABANK_FILE, sp.media_bank()),
    }
    return sp.acc_lines, sorted(sp.posts), counts


def _write(path: Path, lines: list[str]) -> int:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(lines))
    return len(lines)


def _fork_available() -> bool:
    return "fork" in mp.get_all_start_methods() and (os.cpu_count() or 1) >= 2


def generate(size: int, seed: int, out_dir: Path, progress: bool = False, workers: int | None = None) -> dict[str, int]:
    """Write the dataset for `size` accounts into `out_dir`; return the line count of every file written.

    `workers=2` builds the special records in a forked process while this one builds the ordinary
    majority (where fork exists). Output is identical either way. The default (`None`) is one process:
    on a shared 2-core box the fork costs ~30% more CPU and ~1 GB more memory for a wall-time gain only
    when the second core is idle.
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if workers is None:
        workers = 1
    was_enabled = gc.isenabled()
    gc.disable()  # millions of acyclic strings: the cyclic collector would only rescan them
    try:
        return _generate(size, seed, out_dir, progress, workers)
    finally:
        if was_enabled:
            gc.enable()


def _generate(size: int, seed: int, out_dir: Path, progress: bool, workers: int) -> dict[str, int]:
    n_chunks = (size + CHUNK - 1) // CHUNK
    with _progress(progress) as step:
        plan = make_plan(size, np.random.default_rng([seed, 1]))
        claims = build_claims(max(1, size // 100), np.random.default_rng([seed, 2]))
        pools = Pools()
        counts = {
            "entities.jsonl": _write(out_dir / "entities.jsonl", [
                dumps({"entity_id": eid, "kind": kind, "names": names,
                       "official_accounts": [{"platform": plan.platform[s], "account_id": plan.account_id[s]}
                                             for s in plan.official_slots[eid]]})
                for eid, kind, names in plan.entities]),
            "claims.jsonl": _write(out_dir / "claims.jsonl", [
                dumps({"claim_id": c.claim_id, "text": c.texts[0], "verdict": c.verdict, "language": c.lang,
                       "title": c.title, "source_url": c.source_url, "published_at": c.published_at})
                for c in claims]),
        }
        step("special accounts", 0.05)
        ready: list[OrdinaryChunk] = []
        if workers >= 2 and _fork_available():
            with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork")) as ex:
                fut = ex.submit(_special_job, plan, claims, seed, out_dir)
                for ci in range(n_chunks):
                    ready.append(_ordinary_chunk(plan, pools, seed, ci))
                    step("ordinary accounts", 0.05 + 0.5 * (ci + 1) / n_chunks)
                acc_lines, special_posts, more = fut.result()
        else:
            acc_lines, special_posts, more = _special_job(plan, claims, seed, out_dir)
        counts.update(more)
        step("writing accounts and posts", 0.6)
        post_keys = [k for k, _ in special_posts]
        n_acc = n_posts = 0
        with open(out_dir / "accounts.jsonl", "w", encoding="utf-8", newline="\n") as fa, \
                open(out_dir / "posts.jsonl", "w", encoding="utf-8", newline="\n") as fp:
            for ci in range(n_chunks):
                lo, hi = ci * CHUNK, min(size, (ci + 1) * CHUNK)
                sl, acc_ord, keys, lines = ready[ci] if ready else _ordinary_chunk(plan, pools, seed, ci)
                acc = [""] * (hi - lo)
                for s, line in zip(sl, acc_ord, strict=True):
                    acc[s - lo] = line
                for s in range(lo, hi):  # special lines win (ordinary accounts that copied a rumour)
                    if s in acc_lines:
                        acc[s - lo] = acc_lines[s]
                fa.write("".join(acc))
                n_acc += len(acc)
                a, b = bisect_left(post_keys, lo * 100), bisect_left(post_keys, hi * 100)
                extra = special_posts[a:b]
                all_keys = np.concatenate([keys, np.array(post_keys[a:b], dtype=np.int64)])
                all_lines = lines + [line for _, line in extra]
                order = np.argsort(all_keys, kind="stable").tolist()
                fp.write("".join([all_lines[i] for i in order]))
                n_posts += len(all_lines)
                if ready:
                    ready[ci] = ([], [], keys[:0], [])  # free memory as we go
                step("writing accounts and posts", 0.6 + 0.4 * hi / size)
        counts["accounts.jsonl"] = n_acc
        counts["posts.jsonl"] = n_posts
    return {name: counts[name] for name in (*FILES, DETAIL_FILE, MEDIABANK_FILE)}
