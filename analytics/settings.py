"""Settings read from ANALYTICS_* environment variables, in a module light enough for any process to
import (the read stage's limits live in `analytics.read.limits`, which loads every reader)."""

from __future__ import annotations

import os

from analytics.errors import ReadError

READ_TIMEOUT_S = 60.0
"""The time limit of each step of one file (hashing, reading, the stages after), in seconds."""


def number(name: str, default: float) -> float:
    """A number from the environment, or the default; ReadError for a value that is not a number."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ReadError(f"the environment variable {name} must be a number, not {raw!r}") from None


def read_timeout_s() -> float | None:
    """The time limit per document in seconds (None: no limit), from ANALYTICS_READ_TIMEOUT_S."""
    seconds = number("ANALYTICS_READ_TIMEOUT_S", READ_TIMEOUT_S)
    return seconds if seconds > 0 else None


__all__ = ["READ_TIMEOUT_S", "number", "read_timeout_s"]
