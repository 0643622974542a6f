"""The scheduled trend report: one command, one self-contained page.

>>> from analytics.report import build_report
>>> result = build_report("data/analytics.duckdb", "reports", "data/reference/report.example.toml")  # doctest: +SKIP
>>> result.index, result.latest  # doctest: +SKIP
(PosixPath('reports/2026-11-25/index.html'), PosixPath('reports/latest'))
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
