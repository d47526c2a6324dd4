"""Per-reporter sliding-window rate limit (in the server process; one `vigil serve` per store)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

DEFAULT_PER_MINUTE = 60


class RateLimiter:
    def __init__(self, per_minute: int = DEFAULT_PER_MINUTE, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> int:
        """0 when `key` may go ahead now (and counts the hit); else seconds until it may."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - 60.0:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(1, int(hits[0] + 60.0 - now + 0.999))
            hits.append(now)
            if len(self._hits) > 100_000:  # forget idle reporters
                for k in [k for k, v in self._hits.items() if not v or v[-1] <= now - 60.0]:
                    del self._hits[k]
            return 0

    def refund(self, key: str) -> None:
        """Undo the last counted hit (the request was rejected for another reason)."""
        with self._lock:
            hits = self._hits.get(key)
            if hits:
                hits.pop()
