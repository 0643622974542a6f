"""Sentences print figures in the supported phrasings and record exactly what they print."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cn_budget_samples.phrasing import Sentence


def _facts(s: Sentence) -> tuple[str, list[tuple[str, str, str, str | None]]]:
    text, facts = s.done()
    assert all(f.quote == text for f in facts)
    return text, [(f.metric, f.measure, str(f.value), f.reason) for f in facts]


def test_amount_with_change_and_percent() -> None:
    s = Sentence(2019, "budget").say("“三公”经费").amount("three_public_total", Decimal("29.00"))
    s.change("three_public_total", Decimal("29.00"), Decimal("28.50"), form="amount_pct")
    assert _facts(s) == (
        "“三公”经费29.00万元，比上年增加0.50万元，增长1.75%。",
        [
            ("three_public_total", "amount", "29.00", None),
            ("three_public_total", "yoy_change", "0.50", None),
            ("three_public_total", "yoy_pct", "1.75", None),
        ],
    )


def test_decrease_against_the_prior_budget_with_reason() -> None:
    s = (
        Sentence(2017, "budget", integers=True)
        .say("公务用车运行费")
        .amount("vehicle_operation", Decimal("20.64"))
    )
    s.change(
        "vehicle_operation",
        Decimal("20.64"),
        Decimal("25.64"),
        against="prior_budget",
        reason="公车改革车辆减少",
    )
    text, facts = _facts(s)
    assert text == "公务用车运行费20.64万元，较2016年预算减少5万元，主要原因是公车改革车辆减少。"
    assert facts[1] == ("vehicle_operation", "yoy_change", "-5.00", "公车改革车辆减少")


def test_no_change_and_zero_without_amount() -> None:
    s = Sentence(2020, "final").say("因公出国（境）费").amount("overseas_travel", Decimal(0))
    s.change("overseas_travel", Decimal(0), Decimal(0), flat="较上年无增减")
    assert _facts(s)[0] == "因公出国（境）费0.00万元，较上年无增减。"
    z = Sentence(2020, "budget").say("本部门2020年无安排政府采购预算").zero("procurement_total")
    assert _facts(z) == ("本部门2020年无安排政府采购预算。", [("procurement_total", "amount", "0", None)])


def test_percent_only() -> None:
    s = Sentence(2021, "budget").say("公务接待费").amount("reception", Decimal("3.20"))
    s.change("reception", Decimal("3.20"), Decimal("4.00"), form="pct", reason="严格执行接待标准")
    assert _facts(s) == (
        "公务接待费3.20万元，比上年下降20.00%，主要原因是严格执行接待标准。",
        [("reception", "amount", "3.20", None), ("reception", "yoy_pct", "-20.00", "严格执行接待标准")],
    )


def test_the_generator_writes_only_words_the_extractor_knows() -> None:
    # the generator takes its change, flat and reason words from vocabulary.toml and refuses others
    from cn_budget_samples.phrasing import known

    assert known("change", "flat", "持平") == ("持平",)
    with pytest.raises(ValueError, match=r"change\.flat lacks \['差不多'\]"):
        known("change", "flat", "差不多")
