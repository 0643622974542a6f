"""Check messages in Chinese for the report.

The validate and extract stages write their messages in English (`checks.message`); the report's
page is Chinese. Each kind of check (its name, up to the first `:`) has a Chinese sentence here,
filled in with the check's own numbers (`expected`, `actual`, `check_year`, `metric`) and with the
names and amounts the English message lists (the parts of a sum, the two quotes of a figure stated
twice). A check this module does not know keeps its English message after a Chinese lead-in, so
nothing is lost when a new check appears before its sentence does.

>>> check_message_zh({"check_name": "sum:three_public_total", "metric": "three_public_total",
...     "check_year": 2019, "expected": Decimal("16.89"), "actual": Decimal("17.79"),
...     "message": "three_public_total 2019 budget amount: the parts overseas_travel 0.00 + "
...                "vehicle_total 15.24 + reception 1.65 add up to 16.89, but the document states "
...                "17.79 (difference 0.90)"})
'“三公”经费（2019年预算数）：各分项（因公出国(境)费 0.00 + 公务用车购置及运行费 15.24 + 公务接待费 1.65）之和为 16.89，文档所列合计为 17.79，相差 0.90。'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import PurePath

import polars as pl

from analytics.labels import CHECK_NAMES_ZH, KIND_ZH, MEASURE_ZH, METADATA_FIELD_ZH, metric_name
from analytics.reference import metrics

_MEASURE_ZH = {**MEASURE_ZH, "change against the prior year": MEASURE_ZH["yoy_change"]}
"""The measures as the sum check's English message words them too."""

Row = Mapping[str, object]


def _number(value: object) -> str:
    """A decimal without trailing zeros (16.8900 -> 16.89); other values as they are."""
    if isinstance(value, Decimal):
        normal = value.normalize()
        return f"{normal:f}" if normal != 0 else "0"
    if isinstance(value, float):
        return f"{value:g}"
    return "—" if value is None else str(value)


def _metric(key: object) -> str:
    return metric_name(str(key)) if key is not None else ""


_METRIC_TERM = re.compile(r"\b([a-z][a-z_]+[a-z])(?= -?\d)")


def _terms_zh(terms: str) -> str:
    """'overseas_travel 0.00 + reception 1.65' -> '因公出国(境)费 0.00 + 公务接待费 1.65'."""
    return _METRIC_TERM.sub(lambda m: _metric(m.group(1)), terms)


def _figure(metric: object, year: object, kind: str | None, measure: str = "amount") -> str:
    """'“三公”经费（2019年预算数）', '公务接待费（2019年预算数比上年增减额）'."""
    when = f"{year}年" if year is not None else ""
    what = f"{KIND_ZH.get(kind or '', '')}数" if kind in KIND_ZH else ""
    return f"{_metric(metric)}（{when}{what}{_MEASURE_ZH.get(measure, '')}）"


_SUM = re.compile(
    r"^(?P<metric>\S+) (?P<year>\d{4}) (?P<kind>budget|final) (?P<derived>derived )?"
    r"(?P<what>amount|change against the prior year): the parts (?P<terms>.+) add up to (?P<implied>\S+), "
    r"but the document states (?P<stated>\S+) \(difference (?P<difference>\S+)\)$"
)


def _sum(row: Row) -> str:
    found = _SUM.match(str(row.get("message") or ""))
    if found is None:
        return (
            f"{_figure(row.get('metric'), row.get('check_year'), None)}：各分项之和为 "
            f"{_number(row.get('expected'))}，文档所列合计为 {_number(row.get('actual'))}。"
        )
    derived = "推算" if found["derived"] else ""
    figure = _figure(found["metric"], found["year"], found["kind"], found["what"])
    return (
        f"{figure[:-1]}{derived}）：各分项（{_terms_zh(found['terms'])}）之和为 {found['implied']}，"
        f"文档所列合计为 {found['stated']}，相差 {found['difference']}。"
    )


_REPEATED = re.compile(
    r"^(?P<metric>\S+) (?P<year>\d{4}) (?P<kind>budget|final) (?P<measure>\w+) is stated as (?P<first>\S+) "
    r"\(“(?P<first_quote>.*)”\) and as (?P<other>\S+) \(“(?P<other_quote>.*)”\)$",
    re.DOTALL,
)


