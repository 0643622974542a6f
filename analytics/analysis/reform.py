"""The official-vehicle reform (公务用车制度改革): vehicle running costs, fleets and "三公" spending
before and after each department's reform year, with personnel costs beside them (the transport
allowances paid instead of cars move there).

The reform year is a property of (province, level of government), not one national date:

1. a department's documents say it themselves: the first year of a stated figure whose reason or
   sentence names the reform (公车改革, 车改, 公务用车制度改革 …) is its reform year;
2. otherwise the editable reference `data/reference/vehicle_reform.csv` gives it by province and
   level (`central`, `province`, `prefecture`, `county`); a row for a named province wins over the
   `*` defaults from the national schedule (central 2015, provincial 2016, prefecture 2016,
   county 2017).

The reform year is the first fiscal year whose figures reflect the reform: "before" is the `window`
years ending the year before it, "after" the `window` years starting with it.

Comparisons are made on one fixed panel: the departments with a reform year and at least
`min_years` figures on each side for every metric compared; the others are listed with the reason
they were left out. Pooled changes come with a seeded percentile bootstrap interval (resampling
departments), and where departments that had not reformed yet exist in the same years, a
difference-in-differences estimate compares each reform cohort's change from the year before its
reform to the reform year with theirs.

>>> result = reform_effects(db)
>>> result.pooled.select("metric", "departments", pl.col("mean_change_pct", "ci_low", "ci_high").round(1)).rows()
[('vehicle_operation', 3, -51.6, -54.8, -50.0), ('vehicles_count', 3, -60.8, -62.5, -60.0), ('three_public_total', 3, -45.2, -48.1, -42.9), ('expenditure_personnel', 3, 19.4, 10.0, 26.2)]
>>> result.did.filter(pl.col("metric") == "vehicle_operation").select("cohort", "treated", "control", pl.col("did_pp").round(1)).rows()
[(2016, 2, 1, -61.4), (None, 2, 1, -61.4)]
"""

from __future__ import annotations

import csv
import math
import os
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from analytics.analysis.display import result_html
from analytics.analysis.frames import query
from analytics.analysis.names import resolve_departments, resolve_kind, resolve_metrics
from analytics.analysis.series import metric_series
from analytics.analysis.stats import DEFAULT_BOOTSTRAP, bootstrap_difference, bootstrap_mean
from analytics.analysis.sums import exact_mean
from analytics.extract.regions import most_specific
from analytics.labels import EXCLUSION_REASONS_ZH, KIND_ZH
from analytics.load import Store
from analytics.reference import metrics as metric_vocabulary
from analytics.reference import reference_dir

REFERENCE_FILE = "vehicle_reform.csv"
LEVELS = ("central", "province", "prefecture", "county")

REFORM_PATTERN = "车改|公车改革|公务用车改革|公务用车制度改革|用车制度改革|车辆制度改革"
"""What a reason or a sentence says when the change is due to the reform (a regular expression)."""

DEFAULT_METRICS = ("vehicle_operation", "vehicles_count", "three_public_total", "expenditure_personnel")
"""Running costs, fleet, "三公" total, and personnel costs beside them."""

PERSONNEL_FALLBACK = {"expenditure_personnel": "expenditure_basic"}
"""Where a department does not state personnel costs, basic expenditure stands in (it contains them)."""

_CENTRAL_RE = re.compile(r"^(?:中华人民共和国|中共中央|中央|国务院|全国人大|全国政协|国家)")


# -- reform years ----------------------------------------------------------------------------------


