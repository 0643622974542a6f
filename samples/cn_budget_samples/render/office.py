"""Conversions by LibreOffice (`soffice --headless --convert-to`): .docx -> .pdf and .doc,
.xlsx -> .xls. Needs Debian's libreoffice-writer-nogui, libreoffice-calc-nogui and a CJK font
(fonts-noto-cjk) at generation time only; the outputs carry LibreOffice's own time stamps."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FILTERS = {"pdf": "pdf:writer_pdf_Export", "doc": "doc:MS Word 97", "xls": "xls:MS Excel 97"}
_BATCH = 40


class OfficeUnavailable(RuntimeError):
    """LibreOffice is needed for .pdf/.doc/.xls but is not installed."""


def soffice() -> str:
    """The LibreOffice executable, or OfficeUnavailable."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise OfficeUnavailable(
            "LibreOffice is not installed: apt-get install -y libreoffice-writer-nogui "
            "libreoffice-calc-nogui fonts-noto-cjk, or generate without pdf/doc/xls"
        )
    return found


def convert(sources: list[Path], target: str, out_dir: Path) -> None:
    """Convert each source into `out_dir` as `<stem>.<target>` ('pdf', 'doc' or 'xls')."""
    if not sources:
        return
    exe = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="synthetic-lo-") as profile:
        for start in range(0, len(sources), _BATCH):
            batch = sources[start : start + _BATCH]
            command = [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                FILTERS[target],
                "--outdir",
                str(out_dir),
                *map(str, batch),
            ]
            subprocess.run(command, check=True, capture_output=True, timeout=1800)
    missing = [s for s in sources if not (out_dir / f"{s.stem}.{target}").exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {len(missing)} file(s), e.g. {missing[0]}")
