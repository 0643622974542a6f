"""Frames handed to the analyses: polars DataFrames, LazyFrames (collected here), or a result object
holding one in `.frame` (a `PanelResult`), checked for the columns the function needs.

>>> lazy = pl.LazyFrame({"department": ["a"], "year": [2016], "value": [1.0]})
>>> as_frame(lazy, needs=("department", "year", "value")).shape
(1, 3)
>>> as_frame(pl.DataFrame({"year": [2016]}), needs=("department", "year"), what="a series")
Traceback (most recent call last):
...
analytics.analysis.names.UnknownNameError: a series needs the column(s) department; this frame has: year
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from analytics.analysis.names import UnknownNameError

FrameLike = pl.DataFrame | pl.LazyFrame | Any
"""A DataFrame, a LazyFrame, or an object with a `.frame` DataFrame (e.g. `PanelResult`)."""


def as_frame(frame: FrameLike, *, needs: Sequence[str] = (), what: str = "the frame") -> pl.DataFrame:
    """`frame` as a DataFrame (a LazyFrame is collected, a result object gives its `.frame`), with
    the columns `needs` present; a missing column raises `UnknownNameError` naming the columns there are.
    """
    if isinstance(frame, pl.LazyFrame):
        frame = frame.collect()
    elif not isinstance(frame, pl.DataFrame) and isinstance(getattr(frame, "frame", None), pl.DataFrame):
        frame = frame.frame
    if not isinstance(frame, pl.DataFrame):
        raise TypeError(f"{what} must be a polars DataFrame or LazyFrame, not {type(frame).__name__}")
    missing = [c for c in needs if c not in frame.columns]
    if missing:
        raise UnknownNameError(
            f"{what} needs the column(s) {', '.join(missing)}; this frame has: {', '.join(frame.columns)}"
        )
    return frame


__all__ = ["FrameLike", "as_frame"]