def reform_reference(path: str | os.PathLike[str] | None = None) -> pl.DataFrame:
    """The reform-year reference: columns province (`*` for any), level, reform_year, note.

    `path` defaults to `data/reference/vehicle_reform.csv`; pass your own file to change the years.

    >>> reform_reference().filter(pl.col("province") == "*").select("level", "reform_year").rows()
    [('central', 2015), ('province', 2016), ('prefecture', 2016), ('county', 2017)]
    """
    file = Path(path) if path is not None else reference_dir() / REFERENCE_FILE
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["level"] not in LEVELS:
            raise ValueError(f"{file}: level {row['level']!r} is not one of {', '.join(LEVELS)}")
    return pl.DataFrame(
        {
            "province": [r["province"].strip() for r in rows],
            "level": [r["level"].strip() for r in rows],
            "reform_year": [int(r["reform_year"]) for r in rows],
            "note": [r.get("note") or None for r in rows],
        },
        schema={"province": pl.String, "level": pl.String, "reform_year": pl.Int32, "note": pl.String},
    )


@cache
def government_level(department: str | None, region: str | None) -> tuple[str | None, str | None]:
    """(level, province) of a department: `central` for central organs, else the level of the most
    specific administrative division its region (or name) gives: `province`, `prefecture`, `county`.
    (None, None) when nothing tells.

    >>> government_level("廊坊市科学技术协会", "廊坊市")
    ('prefecture', '河北省')
    """
    if department and _CENTRAL_RE.match(department):
        return "central", None
    for text in (region, department):
        if text:
            division = most_specific(text)
            if division is not None:
                return division.level, division.province
    return None, None


def stated_reform_years(store: Store, *, pattern: str = REFORM_PATTERN) -> pl.DataFrame:
    """Per department, the first year a document gives the reform as the reason for a figure.

    Only stated figures count: a derived prior-year amount carries the sentence of the following
    year. Columns: department, stated_year, stated_reason, stated_quote, stated_source_path.

    >>> stated_reform_years(db).select("department", "stated_year", "stated_reason").rows()
    [('廊坊市科学技术协会', 2017, '公车改革车辆减少'), ('廊坊市财政局', 2016, '公车改革车辆减少')]
    """
    return query(
        store,
        """
        SELECT department, year AS stated_year, reason AS stated_reason, quote AS stated_quote,
               source_path AS stated_source_path
        FROM facts
        WHERE basis = 'stated' AND department IS NOT NULL
          AND (regexp_matches(coalesce(reason, ''), $1) OR regexp_matches(quote, $1))
        QUALIFY row_number() OVER (
            PARTITION BY department
            ORDER BY year, reason IS NULL, metric <> 'vehicle_operation', source_path, quote
        ) = 1
        ORDER BY department
        """,
        [pattern],
    ).with_columns(pl.col("stated_year").cast(pl.Int32))


def reform_years(
    store: Store,
    *,
    reference: pl.DataFrame | str | os.PathLike[str] | None = None,
    from_documents: bool = True,
) -> pl.DataFrame:
    """Every department's reform year, and where it comes from.

    Columns: department, department_type, region, province, level, reference_year, stated_year,
    stated_quote, reform_year, source (`document`, `reference`, or null when neither tells).
    `reference` is a frame like `reform_reference()` or a path to such a CSV file;
    `from_documents=False` ignores what the documents say.

    >>> reform_years(db).select("department", "level", "reform_year", "source").rows()
    [('廊坊市教育局', 'prefecture', 2016, 'reference'), ('廊坊市科学技术协会', 'prefecture', 2017, 'document'), ('廊坊市财政局', 'prefecture', 2016, 'document')]
    """
    table = reference if isinstance(reference, pl.DataFrame) else reform_reference(reference)
    departments = query(
        store,
        """
        SELECT department, mode(department_type) AS department_type, mode(region) AS region,
               mode(province) AS province
        FROM documents WHERE status = 'ok' AND department IS NOT NULL
        GROUP BY department ORDER BY department
        """,
    )
    levels = [government_level(d, r) for d, r in departments.select("department", "region").iter_rows()]
    departments = departments.with_columns(
        pl.Series("level", [lvl for lvl, _ in levels], pl.String),
        pl.coalesce(pl.col("province"), pl.Series([p for _, p in levels], dtype=pl.String)).alias("province"),
    )
    specific = table.filter(pl.col("province") != "*").select(
        "province", "level", pl.col("reform_year").alias("_specific")
    )
    default = table.filter(pl.col("province") == "*").select("level", pl.col("reform_year").alias("_default"))
    out = (
        departments.join(specific, on=["province", "level"], how="left")
        .join(default, on="level", how="left")
        .with_columns(pl.coalesce("_specific", "_default").cast(pl.Int32).alias("reference_year"))
        .drop("_specific", "_default")
    )
    stated = stated_reform_years(store).select("department", "stated_year", "stated_quote")
    if not from_documents:
        stated = stated.clear()
    out = out.join(stated, on="department", how="left").with_columns(
        pl.coalesce("stated_year", "reference_year").alias("reform_year"),
        pl.when(pl.col("stated_year").is_not_null())
        .then(pl.lit("document"))
        .when(pl.col("reference_year").is_not_null())
        .then(pl.lit("reference"))
        .alias("source"),
    )
    return out.select(
        "department",
        "department_type",
        "region",
        "province",
        "level",
        "reference_year",
        "stated_year",
        "stated_quote",
        "reform_year",
        "source",
    ).sort("department")


