"""How well extraction does on a folder of hand-checked cases: figures found, wrong, missing and
spurious per metric, and metadata right or wrong per field.

A case is a disclosure `NAME.txt` (any encoding the text reader takes) with `NAME.expected.json`
beside it:

    {
      "file_name": "2019年度部门预算公开.pdf",      # optional: the name the file had when published
      "metadata": {"department": "…", "department_printed": "…", "department_type": "…",
                   "region": "…", "province": "…", "year": 2019, "kind": "budget"},
      "facts": [["three_public_total", "amount", 2019, "budget", "29"], …]
    }

`facts` lists every figure the document states (metric, measure, year, kind, value in 万元 / count /
percent), once per distinct (metric, measure, year, kind). Only stated facts are compared: derived
ones are computed by us. A figure extracted under an expected key is *found* when every value
extracted for that key equals the expected one, *wrong* when any differs; an expected key with no
extracted fact is *missing*; an extracted key that no expected figure has is *spurious*.

    .venv/bin/python tests/cases/cases_report.py [CASES_DIR]   # the report as Markdown tables

It is a development tool (docs/accuracy.md is written from it), not part of the package: what users
run on their own labelled files is `analytics accuracy PATH --truth FILE` (`analytics.accuracy`).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from analytics.extract import extract
from analytics.model import Extraction, Metadata
from analytics.read import read_document

METADATA_FIELDS = (
    "department",
    "department_printed",
    "department_type",
    "region",
    "province",
    "year",
    "kind",
)

FactKey = tuple[str, str, int, str]  # metric, measure, year, kind


@dataclass
class Tally:
    """Counts of figures for one metric, one case or overall."""

    expected: int = 0
    found: int = 0
    wrong: int = 0
    missing: int = 0
    spurious: int = 0

    def add(self, other: Tally) -> None:
        self.expected += other.expected
        self.found += other.found
        self.wrong += other.wrong
        self.missing += other.missing
        self.spurious += other.spurious

    @property
    def recall(self) -> float:
        """Share of the stated figures found with the right value."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def error_rate(self) -> float:
        """Share of the extracted figures whose value is wrong or that the document does not state."""
        extracted = self.found + self.wrong + self.spurious
        return (self.wrong + self.spurious) / extracted if extracted else 0.0


@dataclass
class Problem:
    """One figure that did not come out right, for reading the report."""

    case: str
    outcome: str  # 'wrong' | 'missing' | 'spurious'
    key: FactKey
    expected: Decimal | None
    extracted: tuple[Decimal, ...]
    quote: str | None = None


@dataclass
class CaseResult:
    name: str
    tally: Tally
    metadata_wrong: dict[str, tuple[object, object]]  # field -> (expected, extracted)


@dataclass
class AccuracyReport:
    """The outcome of `accuracy_report`: totals, per metric, per case and per metadata field."""

    cases: list[CaseResult] = field(default_factory=list)
    by_metric: dict[str, Tally] = field(default_factory=dict)
    overall: Tally = field(default_factory=Tally)
    metadata_right: Counter[str] = field(default_factory=Counter)
    metadata_wrong: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    @property
    def metadata_accuracy(self) -> float:
        right, wrong = sum(self.metadata_right.values()), sum(self.metadata_wrong.values())
        return right / (right + wrong) if right + wrong else 1.0

    def to_markdown(self) -> str:
        """The report as Markdown tables: overall, per metric, metadata per field, problems."""
        return format_report(self)


def load_case(expected_path: Path) -> tuple[dict[str, object], dict[FactKey, Decimal], str | None]:
    """The expected metadata, figures and published file name of one case."""
    data = json.loads(expected_path.read_text(encoding="utf-8"))
    facts: dict[FactKey, Decimal] = {}
    for metric, measure, year, kind, value in data["facts"]:
        key = (metric, measure, int(year), kind)
        if key in facts:
            raise ValueError(f"{expected_path.name}: {key} listed twice")
        facts[key] = Decimal(str(value))
    return dict(data["metadata"]), facts, data.get("file_name")


