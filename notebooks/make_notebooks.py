"""Write the analyst notebooks of this folder, without outputs: `python notebooks/make_notebooks.py`.

The notebooks are generated so that they stay small, reviewable and free of stored outputs; edit the
cells here and re-run. tests/test_notebooks.py checks that the files match this script and executes
each one top to bottom on the bundled samples.

Every notebook starts with the same parameter cell: `ANALYTICS_NOTEBOOK_DB` names the database (the
tests set it to one they ingested once), otherwise the samples are ingested into a temporary one;
`ANALYTICS_NOTEBOOK_OUT` names the folder for exported charts (default: a new temporary folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

PARAMETERS = """\
# Parameters. The tests set ANALYTICS_NOTEBOOK_DB to a database they ingested once; by default the
# bundled samples are ingested into a temporary database (about 15 seconds). Charts are exported to
# ANALYTICS_NOTEBOOK_OUT, by default a new temporary folder.
import os
import tempfile
from pathlib import Path

SAMPLES = Path(os.environ.get("ANALYTICS_SAMPLES", "../data/samples")).resolve()
DB = Path(os.environ.get("ANALYTICS_NOTEBOOK_DB") or Path(tempfile.mkdtemp(prefix="analytics-")) / "samples.duckdb")
OUT = Path(os.environ.get("ANALYTICS_NOTEBOOK_OUT") or tempfile.mkdtemp(prefix="analytics-charts-"))  # exported charts"""

INGEST_IF_NEEDED = """\
import analytics

if not DB.exists():
    analytics.ingest([SAMPLES / "synthetic", SAMPLES / "langfang_kexie_2017_budget.txt"], db=DB)"""


def _import(module: str, names: str) -> str:
    """One import statement, wrapped as ruff's isort wraps it when longer than a line."""
    line = f"from {module} import {names}"
    if len(line) <= 110:
        return line
    return f"from {module} import (\n" + "".join(f"    {n.strip()},\n" for n in names.split(",")) + ")"


def imports(analysis: str, charts: str | None = None) -> str:
    """The import cell: polars, the analysis names used, the chart names used; then open the database."""
    lines = ["import polars as pl", "", _import("analytics.analysis", analysis)]
    if charts:
        lines.append(_import("analytics.charts", charts))
    lines += [
        "",
        "pl.Config.set_tbl_rows(20)",
        "pl.Config.set_tbl_cols(12)",
        "pl.Config.set_fmt_str_lengths(40)",
        "db = open_database(DB)  # read-only",
    ]
    return "\n".join(lines)


def _notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    notebook = new_notebook()
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    for kind, source in cells:
        if kind == "md":
            notebook.cells.append(new_markdown_cell(source))
        else:
            cell = new_code_cell(source)
            if source is PARAMETERS:
                cell.metadata["tags"] = ["parameters"]
            notebook.cells.append(cell)
    # stable cell ids, so that regenerating gives the same file
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"
    return notebook


