"""Figures' quality flags in the analyses: doubtful figures are left out by default, and said so.

Every fact carries a `quality` (see `analytics.load.quality`): `ok`, `failed_check` (a failed check of
its document names it: `quality_checks` says which), `corrected` (a hand correction set it) or
`derived`. The analyses (`metric_series`, `execution_rates`, `three_public_composition`, and what is
built on them) leave `failed_check` figures out unless `include_failed=True`, and say how many they
left out with a `FailedFiguresLeftOut` warning (shown once per message in a notebook; turn it into an
error with `warnings.simplefilter("error", FailedFiguresLeftOut)`, or off with "ignore"). A result on
a fixed panel says it in `describe()` too.

>>> import polars as pl
>>> frame = pl.DataFrame({"value": [1.0, 2.0], "quality": ["ok", "failed_check"]})
>>> kept, left_out = without_failed(frame)
>>> kept.height, left_out
(1, 1)
"""

from __future__ import annotations

import warnings

import polars as pl

from analytics.analysis.frames import query
from analytics.load import Store

FAILED = "failed_check"


class FailedFiguresLeftOut(UserWarning):
    """An analysis left out figures whose document failed a check naming them."""


def without_failed(frame: pl.DataFrame, column: str = "quality") -> tuple[pl.DataFrame, int]:
    """The rows whose `quality` is not `failed_check`, and how many were dropped."""
    if column not in frame.columns:
        return frame, 0
    kept = frame.filter(pl.col(column).fill_null("ok") != FAILED)
    return kept, frame.height - kept.height


def exclude_failed(frame: pl.DataFrame, what: str, *, include_failed: bool = False) -> pl.DataFrame:
    """`frame` without its `failed_check` rows (unless `include_failed`), warning how many went.

    `what` names the analysis for the message ('metric_series vehicle_operation final').
    """
    if include_failed:
        return frame
    kept, left_out = without_failed(frame)
    if left_out:
        warnings.warn(left_out_message(what, left_out), FailedFiguresLeftOut, stacklevel=3)
    return kept


def left_out_message(what: str, count: int) -> str:
    """'metric_series reception budget: 2 figures left out for a failed check (quality = …)'"""
    noun = "figure" if count == 1 else "figures"
    return (
        f"{what}: {count} {noun} left out for a failed check (quality = 'failed_check'; see "
        "quality_checks); pass include_failed=True to keep them"
    )


def quality_summary(store: Store) -> pl.DataFrame:
    """How many figures of each quality, per metric: metric, ok, failed_check, corrected, derived.

    >>> quality_summary(db).sort("failed_check", descending=True)  # doctest: +SKIP
    """
    return query(
        store,
        """
        SELECT metric,
               count(*) FILTER (WHERE quality = 'ok') AS ok,
               count(*) FILTER (WHERE quality = 'failed_check') AS failed_check,
               count(*) FILTER (WHERE quality = 'corrected') AS corrected,
               count(*) FILTER (WHERE quality = 'derived') AS derived
        FROM facts GROUP BY metric ORDER BY metric
        """,
    )


def corrections(store: Store, *, applied_only: bool = False) -> pl.DataFrame:
    """The hand corrections (the `corrections` table) with each document's department, year and kind:
    every line of the corrections file and what became of it (`status`, `message`).

    >>> corrections(db, applied_only=True)  # doctest: +SKIP
    """
    where = "WHERE c.applied" if applied_only else ""
    return query(
        store,
        f"""
        SELECT d.department, d.year AS document_year, d.kind AS document_kind,
               c.metric, c.measure, c.year, c.kind, c.original_values, c.value, c.reason, c.author,
               c.created_at, c.status, c.applied, c.facts, c.message, c.source_path, c.doc_id, c.line,
               c.file
        FROM corrections AS c
        LEFT JOIN documents AS d ON d.doc_id = c.doc_id AND d.status = 'ok'
        {where}
        ORDER BY c.applied DESC, d.department NULLS LAST, c.year, c.metric, c.line
        """,
    )


def document_regions(store: Store) -> pl.DataFrame:
    """Each document's region with its code and chain, and how it was resolved: `resolution` is
    `code` (a GB/T 2260 division), `central` (a central department, `documents.level`: no region),
    `zone` (a functional zone, which has no code) or `unresolved` (no region could be told: listed,
    never guessed).

    >>> document_regions(db).filter(pl.col("resolution") == "unresolved")  # doctest: +SKIP
    """
    return query(
        store,
        """
        SELECT d.source_path, d.department, d.department_printed, d.region, d.region_code,
               r.level, r.province, r.prefecture, r.county,
               CASE WHEN d.region_code IS NOT NULL THEN 'code'
                    WHEN d.level = 'central' THEN 'central'
                    WHEN d.region IS NOT NULL THEN 'zone'
                    ELSE 'unresolved' END AS resolution
        FROM documents AS d LEFT JOIN regions AS r ON r.code = d.region_code
        WHERE d.status = 'ok'
        ORDER BY d.region_code NULLS LAST, d.source_path
        """,
    )


__all__ = [
    "FailedFiguresLeftOut",
    "corrections",
    "document_regions",
    "exclude_failed",
    "left_out_message",
    "quality_summary",
    "without_failed",
]
