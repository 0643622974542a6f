"""The standard disclosure tables, each built from `Figures` with its truth recorded row by row.

Rows are built by `TableBuilder` (table_builder.py), which records the facts a row states with the
row as its quote. Which cells are truth facts:

- 部门收支总表 / 收入支出决算总表: every cell whose row label is a metric (上年结转, 收入总计,
  年末结转和结余 / 结转下年, …);
- "三公"经费表: every figure; in the 合计/一般公共预算/政府性基金 shape only the 合计 column
  (the other columns split it by source);
- 基本支出表 (economic): the 合计 row gives expenditure_basic/personnel/public_operating;
- functional and economic classification rows (with a 科目编码) go to truth_budget_lines, not facts;
- 固定资产占用表: 资产总额, 车辆 count and value, 其他固定资产, for the stock's year-end.
"""

from __future__ import annotations

from decimal import Decimal

from analytics.model import Kind
from analytics.reference import family
from cn_budget_samples.codes import economic_name, functional_name, parents
from cn_budget_samples.document import TruthGoal, TruthLine
from cn_budget_samples.figures import Activity, Assets, EconomicLine, Figures, Line
from cn_budget_samples.money import ZERO
from cn_budget_samples.plants import Plant, place_delta
from cn_budget_samples.style import Style
from cn_budget_samples.table_builder import Cell, Num, TableBuilder, unit_caption


def summary_table(
    f: Figures, style: Style, name: str, department: str, *, budget: Figures | None = None
) -> TableBuilder:
    """部门收支总表 (budget) or 收入支出决算总表 (final; with 年初预算数 when `budget` is given)."""
    final = f.kind == "final"
    column = "决算数" if final else "预算数"
    pair = budget is not None
    if pair:
        header: tuple[tuple[str, ...], ...] = (
            ("收入", "", "", "支出", "", ""),
            ("项目", "年初预算数", "决算数", "项目", "年初预算数", "决算数"),
        )
        spans: tuple[tuple[int, int, int, int], ...] = ((0, 0, 1, 3), (0, 3, 1, 3))
    else:
        header = (("收入", "", "支出", ""), ("项目", column, "项目", column))
        spans = ((0, 0, 1, 2), (0, 2, 1, 2))
    t = TableBuilder(
        name,
        unit_caption("summary" in style.yuan_tables, department),
        header,
        f.year,
        f.kind,
        style,
        "summary" in style.yuan_tables,
        spans,
    )
    appropriation = "财政拨款收入" if final else "拨款收入"
    left: list[tuple[str, str | None]] = [
        (f"一、一般公共预算{appropriation}", "income_general_public_budget"),
        (f"二、政府性基金预算{appropriation}", "income_government_fund"),
    ]
    if f.year >= 2017:
        left.append((f"三、国有资本经营预算{appropriation}", "income_state_capital"))
    n = len(left)
    left += [
        (f"{'四' if n == 3 else '三'}、事业收入", "income_institution"),
        (f"{'五' if n == 3 else '四'}、其他收入", "income_other"),
    ]
    right: list[tuple[str, str | None]] = [
        ("一、基本支出", "expenditure_basic"),
        ("　　其中：人员经费", "expenditure_personnel"),
        ("　　　　　日常公用经费", "expenditure_public_operating"),
        ("二、项目支出", "expenditure_project"),
    ]
    while len(right) < len(left):
        right.append(("", None))
    while len(left) < len(right):
        left.append(("", None))
    carry_label = "年初结转和结余" if final else "上年结转"
    forward_label = "年末结转和结余" if final else "结转下年"
    left += [
        ("本年收入合计", "income_total"),
        (carry_label, "income_carryover"),
        ("收入总计", "income_grand_total"),
    ]
    right += [
        ("本年支出合计", "expenditure_total"),
        (forward_label, "expenditure_carryforward"),
        ("支出总计", "expenditure_grand_total"),
    ]
    for (l_label, l_metric), (r_label, r_metric) in zip(left, right, strict=True):
        cells: list[Cell] = [l_label]
        cells += _pair_cells(f, budget, l_metric, l_label)
        cells.append(r_label)
        cells += _pair_cells(f, budget, r_metric, r_label)
        t.row(*cells)
    return t


def _pair_cells(f: Figures, budget: Figures | None, metric: str | None, label: str) -> list[Cell]:
    if not label or metric is None:
        return [None, None] if budget is not None else [None]
    cell = Num(f.metric(metric), metric)
    if budget is None:
        return [cell]
    return [Num(budget.metric(metric), metric, kind="budget"), cell]


