"""Render the report dict as a self-contained HTML page."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from vigil.model import PENALTIES
from vigil.transparency.charts import stacked_bars

_env = Environment(loader=PackageLoader("vigil.transparency", "templates"), autoescape=select_autoescape())


def report_charts(report: dict[str, Any]) -> dict[str, str]:
    """The report's charts as inline SVG: the HTML report and the console dashboard both show these."""
    return {
        "category": stacked_bars(report["by_category"], "Penalties by category"),
        "platform": stacked_bars(report["by_platform"], "Penalties by platform"),
        "time": stacked_bars(report["over_time"], "Penalties by month of the violating content", horizontal=False),
    }


def render_html(report: dict[str, Any]) -> str:
    charts = report_charts(report)
    return _env.get_template("report.html.j2").render(r=report, penalties=PENALTIES, charts=charts)
