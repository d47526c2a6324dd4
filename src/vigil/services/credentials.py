"""Credentials registry look-ups: does an account hold a valid licence for a domain on a given date?

The reference date is always explicit (a `now` the caller sets, or the latest timestamp in the data),
never the wall clock, so the same inputs give the same verdicts on any day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from vigil.model import Credential

CredentialStatus = Literal["valid", "expired", "wrong_domain", "none"]


def parse_day(value: str | None) -> date | None:
    """The calendar date (UTC as written) of an ISO date or date-time, or None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def latest_day(values: Iterable[str | None]) -> date | None:
    days = [d for d in (parse_day(v) for v in values) if d is not None]
    return max(days) if days else None


@dataclass(frozen=True)
class CredentialCheck:
    status: CredentialStatus
    held_domains: tuple[str, ...]  # domains with a credential valid on the reference date
    expired_on: str | None  # latest valid_until of an expired credential for the domain
    license_id: str | None


class CredentialIndex:
    """(platform, account_id) → credentials, checked against a reference date."""

    def __init__(self, credentials: Sequence[Credential]) -> None:
        self._by_account: dict[tuple[str, str], list[Credential]] = {}
        for cred in credentials:
            self._by_account.setdefault((cred.platform, cred.account_id), []).append(cred)
        for creds in self._by_account.values():
            creds.sort(key=lambda c: (c.domain, c.valid_until or "", c.license_id or ""))

    @staticmethod
    def _valid_on(cred: Credential, day: date | None) -> bool:
        until = parse_day(cred.valid_until)
        # No expiry date, or no reference date to judge it by: the registry's word stands.
        return until is None or day is None or until >= day

    def check(self, platform: str, account_id: str, domain: str, day: date | None) -> CredentialCheck:
        creds = self._by_account.get((platform, account_id), [])
        held = tuple(sorted({c.domain for c in creds if self._valid_on(c, day)}))
        same = [c for c in creds if c.domain == domain]
        valid = [c for c in same if self._valid_on(c, day)]
        if valid:
            return CredentialCheck("valid", held, None, valid[-1].license_id)
        if same:
            last = same[-1]
            return CredentialCheck("expired", held, last.valid_until, last.license_id)
        if held:
            return CredentialCheck("wrong_domain", held, None, None)
        return CredentialCheck("none", held, None, None)
