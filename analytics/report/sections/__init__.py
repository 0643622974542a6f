"""The report's sections, each built from the analysis API (`analytics.analysis`) and the chart
builders (`analytics.charts`); these modules only select, label and arrange what they return.

Every table is sorted on a full key, so that two runs on the same data give the same page.
"""

from __future__ import annotations

from collections.abc import Callable

from analytics.load import Store
from analytics.report.config import ReportConfig
from analytics.report.model import Section
from analytics.report.sections.changes import largest_changes
from analytics.report.sections.common import Inventory, Scope, inventory, rounded, scope_of, select
from analytics.report.sections.coverage import coverage
from analytics.report.sections.execution import execution
from analytics.report.sections.quality import quality
from analytics.report.sections.reform import vehicle_reform
from analytics.report.sections.science import science
from analytics.report.sections.trends import three_public_trends

SectionBuilder = Callable[[Store, Scope, Inventory], Section]

BUILDERS: dict[str, SectionBuilder] = {
    "coverage": coverage,
    "three_public": three_public_trends,
    "vehicle_reform": vehicle_reform,
    "science": science,
    "execution": execution,
    "changes": largest_changes,
    "quality": quality,
}
"""Section key (as in the config's `sections`) -> the function building it."""


def build_sections(store: Store, config: ReportConfig, found: Inventory) -> list[Section]:
    """The sections the config asks for, in page order."""
    where = scope_of(store, config, found)
    return [BUILDERS[key](store, where, found) for key in config.sections]


__all__ = ["BUILDERS", "Inventory", "Scope", "build_sections", "inventory", "rounded", "select"]