# -- before / after ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReformResult:
    """Before/after the vehicle reform, per department and pooled, with a difference-in-differences.

    - `departments`: one row per department and metric: reform_year, reform_source, measured_by
      (the metric actually used: expenditure_basic where personnel costs are not stated), before and
      after (means over the window), n_before, n_after, change, change_pct, in_panel, and for the
      departments left out excluded_because ('vehicle_operation: too few figures before the
      reform': the first metric that cannot be compared, and why) and excluded_because_zh (the same
      in Chinese: '公务用车运行维护费：改革前数据不足').
    - `pooled`: one row per metric over the panel: departments, mean_before, mean_after,
      mean_change_pct (the mean of the departments' changes in percent) with ci_low/ci_high (seeded
      percentile bootstrap over departments), median_change_pct, total_change_pct (change of the
      summed amounts) and share_decreased.
    - `did`: per metric and reform cohort, the change in percent from the year before the reform to
      the reform year for the cohort (treated) and for the departments that had not reformed yet
      (control), their difference in percentage points (did_pp) with a bootstrap interval; the row
      with cohort null pools the cohorts, weighted by their treated departments.
    - `series`: the yearly figures used, with relative_year (year - reform_year) and period.
    - `reform_years`: as `reform_years()` gives them.

    `frame` is the panel's rows of `departments`; `excluded` the number of departments left out.
    """

    departments: pl.DataFrame
    pooled: pl.DataFrame
    did: pl.DataFrame
    series: pl.DataFrame
    reform_years: pl.DataFrame
    excluded_departments: tuple[str, ...]
    metrics: tuple[str, ...]
    kind: str
    window: int
    seed: int
    n_boot: int
    confidence: float

    @property
    def frame(self) -> pl.DataFrame:
        """Per-department comparison, panel members only."""
        return self.departments.filter(pl.col("in_panel"))

    @property
    def excluded(self) -> int:
        """How many departments with figures were left out of the panel."""
        return len(self.excluded_departments)

    @property
    def included(self) -> int:
        """How many departments the panel keeps."""
        return self.frame["department"].n_unique()

    def describe(self) -> str:
        """One sentence saying what was compared."""
        return (
            f"fixed panel: {self.included} departments with {self.kind} figures in the {self.window} "
            f"year(s) before and from their reform year for {', '.join(self.metrics)}; "
            f"{self.excluded} left out"
        )

    def describe_zh(self) -> str:
        """The same in Chinese, for a report or a chart subtitle.

        >>> reform_effects(db, kind="final", window=2).describe_zh()
        '比较 3 个部门在各自公车改革年度之前 2 年与改革年度起 2 年的决算数据的平均值（固定面板），0 个部门因缺少改革年度或数据不足未纳入。'
        """
        return (
            f"比较 {self.included} 个部门在各自公车改革年度之前 {self.window} 年与改革年度起 {self.window} 年的"
            f"{KIND_ZH.get(self.kind, self.kind)}数据的平均值（固定面板），"
            f"{self.excluded} 个部门因缺少改革年度或数据不足未纳入。"
        )

    def __repr__(self) -> str:
        return f"<ReformResult {self.describe()}>"

    def _repr_html_(self) -> str:
        """The result in a notebook: what was compared, the pooled changes, the difference in
        differences, and the departments left out with the reason."""
        left_out = (
            self.departments.filter(~pl.col("in_panel"))
            .select("department", "excluded_because_zh")
            .unique(maintain_order=True)
        )
        tables = [("pooled：各指标改革前后的平均变化（%）及区间", self.pooled)]
        tables.append(("did：双重差分（百分点）", self.did))
        if left_out.height:
            tables.append(("未纳入的部门", left_out))
        return result_html("ReformResult", [self.describe_zh(), self.describe()], tables)


