"""The vectorised part-wise scorer gives exactly the classifier's probabilities on the joined texts."""

from __future__ import annotations

import random
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.services.classifier import default_classifier, default_scorer, weights_path
from vigil.services.fastscore import FastScorer
from vigil.services.lexicon import normalize, normalize_many, words
from vigil.services.trainingdata import generate_rich
from vigil.text.icuwords import segments

ODD = ["", "  ", "Σ ΑΣ x", "a\x00b c", "繁體中文 測試  醫生 執業", "ＦＵＬＬ　ｗｉｄｔｈ ＤＭ", "e\u0301cole",
       "İstanbul", "a\tb\nc", "👍👍 emoji 加V🙌私信", "严📢于🇨🇳信 yyx3795", "x", "主任医师在线问诊，私信开药",
       "Guaranteed 30% monthly returns, DM me", "𠀀𠀁 ext-B 律师"]


def test_part_units_score_exactly_like_joined_texts() -> None:
    clf = default_classifier()
    scorer = FastScorer.from_classifier(clf)
    rng = random.Random(5)
    parts = [a.text() for a in generate_rich(77, per_domain=6, negatives=30)] + ODD
    units = [[i] for i in range(len(parts))]
    units += [rng.sample(range(len(parts)), rng.randint(2, 4)) for _ in range(120)]
    units += [[parts.index(""), parts.index("x")], [parts.index("  "), parts.index("")]]
    joined = [" ".join(parts[i] for i in u) for u in units]
    expected = clf.predict_proba(joined)
    got = scorer.predict_units(parts, units)
    assert got == expected  # bit for bit: same counts, same TF-IDF and regression arithmetic
    assert any(p["none"] < 0.5 for p in got) and any(p["none"] > 0.5 for p in got)
    # the weights shipped as arrays (what scans load) are the pickled model's, bit for bit too
    assert weights_path().is_file(), "run `make model`: the shipped weights do not match the training code"
    assert default_scorer().predict_units(parts, units) == expected


def test_scoring_accounts_does_not_import_scikit_learn() -> None:
    code = ("import sys\n"
            "from vigil.detectors.base import Batch, Resources\n"
            "from vigil.detectors.unqualified import UnqualifiedServicesDetector\n"
            "from vigil.model import Account\n"
            "det = UnqualifiedServicesDetector(Resources())\n"
            "acc = Account(platform='x', account_id='a', display_name='Dr. Li', bio='私信开药 主任医师在线问诊')\n"
            "out = det.detect(Batch(accounts=[acc]))\n"
            "print(len(out.findings), 'sklearn' in sys.modules)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.split() == ["1", "False"]


def test_icu_words_keep_python_offsets_past_emoji() -> None:
    # ICU counts UTF-16 units; an emoji before a word must not shift the cut ("T", "oday ")
    assert words("good times 🙌 Today avocado") == ["good", "times", "Today", "avocado"]
    assert segments("严📢于 信") == ["严", "📢", "于", " ", "信"]
    assert "".join(segments("𠀀律师🇨🇳 abc")) == "𠀀律师🇨🇳 abc"


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"aZk09_.,;:'\"-!?$%&()@#/\\ \t\n", *map(chr, range(128))]), max_size=24))
def test_ascii_words_cut_like_icu(text: str) -> None:
    # ASCII text skips the BreakIterator: the regular expression must give exactly ICU's word segments
    from vigil.text.icuwords import _ALNUM

    assert words(text) == [tok for tok in segments(text) if _ALNUM.search(tok)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("愛國發現醫師執業 \t\n\u3000ABCdé𠀀📢，。Σ后後里裡面麵")), max_size=12),
                max_size=8))
def test_normalize_many_equals_normalize_one_by_one(texts: list[str]) -> None:
    # one OpenCC call for many texts: no conversion may span the line breaks between them
    assert normalize_many(texts) == [normalize(t) for t in texts]
    assert normalize_many(ODD) == [normalize(t) for t in ODD]
