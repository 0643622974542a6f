"""Fixtures most tests share: a database path, an open store, hand-built stage objects, the seed.

Store and pipeline tests build their `Document`/`Extraction` by hand (`make_document`,
`make_extraction`) so that they do not depend on what the read and extract stages make of a file.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from analytics.load import Store, open_store
from analytics.model import (
    BudgetLine,
    Check,
    Document,
    Extraction,
    Fact,
    Metadata,
    Paragraph,
    PerformanceGoal,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "langfang_kexie_2017_budget.txt"

DocumentFactory = Callable[..., Document]
ExtractionFactory = Callable[..., Extraction]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database goes (not created yet)."""
    return tmp_path / "db" / "analytics.duckdb"


@pytest.fixture
def fresh_db(db_path: Path) -> Iterator[Store]:
    """A new, writable store with the schema created; closed after the test."""
    with open_store(db_path) as store:
        yield store


@pytest.fixture
def sample_path() -> Path:
    """The seed disclosure: Langfang science association, 2017 budget, exported to text."""
    return SAMPLE


def build_document(path: str = "/corpus/langfang_kexie_2017_budget.txt", content: bytes = b"v1") -> Document:
    """A Document whose sha256 is that of `content`, as a reader would give it."""
    return Document(
        source_path=path,
        format="text",
        sha256=hashlib.sha256(content).hexdigest(),
        blocks=[Paragraph("廊坊市科学技术协会2017年部门预算公开情况说明")],
        encoding="utf-8",
        notes=["dropped 1 Word bookmark marker(s)"],
    )


def build_extraction(
    *,
    vehicle_operation: Decimal = Decimal("20.64"),
    department: str | None = "廊坊市科学技术协会",
    checks: list[Check] | None = None,
) -> Extraction:
    """An extraction like the seed's 三公 section: a stated amount, a stated change with its reason, the
    derived prior-year amount, one goal, one classification line and one extractor note."""
    section = "四、财政拨款“三公”经费预算情况及增减变化原因"
    return Extraction(
        metadata=Metadata(
            title="廊坊市科学技术协会2017年部门预算公开情况说明",
            department=department,
            department_printed="市科协",
            department_type="科协",
            region="廊坊市",
            province="河北省",
            region_code="131000",
            level="prefecture",
            year=2017,
            kind="budget",
        ),
        facts=[
            Fact(
                "vehicle_operation",
                "amount",
                vehicle_operation,
                2017,
                "budget",
                "万元",
                "stated",
                section,
                "narrative",
                f"公务用车运行费{vehicle_operation}万元",
            ),
            Fact(
                "vehicle_operation",
                "yoy_change",
                Decimal("-5"),
                2017,
                "budget",
                "万元",
                "stated",
                section,
                "narrative",
                "公车运行经费较2016年度减少5万元,主要原因是公车改革车辆减少",
                reason="公车改革车辆减少",
            ),
            Fact(
                "vehicle_operation",
                "amount",
                vehicle_operation + 5,
                2016,
                "budget",
                None,
                "derived",
                section,
                "narrative",
                "公车运行经费较2016年度减少5万元 …",
            ),
        ],
        goals=[
            PerformanceGoal(
                "开展科普活动",
                "科学技术普及",
                Decimal("19"),
                "开展科普日活动",
                "普及科普知识",
                "科技知识普及率",
                "高",
                "比较高",
                "中",
                "低",
            ),
        ],
        budget_lines=[
            BudgetLine(
                2017, "budget", "functional", "2060702", "科普活动", Decimal("19.00"), None, Decimal("19.00")
            ),
        ],
        checks=[Check("duplicate_row:performance_goals", "warning", False, "indicator printed twice")]
        if checks is None
        else checks,
    )


def build_checks() -> list[Check]:
    """What validate would return for `build_extraction()`: its note, one failed and one passed sum."""
    return [
        *build_extraction().checks,
        Check(
            "sum:vehicle_total",
            "error",
            False,
            "vehicle_total 2017: 0 + 20.64 = 20.64, stated 20.65",
            metric="vehicle_total",
            expected=Decimal("20.65"),
            actual=Decimal("20.64"),
            year=2017,
            quote="公务用车购置及运维费20.65万元",
        ),
        Check(
            "sum:three_public_total",
            "info",
            True,
            "adds up",
            metric="three_public_total",
            expected=Decimal("22"),
            actual=Decimal("22"),
            year=2017,
        ),
    ]


@pytest.fixture
def make_document() -> DocumentFactory:
    return build_document


@pytest.fixture
def make_extraction() -> ExtractionFactory:
    return build_extraction


@pytest.fixture
def checks() -> list[Check]:
    return build_checks()


HOLDER = """
import sys, duckdb
connection = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
print("ready", flush=True)
sys.stdin.read()  # hold the file until the test closes our stdin
"""


@pytest.fixture
def hold_database() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start another process that keeps a DuckDB file open (writable unless read_only=True) until the
    test ends; returns the process, whose pid DuckDB names in its lock error."""
    holders: list[subprocess.Popen[str]] = []

    def hold(path: Path, *, read_only: bool = False) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path), "ro" if read_only else "rw"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        holders.append(process)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        return process

    yield hold
    for process in holders:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
