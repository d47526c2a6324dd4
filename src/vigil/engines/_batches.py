"""Shared by the engines: split detectors, run the whole-input ones, turn grouped records into batches."""

from __future__ import annotations

from collections.abc import Sequence

from vigil.detectors.base import Batch, Detector
from vigil.model import Account, Finding, Post, Report
from vigil.pipeline import finalize

__all__ = ["finalize", "run_batch", "run_whole", "split"]


def split(detectors: Sequence[Detector]) -> tuple[list[Detector], list[Detector]]:
    """(chunkable, whole-input) detectors."""
    return [d for d in detectors if d.chunkable], [d for d in detectors if not d.chunkable]


def run_whole(detectors: Sequence[Detector], accounts: Sequence[Account], posts: Sequence[Post],
              reports: Sequence[Report]) -> list[Finding]:
    """Detectors that need every record at once see one batch of everything, as in the pipeline."""
    everything = Batch(accounts=accounts, posts=posts, reports=reports)
    found: list[Finding] = []
    for det in detectors:
        found.extend(det.detect(everything).findings)
    return found


def run_batch(detectors: Sequence[Detector], batch: Batch) -> list[Finding]:
    found: list[Finding] = []
    for det in detectors:
        found.extend(det.detect(batch).findings)
    return found