def _repeated(row: Row) -> str:
    found = _REPEATED.match(str(row.get("message") or ""))
    if found is None:
        return (
            f"{_figure(row.get('metric'), row.get('check_year'), None)}在文档中出现两次，数值不同："
            f"{_number(row.get('expected'))} 与 {_number(row.get('actual'))}。"
        )
    figure = _figure(found["metric"], found["year"], found["kind"], found["measure"])
    return (
        f"{figure}在文档中出现两次，数值不同：{found['first']}（“{found['first_quote']}”）与 "
        f"{found['other']}（“{found['other_quote']}”）。"
    )


_PRIOR = re.compile(
    r"^(?P<metric>\S+) (?P<year>\d{4}) (?P<kind>budget|final): .* implies \S+; the \d{4} document "
    r"\((?P<path>.*)\) states \S+$"
)


def _prior_year(row: Row) -> str:
    found = _PRIOR.match(str(row.get("message") or ""))
    year = row.get("check_year")
    kind = found["kind"] if found else None
    source = f"（{PurePath(found['path']).name}）" if found else ""
    return (
        f"{_figure(row.get('metric'), year, kind)}：本文档所述比上年增减额推算出的上年数为 "
        f"{_number(row.get('expected'))}，而 {year} 年的文档{source}所列为 {_number(row.get('actual'))}。"
        "常见原因是上年数在公开后作了调整。"
    )


_ACTIVITY = re.compile(r"^sub-activities of '(?P<name>.*)' \((?P<children>.*)\) add up to")


def _activity(row: Row) -> str:
    found = _ACTIVITY.match(str(row.get("message") or ""))
    name = found["name"] if found else str(row.get("check_name", "")).split(":", 2)[-1]
    children = f"（{found['children'].replace(', ', '、')}）" if found else ""
    return (
        f"绩效目标“{name}”的下级活动{children}预算合计 {_number(row.get('expected'))} 万元，"
        f"与该活动的预算 {_number(row.get('actual'))} 万元不一致。"
    )


_ACTIVITIES = re.compile(r"^the activities of the performance goals \((?P<names>.*)\) add up to")


def _activities(row: Row) -> str:
    found = _ACTIVITIES.match(str(row.get("message") or ""))
    names = f"（{found['names'].replace(', ', '、')}）" if found else ""
    return (
        f"绩效目标各项活动{names}的预算合计 {_number(row.get('expected'))} 万元，"
        f"与项目支出 {_number(row.get('actual'))} 万元不一致。"
    )


_LINE = re.compile(r"^line (?P<code>\S+) (?P<name>.*) (?P<year>\d{4}) (?P<kind>budget|final): ")


def _budget_line(row: Row) -> str:
    found = _LINE.match(str(row.get("message") or ""))
    line = (
        f"科目 {found['code']} {found['name']}（{found['year']}年{KIND_ZH[found['kind']]}）"
        if found
        else "科目"
    )
    if str(row.get("check_name")) == "sum:budget_line_children":
        return (
            f"{line}：下一级科目合计 {_number(row.get('expected'))}，本科目所列为 "
            f"{_number(row.get('actual'))}。"
        )
    return (
        f"{line}：基本支出与项目支出之和为 {_number(row.get('expected'))}，合计栏所列为 "
        f"{_number(row.get('actual'))}。"
    )


_DUPLICATE = re.compile(
    r"^indicator '(?P<indicator>.*)' of activity '(?P<activity>.*)' is printed twice .*\(rows (?P<first>\d+) and (?P<second>\d+)"
)


def _duplicate_row(row: Row) -> str:
    found = _DUPLICATE.match(str(row.get("message") or ""))
    if found is None:
        return "绩效目标表中有一行以相同的评价标准重复出现，两行都保留。"
    return (
        f"绩效指标“{found['indicator']}”（活动“{found['activity']}”）以相同的评价标准重复出现"
        f"（第 {found['first']} 行和第 {found['second']} 行），两行都保留。"
    )


_MIXED = re.compile(
    r"^indicator '(?P<indicator>.*)' mixes thresholds with and without '%' \((?P<grades>.*)\)"
)


def _mixed_units(row: Row) -> str:
    found = _MIXED.match(str(row.get("message") or ""))
    if found is None:
        return "绩效指标的评价标准有的带“%”、有的不带，按原样保留。"
    return f"绩效指标“{found['indicator']}”的评价标准有的带“%”、有的不带（{found['grades']}），按原样保留。"


def _metadata(row: Row) -> str:
    field = str(row.get("check_name", "")).split(":", 1)[-1]
    return f"无法从标题、正文或文件名判断文档的{METADATA_FIELD_ZH.get(field, field)}。"


