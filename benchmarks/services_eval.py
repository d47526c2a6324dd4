"""Evaluation of issue 7's detectors: unqualified services, engagement farming, AI newsrooms, media bank.

Everything here is generated or hand-written inside the repository (no ../shared data fits these
categories). Ground truth comes from seeds that no model was trained on:
- classifier: trained on `TRAIN_SEED`, tested on `EVAL_SEED` (held-out generated accounts);
- `unqualified_services.advice`: generated accounts (EVAL_SEED) with credentials valid / expired / for
  another domain / absent; hand-written bilingual development sets, pooled (`services_handwritten`,
  `services_blind`…`services_blind6` — each blind at its first run in an earlier round, then used for
  fixes — and `services_dev8`/`services_dev9`, written for this round's tuning); and
  `services_blind7.jsonl` (160 accounts, zh/en half each), committed before any run and never tuned on,
  reported before → after and per language;
- engagement, newsroom and media-bank detectors: `vigil.services.scenarios.generate(EVAL_SEED)`.
Each detector is compared with a keyword/exact-match baseline measured in the same run.
Usage: .venv/bin/python benchmarks/services_eval.py
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vigil.detectors.base import Batch, Resources  # noqa: E402
from vigil.detectors.engagement import AccountEngagementDetector, CoordinatedPostingDetector  # noqa: E402
from vigil.detectors.newsroom import FakeNewsroomDetector, MediaBankDetector  # noqa: E402
from vigil.detectors.unqualified import UnqualifiedServicesDetector  # noqa: E402
from vigil.mediabank import MediaBank  # noqa: E402
from vigil.model import Account, Credential, CredentialDomain, Entity, Finding, Post  # noqa: E402
from vigil.services.classifier import TRAIN_SEED, default_classifier  # noqa: E402
from vigil.services.credentials import CredentialIndex, parse_day  # noqa: E402
from vigil.services.farming import clickbait, money_signals  # noqa: E402
from vigil.services.lexicon import DOMAINS, normalize, scan  # noqa: E402
from vigil.services.scenarios import generate as generate_scenario  # noqa: E402
from vigil.services.trainingdata import LABELS, generate, generate_rich  # noqa: E402

EVAL_SEED = 777_001
SYNTH_SIZE, SYNTH_SEED = 3000, 2027  # seed 11 was used while choosing the top-domain credit weights
assert EVAL_SEED != TRAIN_SEED
RESULTS = ROOT / "benchmarks" / "results" / "services.md"
DATA = ROOT / "benchmarks" / "data"
POST_TS = "2025-06-01T09:00:00Z"


@dataclass
class PR:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right_domain: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def domain_rate(self) -> float:
        return self.right_domain / self.tp if self.tp else 1.0

    def row(self, name: str, domain: bool = False) -> str:
        extra = f" {self.domain_rate:.3f} |" if domain else ""
        return f"| {name} | {self.tp} | {self.fp} | {self.fn} | {self.precision:.3f} | {self.recall:.3f} |{extra}"


def score_sets(got: Mapping[str, str], want: Mapping[str, str]) -> PR:
    """got/want: subject → label (domain or subcategory); right_domain counts equal labels among TPs."""
    pr = PR()
    for key, label in got.items():
        if key in want:
            pr.tp += 1
            pr.right_domain += label == want[key]
        else:
            pr.fp += 1
    pr.fn = sum(1 for key in want if key not in got)
    return pr


# ---------------------------------------------------------------- unqualified services

@dataclass
class ServiceCase:
    account: Account
    posts: list[Post]
    credentials: list[Credential]
    expect: str | None
    lang: str = "?"


def _case(aid: str, name: str, handle: str, bio: str, posts: Sequence[str], creds: Iterable[tuple[str, str]],
          expect: str | None) -> ServiceCase:
    acc = Account(platform="weibo", account_id=aid, display_name=name, handle=handle or None, bio=bio or None,
                  created_at="2025-01-01T00:00:00Z")
    ps = [Post(platform="weibo", post_id=f"{aid}-{i}", account_id=aid, text=t, created_at=POST_TS)
          for i, t in enumerate(posts)]
    cs = [Credential(platform="weibo", account_id=aid, domain=cast("CredentialDomain", d), license_id=f"L-{aid}-{d}",
                     valid_until=u) for d, u in creds]
    return ServiceCase(acc, ps, cs, expect)


def generated_service_cases(seed: int) -> list[ServiceCase]:
    rng = random.Random(seed)
    out = []
    for i, g in enumerate(generate(seed, per_domain=40, negatives=240)):
        creds: list[tuple[str, str]] = []
        expect: str | None = None
        if g.label != "none":
            roll = rng.random()
            if roll < 0.3:
                creds = [(g.label, "2027-12-31")]  # licensed: must not be flagged
            elif roll < 0.45:
                creds, expect = [(g.label, "2024-12-31")], g.label  # expired
            elif roll < 0.6:
                other = rng.choice([d for d in DOMAINS if d != g.label])
                creds, expect = [(other, "2027-12-31")], g.label  # wrong domain
            else:
                expect = g.label
        elif rng.random() < 0.1:
            creds = [(rng.choice(DOMAINS), "2027-12-31")]  # a credential holder talking about daily life
        out.append(_case(f"g{i}", g.display_name, g.handle, g.bio, g.posts, creds, expect))
    return out


def _lang(r: dict[str, Any]) -> str:
    if r.get("lang"):
        return str(r["lang"])
    text = " ".join([r["display_name"], r["bio"], *r["posts"]])
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


def handwritten_cases(path: Path, prefix: str = "") -> list[ServiceCase]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        creds = [(c["domain"], c["valid_until"]) for c in r["credentials"]]
        case = _case(prefix + r["id"], r["display_name"], r.get("handle", ""), r["bio"], r["posts"], creds, r["expect"])
        case.lang = _lang(r)
        out.append(case)
    return out


DEV_FILES = (
    "services_handwritten.jsonl", "services_blind.jsonl", "services_blind2.jsonl", "services_blind3.jsonl",
    "services_blind4.jsonl", "services_blind5.jsonl", "services_blind6.jsonl", "services_dev8.jsonl",
    "services_dev9.jsonl",
)
"""Hand-written sets seen while tuning: the old dev set, blind sets 1–6 (blind at their first runs, see the
note), and dev sets 8 and 9 written for this round's tuning. Pooled as the development set."""
BLIND_FILE = "services_blind7.jsonl"
"""160 hand-written accounts committed before any run (commit 38d0151) and never used for tuning."""

