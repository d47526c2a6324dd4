"""A hash bank of known fabricated media, matched the way ThreatExchange's hash banks work.

Entries come from a JSONL file, one object a line:
`{"hash_type": "sha256"|"pdq", "hash": "<hex>", "label": "...", "source": "...", "claim_id": optional}`.
SHA-256 matches exactly (the same file); PDQ is a 256-bit perceptual hash, so a re-encoded, resized or
lightly edited copy of a banked image still lands within a small Hamming distance (≤ 31 bits, the
threshold Meta recommends). Posts carry `media_sha256` and `media_pdq` (64 hex digits each).
`pdq_hex` computes PDQ for an image with the `pdqhash` package (imported lazily).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

PDQ_MATCH_DISTANCE = 31
"""Default PDQ match threshold in bits (of 256)."""
ENV_VAR = "VIGIL_MEDIABANK"
"""Path of the bank the detectors load when none is given."""

HashType = Literal["sha256", "pdq"]
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class BankEntry:
    hash_type: HashType
    hash: str
    label: str
    source: str | None = None
    claim_id: str | None = None

    @property
    def entry_id(self) -> str:
        return f"{self.hash_type}:{self.hash[:16]}"


@dataclass(frozen=True)
class BankMatch:
    entry: BankEntry
    observed: str
    distance: int  # 0 for an exact SHA-256 match


def hamming(a: str, b: str) -> int:
    """Bit distance between two equal-length hex hashes."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    h = value.strip().lower()
    return h if _HEX64.match(h) else None


class MediaBank:
    """In-memory bank: dict look-up for SHA-256, vectorised Hamming scan for PDQ."""

    def __init__(self, entries: Iterable[BankEntry] = (), pdq_distance: int = PDQ_MATCH_DISTANCE) -> None:
        self.pdq_distance = pdq_distance
        self.sha256: dict[str, BankEntry] = {}
        pdq: dict[str, BankEntry] = {}
        for e in entries:
            (self.sha256 if e.hash_type == "sha256" else pdq).setdefault(e.hash, e)
        self.pdq_entries = [pdq[h] for h in sorted(pdq)]
        # 256 bits as 4 × uint64 per row, for a popcount over the whole bank at once.
        self._pdq = np.array([_words(e.hash) for e in self.pdq_entries], dtype=np.uint64).reshape(-1, 4)
        self.rejected = 0

    def __len__(self) -> int:
        return len(self.sha256) + len(self.pdq_entries)

    @classmethod
    def load(cls, path: str | Path, pdq_distance: int = PDQ_MATCH_DISTANCE) -> MediaBank:
        """Read a JSONL bank; lines that are not valid entries are skipped and counted in `rejected`."""
        entries: list[BankEntry] = []
        rejected = 0
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                try:
                    entries.append(parse_entry(json.loads(line)))
                except (ValueError, TypeError):
                    rejected += 1
        bank = cls(entries, pdq_distance)
        bank.rejected = rejected
        return bank

    @classmethod
    def from_env(cls, path: str | None = None) -> MediaBank:
        """The bank at `path` (a run's --mediabank), else the one named by $VIGIL_MEDIABANK, else an empty
        bank (no file, no matches). Loaded once per path and process."""
        chosen = path or os.environ.get(ENV_VAR)
        if chosen and Path(chosen).is_file():
            return _load_cached(str(Path(chosen).resolve()), Path(chosen).stat().st_mtime_ns)
        return cls()

    def match_sha256(self, value: str | None) -> BankMatch | None:
        h = _clean(value)
        entry = self.sha256.get(h) if h else None
        return BankMatch(entry, h, 0) if entry and h else None

    def match_pdq(self, value: str | None) -> BankMatch | None:
        """The nearest banked PDQ hash within the distance threshold (ties: lowest hash)."""
        h = _clean(value)
        if h is None or not self.pdq_entries:
            return None
        query = np.array(_words(h), dtype=np.uint64)
        dist = np.bitwise_count(np.bitwise_xor(self._pdq, query)).sum(axis=1)
        best = int(np.argmin(dist))
        d = int(dist[best])
        return BankMatch(self.pdq_entries[best], h, d) if d <= self.pdq_distance else None

    def match(self, sha256: str | None, pdq: str | None) -> BankMatch | None:
        """Exact SHA-256 first (strongest evidence), then perceptual PDQ."""
        return self.match_sha256(sha256) or self.match_pdq(pdq)


def _words(hex64: str) -> list[int]:
    return [int(hex64[i : i + 16], 16) for i in range(0, 64, 16)]


def parse_entry(obj: Any) -> BankEntry:
    if not isinstance(obj, dict):
        raise ValueError("bank entry must be a JSON object")
    kind = obj.get("hash_type")
    if kind not in ("sha256", "pdq"):
        raise ValueError(f"unknown hash_type {kind!r}")
    h = _clean(obj.get("hash"))
    if h is None:
        raise ValueError("hash must be 64 hex digits")
    label = obj.get("label")
    if not isinstance(label, str) or not label:
        raise ValueError("label required")
    source = obj.get("source")
    claim = obj.get("claim_id")
    return BankEntry(kind, h, label, source if isinstance(source, str) else None,
                     claim if isinstance(claim, str) and claim else None)


def write_bank(path: str | Path, entries: Iterable[BankEntry]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for e in entries:
            row: dict[str, Any] = {"hash_type": e.hash_type, "hash": e.hash, "label": e.label, "source": e.source}
            if e.claim_id:
                row["claim_id"] = e.claim_id
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def bits_to_hex(bits: Iterable[int]) -> str:
    """PDQ bit vector → 64 hex digits, first bit most significant (ThreatExchange's convention)."""
    s = "".join("1" if b else "0" for b in bits)
    if len(s) != 256:
        raise ValueError("a PDQ hash has 256 bits")
    return f"{int(s, 2):064x}"


def pdq_hex(image: npt.NDArray[np.uint8] | str | Path) -> tuple[str, int]:
    """PDQ hash (hex) and quality (0–100) of an RGB image array or an image file."""
    import pdqhash  # lazy: a C extension only needed when hashing media

    if isinstance(image, (str, Path)):
        from matplotlib import image as mpimg

        arr = np.asarray(mpimg.imread(str(image)))
        if arr.dtype != np.uint8:
            arr = (np.clip(arr, 0.0, 1.0) * 255).astype(np.uint8)
        image = arr[..., :3] if arr.ndim == 3 else np.stack([arr] * 3, axis=-1)
    vec, quality = pdqhash.compute(np.ascontiguousarray(image))
    return bits_to_hex(int(b) for b in vec), int(quality)


def iter_matches(bank: MediaBank, items: Iterable[tuple[str | None, str | None]]) -> Iterator[BankMatch | None]:
    for sha, pdq in items:
        yield bank.match(sha, pdq)


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int) -> MediaBank:
    return MediaBank.load(path)
