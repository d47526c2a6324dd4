"""Netizen reports: mostly about bad subjects, some about ordinary accounts, plus report brigades."""

from __future__ import annotations

import random

import numpy as np

from vigil.synth import vocab as V
from vigil.synth.fast import WINDOW_END, WINDOW_START
from vigil.synth.plan import ORD, Plan
from vigil.synth.special import dumps, iso

REASONS = ("impersonation", "debunked_claim", "unqualified_services", "engagement_farming")


def make_reports(plan: Plan, subjects: list[tuple[int, str | None, str, int]], seed: int) -> list[str]:
    r = random.Random(seed * 7_919 + 5)
    n_reporters = max(30, plan.size // 10)
    out: list[str] = []

    def add(s: int, pid: str | None, reason: str, t: int, reporter: int, text: str) -> None:
        out.append(dumps({
            "report_id": f"r{len(out) + 1}", "reporter_id": f"u{reporter}", "platform": plan.platform[s],
            "subject": {"account_id": plan.account_id[s], "post_id": pid}, "reason": reason, "text": text,
            "created_at": iso(min(t, WINDOW_END + 86400))}))

    for k, (s, pid, cat, t) in enumerate(subjects):
        if k > 0 and r.random() > 0.4:  # the first bad subject is always reported (small sizes keep reports)
            continue
        for _ in range(r.randint(1, 3)):
            reason = cat if r.random() < 0.8 else "other"
            add(s, pid, reason, t + r.randrange(600, 3 * 86400), r.randrange(n_reporters), r.choice(V.REPORT_TEXT[reason]))
    ordinary = np.flatnonzero(plan.role == ORD).tolist()
    if ordinary:
        for _ in range(max(1, len(ordinary) // 200)):  # stray reports about ordinary accounts
            s = r.choice(ordinary)
            reason = r.choice((*REASONS, "other"))
            add(s, None, reason, r.randrange(WINDOW_START, WINDOW_END), r.randrange(n_reporters), r.choice(V.REPORT_TEXT[reason]))
        for _ in range(max(1, plan.size // 20_000)):  # brigades: many reporters, one ordinary account, one hour
            s = r.choice(ordinary)
            reason = r.choice(("impersonation", "debunked_claim", "other"))
            t0 = r.randrange(WINDOW_START, WINDOW_END)
            for rep in r.sample(range(n_reporters), min(n_reporters, r.randint(15, 40))):
                add(s, None, reason, t0 + r.randrange(0, 3600), rep, r.choice(V.BRIGADE_TEXT))
    return out

