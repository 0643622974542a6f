"""The DuckDB schema SQL users see: tables, analyst views, and the version constants.

Money is `DECIMAL(18,4)` in 万元 (exact, so parts sum to totals exactly); codes are `VARCHAR` so that
leading zeros survive. Every statement is idempotent: opening a database runs them all.
"""

from __future__ import annotations

from analytics.version import PARSER_VERSION

__all__ = ["PARSER_VERSION", "SCHEMA_VERSION", "ddl"]

SCHEMA_VERSION = 4
# 2: documents.region_code and documents.metadata_evidence
# 3: facts.region_code, original_value, quality, quality_checks; basis 'corrected'; the corrections and
#    regions tables
# 4: documents.level
"""Bumped whenever a table or column changes; a database built with another version must be rebuilt."""

# PARSER_VERSION (analytics/version.py) changes with the read/extract/validate code and reference
# data, so files loaded by older code are re-extracted on the next ingest.

MONEY = "DECIMAL(18,4)"

TABLES: dict[str, str] = {
    "schema_info": """
        CREATE TABLE IF NOT EXISTS schema_info (
            schema_version INTEGER NOT NULL,
            created_at TIMESTAMP NOT NULL
        )""",
    "documents": """
        CREATE TABLE IF NOT EXISTS documents (
            doc_id VARCHAR,
            source_path VARCHAR PRIMARY KEY,
            format VARCHAR,
            sha256 VARCHAR,
            title VARCHAR,
            department VARCHAR,
            department_printed VARCHAR,
            department_type VARCHAR,
            region VARCHAR,
            region_code VARCHAR,
            province VARCHAR,
            level VARCHAR CHECK (level IN ('central', 'province', 'prefecture', 'county')),
            year INTEGER,
            kind VARCHAR CHECK (kind IN ('budget', 'final')),
            metadata_evidence JSON,
            status VARCHAR NOT NULL CHECK (status IN ('ok', 'error')),
            error VARCHAR,
            parser_version VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL,
            encoding VARCHAR,
            notes VARCHAR[]
        )""",
    "facts": f"""
        CREATE TABLE IF NOT EXISTS facts (
            doc_id VARCHAR NOT NULL,
            source_path VARCHAR NOT NULL,
            department VARCHAR,
            department_type VARCHAR,
            region VARCHAR,
            province VARCHAR,
            year INTEGER NOT NULL,
            kind VARCHAR NOT NULL CHECK (kind IN ('budget', 'final')),
            metric VARCHAR NOT NULL,
            measure VARCHAR NOT NULL CHECK (measure IN ('amount', 'yoy_change', 'yoy_pct')),
            value {MONEY} NOT NULL,
            unit_found VARCHAR,
            basis VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'corrected')),
            reason VARCHAR,
            section VARCHAR,
            method VARCHAR NOT NULL CHECK (method IN ('narrative', 'table')),
            quote VARCHAR NOT NULL,
            region_code VARCHAR,
            original_value {MONEY},
            quality VARCHAR NOT NULL CHECK (quality IN ('ok', 'failed_check', 'corrected', 'derived')),
            quality_checks VARCHAR
        )""",
    "performance_goals": f"""
        CREATE TABLE IF NOT EXISTS performance_goals (
            doc_id VARCHAR NOT NULL,
            activity VARCHAR NOT NULL,
            parent_activity VARCHAR,
            budget {MONEY},
            description VARCHAR,
            goal VARCHAR,
            indicator VARCHAR,
            grade_excellent VARCHAR,
            grade_good VARCHAR,
            grade_fair VARCHAR,
            grade_poor VARCHAR
        )""",
    "budget_lines": f"""
        CREATE TABLE IF NOT EXISTS budget_lines (
            doc_id VARCHAR NOT NULL,
            year INTEGER NOT NULL,
            kind VARCHAR NOT NULL CHECK (kind IN ('budget', 'final')),
            classification VARCHAR NOT NULL CHECK (classification IN ('functional', 'economic')),
            code VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            total {MONEY},
            basic {MONEY},
            project {MONEY}
        )""",
    "checks": f"""
        CREATE TABLE IF NOT EXISTS checks (
            doc_id VARCHAR NOT NULL,
            "check" VARCHAR NOT NULL,
            severity VARCHAR NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
            metric VARCHAR,
            expected {MONEY},
            actual {MONEY},
            message VARCHAR NOT NULL,
            passed BOOLEAN NOT NULL,
            year INTEGER,
            quote VARCHAR,
            source_path VARCHAR NOT NULL
        )""",
    "tables_seen": """
        CREATE TABLE IF NOT EXISTS tables_seen (
            doc_id VARCHAR NOT NULL,
            ordinal INTEGER NOT NULL,
            page INTEGER,
            caption VARCHAR,
            standard_table VARCHAR,
            "rows" INTEGER NOT NULL,
            figures INTEGER NOT NULL
        )""",
    "corrections": f"""
        CREATE TABLE IF NOT EXISTS corrections (
            line INTEGER NOT NULL,
            doc_id VARCHAR,
            source_path VARCHAR,
            sha256 VARCHAR,
            metric VARCHAR,
            measure VARCHAR,
            year INTEGER,
            kind VARCHAR,
            value {MONEY},
            reason VARCHAR,
            author VARCHAR,
            created_at TIMESTAMP,
            status VARCHAR NOT NULL CHECK (status IN ('applied', 'document_changed', 'document_missing',
                                                      'no_figure', 'superseded', 'invalid')),
            applied BOOLEAN NOT NULL,
            facts INTEGER NOT NULL,
            original_values VARCHAR,
            message VARCHAR NOT NULL,
            file VARCHAR NOT NULL
        )""",
    "regions": """
        CREATE TABLE IF NOT EXISTS regions (
            code VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            level VARCHAR NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
            province VARCHAR NOT NULL,
            province_code VARCHAR NOT NULL,
            prefecture VARCHAR,
            prefecture_code VARCHAR,
            county VARCHAR,
            county_code VARCHAR
        )""",
    "metrics": """
        CREATE TABLE IF NOT EXISTS metrics (
            key VARCHAR PRIMARY KEY,
            name_zh VARCHAR NOT NULL,
            parent VARCHAR,
            unit VARCHAR NOT NULL,
            description VARCHAR
        )""",
}

