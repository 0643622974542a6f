"""Make a zip-based office file (.docx, .xlsx) reproducible: fixed entry times, fixed order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

_EPOCH = (2024, 1, 1, 0, 0, 0)


def reproducible_zip(data: bytes, rewrite: dict[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """Rewrite the archive with every entry stamped at one fixed time and default attributes,
    in the original order, so the same content always gives the same bytes. `rewrite` maps an
    entry name to a function that fixes its content (e.g. a save-time stamp)."""
    rewrite = rewrite or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename in rewrite:
                content = rewrite[info.filename](content)
            target.writestr(entry, content)
    return out.getvalue()
