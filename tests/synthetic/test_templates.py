"""The department templates are data (templates.toml) read by a small loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from cn_budget_samples.templates import ALL_TEMPLATES, CORE_TEMPLATES, load_templates

SMALL = """
[[template]]
type_key = "tongji"
department_type = "统计"
core = {core}
names = [{{ since = 0, name = "统计局" }}, {{ since = 2019, name = "统计服务中心" }}]
nature = "行政单位"
rank = "正科级"
duties = ["开展统计调查。"]
offices = ["办公室"]
staff = 18
personnel = "200.00"
public_operating = "50.00"
project = "120.00"
project_purpose = "统计调查"
basic_line = "2010501"
institution = false
project_lines = [{{ code = "2010507", weight = 100, since = 0 }}]
fund_share = 0
vehicles_before = 3
vehicles_after = 1
vehicle_operation = "12.00"
{last}

[[template.activities]]
name = "统计调查"
weight = 100
description = "开展统计调查。"
goal = "按期完成。"
indicators = [["任务完成率", "100%", "≥95%", "≥90%", "＜90%"]]
"""


def _write(tmp_path: Path, *templates: str) -> Path:
    path = tmp_path / "templates.toml"
    path.write_text("\n".join(templates), encoding="utf-8")
    return path


def test_a_template_reads_into_its_fields(tmp_path: Path) -> None:
    (template,), core = load_templates(_write(tmp_path, SMALL.format(core="true", last='reception = "1.80"')))
    assert core == 1
    assert template.suffixes == ((0, "统计局"), (2019, "统计服务中心"))
    assert template.project_lines == (("2010507", 100, 0),)
    assert template.fund_line is None
    (activity,) = template.activities
    assert (
        activity.indicators == (("任务完成率", "100%", "≥95%", "≥90%", "＜90%"),) and activity.children == ()
    )


def test_a_missing_field_names_the_template(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"template 'tongji'.*reception"):
        load_templates(_write(tmp_path, SMALL.format(core="true", last="")))


def test_core_templates_come_first(tmp_path: Path) -> None:
    later = SMALL.format(core="false", last='reception = "1.80"')
    core = SMALL.format(core="true", last='reception = "1.80"')
    with pytest.raises(ValueError, match="core templates"):
        load_templates(_write(tmp_path, later, core))


def test_the_committed_templates() -> None:
    assert [t.type_key for t in CORE_TEMPLATES] == [
        "kexie",
        "jiaoyu",
        "caizheng",
        "weijian",
        "shenji",
        "minzheng",
    ]
    assert len({t.type_key for t in ALL_TEMPLATES}) == len(ALL_TEMPLATES) == 10
    for template in ALL_TEMPLATES:
        assert template.activities and sum(a.weight for a in template.activities) > 0, template.type_key
