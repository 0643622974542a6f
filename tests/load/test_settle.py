"""The settle rule (`analytics.load.settle`): one row per case, what the database holds and what the run
has seen on the left, the verdict on the right."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from analytics.load import PARSER_VERSION
from analytics.load.batch import PreparedDocument, build_rows
from analytics.load.settle import Stored, Verdict, plan_batch, settle
from analytics.model import Document, Extraction

PATH = "/corpus/a.txt"
BYTES = "a" * 64
OTHER_BYTES = "b" * 64
OLD_PARSER = "0.0.1"

OK = Stored(BYTES, PARSER_VERSION, "ok")
OK_NOTED = Stored(BYTES, PARSER_VERSION, "ok", error_noted=True)
OK_OLD_PARSER = Stored(BYTES, OLD_PARSER, "ok")
OK_OTHER_BYTES = Stored(OTHER_BYTES, PARSER_VERSION, "ok")
ERROR_ROW = Stored(BYTES, PARSER_VERSION, "error", error_noted=True)
ERROR_ROW_NO_HASH = Stored(None, PARSER_VERSION, "error", error_noted=True)

CASES = [
    # (case, stored at PATH, 'ok' holders of BYTES, earlier file of the run with BYTES) -> verdict
    ("a new path", None, [], None, Verdict("loaded")),
    ("a new path, bytes held elsewhere", None, ["/b.txt", "/c.txt"], None, Verdict("duplicate", "/b.txt")),
    ("a new path, bytes met earlier in the run", None, [], "/z.txt", Verdict("duplicate", "/z.txt", True)),
    ("held elsewhere and met in the run: the database first", None, ["/b.txt"], "/z.txt",
     Verdict("duplicate", "/b.txt")),
    ("the same bytes, loaded by this parser", OK, [PATH], None, Verdict("unchanged")),
    ("the same bytes, and held elsewhere too", OK, ["/b.txt", PATH], None, Verdict("unchanged")),
    ("the same bytes, a later version's error noted", OK_NOTED, [PATH], None,
     Verdict("unchanged", clear_error=True)),
    ("the same bytes, loaded by an older parser", OK_OLD_PARSER, [PATH], None, Verdict("replaced")),
    ("the same bytes, older parser, held elsewhere too", OK_OLD_PARSER, [PATH, "/b.txt"], None,
     Verdict("duplicate", "/b.txt")),
    ("changed bytes", OK_OTHER_BYTES, [], None, Verdict("replaced")),
    ("changed bytes, held elsewhere", OK_OTHER_BYTES, ["/b.txt"], None, Verdict("duplicate", "/b.txt")),
    ("changed bytes, met earlier in the run", OK_OTHER_BYTES, [], "/z.txt", Verdict("duplicate", "/z.txt", True)),
    ("only an error row, the same bytes", ERROR_ROW, [], None, Verdict("loaded")),
    ("only an error row, unhashed", ERROR_ROW_NO_HASH, [], None, Verdict("loaded")),
    ("only an error row, bytes held elsewhere", ERROR_ROW, ["/b.txt"], None, Verdict("duplicate", "/b.txt")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "stored", "holders", "earlier", "verdict"), CASES, ids=[c[0] for c in CASES]
)
def test_settle(
    case: str, stored: Stored | None, holders: list[str], earlier: str | None, verdict: Verdict
) -> None:
    assert settle(PATH, BYTES, stored=stored, holders=holders, earlier_in_run=earlier) == verdict


def test_a_batch_settles_each_document_against_the_database_and_the_batch_before_it(
    make_document: Callable[..., Document], make_extraction: Callable[..., Extraction]
) -> None:
    """b.txt held x and now holds y: x is no longer held there, so a.txt (now x) is loaded, and c.txt
    with x too is a duplicate of a.txt, written earlier in the same batch."""

    def prepared(path: str, content: bytes) -> PreparedDocument:
        return build_rows(make_document(path, content), make_extraction())

    a, b, c = prepared("/a.txt", b"x"), prepared("/b.txt", b"y"), prepared("/c.txt", b"x")
    stored = {"/b.txt": Stored(a.sha256, PARSER_VERSION, "ok")}
    plan = plan_batch([a, b, c], stored, holders={a.sha256: ["/b.txt"]})
    assert plan.verdicts == [Verdict("loaded"), Verdict("replaced"), Verdict("duplicate", "/a.txt", True)]
    assert (plan.to_write, plan.to_delete, plan.to_clear) == ([a, b], ["/b.txt"], [])
