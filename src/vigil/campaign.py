"""A campaign run: ingest -> detect -> queue -> decide -> penalise (-> report), resumable.

Each stage is idempotent: records and findings are upserts, decisions have content-derived ids and
each account's decisions, penalties, notices and audit rows commit in one transaction. A run killed at
any moment and started again with the same arguments finishes the work with nothing lost or doubled.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from vigil import audit
from vigil.enforcement import LedgerSink, write_orders
from vigil.enforcement.record import record_decision, record_notice
from vigil.errors import UsageError
from vigil.ingest import IngestCounts, read_records
from vigil.model import Finding
from vigil.pipeline import build_detectors, latest_timestamp, run_detectors
from vigil.policy import AccountHistory, Policy, decide, load_policy
from vigil.review.queue import open_cases
from vigil.store import SQLiteStore
from vigil.timeutil import iso

KIND_FILES = ("entities", "claims", "credentials", "accounts", "posts", "reports")
EXTENSIONS = (".jsonl", ".jsonl.gz", ".csv", ".csv.gz", ".parquet")
ACTOR = "system:campaign"


def find_input(data_dir: Path, kind: str) -> Path | None:
    for ext in EXTENSIONS:
        p = data_dir / f"{kind}{ext}"
        if p.exists():
            return p
    return None


@dataclass
class CampaignSummary:
    run_id: str
    shadow: bool
    resumed: bool
    counts: IngestCounts
    findings: int = 0
    decisions: int = 0
    penalties: dict[str, int] = field(default_factory=dict)
    cases_opened: int = 0
    orders: dict[str, int] = field(default_factory=dict)


class Interrupted(RuntimeError):
    """Raised by the fault-injection hook in tests to simulate a crash half-way."""


def run_campaign(
    data_dir: Path,
    store: SQLiteStore,
    policy_path: Path | None = None,
    *,
    shadow: bool = False,
    orders_dir: Path | None = None,
    workers: int = 2,
    on_stage: Callable[[str, int, int], None] | None = None,
    fail_after_accounts: int | None = None,
    detector_names: list[str] | None = None,
    engine: str = "sqlite",
) -> CampaignSummary:
    from vigil.engines import ENGINES

    if engine not in ENGINES:
        raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if not data_dir.is_dir():
        raise UsageError(f"--data: {data_dir} is not a directory")
    paths = {k: find_input(data_dir, k) for k in KIND_FILES}
    if paths["entities"] is None:
        raise UsageError(f"--data: {data_dir} has no entities.jsonl (the protected-entity registry)")
    policy = load_policy(policy_path)
    run_id, as_of, resumed = _start_run(store, data_dir, policy, shadow)
    stage = on_stage or (lambda name, done, total: None)

    # 1. ingest (upserts: a second pass changes nothing)
    counts = IngestCounts()
    for kind, path in paths.items():
        if path is None:
            continue
        seen: set[tuple[str, ...]] = set()
        buf: list[Any] = []
        quarantined: list[Any] = []
        for rec in read_records(path, kind, counts, quarantined.append, seen):
            buf.append(rec)
            if len(buf) >= 50000:
                store.upsert_records(kind, buf)
                buf.clear()
        store.upsert_records(kind, buf)
        store.add_quarantine(quarantined)
        stage(f"ingest {kind}", 1, 1)
    _set_stage(store, run_id, "ingested")

    # 2. detect
    resources_entities, claims, creds = store.entities(), store.claims(), store.credentials()
    from vigil.detectors.base import Resources

    accounts = [a for chunk in store.iter_accounts() for a in chunk]
    posts, reports = store.all_posts(), store.reports()
    if engine == "sqlite":
        bank = data_dir / "mediabank.jsonl"
        resources = Resources(entities=resources_entities, claims=claims, credentials=creds,
                              as_of=latest_timestamp(accounts, posts, reports),
                              mediabank=str(bank) if bank.is_file() else None)
        detectors = build_detectors(resources, names=detector_names)
        result = run_detectors(detectors, accounts, posts, reports, workers=workers,
                               on_chunk=lambda n: stage("detect", n, 0))
    else:  # the same detectors on DuckDB or Spark: identical findings (tests/test_engines.py)
        from vigil.engines import run_engine
        from vigil.pipeline import Inputs, ScanResult

        inputs = Inputs(entities=resources_entities, claims=claims, credentials=creds, accounts=accounts,
                        posts=posts, reports=reports)
        result = ScanResult(findings=run_engine(engine, inputs, None, detector_names), ignored=0)
    store.save_findings(result.findings)
    _set_stage(store, run_id, "detected")

    # 3. review queue: what automation may not decide goes to people
    findings_by_account: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in result.findings:
        findings_by_account[(f.subject.platform, f.subject.account_id)].append(f)
    cases = open_cases(store, result.findings, reports, policy, as_of)
    _set_stage(store, run_id, "queued")

    # 4. decide and penalise, one transaction per account
    reported: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    for r in reports:
        reported[(r.platform, r.subject.account_id)].add(r.subject.post_id)
    summary = CampaignSummary(run_id=run_id, shadow=shadow, resumed=resumed, counts=counts,
                              findings=len(result.findings), cases_opened=cases)
    sink = LedgerSink(store.conn)
    keys = sorted(findings_by_account)
    slowdown = float(os.environ.get("VIGIL_CAMPAIGN_SLOWDOWN") or 0)  # test hook: widen the crash window
    for i, key in enumerate(keys):
        if fail_after_accounts is not None and i >= fail_after_accounts:
            raise Interrupted(f"fault injected after {i} accounts")
        with store.transaction() as conn:
            history = _history(conn, key, run_id)
            decisions = decide(findings_by_account[key], history, policy, as_of, frozenset(reported.get(key, ())))
            for d in decisions:
                if record_decision(conn, d, run_id=run_id, shadow=shadow, at=as_of, actor=ACTOR):
                    summary.decisions += 1
                    if not shadow:
                        for action in d.penalties:
                            if sink.apply(d, action, actor=ACTOR, at=as_of):
                                summary.penalties[action.penalty] = summary.penalties.get(action.penalty, 0) + 1
                                record_notice(conn, d, action, policy, as_of, actor=ACTOR)
        if i % 500 == 0:
            stage("decide", i + 1, len(keys))
        if slowdown:
            time.sleep(slowdown)
    if not shadow:
        summary.orders = write_orders(store.conn, orders_dir or store.path.parent / "orders")
    _finish_run(store, run_id, summary)
    return summary


def _start_run(store: SQLiteStore, data_dir: Path, policy: Policy, shadow: bool) -> tuple[str, datetime, bool]:
    raw = f"{data_dir.resolve()}\x1f{policy.sha256}\x1f{int(shadow)}"
    run_id = "run-" + hashlib.sha256(raw.encode()).hexdigest()[:16]
    row = store.conn.execute("SELECT as_of FROM campaign_runs WHERE run_id=?", (run_id,)).fetchone()
    if row is not None:
        return run_id, datetime.fromisoformat(row[0].replace("Z", "+00:00")), True
    as_of = datetime.now(UTC).replace(microsecond=0)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO campaign_runs (run_id, data_dir, policy_sha256, shadow, as_of, stage, status, started_at) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (run_id, str(data_dir.resolve()), policy.sha256, int(shadow), iso(as_of), "started", "running", iso(as_of)),
        )
        audit.append(conn, actor=ACTOR, action="campaign.start", subject={"run_id": run_id}, before=None,
                     after={"data_dir": str(data_dir.resolve()), "policy": policy.name,
                            "policy_sha256": policy.sha256, "shadow": shadow},
                     reason="campaign run started")
    return run_id, as_of, False


def _set_stage(store: SQLiteStore, run_id: str, stage: str) -> None:
    with store.transaction() as conn:
        conn.execute("UPDATE campaign_runs SET stage=? WHERE run_id=?", (stage, run_id))


def _finish_run(store: SQLiteStore, run_id: str, summary: CampaignSummary) -> None:
    with store.transaction() as conn:
        status = conn.execute("SELECT status FROM campaign_runs WHERE run_id=?", (run_id,)).fetchone()[0]
        conn.execute("UPDATE campaign_runs SET stage='done', status='done', finished_at=?, counts=? WHERE run_id=?",
                     (iso(datetime.now(UTC)), orjson.dumps({"findings": summary.findings}).decode(), run_id))
        if status != "done":
            audit.append(conn, actor=ACTOR, action="campaign.finish", subject={"run_id": run_id}, before=None,
                         after={"findings": summary.findings}, reason="campaign run finished")


def _history(conn: Any, key: tuple[str, str], run_id: str) -> AccountHistory:
    """Strikes from earlier runs' decisions that still stand (reversed ones do not count)."""
    strikes = conn.execute(
        "SELECT count(*) FROM decisions WHERE platform=? AND account_id=? AND run_id IS NOT ? AND shadow=0 "
        "AND status NOT IN ('reversed')", (*key, run_id)).fetchone()[0]
    led = conn.execute("SELECT status FROM ledger WHERE platform=? AND account_id=?", key).fetchone()
    closed_here = conn.execute(
        "SELECT 1 FROM decisions WHERE platform=? AND account_id=? AND run_id=?", (*key, run_id)).fetchone()
    return AccountHistory(strikes=int(strikes), closed=bool(led and led[0] == "closed" and not closed_here))