QUICKSTART = [
    (
        "md",
        """\
# Quick start: from disclosures to tidy frames

This notebook ingests the bundled samples (six departments of 廊坊市, budgets and final accounts
2014–2023, in seven file formats; everything under `synthetic/` is made up) into a DuckDB database,
looks at its tables as polars frames, and draws one chart.""",
    ),
    ("code", PARAMETERS),
    (
        "md",
        "## Ingest\n\n`analytics.ingest` reads every file, extracts the figures, checks them and loads them in one transaction per document. Re-running it skips unchanged files.",
    ),
    (
        "code",
        """\
import analytics

report = analytics.ingest([SAMPLES / "synthetic", SAMPLES / "langfang_kexie_2017_budget.txt"], db=DB)
print(f"{report.documents_seen} files: {report.documents_loaded} loaded, {report.documents_unchanged} unchanged, "
      f"{len(report.errors)} failed; {report.facts_written} facts written")""",
    ),
    (
        "code",
        imports(
            "budget_lines, checks, documents, facts, fixed_panel, metric_series, open_database, performance_goals, reform_years",
            "save, trend_chart",
        ),
    ),
    (
        "md",
        "## Documents\n\nOne row per file: who published it, about which year, budget (预算) or final accounts (决算).",
    ),
    (
        "code",
        """\
docs = documents(db)
docs.group_by("department", "kind").agg(pl.len().alias("documents"), pl.col("year").min().alias("from"),
                                        pl.col("year").max().alias("to")).sort("department", "kind")""",
    ),
    (
        "md",
        "## Facts\n\nOne figure per department, year, kind and metric (`preferred_facts`: the stated figure before a derived one). Money stays exact: polars `Decimal(18, 4)`, in 万元.",
    ),
    (
        "code",
        """\
vehicles = facts(db, ["vehicle_operation"], kinds=["final"])
print(vehicles.schema["value"])
vehicles.select("department", "year", "value", "basis", "reason").head(12)""",
    ),
    ("md", "## Checks, performance goals, classification lines"),
    (
        "code",
        """\
checks(db, failed_only=True).group_by("check", "severity").len().sort("len", descending=True).head(10)""",
    ),
    (
        "code",
        """\
performance_goals(db).unique(["doc_id", "activity"]).select("department", "year", "activity", "parent_activity", "budget").head(8)""",
    ),
    (
        "code",
        """\
budget_lines(db, code_prefix="20607").select("department", "year", "kind", "code", "name", "total").head(8)""",
    ),
    (
        "md",
        """\
## One chart

Vehicle running costs on a **fixed panel**: only the departments with a figure in every year are
compared, so that a department that starts or stops disclosing cannot fake a trend. The dashed rules
mark each department's vehicle-reform year. Over every year one missing document would empty the
panel: `years="best"` takes the run of consecutive years that keeps the most department-years
(`panel_years`).""",
    ),
    (
        "code",
        """\
series = metric_series(db, "vehicle_operation", kind="final")
panel = fixed_panel(series, years="best")
print(panel.describe())
print(panel.describe_zh())
chart = trend_chart(panel.frame, reform_years=reform_years(db), subtitle=panel.describe_zh())
chart""",
    ),
    (
        "md",
        "Export it: PNG and SVG (with a Chinese font registered for the glyphs), and HTML that works offline.",
    ),
    (
        "code",
        """\
for suffix in ("png", "svg", "html"):
    print(save(chart, OUT / f"vehicle_operation.{suffix}"))""",
    ),
]

