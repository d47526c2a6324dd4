"""Append-only, hash-chained audit log (FORMATS.md "Audit log")."""

from vigil.audit.log import GENESIS, append, canonical, export, row_hash, verify

__all__ = ["GENESIS", "append", "canonical", "export", "row_hash", "verify"]
