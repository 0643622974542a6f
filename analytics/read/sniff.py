"""Which format a file is in: from its content first (magic bytes, archive members, leading markup),
then from its suffix. Crawled disclosures are often misnamed (.doc files that are HTML or RTF, .docx
files that are plain text), so the suffix is only the fallback."""

from __future__ import annotations

import io
import zipfile
import zlib

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# What each format name means, for messages ("this file is a PDF document; no reader for 'pdf' yet").
FORMAT_DESCRIPTIONS: dict[str, str] = {
    "text": "plain text",
    "pdf": "a PDF document",
    "docx": "a Word .docx document",
    "doc": "a legacy Word .doc document",
    "xlsx": "an Excel .xlsx workbook",
    "xls": "a legacy Excel .xls workbook",
    "pptx": "a PowerPoint .pptx presentation",
    "ppt": "a legacy PowerPoint .ppt presentation",
    "odt": "an OpenDocument text document",
    "ods": "an OpenDocument spreadsheet",
    "html": "an HTML page",
    "mhtml": "a MIME web archive (.mht, Word's 'single file web page')",
    "xml": "an XML file that is not HTML",
    "rtf": "an RTF document",
    "csv": "a CSV file",
    "zip": "a ZIP archive that is neither a Word .docx nor an Excel .xlsx "
    "(no word/document.xml or xl/workbook.xml inside)",
    "ole": "an OLE2 compound file that is neither a Word .doc nor an Excel .xls",
    "encrypted-office": "a password-protected Office document",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "gzip": "a gzip archive",
    "rar": "a RAR archive",
    "7z": "a 7-Zip archive",
}

_SUFFIX_FORMATS: dict[str, str] = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
    ".doc": "doc",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".pptx": "pptx",
    ".ppt": "ppt",
    ".odt": "odt",
    ".ods": "ods",
    ".htm": "html",
    ".html": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".mht": "mhtml",
    ".mhtml": "mhtml",
    ".xml": "xml",
    ".rtf": "rtf",
    ".csv": "csv",
    ".zip": "zip",
}

_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
)

# Stream names inside an OLE2 file's directory (stored as UTF-16-LE, NUL-terminated).
_OLE_STREAMS: tuple[tuple[str, str], ...] = (
    ("EncryptedPackage", "encrypted-office"),
    ("WordDocument", "doc"),
    ("Workbook", "xls"),
    ("Book", "xls"),  # Excel 5/95
    ("PowerPoint Document", "ppt"),
)

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")
_MAX_CONTENT_TYPES_BYTES = 1_000_000


def sniff_format(data: bytes, suffix: str) -> str:
    """Return the format name of a file from its bytes, falling back to its suffix.

    Names are those of FORMAT_DESCRIPTIONS ('text', 'pdf', 'docx', 'doc', 'xlsx', 'xls', 'html', …),
    or 'unknown' when neither content nor suffix says. `suffix` is e.g. '.txt' (any case, '' if none).

    >>> sniff_format(b"%PDF-1.7 ...", ".txt")
    'pdf'
    >>> sniff_format("部门预算".encode(), ".txt")
    'text'
    """
    start = data[:1024].lstrip(b"\x00\t\n\r\f ")
    if start.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(ZIP_MAGICS):
        return _zip_format(data, suffix)
    if data.startswith(OLE2_MAGIC):
        return _ole_format(data, suffix)
    for magic, name in _MAGICS:
        if data.startswith(magic):
            return name
    markup = _markup_format(data)
    if markup is not None:
        return markup
    return _SUFFIX_FORMATS.get(suffix.lower(), "unknown")


def suffix_format(suffix: str) -> str | None:
    """The format a file's suffix announces ('.xlsx' -> 'xlsx'), None for no or an unknown suffix."""
    return _SUFFIX_FORMATS.get(suffix.lower()) if suffix else None


def describe_format(name: str) -> str:
    """A phrase for a format name, e.g. 'a PDF document' for 'pdf'."""
    return FORMAT_DESCRIPTIONS.get(name, f"a {name!r} file")


def _zip_format(data: bytes, suffix: str) -> str:
    """'docx', 'xlsx', 'pptx', 'odt', 'ods' by [Content_Types].xml or member names; else 'zip'.

    An archive too damaged to look into is what its suffix says, if that is a zip-based format:
    its reader then says it is damaged, rather than that it is some other archive.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                with archive.open("[Content_Types].xml") as member:
                    content_types = member.read(_MAX_CONTENT_TYPES_BYTES)
                for marker, name in (
                    (b"wordprocessingml", "docx"),
                    (b"spreadsheetml", "xlsx"),
                    (b"presentationml", "pptx"),
                ):
                    if marker in content_types:
                        return name
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(200)
                if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
                    return "odt"
                if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                    return "ods"
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        # corrupt, truncated, encrypted or oddly compressed: an archive we cannot look into
        by_suffix = _SUFFIX_FORMATS.get(suffix.lower())
        return by_suffix if by_suffix in ("docx", "xlsx", "pptx", "odt", "ods") else "zip"
    return "zip"


def _ole_format(data: bytes, suffix: str) -> str:
    """'doc', 'xls', 'ppt' or 'encrypted-office' by the stream names in the directory; else by suffix.

    The names are searched for, not parsed out of the directory tree, so a workbook with an embedded
    Word object shows both 'Workbook' and 'WordDocument': then the suffix decides between them.
    """
    found = [name for stream, name in _OLE_STREAMS if (stream + "\x00").encode("utf-16-le") in data]
    by_suffix = _SUFFIX_FORMATS.get(suffix.lower())
    if "encrypted-office" in found:
        return "encrypted-office"
    if by_suffix in found:
        return by_suffix
    if found:
        return found[0]
    return by_suffix if by_suffix in ("doc", "xls", "ppt") else "ole"


def _markup_format(data: bytes) -> str | None:
    """'html', 'mhtml' or 'xml' when the text starts with markup (in any of the usual encodings)."""
    head = data[:4096]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head.count(0) * 4 >= len(head):  # UTF-16: the markup is ASCII, one byte of each pair
        head = head.replace(b"\x00", b"")
    head = head.lstrip().lower()
    if head.startswith(b"mime-version:"):
        return "mhtml"
    if not head.startswith(b"<"):
        return None
    if any(marker in head for marker in _HTML_MARKERS):
        return "html"
    if head.startswith(b"<?xml"):
        return "xml"
    return None
