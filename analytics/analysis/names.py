"""Checking the names an analyst types: metrics, kinds, measures and departments.

A wrong name must not give a silently empty frame. Each is resolved to the name the database uses,
or raises `UnknownNameError` listing the valid ones (and the closest to what was typed):

- a metric by its key (`vehicle_operation`), its Chinese name (`公务用车运行维护费`) or a label the
  documents print for it (`公车运行维护费`, from `data/reference/metric_labels.csv`);
- a kind as `budget` / `final` or `预算` / `决算` (also `预算数`, `决算数`);
- a department by its canonical name, the name a document printed, or a short name that names one
  department only (`财政局` when the database holds one 财政局; two make it ambiguous, and the error
  lists both).

>>> resolve_kind("决算")
'final'
>>> resolve_metric("公务用车运行维护费")
'vehicle_operation'
>>> resolve_kind("actual")
Traceback (most recent call last):
...
analytics.analysis.names.UnknownNameError: unknown kind 'actual': use 'budget' (预算) or 'final' (决算)
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache

import polars as pl

from analytics.errors import AnalyticsError
from analytics.load import Store
from analytics.reference import metrics as metric_vocabulary
from analytics.reference import read_csv

KINDS: dict[str, str] = {
    "budget": "budget",
    "final": "final",
    "预算": "budget",
    "决算": "final",
    "预算数": "budget",
    "决算数": "final",
}
"""Every spelling of a kind that is accepted, and the kind it means."""

MEASURES = ("amount", "yoy_change", "yoy_pct")

LISTED = 12
"""How many valid names an error message lists before it says how many more there are."""


class UnknownNameError(AnalyticsError, ValueError):
    """A metric, kind, measure or department name that the vocabulary or the database does not know,
    or a short name that fits more than one department. A `ValueError` too."""

    stage = "analysis"


def _listing(names: Sequence[str]) -> str:
    shown = ", ".join(names[:LISTED])
    return shown + (f" … and {len(names) - LISTED} more" if len(names) > LISTED else "")


def _closest(name: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def resolve_kind(kind: str) -> str:
    """`budget` or `final` for any accepted spelling (see `KINDS`).

    >>> resolve_kind("预算"), resolve_kind("final")
    ('budget', 'final')
    """
    found = KINDS.get(kind.strip()) if isinstance(kind, str) else None
    if found is None:
        raise UnknownNameError(f"unknown kind {kind!r}: use 'budget' (预算) or 'final' (决算)")
    return found


def resolve_kinds(kinds: Iterable[str] | str | None) -> list[str] | None:
    """Each kind resolved (a single string counts as one kind); None stays None.

    >>> resolve_kinds(["预算", "决算"]), resolve_kinds("决算")
    (['budget', 'final'], ['final'])
    """
    if kinds is None:
        return None
    return list(dict.fromkeys(resolve_kind(k) for k in ([kinds] if isinstance(kinds, str) else kinds)))


def resolve_measure(measure: str) -> str:
    """A measure key, checked: `amount`, `yoy_change` or `yoy_pct`.

    >>> resolve_measure("yoy_change")
    'yoy_change'
    """
    if measure not in MEASURES:
        raise UnknownNameError(f"unknown measure {measure!r}: use one of {', '.join(MEASURES)}")
    return measure


@cache
def metric_names() -> dict[str, str]:
    """Every accepted name of a metric -> its key: keys, Chinese names, then the labels documents
    print (a label that names two metrics at once, such as 收支预算, names none)."""
    names: dict[str, str] = {}
    for row in read_csv("metric_labels.csv"):
        label, key = row["label"].strip(), row["metric"].strip()
        if label and key in metric_vocabulary():
            names.setdefault(label, key)
    for metric in metric_vocabulary().values():  # a Chinese name wins over a label
        names[metric.name_zh] = metric.key
    for key in metric_vocabulary():
        names[key] = key
    return names


def resolve_metric(metric: str) -> str:
    """The metric key for a key, a Chinese name or a printed label.

    >>> resolve_metric("vehicle_operation"), resolve_metric("项目支出")
    ('vehicle_operation', 'expenditure_project')
    >>> resolve_metric("vehicle_costs")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analytics.analysis.names.UnknownNameError: unknown metric 'vehicle_costs'; did you mean 'vehicles_count' or 'vehicle_total' or 'vehicle_purchase'? Metrics: income_grand_total (收入总计), income_total (本年收入合计), ... (analytics.reference.metrics() lists them all)
    """
    if not isinstance(metric, str):
        raise UnknownNameError(f"a metric is a name, not {metric!r}")
    key = metric_names().get(metric.strip())
    if key is not None:
        return key
    vocabulary = metric_vocabulary()
    listed = [f"{m.key} ({m.name_zh})" for m in vocabulary.values()]
    raise UnknownNameError(
        f"unknown metric {metric!r}{_closest(metric, metric_names())} Metrics: {_listing(listed)}"
        " (analytics.reference.metrics() lists them all)"
    )


def resolve_metrics(metrics: Iterable[str] | str | None) -> list[str] | None:
    """Each metric resolved (a single string counts as one metric); None stays None.

    >>> resolve_metrics(["vehicle_operation", "公务接待费"])
    ['vehicle_operation', 'reception']
    """
    if metrics is None:
        return None
    chosen = [metrics] if isinstance(metrics, str) else list(metrics)
    return list(dict.fromkeys(resolve_metric(m) for m in chosen))


def match_departments(
    given: Iterable[str] | str,
    canonical: Iterable[str],
    aliases: Mapping[str, Collection[str]] | None = None,
) -> list[str]:
    """Each name in `given` as one of the `canonical` department names.

    A name is taken as it is when canonical; else through `aliases` (a printed name or a kind of
    department -> the canonical names it stands for); else as the canonical name that ends with it,
    or failing that contains it (`财政局` -> `廊坊市财政局`). A name that fits no department, or
    more than one, raises `UnknownNameError` listing them.

    >>> match_departments(["财政局", "廊坊市教育局"], ["廊坊市财政局", "廊坊市教育局", "三河市审计局"])
    ['廊坊市财政局', '廊坊市教育局']
    >>> match_departments("审计局", ["廊坊市审计局", "三河市审计局"])
    Traceback (most recent call last):
    ...
    analytics.analysis.names.UnknownNameError: department '审计局' is ambiguous: it could be 三河市审计局, 廊坊市审计局; give the full name
    """
    names = sorted(set(canonical))
    known = set(names)
    chosen: list[str] = []
    for name in [given] if isinstance(given, str) else list(given):
        if not isinstance(name, str) or not name.strip():
            raise UnknownNameError(f"a department is a non-empty name, not {name!r}")
        name = name.strip()
        if name in known:
            chosen.append(name)
            continue
        fits = sorted(set((aliases or {}).get(name, ())))
        fits = fits or [d for d in names if d.endswith(name)] or [d for d in names if name in d]
        if len(fits) == 1:
            chosen.append(fits[0])
        elif fits:
            raise UnknownNameError(
                f"department {name!r} is ambiguous: it could be {_listing(fits)}; give the full name"
            )
        elif not names:
            raise UnknownNameError(f"unknown department {name!r}: there are no departments to choose from")
        else:
            raise UnknownNameError(
                f"unknown department {name!r}{_closest(name, names)} Departments ({len(names)}): "
                f"{_listing(names)}"
            )
    return list(dict.fromkeys(chosen))


def resolve_departments(store: Store, departments: Iterable[str] | str | None) -> list[str] | None:
    """Department names as the database's canonical names; None stays None.

    Besides canonical names and unambiguous short ones (see `match_departments`), a name a document
    printed and a kind of department (`科协`) stand for the departments they were used for. Only
    names that are not canonical already cost a query of the documents table.

    >>> resolve_departments(db, ["财政局", "科协"])
    ['廊坊市财政局', '廊坊市科学技术协会']
    """
    if departments is None:
        return None
    given = [departments] if isinstance(departments, str) else list(departments)
    if all(isinstance(g, str) for g in given):  # the usual case, cheap at any scale: all canonical
        found = store.connection.sql(
            "SELECT count(DISTINCT department) FROM documents WHERE list_contains($1::VARCHAR[], department)",
            params=[list(set(given))],
        ).fetchall()
        if found[0][0] == len(set(given)):
            return list(dict.fromkeys(given))
    rows = store.connection.sql(
        "SELECT DISTINCT department, department_printed, department_type FROM documents "
        "WHERE status = 'ok' AND department IS NOT NULL"
    ).fetchall()
    canonical = {str(d) for d, _, _ in rows}
    aliases: dict[str, set[str]] = {}
    for department, printed, kind in rows:
        for alias in (printed, kind):
            if alias:
                aliases.setdefault(str(alias), set()).add(str(department))
    return match_departments(given, canonical, aliases)


def departments_in(frame: pl.DataFrame, departments: Iterable[str] | str) -> list[str]:
    """Department names resolved against the `department` column of a frame (and its
    `department_type` column, when it has one).

    >>> departments_in(pl.DataFrame({"department": ["廊坊市科学技术协会"], "department_type": ["科协"]}), "科协")
    ['廊坊市科学技术协会']
    """
    aliases: dict[str, set[str]] = {}
    if "department_type" in frame.columns:
        for department, kind in frame.select("department", "department_type").unique().iter_rows():
            if department is not None and kind is not None:
                aliases.setdefault(str(kind), set()).add(str(department))
    return match_departments(departments, frame["department"].drop_nulls().unique().to_list(), aliases)


__all__ = [
    "KINDS",
    "MEASURES",
    "UnknownNameError",
    "departments_in",
    "match_departments",
    "metric_names",
    "resolve_departments",
    "resolve_kind",
    "resolve_kinds",
    "resolve_measure",
    "resolve_metric",
    "resolve_metrics",
]
