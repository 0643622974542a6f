"""Write the analyst notebooks of this folder, without outputs: `python notebooks/make_notebooks.py`.

The notebooks are generated so that they stay small, reviewable and free of stored outputs; edit the
cells here and re-run. tests/test_notebooks.py checks that the files match this script, executes
each one top to bottom on the bundled samples, and opens the exported HTML in a browser with the
network blocked to count the charts drawn.

Every notebook starts with the same two cells. The parameters: `DB` is the database the README's
first command (`make demo`) builds, `data/analytics.duckdb` (`ANALYTICS_NOTEBOOK_DB` names another;
the tests use one they ingested once), `OUT` the folder the charts are saved in, `charts/` beside the
notebooks (`ANALYTICS_NOTEBOOK_OUT`). The set-up: when `DB` is missing the bundled samples are ingested
into it once; `enable_notebook()` makes the charts work offline in the report's theme.

The database is opened only inside `with open_store(DB, read_only=True) as db:` blocks, so it is
closed between them: `analytics ingest` can write to it while a kernel is open.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

PARAMETERS = """\
# Parameters: the database `make demo` builds, and the folder beside this notebook the charts go to.
import os
from pathlib import Path

DB = Path(os.environ.get("ANALYTICS_NOTEBOOK_DB") or "../data/analytics.duckdb").resolve()
OUT = Path(os.environ.get("ANALYTICS_NOTEBOOK_OUT") or "charts").resolve()
SAMPLES = Path(os.environ.get("ANALYTICS_SAMPLES") or "../data/samples").resolve()"""

SETUP = """\
import analytics
from analytics.charts import enable_notebook

if not DB.exists():  # `make demo` builds it; otherwise the bundled samples are ingested once (a minute)
    report = analytics.ingest([SAMPLES], db=DB)
    print(f"built {DB}: {report.documents_loaded} documents, {report.facts_written} facts")
print(f"database: {DB}")
enable_notebook()  # charts work offline, in the report's theme (this cell's output holds the Vega scripts)"""


def _import(module: str, names: str) -> str:
    """One import statement, wrapped as ruff's isort wraps it when longer than a line."""
    line = f"from {module} import {names}"
    if len(line) <= 110:
        return line
    return f"from {module} import (\n" + "".join(f"    {n.strip()},\n" for n in names.split(",")) + ")"


