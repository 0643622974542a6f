"""Staff counts (编制人数 -> staff_authorised, 实有人数 -> staff_actual): each sentence or table in my
own words beside the counts it must give, and what must not be taken for one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analytics.extract.staff import staff_facts
from analytics.model import Document, Paragraph, Table


def counts(*blocks: str | Table, year: int = 2019) -> dict[str, int]:
    document = Document(
        "/corpus/x.txt", "text", "0" * 64, [Paragraph(b) if isinstance(b, str) else b for b in blocks]
    )
    facts = staff_facts(document, year, "budget")
    assert all(f.unit_found == "人" and f.measure == "amount" and f.basis == "stated" for f in facts)
    assert all(f.year == year and f.kind == "budget" and f.value == Decimal(int(f.value)) for f in facts)
    return {f.metric: int(f.value) for f in facts}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("本局核定人员编制23人，实有人数21人。", {"staff_authorised": 23, "staff_actual": 21}),
        # the total before 其中, not its parts
        ("全委总编制40名，其中行政编制30名，事业编制8名，工勤编制2名。在职人员总数36人，其中：行政人员28人，"
         "事业人员6人，工勤人员2人；离退休人员9人。", {"staff_authorised": 40, "staff_actual": 36}),
        ("现有人员编制88人，其中：参照公务员法管理事业编制50人，事业编制38人。另有控制编制6人。",
         {"staff_authorised": 88}),
        # 实有 counts the retired here: the staff in post are the 在职
        ("年末实有人数20人，其中：在职人员15人，离休人员1人，退休人员4人。", {"staff_actual": 15}),
        ("某大队总编制人数 12 人，在职实有人数 10 人，其中：行政编制 10 人；退休人员 7 人。",
         {"staff_authorised": 12, "staff_actual": 10}),
        ("全局现有在职人员120人，离退休人员40人。行政事业总编制为130个，其中行政编20个。",
         {"staff_authorised": 130, "staff_actual": 120}),
        ("实际在编在职人员64名，离退休人员30名。", {"staff_actual": 64}),
        ("学校核定人员编制50人，实际正式教职工47人，其中高级职称5人。", {"staff_authorised": 50, "staff_actual": 47}),
        # a PDF line broken inside 核定
        ("定编制 6 名。", {"staff_authorised": 6}),
        # one post type alone is the total; two in a list are parts of a total not stated
        ("中心内有事业编制18名。现实有在职在编人员12名，派遣人员3名。", {"staff_authorised": 18, "staff_actual": 12}),
        ("共有行政编制5个，参公事业编制3个。实有行政人员5人，参公事业人员2人。", {}),
    ],
)  # fmt: skip
def test_sentences(text: str, expected: dict[str, int]) -> None:
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "全年培训在职人员260人次。",  # attendances
        "与上年相比，在职人员增加3人。",  # a change
        "本届有人大代表240名，常委会组成人员31名。",  # representatives and members
        "按实有退休人员15人测算离退休经费。",  # retirees
        "离退休人员11人，其中退休人员11人。",
        "单位实有车辆编制4辆。",  # a vehicle quota
        "在编制2024年预算时，系统出现故障。",  # 编制 the verb, and a year
        "在职人员经费增加12.5万元。",  # money
    ],
)
def test_what_is_no_staff_count(text: str) -> None:
    assert counts(text) == {}


def test_a_staff_table_gives_its_total_column() -> None:
    assert counts(
        "一、机构及人员情况", "单位：人", "项 目 | 合 计 | 行政单位 | 事业单位",
        "编制数 | 30 | 25 | 5", "在职人数 | 27 | 23 | 4", "其中:在岗人数 | 27 | 23 | 4", "离退休人数 | 12 | 12 |",
    ) == {"staff_authorised": 30, "staff_actual": 27}  # fmt: skip


def test_a_table_by_year_gives_the_documents_year() -> None:
    table = Table((("项目", "2018年", "2019年"), ("编制数", "30", "32"), ("在职人数", "28", "29")))
    assert counts(table, year=2019) == {"staff_authorised": 32, "staff_actual": 29}
    assert counts(table, year=2020) == {}  # no column for the year: nothing is guessed


def test_a_vehicle_table_is_no_staff_table() -> None:
    assert counts(Table((("公务用车", "编制数", "实有数"), ("编制数", "5", "4")))) == {}


def test_one_count_per_metric_the_first_total_stated() -> None:
    assert counts(
        "本部门核定编制60名，实有人数55人。",
        "下属中心核定编制10名，实有人数9人。",
    ) == {"staff_authorised": 60, "staff_actual": 55}


def test_the_quote_is_the_sentence() -> None:
    document = Document("/corpus/x.txt", "text", "0" * 64, [Paragraph("机构概况。本局核定编制23名。其他。")])
    [fact] = staff_facts(document, 2019, "final")
    assert (fact.quote, fact.method, fact.kind) == ("本局核定编制23名。", "narrative", "final")


def test_a_label_cell_spaced_out_or_after_qizhong_is_still_read() -> None:
    # the quick look before a row is cleaned sees the raw cell: spaces and 其中 must not hide the label
    assert counts(Table((("项目", "人数"), ("其中: 在 职 人 数", "32")))) == {"staff_actual": 32}
    assert counts("| 项 目 | 人数 |", "| 编 制 数 | 34 |") == {"staff_authorised": 34}
