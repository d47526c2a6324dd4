"""Line-aligned byte ranges of account-level JSONL files, numbered like the whole file, so that several
processes can read one file in parallel and still quarantine by line number (no pyarrow needed here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SPLIT_KINDS = ("accounts", "posts", "reports")  # index = the `kind` column (0 account, 1 post, 2 report)
SPLIT_BYTES = 64 << 20


@dataclass(frozen=True)
class Split:
    kind: int
    path: str
    start: int = 0
    end: int = -1  # -1: the whole file, read by `iter_rows`
    first_line: int = 1


def _splittable(path: Path) -> bool:
    name = path.name.lower()
    return not name.endswith((".gz", ".csv", ".parquet"))


def plan_splits(paths: dict[str, Path | None], split_bytes: int = SPLIT_BYTES) -> list[Split]:
    """Byte ranges of the account-level files, each starting at a line start (first_line not yet known)."""
    splits: list[Split] = []
    for kind, name in enumerate(SPLIT_KINDS):
        path = paths.get(name)
        if path is None:
            continue
        if not _splittable(path):
            splits.append(Split(kind, str(path)))
            continue
        size = path.stat().st_size
        bounds = [0]
        with path.open("rb") as fh:
            for approx in range(split_bytes, size, split_bytes):
                if approx <= bounds[-1]:
                    continue
                fh.seek(approx - 1)
                fh.readline()  # to the end of the line holding byte approx-1: the next line starts there
                if fh.tell() < size:
                    bounds.append(fh.tell())
        bounds.append(size)
        splits.extend(Split(kind, str(path), a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a)
        if size == 0:
            splits.append(Split(kind, str(path), 0, 0))
    return splits


def split_size(paths: dict[str, Path | None], slots: int) -> int:
    """SPLIT_BYTES, or smaller when the input is small, so every slot gets ~4 splits to validate."""
    total = sum(p.stat().st_size for k, p in paths.items() if p is not None and k in SPLIT_KINDS)
    return max(1 << 22, min(SPLIT_BYTES, total // max(1, 4 * slots)))


def count_lines(split: Split) -> int:
    """Newlines in a split (whole-file splits: 0, nothing follows them in the same file)."""
    if split.end < 0:
        return 0
    n, left = 0, split.end - split.start
    with open(split.path, "rb") as fh:
        fh.seek(split.start)
        while left > 0:
            block = fh.read(min(left, 8 << 20))
            if not block:
                break
            n += block.count(b"\n")
            left -= len(block)
    return n


def number_splits(splits: Sequence[Split], newlines: Sequence[int]) -> list[Split]:
    """Give each split the number of its first line (1 + newlines before it in its file)."""
    out: list[Split] = []
    before: dict[str, int] = {}
    for s, n in zip(splits, newlines, strict=True):
        seen = before.get(s.path, 0)
        out.append(Split(s.kind, s.path, s.start, s.end, seen + 1))
        before[s.path] = seen + n
    return out