def reform_effects(
    store: Store,
    *,
    metrics: Sequence[str] | str = DEFAULT_METRICS,
    kind: str = "final",
    window: int = 2,
    min_years: int = 1,
    reference: pl.DataFrame | str | os.PathLike[str] | None = None,
    from_documents: bool = True,
    departments: Iterable[str] | str | None = None,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
    confidence: float = 0.95,
) -> ReformResult:
    """Compare each department's figures before and after its reform year (see the module docstring).

    `metrics`: what to compare; counts (vehicles_count) take the other kind's year-end figure where
    `kind` has none, and `expenditure_personnel` falls back to `expenditure_basic` per department.
    `window`: years on each side; `min_years`: figures needed on each side to enter the panel.
    `n_boot`, `seed`, `confidence`: the bootstrap (deterministic for a given seed). Means and sums
    are exact (`exact_mean`, `math.fsum`): two runs give the same bits.

    >>> r = reform_effects(db, kind="决算", window=2, seed=0)
    >>> r.frame.filter(pl.col("metric") == "vehicle_operation").select(
    ...     "department", "reform_year", "reform_source", "before", "after", pl.col("change_pct").round(1)).rows()
    [('廊坊市教育局', 2016, 'reference', 30.0, 15.0, -50.0), ('廊坊市科学技术协会', 2017, 'document', 23.0, 11.5, -50.0), ('廊坊市财政局', 2016, 'document', 42.0, 19.0, -54.8)]
    >>> r.frame.filter(pl.col("metric") == "expenditure_personnel")["measured_by"].to_list()  # 科协 states basic expenditure only
    ['expenditure_personnel', 'expenditure_basic', 'expenditure_personnel']
    """
    if window < 1 or min_years < 1 or min_years > window:
        raise ValueError("need window >= 1 and 1 <= min_years <= window")
    chosen = resolve_metrics(metrics) or []
    kind = resolve_kind(kind)
    vocabulary = metric_vocabulary()
    years = reform_years(store, reference=reference, from_documents=from_documents)
    wanted = resolve_departments(store, departments)
    other = "budget" if kind == "final" else "final"

    series_parts: list[pl.DataFrame] = []
    for metric in chosen:
        fallback = other if vocabulary[metric].unit == "count" else None
        frame = _with_windows(
            metric_series(store, metric, kind=kind, departments=wanted, fallback_kind=fallback), years, window
        )
        frame = frame.with_columns(pl.lit(metric).alias("measured_by"))
        substitute = PERSONNEL_FALLBACK.get(metric)
        if substitute is not None:
            alt = _with_windows(
                metric_series(store, substitute, kind=kind, departments=wanted), years, window
            )
            frame = _prefer_complete(
                frame,
                alt.with_columns(pl.lit(substitute).alias("measured_by"), pl.lit(metric).alias("metric")),
                min_years,
            )
        series_parts.append(frame)
    series = pl.concat(series_parts, how="vertical_relaxed") if series_parts else pl.DataFrame()

    summary = _summarise(series, years, chosen, min_years)
    panel = sorted(summary.filter(pl.col("in_panel"))["department"].unique().to_list())
    excluded = tuple(sorted(set(summary["department"].to_list()) - set(panel)))
    series = series.with_columns(pl.col("department").is_in(panel).alias("in_panel"))

    pooled = _pooled(
        summary.filter(pl.col("in_panel")), chosen, n_boot=n_boot, seed=seed, confidence=confidence
    )
    did = _did(series.filter(pl.col("in_panel")), chosen, n_boot=n_boot, seed=seed, confidence=confidence)
    return ReformResult(
        departments=summary,
        pooled=pooled,
        did=did,
        series=series.select(
            "department",
            "department_type",
            "metric",
            "measured_by",
            "kind",
            "year",
            "value",
            "basis",
            "reform_year",
            "relative_year",
            "period",
            "in_panel",
        ).sort("metric", "department", "year"),
        reform_years=years,
        excluded_departments=excluded,
        metrics=tuple(chosen),
        kind=kind,
        window=window,
        seed=seed,
        n_boot=n_boot,
        confidence=confidence,
    )


