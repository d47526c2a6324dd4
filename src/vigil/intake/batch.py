"""Group commit for report intake: reports arriving together share one SQLite transaction.

Each report still runs in its own SAVEPOINT (a rejected one rolls back alone) and its HTTP answer is
sent only after the shared COMMIT, so nothing is acknowledged that is not stored. Committing once per
batch instead of once per report is what lets one server process keep up with bursts of reports.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any

from vigil.api.context import Db
from vigil.api.tokens import Principal
from vigil.intake.parse import ParsedReport
from vigil.intake.service import submit
from vigil.policy import Policy

Item = tuple[ParsedReport, Principal, str, "asyncio.Future[tuple[bool, dict[str, Any]]]"]


class IntakeWriter:
    def __init__(self, db: Db, policy: Policy, clock: Callable[[], datetime], *, delay: float = 0.002,
                 max_batch: int = 256) -> None:
        self.db, self.policy, self.clock = db, policy, clock
        self.delay, self.max_batch = delay, max_batch
        self._pending: list[Item] = []
        self._scheduled = False

    async def submit(self, parsed: ParsedReport, who: Principal, reporter_id: str) -> tuple[bool, dict[str, Any]]:
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[tuple[bool, dict[str, Any]]] = loop.create_future()
        self._pending.append((parsed, who, reporter_id, fut))
        if len(self._pending) >= self.max_batch:
            self._flush()
        elif not self._scheduled:
            self._scheduled = True
            loop.call_later(self.delay, self._flush)
        return await fut

    def _flush(self) -> None:
        self._scheduled = False
        batch, self._pending = self._pending, []
        if not batch:
            return
        done: list[tuple[asyncio.Future[tuple[bool, dict[str, Any]]], Any, bool]] = []
        try:
            with self.db.write() as conn:
                now = self.clock()
                for parsed, who, reporter_id, fut in batch:
                    conn.execute("SAVEPOINT report")
                    try:
                        result = submit(conn, parsed, who, reporter_id, self.policy, now)
                    except Exception as exc:  # this report only: roll it back, keep the others
                        conn.execute("ROLLBACK TO report")
                        conn.execute("RELEASE report")
                        done.append((fut, exc, False))
                        continue
                    conn.execute("RELEASE report")
                    done.append((fut, result, True))
        except Exception as exc:  # the commit itself failed: nobody's report is stored
            for _, _, _, fut in batch:
                if not fut.done():
                    fut.set_exception(exc)
            return
        for fut, value, ok in done:
            if fut.done():
                continue
            if ok:
                fut.set_result(value)
            else:
                fut.set_exception(value)
