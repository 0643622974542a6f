"""The scheduled trend report: one command, one self-contained page.

>>> import datetime as dt
>>> from analytics.report import build_report
>>> out = tmp / "reports"  # e.g. build_report("data/analytics.duckdb", "reports", "report.toml")
>>> result = build_report(db_path, out, "data/reference/report.example.toml", today=dt.date(2026, 11, 25))
>>> result.index.relative_to(out).as_posix(), result.latest.relative_to(out).as_posix()
('2026-11-25/index.html', 'latest')
"""

from analytics.report.build import build_report
from analytics.report.config import SECTIONS, ReportConfig, ReportError, Selection, load_config, parse_config
from analytics.report.model import ReportFigure, ReportResult, ReportTable, Section

__all__ = [
    "SECTIONS",
    "ReportConfig",
    "ReportError",
    "ReportFigure",
    "ReportResult",
    "ReportTable",
    "Section",
    "Selection",
    "build_report",
    "load_config",
    "parse_config",
]
