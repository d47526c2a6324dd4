"""Built-in detectors. Importing this package registers them."""

from vigil.detectors.base import Batch, Detector, DetectorOutput, Resources, register, registered

__all__ = ["Batch", "Detector", "DetectorOutput", "Resources", "register", "registered"]

# Built-in detector modules register themselves on import; each is optional so a broken
# or not-yet-present module never hides the others.
from importlib import import_module as _imp

for _mod in ("impersonation", "claims", "unqualified", "engagement", "newsroom"):
    try:
        _imp(f"vigil.detectors.{_mod}")
    except ModuleNotFoundError as _exc:  # pragma: no cover - only while a module is absent
        if _exc.name != f"vigil.detectors.{_mod}":
            raise
