"""Enforcement sinks (the only code with side effects on platforms) and notices to account holders."""

from vigil.enforcement.ledger import LedgerSink, effective_state
from vigil.enforcement.notices import render_notice
from vigil.enforcement.orders import write_orders

__all__ = ["LedgerSink", "effective_state", "render_notice", "write_orders"]
