"""Reader for MIME web archives (format 'mhtml': .mht files, Word's "single file web page", often
saved with a .doc suffix). The archive's first text/html part is read as a web page."""

from __future__ import annotations

import email
import email.policy
import hashlib
from email.message import Message

from analytics.errors import ReadError
from analytics.model import Document
from analytics.read.html import decode_html, html_blocks


def read_mhtml(data: bytes, source_path: str) -> Document:
    """Read an .mht archive into a Document (format 'mhtml'); ReadError if it holds no HTML part."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise ReadError("the web archive (.mht) holds no HTML part")
    payload = _payload(part)
    text, encoding = decode_html(payload, part.get_content_charset())
    return Document(
        source_path=source_path,
        format="mhtml",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=html_blocks(text),
        encoding=encoding,
    )


def _payload(part: Message) -> bytes:
    """The part's bytes with its transfer encoding (quoted-printable, base64) undone."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload:
        raise ReadError("the web archive's HTML part is empty or damaged")
    return payload