def _with_windows(series: pl.DataFrame, years: pl.DataFrame, window: int) -> pl.DataFrame:
    relative = pl.col("year") - pl.col("reform_year")
    return series.join(
        years.select("department", "reform_year", pl.col("source").alias("reform_source")),
        on="department",
        how="left",
    ).with_columns(
        relative.alias("relative_year"),
        pl.when(relative.is_between(-window, -1))
        .then(pl.lit("before"))
        .when(relative.is_between(0, window - 1))
        .then(pl.lit("after"))
        .alias("period"),
    )


def _prefer_complete(primary: pl.DataFrame, substitute: pl.DataFrame, min_years: int) -> pl.DataFrame:
    """Per department, the primary metric where it has enough figures on both sides, else the substitute."""

    def complete(frame: pl.DataFrame) -> set[str]:
        counts = frame.filter(pl.col("period").is_not_null()).group_by("department", "period").len()
        ok = counts.filter(pl.col("len") >= min_years).group_by("department").len()
        return set(ok.filter(pl.col("len") == 2)["department"].to_list())

    use_substitute = complete(substitute) - complete(primary)
    kept = primary.filter(~pl.col("department").is_in(use_substitute))
    replaced = substitute.filter(pl.col("department").is_in(use_substitute))
    return pl.concat([kept, replaced.select(kept.columns)], how="vertical_relaxed")


