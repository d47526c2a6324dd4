"""Transparency outputs: the campaign report (HTML/CSV/JSON with charts)."""

from vigil.transparency.report import build_report, write_report

__all__ = ["build_report", "write_report"]
