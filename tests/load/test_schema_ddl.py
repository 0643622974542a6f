"""The schema SQL users see: every table's columns and types, as README.md documents them."""

from __future__ import annotations

import re
from pathlib import Path

from analytics.load import Store
from analytics.reference import metrics

README = Path(__file__).resolve().parents[2] / "README.md"

MONEY = "DECIMAL(18,4)"
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "VARCHAR"), ("source_path", "VARCHAR"), ("format", "VARCHAR"), ("sha256", "VARCHAR"),
        ("title", "VARCHAR"), ("department", "VARCHAR"), ("department_printed", "VARCHAR"),
        ("department_type", "VARCHAR"), ("region", "VARCHAR"), ("region_code", "VARCHAR"),
        ("province", "VARCHAR"), ("level", "VARCHAR"), ("year", "INTEGER"), ("kind", "VARCHAR"),
        ("metadata_evidence", "JSON"),
        ("status", "VARCHAR"), ("error", "VARCHAR"), ("parser_version", "VARCHAR"),
        ("ingested_at", "TIMESTAMP"), ("encoding", "VARCHAR"), ("notes", "VARCHAR[]"),
    ],
    "facts": [
        ("doc_id", "VARCHAR"), ("source_path", "VARCHAR"), ("department", "VARCHAR"),
        ("department_type", "VARCHAR"), ("region", "VARCHAR"), ("province", "VARCHAR"), ("year", "INTEGER"),
        ("kind", "VARCHAR"), ("metric", "VARCHAR"), ("measure", "VARCHAR"), ("value", MONEY),
        ("unit_found", "VARCHAR"), ("basis", "VARCHAR"), ("reason", "VARCHAR"), ("section", "VARCHAR"),
        ("method", "VARCHAR"), ("quote", "VARCHAR"), ("region_code", "VARCHAR"), ("original_value", MONEY),
        ("quality", "VARCHAR"), ("quality_checks", "VARCHAR"),
    ],
    "performance_goals": [
        ("doc_id", "VARCHAR"), ("activity", "VARCHAR"), ("parent_activity", "VARCHAR"), ("budget", MONEY),
        ("description", "VARCHAR"), ("goal", "VARCHAR"), ("indicator", "VARCHAR"),
        ("grade_excellent", "VARCHAR"), ("grade_good", "VARCHAR"), ("grade_fair", "VARCHAR"),
        ("grade_poor", "VARCHAR"),
    ],
    "budget_lines": [
        ("doc_id", "VARCHAR"), ("year", "INTEGER"), ("kind", "VARCHAR"), ("classification", "VARCHAR"),
        ("code", "VARCHAR"), ("name", "VARCHAR"), ("total", MONEY), ("basic", MONEY), ("project", MONEY),
    ],
    "checks": [
        ("doc_id", "VARCHAR"), ("check", "VARCHAR"), ("severity", "VARCHAR"), ("metric", "VARCHAR"),
        ("expected", MONEY), ("actual", MONEY), ("message", "VARCHAR"), ("passed", "BOOLEAN"),
        ("year", "INTEGER"), ("quote", "VARCHAR"), ("source_path", "VARCHAR"),
    ],
    "tables_seen": [
        ("doc_id", "VARCHAR"), ("ordinal", "INTEGER"), ("page", "INTEGER"), ("caption", "VARCHAR"),
        ("standard_table", "VARCHAR"), ("rows", "INTEGER"), ("figures", "INTEGER"),
    ],
    "corrections": [
        ("line", "INTEGER"), ("doc_id", "VARCHAR"), ("source_path", "VARCHAR"), ("sha256", "VARCHAR"),
        ("metric", "VARCHAR"), ("measure", "VARCHAR"), ("year", "INTEGER"), ("kind", "VARCHAR"),
        ("value", MONEY), ("reason", "VARCHAR"), ("author", "VARCHAR"), ("created_at", "TIMESTAMP"),
        ("status", "VARCHAR"), ("applied", "BOOLEAN"), ("facts", "INTEGER"), ("original_values", "VARCHAR"),
        ("message", "VARCHAR"), ("file", "VARCHAR"),
    ],
    "regions": [
        ("code", "VARCHAR"), ("name", "VARCHAR"), ("level", "VARCHAR"), ("province", "VARCHAR"),
        ("province_code", "VARCHAR"), ("prefecture", "VARCHAR"), ("prefecture_code", "VARCHAR"),
        ("county", "VARCHAR"), ("county_code", "VARCHAR"),
    ],
    "metrics": [
        ("key", "VARCHAR"), ("name_zh", "VARCHAR"), ("parent", "VARCHAR"), ("unit", "VARCHAR"),
        ("description", "VARCHAR"),
    ],
    "schema_info": [("schema_version", "INTEGER"), ("created_at", "TIMESTAMP")],
}  # fmt: skip