VEHICLE_REFORM = [
    (
        "md",
        """\
# The official-vehicle reform (公务用车制度改革)

Did vehicle running costs fall after each department's reform, and did personnel costs rise as
transport allowances replaced the cars? The reform year is a property of province and level of
government; a department's own documents often state it ("主要原因是公车改革车辆减少").""",
    ),
    ("code", PARAMETERS),
    ("code", INGEST_IF_NEEDED),
    (
        "code",
        imports(
            "fixed_panel, metric_series, open_database, reform_effects, reform_years, three_public_composition",
            "reform_slope_chart, three_public_chart, trend_chart",
        ),
    ),
    (
        "md",
        "## Reform years\n\nFrom the documents where they say so, otherwise from `data/reference/vehicle_reform.csv` (by province and level of government).",
    ),
    (
        "code",
        """\
years = reform_years(db)
years.select("department", "level", "reference_year", "stated_year", "reform_year", "source")""",
    ),
    (
        "md",
        "## Before and after\n\nMeans over the two years before the reform year and the two years from it, final accounts, on a fixed panel of departments that can be compared on every metric.",
    ),
    (
        "code",
        """\
result = reform_effects(db, kind="final", window=2, seed=0)
print(result.describe())
result.frame.filter(pl.col("metric") == "vehicle_operation").select(
    "department", "reform_year", "reform_source", "before", "after", "change_pct")""",
    ),
    (
        "md",
        "Left out, and why (empty when every department can be compared):",
    ),
    (
        "code",
        """\
print(result.describe_zh())
result.departments.filter(~pl.col("in_panel")).select("department", "excluded_because", "excluded_because_zh").unique()""",
    ),
    (
        "md",
        "## Pooled, with a bootstrap interval\n\nThe mean of the departments' changes in percent, with a seeded 95 % percentile bootstrap over departments. Personnel costs (人员经费, or 基本支出 where they are not stated) beside them.",
    ),
    (
        "code",
        """\
result.pooled""",
    ),
    (
        "md",
        "## Difference in differences\n\nEach reform cohort's change from the year before its reform to the reform year, against the departments that had not reformed yet in the same years.",
    ),
    (
        "code",
        """\
result.did""",
    ),
    ("md", "## Charts"),
    (
        "code",
        """\
running = fixed_panel(metric_series(db, "vehicle_operation", kind="final"), years=range(2014, 2024))
trend_chart(running.frame, reform_years=years, subtitle=running.describe_zh())""",
    ),
    (
        "code",
        """\
reform_slope_chart(result, "vehicle_operation") | reform_slope_chart(result, "expenditure_personnel")""",
    ),
    (
        "code",
        """\
composition = three_public_composition(db, kind="final", years=range(2014, 2024))
three_public_chart(composition)""",
    ),
    (
        "md",
        "## Check against the corpus's truth\n\n`data/samples/README.md`: the reform came in 2016, for 科协 and 民政 in 2017; running costs fell to 38–55 % of the year before, fleets shrank, personnel costs rose.",
    ),
    (
        "code",
        """\
planted = {"廊坊市科学技术协会": 2017, "廊坊市教育局": 2016, "廊坊市财政局": 2016, "廊坊市审计局": 2016, "廊坊市民政局": 2017}
found = dict(years.select("department", "reform_year").rows())
assert all(found[d] == y for d, y in planted.items()), found
changes = {m: result.frame.filter(pl.col("metric") == m)["change"] for m in result.metrics}
assert (changes["vehicle_operation"] < 0).all() and (changes["vehicles_count"] < 0).all()
assert (changes["expenditure_personnel"] > 0).all()
print("reform years and directions of change as planted")""",
    ),
]

SCIENCE = [
    (
        "md",
        """\
# Science popularisation (科普)

Funding from the classification lines 20607 科学技术普及 and its sub-codes, the performance-goal
activities about 科普, and its share of project spending; then which sub-codes gained and lost share.""",
    ),
    ("code", PARAMETERS),
    ("code", INGEST_IF_NEEDED),
    (
        "code",
        imports(
            "open_database, science_activities, science_funding, science_lines, science_shift",
            "science_share_chart, science_subcode_chart",
        ),
    ),
    (
        "md",
        "## The 20607 lines\n\nOne document per department, year and kind; `class` is the 20607 total, `item` its sub-codes (2060701 机构运行, 2060702 科普活动, …).",
    ),
    (
        "code",
        """\
lines = science_lines(db, kind="budget")
lines.pivot(on="code", index=["department", "year"], values="total", aggregate_function="first").sort("department", "year")""",
    ),
    ("md", "## Funding and its share of project spending"),
    (
        "code",
        """\
funding = science_funding(db, kind="budget")
funding.select("department", "year", "science_total", "expenditure_project", "share_of_project_pct",
               "activities_budget", "activities_share_pct")""",
    ),
    (
        "md",
        "## 科普 activities of the performance goals\n\nA child activity is not counted again when its parent (e.g. 科学技术普及) carries the budget.",
    ),
    (
        "code",
        """\
science_activities(db).filter(pl.col("department") == "廊坊市科学技术协会").select(
    "year", "activity", "parent_activity", "budget", "counted").head(12)""",
    ),
    (
        "md",
        "## Which sub-codes gained and lost share\n\nBetween the first and the last year with 科协's sub-code lines (a fixed panel of departments with lines in both years).",
    ),
    (
        "code",
        """\
kexie_years = lines.filter((pl.col("department") == "廊坊市科学技术协会") & (pl.col("level") == "item"))["year"].unique().sort()
first, last = kexie_years[0], kexie_years[-1]
shift = science_shift(db, first, last, by_department=True)
print(shift.describe())
shift.frame""",
    ),
    (
        "code",
        """\
science_subcode_chart(lines, department="廊坊市科学技术协会")""",
    ),
    (
        "code",
        """\
science_share_chart(funding, source="activities")""",
    ),
    (
        "md",
        "## Check against the corpus's truth\n\n`data/samples/README.md`: 科协's 2060702 科普活动 takes a growing share from 2060799; its 科学技术普及 activity budget grows from 30 (2014) to 100 (2023).",
    ),
    (
        "code",
        """\
direction = dict(shift.frame.filter(pl.col("department") == "廊坊市科学技术协会").select("code", "direction").rows())
assert direction["2060702"] == "gained" and direction["2060799"] == "lost", direction
budgets = dict(science_activities(db).filter((pl.col("department") == "廊坊市科学技术协会")
                                             & (pl.col("activity") == "科学技术普及")).select("year", "budget").rows())
assert budgets[2014] == 30 and budgets[2023] == 100, budgets
print(f"2060702 gained {shift.frame.filter(pl.col('code') == '2060702')['share_change_pp'][0]:.1f} points from {first} to {last}")""",
    ),
]