_RECOGNISED = re.compile(r"Recognised: (?P<found>[^;.]*)(?:; not recognised: (?P<missing>[^.]*))?\.")
_SHAPE = re.compile(r"The text has (?P<paragraphs>no|\d+) paragraphs? and (?P<tables>no|\d+) tables?")


def _no_figures(row: Row) -> str:
    message = str(row.get("message") or "")
    parts = ["没有读出任何数字。"]
    recognised = _RECOGNISED.search(message)
    if recognised:
        found = [_field_value(item) for item in recognised["found"].split(", ") if item and item != "nothing"]
        parts.append(f"认出：{'，'.join(found) if found else '无'}")
        if recognised["missing"]:
            missing = [METADATA_FIELD_ZH.get(name, name) for name in recognised["missing"].split(", ")]
            parts.append(f"；未认出：{'、'.join(missing)}")
        parts.append("。")
    shape = _SHAPE.search(message)
    if shape:
        paragraphs = "0" if shape["paragraphs"] == "no" else shape["paragraphs"]
        tables = "0" if shape["tables"] == "no" else shape["tables"]
        parts.append(f"文本有 {paragraphs} 段、{tables} 个表格")
        if "without the fiscal year" in message:
            parts.append("；没有年度就无法读数（数字需要年度才能比较）")
        elif "no paragraph names a metric" in message:
            parts.append("；没有一段提到指标（三公经费、收入合计、基本支出…）")
        elif "name a metric but state no amount" in message:
            parts.append("；有段落提到指标，但没有可读的带单位金额，表格也没有读出数字")
        parts.append("。")
    elif "found no text at all" in message:
        parts.append("读取时没有得到任何文字（扫描图片或空白页？）。")
    return "".join(parts)


def _field_value(item: str) -> str:
    name, _, value = item.partition(" ")
    if name == "kind":
        value = KIND_ZH.get(value, value)
    return f"{METADATA_FIELD_ZH.get(name, name)} {value}".strip()


_UNIT_ASSUMED = re.compile(r"^table (?P<table>\S+) declares no unit")


def _unit_assumed(row: Row) -> str:
    found = _UNIT_ASSUMED.match(str(row.get("message") or ""))
    table = f"第 {found['table']} 个表格" if found else "表格"
    return f"{table}没有标明单位，文档中也没有其他数字可以核对，表中金额按万元计（unit_found 为空）。"


_SCALE = re.compile(
    r"^(?P<metric>\S+) (?P<year>\d{4}) (?P<kind>budget|final) = (?P<value>\S+) 万元 \((?P<where>.*?), (?P<unit>[^)]*)\) "
    r"is out of scale with the document's other figures: (?P<m1>\S+) (?P<v1>\S+) is (?P<how>.*?) (?P<m2>\S+) "
    r"(?P<v2>\S+) \(“(?P<quote>.*)”\); (?P<why>a unit misread|a misread unit or label)",
    re.DOTALL,
)


def _scale(row: Row) -> str:
    found = _SCALE.match(str(row.get("message") or ""))
    if found is None:
        return (
            f"{_figure(row.get('metric'), row.get('check_year'), None)}{_number(row.get('actual'))} 万元"
            "与文档中其他数字的量级不符，该数未计入。"
        )
    where = found["where"]
    where_zh = f"第 {where.split()[-1]} 个表格" if where.startswith("table ") else "正文句子"
    unit = found["unit"]
    unit_zh = (
        "未标单位，按万元读" if unit.startswith("without a unit") else f"按{unit.removeprefix('read as ')}读"
    )
    how = found["how"]
    times = how.removeprefix("about ").removesuffix(" times").removesuffix(" of")
    ratio = f"约 {times} 倍" if how.endswith("times") else f"约 {times}"
    why = "可能是单位读错" if found["why"] == "a unit misread" else "可能是单位或项目名称读错"
    return (
        f"{_figure(found['metric'], found['year'], found['kind'])}{found['value']} 万元（{where_zh}，{unit_zh}）"
        f"与文档中其他数字的量级不符：{_metric(found['m1'])} {found['v1']} 是 {_metric(found['m2'])} "
        f"{found['v2']}（“{found['quote']}”）的{ratio}；{why}，该数未计入。"
    )


_UNREAD = re.compile(
    r"^table (?P<table>\S+) \((?P<caption>.*)\) is the standard table (?P<key>\S+) and prints amounts"
)


