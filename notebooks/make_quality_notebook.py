"""Write notebooks/05_corrections_and_quality.ipynb, without outputs: `python notebooks/make_quality_notebook.py`.

The notebook shows the analyst's working loop on the bundled samples: quality flags, a hand correction
that survives re-ingests (and one that is reported when its document changes), regions, real terms and
per-staff figures. tests/test_notebook_quality.py checks that the file matches this script and runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
NAME = "05_corrections_and_quality.ipynb"

PARAMETERS = """\
# Parameters. The database the README's first command builds (`analytics ingest data/samples --db
# data/analytics.duckdb`, or `make demo`); it is built once here if it is missing. The tests set
# ANALYTICS_NOTEBOOK_DB to a database of the samples they ingested once.
import os
from pathlib import Path

SAMPLES = Path(os.environ.get("ANALYTICS_SAMPLES", "../data/samples")).resolve()
DB = Path(os.environ.get("ANALYTICS_NOTEBOOK_DB") or "../data/analytics.duckdb").resolve()"""

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """\
# Corrections, quality flags, regions, real terms and per-staff figures

An analyst's loop on the bundled samples (six departments of 廊坊市, 2014–2023; everything under
`synthetic/` is made up): which figures failed a check, correcting one by hand so that the correction
survives every re-ingest, grouping by region, and comparing years in real terms and per member of staff.""",
    ),
    ("code", PARAMETERS),
    (
        "code",
        """\
import shutil
import tempfile
import warnings

import polars as pl

import analytics
from analytics import open_store
from analytics.analysis import (
    FailedFiguresLeftOut,
    change,
    corrections,
    cpi,
    deflate,
    document_regions,
    facts,
    metric_series,
    per_staff,
    quality_summary,
    staff_counts,
    three_public,
)
from analytics.load.corrections import add_correction

pl.Config.set_tbl_rows(20)
pl.Config.set_tbl_cols(12)
pl.Config.set_fmt_str_lengths(40)
if not DB.exists():  # build it once, as the README's first command does
    analytics.ingest([SAMPLES], db=DB)
db = open_store(DB, read_only=True)""",
    ),
    (
        "md",
        """\
## Quality flags

Every figure carries a `quality`: `ok`, `failed_check` (a failed check of its document names it;
`quality_checks` says which), `corrected` or `derived`. The samples plant a few inconsistencies.""",
    ),
    (
        "code",
        """\
quality_summary(db).filter(pl.col("failed_check") > 0)""",
    ),
    (
        "code",
        """\
facts(db, ["reception"], kinds=["budget"], years=[2019], preferred=False).filter(
    pl.col("quality") == "failed_check"
).select("department", "method", "value", "quality", "quality_checks", "quote")""",
    ),
    (
        "md",
        """\
