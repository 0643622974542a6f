"""The read stage: file bytes -> `Document` (ordered paragraphs and tables, normalised text).

One reader per format, chosen from the content (`sniff_format`), registered in READERS: plain text
(plaintext), .docx (docx), legacy .doc (doc: antiword or LibreOffice), PDF (pdf), .xls/.xlsx/.ods
(spreadsheet), web pages (html) and .mht archives (mhtml). Every reader gives the same shapes
(see `blocks`): merged cells read once, a one-cell first row as the caption, indentation kept in
cells. Size, zip-expansion and time limits apply to every read (see `limits`).

>>> from analytics.read import read_document
>>> doc = read_document("data/samples/langfang_kexie_2017_budget.txt")  # doctest: +SKIP
"""

from analytics.read.registry import READERS, Reader, read_bytes, read_document
from analytics.read.sniff import sniff_format

__all__ = ["READERS", "Reader", "read_bytes", "read_document", "sniff_format"]