def _summarise(series: pl.DataFrame, years: pl.DataFrame, metrics: list[str], min_years: int) -> pl.DataFrame:
    windowed = series.filter(pl.col("period").is_not_null())
    sides = windowed.group_by("department", "metric", "measured_by").agg(
        exact_mean(pl.col("value").filter(pl.col("period") == "before")).alias("before"),
        exact_mean(pl.col("value").filter(pl.col("period") == "after")).alias("after"),
        (pl.col("period") == "before").sum().cast(pl.Int32).alias("n_before"),
        (pl.col("period") == "after").sum().cast(pl.Int32).alias("n_after"),
    )
    present = series.select("department", "metric").unique()
    grid = present.join(sides, on=["department", "metric"], how="left").join(
        years.select(
            "department",
            "department_type",
            "region",
            "level",
            "reform_year",
            pl.col("source").alias("reform_source"),
        ),
        on="department",
        how="left",
    )
    grid = grid.with_columns(
        pl.col("n_before").fill_null(0),
        pl.col("n_after").fill_null(0),
        pl.col("measured_by").fill_null(pl.col("metric")),
    )
    reason = (
        pl.when(pl.col("reform_year").is_null())
        .then(pl.lit("no reform year"))
        .when(pl.col("n_before") < min_years)
        .then(pl.lit("too few figures before the reform"))
        .when(pl.col("n_after") < min_years)
        .then(pl.lit("too few figures from the reform year on"))
    )
    order = {m: i for i, m in enumerate(metrics)}
    names = {key: m.name_zh for key, m in metric_vocabulary().items()}
    grid = grid.with_columns(
        reason.alias("_reason"),
        pl.col("metric").replace_strict(order, return_dtype=pl.Int32).alias("_order"),
        (
            pl.col("metric").replace_strict(names, default=pl.col("metric"), return_dtype=pl.String)
            + "："
            + reason.replace_strict(EXCLUSION_REASONS_ZH, default=reason, return_dtype=pl.String)
        ).alias("_reason_zh"),
    )
    # a department is in the panel only when every metric can be compared
    complete = (
        grid.filter(pl.col("_reason").is_null())
        .group_by("department")
        .agg(pl.col("metric").n_unique().alias("_n"))
    )
    panel = set(complete.filter(pl.col("_n") == len(metrics))["department"].to_list())
    first_reason = (
        grid.filter(pl.col("_reason").is_not_null())
        .sort("_order")
        .group_by("department")
        .agg(
            (pl.col("metric") + ": " + pl.col("_reason")).first().alias("_first"),
            pl.col("_reason_zh").first().alias("_first_zh"),
        )
    )
    grid = grid.join(first_reason, on="department", how="left").with_columns(
        pl.col("department").is_in(panel).alias("in_panel"),
        pl.when(pl.col("department").is_in(panel))
        .then(None)
        .otherwise(pl.col("_first"))
        .alias("excluded_because"),
        pl.when(pl.col("department").is_in(panel))
        .then(None)
        .otherwise(pl.col("_first_zh"))
        .alias("excluded_because_zh"),
        (pl.col("after") - pl.col("before")).alias("change"),
        pl.when(pl.col("before") != 0)
        .then((pl.col("after") - pl.col("before")) / pl.col("before").abs() * 100)
        .alias("change_pct"),
    )
    return grid.sort("_order", "department").select(
        "department",
        "department_type",
        "region",
        "level",
        "reform_year",
        "reform_source",
        "metric",
        "measured_by",
        "before",
        "after",
        "n_before",
        "n_after",
        "change",
        "change_pct",
        "in_panel",
        "excluded_because",
        "excluded_because_zh",
    )


def _pooled(
    summary: pl.DataFrame, metrics: list[str], *, n_boot: int, seed: int, confidence: float
) -> pl.DataFrame:
    rows: list[dict[str, object]] = []
    for index, metric in enumerate(metrics):
        part = summary.filter(pl.col("metric") == metric)
        pct = [float(v) for v in part["change_pct"].drop_nulls().to_list()]
        interval = bootstrap_mean(pct, n_boot=n_boot, seed=seed + index, confidence=confidence)
        # math.fsum: correctly rounded whatever the order, so the same bits on every run
        before = [float(v) for v in part["before"].drop_nulls().to_list()]
        after = [float(v) for v in part["after"].drop_nulls().to_list()]
        before_total = math.fsum(before) if part.height else None
        after_total = math.fsum(after) if part.height else None
        rows.append(
            {
                "metric": metric,
                "departments": part.height,
                "mean_before": math.fsum(before) / len(before) if before else None,
                "mean_after": math.fsum(after) / len(after) if after else None,
                "mean_change_pct": math.fsum(pct) / len(pct) if pct else None,
                "ci_low": interval[0] if interval else None,
                "ci_high": interval[1] if interval else None,
                "median_change_pct": statistics.median(pct) if pct else None,
                "total_change_pct": (after_total / before_total - 1) * 100 if before_total else None,  # type: ignore[operator]
                "share_decreased": (part["change"] < 0).sum() / part.height if part.height else None,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "metric": pl.String,
            "departments": pl.Int32,
            "mean_before": pl.Float64,
            "mean_after": pl.Float64,
            "mean_change_pct": pl.Float64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
            "median_change_pct": pl.Float64,
            "total_change_pct": pl.Float64,
            "share_decreased": pl.Float64,
        },
    )


