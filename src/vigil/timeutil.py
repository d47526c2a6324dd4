"""ISO 8601 UTC timestamps with a Z suffix, the one format vigil writes everywhere."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(dt: datetime) -> str:
    """`dt` in UTC, full precision: 2023-05-22T00:00:00Z (microseconds only when `dt` has them)."""
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


def iso_seconds(dt: datetime) -> str:
    """`dt` in UTC to the second: 2023-05-22T00:00:00Z."""
    return dt.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