BLIND7_BEFORE = {"zh": (35, 3, 7, 34), "en": (31, 3, 10, 28)}
"""First run of blind set 7 on the code before this round (commit 38d0151): TP, FP, FN, right domain."""


def dev_cases() -> list[ServiceCase]:
    return [c for i, f in enumerate(DEV_FILES) for c in handwritten_cases(DATA / f, prefix=f"s{i}-")]


def by_lang(cases: Sequence[ServiceCase], got: Mapping[str, str]) -> dict[str, PR]:
    out = {}
    for lang in ("zh", "en", "all"):
        keep = {c.account.account_id for c in cases if lang == "all" or c.lang == lang}
        want = {c.account.account_id: c.expect for c in cases if c.expect and c.account.account_id in keep}
        out[lang] = score_sets({a: d for a, d in got.items() if a in keep}, want)
    return out


def best_scores(cases: Sequence[ServiceCase]) -> dict[str, tuple[float, str]]:
    """Every account's strongest finding (score, domain) with the threshold lowered to 0.05."""
    creds = [c for case in cases for c in case.credentials]
    det = UnqualifiedServicesDetector(Resources(credentials=creds), threshold=0.05)
    batch = Batch(accounts=[c.account for c in cases], posts=[p for c in cases for p in c.posts])
    best: dict[str, tuple[float, str]] = {}
    for f in det.detect(batch).findings:
        prev = best.get(f.subject.account_id)
        if prev is None or f.score > prev[0]:
            best[f.subject.account_id] = (f.score, f.subcategory)
    return best


DEFAULT = UnqualifiedServicesDetector.default_threshold