SQL = [
    (
        "md",
        """\
# Ad-hoc SQL from Jupyter

The database is one DuckDB file. `query(db, sql, parameters)` runs any statement and returns a polars
frame (DECIMAL money stays exact); the views `preferred_facts`, `three_public`, `vehicle_costs` and
`failed_checks` save most joins. The schema is in the README.""",
    ),
    ("code", PARAMETERS),
    ("code", INGEST_IF_NEEDED),
    ("code", imports("open_database, query, to_float")),
    ("md", '## "三公" spending of one department, year by year'),
    (
        "code",
        """\
query(db, \"\"\"
    select year, kind, three_public_total, overseas_travel, vehicle_purchase, vehicle_operation, reception
    from three_public where department = $1 order by year, kind
\"\"\", ["廊坊市财政局"])""",
    ),
    ("md", "## Vehicle costs with the reason the documents give"),
    (
        "code",
        """\
query(db, \"\"\"
    select department, year, vehicle_operation, vehicles_count, vehicle_operation_change_reason
    from vehicle_costs where kind = 'final' and vehicle_operation_change_reason like '%改革%'
    order by department, year
\"\"\")""",
    ),
    ("md", "## A metric with its Chinese name and the sentence it came from"),
    (
        "code",
        """\
query(db, \"\"\"
    select f.department, f.year, m.name_zh, f.value, f.basis, f.quote
    from preferred_facts f join metrics m on m.key = f.metric
    where f.metric = $metric and f.kind = 'budget' and f.measure = 'amount'
    order by f.department, f.year
    limit 10
\"\"\", {"metric": "expenditure_project"})""",
    ),
    ("md", "## Named parameters, then polars\n\nSQL does the selecting, polars the reshaping:"),
    (
        "code",
        """\
totals = query(db, \"\"\"
    select department, year, value
    from preferred_facts
    where metric = 'expenditure_total' and kind = 'final' and measure = 'amount' and year between $from and $to
\"\"\", {"from": 2016, "to": 2020})
to_float(totals).pivot(on="year", index="department", values="value", sort_columns=True)""",
    ),
    ("md", "## Checks that failed"),
    (
        "code",
        """\
query(db, 'select department, year, "check", severity, expected, actual, message from failed_checks '
          "where severity = 'error' order by department, year limit 10")""",
    ),
    (
        "md",
        "## Straight DuckDB\n\nThe store's connection is a DuckDB connection: its relations convert to polars with `.pl()`.",
    ),
    (
        "code",
        """\
db.connection.sql("select kind, count(*) as documents from documents where status = 'ok' group by kind order by kind").pl()""",
    ),
]

NOTEBOOKS = {
    "01_quickstart.ipynb": QUICKSTART,
    "02_vehicle_reform.ipynb": VEHICLE_REFORM,
    "03_science_popularisation.ipynb": SCIENCE,
    "04_sql.ipynb": SQL,
}


def render(name: str) -> str:
    """The text of notebook `name`, as this script writes it."""
    return nbformat.writes(_notebook(NOTEBOOKS[name])) + "\n"


def main(argv: list[str] | None = None) -> int:
    for name in NOTEBOOKS:
        (HERE / name).write_text(render(name), encoding="utf-8")
        print(f"wrote {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
