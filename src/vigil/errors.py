"""One exception hierarchy, mapped at the boundary (CLI: one line on stderr; API: one JSON envelope)."""

from __future__ import annotations


class VigilError(Exception):
    """Base of every error vigil reports to a user."""

    code = "error"
    exit_code = 2


class UsageError(VigilError):
    """Unusable arguments or unreadable input files."""

    code = "usage"


class PolicyError(VigilError):
    code = "policy"


class StoreError(VigilError):
    code = "store"


class AuditError(VigilError):
    code = "audit"
    exit_code = 1
