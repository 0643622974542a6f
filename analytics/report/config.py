"""What a report covers: a TOML (or YAML) file selecting regions, departments, years and metrics.

The format is documented by `data/reference/report.example.toml`. Every key is optional; a missing
or empty list means "all". Unknown keys are an error, so that a typo does not silently widen the
report.

>>> config = parse_config({"select": {"years": {"from": 2015, "to": 2017}, "department_types": ["科协"]}})
>>> config.selection.years, config.selection.department_types
((2015, 2016, 2017), ('科协',))
"""

from __future__ import annotations

import importlib
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analytics.errors import AnalyticsError
from analytics.reference import metrics

DEFAULT_TITLE = "部门预算与决算趋势报告"

SECTIONS: tuple[str, ...] = (
    "coverage",
    "three_public",
    "vehicle_reform",
    "science",
    "execution",
    "changes",
    "quality",
)
"""The report's sections, in page order (keys for `[options] sections`)."""


class ReportError(AnalyticsError):
    """The report cannot be built: a bad config, an empty database or selection, an unwritable folder."""

    stage = "report"


@dataclass(frozen=True)
class Selection:
    """Which rows the report covers; an empty tuple means no restriction."""

    regions: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    department_types: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    metrics: tuple[str, ...] = ()

    @property
    def is_everything(self) -> bool:
        """True when nothing is restricted."""
        return not (self.regions or self.departments or self.department_types or self.years or self.metrics)


@dataclass(frozen=True)
class ReportConfig:
    """A report's title, selection and options (see `data/reference/report.example.toml`)."""

    title: str = DEFAULT_TITLE
    selection: Selection = field(default_factory=Selection)
    sections: tuple[str, ...] = SECTIONS
    largest_changes: int = 20  # rows of the largest-changes table
    table_rows: int = 30  # rows of each table shown on the page (each CSV has all of them)
    kind: str = "auto"  # figures the trends use: 'final', 'budget', or 'auto' (final when any)
    reform_year: int | None = None  # vehicle reform year; None = the analysis default
    bootstrap_seed: int = 0  # seed of the bootstrap intervals, so that two runs agree


_TOP_KEYS = {"title", "select", "options"}
_SELECT_KEYS = {"regions", "departments", "department_types", "years", "metrics"}
_OPTION_KEYS = {"sections", "kind", "largest_changes", "table_rows", "reform_year", "bootstrap_seed"}
KINDS = ("auto", "final", "budget")


def load_config(path: str | os.PathLike[str]) -> ReportConfig:
    """Read a report config from a `.toml` file (or `.yaml`/`.yml` when PyYAML is installed)."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise ReportError(f"cannot read the config: {exc.strerror or exc}", path=str(file)) from exc
    if file.suffix.lower() in (".yaml", ".yml"):
        data = _parse_yaml(raw, file)
    else:
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ReportError(f"not a valid TOML file: {exc}", path=str(file)) from exc
    try:
        return parse_config(data)
    except ReportError as exc:
        raise ReportError(exc.message, path=str(file)) from exc


def _parse_yaml(raw: bytes, file: Path) -> Mapping[str, Any]:
    try:
        yaml = importlib.import_module("yaml")
    except ImportError as exc:
        raise ReportError(
            "YAML configs need PyYAML (pip install pyyaml); or use TOML", path=str(file)
        ) from exc
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ReportError(f"not a valid YAML file: {exc}", path=str(file)) from exc
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ReportError("the config must be a mapping of keys to values", path=str(file))
    return data


def parse_config(data: Mapping[str, Any]) -> ReportConfig:
    """A `ReportConfig` from the parsed TOML/YAML mapping; raises ReportError naming the bad key."""
    _no_unknown(data, _TOP_KEYS, "")
    title = data.get("title", DEFAULT_TITLE)
    if not isinstance(title, str) or not title.strip():
        raise ReportError("'title' must be a non-empty string")
    select = _table(data, "select")
    _no_unknown(select, _SELECT_KEYS, "select.")
    selection = Selection(
        regions=_strings(select, "regions"),
        departments=_strings(select, "departments"),
        department_types=_strings(select, "department_types"),
        years=_years(select.get("years")),
        metrics=_metric_keys(select),
    )
    options = _table(data, "options")
    _no_unknown(options, _OPTION_KEYS, "options.")
    sections = _strings(options, "sections") or SECTIONS
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise ReportError(f"options.sections: unknown section(s) {unknown}; choose from {list(SECTIONS)}")
    kind = options.get("kind", "auto")
    if kind not in KINDS:
        raise ReportError(f"'options.kind' must be one of {list(KINDS)}, not {kind!r}")
    return ReportConfig(
        title=title.strip(),
        kind=kind,
        selection=selection,
        sections=tuple(s for s in SECTIONS if s in sections),  # page order, whatever the config's order
        largest_changes=_positive(options, "largest_changes", 20),
        table_rows=_positive(options, "table_rows", 30),
        reform_year=_optional_year(options.get("reform_year"), "options.reform_year"),
        bootstrap_seed=_integer(options.get("bootstrap_seed", 0), "options.bootstrap_seed"),
    )


def _no_unknown(data: Mapping[str, Any], known: set[str], prefix: str) -> None:
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        names = ", ".join(prefix + k for k in unknown)
        raise ReportError(f"unknown key(s) {names}; known: {', '.join(prefix + k for k in sorted(known))}")


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ReportError(f"'{key}' must be a table ([{key}])")
    return value


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Sequence) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ReportError(f"'{key}' must be a list of non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in value))  # de-duplicated, in the config's order


def _integer(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportError(f"'{name}' must be an integer, not {value!r}")
    return value


def _positive(data: Mapping[str, Any], key: str, default: int) -> int:
    value = _integer(data.get(key, default), f"options.{key}")
    if value < 1:
        raise ReportError(f"'options.{key}' must be at least 1")
    return value


def _optional_year(value: object, name: str) -> int | None:
    if value is None:
        return None
    year = _integer(value, name)
    if not 1990 <= year <= 2100:
        raise ReportError(f"'{name}' must be a year, not {year}")
    return year


def _years(value: object) -> tuple[int, ...]:
    """`[2016, 2017]`, `{from = 2014, to = 2023}` (either end may be left out: 1990/2100), or one year."""
    if value is None:
        return ()
    if isinstance(value, Mapping):
        unknown = sorted(str(k) for k in value if k not in ("from", "to"))
        if unknown:
            raise ReportError(f"select.years: unknown key(s) {unknown}; use 'from' and 'to'")
        start = _optional_year(value.get("from"), "select.years.from") or 1990
        end = _optional_year(value.get("to"), "select.years.to") or 2100
        if start > end:
            raise ReportError(f"select.years: 'from' ({start}) is after 'to' ({end})")
        return tuple(range(start, end + 1))
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise ReportError("'select.years' must be a list of years or {from = …, to = …}")
    years = [_optional_year(v, "select.years") for v in value]
    return tuple(sorted({y for y in years if y is not None}))


def _metric_keys(select: Mapping[str, Any]) -> tuple[str, ...]:
    keys = _strings(select, "metrics")
    known = metrics()
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ReportError(f"select.metrics: unknown metric key(s) {unknown}; see the metrics table")
    return keys


__all__ = ["SECTIONS", "ReportConfig", "ReportError", "Selection", "load_config", "parse_config"]
