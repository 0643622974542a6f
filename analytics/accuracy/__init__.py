"""How well extraction does against labelled truth.

- `accuracy(paths, truth)` ingests files into a temporary database and scores it with exactly the
  semantics of the project's scorer (`truth`, the same as ../shared/tools/score.py): what
  `analytics accuracy PATH... --truth FILE` prints.

The report on the project's own hand-written cases (tests/cases/extract), which also counts
spurious figures and checks department types and provinces, is a development tool beside them:
tests/cases/cases_report.py.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from analytics.accuracy.truth import TruthScore, load_truth, score_database

__all__ = ["TruthScore", "accuracy", "load_truth", "score_database", "to_markdown"]


def accuracy(
    paths: Iterable[str | os.PathLike[str]],
    truth: str | os.PathLike[str],
    *,
    db: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
) -> TruthScore:
    """Ingest `paths` (into `db`, else a temporary database removed afterwards) and score the result
    against the truth file.

    >>> score = accuracy(["../shared/real/excerpts"], "../shared/real/excerpts.json")  # doctest: +SKIP
    >>> score.summary()  # doctest: +SKIP
    'facts found 480/508 (94.5%), wrong 2 (0.4%), metadata 180/187 (96.3%) over 55 docs'
    """
    from analytics.ingestion import ingest  # the ingest machinery only when scoring for real

    wanted = load_truth(truth)
    if db is not None:
        ingest(list(paths), db=db, jobs=jobs)
        return score_database(db, wanted)
    with tempfile.TemporaryDirectory(prefix="analytics-accuracy-") as folder:
        path = Path(folder) / "accuracy.duckdb"
        ingest(list(paths), db=path, jobs=jobs)
        return score_database(path, wanted)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def to_markdown(score: TruthScore, *, misses: bool = False) -> str:
    """The score as Markdown: the summary line, figures per metric, metadata per field, per document,
    and (with `misses`) every figure or field not right."""
    lines = [
        score.summary(),
        "",
        "| metric | labelled | found | wrong | missing | found % |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for metric, c in sorted(score.by_metric.items(), key=lambda kv: (-kv[1].total, kv[0])):
        lines.append(
            f"| {metric} | {c.total} | {c.found} | {c.wrong} | {c.missing} | {_pct(c.found, c.total)} |"
        )
    f = score.facts
    lines.append(
        f"| **all** | **{f.total}** | **{f.found}** | **{f.wrong}** | **{f.missing}** | "
        f"**{_pct(f.found, f.total)}** |"
    )
    lines += ["", "| metadata field | right | labelled | right % |", "|---|---:|---:|---:|"]
    for name, (right, total) in score.by_field.items():
        lines.append(f"| {name} | {right} | {total} | {_pct(right, total)} |")
    lines += [
        "",
        "| document | labelled | found | wrong | missing | metadata wrong |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, c in score.by_document.items():
        wrong_fields = ", ".join(score.metadata_misses.get(name, []))
        lines.append(f"| {name} | {c.total} | {c.found} | {c.wrong} | {c.missing} | {wrong_fields} |")
    if misses and score.misses:
        lines += ["", "Not right:", "", *(f"- {line}" for line in score.misses)]
    return "\n".join(lines) + "\n"