# Where one department-year-kind has several figures for a metric (a budget document and the next
# year's document restating it, a narrative sentence and a table cell), the views take one: a hand
# correction first, then stated before derived, a figure no failed check names before one that a
# check names, the document's own year and kind before figures it quotes about other years, table
# cells before sentences, then the most recently ingested file. Facts without a department are left
# out: they cannot be placed in a department's series. The region's chain (prefecture, county) comes
# from the `regions` reference table by the document's division code.
PREFERRED_FACTS = """
    CREATE OR REPLACE VIEW preferred_facts AS
    SELECT f.department, f.department_type, f.region, f.province, f.year, f.kind,
           f.metric, f.measure, f.value, f.unit_found, f.basis, f.reason, f.method,
           f.doc_id, f.source_path, f.quote,
           f.region_code, r.prefecture, r.county, f.quality, f.quality_checks, f.original_value
    FROM facts AS f
    JOIN documents AS d ON d.source_path = f.source_path
    LEFT JOIN regions AS r ON r.code = f.region_code
    WHERE f.department IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY f.department, f.year, f.kind, f.metric, f.measure
        ORDER BY f.basis = 'corrected' DESC,
                 f.basis = 'stated' DESC,
                 f.quality = 'failed_check',
                 coalesce(d.year = f.year AND d.kind = f.kind, false) DESC,
                 f.method = 'table' DESC,
                 d.ingested_at DESC,
                 f.source_path, f.quote
    ) = 1"""

# The quality of a row of several figures: the worst of its figures' (a failed check before a hand
# correction before a derived figure), and the names of the failed checks that still flag one.
ROW_QUALITY = """
           CASE WHEN bool_or(quality = 'failed_check') THEN 'failed_check'
                WHEN bool_or(quality = 'corrected') THEN 'corrected'
                WHEN bool_or(quality = 'derived') THEN 'derived'
                ELSE 'ok' END AS quality,
           nullif(array_to_string(list_sort(list_distinct(flatten(
               list(string_split(quality_checks, ', ')) FILTER (WHERE quality = 'failed_check')
           ))), ', '), '') AS quality_checks"""

THREE_PUBLIC = f"""
    CREATE OR REPLACE VIEW three_public AS
    SELECT department,
           any_value(department_type) AS department_type,
           any_value(region) AS region,
           any_value(province) AS province,
           year, kind,
           max(value) FILTER (WHERE metric = 'three_public_total') AS three_public_total,
           max(value) FILTER (WHERE metric = 'overseas_travel') AS overseas_travel,
           max(value) FILTER (WHERE metric = 'vehicle_total') AS vehicle_total,
           max(value) FILTER (WHERE metric = 'vehicle_purchase') AS vehicle_purchase,
           max(value) FILTER (WHERE metric = 'vehicle_operation') AS vehicle_operation,
           max(value) FILTER (WHERE metric = 'reception') AS reception,
           any_value(region_code) AS region_code,{ROW_QUALITY}
    FROM preferred_facts
    WHERE measure = 'amount'
      AND metric IN ('three_public_total', 'overseas_travel', 'vehicle_total',
                     'vehicle_purchase', 'vehicle_operation', 'reception')
    GROUP BY department, year, kind"""

