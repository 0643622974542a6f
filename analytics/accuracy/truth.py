"""Scoring a database against labelled truth, with exactly the semantics of the project's scorer
(../shared/tools/score.py): what `analytics accuracy` prints.

Truth is a JSON list of documents: `{file, department, region, year, kind, facts}` with optional
`department_alts`, `region_alts`, …; a fact is `{metric, measure?='amount', kind?=the document's,
year?, value, alt_metrics?}`. Documents are matched by file name (the last loaded file of that name).

- A truth fact is **found** when a stated fact of its document has its metric (or an alternative:
  `income_fiscal_appropriation` and `income_general_public_budget` answer each other; a 收入总计 /
  支出总计 answers an `income_total` / `expenditure_total` label), its measure and kind (and year,
  where the truth gives one) and a value within 0.005; **wrong** when stated facts exist for that key
  but none has the value; **missing** otherwise. Extra facts are not counted.
- Metadata: department (the printed name answers too), region (one name ending the other counts:
  红桥区 / 天津市红桥区), year and kind, compared with spaces removed; a field the truth leaves null is
  not counted.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

SAME = ({"income_fiscal_appropriation", "income_general_public_budget"},)
ALSO = {"income_total": {"income_grand_total"}, "expenditure_total": {"expenditure_grand_total"}}
METADATA_FIELDS = ("department", "region", "year", "kind")


@dataclass
class Count:
    """Figures of one metric or one document: found, wrong, missing (of `total`)."""

    found: int = 0
    wrong: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.found + self.wrong + self.missing


@dataclass
class TruthScore:
    """The outcome of `score_database`: the scorer's totals, then per metric, field and document."""

    documents: int = 0
    facts: Count = field(default_factory=Count)
    metadata_right: int = 0
    metadata_total: int = 0
    by_metric: dict[str, Count] = field(default_factory=dict)
    by_field: dict[str, list[int]] = field(default_factory=dict)  # field -> [right, total]
    by_document: dict[str, Count] = field(default_factory=dict)
    metadata_misses: dict[str, list[str]] = field(default_factory=dict)  # file -> fields wrong
    misses: list[str] = field(default_factory=list)  # the scorer's -v lines, in its order

    @property
    def recall(self) -> float:
        return self.facts.found / self.facts.total if self.facts.total else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.facts.wrong / self.facts.total if self.facts.total else 0.0

    @property
    def metadata(self) -> float:
        return self.metadata_right / self.metadata_total if self.metadata_total else 1.0

    def summary(self) -> str:
        """The scorer's last line, character for character."""
        f = self.facts
        return (
            f"facts found {f.found}/{f.total} ({self.recall:.1%}), wrong {f.wrong} ({self.wrong_rate:.1%}), "
            f"metadata {self.metadata_right}/{self.metadata_total} ({self.metadata:.1%}) over {self.documents} docs"
        )

    def passes(self, min_recall: float = 0.9, max_wrong: float = 0.02, min_meta: float = 0.9) -> bool:
        """The scorer's exit test (its default thresholds)."""
        return self.recall >= min_recall and self.wrong_rate <= max_wrong and self.metadata >= min_meta


def load_truth(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The truth documents of a JSON file (a list of objects, each with `file` and `facts`)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(d, dict) and "file" in d for d in data):
        raise ValueError(f"{path}: a truth file is a JSON list of documents, each with 'file' and 'facts'")
    return data


def _alternatives(metric: str, extra: Sequence[str]) -> set[str]:
    alts = {metric, *extra} | ALSO.get(metric, set())
    for group in SAME:
        if metric in group:
            alts |= group
    return alts


def _norm(value: object) -> str | None:
    return str(value).replace(" ", "") if value is not None else None


def score_database(db_path: str | os.PathLike[str], truth: list[dict[str, Any]]) -> TruthScore:
    """Score the documents and stated facts of a database against `truth`."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        columns = {
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_name = 'documents'"
            ).fetchall()
        }
        printed = "department_printed" if "department_printed" in columns else "department"
        docs = con.execute(
            f"select source_path, department, region, year, kind, status, {printed} from documents"
        ).fetchall()
        rows = con.execute(
            "select source_path, metric, measure, kind, year, cast(value as double) from facts "
            "where basis = 'stated'"
        ).fetchall()
    finally:
        con.close()
    by_file = {os.path.basename(d[0]): d for d in docs}
    facts: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for source_path, metric, measure, kind, year, value in rows:
        facts[os.path.basename(source_path)].append((metric, measure, kind, year, value))
    score = TruthScore(documents=len(truth))
    for doc in truth:
        _score_metadata(doc, by_file.get(doc["file"]), score)
        _score_facts(doc, facts.get(doc["file"], []), score)
    return score


def _score_metadata(doc: dict[str, Any], row: tuple[Any, ...] | None, score: TruthScore) -> None:
    name = doc["file"]
    for index, field_name in enumerate(METADATA_FIELDS, start=1):
        if doc.get(field_name) is None:
            continue
        score.metadata_total += 1
        tally = score.by_field.setdefault(field_name, [0, 0])
        tally[1] += 1
        got = row[index] if row else None
        wanted = {_norm(doc[field_name])} | {_norm(x) for x in doc.get(field_name + "_alts", [])}
        if field_name == "department" and row and _norm(row[6]) in wanted:
            got = row[6]  # the name as printed answers a label written as the text names it
        if field_name == "region" and got:
            here = _norm(got) or ""
            if any(w and (w.endswith(here) or here.endswith(w)) for w in wanted):
                got = doc[field_name]  # 红桥区 and 天津市红桥区 name the same region
        if _norm(got) in wanted:
            score.metadata_right += 1
            tally[0] += 1
        else:
            score.misses.append(f"{name}: {field_name} = {got!r}, want {doc[field_name]!r}")
            score.metadata_misses.setdefault(name, []).append(field_name)


def _score_facts(doc: dict[str, Any], mine: list[tuple[Any, ...]], score: TruthScore) -> None:
    name = doc["file"]
    per_document = score.by_document.setdefault(name, Count())
    for truth_fact in doc["facts"]:
        metrics = _alternatives(truth_fact["metric"], truth_fact.get("alt_metrics", []))
        measure = truth_fact.get("measure", "amount")
        kind = truth_fact.get("kind", doc["kind"])
        candidates = [
            m
            for m in mine
            if m[0] in metrics
            and m[1] == measure
            and m[2] == kind
            and ("year" not in truth_fact or m[3] == truth_fact["year"])
        ]
        per_metric = score.by_metric.setdefault(truth_fact["metric"], Count())
        label = f"{truth_fact['metric']}/{measure}/{kind}"
        if any(abs(m[4] - truth_fact["value"]) < 0.005 for m in candidates):
            outcome = "found"
        elif candidates:
            outcome = "wrong"
            values = [m[4] for m in candidates]
            score.misses.append(f"{name}: WRONG {label} = {values}, want {truth_fact['value']}")
        else:
            outcome = "missing"
            score.misses.append(f"{name}: missing {label} = {truth_fact['value']}")
        for count in (score.facts, per_metric, per_document):
            setattr(count, outcome, getattr(count, outcome) + 1)
