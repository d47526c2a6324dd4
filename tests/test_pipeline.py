"""The pipeline's result depends on the data only: not on chunk size, worker count or input order."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from vigil.pipeline import build_detectors, load_inputs, run_detectors


@pytest.mark.slow
def test_findings_do_not_depend_on_chunking_workers_or_order(tmp_path: Path) -> None:
    from vigil.synth import generate

    generate(size=400, seed=3, out_dir=tmp_path)
    kinds = ("entities", "claims", "credentials", "accounts", "posts", "reports")
    inputs = load_inputs({k: tmp_path / f"{k}.jsonl" for k in kinds})
    dets = build_detectors(inputs.resources)
    base = run_detectors(dets, inputs.accounts, inputs.posts, inputs.reports, chunk=10000, workers=1)
    assert base.findings, "the synthetic sample must produce findings"
    small = run_detectors(dets, inputs.accounts, inputs.posts, inputs.reports, chunk=37, workers=2)
    rng = random.Random(1)
    accounts, posts = list(inputs.accounts), list(inputs.posts)
    rng.shuffle(accounts)
    rng.shuffle(posts)
    shuffled = run_detectors(build_detectors(inputs.resources), accounts, posts, inputs.reports, chunk=101,
                             workers=1)
    dump = [f.model_dump_json() for f in base.findings]
    assert [f.model_dump_json() for f in small.findings] == dump
    assert [f.model_dump_json() for f in shuffled.findings] == dump
    keys = [f.dedup_key() for f in base.findings]
    assert len(keys) == len(set(keys)), "one line per subject x category x subcategory x target"
