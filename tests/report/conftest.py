"""Databases the report tests share: the bundled samples, and one with planted <script> text.

Both are built once per session (ingesting the samples takes a few seconds) and only read after.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

import analytics
from analytics.load import open_store
from analytics.model import Check, Document, Extraction, Fact, Metadata, Paragraph
from analytics.report import ReportResult, build_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
EXAMPLE_CONFIG = ROOT / "data" / "reference" / "report.example.toml"
DAY = dt.date(2026, 11, 25)

PLANTED = "<script>alert(1)</script>"

# A hand-made disclosure whose reason for a change holds a script tag. (A title line holding one
# cannot come through ingest: the metadata extractor drops lines with '>' as web-page breadcrumbs;
# the planted title is written through the store instead, see `planted_db`.)
PLANTED_TEXT = f"""廊坊市科学技术协会
2017年部门预算公开情况说明

按照《预算法》规定，现将廊坊市科学技术协会2017年部门预算公开如下：
四、财政拨款“三公”经费预算情况及增减变化原因
2017年“三公”经费预算22万元，其中：因公出国（境）费0万元；公务用车购置及运行费20.64万元，其中公务用车运行费20.64万元，较2016年度减少5万元，主要原因是{PLANTED}车辆减少；公务接待费1.36万元。
"""


FAST_FORMATS = (".txt", ".html", ".docx", ".xlsx")
"""The sample formats read in milliseconds (.doc goes through LibreOffice, .pdf page by page)."""


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples in their fast formats (the seed and ~80 synthetic disclosures of 7 廊坊市
    departments, 2014-2023, budget and final) plus one broken file, ingested once (~2 s)."""
    folder = tmp_path_factory.mktemp("samples")
    broken = folder / "broken_2019_budget.docx"
    broken.write_bytes(b"this is not a zip archive")
    files = sorted(p for p in (SAMPLES / "synthetic").iterdir() if p.suffix in FAST_FORMATS)
    path = folder / "analytics.duckdb"
    report = analytics.ingest([SAMPLES / "langfang_kexie_2017_budget.txt", *files, broken], db=path)
    assert report.documents_failed == 1 and report.documents_loaded > 50, report.errors
    return path


@pytest.fixture(scope="session")
def samples_report(samples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> ReportResult:
    """The report of `samples_db`, dated DAY (read it, never write into it)."""
    return build_report(samples_db, tmp_path_factory.mktemp("reports"), today=DAY)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Only the real seed disclosure."""
    path = tmp_path_factory.mktemp("seed") / "analytics.duckdb"
    report = analytics.ingest([SAMPLES / "langfang_kexie_2017_budget.txt"], db=path)
    assert report.documents_loaded == 1
    return path


@pytest.fixture(scope="session")
def planted_db(
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """A hand-made document with `<script>alert(1)</script>` in a stated reason (ingested from text),
    and a second one whose title and printed department hold it (written through the store)."""
    folder = tmp_path_factory.mktemp("planted")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "planted_2017_budget.txt").write_text(PLANTED_TEXT, encoding="utf-8")
    path = folder / "analytics.duckdb"
    report = analytics.ingest([corpus], db=path)
    assert report.documents_loaded == 1, report.errors
    title = f"廊坊市科学技术协会2018年部门预算{PLANTED}"
    document = Document(
        source_path="/corpus/planted_title_2018_budget.txt",
        format="text",
        sha256=hashlib.sha256(b"planted title").hexdigest(),
        blocks=[Paragraph(title)],
        encoding="utf-8",
    )
    extraction = Extraction(
        metadata=Metadata(
            title=title,
            department="廊坊市科学技术协会",
            department_printed=f"市科协{PLANTED}",
            department_type="科协",
            region="廊坊市",
            province="河北省",
            year=2018,
            kind="budget",
        ),
        facts=[
            Fact(
                "three_public_total",
                "amount",
                Decimal("20"),
                2018,
                "budget",
                "万元",
                "stated",
                "三公",
                "narrative",
                f"2018年“三公”经费20万元{PLANTED}",
            ),
        ],
        checks=[
            Check(
                "sum:three_public_total",
                "error",
                False,
                f"does not add up {PLANTED}",
                metric="three_public_total",
                expected=Decimal("21"),
                actual=Decimal("20"),
                year=2018,
                quote=f"“三公”经费20万元{PLANTED}",
            ),
        ],
    )
    with open_store(path) as store:
        store.write_document(document, extraction)
    return path
