"""The fork server's warm-up parses its own small documents through every stage, in each encoding
and format it carries, so that the workers forked from it start with the stages' caches filled."""

from __future__ import annotations

from decimal import Decimal

from analytics.executors.local import PRELOAD
from analytics.extract import extract
from analytics.ingestion.warm import warm_up


def test_the_warm_up_documents_are_read_and_give_their_figures() -> None:
    documents = warm_up()
    assert [(d.format, d.encoding) for d in documents] == [
        ("text", "utf-8"),
        ("text", "gb18030"),
        ("html", "utf-8"),
    ]
    for document in documents:
        extraction = extract(document)
        assert extraction.metadata.department == "某某县农业农村局"
        assert extraction.metadata.kind == "budget"
        stated = {
            (f.metric, f.measure): f.value for f in extraction.facts if f.year == extraction.metadata.year
        }
        assert stated[("three_public_total", "amount")] == Decimal("6.5")
        assert stated[("vehicle_operation", "amount")] == Decimal("4")
        assert stated[("staff_authorised", "amount")] == Decimal("15")


def test_the_fork_server_warms_up_after_importing_the_stages() -> None:
    assert PRELOAD[-1] == "analytics.ingestion.warm"
    assert {"analytics.read", "analytics.extract", "analytics.validate"} <= set(PRELOAD)