def calibration_rows(cases: Sequence[ServiceCase]) -> list[str]:
    best = best_scores(cases)
    want = {c.account.account_id: c.expect for c in cases if c.expect}
    rows = []
    for t in (0.40, 0.45, 0.48, 0.50, 0.52, 0.55, 0.60):
        got = {a: d for a, (sc, d) in best.items() if sc >= t}
        rows.append(score_sets(got, want).row(f"threshold {t:.2f}" + (" (default)" if t == DEFAULT else ""), True))
    return rows


_FILLER = {
    "zh": ("今天天气不错，出去走走", "晚上吃了火锅，太辣了", "周末带娃去公园", "追剧追到两点", "新买的鞋子很舒服",
           "早上好，今天也要加油", "下班路上堵车一小时", "家里的猫又胖了"),
    "en": ("Great coffee this morning", "Traffic was terrible today", "Watching the game tonight", "New sneakers!",
           "Rainy day, staying in", "Happy Friday everyone", "Made pancakes for the kids", "Already November?!"),
}


def diluted(cases: Sequence[ServiceCase], seed: int = 5) -> list[ServiceCase]:
    """The same accounts with six everyday posts added to each (an offer is one post among many)."""
    rng = random.Random(seed)
    out = []
    for c in cases:
        extra = rng.sample(_FILLER["zh" if c.lang == "zh" else "en"], 6)
        posts = c.posts + [Post(platform="weibo", post_id=f"{c.account.account_id}-x{i}",
                                account_id=c.account.account_id, text=t, created_at=POST_TS)
                           for i, t in enumerate(extra)]
        out.append(ServiceCase(c.account, posts, c.credentials, c.expect, c.lang))
    return out


def run_unqualified(cases: Sequence[ServiceCase]) -> tuple[dict[str, str], float]:
    creds = [c for case in cases for c in case.credentials]
    det = UnqualifiedServicesDetector(Resources(credentials=creds))
    batch = Batch(accounts=[c.account for c in cases], posts=[p for c in cases for p in c.posts])
    t0 = time.perf_counter()
    found = det.detect(batch).findings
    secs = time.perf_counter() - t0
    best: dict[str, Finding] = {}
    for f in found:  # per account: the domain of its strongest finding (an account may get several)
        prev = best.get(f.subject.account_id)
        if prev is None or (f.score, f.subcategory) > (prev.score, prev.subcategory):
            best[f.subject.account_id] = f
    return {a: f.subcategory for a, f in best.items()}, secs


def keyword_baseline(cases: Sequence[ServiceCase]) -> dict[str, str]:
    """Flag any title or service keyword without a valid credential for the most-hit domain."""
    idx = CredentialIndex([c for case in cases for c in case.credentials])
    day = parse_day(POST_TS)
    out = {}
    for case in cases:
        a = case.account
        hits = scan(" ".join([a.display_name, a.bio or "", *(p.text for p in case.posts)]))
        counts = {d: len(hits.titles.get(d, [])) + len(hits.services.get(d, [])) for d in DOMAINS}
        domain = max(DOMAINS, key=lambda d: (counts[d], d))
        if counts[domain] and idx.check(a.platform, a.account_id, domain, day).status != "valid":
            out[a.account_id] = domain
    return out


def classifier_holdout(seed: int) -> tuple[float, float, list[str]]:
    """Per-label precision/recall on held-out template accounts and on held-out paraphrase-grammar
    accounts (both generators at a seed the model was not trained on)."""
    clf = default_classifier()
    sets = [generate(seed, per_domain=60, negatives=300), generate_rich(seed, per_domain=60, negatives=300)]
    preds = [clf.predict([g.text() for g in data]) for data in sets]
    accs = [sum(p == g.label for p, g in zip(pred, data, strict=True)) / len(data) for pred, data in zip(preds, sets, strict=True)]
    rows = []
    for lab in LABELS:
        cells = []
        for pred, data in zip(preds, sets, strict=True):
            tp = sum(p == lab and g.label == lab for p, g in zip(pred, data, strict=True))
            fp = sum(p == lab and g.label != lab for p, g in zip(pred, data, strict=True))
            fn = sum(p != lab and g.label == lab for p, g in zip(pred, data, strict=True))
            cells.append(f"{tp / max(1, tp + fp):.3f} | {tp / max(1, tp + fn):.3f} | {tp + fn}")
        rows.append(f"| {lab} | {' | '.join(cells)} |")
    return accs[0], accs[1], rows


