"""REST API (FastAPI). `create_app` is imported lazily so the CLI starts without FastAPI loaded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db_path: Path | str, **options: Any) -> FastAPI:
    from vigil.api.app import create_app as _create

    return _create(db_path, **options)