VIEWS = {
    "three_public": [
        "department", "department_type", "region", "province", "year", "kind", "three_public_total",
        "overseas_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception",
        "region_code", "quality", "quality_checks",
    ],
    "vehicle_costs": [
        "department", "department_type", "region", "province", "year", "kind", "vehicle_operation",
        "vehicle_purchase", "vehicles_count", "vehicles_value", "vehicle_operation_change",
        "vehicle_operation_change_reason", "region_code", "quality", "quality_checks",
    ],
    "failed_checks": [
        "doc_id", "source_path", "department", "year", "kind", "check", "severity", "metric", "check_year",
        "expected", "actual", "message", "quote",
    ],
    "preferred_facts": [
        "department", "department_type", "region", "province", "year", "kind", "metric", "measure", "value",
        "unit_found", "basis", "reason", "method", "doc_id", "source_path", "quote", "region_code",
        "prefecture", "county", "quality", "quality_checks", "original_value",
    ],
}  # fmt: skip


def columns(store: Store, table: str) -> list[tuple[str, str]]:
    result = store.query(
        "select column_name, data_type from information_schema.columns where table_name = $1 "
        "order by ordinal_position",
        [table],
    )
    return [(str(name), str(kind)) for name, kind in result.rows]


def test_tables_have_exactly_the_documented_columns(fresh_db: Store) -> None:
    tables = fresh_db.query(
        "select table_name from information_schema.tables where table_type = 'BASE TABLE'"
    )
    assert sorted(str(t) for (t,) in tables.rows) == sorted(EXPECTED)
    for table, expected in EXPECTED.items():
        assert columns(fresh_db, table) == expected, table


def test_views_have_the_documented_columns(fresh_db: Store) -> None:
    for view, expected in VIEWS.items():
        assert [name for name, _ in columns(fresh_db, view)] == expected, view


def test_metrics_carry_the_vocabulary_with_chinese_names(fresh_db: Store) -> None:
    result = fresh_db.query("select key, name_zh, parent, unit from metrics")
    assert len(result.rows) == len(metrics())
    assert (
        "vehicle_operation",
        metrics()["vehicle_operation"].name_zh,
        "vehicle_total",
        "money",
    ) in result.rows


def test_readme_documents_every_column() -> None:
    """The schema reference in README.md names every table, view and column."""
    readme = README.read_text(encoding="utf-8")
    for name, cols in [*EXPECTED.items(), *((v, [(c, "") for c in cs]) for v, cs in VIEWS.items())]:
        section = re.search(rf"^### `{name}`.*?(?=^### |\Z)", readme, re.MULTILINE | re.DOTALL)
        assert section, f"README.md has no '### `{name}`' section"
        for column, sql_type in cols:
            assert f"`{column}`" in section.group(0), f"{name}.{column} is not in README.md"
            if sql_type:
                assert sql_type in section.group(0), f"{name}.{column} type {sql_type} is not in README.md"
