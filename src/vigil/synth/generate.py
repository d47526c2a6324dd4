"""`vigil synth`: write a seeded synthetic multi-platform campaign dataset with ground truth.

Accounts are planned up front (plan.py), the unusual ones generated record by record (special.py), and
the ordinary majority generated vectorised chunk by chunk (fast.py) and merged in slot order.
Same seed and size give byte-identical files.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from vigil.synth.claims import build_claims
from vigil.synth.fast import Pools, ordinary_accounts, ordinary_posts
from vigil.synth.plan import ORD, make_plan
from vigil.synth.reports import make_reports
from vigil.synth.special import POST_BASE, Special, dumps

CHUNK = 65_536
FILES = ("entities.jsonl", "accounts.jsonl", "posts.jsonl", "claims.jsonl", "credentials.jsonl", "reports.jsonl",
         "truth.jsonl")
DETAIL_FILE = "truth_detail.jsonl"

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


def generate(size: int, seed: int, out_dir: Path, progress: bool = False) -> dict[str, int]:
    """Write the dataset for `size` accounts into `out_dir`; return the line count of every file written."""
    if size < 1:
        raise ValueError("size must be at least 1")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with _progress(progress) as step:
        rng = np.random.default_rng([seed, 1])
        plan = make_plan(size, rng)
        claims = build_claims(max(1, size // 100), np.random.default_rng([seed, 2]))
        pools = Pools()
        step("special accounts", 0.05)
        sp = Special(plan, claims, pools, seed)
        sp.run()
        reports = make_reports(plan, sp.subjects, seed)
        step("writing", 0.2)

        def write(name: str, lines: list[str]) -> None:
            with open(out_dir / name, "w", encoding="utf-8", newline="\n") as f:
                f.write("".join(lines))
            counts[name] = len(lines)

        write("entities.jsonl", [
            dumps({"entity_id": eid, "kind": kind, "names": names,
                   "official_accounts": [{"platform": plan.platform[s], "account_id": plan.account_id[s]}
                                         for s in plan.official_slots[eid]]})
            for eid, kind, names in plan.entities])
        write("claims.jsonl", [
            dumps({"claim_id": c.claim_id, "text": c.texts[0], "verdict": c.verdict, "language": c.lang,
                   "title": c.title, "source_url": c.source_url, "published_at": c.published_at})
            for c in claims])
        write("credentials.jsonl", sp.creds)
        write("reports.jsonl", reports)
        write("truth.jsonl", sp.truth)
        write(DETAIL_FILE, sp.detail)

        special_posts = sorted(sp.posts)
        post_keys = [k for k, _ in special_posts]
        n_acc = n_posts = 0
        with open(out_dir / "accounts.jsonl", "w", encoding="utf-8", newline="\n") as fa, \
                open(out_dir / "posts.jsonl", "w", encoding="utf-8", newline="\n") as fp:
            for ci, lo in enumerate(range(0, size, CHUNK)):
                hi = min(size, lo + CHUNK)
                crng = np.random.default_rng([seed, 3, ci])
                slots = lo + np.flatnonzero(plan.role[lo:hi] == ORD)
                sl = slots.tolist()
                plat = [plan.platform[s] for s in sl]
                aid = [plan.account_id[s] for s in sl]
                en = plan.en[slots]
                acc = [""] * (hi - lo)
                for s, line in zip(sl, ordinary_accounts(pools, crng, plat, aid, en), strict=True):
                    acc[s - lo] = line
                for s in range(lo, hi):
                    if not acc[s - lo]:
                        acc[s - lo] = sp.acc_lines[s]
                fa.write("".join(acc))
                n_acc += len(acc)
                keys, lines = ordinary_posts(pools, crng, slots, plat, aid, en, POST_BASE)
                a, b = bisect_left(post_keys, lo * 100), bisect_left(post_keys, hi * 100)
                extra = special_posts[a:b]
                all_keys = np.concatenate([keys, np.array([k for k, _ in extra], dtype=np.int64)])
                all_lines = lines + [line for _, line in extra]
                order = np.argsort(all_keys, kind="stable").tolist()
                fp.write("".join([all_lines[i] for i in order]))
                n_posts += len(all_lines)
                step("writing accounts and posts", 0.2 + 0.8 * hi / size)
        counts["accounts.jsonl"] = n_acc
        counts["posts.jsonl"] = n_posts
    return {name: counts[name] for name in (*FILES, DETAIL_FILE)}
