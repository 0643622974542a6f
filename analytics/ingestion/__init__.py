"""Ingestion: files -> read -> extract -> validate -> load, for a whole folder at a time.

Every file ends in exactly one `LoadResult`. A file that fails at any stage is recorded (in the report
and in the database) and the batch goes on. The library never prints: pass `progress` to follow along.

How a run goes (see docs/scale.md):

1. The files are listed, then hashed (sha256) a chunk at a time by a few threads of this process.
   One query up front says which paths are already loaded with the same bytes and parser version:
   those are 'unchanged' and are never read. One query per chunk finds bytes loaded under another
   path ('duplicate'). A file whose bytes another file of this run is already parsing waits for it.
2. The rest is parsed (read, extract, validate, and made into rows, column by column) by `jobs` worker processes
   (or on a Dask cluster), a few files per task, with a bounded number of tasks in flight: memory
   stays flat however large the corpus.
3. This process alone writes the database, in batches: up to `batch_size` documents, or whatever
   arrived within FLUSH_SECONDS, in one transaction with one bulk INSERT per table. A run that is
   killed loses at most the batch being written (it is rolled back as a whole; the database stays
   consistent) and the documents still being parsed; the next run settles what was committed as
   'unchanged' and does the rest. If a batch cannot be written, its documents are written one by one
   so that only the one at fault fails.

The modules, in the order a run meets them: `discovery` (the walk: which files, what is skipped,
what `prune` may delete), `files` (opening and hashing a file safely), `intake` (hashing ahead and
settling each file by the rule of `analytics.load.settle`), `worker` (parsing one file in a worker
process), `writer` (the batched writes), `scheduler` (the loop that runs them), `report` (what the
caller gets), `run` (`ingest` itself).

>>> from analytics.ingestion import ingest
>>> report = ingest(["data/samples"], db="data/analytics.duckdb")  # doctest: +SKIP
>>> report.documents_loaded, report.facts_written, report.errors  # doctest: +SKIP
"""

from typing import TYPE_CHECKING

from analytics.ingestion.report import FileError, IngestProgress, IngestReport, ProgressCallback
from analytics.lazy import lazy_attributes

if TYPE_CHECKING:
    from analytics.ingestion.run import DEFAULT_BATCH_SIZE, ingest


# `ingest` and its batch size, imported on first use: the worker processes import
# `analytics.ingestion.worker`, which must not load the database code `run` needs.
__getattr__ = lazy_attributes(
    __name__, dict.fromkeys(("DEFAULT_BATCH_SIZE", "ingest"), "analytics.ingestion.run")
)


__all__ = ["DEFAULT_BATCH_SIZE", "FileError", "IngestProgress", "IngestReport", "ProgressCallback", "ingest"]
