"""`vigil scan` on accounts alone (no posts, no reports): the workers read the accounts file too.

The default path reads and validates every account in one process before forking the detection workers,
~1.5 s of serial work per 200k accounts. When only accounts are given, each forked worker reads a
byte range of the file itself (line-aligned, numbered like the whole file), keeps its records, and waits:

1. every worker sends (line, key, created_at) of its valid rows, its bad lines and its line count;
2. the parent applies the run-wide rules: the first line of a key wins (a repeated key is quarantined,
   wherever its earlier line was read), and `as_of` is the latest created_at of the accepted accounts;
3. each worker drops its duplicates, gives the detectors the reference time (`Detector.rebase`), runs the
   chunkable detectors on its own accounts, 10,000 at a time in file order (validated again from the kept
   line text: records are ~4x larger than their lines), and sends findings back.

Counts, quarantine (file order) and findings equal the default path's: accounts are independent of each
other for every chunkable detector, and the non-chunkable ones only read posts (`candidate` checks).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vigil.detectors.base import Detector
from vigil.errors import VigilError
from vigil.ingest import IngestCounts, QuarantineEntry
from vigil.ingest.formats import iter_jsonl_range, parse_jsonl_line
from vigil.ingest.reader import duplicate_reason, validate_row
from vigil.ingest.splits import Split, count_lines, number_splits, plan_splits
from vigil.model import Account, Finding
from vigil.pipeline import run_detectors

KEEP_RECORDS_BYTES = 48 << 20
"""A split up to this size (~300,000 accounts of ~160 bytes) keeps its validated records between the phases;
$VIGIL_SCAN_KEEP_RECORDS_BYTES overrides it (memory against ~4 us per account)."""

CHUNK = 10_000
"""Accounts validated again and scanned together in phase 2 (the pipeline's own chunk size)."""
MIN_BYTES = 8 << 20
"""Below this the serial path is as fast: forking and the extra messages cost more than they save."""


@dataclass
class SplitScan:
    findings: list[Finding]
    ignored: int
    quarantine: list[QuarantineEntry]
    as_of: str | None


def candidate(paths: dict[str, Path | None], names: Sequence[str] | None, workers: int, db: bool) -> bool:
    """Accounts only (no posts or reports), a plain JSONL file worth splitting, several workers, no store
    to fill, and no whole-input detector among `names` (None: all) that reads accounts."""
    from vigil.detectors.base import registered

    acc = paths.get("accounts")
    mode = os.environ.get("VIGIL_SCAN_SPLIT", "")  # "0": never (the default path), "1": at any size
    if (mode == "0" or acc is None or paths.get("posts") is not None or paths.get("reports") is not None
            or workers < 2 or db or not acc.name.lower().endswith(".jsonl") or "fork" not in mp.get_all_start_methods()):
        return False
    try:
        if acc.stat().st_size < MIN_BYTES and mode != "1":
            return False
    except OSError:
        return False
    available = registered(names)
    chosen = [available[n] for n in (names if names is not None else available) if n in available]
    return not any(not cls.chunkable and "accounts" in cls.needs for cls in chosen)


def _keep_records_bytes() -> int:
    try:
        return int(os.environ.get("VIGIL_SCAN_KEEP_RECORDS_BYTES", KEEP_RECORDS_BYTES))
    except ValueError:
        return KEEP_RECORDS_BYTES


def _worker(conn: Any, split: Split, detectors: Sequence[Detector]) -> None:
    # Records read here live until the worker ends: keep the cyclic GC from walking them again and again
    # while they pile up (and while detection allocates), which costs more the larger the share.
    gc.disable()
    try:
        source = Path(split.path).name
        # Between the two phases a large split keeps only the valid lines' text (~330 bytes per account), not
        # the records (~1.7 KB each with their strings): phase 2 validates again, chunk by chunk, for ~4 us per
        # account. A split small enough for its records to fit easily keeps them and saves that time.
        keep = split.end - split.start <= _keep_records_bytes()
        records: list[Account] = []
        lines: list[tuple[int, str]] = []
        keys: list[tuple[int, str, str, str | None]] = []
        bad: list[QuarantineEntry] = []
        read = 0
        for lineno, raw, obj, reason in iter_jsonl_range(Path(split.path), split.start, split.end, split.first_line):
            read += 1
            rec = None
            if obj is not None:
                rec, reason = validate_row(Account, obj, True)
            if rec is None:
                bad.append(QuarantineEntry(source, lineno, reason or "invalid record", raw))
            else:
                lines.append((lineno, raw))
                keys.append((lineno, rec.platform, rec.account_id, rec.created_at))
                if keep:
                    records.append(rec)
        conn.send((read, bad, keys))
        del keys
        as_of, drop = conn.recv()
        gc.freeze()
        gc.enable()
        for det in detectors:
            det.rebase(as_of)
        dups: list[QuarantineEntry] = []
        findings: list[Finding] = []
        ignored = 0
        for start in range(0, len(lines), CHUNK):
            batch: list[Account] = []
            for i in range(start, min(start + CHUNK, len(lines))):
                ln, raw = lines[i]
                rec = records[i] if keep else _revalidate(ln, raw)
                if ln in drop:
                    dups.append(QuarantineEntry(source, ln, duplicate_reason(rec.key()), raw))
                else:
                    batch.append(rec)
            result = run_detectors(detectors, batch)
            findings.extend(result.findings)
            ignored += result.ignored
        conn.send((dups, findings, ignored))
    except VigilError as exc:  # a user-facing condition (e.g. the file became unreadable): one line
        conn.send(("error", exc))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def _revalidate(lineno: int, raw: str) -> Account:
    """The record of a line phase 1 accepted, read the same way again."""
    row = parse_jsonl_line(lineno, raw.encode("utf-8"))
    assert row is not None and row[2] is not None
    rec, reason = validate_row(Account, row[2], True)
    assert rec is not None, reason
    return rec  # type: ignore[no-any-return]


def _recv(conn: Any) -> Any:
    try:
        msg = conn.recv()
    except EOFError:
        raise VigilError("a scan worker stopped without an answer (out of memory?); "
                         "VIGIL_SCAN_SPLIT=0 reads the accounts in one process") from None
    if isinstance(msg, tuple) and len(msg) == 2 and msg[0] == "error":
        if isinstance(msg[1], VigilError):
            raise msg[1]
        raise RuntimeError(f"account reader failed:\n{msg[1]}")
    return msg


def run(path: Path, detectors: Sequence[Detector], workers: int, counts: IngestCounts) -> SplitScan:
    """Read `path` in `workers` line-aligned byte ranges in forked workers and run the chunkable detectors;
    the accounts file's rows are added to `counts`."""
    chunked = [d for d in detectors if d.chunkable]
    size = path.stat().st_size
    splits = plan_splits({"accounts": path}, split_bytes=max(1, -(-size // workers)))
    splits = number_splits(splits, [count_lines(s) for s in splits])
    ctx = mp.get_context("fork")
    links = []
    for split in splits:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(child, split, chunked), daemon=True)
        proc.start()
        child.close()
        links.append((parent, proc))
    try:
        first = [_recv(conn) for conn, _ in links]
        # run-wide rules: the first line of a key wins; as_of over the accepted accounts
        owner: dict[tuple[str, str], int] = {}
        drops: list[set[int]] = [set() for _ in links]
        as_of: str | None = None
        for i, (_, _, valid) in enumerate(first):  # splits are in file order, rows in line order
            for ln, platform, account_id, created in valid:
                key = (platform, account_id)
                if key in owner:
                    drops[i].add(ln)
                    continue
                owner[key] = ln
                if created and (as_of is None or created > as_of):
                    as_of = created
        for (conn, _), drop in zip(links, drops, strict=True):
            conn.send((as_of, drop))
        second = [_recv(conn) for conn, _ in links]
    finally:
        for conn, proc in links:
            conn.close()
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
    quarantine: list[QuarantineEntry] = []
    findings: list[Finding] = []
    ignored = 0
    for (read, bad, _), (dups, found, ign) in zip(first, second, strict=True):
        entries = sorted([*bad, *dups], key=lambda q: q.line)
        counts.add_many(path.name, read, len(entries))
        quarantine.extend(entries)
        findings.extend(found)
        ignored += ign
    return SplitScan(findings, ignored, quarantine, as_of)
