"""Reader for password-protected Office files (format 'encrypted-office'): there is nothing to read
without the password, so it says so instead of failing on the content."""

from __future__ import annotations

from analytics.errors import ReadError
from analytics.model import Document


def read_encrypted_office(data: bytes, source_path: str) -> Document:
    """Always raise ReadError: a password-protected .docx/.xlsx (an OLE2 'EncryptedPackage')."""
    raise ReadError(
        "the document is password-protected (an encrypted Office file); open it with the password "
        "and save it without one first"
    )
