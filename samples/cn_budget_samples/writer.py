"""Appends blocks to a `Disclosure` and keeps its truth in step with what is appended."""

from __future__ import annotations

from dataclasses import dataclass

from cn_budget_samples.document import Disclosure, Heading, Para
from cn_budget_samples.phrasing import Sentence
from cn_budget_samples.style import Style
from cn_budget_samples.table_builder import TableBuilder

_CHINESE_NUMBERS = "一二三四五六七八九十"


@dataclass
class Writer:
    """The composer's pen: headings, paragraphs of sentences, tables."""

    doc: Disclosure
    style: Style

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.blocks.append(Heading(text, level))

    def para(self, *parts: Sentence | str) -> str:
        """A paragraph of sentences (recorded) and plain strings (no figures); returns its text."""
        texts: list[str] = []
        for part in parts:
            if isinstance(part, str):
                texts.append(part)
            else:
                text, facts = part.done()
                texts.append(text)
                self.doc.facts.extend(facts)
        paragraph = "".join(texts)
        self.doc.blocks.append(Para(paragraph))
        return paragraph

    def table(self, builder: TableBuilder, note: str | None = None) -> None:
        self.doc.blocks.append(builder.block(note))
        self.doc.facts.extend(builder.facts)
        for line in builder.lines:
            self.doc.lines.append(line)

    def sentence(self) -> Sentence:
        """A new sentence in this document's year, kind and number style."""
        return Sentence(self.doc.year, self.doc.kind, integers=self.style.integers)

    def sub(self, index: int) -> str:
        """Sub-item number `index` (1-based) in the document's numbering style."""
        if self.style.numbering == "1、":
            return f"{index}、"
        return f"（{_CHINESE_NUMBERS[index - 1]}）"