The analyses leave failed figures out by default and say how many (a `FailedFiguresLeftOut`
warning); `include_failed=True` keeps them. The views carry the worst quality of a row's figures.""",
    ),
    (
        "code",
        """\
with warnings.catch_warnings(record=True) as said:
    warnings.simplefilter("always", FailedFiguresLeftOut)
    series = metric_series(db, "three_public_total", kind="final")
print([str(w.message) for w in said])
three_public(db, kinds=["budget"]).filter(pl.col("quality") != "ok").select(
    "department", "year", "three_public_total", "reception", "quality", "quality_checks"
)""",
    ),
    (
        "md",
        """\
## Regions

Each document's region resolves to its GB/T 2260 code and its province / prefecture / county chain;
group by `region_code` or the chain, never by the printed `region`.""",
    ),
    (
        "code",
        """\
document_regions(db).group_by("resolution", "province", "prefecture").agg(pl.len().alias("documents"))""",
    ),
    (
        "code",
        """\
db.close()

# Corrections write to a database: work on a copy, with a corrections file of our own
WORK = Path(tempfile.mkdtemp(prefix="analytics-quality-"))
shutil.copy(DB, WORK / "working.duckdb")
CORRECTIONS = WORK / "corrections.csv"
store = analytics.open_store(WORK / "working.duckdb")""",
    ),
    (
        "md",
        """\
## A hand correction

审计局's 2019 budget prints 公务接待费 1.65 in its text and 2.55 in its table, and the parts of its
"三公" total only add up with 2.55. Having checked the document, record the right figure: it goes to a
corrections file outside the database (`analytics correct …` on the command line does the same).""",
    ),
    (
        "code",
        """\
audit_2019 = store.query(
    "select source_path from documents where department = '廊坊市审计局' and year = 2019 and kind = 'budget'"
).rows[0][0]
outcome, _ = add_correction(
    store, audit_2019, metric="reception", year=2019, kind="budget", value="2.55",
    reason="正文1.65为笔误：表中2.55与分项合计一致", author="notebook", path=CORRECTIONS,
)
print(outcome.message)
print(CORRECTIONS.read_text(encoding="utf-8"))""",
    ),
    (
        "code",
        """\
print(store.query(
    "select metric, value, original_value, basis, quality from facts "
    "where source_path = $1 and metric = 'reception' and measure = 'amount'", [audit_2019]
).records())
# the correction answers the checks that named the figure: the row is 'corrected' now, not failed
three_public(store, kinds=["budget"]).filter((pl.col("department") == "廊坊市审计局") & (pl.col("year") == 2019)).select(
    "department", "year", "three_public_total", "reception", "quality", "quality_checks"
)""",
    ),
    (
        "md",
        "Re-ingesting the document (unchanged bytes) applies the correction again: it survives.",
    ),
    (
        "code",
        """\
report = analytics.ingest([audit_2019], db=store, corrections=CORRECTIONS)
print(report.documents_unchanged, "unchanged;", [o.status for o in report.corrections.outcomes])""",
    ),
    (
        "md",
        """\
## Staff counts, and a correction whose document changes

The samples state no staff. Here are two short staff statements per department (2015 and 2019 final
accounts, made up like the samples), read by the same extractor (编制人数 -> `staff_authorised`,
实有人数 / 在职人员 -> `staff_actual`).""",
    ),
    (
        "code",
        """\
STAFF = WORK / "staff"
STAFF.mkdir()
made_up = {  # department: (authorised, in post 2015, in post 2019)
    "廊坊市科学技术协会": (18, 16, 15), "廊坊市教育局": (95, 90, 88), "廊坊市财政局": (120, 112, 104),
    "廊坊市卫生健康委员会": (80, 76, 79), "廊坊市审计局": (45, 43, 40), "廊坊市民政局": (60, 57, 52),
}
for department, (posts, in_post_2015, in_post_2019) in made_up.items():
    for year, in_post in ((2015, in_post_2015), (2019, in_post_2019)):
        (STAFF / f"synthetic_{department}_{year}_人员.txt").write_text(
            f"{department}{year}年度部门决算公开\\n一、部门基本情况\\n"
            f"本部门核定编制{posts}名，年末实有在职人员{in_post}人，另有退休人员10人。\\n",
            encoding="utf-8",
        )
report = analytics.ingest([STAFF], db=store, corrections=CORRECTIONS)
print(report.documents_loaded, "staff statements loaded")
staff_counts(store)""",
    ),
    (
        "code",
        """\
audit_staff = STAFF / "synthetic_廊坊市审计局_2019_人员.txt"
add_correction(store, str(audit_staff), metric="staff_actual", year=2019, kind="final", value="41",
               reason="人事部门名册为41人", author="notebook", path=CORRECTIONS)
# the department republishes its statement: the bytes change, the correction is reported, not applied
audit_staff.write_text(audit_staff.read_text(encoding="utf-8").replace("40人", "41人"), encoding="utf-8")
report = analytics.ingest([STAFF], db=store, corrections=CORRECTIONS)
for outcome in report.corrections.not_applied:
    print(outcome.status, "-", outcome.message)""",
    ),
    (
        "md",
        """\
## Real terms and per staff

`deflate` expresses money in one year's prices by the national CPI (国家统计局 居民消费价格指数,
previous year = 100, shipped in data/reference/cpi.csv); `per_staff` divides by the staff in post.""",
    ),
    (
        "code",
        """\
cpi().filter(pl.col("year").is_between(2014, 2023))""",
    ),
    (
        "code",
        """\
with warnings.catch_warnings():
    warnings.simplefilter("ignore", FailedFiguresLeftOut)  # said above: two figures of 2023
    spending = metric_series(store, "three_public_total", kind="final")
real = per_staff(deflate(spending, base_year=2015), staff_counts(store), value="value_real")
compared = change(real, 2015, 2019, value="value_real").select(
    "department", "from_value", "to_value", "change_pct"
).rename({"from_value": "2015 (2015 prices)", "to_value": "2019 (2015 prices)", "change_pct": "real change %"})
per_head = change(real, 2015, 2019, value="value_real_per_staff").select(
    "department", pl.col("change_pct").alias("real change per staff %")
)
nominal = change(spending, 2015, 2019).select("department", pl.col("change_pct").alias("nominal change %"))
compared.join(nominal, on="department").join(per_head, on="department").sort("department")""",
    ),
    (
        "md",
        "The corrections in force, as the report's data-quality section lists them; then close the copy.",
    ),
    (
        "code",
        """\
print(corrections(store).select("department", "metric", "year", "original_values", "value", "status", "reason"))
store.close()""",
    ),
]


def render() -> str:
    """The notebook's text, as this script writes it."""
    notebook = new_notebook()
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    for kind, source in CELLS:
        if kind == "md":
            notebook.cells.append(new_markdown_cell(source))
        else:
            cell = new_code_cell(source)
            if source is PARAMETERS:
                cell.metadata["tags"] = ["parameters"]
            notebook.cells.append(cell)
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"
    return nbformat.writes(notebook) + "\n"


def main() -> int:
    (HERE / NAME).write_text(render(), encoding="utf-8")
    print(f"wrote {HERE / NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