def imports(analysis: str, charts: str | None = None) -> str:
    """The import cell: polars, `open_store`, the analysis names used, the chart names used."""
    lines = [
        "import polars as pl",
        "",
        "from analytics import open_store",
        _import("analytics.analysis", analysis),
    ]
    if charts:
        lines.append(_import("analytics.charts", charts))
    lines += [
        "",
        "pl.Config.set_tbl_rows(20)",
        "pl.Config.set_tbl_cols(12)",
        "pl.Config.set_fmt_str_lengths(40)",
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
            if source == PARAMETERS:
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

The bundled samples (six departments of 廊坊市, budgets and final accounts 2014–2023, in seven file
formats; everything under `synthetic/` is made up) are in the database `make demo` built. This
notebook reads its tables as polars frames and draws one chart.""",
    ),
    ("code", PARAMETERS),
    (
        "md",
        "## The database\n\n`make demo` ran `analytics ingest data/samples`, which reads every file, extracts the figures, checks them and loads them in one transaction per document; from Python it is `analytics.ingest([folder], db=DB)`, and re-running it skips unchanged files. The next cell only ingests when the database is missing.",
    ),
    ("code", SETUP),
    (
        "code",
        imports(
            "budget_lines, checks, documents, facts, fixed_panel, metric_series, performance_goals, reform_years",
            "save, trend_chart",
        ),
    ),
    (
        "md",
        "## Read\n\nEverything this notebook needs is read in one `with` block: the database is open read-only inside it and closed after, so `analytics ingest` can write to it while this notebook stays open. Names are checked: `kinds='决算'` or `'final'`, a metric by key or Chinese name, a department by a short name when only one fits.",
    ),
    (
        "code",
        """\
with open_store(DB, read_only=True) as db:
    docs = documents(db)
    vehicles = facts(db, "vehicle_operation", kinds="决算")
    failed = checks(db, failed_only=True)
    goals = performance_goals(db)
    lines = budget_lines(db, code_prefix="20607")
    series = metric_series(db, "公务用车运行维护费", kind="决算")
    reform = reform_years(db)
print(f"{docs.height} documents, {vehicles.height} vehicle running-cost figures, {failed.height} failed checks")""",
    ),
    (
        "md",
        "## Documents\n\nOne row per file: who published it, about which year, budget (预算) or final accounts (决算).",
    ),
    (
        "code",
        """\
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
print(vehicles.schema["value"])
vehicles.select("department", "year", "value", "basis", "reason").head(12)""",
    ),
    ("md", "## Checks, performance goals, classification lines"),
    (
        "code",
        """\
failed.group_by("check_name", "severity").len().sort("len", descending=True).head(10)""",
    ),
    (
        "code",
        """\
goals.unique(["doc_id", "activity"]).select("department", "year", "activity", "parent_activity", "budget").head(8)""",
    ),
    (
        "code",
        """\
lines.select("department", "year", "kind", "code", "name", "total").head(8)""",
    ),
    (
        "md",
        """\
## One chart

Vehicle running costs on a **fixed panel**: only the departments with a figure in every year are
compared, so that a department that starts or stops disclosing cannot fake a trend. Over every year
one missing document would empty the panel: `years="best"` takes the run of consecutive years that
keeps the most department-years (`panel_years`). The result says which years hold derived figures
only (worked back from the next year's stated change, not printed anywhere).""",
    ),
    (
        "code",
        """\
panel = fixed_panel(series, years="best")
panel""",
    ),
    (
        "md",
        "Filled points are printed in a document, hollow ones derived (dotted segments lead to them); dashed rules mark the reform years. Click a department in the legend to highlight it, pick one in the menu below the chart, zoom the years with the mouse wheel.",
    ),
    (
        "code",
        """\
chart = trend_chart(panel, reform_years=reform)
chart""",
    ),
    (
        "md",
        "Saved beside this notebook: PNG and SVG (with a Chinese font registered for the glyphs), and HTML that works offline.",
    ),
    (
        "code",
        """\
for suffix in ("png", "svg", "html"):
    print(save(chart, OUT / f"vehicle_operation.{suffix}").relative_to(OUT.parent))""",
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
    ("code", SETUP),
    (
        "code",
        imports(
            "fixed_panel, metric_series, reform_effects, reform_years, three_public_composition",
            "reform_slope_chart, save, three_public_chart, trend_chart",
        ),
    ),
    (
        "md",
        "Read once, inside a `with` block (the database is closed after it):",
    ),
    (
        "code",
        """\
with open_store(DB, read_only=True) as db:
    years = reform_years(db)
    result = reform_effects(db, kind="决算", window=2, seed=0)
    running = fixed_panel(metric_series(db, "vehicle_operation", kind="决算"), years="best")
    composition = three_public_composition(db, kind="决算", years="best")""",
    ),
    (
        "md",
        "## Reform years\n\nFrom the documents where they say so, otherwise from `data/reference/vehicle_reform.csv` (by province and level of government).",
    ),
    (
        "code",
        """\
years.select("department", "level", "reference_year", "stated_year", "reform_year", "source")""",
    ),
    (
        "md",
        "## Before and after\n\nMeans over the two years before the reform year and the two years from it, final accounts, on a fixed panel of departments that can be compared on every metric. The result shows what was compared, the pooled changes, the difference in differences, and who was left out.",
    ),
    ("code", "result"),
    (
        "code",
        """\
result.frame.filter(pl.col("metric") == "vehicle_operation").select(
    "department", "reform_year", "reform_source", "before", "after", "change_pct")""",
    ),
    (
        "md",
        "## Pooled, with a bootstrap interval\n\nThe mean of the departments' changes in percent, with a seeded 95 % percentile bootstrap over departments. Personnel costs (人员经费, or 基本支出 where they are not stated) beside them.",
    ),
    ("code", "result.pooled"),
    (
        "md",
        "## Difference in differences\n\nEach reform cohort's change from the year before its reform to the reform year, against the departments that had not reformed yet in the same years.",
    ),
    ("code", "result.did"),
    ("md", "## Charts\n\nSaved beside this notebook as PNG."),
    (
        "code",
        """\
trend = trend_chart(running, reform_years=years)
save(trend, OUT / "vehicle_reform_trend.png")
trend""",
    ),
    (
        "code",
        """\
slopes = reform_slope_chart(result, "vehicle_operation") | reform_slope_chart(result, "expenditure_personnel")
save(slopes, OUT / "vehicle_reform_slopes.png")
slopes""",
    ),
    (
        "code",
        """\
parts = three_public_chart(composition)
save(parts, OUT / "three_public_composition.png")
parts""",
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

Which departments and which sub-codes of 20607 科学技术普及 gained or lost, in 万元 and as a share
of a base the charts name: the classification lines, the performance-goal activities about 科普,
and the departments' spending.""",
    ),
    ("code", PARAMETERS),
    ("code", SETUP),
    (
        "code",
        imports(
            "science_activities, science_funding, science_lines, science_shift",
            "save, science_funding_chart, science_share_chart, science_shift_chart, science_subcode_chart",
        ),
    ),
    (
        "md",
        "Read once, inside a `with` block; the shift compares the first and the last year with 科协's sub-code lines (a fixed panel of departments with lines in both years).",
    ),
    (
        "code",
        """\
with open_store(DB, read_only=True) as db:
    lines = science_lines(db, kind="预算")
    funding = science_funding(db, kind="预算")
    activities = science_activities(db)
    kexie = lines.filter((pl.col("department") == "廊坊市科学技术协会") & (pl.col("level") == "item"))
    first, last = kexie["year"].min(), kexie["year"].max()
    shift = science_shift(db, first, last, by_department=True)""",
    ),
    (
        "md",
        "## The 20607 lines\n\nOne document per department, year and kind; `class` is the 20607 total, `item` its sub-codes (2060701 机构运行, 2060702 科普活动, …). A year without lines has no column.",
    ),
    (
        "code",
        """\
lines.pivot(on="code", index=["department", "year"], values="total", aggregate_function="first").sort("department", "year")""",
    ),
    (
        "md",
        "## Funding, in 万元 and as a share of what\n\nThe share of the department's total spending (`share_of_total_pct`, of 本年支出合计). The share of project spending is beside it for checking: a 科协 spends all its project money on 科普, so that share is 100 % by construction and says nothing.",
    ),
    (
        "code",
        """\
funding.select("department", "year", "science_total", "expenditure_total", "share_of_total_pct",
               "share_of_project_pct", "activities_budget")""",
    ),
    (
        "code",
        """\
by_department = science_funding_chart(funding)
save(by_department, OUT / "science_funding.png")
by_department""",
    ),
    (
        "md",
        "## 科普 activities of the performance goals\n\nA child activity is not counted again when its parent (e.g. 科学技术普及) carries the budget.",
    ),
    (
        "code",
        """\
activities.filter(pl.col("department") == "廊坊市科学技术协会").select(
    "year", "activity", "parent_activity", "budget", "counted").head(12)""",
    ),
    (
        "code",
        """\
share = science_share_chart(funding, source="activities")
save(share, OUT / "science_activities_share.png")
share""",
    ),
    (
        "md",
        "## Which sub-codes gained and lost\n\nIn 万元 and in points of the sum of the sub-codes, between the first and the last year with 科协's sub-code lines.",
    ),
    (
        "code",
        """\
shift""",
    ),
    (
        "code",
        """\
gained = science_shift_chart(shift)
save(gained, OUT / "science_shift.png")
gained""",
    ),
    (
        "code",
        """\
mix = science_subcode_chart(lines, department="科协")
save(mix, OUT / "science_subcodes.png")
mix""",
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
budgets = dict(activities.filter((pl.col("department") == "廊坊市科学技术协会")
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
`failed_checks` save most joins. The schema is in the README. Each cell opens the database
read-only for its query and closes it again.""",
    ),
    ("code", PARAMETERS),
    ("code", SETUP),
    ("code", imports("query, to_float")),
    ("md", '## "三公" spending of one department, year by year'),
    (
        "code",
        """\
with open_store(DB, read_only=True) as db:
    spending = query(db, \"\"\"
        select year, kind, three_public_total, overseas_travel, vehicle_purchase, vehicle_operation, reception
        from three_public where department = $1 order by year, kind
    \"\"\", ["廊坊市财政局"])
spending""",
    ),
    ("md", "## Vehicle costs with the reason the documents give"),
    (
        "code",
        """\
with open_store(DB, read_only=True) as db:
    reasons = query(db, \"\"\"
        select department, year, vehicle_operation, vehicles_count, vehicle_operation_change_reason
        from vehicle_costs where kind = 'final' and vehicle_operation_change_reason like '%改革%'
        order by department, year
    \"\"\")
reasons""",
    ),
    ("md", "## A metric with its Chinese name and the sentence it came from"),
    (
        "code",
        """\
with open_store(DB, read_only=True) as db:
    quoted = query(db, \"\"\"
        select f.department, f.year, m.name_zh, f.value, f.basis, f.quote
        from preferred_facts f join metrics m on m.key = f.metric
        where f.metric = $metric and f.kind = 'budget' and f.measure = 'amount'
        order by f.department, f.year
        limit 10
    \"\"\", {"metric": "expenditure_project"})
quoted""",
    ),
    ("md", "## Named parameters, then polars\n\nSQL does the selecting, polars the reshaping:"),
    (
        "code",
        """\
with open_store(DB, read_only=True) as db:
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
with open_store(DB, read_only=True) as db:
    failed = query(db, 'select department, year, check_name, severity, expected, actual, message from failed_checks '
                       "where severity = 'error' order by department, year limit 10")
failed""",
    ),
    (
        "md",
        "## Plain rows\n\n`db.query(...)` gives the rows as Python values (what `analytics sql` prints; decimals exact), shown as a table.",
    ),
    (
        "code",
        """\
with open_store(DB, read_only=True) as db:
    rows = db.query("select department, count(*) as documents from documents group by 1 order by 1")
rows""",
    ),
    (
        "md",
        "## Straight DuckDB\n\nThe store's connection is a DuckDB connection: its relations convert to polars with `.pl()`.",
    ),
    (
        "code",
        """\
with open_store(DB, read_only=True) as db:
    kinds = db.connection.sql("select kind, count(*) as documents from documents where status = 'ok' group by kind order by kind").pl()
kinds""",
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
