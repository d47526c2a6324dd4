"""Appeals against decisions: one per decision, in a window, decided by a different reviewer."""

from vigil.appeals.service import decide_appeal, file_appeal, get_appeal, list_appeals

__all__ = ["decide_appeal", "file_appeal", "get_appeal", "list_appeals"]