# ---------------------------------------------------------------- engagement, newsroom, media bank

def _by_sub(findings: Iterable[Finding], post_level: bool = False) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for f in findings:
        key = f"{f.subject.account_id}|{f.subject.post_id or ''}" if post_level else f.subject.account_id
        out.setdefault(f.subcategory, {})[key] = f.subcategory
    return out


def engagement_baselines(accounts: Sequence[Account], posts: Sequence[Post]) -> dict[str, dict[str, str]]:
    hype = {p.account_id: "hype" for p in posts if clickbait(p.text)[1]}
    money = {p.account_id: "illicit_monetization" for p in posts if money_signals(p.text, p.links)}
    by_text: dict[str, set[str]] = {}
    for p in posts:
        by_text.setdefault(re.sub(r"\W+", "", normalize(p.text)), set()).add(p.account_id)
    coord = {a: "coordinated" for accs in by_text.values() if len(accs) >= 2 for a in accs}
    return {"hype": hype, "illicit_monetization": money, "coordinated": coord}


def run_scenarios(seed: int) -> tuple[list[str], dict[str, float]]:
    t0 = time.perf_counter()
    sc = generate_scenario(seed, scale=20)
    gen_s = time.perf_counter() - t0
    res = Resources(entities=sc.entities)
    batch = Batch(accounts=sc.accounts, posts=sc.posts)
    timings: dict[str, float] = {"generate": gen_s}
    rows: list[str] = []

    def timed(name: str, fn: Callable[[], list[Finding]]) -> list[Finding]:
        t = time.perf_counter()
        out = fn()
        timings[name] = time.perf_counter() - t
        return out

    acct = timed("engagement_farming.account", lambda: AccountEngagementDetector(res).detect(batch).findings)
    coord = timed("engagement_farming.coordinated", lambda: CoordinatedPostingDetector(res).detect(batch).findings)
    got = _by_sub([*acct, *coord])
    base = engagement_baselines(sc.accounts, sc.posts)
    for sub in ("hype", "illicit_monetization", "coordinated"):
        want = {a: sub for a, _ in sc.truth.get(sub, set())}
        rows.append(score_sets(got.get(sub, {}), want).row(f"engagement_farming/{sub}"))
        rows.append(score_sets(base[sub], want).row(f"  baseline (keyword / exact text) {sub}"))
    bank = MediaBank(sc.bank)
    news = timed("impersonation.newsroom",
                 lambda: FakeNewsroomDetector(res, bank=bank).detect(batch).findings)
    want_news = {a: sub for sub in ("news_media", "news_anchor") for a, _ in sc.truth.get(sub, set())}
    got_news = {f.subject.account_id: f.subcategory for f in news}
    rows.append(score_sets(got_news, want_news).row("impersonation.newsroom (news_media+news_anchor)", True))
    # baseline: any account whose name contains a registered outlet/anchor name
    names = [(n, e.kind) for e in sc.entities for n in e.names]
    official = {ref.account_id for e in sc.entities for ref in e.official_accounts}
    name_only = {a.account_id: next(k for n, k in names if n in a.display_name) for a in sc.accounts
                 if a.account_id not in official and any(n in a.display_name for n, _ in names)}
    rows.append(score_sets(name_only, want_news).row("  baseline (name contains an outlet/anchor name)", True))
    media = timed("mediabank.match", lambda: MediaBankDetector(res, bank=bank).detect(batch).findings)
    want_media = {f"{a}|{p}": "match" for a, p in sc.truth.get("match", set())}
    rows.append(score_sets(_by_sub(media, post_level=True).get("match", {}), want_media).row("mediabank.match (post)"))
    sha_only = MediaBank([e for e in sc.bank if e.hash_type == "sha256"])
    base_media = MediaBankDetector(res, bank=sha_only).detect(batch).findings
    rows.append(score_sets(_by_sub(base_media, post_level=True).get("match", {}), want_media)
                .row("  baseline (SHA-256 only, no PDQ)"))
    timings["accounts"] = len(sc.accounts)
    timings["posts"] = len(sc.posts)
    return rows, timings


