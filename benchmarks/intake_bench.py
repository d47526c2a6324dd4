"""Report intake throughput against a live `vigil serve` (issue 6), beside a bare FastAPI echo endpoint.

Both servers run as separate processes with the same uvicorn settings (one worker, no access log) on
127.0.0.1; the load generator is one asyncio process with keep-alive connections (a minimal HTTP/1.1
client, so the client costs little of the shared CPUs). Every report is a distinct `report_id` from one
of many reporters (no reporter reaches the rate limit), about a few thousand subjects so reports merge
into cases. Afterwards the store is counted: reports in = reports stored.
Usage: .venv/bin/python benchmarks/intake_bench.py [--reports 5000] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "intake.md"
BIN = Path(sys.executable).parent
ECHO_APP = textwrap.dedent("""
    import sys
    import uvicorn
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse
    import orjson

    app = FastAPI()

    @app.post("/echo", status_code=201)
    async def echo(request: Request) -> JSONResponse:
        body = orjson.loads(await request.body())
        return JSONResponse({"report_id": body.get("report_id"), "case_id": "echo"}, status_code=201)

    @app.get("/api/v1/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
""")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


def _report(i: int, n_reporters: int) -> bytes:
    return orjson.dumps({
        "report_id": f"bench-{i}", "reporter_id": f"u{i % n_reporters}", "platform": "weibo",
        "subject": {"account_id": f"acct{(i * 7919) % 3000}", "post_id": None if i % 3 else f"p{i % 5000}"},
        "reason": ("impersonation", "debunked_claim", "engagement_farming", "other")[i % 4],
        "text": "pretends to be the CDC", "created_at": "2023-04-03T09:00:00Z"})


async def _worker(port: int, path: str, token: str, bodies: list[bytes], lat: list[float],
                  codes: dict[int, int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
            "Content-Type: application/json\r\n").encode()
    try:
        while bodies:
            body = bodies.pop()
            t0 = time.perf_counter()
            writer.write(head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            lat.append(time.perf_counter() - t0)
            code = int(status_line.split()[1])
            codes[code] = codes.get(code, 0) + 1
    finally:
        writer.close()


async def _load(port: int, path: str, token: str, bodies: list[bytes], concurrency: int) -> tuple[float, list[float],
                                                                                              dict[int, int]]:
    lat: list[float] = []
    codes: dict[int, int] = {}
    queue = list(reversed(bodies))
    t0 = time.perf_counter()
    await asyncio.gather(*(_worker(port, path, token, queue, lat, codes) for _ in range(concurrency)))
    return time.perf_counter() - t0, lat, codes


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000


def main(argv: Sequence[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=5000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(list(argv) if argv is not None else [])
    n, warm = args.reports, args.warmup
    load0 = os.getloadavg()[0]  # the box is shared: say how busy it was
    n_reporters = max(1, (n + warm) // 20)  # 20 reports each: far below the 60/min limit
    tmp = Path(tempfile.mkdtemp(prefix="vigil-intake-bench-"))
    db = tmp / "bench.db"
    token = subprocess.run([str(BIN / "vigil"), "token", "create", "--role", "intake", "--name", "bench", "--db",
                            str(db)], check=True, capture_output=True, text=True).stdout.strip()
    (tmp / "echo.py").write_text(ECHO_APP, encoding="utf-8")
    vport, eport = _free_port(), _free_port()
    procs = [subprocess.Popen([str(BIN / "vigil"), "serve", "--host", "127.0.0.1", "--port", str(vport), "--db", str(db)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
             subprocess.Popen([sys.executable, str(tmp / "echo.py"), str(eport)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        _wait(vport, procs[0])
        _wait(eport, procs[1])
        bodies = [_report(i, n_reporters) for i in range(n + warm)]
        targets = (("echo", eport, "/echo"), ("intake", vport, "/api/v1/reports"))
        for _, port, path in targets:  # warm-up (the intake warm-up reports are stored too)
            asyncio.run(_load(port, path, token, bodies[:warm], args.concurrency))
        # alternate the two targets in rounds so drifting load on the shared box hits both alike
        results: dict[str, tuple[float, list[float], dict[int, int]]] = {t[0]: (0.0, [], {}) for t in targets}
        step = -(-n // args.rounds)
        for start in range(warm, n + warm, step):
            chunk = bodies[start:min(start + step, n + warm)]
            for name, port, path in targets:
                secs, lat, codes = asyncio.run(_load(port, path, token, chunk, args.concurrency))
                total, all_lat, all_codes = results[name]
                for k, v in codes.items():
                    all_codes[k] = all_codes.get(k, 0) + v
                results[name] = (total + secs, all_lat + lat, all_codes)
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM report_meta").fetchone()[0]
    rows = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    cases = con.execute("SELECT count(*) FROM cases").fetchone()[0]
    audit_ok = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    con.close()
    accepted = sum(v for k, v in results["intake"][2].items() if k == 201) + warm
    lost = (n + warm) - stored
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Report intake over HTTP (issue 6)", "",
        f"Run {now} on {platform.machine()} / {os.cpu_count()} CPUs (shared with the load generator), "
        f"1-min load average {load0:.1f} at start, Python {platform.python_version()}; {n:,} reports after {warm} warm-up, {args.concurrency} keep-alive "
        f"connections, {n_reporters:,} reporters, ~3,000 subjects; one uvicorn worker per server; the two targets "
        f"alternate in {args.rounds} rounds.", "",
        "| target | requests | req/s | p50 ms | p99 ms | statuses |", "|---|---:|---:|---:|---:|---|",
    ]
    for name, label in (("echo", "bare FastAPI echo (baseline)"), ("intake", "`POST /api/v1/reports` (vigil serve)")):
        secs, lat, codes = results[name]
        lines.append(f"| {label} | {len(lat):,} | {len(lat) / secs:,.0f} | {_pct(lat, 0.5):.1f} | {_pct(lat, 0.99):.1f} | "
                     f"{', '.join(f'{k}: {v:,}' for k, v in sorted(codes.items()))} |")
    e_rate = len(results["echo"][1]) / results["echo"][0]
    i_rate = len(results["intake"][1]) / results["intake"][0]
    lines += ["",
              f"Intake runs at **{i_rate / e_rate:.2f}×** the bare echo's throughput "
              f"({i_rate:,.0f} vs {e_rate:,.0f} req/s); p99 {_pct(results['intake'][1], 0.99):.1f} ms. "
              f"Targets: ≥ 500 reports/s ({'met' if i_rate >= 500 else 'NOT met'}), "
              f"p99 < 50 ms ({'met' if _pct(results['intake'][1], 0.99) < 50 else 'NOT met'}).",
              f"Reports sent {n + warm:,}, answered 201 {accepted:,}, stored {stored:,} "
              f"({rows:,} report rows, {cases:,} cases, {audit_ok:,} audit rows): **{lost} lost**.",
              "Reports arriving together share one SQLite transaction (group commit; WAL, synchronous=NORMAL), each in its own savepoint, answered only after the commit: the report, its outcome row, "
              "the merged or new case with re-weighted priority, the reporter's counters and hash-chained audit rows.",
              ""]
    text = "\n".join(lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main(sys.argv[1:]))
