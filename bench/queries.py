"""Query benchmark: the analysis API and representative SQL on a database of one million facts.

    python bench/queries.py                      # builds $TMPDIR/analytics-bench/facts-1000000.duckdb once
    python bench/queries.py --facts 5000000 --repeat 5

The database is made by bulk INSERT … SELECT of synthetic rows in the real schema (through
`open_store`, so the views and indexes are the real ones): 2,000 departments of 10 kinds in 5
provinces, 2014-2023, budget and final, 25 metrics (amounts; every tenth metric also with a stated
change), one document per department, year and kind. Each query runs --repeat times after one warm-up
run; the median is printed. Target: each <= 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from analytics import open_store
from analytics.load import Store

YEARS = (2014, 2023)
METRICS = 25
PROVINCES = ("河北省", "山东省", "江苏省", "四川省", "广东省")
FIRST_METRICS = (
    "vehicle_operation",
    "three_public_total",
    "vehicle_purchase",
    "reception",
    "overseas_travel",
)
TYPES = ("科协", "教育", "财政", "卫生", "公安", "交通", "农业", "民政", "文化", "科技")


def build(path: Path, facts: int) -> None:
    """A database of about `facts` facts (see the module docstring)."""
    years = YEARS[1] - YEARS[0] + 1
    per_department = years * 2 * (METRICS + METRICS // 10)
    departments = max(1, round(facts / per_department))
    with open_store(path) as store:
        con = store.connection
        keys = [r[0] for r in con.execute("SELECT key FROM metrics ORDER BY key").fetchall()]
        keys = sorted(keys, key=lambda k: (k not in FIRST_METRICS, k))[:METRICS]
        con.execute("CREATE TEMP TABLE bench_metrics AS SELECT unnest($1::VARCHAR[]) AS metric, "
                    "generate_subscripts($1::VARCHAR[], 1) AS m", [keys])  # fmt: skip
        con.execute(
            f"""
            CREATE TEMP TABLE bench_documents AS
            SELECT d, y, k,
                   substr(md5(d || '-' || y || '-' || k), 1, 16) AS doc_id,
                   '/bench/d' || d || '_' || y || '_' || k || '.txt' AS source_path,
                   '部门' || d AS department,
                   ($1::VARCHAR[])[d % {len(TYPES)} + 1] AS department_type,
                   ($2::VARCHAR[])[d % {len(PROVINCES)} + 1] AS province
            FROM range({departments}) AS t(d), range({YEARS[0]}, {YEARS[1] + 1}) AS u(y),
                 (VALUES ('budget'), ('final')) AS v(k)
            WHERE NOT (d % 7 = 0 AND y = {YEARS[0] + 3})  -- some departments miss a year: panels matter
            """,
            [list(TYPES), list(PROVINCES)],
        )
        con.execute(
            """
            INSERT INTO documents (doc_id, source_path, format, sha256, title, department, department_printed,
                department_type, region, province, year, kind, status, parser_version, ingested_at)
            SELECT doc_id, source_path, 'text', md5(source_path) || md5(doc_id), department || y || '年预算',
                   department, department, department_type, province, province, y, k, 'ok', '1', now()
            FROM bench_documents
            """
        )
        con.execute(
            """
            INSERT INTO facts
            SELECT b.doc_id, b.source_path, b.department, b.department_type, b.province, b.province, b.y, b.k,
                   m.metric, 'amount',
                   round((hash(b.d, m.m) % 100000) / 100.0 * (CASE WHEN b.k = 'final' THEN 0.95 ELSE 1 END)
                         * (1 + (b.y - 2014) * 0.03), 2)::DECIMAL(18,4),
                   '万元', 'stated', NULL, '三公经费', CASE WHEN m.m % 2 = 0 THEN 'table' ELSE 'narrative' END,
                   m.metric || ' ' || b.y, NULL, NULL, 'ok', NULL
            FROM bench_documents AS b, bench_metrics AS m
            UNION ALL
            SELECT b.doc_id, b.source_path, b.department, b.department_type, b.province, b.province, b.y, b.k,
                   m.metric, 'yoy_change', ((hash(b.d, m.m, b.y) % 2000) / 100.0 - 10)::DECIMAL(18,4),
                   '万元', 'stated', '公车改革', '三公经费', 'narrative', m.metric || ' 较上年', NULL, NULL, 'ok', NULL
            FROM bench_documents AS b, bench_metrics AS m WHERE m.m % 10 = 0
            """
        )
        con.execute("CHECKPOINT")


def sql_queries(store: Store) -> dict[str, Callable[[], Any]]:
    """Representative SQL an analyst runs (each returns rows)."""
    first, last = YEARS
    panel = f"""
        WITH panel AS (
            SELECT department FROM preferred_facts
            WHERE metric = 'vehicle_operation' AND measure = 'amount' AND kind = 'final'
              AND year BETWEEN {first} AND {last}
            GROUP BY department HAVING count(DISTINCT year) = {last - first + 1})"""
    queries = {
        "series per department, fixed panel (preferred_facts)": f"""{panel}
            SELECT department, year, value FROM preferred_facts
            WHERE metric = 'vehicle_operation' AND measure = 'amount' AND kind = 'final'
              AND department IN (SELECT department FROM panel)
            ORDER BY department, year""",
        "panel total per year (preferred_facts)": f"""{panel}
            SELECT year, sum(value), count(*) FROM preferred_facts
            WHERE metric = 'vehicle_operation' AND measure = 'amount' AND kind = 'final'
              AND department IN (SELECT department FROM panel)
            GROUP BY year ORDER BY year""",
        "year-on-year change, window functions": """
            SELECT department, year, value,
                   value - lag(value) OVER w AS change,
                   round(100 * (value / nullif(lag(value) OVER w, 0) - 1), 2) AS pct
            FROM preferred_facts
            WHERE metric = 'three_public_total' AND measure = 'amount' AND kind = 'budget'
            WINDOW w AS (PARTITION BY department ORDER BY year)
            ORDER BY department, year""",
        "before/after 2016, per department": """
            SELECT department,
                   avg(value) FILTER (WHERE year < 2016) AS before,
                   avg(value) FILTER (WHERE year >= 2016) AS after,
                   after - before AS difference
            FROM preferred_facts
            WHERE metric = 'vehicle_operation' AND measure = 'amount' AND kind = 'final'
            GROUP BY department ORDER BY difference""",
        "execution rate, budget join final": """
            SELECT b.department, b.year, b.metric, f.value / nullif(b.value, 0) AS rate
            FROM preferred_facts AS b
            JOIN preferred_facts AS f USING (department, year, metric, measure)
            WHERE b.kind = 'budget' AND f.kind = 'final' AND b.measure = 'amount'
            ORDER BY rate DESC NULLS LAST LIMIT 100""",
        "three_public view, all rows": "SELECT * FROM three_public",
        "facts table: sum by province, type and year": """
            SELECT province, department_type, year, sum(value) FROM facts
            WHERE measure = 'amount' GROUP BY ALL ORDER BY ALL""",
    }
    return {name: partial(_rows, store, sql) for name, sql in queries.items()}


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.query(sql).rows


def api_queries(store: Store) -> dict[str, Callable[[], Any]]:
    """The analysis API (analytics.analysis), where it exists; each is skipped if it is missing."""
    calls: dict[str, Callable[[], Any]] = {}
    try:
        from analytics import analysis
    except ImportError:
        return calls
    first, last = YEARS
    available = set(dir(analysis))
    if "facts" in available:
        calls["analysis.facts(vehicle_operation)"] = lambda: analysis.facts(store, ["vehicle_operation"])
    if "metric_series" in available:
        calls["analysis.metric_series(vehicle_operation)"] = lambda: analysis.metric_series(
            store, "vehicle_operation"
        )
        if "panel_trend" in available:
            calls["analysis.panel_trend(metric_series(...))"] = lambda: analysis.panel_trend(
                analysis.metric_series(store, "vehicle_operation"), range(first, last + 1)
            )
        if "year_on_year" in available:
            calls["analysis.year_on_year(metric_series(...))"] = lambda: analysis.year_on_year(
                analysis.metric_series(store, "three_public_total", kind="budget")
            )
    if "execution_rates" in available:
        calls["analysis.execution_rates()"] = lambda: analysis.execution_rates(store)
    if "three_public" in available:
        calls["analysis.three_public()"] = lambda: analysis.three_public(store)
    if "reform_effects" in available:
        calls["analysis.reform_effects(n_boot=200)"] = lambda: analysis.reform_effects(store, n_boot=200)
    return calls


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, str]:
    try:
        result = call()  # warm-up: DuckDB caches, imports
        empty = not len(result if not hasattr(result, "frame") else result.frame)
        seconds = []
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            seconds.append(time.perf_counter() - started)
        return statistics.median(seconds), "ok, but it returned no rows" if empty else ""
    except Exception as exc:  # an API function still being written: say so, go on
        return float("nan"), f"{type(exc).__name__}: {str(exc).splitlines()[0][:80]}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "analytics-bench"))
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = Path(args.work) / f"facts-{args.facts}.duckdb"
    if args.rebuild or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        started = time.perf_counter()
        build(path, args.facts)
        print(f"built {path} in {time.perf_counter() - started:.1f} s")
    with open_store(path, read_only=True) as store:
        facts, documents = store.query(
            "SELECT (SELECT count(*) FROM facts), (SELECT count(*) FROM documents)"
        ).rows[0]
        print(f"{facts:,} facts, {documents:,} documents; median of {args.repeat} runs after a warm-up")
        for group, calls in (("SQL", sql_queries(store)), ("API", api_queries(store))):
            for name, call in calls.items():
                seconds, problem = timed(call, args.repeat)
                verdict = problem or ("ok" if seconds <= 1 else "OVER 1 s")
                print(f"{group}  {name:<55}{seconds:>8.3f} s  {verdict}", flush=True)


if __name__ == "__main__":
    main()
