"""Built-in detectors. Importing this package registers them."""

from vigil.detectors.base import Batch, Detector, DetectorOutput, Resources, register, registered

__all__ = ["Batch", "Detector", "DetectorOutput", "Resources", "register", "registered"]

# Built-in detector modules register themselves on import (`load_builtin`, called by `registered()`); they
# are not imported with the package, so a run that names its detectors imports only those modules.
from importlib import import_module as _imp

BUILTIN_MODULES = ("impersonation", "claims", "unqualified", "engagement", "newsroom")
# detector name -> its module, for importing only what a run asks for (anything else loads every module)
BUILTIN_BY_NAME = {
    "impersonation.name": ("impersonation",),
    "impersonation.newsroom": ("newsroom",),
    "mediabank.match": ("newsroom",),
    "claims.debunked": ("claims",),
    "unqualified_services.advice": ("unqualified",),
    "engagement_farming.account": ("engagement",),
    "engagement_farming.coordinated": ("engagement",),
}


def load_builtin(modules: tuple[str, ...] = BUILTIN_MODULES) -> None:
    """Import built-in detector modules; each is optional so a broken or not-yet-present module never
    hides the others."""
    for mod in modules:
        try:
            _imp(f"vigil.detectors.{mod}")
        except ModuleNotFoundError as exc:  # pragma: no cover - only while a module is absent
            if exc.name != f"vigil.detectors.{mod}":
                raise