def functional_table(
    lines: tuple[Line, ...],
    f: Figures,
    style: Style,
    name: str,
    department: str,
    *,
    table_id: str = "functional",
) -> TableBuilder:
    """一般公共预算支出表 by 政府收支分类科目, in the style's shape (flat 项 rows; a 类/款/项 tree;
    or the code split into 类 | 款 | 项 columns)."""
    yuan = table_id in style.yuan_tables
    split = style.functional_shape == "split"
    if split:
        header: tuple[tuple[str, ...], ...] = (
            ("科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"),
            ("类", "款", "项", "", "", "", ""),
        )
        spans: tuple[tuple[int, int, int, int], ...] = (
            (0, 0, 1, 3),
            (0, 3, 2, 1),
            (0, 4, 2, 1),
            (0, 5, 2, 1),
            (0, 6, 2, 1),
        )
    else:
        header = (("科目编码", "科目名称", "合计", "基本支出", "项目支出"),)
        spans = ()
    t = TableBuilder(name, unit_caption(yuan, department), header, f.year, f.kind, style, yuan, spans)
    total_basic = sum((line.basic for line in lines), ZERO)
    total_project = sum((line.project for line in lines), ZERO)
    lead: list[Cell] = ["", "", "", "合计"] if split else ["", "合计"]
    t.row(*lead, Num(total_basic + total_project), Num(total_basic), Num(total_project))
    rows: list[tuple[str, Decimal, Decimal]] = []
    if style.functional_shape == "tree":
        for cls in sorted({parents(line.code)[0] for line in lines}):
            in_class = [line for line in lines if line.code.startswith(cls)]
            rows.append((cls, *_sums(in_class)))
            for section in sorted({parents(line.code)[1] for line in in_class}):
                in_section = [line for line in in_class if line.code.startswith(section)]
                rows.append((section, *_sums(in_section)))
                rows += [(line.code, line.basic, line.project) for line in in_section]
    else:
        rows = [(line.code, line.basic, line.project) for line in lines]
    for code, basic, project in rows:
        name_ = functional_name(code, f.year)
        indent = "　" * ((len(code) - 3) // 2) if style.functional_shape == "tree" else ""
        if split:
            code_cells: list[Cell] = [code[:3], code[3:5], code[5:7]]
        else:
            code_cells = [code]
        cells = [*code_cells, indent + name_, Num(basic + project), Num(basic), Num(project)]
        t.line(
            "functional",
            code,
            name_,
            cells,
            TruthLine(f.year, f.kind, "functional", code, name_, basic + project, basic, project),
        )
    return t


def _sums(lines: list[Line]) -> tuple[Decimal, Decimal]:
    return sum((line.basic for line in lines), ZERO), sum((line.project for line in lines), ZERO)


def economic_table(f: Figures, style: Style, name: str, department: str) -> TableBuilder:
    """一般公共预算基本支出表 by economic classification: 类 rows (301/302/303) and 款 rows."""
    header = (("科目编码", "科目名称", "合计", "人员经费", "公用经费"),)
    yuan = "economic" in style.yuan_tables
    t = TableBuilder(name, unit_caption(yuan, department), header, f.year, f.kind, style, yuan)
    t.row(
        "",
        "合计",
        Num(f.expenditure_basic, "expenditure_basic"),
        Num(f.expenditure_personnel, "expenditure_personnel"),
        Num(f.expenditure_public_operating, "expenditure_public_operating"),
    )
    for cls in ("301", "302", "303"):
        members = [e for e in f.economic if e.code.startswith(cls)]
        if not members:
            continue
        for code, personnel, public in [(cls, *_economic_sums(members))] + [
            (e.code, e.personnel, e.public_operating) for e in members
        ]:
            name_ = economic_name(code)
            total = personnel + public
            t.line(
                "economic",
                code,
                name_,
                [code, name_ if len(code) == 3 else "　" + name_, Num(total), Num(personnel), Num(public)],
                TruthLine(f.year, f.kind, "economic", code, name_, total, total, None),
            )
    return t


def _economic_sums(members: list[EconomicLine]) -> tuple[Decimal, Decimal]:
    return sum((e.personnel for e in members), ZERO), sum((e.public_operating for e in members), ZERO)


_TP_ROWS = (
    ("“三公”经费合计", "three_public_total"),
    ("1、因公出国（境）费", "overseas_travel"),
    ("2、公务用车购置及运行费", "vehicle_total"),
    ("　　其中：公务用车购置费", "vehicle_purchase"),
    ("　　　　　公务用车运行费", "vehicle_operation"),
    ("3、公务接待费", "reception"),
)
_TP_ORDER = family("three_public_total")


def three_public_table(
    f: Figures,
    style: Style,
    name: str,
    department: str,
    plants: tuple[Plant, ...],
    *,
    budget: Figures | None = None,
) -> TableBuilder:
    """一般公共预算"三公"经费支出表 in the style's shape; final accounts may show 预算数 beside 决算数."""
    yuan = "three_public" in style.yuan_tables
    shape = style.three_public_shape

    def value(fig: Figures, metric: str) -> Decimal:
        shown = fig.metric(metric)
        if fig.kind == f.kind:
            shown += place_delta(plants, f"all:{metric}") + place_delta(plants, f"table:{metric}")
        return shown

    column = "决算数" if f.kind == "final" else "预算数"
    if shape == "two_row" or shape == "pair_two_row":
        header: tuple[tuple[str, ...], ...] = (
            ("项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"),
            ("", "", "", "小计", "购置费", "运行费", ""),
        )
        spans = ((0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 1, 3), (0, 6, 2, 1))
        t = TableBuilder(name, unit_caption(yuan, department), header, f.year, f.kind, style, yuan, spans)
        sources = (
            [("年初预算数", budget), ("决算数", f)] if shape == "pair_two_row" and budget else [(column, f)]
        )
        for label, fig in sources:
            t.row(label, *(Num(value(fig, m), m, kind=fig.kind) for m in _TP_ORDER))
        return t
    if shape == "pair_rows" and budget is not None:
        t = TableBuilder(
            name,
            unit_caption(yuan, department),
            (("项目", "年初预算数", "决算数"),),
            f.year,
            f.kind,
            style,
            yuan,
        )
        for label, metric in _TP_ROWS:
            t.row(label, Num(value(budget, metric), metric, kind="budget"), Num(value(f, metric), metric))
        return t
    if shape == "funds":
        header = (("项目", "合计", "一般公共预算", "政府性基金"),)
        t = TableBuilder(name, unit_caption(yuan, department), header, f.year, f.kind, style, yuan)
        for label, metric in _TP_ROWS:
            shown = value(f, metric)
            t.row(label, Num(shown, metric), Num(shown), Num(ZERO))
        return t
    t = TableBuilder(name, unit_caption(yuan, department), (("项目", column),), f.year, f.kind, style, yuan)
    for label, metric in _TP_ROWS:
        t.row(label, Num(value(f, metric), metric))
    return t


def fund_table(f: Figures, style: Style, name: str, department: str) -> TableBuilder | None:
    """政府性基金预算支出表, or None when the department has no fund spending (a note says so)."""
    if not f.fund_lines:
        return None
    return functional_table(f.fund_lines, f, style, name, department, table_id="fund")


def assets_table(stock: Assets, style: Style, department: str, kind: Kind) -> TableBuilder:
    """部门固定资产占用情况表 (the seed's shape), for the stock at the end of `stock.year`."""
    header = (("项目", "数量", "价值（金额单位：万元）"),)
    caption = f"编制部门：{department}　　截止时间：{stock.year}年12月31日"
    # A stock's figures take the kind of the document that prints them (as the seed's test has it).
    t = TableBuilder("部门固定资产占用情况表", caption, header, stock.year, kind, style)
    year = stock.year
    t.row("资产总额", "——", Num(stock.total, "fixed_assets_total", year))
    t.row("1、房屋（平方米）", "", "")
    t.row("其中：办公用房（平方米）", "", "")
    t.row(
        "2、车辆（台、辆）",
        Num(Decimal(stock.vehicles_count), "vehicles_count", year, count=True),
        Num(stock.vehicles_value, "vehicles_value", year),
    )
    t.row("3、单价在50万元以上的设备", "", "")
    t.row("4、其他固定资产", "", Num(stock.other, "fixed_assets_other", year))
    return t


def goals_table(
    activities: tuple[Activity, ...], style: Style, department: str, year: int, plants: tuple[Plant, ...]
) -> tuple[TableBuilder, list[TruthGoal]]:
    """部门职责-工作活动绩效目标: the seed's graded shape or a simpler one."""
    goals: list[TruthGoal] = []
    if style.goals_graded:
        header: tuple[tuple[str, ...], ...] = (
            ("职责活动", "年度预算数", "内容描述", "绩效目标", "绩效指标", "评价标准", "", "", ""),
            ("", "", "", "", "", "优", "良", "中", "差"),
        )
        spans: tuple[tuple[int, int, int, int], ...] = (
            (0, 0, 2, 1),
            (0, 1, 2, 1),
            (0, 2, 2, 1),
            (0, 3, 2, 1),
            (0, 4, 2, 1),
            (0, 5, 1, 4),
        )
    else:
        header = (("职责活动", "年度预算数", "绩效目标", "绩效指标", "指标值"),)
        spans = ()
    t = TableBuilder(
        "部门职责-工作活动绩效目标",
        f"{department}　　单位：万元",
        header,
        year,
        "budget",
        style,
        False,
        spans,
    )
    for activity in activities:
        budget = activity.budget + place_delta(plants, f"activity:{activity.name}")
        goals.append(TruthGoal(activity.name, activity.parent, budget))
        name = ("　　" + activity.name) if activity.parent else activity.name
        indicators = activity.indicators or (("", "", "", "", ""),)
        for i, (indicator, excellent, good, fair, poor) in enumerate(indicators):
            first = i == 0
            if style.goals_graded:
                t.row(
                    name if first else "",
                    Num(budget) if first else "",
                    activity.description if first else "",
                    activity.goal if first else "",
                    indicator,
                    excellent,
                    good,
                    fair,
                    poor,
                )
            else:
                t.row(
                    name if first else "",
                    Num(budget) if first else "",
                    activity.goal if first else "",
                    indicator,
                    excellent,
                )
    return t, goals