def _table_unread(row: Row) -> str:
    found = _UNREAD.match(str(row.get("message") or ""))
    if found is None:
        return "一个标准表格印有金额，但没有读出任何数字。"
    return (
        f"第 {found['table']} 个表格（{found['caption']}）是标准表 {found['key']}，印有金额，"
        "但没有读出任何数字。"
    )


_LOOSE = re.compile(r"^table (?P<table>\S+)(?: \((?P<caption>.*?)\))?: a row printed without its empty cells")
_NOT_READ = re.compile(r"\((?P<left>\d+) of (?P<all>\d+) not read\)")


def _table_loose_row(row: Row) -> str:
    message = str(row.get("message") or "")
    found = _LOOSE.match(message)
    left = sum(int(m["left"]) for m in _NOT_READ.finditer(message))
    where = f"第 {found['table']} 个表格" if found else "一个表格"
    if found and found["caption"]:
        where += f"（{found['caption']}）"
    return (
        f"{where}有一行数字在转成文本时丢了空单元格，各数所在的列不明；只读出表内合计关系能唯一定位的数字，"
        f"{left} 个数字未读出（“{row.get('quote') or ''}”）。"
    )


TRANSLATIONS: dict[str, Callable[[Row], str]] = {
    "sum:budget_line": _budget_line,
    "sum:budget_line_children": _budget_line,
    "sum:activities:expenditure_project": _activities,
    "sum:activity": _activity,
    "sum": _sum,
    "repeated": _repeated,
    "prior_year": _prior_year,
    "duplicate_row:performance_goals": _duplicate_row,
    "mixed_units:performance_goals": _mixed_units,
    "metadata": _metadata,
    "no_figures": _no_figures,
    "unit:assumed": _unit_assumed,
    "scale": _scale,
    "table:unread": _table_unread,
    "table:loose_row": _table_loose_row,
}
"""Check name (or the prefix before its last `:` part) -> the Chinese sentence of its rows."""


def _translation(check: str) -> Callable[[Row], str] | None:
    name = check
    while True:
        if name in TRANSLATIONS:
            return TRANSLATIONS[name]
        if ":" not in name:
            return None
        name = name.rsplit(":", 1)[0]


def check_name_zh(check: str) -> str:
    """The kind of check in Chinese, with the metric or activity it is about.

    >>> check_name_zh("sum:three_public_total"), check_name_zh("prior_year:reception")
    ('分项之和：“三公”经费', '与上年文档不一：公务接待费')
    >>> check_name_zh("tables:odd")
    'tables:odd'
    """
    name = check
    while name not in CHECK_NAMES_ZH:
        if ":" not in name:
            return check
        name = name.rsplit(":", 1)[0]
    rest = check[len(name) + 1 :]
    subject = _metric(rest) if rest in metrics() else rest
    return f"{CHECK_NAMES_ZH[name]}：{subject}" if subject else CHECK_NAMES_ZH[name]


def check_message_zh(row: Row) -> str:
    """The Chinese message of one check row (a mapping with the `checks` columns); a check without a
    sentence here keeps its English message after a Chinese lead-in.

    >>> check_message_zh({"check_name": "prior_year:reception", "metric": "reception", "check_year": 2019,
    ...     "expected": Decimal("2.5500"), "actual": Decimal("1.6500"),
    ...     "message": "reception 2019 budget: this document's stated change implies 2.5500; "
    ...                "the 2019 document (/data/审计局_2019_预算.doc) states 1.6500"})
    '公务接待费（2019年预算数）：本文档所述比上年增减额推算出的上年数为 2.55，而 2019 年的文档（审计局_2019_预算.doc）所列为 1.65。常见原因是上年数在公开后作了调整。'
    >>> check_message_zh({"check_name": "tables:odd", "message": "a table gave no figure"})
    '检查项 tables:odd（英文说明）：a table gave no figure'
    """
    check = str(row.get("check_name") or "")
    translate = _translation(check)
    if translate is None:
        return f"检查项 {check}（英文说明）：{row.get('message') or ''}"
    return translate(row)


def with_chinese_messages(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` (check rows) with `message` in Chinese, the original kept as `message_en`, and the kind
    of check in Chinese as `check_zh`."""
    rows = list(frame.iter_rows(named=True))
    return frame.with_columns(
        pl.col("message").alias("message_en"),
        pl.Series("message", [check_message_zh(row) for row in rows], dtype=pl.String),
        pl.Series("check_zh", [check_name_zh(str(row["check_name"])) for row in rows], dtype=pl.String),
    )


__all__ = ["TRANSLATIONS", "check_message_zh", "check_name_zh", "with_chinese_messages"]
