"""Renderers: a composed `Disclosure` to file bytes, one module per format.

Text, HTML, .docx and .xlsx are written in Python and are byte-for-byte reproducible; .pdf, .doc
and .xls are converted from .docx/.xlsx by LibreOffice (`office.py`), which stamps its own times.
"""
