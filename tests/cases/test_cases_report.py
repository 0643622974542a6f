"""Extraction on the hand-written cases of tests/cases/extract holds the bar: at least 95 % of the
stated figures found with the right value, at most 1 % of the extracted figures wrong or not stated,
at least 95 % of the metadata fields right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cases.cases_report import AccuracyReport, accuracy_report, case_paths, format_report

CASES = Path(__file__).parent / "extract"


@pytest.fixture(scope="module")
def report() -> AccuracyReport:
    return accuracy_report(CASES)


def test_the_suite_is_varied_enough() -> None:
    cases = case_paths(CASES)
    assert len(cases) >= 40
    metadata = [json.loads(expected.read_text(encoding="utf-8"))["metadata"] for _, _, expected in cases]
    assert {m["kind"] for m in metadata} == {"budget", "final"}
    assert len({m["province"] for m in metadata}) >= 20
    years = {m["year"] for m in metadata}
    assert min(years) <= 2015 and max(years) >= 2024


def test_figures_found_with_the_right_value(report: AccuracyReport) -> None:
    assert report.overall.recall >= 0.95, format_report(report)


def test_few_wrong_or_spurious_figures(report: AccuracyReport) -> None:
    assert report.overall.error_rate <= 0.01, format_report(report)


def test_metadata_right(report: AccuracyReport) -> None:
    assert report.metadata_accuracy >= 0.95, format_report(report)


def test_report_prints_per_metric_and_per_field(report: AccuracyReport) -> None:
    text = report.to_markdown()
    assert "| three_public_total |" in text
    assert "| department |" in text
