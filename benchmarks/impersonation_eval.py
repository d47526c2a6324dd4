"""Impersonation detector evaluation: recall per trick, attribution, FPR on ordinary and hard negatives.

Registry: hand-written Chinese / international entities and real anchors (vigil.evaldata.known_entities)
plus every organisation of ../shared/data/dotgov (16k+ real US government bodies). Accounts: every trick of
issue 4 applied to sampled entity names, invented authorities, hard negatives, officials and ordinary
accounts (vigil.evaldata.impersonation). Usage: python benchmarks/impersonation_eval.py [--per-trick N]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vigil.detectors.base import Batch, Resources  # noqa: E402
from vigil.detectors.impersonation import ImpersonationDetector  # noqa: E402
from vigil.evaldata.impersonation import VARIANT_TRICKS, eval_cases, eval_registry  # noqa: E402
from vigil.model import Account, Entity  # noqa: E402

DOTGOV = Path(os.environ.get("VIGIL_SHARED", ROOT.parent / "shared")) / "data" / "dotgov"
OUT = ROOT / "benchmarks" / "results" / "impersonation_eval.md"
DATA = ROOT / "benchmarks" / "data"
SETS = (("dev", "imp_dev.jsonl", "development set (tuned on)"),
        ("blind", "imp_blind.jsonl", "blind set (committed before any run, never tuned on)"),
        ("blind2", "imp_blind2.jsonl", "second blind set (written 2026-12-07 after that day's probes, committed "
                                       "before any run, never tuned on)"))


def _without_shorts(entities: list[Entity], cases: list[dict[str, str]]) -> tuple[list[Entity], dict[str, str]]:
    """The registry with every abbreviation case's short form removed from its entity's names (so only
    generated abbreviation keys can catch it), and entity_name (casefolded) -> entity_id."""
    from vigil.text.normalize import fold

    by_name = {n.casefold(): e.entity_id for e in entities for n in e.names}
    drop: dict[str, set[str]] = defaultdict(set)
    for c in cases:
        drop[by_name[c["entity_name"].casefold()]].add(fold(c["short"]).key)
    out = []
    for e in entities:
        gone = drop.get(e.entity_id)
        if gone:
            kept = [n for n in e.names if fold(n).key not in gone]
            e = e.model_copy(update={"names": kept or e.names[:1]})
        out.append(e)
    return out, by_name


# The hand-written sets measured once with the code before generated abbreviations and the authority grammar
# (ac6c2cb, index imp-v12), right after the sets were committed (1928f48): the baseline of the table below.
BEFORE = {
    "blind": {"invented": 0.877, "abbreviation": 0.035, "attribution": 0.250, "hard_negative": 0.0089, "ordinary": 0.0},
    "dev": {"invented": 0.900, "abbreviation": 0.060, "attribution": 0.333, "hard_negative": 0.0204},
}
SET_METRICS: dict[str, dict[str, float]] = {}
# The second probe's recall measured with the code before the fixes it prompted (bacb4e3, same cases).
VARIANT_BEFORE: dict[str, str] = {"taiwan_phrasing": "0.214", "pinyin_tones": "0.978", "pinyin_spelling": "0.210",
                                   "initials_spelled": "0.000", "abbreviated_word": "0.058", "ampersand": "1.000",
                                   "fancy_letters": "0.742", "anchor_programme": "0.100",
                                   "names_combined": "0.317"}


def before_after() -> list[str]:
    lines = ["", "Before / after on the hand-written sets (before = ac6c2cb, index imp-v12, measured once on these sets; "
             "the dev set has since grown by 40 invented authorities and 59 hard negatives, so its before figures "
             "are on its first 60 / 50 / 49 cases):",
             "", "| set | invented recall | abbreviation recall | abbreviation attribution | FPR hard negatives | FPR ordinary |",
             "|---|---:|---:|---:|---:|---:|"]
    for tag in ("blind", "dev"):
        b, a = BEFORE.get(tag, {}), SET_METRICS.get(tag, {})
        cells = []
        for m in ("invented", "abbreviation", "attribution", "hard_negative", "ordinary"):
            cells.append(f"{b[m]:.3f} -> {a[m]:.3f}" if m in b and m in a else "-")
        lines.append(f"| {tag} | " + " | ".join(cells) + " |")
    return lines


def run_sets(entities: list[Entity], det: ImpersonationDetector, show_misses: bool = False,
             only: tuple[str, ...] = ("dev", "blind", "blind2")) -> list[str]:
    """Rows for the hand-written dev and blind sets (benchmarks/data/imp_*.jsonl)."""
    import json

    lines: list[str] = []
    for tag, fname, label in SETS:
        if tag not in only or not (DATA / fname).is_file():
            continue
        rows = [json.loads(x) for x in (DATA / fname).read_text(encoding="utf-8").splitlines() if x.strip()]
        plain = [r for r in rows if r["group"] != "abbreviation"]
        abbr = [r for r in rows if r["group"] == "abbreviation"]
        accts = [Account(platform="x", account_id=f"{tag}-{i}", display_name=r["display_name"], handle=r.get("handle"))
                 for i, r in enumerate(plain)]
        found = defaultdict(list)
        for f in det.detect(Batch(accounts=accts)).findings:
            found[f.subject.account_id].append(f)
        n: Counter[str] = Counter()
        hit: Counter[str] = Counter()
        other: Counter[str] = Counter()
        for a, r in zip(accts, plain, strict=True):
            g = r["group"]
            fs = found.get(a.account_id, [])
            n[g] += 1
            if g == "invented":
                if any(f.subcategory == "invented_authority" for f in fs):
                    hit[g] += 1
                elif fs:
                    other[g] += 1
                elif show_misses:
                    print(f"MISS {tag} invented: {r['display_name']}")
            elif fs:
                hit[g] += 1
                if show_misses:
                    print(f"FP {tag} {g}: {r['display_name']} -> {fs[0].subcategory} {fs[0].evidence.get('entity_id')} "
                          f"{fs[0].evidence.get('matched_terms') or fs[0].evidence.get('transforms')} {fs[0].score:.2f}")
        if abbr:
            reg, by_name = _without_shorts(entities, abbr)
            adet = ImpersonationDetector(Resources(entities=reg), use_cache=False)
            aaccts = [Account(platform="x", account_id=f"{tag}-a{i}", display_name=r["display_name"])
                      for i, r in enumerate(abbr)]
            afound = defaultdict(list)
            for f in adet.detect(Batch(accounts=aaccts)).findings:
                afound[f.subject.account_id].append(f)
            adet.close()
            for a, r in zip(aaccts, abbr, strict=True):
                fs = afound.get(a.account_id, [])
                n["abbreviation"] += 1
                want = by_name[r["entity_name"].casefold()]
                if fs:
                    hit["abbreviation"] += 1
                    if any(f.evidence.get("entity_id") == want for f in fs):
                        other["abbreviation"] += 1
                    elif show_misses:
                        print(f"WRONG {tag} abbreviation: {r['display_name']} -> {fs[0].evidence.get('entity_id')} "
                              f"({fs[0].evidence.get('matched_alias')}) want {want}")
                elif show_misses:
                    print(f"MISS {tag} abbreviation: {r['display_name']} ({r['entity_name']})")
        SET_METRICS[tag] = {"invented": hit["invented"] / max(n["invented"], 1),
                            "abbreviation": hit["abbreviation"] / max(n["abbreviation"], 1),
                            "attribution": other["abbreviation"] / max(hit["abbreviation"], 1),
                            "hard_negative": hit["hard_negative"] / max(n["hard_negative"], 1)}
        if n["ordinary"]:
            SET_METRICS[tag]["ordinary"] = hit["ordinary"] / n["ordinary"]
        lines.append(f"- {label.capitalize()}: invented authorities recall {hit['invented'] / max(n['invented'], 1):.3f} "
                     f"({hit['invented']}/{n['invented']}; {other['invented']} more flagged as a real entity); "
                     f"abbreviations (short form not listed in the registry) recall "
                     f"{hit['abbreviation'] / max(n['abbreviation'], 1):.3f} ({hit['abbreviation']}/{n['abbreviation']}), "
                     f"attribution {other['abbreviation'] / max(hit['abbreviation'], 1):.3f}; FPR hard negatives "
                     f"{hit['hard_negative'] / max(n['hard_negative'], 1):.4f} ({hit['hard_negative']}/{n['hard_negative']})"
                     + (f", ordinary {hit['ordinary'] / max(n['ordinary'], 1):.4f} ({hit['ordinary']}/{n['ordinary']})"
                        if n["ordinary"] else "") + ".")
    return lines


def run(per_trick: int = 400, n_ordinary: int = 20000, seed: int = 7, show_misses: int = 0) -> str:
    t0 = time.perf_counter()
    entities = eval_registry(DOTGOV if DOTGOV.is_dir() else None)
    res = Resources(entities=entities)
    det = ImpersonationDetector(res, use_cache=False)
    t_build = time.perf_counter() - t0
    cases = eval_cases(entities, seed=seed, per_trick=per_trick, n_ordinary=n_ordinary)
    t1 = time.perf_counter()
    out = det.detect(Batch(accounts=[c.account for c in cases]))
    t_detect = time.perf_counter() - t1
    det.close()
    by_acct = defaultdict(list)
    for f in out.findings:
        by_acct[(f.subject.platform, f.subject.account_id)].append(f)

    total: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    fps: dict[str, list[str]] = defaultdict(list)
    for c in cases:
        fs = by_acct.get((c.account.platform, c.account.account_id), [])
        key = f"{c.group}:{c.trick}"
        total[key] += 1
        if c.group == "positive":
            if fs:
                hit[key] += 1
                if any(f.evidence.get("entity_id") == c.entity_id for f in fs):
                    right[key] += 1
            else:
                misses[key].append(f"{c.account.display_name!r} h={c.account.handle!r} bio={c.account.bio!r}")
        elif c.group == "invented":
            if any(f.subcategory == "invented_authority" for f in fs):
                hit[key] += 1
            elif fs:
                right[key] += 1  # flagged, but as a real entity
            else:
                misses[key].append(repr(c.account.display_name))
        elif c.group == "verified":
            if fs:
                hit[key] += 1
        else:
            if fs:
                hit[key] += 1
                fps[key].append(f"{c.account.display_name!r} -> {fs[0].evidence.get('entity_id')} "
                                f"{fs[0].score} {fs[0].evidence.get('transforms')}")

    lines = [
        "## Impersonation detection — evaluation",
        "",
        f"Run {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} on {platform.node()} "
        f"({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}); seed {seed}.",
        f"Registry: {len(entities):,} entities / {sum(len(e.names) for e in entities):,} names "
        f"(hand-written CN/international entities and anchors + ../shared/data/dotgov). "
        f"Threshold {det.threshold}. Index build {t_build:.1f} s; detect {len(cases):,} accounts in {t_detect:.1f} s.",
        "",
        "| trick | cases | recall | attribution (right entity / detected) |",
        "|---|---:|---:|---:|",
    ]
    pos_total = pos_hit = pos_right = 0
    variants = {f"positive:{t}" for t in VARIANT_TRICKS}
    for key in sorted(k for k in total if k.startswith("positive:") and k not in variants):
        n, h, r = total[key], hit[key], right[key]
        pos_total += n
        pos_hit += h
        pos_right += r
        lines.append(f"| {key.split(':', 1)[1]} | {n} | {h / n:.3f} | {r / max(h, 1):.3f} |")
    lines.append(f"| **all entity tricks** | {pos_total} | {pos_hit / max(pos_total, 1):.3f} | "
                 f"{pos_right / max(pos_hit, 1):.3f} |")
    lines += [
        "",
        "Second probe (tricks written 2026-12-07 after the table above was met, then fixed against: development "
        "data): Taiwan phrasing (s2twp: 信息 -> 資訊, 发布 -> 釋出), tone-marked pinyin, pinyin handles in other "
        "spellings (ü as v/u/yu, underscores, capitals, pinyin decorations such as _guanfang, _gf), pinyin initials "
        "spelled out (r.m.r.b) or in capitals (RMRB官方), abbreviated words (Dept., Govt, Nat'l, PD), & for and, "
        "and \"fancy text\" letters (mathematical bold or script, circled, small capitals ᴄɴɴ, negative squared 🅲🅽🅽); "
        "news anchors named with their outlet and programme (Lester Holt NBC Nightly News, 朝闻天下康辉), and a "
        "body named twice (CDC - Centers for Disease Control and Prevention, People's Daily 人民日报).",
        "",
        "| trick | cases | recall | attribution | recall before (bacb4e3) |",
        "|---|---:|---:|---:|---:|",
    ]
    for t in VARIANT_TRICKS:
        key = f"positive:{t}"
        n, h, r = total[key], hit[key], right[key]
        if n:
            lines.append(f"| {t} | {n} | {h / n:.3f} | {r / max(h, 1):.3f} | {VARIANT_BEFORE.get(t, '')} |")
    lines += ["", "Attribution below 1 on `ampersand` (and on a few rows of the first table): dotgov lists some bodies "
              "twice under equivalent spellings (\"Soil and Water\" / \"Soil & Water\", \"Dept\" / \"Department\") "
              "as separate entities, which now fold to the same name, so either entity may be reported. The misses "
              "left are two-character names (北大, 国博), whose pinyin (beida, guobo) is shorter than the 6-letter "
              "minimum for pinyin keys, and one initials run that begins with digits."]
    ik = "invented:invented_authority"
    lines += [
        "",
        f"- Invented authorities: recall {hit[ik] / max(total[ik], 1):.3f} ({hit[ik]}/{total[ik]} flagged as "
        f"`invented_authority`; {right[ik]} more flagged as a real entity).",
    ]
    bk = "invented:invented_blind"
    lines.append(f"- Invented authorities, blind set (written after tuning, never tuned on): recall "
                 f"{hit[bk] / max(total[bk], 1):.3f} ({hit[bk]}/{total[bk]}; {right[bk]} more flagged as a real entity).")
    for key, label in (("ordinary:ordinary", "ordinary accounts"),
                       ("hard_negative:blind", "hard negatives, blind set (written after tuning, never tuned on)"),
                       ("hard_negative:handwritten", "hard negatives, hand-written (bookstores, brands, clubs, fan pages)"),
                       ("hard_negative:name_plus_word", "hard negatives, entity name + non-decoration word"),
                       ("hard_negative:namesake_person", "hard negatives, anchor namesakes without news context"),
                       ("official:own_account", "entities' own official accounts")):
        lines.append(f"- FPR on {label}: {hit[key] / max(total[key], 1):.4f} ({hit[key]}/{total[key]}).")
    hn = sum(hit[k] for k in total if k.startswith("hard_negative:"))
    hn_t = sum(total[k] for k in total if k.startswith("hard_negative:"))
    lines.append(f"- FPR on all hard negatives: {hn / max(hn_t, 1):.4f} ({hn}/{hn_t}).")
    vk = "verified:verified_exact"
    lines.append(f"- Verified accounts carrying an entity's exact name (not its listed official accounts): "
                 f"{hit[vk] / max(total[vk], 1):.3f} flagged (score x0.8, so exact names stay above threshold "
                 f"and reach review; fuzzy matches on verified accounts drop below).")
    lines.append("")
    lines.append("Caveat: the generator, the tricks and most hand-written lists were written by the detector's author "
                 "and used while developing it, so these numbers are optimistic for unseen data; the two *blind* "
                 "rows (written after tuning, run once, not tuned on) are the better guide to generalisation.")
    lines.append("")
    lines.append("Targets (issue 4): recall >= 0.95 per trick (>= 0.90 invented), attribution >= 0.95, FPR <= 0.2% "
                 "ordinary, <= 10% hard negatives. `cjk_lookalike` draws its swaps from pairs the curated table "
                 "lists, so it measures the table's use, not coverage of unseen pairs; `typo` (one character "
                 "deleted/duplicated/transposed) measures the fuzzy fallback.")
    lines.append("")
    lines.append("Hand-written sets (benchmarks/data/imp_*.jsonl):")
    lines.append("")
    lines += run_sets(entities, det, show_misses=bool(show_misses))
    lines += ["", "The second blind set was first run with the code of 602e6ed and with the code before that day's "
              "probes (bacb4e3): the same figures (invented 48/53, abbreviations 30/38 with 29 attributed right, 0 "
              "false positives). The public-institution heads added later that day (中心, 研究院, 研究所 after a "
              "specific qualifier) moved it to the figures above: one more invented authority, and one abbreviation "
              "now flagged but not as its entity. Nothing was tuned on it; its misses were not looked at. Its "
              "abbreviation recall (~0.8) is the honest figure for short forms nobody tuned on; the first blind "
              "set's 0.94 had its misses looked at."]
    lines += before_after()
    lines += ["", "Generated eval before the change (ac6c2cb): per-trick table identical to the one above; invented "
              "0.967 (old blind 0.850); FPR ordinary 0/20000, all hard negatives 2/519. Abbreviations are matched only "
              "as the whole display name around decoration (a Latin acronym only in capitals; three bare capitals only "
              "when one body owns them; local bodies and a stoplist of everyday words, first names and other "
              "abbreviations get no acronym); evidence `transforms` then contains `abbreviation`."]
    if show_misses:
        for key, ms in sorted(misses.items()):
            print(f"MISS {key} ({len(ms)}):", *ms[:show_misses], sep="\n   ")
        for key, ms in sorted(fps.items()):
            print(f"FP {key} ({len(ms)}):", *ms[:show_misses], sep="\n   ")
    return "\n".join(lines) + "\n"


def main() -> str:
    text = run()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-trick", type=int, default=400)
    ap.add_argument("--ordinary", type=int, default=20000)
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--sets", default="", help="only the hand-written sets, e.g. 'dev' or 'dev,blind'")
    a = ap.parse_args()
    if a.sets:
        ents = eval_registry(DOTGOV if DOTGOV.is_dir() else None)
        d = ImpersonationDetector(Resources(entities=ents), use_cache=False)
        print("\n".join(run_sets(ents, d, show_misses=bool(a.show_misses), only=tuple(a.sets.split(",")))))
        sys.exit(0)
    md = run(a.per_trick, a.ordinary, show_misses=a.show_misses)
    if a.per_trick == 400 and a.ordinary == 20000:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(md, encoding="utf-8")
    print(md)
