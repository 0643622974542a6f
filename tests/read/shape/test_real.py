"""The shape pass on the real training excerpts (../shared/real, read where they lie; skipped if absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.model import Document, Paragraph
from analytics.read import read_document
from analytics.read.shape.marks import is_page_mark

EXCERPTS = Path(__file__).resolve().parents[3].parent / "shared" / "real" / "excerpts"
pytestmark = pytest.mark.skipif(not EXCERPTS.is_dir(), reason="the real training set is not beside the repo")

# Excerpts whose tables were flattened by the export (one cell per line, pipes, space-aligned
# columns, run together on one line); each must give at least one table.
FLATTENED = [
    "006",
    "008",
    "009",
    "016",
    "017",
    "018",
    "033",
    "034",
    "035",
    "037",
    "041",
    "042",
    "045",
    "046",
    "050",
    "053",
]


def _read(name: str) -> Document:
    return read_document(EXCERPTS / f"{name}.txt")


@pytest.mark.parametrize("name", FLATTENED)
def test_flattened_tables_are_tables_again(name: str) -> None:
    assert _read(name).tables


def test_no_page_mark_or_bare_pipe_line_is_left() -> None:
    for path in sorted(EXCERPTS.glob("*.txt")):
        for text in read_document(path).paragraphs:
            assert not is_page_mark(text), (path.name, text)
            assert text.replace("|", "").strip(), (path.name, text)


def test_wrapped_lines_of_a_converted_pdf_page_are_sentences_again() -> None:
    # a mid-document page: every paragraph ends a sentence or is a heading/item, but the cut-off last one
    paragraphs = _read("005").paragraphs
    assert not any(is_page_mark(p) for p in paragraphs)
    assert all(p.endswith(("。", ":")) for p in paragraphs[:-1])


def test_spaces_inside_phrases_are_gone() -> None:
    text = "\n".join(p for p in _read("036").paragraphs)
    assert " 元" not in text and " %" not in text and "预算 " not in text
    assert any(
        isinstance(b, Paragraph) and b.text.startswith("(二)按支出结构分类划分") for b in _read("036").blocks
    )
