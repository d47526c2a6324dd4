"""Stores: SQLite (WAL) by default; the interface in base.py lets other backends plug in."""

from vigil.store.base import Store
from vigil.store.sqlite import SQLiteStore, default_db_path, open_store

__all__ = ["SQLiteStore", "Store", "default_db_path", "open_store"]
