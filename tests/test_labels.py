"""The Chinese labels: every value the model can hold has one, and metric names follow the vocabulary."""

from __future__ import annotations

from typing import get_args

from analytics.labels import (
    BASIS_ZH,
    EXECUTION_CELL_ZH,
    EXECUTION_STATUS_ZH,
    KIND_ZH,
    MEASURE_ZH,
    SEVERITY_ZH,
    metric_label,
    metric_name,
)
from analytics.model import Basis, Kind, Measure, Severity
from analytics.reference import metrics


def test_every_value_of_the_model_has_a_label() -> None:
    assert set(get_args(Kind)) <= KIND_ZH.keys()
    assert set(get_args(Basis)) <= BASIS_ZH.keys()
    assert set(get_args(Measure)) == MEASURE_ZH.keys()
    assert set(get_args(Severity)) == SEVERITY_ZH.keys()


def test_a_heat_map_cell_names_every_reason_for_a_missing_rate() -> None:
    assert EXECUTION_CELL_ZH.keys() - {"no figures"} == EXECUTION_STATUS_ZH.keys() - {"compared"}


def test_metric_names_and_axis_titles_come_from_the_vocabulary() -> None:
    vocabulary = metrics()
    assert metric_name("vehicle_operation") == vocabulary["vehicle_operation"].name_zh == "公务用车运行维护费"
    assert metric_label("vehicle_operation") == "公务用车运行维护费（万元）"
    assert metric_label("vehicles_count") == "车辆数"  # a count has no unit
    for key, metric in vocabulary.items():
        assert metric_label(key).startswith(metric.name_zh)
    assert metric_name("not_a_metric") == metric_label("not_a_metric") == "not_a_metric"
