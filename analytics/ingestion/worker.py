"""What a worker does with one file: read, extract, validate and build its rows, under the time limits.

`parse_file` is a pure function of a file's bytes (and path): it runs in worker processes (or on a
cluster) and returns the file's rows (`PreparedDocument`) or a `FileError` naming the file and the
stage that failed; it never raises for a bad file, nor for a bug in a stage. `parse_files` is the
task a worker runs: a few files, with this package's settings (ANALYTICS_* variables, e.g. the read
limits) as the calling process sees them.

>>> parse_file("no/such/file.txt").message  # doctest: +ELLIPSIS
'read failed for no/such/file.txt: ...'
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from analytics.errors import AnalyticsError, ReadError
from analytics.ingestion.files import require_regular_file
from analytics.ingestion.report import FileError
from analytics.load.batch import PreparedDocument, build_rows
from analytics.model import Check, Document, Extraction
from analytics.settings import read_timeout_s

Reader = Callable[[Path], Document]
Extractor = Callable[[Document], Extraction]
Validator = Callable[[Extraction], list[Check]]

Parsed = PreparedDocument | FileError

Task = tuple[tuple[int, str, str | None], ...]
"""(index in the run, path, sha256) per file."""

ENV_PREFIX = "ANALYTICS_"
"""Settings (read limits) that workers must see as the calling process does."""


def stage_functions() -> tuple[Reader, Extractor, Validator]:
    """The stage functions, imported on first use so that `import analytics` stays light."""
    from analytics.extract import extract
    from analytics.read import read_document
    from analytics.validate import validate

    return read_document, extract, validate


def parse_file(path: str, sha256: str | None = None) -> Parsed:
    """Read, extract, validate and build the rows of one file: a pure function of its bytes (and path).

    Never raises for a bad file (nor for a bug in a stage): the failure is returned, naming the file
    and the stage. Runs in worker processes; `sha256` is the hash the caller saw, for the record.
    """
    from analytics.read.limits import ReadTimeout, time_limit

    read_document, extract, validate = stage_functions()
    stage = "read"
    try:
        document = _read(read_document, path, sha256)
        sha256 = document.sha256
        with time_limit():  # the rest of the file's work has a time limit of its own
            stage = "extract"
            extraction = extract(document)
            stage = "validate"
            checks = validate(extraction)
            stage = "load"
            return build_rows(document, extraction, checks)
    except ReadTimeout as exc:
        detail, error_type = exc.message, type(exc).__name__
        if stage != "read":
            detail = (
                f"the {stage} stage took longer than the time limit of {read_timeout_s() or 0:g} s "
                "(set ANALYTICS_READ_TIMEOUT_S to change it)"
            )
    except AnalyticsError as exc:
        detail, error_type = exc.message, type(exc).__name__
    except Exception as exc:  # a bug in a stage must not stop the batch; keep its type for the report
        detail, error_type = f"unexpected {type(exc).__name__}: {exc}", type(exc).__name__
    return FileError(path, stage, f"{stage} failed for {path}: {detail}", error_type, sha256)


def _read(read_document: Reader, path: str, sha256: str | None) -> Document:
    """The read stage, opening the file included, under the read time limit; only a regular file,
    and only the bytes that were hashed (a file swapped since then, e.g. for a symlink out of the
    folder, is refused)."""
    from analytics.read.limits import time_limit  # the read package is heavy: import on first use

    with time_limit():
        require_regular_file(path)
        document = read_document(Path(path))
    if sha256 is not None and document.sha256 != sha256:
        raise ReadError(
            "the file changed while it was being ingested (its bytes are not those hashed moments "
            "before); ingest it again",
            path=path,
        )
    if document.source_path != path:  # rows are keyed by the path as we found it
        document = replace(document, source_path=path)
    return document


def parse_files(task: Task, environment: dict[str, str] | None = None) -> list[tuple[int, Parsed]]:
    """`parse_file` for each file of a task: what worker processes and cluster workers run.

    `environment`: this package's settings (ANALYTICS_* variables, e.g. the read limits) as the
    calling process sees them, applied first so that every worker reads with the same limits.
    """
    if environment is not None:
        _apply_environment(environment)
    return [(index, parse_file(path, sha256)) for index, path, sha256 in task]


def settings_environment() -> dict[str, str]:
    """This process's ANALYTICS_* settings, to send with every task."""
    return {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}


def _apply_environment(environment: dict[str, str]) -> None:
    for key in [k for k in os.environ if k.startswith(ENV_PREFIX) and k not in environment]:
        del os.environ[key]
    os.environ.update(environment)


__all__ = ["Parsed", "Task", "parse_file", "parse_files", "settings_environment", "stage_functions"]
