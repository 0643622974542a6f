"""Adding one correction (`analytics correct`): checked against the database, appended to the
corrections file, and the whole file applied again at once."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from analytics.load.corrections.apply import FIGURES, CorrectionsReport, apply_corrections
from analytics.load.corrections.file import (
    Correction,
    CorrectionError,
    Outcome,
    append_line,
    corrections_path,
    parse_line,
)
from analytics.load.store import Store


def add_correction(
    store: Store,
    document: str,
    *,
    metric: str,
    year: int,
    kind: str,
    value: Decimal | str | float,
    reason: str,
    measure: str = "amount",
    author: str | None = None,
    path: str | os.PathLike[str] | None = None,
) -> tuple[Outcome, CorrectionsReport]:
    """Record a correction in the corrections file and apply the file to the database at once.

    `document` is the document's file path (as ingested), its doc_id or its sha256. The figure must
    be one the document states (a stated fact of that metric, measure, year and kind): the outcome
    says which values it replaced. `path` is the corrections file (default: `corrections_path`).
    Raises CorrectionError, with nothing written, when the document or the figure is not there.

    >>> with open_store("data/analytics.duckdb") as store:  # doctest: +SKIP
    ...     outcome, _ = add_correction(store, "data/samples/…/审计局_2019_预算.doc", metric="reception",
    ...                                 year=2019, kind="budget", value="1.65", reason="表中数字有误")
    """
    file = corrections_path(store.path, path)
    if file is None:
        raise CorrectionError("an in-memory database has no corrections file: name one with path=")
    sha256, source_path = _document(store, document)
    cells = {
        "doc_id": sha256[:16],
        "source_path": source_path,
        "sha256": sha256,
        "metric": metric,
        "measure": measure,
        "year": str(year),
        "kind": kind,
        "value": str(value),
        "reason": reason.strip(),
        "author": (author or "").strip(),
        "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
    }
    try:
        correction = parse_line(0, cells)
    except ValueError as exc:
        raise CorrectionError(str(exc)) from exc
    _require_figure(store, correction, source_path)
    append_line(file, cells)
    report = apply_corrections(store, file)
    outcome = next(
        o for o in reversed(report.outcomes) if o.correction and o.correction.key == correction.key
    )
    return outcome, report


def _document(store: Store, document: str) -> tuple[str, str]:
    """(sha256, source_path) of a loaded document named by its path, doc_id or sha256."""
    name = document.strip()
    rows = store.connection.execute(
        "SELECT sha256, source_path FROM documents WHERE status = 'ok' AND "
        "(source_path = $1 OR source_path = $2 OR doc_id = lower($3) OR sha256 = lower($3))",
        [name, os.path.abspath(name), name],
    ).fetchall()
    if not rows:
        raise CorrectionError(
            f"no document {document!r} in the database (name it by the path it was ingested from, its "
            "doc_id or its sha256); nothing was written",
            path=store.path,
        )
    sha256, source_path = rows[0]
    return str(sha256), str(source_path)


def _require_figure(store: Store, correction: Correction, source_path: str) -> None:
    """CorrectionError, naming the figures the document does state, unless it states (or a
    correction already set) the figure `correction` corrects."""
    con = store.connection
    c = correction
    key = [c.document, c.metric, c.measure, c.year, c.kind]
    if (
        con.execute(FIGURES, [*key, "stated"]).fetchall()
        or con.execute(FIGURES, [*key, "corrected"]).fetchall()
    ):
        return
    stated = con.execute(
        "SELECT DISTINCT measure, year, kind FROM facts WHERE doc_id = $1 AND metric = $2 "
        "AND basis IN ('stated', 'corrected') ORDER BY 1, 2, 3",
        [c.document, c.metric],
    ).fetchall()
    has = "; ".join(f"{m} {y} {k}" for m, y, k in stated) or "none"
    raise CorrectionError(
        f"{source_path} states no {c.metric} {c.measure} for {c.year} {c.kind} (its {c.metric} figures: "
        f"{has}); nothing was written",
    )


__all__ = ["add_correction"]
