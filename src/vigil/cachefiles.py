"""Files kept between runs under `$VIGIL_CACHE` (default `~/.cache/vigil`): where they live, and pickles
written atomically and read back without failing a run."""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def cache_root() -> Path:
    return Path(os.environ.get("VIGIL_CACHE") or Path.home() / ".cache" / "vigil")


def write_pickle(path: Path, obj: Any) -> None:
    """Write `obj` to `path` through a temporary file and a rename, so a concurrent run never reads half a
    file; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass


def read_pickle(path: Path) -> Any | None:
    """The object pickled at `path`, or None when there is none or it cannot be read (a damaged cache is
    rebuilt, never fatal). The cyclic GC is off while loading: cached objects come by the hundred thousand,
    and it would walk them again and again as they arrive."""
    if not path.is_file():
        return None
    gc_was = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - any damage means rebuild
        return None
    finally:
        if gc_was:
            gc.enable()
