"""The read stage: file bytes -> `Document` (ordered paragraphs and tables, normalised text).

>>> from analytics.read import read_document
>>> doc = read_document("data/samples/langfang_kexie_2017_budget.txt")  # doctest: +SKIP
"""

from analytics.read.registry import READERS, Reader, read_bytes, read_document
from analytics.read.sniff import sniff_format

__all__ = ["READERS", "Reader", "read_bytes", "read_document", "sniff_format"]
