"""The report config: the example file, each key's forms, and clear errors for mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.report import SECTIONS, ReportConfig, ReportError, Selection, load_config, parse_config
from tests.report.conftest import EXAMPLE_CONFIG


def test_the_example_config_is_valid_and_says_what_it_selects() -> None:
    config = load_config(EXAMPLE_CONFIG)
    assert config.title == "廊坊市市直部门预算与决算趋势"
    assert config.selection.regions == ("廊坊市",)
    assert config.selection.departments == ()
    assert config.selection.years == tuple(range(2014, 2024))
    assert "vehicle_operation" in config.selection.metrics
    assert config.sections == SECTIONS
    assert (config.largest_changes, config.table_rows, config.reform_year, config.bootstrap_seed) == (
        20,
        30,
        None,
        0,
    )


def test_no_config_means_everything() -> None:
    assert parse_config({}) == ReportConfig()
    assert ReportConfig().selection.is_everything


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ([2017, 2015, 2015], (2015, 2017)),
        (2016, (2016,)),
        ({"from": 2021}, tuple(range(2021, 2101))),
        ({"from": 2015, "to": 2017}, (2015, 2016, 2017)),
    ],
)
def test_years_as_a_list_a_year_or_a_range(years: object, expected: tuple[int, ...]) -> None:
    assert parse_config({"select": {"years": years}}).selection.years == expected


def test_sections_keep_page_order_whatever_the_config_order() -> None:
    config = parse_config({"options": {"sections": ["quality", "coverage"]}})
    assert config.sections == ("coverage", "quality")


def test_a_single_string_is_a_one_item_list() -> None:
    assert parse_config({"select": {"department_types": "科协"}}).selection == Selection(
        department_types=("科协",)
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"selct": {}}, "unknown key(s) selct"),
        ({"select": {"region": ["廊坊市"]}}, "unknown key(s) select.region"),
        ({"select": {"metrics": ["vehicle_costs"]}}, "unknown metric key(s) ['vehicle_costs']"),
        ({"select": {"years": {"from": 2020, "to": 2015}}}, "'from' (2020) is after 'to' (2015)"),
        ({"select": {"years": ["2017"]}}, "must be an integer"),
        ({"select": {"years": [17]}}, "must be a year"),
        ({"select": {"regions": [""]}}, "'regions' must be a list of non-empty strings"),
        ({"options": {"sections": ["trends"]}}, "unknown section(s) ['trends']"),
        ({"options": {"table_rows": 0}}, "'options.table_rows' must be at least 1"),
        ({"title": ""}, "'title' must be a non-empty string"),
        ({"select": ["廊坊市"]}, "'select' must be a table"),
    ],
)
def test_mistakes_are_named(data: dict[str, object], message: str) -> None:
    with pytest.raises(ReportError) as caught:
        parse_config(data)
    assert message in str(caught.value)


def test_a_broken_file_names_itself(tmp_path: Path) -> None:
    broken = tmp_path / "report.toml"
    broken.write_text("[select\nregions = 1", encoding="utf-8")
    with pytest.raises(ReportError, match=r"report\.toml: not a valid TOML file"):
        load_config(broken)
    with pytest.raises(ReportError, match="cannot read the config"):
        load_config(tmp_path / "missing.toml")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[select]\nmetrics = ["nope"]\n', encoding="utf-8")
    with pytest.raises(ReportError, match=r"wrong\.toml: select\.metrics: unknown metric"):
        load_config(wrong)


def test_yaml_configs_read_the_same_keys(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    config = tmp_path / "report.yaml"
    config.write_text(
        "title: 科协\nselect:\n  department_types: [科协]\n  years: {from: 2015, to: 2016}\n",
        encoding="utf-8",
    )
    loaded = load_config(config)
    assert loaded.title == "科协"
    assert loaded.selection == Selection(department_types=("科协",), years=(2015, 2016))
