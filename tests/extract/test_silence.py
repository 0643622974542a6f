"""A document that yields no figure says so: a failed `no_figures` check naming what was recognised."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.extract import extract
from analytics.model import Document, Paragraph, Table
from analytics.read import read_document


def _document(*texts: str, tables: tuple[Table, ...] = ()) -> Document:
    return Document("县文化馆2019年部门预算.txt", "text", "0" * 64, [*map(Paragraph, texts), *tables])


def _silent(document: Document) -> list[str]:
    return [n.message for n in extract(document).checks if n.check == "no_figures"]


def test_a_document_with_figures_has_no_such_check() -> None:
    assert _silent(_document("县文化馆2019年部门预算", "2019年“三公”经费预算5万元。")) == []


def test_duties_only_say_that_no_metric_is_named() -> None:
    [message] = _silent(_document("县文化馆2019年部门预算", "一、主要职责", "负责全县群众文化活动。"))
    assert message.startswith("县文化馆2019年部门预算.txt: no figure found. Recognised: ")
    assert "year 2019" in message and "kind budget" in message
    assert "no paragraph names a metric" in message


def test_labels_without_amounts_say_so() -> None:
    [message] = _silent(_document("县文化馆2019年部门预算", "“三公”经费预算情况详见附表。"))
    assert "1 paragraph name a metric but state no amount" in message


def test_an_unknown_year_is_named_as_the_reason() -> None:
    document = Document("说明.txt", "text", "0" * 64, [Paragraph("“三公”经费预算5万元。")])
    [message] = _silent(document)
    assert "not recognised: department, region, year" in message
    assert "without the fiscal year no figure is read" in message


def test_an_empty_reading_says_the_reader_found_no_text() -> None:
    [message] = _silent(Document("扫描件.pdf", "pdf", "0" * 64, []))
    assert "found no text at all" in message


REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real"


@pytest.mark.skipif(not REAL.is_dir(), reason="the training corpus ../shared/real is not here")
@pytest.mark.parametrize("folder", ["excerpts", "pdf"])
def test_every_real_document_gives_figures_or_says_it_gave_none(folder: str) -> None:
    for path in sorted((REAL / folder).iterdir()):
        result = extract(read_document(path))
        silent = [n for n in result.checks if n.check == "no_figures"]
        assert bool(result.facts or result.budget_lines or result.goals) != bool(silent), path.name