def case_paths(cases_dir: str | Path) -> list[tuple[str, Path, Path]]:
    """(name, text file, expected file) of every case in a folder, by name."""
    folder = Path(cases_dir)
    found = []
    for expected in sorted(folder.glob("*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        text = folder / f"{name}.txt"
        if not text.exists():
            raise FileNotFoundError(f"{expected}: no {text.name} beside it")
        found.append((name, text, expected))
    return found


def extract_case(text_path: Path, file_name: str | None = None) -> Extraction:
    """Read and extract one case file, as if it had been published under `file_name`."""
    document = read_document(text_path)
    if file_name:
        document = replace(document, source_path=str(Path("/published") / file_name))
    return extract(document)


def accuracy_report(cases_dir: str | Path) -> AccuracyReport:
    """Extract every case in `cases_dir` and compare it with its expected figures and metadata."""
    report = AccuracyReport()
    for name, text_path, expected_path in case_paths(cases_dir):
        want_meta, want_facts, file_name = load_case(expected_path)
        extraction = extract_case(text_path, file_name)
        tally = _compare_facts(name, want_facts, extraction, report)
        meta_wrong = _compare_metadata(want_meta, extraction.metadata, report)
        report.cases.append(CaseResult(name, tally, meta_wrong))
        report.overall.add(tally)
    return report


def _compare_facts(
    name: str, want: dict[FactKey, Decimal], extraction: Extraction, report: AccuracyReport
) -> Tally:
    got: dict[FactKey, set[Decimal]] = {}
    quotes: dict[FactKey, str] = {}
    for fact in extraction.facts:
        if fact.basis != "stated":
            continue
        key: FactKey = (fact.metric, str(fact.measure), fact.year, str(fact.kind))
        got.setdefault(key, set()).add(fact.value)
        quotes.setdefault(key, fact.quote)
    case = Tally()
    for key in sorted(want.keys() | got.keys()):
        per_metric = report.by_metric.setdefault(key[0], Tally())
        one = Tally()
        values = tuple(sorted(got.get(key, ())))
        if key in want:
            one.expected = 1
            if not values:
                one.missing = 1
                outcome = "missing"
            elif all(v == want[key] for v in values):
                one.found = 1
                outcome = ""
            else:
                one.wrong = 1
                outcome = "wrong"
        else:
            one.spurious = 1
            outcome = "spurious"
        if outcome:
            report.problems.append(Problem(name, outcome, key, want.get(key), values, quotes.get(key)))
        per_metric.add(one)
        case.add(one)
    return case


def _compare_metadata(
    want: dict[str, object], got: Metadata, report: AccuracyReport
) -> dict[str, tuple[object, object]]:
    wrong: dict[str, tuple[object, object]] = {}
    for name in METADATA_FIELDS:
        if name not in want:
            continue
        value = getattr(got, name)
        if value == want[name]:
            report.metadata_right[name] += 1
        else:
            report.metadata_wrong[name] += 1
            wrong[name] = (want[name], value)
    return wrong


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def format_report(report: AccuracyReport) -> str:
    """Markdown tables of an `AccuracyReport`."""
    t = report.overall
    lines = [
        f"Cases: {len(report.cases)}. Figures stated: {t.expected}; found with the right value: "
        f"{t.found} ({_pct(t.recall)}); wrong value: {t.wrong}; missing: {t.missing}; spurious "
        f"(extracted but not stated): {t.spurious}. Error rate (wrong + spurious among extracted): "
        f"{_pct(t.error_rate)}. Metadata fields right: {_pct(report.metadata_accuracy)}.",
        "",
        "## Figures per metric",
        "",
        "| metric | stated | found | wrong | missing | spurious | recall | error rate |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for metric, m in sorted(report.by_metric.items(), key=lambda kv: (-kv[1].expected, kv[0])):
        lines.append(
            f"| {metric} | {m.expected} | {m.found} | {m.wrong} | {m.missing} | {m.spurious} | "
            f"{_pct(m.recall)} | {_pct(m.error_rate)} |"
        )
    lines.append(
        f"| **all** | **{t.expected}** | **{t.found}** | **{t.wrong}** | **{t.missing}** | "
        f"**{t.spurious}** | **{_pct(t.recall)}** | **{_pct(t.error_rate)}** |"
    )
    lines += ["", "## Metadata per field", "", "| field | right | wrong | accuracy |", "|---|---:|---:|---:|"]
    for name in METADATA_FIELDS:
        right, wrong = report.metadata_right[name], report.metadata_wrong[name]
        accuracy = right / (right + wrong) if right + wrong else 1.0
        lines.append(f"| {name} | {right} | {wrong} | {_pct(accuracy)} |")
    lines += [
        "",
        "## Per case",
        "",
        "| case | stated | found | wrong | missing | spurious | metadata wrong |",
    ]
    lines.append("|---|---:|---:|---:|---:|---:|---|")
    for case in report.cases:
        c = case.tally
        meta = "; ".join(f"{k}: {g!r} (want {w!r})" for k, (w, g) in case.metadata_wrong.items())
        lines.append(
            f"| {case.name} | {c.expected} | {c.found} | {c.wrong} | {c.missing} | {c.spurious} | {meta} |"
        )
    if report.problems:
        lines += [
            "",
            "## Figures not right",
            "",
            "| case | outcome | figure | expected | extracted | quote |",
        ]
        lines.append("|---|---|---|---:|---:|---|")
        for p in report.problems:
            metric, measure, year, kind = p.key
            quote = (p.quote or "").replace("|", "/")[:80]
            extracted = ", ".join(str(v) for v in p.extracted)
            lines.append(
                f"| {p.case} | {p.outcome} | {metric} {measure} {year} {kind} | "
                f"{'' if p.expected is None else p.expected} | {extracted} | {quote} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy report of a cases folder (default: tests/cases/extract)."""
    args = sys.argv[1:] if argv is None else argv
    folder = args[0] if args else "tests/cases/extract"
    print(format_report(accuracy_report(folder)), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
