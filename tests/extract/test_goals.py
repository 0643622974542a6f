"""The seed's 部门职责-工作活动绩效目标 table: 14 activities, 22 indicator rows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from analytics.extract import extract
from analytics.extract.goals import goals_from_table
from analytics.model import Table
from analytics.read import read_document

SEED = Path(__file__).parents[2] / "data" / "samples" / "langfang_kexie_2017_budget.txt"

# activity, parent, budget (None: the cell is blank)
ACTIVITIES = [
    ("科学技术普及", None, "49.00"),
    ("开展科普活动", "科学技术普及", "19.00"),
    ("科普设施体系建设", "科学技术普及", "20.00"),
    ("科普能力建设", "科学技术普及", "10.00"),
    ("促进学术发展", None, "27.00"),
    ("促进学会能力提升", "促进学术发展", "10.00"),
    ("学术交流合作", "促进学术发展", "17.00"),
    ("服务技术创新", "促进学术发展", None),
    ("助力创新驱动发展", None, "22.00"),
    ("创新驱动发展示范县建设", "助力创新驱动发展", None),
    ("培育、扶持科技型中小企业", "助力创新驱动发展", "22.00"),
    ("政务管理", None, "95.30"),
    ("综合业务管理", "政务管理", None),
    ("综合事务管理", "政务管理", "95.30"),
]

# activity, indicator, 优, 良, 中, 差 — as printed, width-normalised (＜ -> <)
INDICATORS = [
    ("开展科普活动", "科技知识普及率", "高", "比较高", "中", "低"),
    ("开展科普活动", "科普活动和科技竞赛参与人次", "≥10", "≥8", "≥6", "<6"),
    ("开展科普活动", "科普活动和科技竞赛开展次数", "≥10", "≥7", "≥5%", "≤4"),
    ("科普设施体系建设", "科普公共服务平台用户满意度", "满意", "比较满意", "不太满意", "不满意"),
    ("科普设施体系建设", "科普公用服务平台体系服务人次", "≥50万", "≥30万", "≥20万", "<20万"),
    ("科普设施体系建设", "科普公共服务平台建设数量", "≥5", "≥3", "≥1", "0"),
    ("科普能力建设", "科普网络信息数据更新率", "≥96%", "≥90%", "≥85%", "<85%"),
    ("科普能力建设", "本市具备基本公民科学素质比例", "≥8%", "≥7%", "≥6%", "<6%"),
    ("科普能力建设", "创新性科普资源推广率", "高", "比较高", "中", "低"),
    ("科普能力建设", "培养科普组织和科普人才数", "≥1000", "≥800", "≥400", "<400"),
    ("促进学会能力提升", "学会学术成果增长率", "≥10", "≥8", "≥6", "<6"),
    ("学术交流合作", "创新性学术成果占学术交流总数量比例", "≥10%", "≥8%", "≥5%", "<5%"),
    ("学术交流合作", "举办学术交流活动次数", "≥2", "≥1", "0", "0"),
    ("服务技术创新", "服务企业满意度", "满意", "比较满意", "不太满意", "不满意"),
    ("服务技术创新", "服务企业技术创新次数", "≥30", "≥25", "≥20", "<20"),
    ("创新驱动发展示范县建设", "示范县建设完成率", "30%", "25%", "10%", "0"),
    ("创新驱动发展示范县建设", "帮助创新驱动示范县引导发展科技含量高的项目数量", "≥4", "≥3", "≥2", "<2"),
    ("培育、扶持科技型中小企业", "帮扶中小企业满意度", "满意", "比较满意", "不太满意", "不满意"),
    ("培育、扶持科技型中小企业", "帮扶科技型中小企业的数量", "≥30", "≥20", "≥15", "<15"),
    ("综合业务管理", "各项综合业务管理工作完成率", "100%", "≥95%", "≥90%", "<90%"),
    ("综合事务管理", "各项综合事务工作完成率", "100%", "≥95%", "≥90%", "<90%"),
    ("综合事务管理", "各项综合事务工作完成率", "100%", "≥95%", "≥90%", "<90%"),  # printed twice
]


def test_seed_goals() -> None:
    extraction = extract(read_document(SEED))
    goals = extraction.goals
    activities = list(dict.fromkeys((g.activity, g.parent_activity, g.budget) for g in goals))
    assert activities == [(a, p, Decimal(b) if b else None) for a, p, b in ACTIVITIES]
    indicators = [
        (g.activity, g.indicator, g.grade_excellent, g.grade_good, g.grade_fair, g.grade_poor)
        for g in goals
        if g.indicator
    ]
    assert indicators == INDICATORS
    # The four top-level activities have no indicator of their own: one row each.
    assert [g.activity for g in goals if g.indicator is None] == [
        "科学技术普及",
        "促进学术发展",
        "助力创新驱动发展",
        "政务管理",
    ]
    duplicate = [n for n in extraction.checks if n.check == "duplicate_row:performance_goals"]
    assert (
        len(duplicate) == 1
        and duplicate[0].severity == "warning"
        and "各项综合事务工作完成率" in duplicate[0].message
    )


def test_flat_table_without_indentation_and_grades_header() -> None:
    table = Table(
        rows=(
            ("项目名称", "预算数", "绩效目标", "绩效指标", "优", "良", "中", "差"),
            ("办公设备更新", "12.5", "保障运转", "设备完好率", "≥98%", "≥95%", "≥90%", "<90%"),
            ("", "", "", "采购及时率", "100%", "≥95%", "≥90%", "<90%"),
            ("宣传经费", "", "扩大影响", "报道篇数", "≥20", "≥15", "≥10", "<10"),
        )
    )
    goals, notes = goals_from_table(table)
    assert [(g.activity, g.parent_activity, g.budget, g.indicator) for g in goals] == [
        ("办公设备更新", None, Decimal("12.5"), "设备完好率"),
        ("办公设备更新", None, Decimal("12.5"), "采购及时率"),
        ("宣传经费", None, None, "报道篇数"),
    ]
    assert notes == []


def test_hierarchy_lost_by_a_pdf_is_mended_from_the_budgets() -> None:
    # '临时救助' lost its indentation; 424 + 284 = 708 says both belong to '社会救助'.
    table = Table(
        rows=(
            ("职责活动", "年度预算数", "绩效目标", "绩效指标", "指标值"),
            ("社会救助", "708.00", "应保尽保", "", ""),
            ("临时救助", "424.00", "救助及时", "救助时限", "≤7天"),
            ("  困难群众保障", "284.00", "按时调整", "调整及时率", "100%"),
            ("养老服务体系建设", "551.00", "供给增加", "床位数", "≥500"),
        )
    )
    goals, _ = goals_from_table(table)
    assert list(dict.fromkeys((g.activity, g.parent_activity) for g in goals)) == [
        ("社会救助", None),
        ("临时救助", "社会救助"),
        ("困难群众保障", "社会救助"),
        ("养老服务体系建设", None),
    ]


def test_flat_activities_that_exceed_project_spending_are_regrouped() -> None:
    # No indentation left at all; 项目支出 (1217.63) says 292 + 195 belong to 预算管理 (487).
    from analytics.extract.goals import repaired

    table = Table(
        rows=(
            ("职责活动", "年度预算数", "绩效目标", "绩效指标", "指标值"),
            ("预算管理", "487.00", "", "", ""),
            ("预算编审", "292.00", "按时编审", "编审及时率", "100%"),
            ("绩效管理", "195.00", "全面覆盖", "覆盖率", "≥90%"),
            ("财政信息化建设", "365.00", "系统稳定", "可用率", "≥99%"),
            ("财政委托业务", "365.63", "按期完成", "完成率", "100%"),
        )
    )
    goals, _ = goals_from_table(table)
    assert {g.parent_activity for g in goals} == {None}  # nothing in the table itself says otherwise
    parents = {g.activity: g.parent_activity for g in repaired(goals, Decimal("1217.63"))}
    assert parents == {"预算管理": None, "预算编审": "预算管理", "绩效管理": "预算管理",
                       "财政信息化建设": None, "财政委托业务": None}  # fmt: skip
    assert repaired(goals, Decimal("1704.63")) == goals  # already adds up: left alone
