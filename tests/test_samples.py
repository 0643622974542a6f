"""Ingesting the bundled samples reproduces their truth files (data/samples/README.md).

The corpus is synthetic and its generator wrote the truth from the same data it rendered, so every
stated figure, classification line, activity, metadata field and planted inconsistency is known. The
figures a reader might lose are pinned in KNOWN_GAPS by file (none today): a new miss, a wrong value
or a closed gap all fail this test.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

import analytics
from analytics.load import open_store

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"

# Stated figures a reader loses, by file (none today: keep it empty or explain every entry).
KNOWN_GAPS: dict[str, int] = {}

Key = tuple[str, str, int, str, Decimal, str]


def _rows(name: str) -> list[dict[str, str]]:
    with (SAMPLES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _sha(path: str) -> str:
    return hashlib.sha256((SAMPLES / path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("samples") / "samples.duckdb"
    report = analytics.ingest([SAMPLES / "synthetic", SAMPLES / "langfang_kexie_2017_budget.txt"], db=path)
    assert report.errors == []
    return path


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with open_store(db, read_only=True) as store:
        return store.query(sql).rows


def test_every_stated_figure_as_the_truth_says(db: Path) -> None:
    # Files with the same bytes are loaded once (the twin is a duplicate): compare by content.
    by_path: dict[str, Counter[Key]] = defaultdict(Counter)
    for r in _rows("truth_facts.csv"):
        value = Decimal(r["value"]).normalize()
        by_path[r["path"]][(r["metric"], r["measure"], int(r["year"]), r["kind"], value, r["method"])] += 1
    truth: dict[str, Counter[Key]] = {}
    paths: dict[str, str] = {}
    for path, counts in sorted(by_path.items()):
        sha = _sha(path)
        truth.setdefault(sha, counts)
        paths.setdefault(sha, path)
    got: dict[str, Counter[Key]] = defaultdict(Counter)
    for sha, metric, measure, year, kind, value, method in _query(
        db,
        "select d.sha256, f.metric, f.measure, f.year, f.kind, f.value, f.method from facts f "
        "join documents d using (source_path) where f.basis = 'stated'",
    ):
        assert isinstance(value, Decimal)
        got[str(sha)][
            (str(metric), str(measure), int(str(year)), str(kind), value.normalize(), str(method))
        ] += 1
    missing = {paths[sha]: sum((want - got[sha]).values()) for sha, want in truth.items()}
    wrong = {paths[sha]: sorted(got[sha] - want) for sha, want in truth.items() if got[sha] - want}
    assert wrong == {}
    assert {path: n for path, n in missing.items() if n} == KNOWN_GAPS
    stated = sum(sum(c.values()) for c in truth.values())
    assert stated > 7000


def test_documents_metadata_as_the_manifest_says(db: Path) -> None:
    got = {
        str(sha): (dept, dtype, region, province, year, kind)
        for sha, dept, dtype, region, province, year, kind in _query(
            db, "select sha256, department, department_type, region, province, year, kind from documents"
        )
    }
    for r in _rows("manifest.csv"):
        want = (r["department"], r["department_type"], r["region"], r["province"], int(r["year"]), r["kind"])
        assert got[_sha(r["path"])] == want, r["path"]


def test_classification_lines_as_the_truth_says(db: Path) -> None:
    def money(value: object) -> Decimal | None:
        if value in (None, ""):
            return None
        return Decimal(str(value)).normalize()

    by_path: dict[str, Counter[tuple[object, ...]]] = defaultdict(Counter)
    for r in _rows("truth_budget_lines.csv"):
        by_path[r["path"]][(int(r["year"]), r["kind"], r["classification"], r["code"],
                            money(r["total"]), money(r["basic"]), money(r["project"]))] += 1  # fmt: skip
    truth: dict[str, Counter[tuple[object, ...]]] = {}
    for path, counts in sorted(by_path.items()):
        if path not in KNOWN_GAPS:
            truth.setdefault(_sha(path), counts)
    got: dict[str, Counter[tuple[object, ...]]] = defaultdict(Counter)
    for sha, year, kind, classification, code, total, basic, project in _query(
        db,
        "select d.sha256, b.year, b.kind, b.classification, b.code, b.total, b.basic, b.project "
        "from budget_lines b join documents d using (doc_id)",
    ):
        got[str(sha)][(year, kind, classification, code, money(total), money(basic), money(project))] += 1
    assert {sha: got[sha] for sha in truth} == truth


def test_planted_inconsistencies_are_failed_checks(db: Path) -> None:
    failed = {
        (str(sha), str(metric))
        for sha, metric in _query(
            db,
            "select d.sha256, coalesce(c.metric, c.check_name) from checks c join documents d using (doc_id) "
            "where not c.passed and c.severity = 'error'",
        )
    }
    planted = [r for r in _rows("truth_checks.csv") if r["severity"] == "error"]
    assert planted
    for r in planted:
        # Where the reader lost the table that disagrees with the text, the planted error still
        # shows, as a total its parts do not add up to.
        metric = "" if r["path"] in KNOWN_GAPS else r["metric"].removeprefix("activity:")
        assert any(sha == _sha(r["path"]) and metric in m for sha, m in failed), r["planted"]


def test_nothing_else_fails_as_an_error(db: Path) -> None:
    planted = {_sha(r["path"]) for r in _rows("truth_checks.csv")}
    errors = _query(
        db,
        "select d.source_path, c.message from checks c join documents d using (doc_id) "
        "where not c.passed and c.severity = 'error'",
    )
    assert [(p, m) for p, m in errors if _sha_of_abs(str(p)) not in planted] == []


def _sha_of_abs(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_the_same_disclosure_gives_the_same_facts_in_every_format() -> None:
    from analytics.extract import extract
    from analytics.read import read_document

    folder = SAMPLES / "synthetic" / "same_disclosure"
    facts_by_format = {
        path.suffix: Counter((f.metric, f.measure, f.year, f.kind, f.value.normalize(), f.method)
                             for f in extract(read_document(path)).facts)
        for path in sorted(folder.iterdir())
    }  # fmt: skip
    assert set(facts_by_format) == {".doc", ".docx", ".html", ".pdf", ".txt", ".xls", ".xlsx"}
    first = facts_by_format[".txt"]
    assert sum(first.values()) > 60
    assert all(counts == first for counts in facts_by_format.values())
