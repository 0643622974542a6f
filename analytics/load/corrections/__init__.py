"""Hand corrections: figures an analyst checked against the document and set right, kept in a file
outside the database so that they survive every re-ingest.

The corrections file is CSV (UTF-8, a header line), one correction a line:

    doc_id,source_path,sha256,metric,measure,year,kind,value,reason,author,created_at
    3f2a…,/srv/disclosures/审计局2019预算.pdf,3f2a…e1,reception,amount,2019,budget,1.65,"表中2.55为…",张三,2024-05-01T10:00:00

- The document is named by its `sha256` (with its `source_path`), or by its `doc_id` (the first 16
  characters of the sha256). A correction belongs to those bytes: when the file at `source_path`
  has changed since, the correction is reported (`document_changed`) and not applied, since the new
  version may print another figure, or the right one.
- `metric`, `measure` (default `amount`), `year` and `kind` name the figure as `facts` does; `value`
  is the right figure in the metric's unit (万元 for money); `reason` is required, `author` and
  `created_at` (ISO 8601) are recorded as given.
- Lines are read in order: a later correction of the same figure replaces an earlier one
  (`superseded`). A line that starts with `#` is a comment.

Where the file is: `--corrections PATH` (CLI) or `corrections=` (Python), else the environment
variable `ANALYTICS_CORRECTIONS`, else beside the database with the suffix `.corrections.csv`
(`data/analytics.duckdb` -> `data/analytics.corrections.csv`). No file means no corrections.

`apply_corrections(store, path)` runs at the end of every ingest (and after `analytics correct`): it
puts back every figure corrected before, reads the file, and sets each correction's figures: every
stated fact of that document with that metric, measure, year and kind gets `value` = the corrected
figure, `original_value` = the printed one, `basis` = `quality` = 'corrected'. The `corrections` table
then holds every line of the file with what became of it (`status`, `applied`, `facts`, `message`).
A bad line is `invalid` with the reason; it never stops an ingest.

>>> apply_corrections(store, "data/analytics.corrections.csv")  # doctest: +SKIP

The package holds three concerns: `file` (where the file lies, reading and checking its lines,
appending one), `apply` (applying the file to a database) and `add` (`analytics correct`: one
correction checked against the database, appended and applied).
"""

from analytics.load.corrections.add import add_correction
from analytics.load.corrections.apply import CorrectionsReport, apply_corrections
from analytics.load.corrections.file import (
    COLUMNS,
    ENV_CORRECTIONS,
    SUFFIX,
    Correction,
    CorrectionError,
    Outcome,
    corrections_path,
    read_corrections,
)

__all__ = [
    "COLUMNS",
    "ENV_CORRECTIONS",
    "SUFFIX",
    "Correction",
    "CorrectionError",
    "CorrectionsReport",
    "Outcome",
    "add_correction",
    "apply_corrections",
    "corrections_path",
    "read_corrections",
]
