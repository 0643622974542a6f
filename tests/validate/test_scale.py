"""Scale checks: an amount 10,000 times out of line with the rest of its document is a unit misread,
a failed check, and never a stated figure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import analytics
from analytics.model import Extraction, Fact, Metadata
from analytics.validate import validate
from analytics.validate.scale import scale_checks


def fact(
    metric: str, value: str, *, table: int | None = None, unit: str | None = "万元", quote: str = ""
) -> Fact:
    return Fact(
        metric=metric, measure="amount", value=Decimal(value), year=2020, kind="budget", unit_found=unit,
        basis="stated", section=None, method="table" if table else "narrative", quote=quote or metric,
        table=table,
    )  # fmt: skip


def test_a_table_in_yuan_read_as_wan_yuan_is_set_aside() -> None:
    # The text says 基本支出 1,276.42万元; a table without a unit line prints the same in 元.
    facts = [
        fact("expenditure_total", "2345.60", quote="本年支出合计2345.60万元"),
        fact("expenditure_basic", "1276.42", quote="基本支出1276.42万元"),
        fact("expenditure_basic", "12764200", table=3, unit=None, quote="基本支出 | 12764200"),
        fact("expenditure_project", "10692000", table=3, unit=None, quote="项目支出 | 10692000"),
    ]
    checks, dropped = scale_checks(facts)
    assert dropped == {2, 3}
    assert [(c.check, c.severity, c.passed, c.actual, c.expected) for c in checks] == [
        ("scale:expenditure_basic", "error", False, Decimal("12764200"), Decimal("1276.42")),
        ("scale:expenditure_project", "error", False, Decimal("10692000"), Decimal("1069.2")),
    ]
    assert "table 3" in checks[0].message and "10,000 times" in checks[0].message


def test_a_caption_that_says_yuan_over_figures_in_wan_yuan() -> None:
    # 单位:元 was printed over a "三公" table in 万元: divided by 10,000 they are a 10,000th of the text's.
    facts = [
        fact("three_public_total", "22", quote="“三公”经费预算22万元"),
        fact("three_public_total", "0.0022", table=2, unit="元"),
        fact("reception", "0.000136", table=2, unit="元"),
    ]
    checks, dropped = scale_checks(facts)
    assert dropped == {1, 2}
    assert checks[0].expected == Decimal("22") and "1/10,000" in checks[0].message


def test_a_part_larger_than_the_documents_total_by_thousands() -> None:
    facts = [
        fact("income_grand_total", "1260.50", table=1),
        fact("expenditure_total", "1250.50", table=1),
        fact("three_public_total", "355000", table=2, unit=None),
        fact("reception", "50000", table=2, unit=None),
    ]
    _, dropped = scale_checks(facts)
    assert dropped == {2, 3}


def test_figures_in_line_stay_and_an_unconfirmed_unit_is_a_warning() -> None:
    consistent = [
        fact("expenditure_total", "2345.60", table=1),
        fact("expenditure_basic", "1276.42", table=1),
        fact("expenditure_basic", "1276.42", table=3, unit=None),  # no unit, but agrees: 万元
        fact("three_public_total", "22", quote="“三公”经费22万元"),
    ]
    assert scale_checks(consistent) == ([], set())
    alone = [fact("three_public_total", "22", table=1, unit=None), fact("reception", "2", table=1, unit=None)]
    checks, dropped = scale_checks(alone)
    assert dropped == set()
    assert [(c.check, c.severity, c.passed) for c in checks] == [("unit:assumed", "warning", False)]


def test_validate_sets_the_figures_aside() -> None:
    extraction = Extraction(
        metadata=Metadata(year=2020, kind="budget"),
        facts=[
            fact("expenditure_basic", "1276.42"),
            fact("expenditure_basic", "12764200", table=3, unit=None),
        ],
    )
    checks = validate(extraction)
    assert [f.value for f in extraction.facts] == [Decimal("1276.42")]
    assert any(c.check == "scale:expenditure_basic" and not c.passed for c in checks)


def test_an_ingested_table_in_yuan_without_its_unit_never_becomes_a_fact(tmp_path: Path) -> None:
    source = tmp_path / "示例县审计局2020年部门预算.txt"
    source.write_text(
        "示例县审计局2020年部门预算公开\n"
        "2020年本部门“三公”经费预算35.5万元,其中公务接待费5万元。\n"
        "一般公共预算“三公”经费支出表\n"
        "| 项目 | 预算数 |\n| 合计 | 355000 |\n| 公务接待费 | 50000 |\n",
        encoding="utf-8",
    )
    db = tmp_path / "a.duckdb"
    analytics.ingest([source], db=db)
    with analytics.open_store(db, read_only=True) as store:
        values = store.query("select metric, value from facts where metric = 'three_public_total'").rows
        failed = store.query("""select check_name, actual from checks where check_name like 'scale:%'""").rows
    assert values == [("three_public_total", Decimal("35.5000"))]
    assert ("scale:three_public_total", Decimal("355000.0000")) in failed