def _did(
    series: pl.DataFrame, metrics: list[str], *, n_boot: int, seed: int, confidence: float
) -> pl.DataFrame:
    """Per cohort g: change from g-1 to g for the departments reformed in g against those reformed later."""
    rows: list[dict[str, object]] = []
    for index, metric in enumerate(metrics):
        part = series.filter((pl.col("metric") == metric) & pl.col("reform_year").is_not_null())
        values = {
            (d, y): v for d, y, v in part.select("department", "year", "value").iter_rows() if v is not None
        }
        reform = dict(sorted(part.select("department", "reform_year").unique().iter_rows()))
        strata: list[tuple[list[float], list[float]]] = []
        for cohort in sorted(set(reform.values())):
            treated = [
                c
                for d, g in reform.items()
                if g == cohort and (c := _pct_change(values, d, cohort)) is not None
            ]
            control = [
                c
                for d, g in reform.items()
                if g > cohort and (c := _pct_change(values, d, cohort)) is not None
            ]
            if not treated or not control:
                continue
            strata.append((treated, control))
            interval = bootstrap_difference(
                [(treated, control)], n_boot=n_boot, seed=seed + index, confidence=confidence
            )
            rows.append(_did_row(metric, cohort, treated, control, interval))
        if strata:
            weights = [len(t) for t, _ in strata]
            estimate = sum(
                w * (_mean(t) - _mean(c)) for (t, c), w in zip(strata, weights, strict=True)
            ) / sum(weights)
            interval = bootstrap_difference(strata, n_boot=n_boot, seed=seed + index, confidence=confidence)
            treated_all = [v for t, _ in strata for v in t]
            control_all = [v for _, c in strata for v in c]
            row = _did_row(metric, None, treated_all, control_all, interval)
            row["did_pp"] = estimate
            row["treated_change_pct"] = sum(
                w * _mean(t) for (t, _), w in zip(strata, weights, strict=True)
            ) / sum(weights)
            row["control_change_pct"] = sum(
                w * _mean(c) for (_, c), w in zip(strata, weights, strict=True)
            ) / sum(weights)
            rows.append(row)
    return pl.DataFrame(
        rows,
        schema={
            "metric": pl.String,
            "cohort": pl.Int32,
            "treated": pl.Int32,
            "control": pl.Int32,
            "treated_change_pct": pl.Float64,
            "control_change_pct": pl.Float64,
            "did_pp": pl.Float64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
        },
    )


def _pct_change(values: dict[tuple[str, int], float], department: str, year: int) -> float | None:
    """Change in percent from year - 1 to year, None when either is missing or the start is 0."""
    start, end = values.get((department, year - 1)), values.get((department, year))
    if start is None or end is None or start == 0:
        return None
    return (end - start) / abs(start) * 100


def _did_row(
    metric: str,
    cohort: int | None,
    treated: list[float],
    control: list[float],
    interval: tuple[float, float] | None,
) -> dict[str, object]:
    return {
        "metric": metric,
        "cohort": cohort,
        "treated": len(treated),
        "control": len(control),
        "treated_change_pct": _mean(treated),
        "control_change_pct": _mean(control),
        "did_pp": _mean(treated) - _mean(control),
        "ci_low": interval[0] if interval else None,
        "ci_high": interval[1] if interval else None,
    }


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


__all__ = [
    "DEFAULT_METRICS",
    "LEVELS",
    "REFORM_PATTERN",
    "ReformResult",
    "government_level",
    "reform_effects",
    "reform_reference",
    "reform_years",
    "stated_reform_years",
]
