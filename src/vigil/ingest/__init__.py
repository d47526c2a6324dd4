"""Readers for JSONL(.gz), CSV and Parquet inputs, validation into records, quarantine of bad lines."""

from vigil.ingest.reader import KINDS, IngestCounts, QuarantineEntry, read_records

__all__ = ["KINDS", "IngestCounts", "QuarantineEntry", "read_records"]