def run_synth(size: int, seed: int) -> list[str]:
    """All four detectors on `vigil synth` data: another engineer's generator, never tuned against
    except where noted (the unqualified top-domain credit weights were chosen with one synth seed, 11)."""
    import tempfile

    from vigil.synth.generate import generate as synth_generate

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        synth_generate(size=size, seed=seed, out_dir=out, workers=1)

        def load(name: str, model: Any) -> list[Any]:
            return [model.model_validate_json(line) for line in (out / name).read_text(encoding="utf-8").splitlines()
                    if line.strip()]

        accounts, posts = load("accounts.jsonl", Account), load("posts.jsonl", Post)
        res = Resources(entities=load("entities.jsonl", Entity), credentials=load("credentials.jsonl", Credential))
        truth = [json.loads(line) for line in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    batch = Batch(accounts=accounts, posts=posts)
    rows = []
    uq = UnqualifiedServicesDetector(res).detect(batch).findings
    want_pairs = {f"{r['account_id']}|{r['subcategory']}": "x" for r in truth if r["category"] == "unqualified_services"}
    got_pairs = {f"{f.subject.account_id}|{f.subcategory}": "x" for f in uq}
    rows.append(score_sets(got_pairs, want_pairs).row("unqualified_services.advice (account × domain)"))
    eng = [*AccountEngagementDetector(res).detect(batch).findings, *CoordinatedPostingDetector(res).detect(batch).findings]
    for sub in ("hype", "illicit_monetization", "coordinated"):
        want = {r["account_id"]: sub for r in truth if r["category"] == "engagement_farming" and r["subcategory"] == sub}
        got = {f.subject.account_id: sub for f in eng if f.subcategory == sub}
        rows.append(score_sets(got, want).row(f"engagement_farming/{sub}"))
    news = FakeNewsroomDetector(res).detect(batch).findings
    imp = {r["account_id"]: r["subcategory"] for r in truth if r["category"] == "impersonation"}
    want_news = {a: s for a, s in imp.items() if s in ("news_media", "news_anchor")}
    got_news = {f.subject.account_id: f.subcategory for f in news}
    pr = score_sets(got_news, want_news)
    pr.fp = sum(1 for a in got_news if a not in imp)  # any impersonator caught is not a false alarm
    rows.append(pr.row("impersonation.newsroom (recall vs all news impersonators)", True))
    return rows


# ---------------------------------------------------------------- report

HEAD = "| detector / set | TP | FP | FN | precision | recall |"
HEAD_D = "| detector / set | TP | FP | FN | precision | recall | right domain |"


def main() -> str:
    t_start = time.perf_counter()
    t0 = time.perf_counter()
    default_classifier()
    train_s = time.perf_counter() - t0
    default_classifier.cache_clear()
    t0 = time.perf_counter()
    default_classifier()  # now from the $VIGIL_CACHE file: what every later `vigil scan` pays
    load_s = time.perf_counter() - t0
    acc, acc_rich, class_rows = classifier_holdout(EVAL_SEED)
    lines = [
        "## services-eval — unqualified services, engagement farming, AI newsrooms, media bank (issue 7)",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} · {platform.system()} "
        f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}. "
        f"Classifier trained on seed {TRAIN_SEED} in {train_s:.2f} s (first call; training unless $VIGIL_CACHE already held the model) and "
        f"loaded from $VIGIL_CACHE in {load_s:.2f} s (every later run); every number below uses seed {EVAL_SEED} or hand-written data. Per account unless "
        "marked (post).",
        "",
        "### Classifier (TF-IDF char_wb 1–3 + ICU word 1–2 → logistic regression), held-out generated accounts",
        "",
        f"Accuracy: template generator {acc:.3f}, paraphrase-slot generator {acc_rich:.3f} (seed {EVAL_SEED}).",
        "",
        "| label | template P | template R | n | paraphrase P | paraphrase R | n |",
        "|---|---|---|---|---|---|---|",
        *class_rows,
        "",
        "### unqualified_services.advice (subcategory = domain; credentials checked on the batch's latest date)",
        "",
        HEAD_D,
        "|---|---|---|---|---|---|---|",
    ]
    blind = handwritten_cases(DATA / BLIND_FILE)
    dev = dev_cases()
    misses: list[str] = []
    lang_rows: list[str] = []
    for label, cases in [
        (f"generated (seed {EVAL_SEED}, 440 accounts)", generated_service_cases(EVAL_SEED)),
        (f"hand-written development sets, pooled ({len(dev)}; tuned on)", dev),
        (f"**hand-written blind set 7** ({len(blind)}; never tuned on)", blind),
    ]:
        want = {c.account.account_id: c.expect for c in cases if c.expect}
        got, secs = run_unqualified(cases)
        lines.append(score_sets(got, want).row(f"{label} — detector ({secs:.2f} s)", True))
        lines.append(score_sets(keyword_baseline(cases), want).row("  baseline: keyword + credential check", True))
        if "hand-written" in label:
            for lang, pr in by_lang(cases, got).items():
                if lang != "all":
                    lang_rows.append(pr.row(f"{label.split(' (')[0]} — {lang}", True))
        if "blind" in label:
            for c in cases:
                g, w = got.get(c.account.account_id), c.expect
                if g != w:
                    misses.append(f"- {c.account.account_id} ({c.lang}) `{c.account.display_name}`: expected {w}, got {g}")
    after = by_lang(blind, run_unqualified(blind)[0])
    before_rows = []
    for lang in ("zh", "en", "all"):
        tp, fp, fn, dom = (BLIND7_BEFORE[lang] if lang != "all" else
                           tuple(sum(v[i] for v in BLIND7_BEFORE.values()) for i in range(4)))
        b = PR(tp, fp, fn, dom)
        a = after[lang]
        before_rows.append(f"| {lang} | {b.precision:.3f} → **{a.precision:.3f}** | {b.recall:.3f} → **{a.recall:.3f}** "
                           f"| {b.domain_rate:.3f} → **{a.domain_rate:.3f}** | {b.tp}/{b.fp}/{b.fn} → {a.tp}/{a.fp}/{a.fn} |")
    dil = diluted(dev)
    want_dil = {c.account.account_id: c.expect for c in dil if c.expect}
    dil_rows = [score_sets(run_unqualified(dil)[0], want_dil).row("dev sets + 6 everyday posts each — per-post units", True)]
    import vigil.detectors.unqualified as uq

    saved, uq.POST_WEIGHT = uq.POST_WEIGHT, 0.0
    try:
        dil_rows.append(score_sets(run_unqualified(dil)[0], want_dil).row("  same, whole-account text only", True))
    finally:
        uq.POST_WEIGHT = saved
    lines += [
        "",
        "Per language (hand-written):",
        "",
        HEAD_D,
        "|---|---|---|---|---|---|---|",
        *lang_rows,
        "",
        "#### Blind set 7 before → after this round",
        "",
        "Blind set 7 (160 accounts: 80 zh, 80 en; 83 offering unqualified services across all five domains,",
        "some with expired or other-domain credentials; 77 negatives: licensed professionals with valid",
        "credentials, patients, people asking for help, students, news about scams, fitness/beauty/cooking/",
        "repair/tech-support trades, jokes) was written and committed (38d0151) before any run. \"Before\" is",
        "its one run on the code of that commit; \"after\" is this run. It was never used for tuning: all",
        "changes were judged on the development sets only, and the blind set was run once at the end.",
        "",
        "| language | precision | recall | right domain | TP/FP/FN |",
        "|---|---|---|---|---|",
        *before_rows,
        "",
        "Synthetic before → after (same seeds, TP/FP/FN): template held-out classifier accuracy 0.998 → "
        f"{acc:.3f}; generated accounts (seed {EVAL_SEED}) 141/0/0 → first row above; `vigil synth` (3000,",
        "seed 2027, today's generator; the old code measured once on the same files) 277/5/0 → synth table below.",
        "",
        "#### Threshold calibration on the pooled development sets (strongest finding per account)",
        "",
        HEAD_D,
        "|---|---|---|---|---|---|---|",
        *calibration_rows(dev),
        "",
        "The default operating threshold is 0.48, chosen on these development rows only (it was 0.5 until",
        "the ICU tokenisation fix of 2026-11-23 retrained the model: with the retrained model 0.5 loses three",
        "development accounts that 0.48 keeps at the same precision; lower thresholds add false positives).",
        "For the record, blind set 7 with the retrained model at 0.5: P 0.987, R 0.940 (78/1/5).",
        "(This table counts each",
        "account's strongest finding with the detector's own threshold lowered, so it can differ by an",
        "account from the default-threshold row above.)",
        "",
        "#### Robustness: an offer diluted among everyday posts",
        "",
        HEAD_D,
        "|---|---|---|---|---|---|---|",
        *dil_rows,
        "",
        "Blind set 7 misses (for the record; the set must not be used to tune the next round — write a new one):"
        if misses else "Blind set 7: no misses.", *misses, "",
        "Earlier rounds: blind sets 1–6 (108 accounts) were each blind at their first run and then used for",
        "fixes; their pooled first runs scored precision 0.975, recall 0.650. They are now part of the",
        "development pool above.",
        "",
    ]
    rows, timings = run_scenarios(EVAL_SEED)
    try:
        synth_rows = run_synth(SYNTH_SIZE, SYNTH_SEED)
    except Exception as exc:  # noqa: BLE001 - the synth module belongs to another part of the project
        synth_rows = [f"| vigil synth unavailable: {type(exc).__name__}: {exc} | | | | | |"]
    lines += [
        f"### Engagement farming, AI newsrooms and media bank — generated scenario (seed {EVAL_SEED}: "
        f"{int(timings['accounts'])} accounts, {int(timings['posts'])} posts)",
        "",
        HEAD_D,
        "|---|---|---|---|---|---|---|",
        *[r if r.count("|") == 8 else r + " |" for r in rows],
        "",
        f"### On `vigil synth` data (another engineer's generator; size {SYNTH_SIZE}, seed {SYNTH_SEED})",
        "",
        HEAD_D,
        "|---|---|---|---|---|---|---|",
        *[r if r.count("|") == 8 else r + " |" for r in synth_rows],
        "",
        "The newsroom detector only claims accounts that also *post* like a news generator; name-only",
        "impersonators of outlets are `impersonation.name`'s, hence its recall against all of them.",
        "",
        "Detector times: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()
                                      if k not in ("accounts", "posts")) + ".",
        "",
        "**Caveats.** The generated sets come from templates the authors wrote, so they measure whether the",
        "rules and model do what they were designed to do, not how they fare on real platforms. Scenario",
        "development used seeds 31337 and 4242, but errors at the report seed were also inspected once and",
        "led to scenario-realism fixes (independent timestamps, outlets writing headlines, not rumours),",
        "so those rows are optimistic; the `vigil synth` rows use seed 2027, while seed 11 was used to",
        "find the missing clickbait phrases and to choose the unqualified top-domain credit weights, and",
        "seed 5 to inspect unqualified false positives (lottery \"跟单\" offers) this round. The development",
        "sets were seen while tuning lexicons, the training grammar and the threshold, so their rows are",
        "optimistic. Blind set 7 was written by the same author as the training grammar (in one sitting,",
        "before the grammar was extended), so it shares the author's idea of how such accounts talk;",
        "an outside set written by other people is the real test. With 83 positives a miss moves its recall",
        "by 1.2 points (about 2.4 per language). **Better real-data evaluation:** a sample of real Weibo/Douyin/X accounts",
        "labelled by trust-and-safety reviewers, joined with real licence registries (NHC physician",
        "register, bar association and CSRC/SAC adviser lists, teacher certificates), plus real coordinated",
        "campaigns (e.g. platform takedown datasets) and ThreatExchange/StopNCII-style PDQ banks of",
        "fabricated media. None of that is available here: no labelled platform data or licence registry",
        "ships with the project or ../shared/data, and fetching bulk platform data is out of scope.",
        "",
        f"Total eval time {time.perf_counter() - t_start:.1f} s.",
        "",
    ]
    text = "\n".join(lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main())
