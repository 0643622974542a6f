"""How one document looks: title wording, headings, table shapes, number printing, variants.

A department keeps a house style that changes in 2019 (a new template), and each document draws
the rest from its own seeded generator, so layouts vary between departments and years but the
same seed always gives the same choices. A few variants are assigned by the plan, not drawn:
full-width digits, traditional characters, tables in 元.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from analytics.model import Kind
from cn_budget_samples.departments import Department

THREE_PUBLIC_BUDGET_SHAPES = ("column", "funds", "two_row")
THREE_PUBLIC_FINAL_SHAPES = ("pair_rows", "pair_two_row", "column", "funds")
FUNCTIONAL_SHAPES = ("flat", "tree", "split")


@dataclass(frozen=True)
class Style:
    """The look of one document."""

    title_form: int  # which title wording (0-2)
    heading_form: int  # which set of section headings (0-1)
    numbering: str  # sub-item numbering: '1、' or '（一）'
    integers: bool  # print whole amounts in prose as integers ('22万元')
    tables_inline: bool  # tables inside their sections (else in an appendix after 名词解释)
    three_public_shape: str
    functional_shape: str
    summary_pair: bool  # final 收支决算总表 with 年初预算数 beside 决算数
    economic_table: bool
    goals_graded: bool  # the goals table with 评价标准 优/良/中/差 (the seed's shape)
    zero_blank: bool  # print zero table cells as blanks
    change_form: int  # rotates through the change phrasings
    seedlike: bool  # the 科协 house style of the seed document
    table_label: int  # 表一 / 公开01表 / 附表1
    yuan_tables: frozenset[str] = frozenset()  # table ids printed in 元
    full_width: bool = False
    traditional: bool = False


def draw_style(department: Department, year: int, kind: Kind, seed: int) -> Style:
    """The style of one document (variants not set: see `plan.py`)."""
    house = random.Random(f"{seed}:{department.key}:house:{year >= 2019}")
    doc = random.Random(f"{seed}:{department.key}:{year}:{kind}:style")
    seedlike = department.template.type_key == "kexie" and year <= 2019
    shapes = THREE_PUBLIC_BUDGET_SHAPES if kind == "budget" else THREE_PUBLIC_FINAL_SHAPES
    return Style(
        title_form=0 if seedlike else house.randrange(3),
        heading_form=0 if seedlike else house.randrange(2),
        numbering="1、" if seedlike else house.choice(("1、", "（一）")),
        integers=seedlike or doc.randrange(4) == 0,
        tables_inline=house.randrange(2) == 0,
        three_public_shape=doc.choice(shapes),
        functional_shape=house.choice(FUNCTIONAL_SHAPES),
        summary_pair=doc.randrange(2) == 0,
        economic_table=year >= 2016 and doc.randrange(3) > 0,
        goals_graded=seedlike or house.randrange(2) == 0,
        zero_blank=doc.randrange(4) == 0,
        change_form=doc.randrange(3),
        seedlike=seedlike,
        table_label=house.randrange(3),
    )