# The reason for a change belongs to the year of the change: it is taken from the change figures
# themselves (or a stated amount), never from a derived prior-year amount.
VEHICLE_COSTS = f"""
    CREATE OR REPLACE VIEW vehicle_costs AS
    WITH reasons AS (
        SELECT department, year, kind, reason
        FROM facts
        WHERE metric = 'vehicle_operation' AND reason IS NOT NULL AND department IS NOT NULL
          AND (measure IN ('yoy_change', 'yoy_pct') OR basis = 'stated')
        QUALIFY row_number() OVER (
            PARTITION BY department, year, kind
            ORDER BY basis = 'stated' DESC, measure = 'yoy_change' DESC, measure = 'yoy_pct' DESC,
                     source_path, quote
        ) = 1
    ), figures AS (
        SELECT department,
               any_value(department_type) AS department_type,
               any_value(region) AS region,
               any_value(province) AS province,
               year, kind,
               max(value) FILTER (WHERE metric = 'vehicle_operation' AND measure = 'amount')
                   AS vehicle_operation,
               max(value) FILTER (WHERE metric = 'vehicle_purchase' AND measure = 'amount')
                   AS vehicle_purchase,
               max(value) FILTER (WHERE metric = 'vehicles_count' AND measure = 'amount')
                   AS vehicles_count,
               max(value) FILTER (WHERE metric = 'vehicles_value' AND measure = 'amount')
                   AS vehicles_value,
               max(value) FILTER (WHERE metric = 'vehicle_operation' AND measure = 'yoy_change')
                   AS vehicle_operation_change,
               any_value(region_code) AS region_code,{ROW_QUALITY}
        FROM preferred_facts
        WHERE metric IN ('vehicle_operation', 'vehicle_purchase', 'vehicles_count', 'vehicles_value')
        GROUP BY department, year, kind
    )
    SELECT figures.department, figures.department_type, figures.region, figures.province,
           figures.year, figures.kind,
           vehicle_operation, vehicle_purchase, vehicles_count, vehicles_value,
           vehicle_operation_change,
           reasons.reason AS vehicle_operation_change_reason,
           figures.region_code, figures.quality, figures.quality_checks
    FROM figures
    LEFT JOIN reasons USING (department, year, kind)"""

FAILED_CHECKS = """
    CREATE OR REPLACE VIEW failed_checks AS
    SELECT c.doc_id, c.source_path, d.department, d.year, d.kind,
           c."check", c.severity, c.metric, c.year AS check_year,
           c.expected, c.actual, c.message, c.quote
    FROM checks AS c
    LEFT JOIN documents AS d ON d.source_path = c.source_path
    WHERE NOT c.passed
    UNION ALL
    SELECT doc_id, source_path, department, year, kind, "check", severity, metric, check_year,
           expected, actual, message, quote
    FROM prior_year_checks
    WHERE NOT passed"""

# Across documents: a stated change ('较上年减少5万元') implies the prior year's amount (a derived fact);
# when the prior year's own document is loaded, the two must agree. A view, so that it holds whatever
# order the documents arrive in. A mismatch is a warning, not an error: documents often compare with
# a figure adjusted after the prior year's disclosure was published.
PRIOR_YEAR_CHECKS = """
    CREATE OR REPLACE VIEW prior_year_checks AS
    SELECT f.doc_id, f.source_path, d.department, d.year, d.kind,
           'prior_year:' || f.metric AS "check",
           CASE WHEN s.value = f.value THEN 'info' ELSE 'warning' END AS severity,
           s.value = f.value AS passed,
           f.metric, f.year AS check_year,
           f.value AS expected, s.value AS actual,
           f.metric || ' ' || f.year || ' ' || f.kind || ': this document''s stated change implies '
               || f.value || '; the ' || f.year || ' document (' || s.source_path || ') states '
               || s.value AS message,
           s.quote AS quote,
           s.source_path AS prior_source_path
    FROM facts AS f
    JOIN documents AS d ON d.source_path = f.source_path
    JOIN documents AS pd ON pd.department = f.department AND pd.year = f.year AND pd.kind = f.kind
                        AND pd.status = 'ok' AND pd.source_path <> f.source_path
    JOIN facts AS s ON s.source_path = pd.source_path AND s.metric = f.metric AND s.year = f.year
                   AND s.kind = f.kind AND s.measure = 'amount' AND s.basis = 'stated'
    WHERE f.basis = 'derived' AND f.measure = 'amount'"""

VIEWS: dict[str, str] = {
    "preferred_facts": PREFERRED_FACTS,
    "three_public": THREE_PUBLIC,
    "vehicle_costs": VEHICLE_COSTS,
    "prior_year_checks": PRIOR_YEAR_CHECKS,
    "failed_checks": FAILED_CHECKS,
}


# Every ingest looks a file's bytes up by sha256 (is it loaded under another path?): keep that a point
# lookup rather than a scan when there are millions of documents.
INDEXES = ["CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256)"]


def ddl() -> list[str]:
    """Every statement that creates the schema: tables, indexes, then views; each is idempotent."""
    return [*TABLES.values(), *INDEXES, *VIEWS.values()]
