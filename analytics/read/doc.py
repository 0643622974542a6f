"""Reader for legacy Word 97-2003 .doc files (format 'doc'), through an external converter.

Two converters are used, whichever is installed, in this order (ANALYTICS_DOC_CONVERTER=antiword or
=soffice puts one first):

- LibreOffice (`soffice --headless --convert-to docx`, Debian `libreoffice-writer-nogui`): about a
  second per file, and the exact structure: the .docx it writes is read by the .docx reader (spans,
  cell paragraphs, indentation). It comes first because it is exact: on the bundled samples (.doc
  files written by LibreOffice) antiword drops whole sections and interleaves two tables, and the
  figures found fall from 97 % to 88 % of the truth file.
- antiword (Debian package `antiword`): a few milliseconds per file, for collections where speed
  matters more (ANALYTICS_DOC_CONVERTER=antiword), and tried when LibreOffice fails. Its text output
  is read by `analytics.read.antiword_text`: paragraphs, and tables from its `|cell|` rows, with
  wrapped cell text rejoined and merged cells recovered from the column boundaries. It does not see
  indentation set as paragraph formatting, and a row whose cells only continue filled cells above
  may be taken for wrapped text.

Without either, reading a .doc raises a ReadError saying what to install.
"""

from __future__ import annotations

import atexit
import hashlib
import multiprocessing.util
import os
import shutil
import tempfile
import time
from pathlib import Path

from analytics.errors import ReadError
from analytics.model import Block, Document
from analytics.processes import alive
from analytics.read.antiword_text import antiword_blocks
from analytics.read.docx import read_docx
from analytics.read.limits import ReadTimeout
from analytics.read.sniff import OLE2_MAGIC
from analytics.read.subprocesses import run_converter

INSTALL_HINT = (
    "reading legacy Word .doc files needs a converter: install LibreOffice "
    "(apt-get install libreoffice-writer-nogui) or antiword (apt-get install antiword)"
)
CONVERTERS = ("soffice", "antiword")


def read_doc(data: bytes, source_path: str) -> Document:
    """Read a Word 97-2003 .doc file into a Document (format 'doc') with antiword or LibreOffice.

    Raises ReadError naming the package to install when neither converter is present, and with the
    converter's own message when the file cannot be converted.
    """
    if not data.startswith(OLE2_MAGIC):
        # A Word 97-2003 file is an OLE2 compound file. LibreOffice would import anything else as
        # plain text and give a document of garbage, so say what it is instead.
        raise ReadError("named .doc but not a Word 97-2003 file (no OLE2 header): damaged or not a document")
    available = available_converters()
    if not available:
        raise ReadError(f"no .doc converter found: {INSTALL_HINT}")
    failures: list[str] = []
    for name, executable in available:
        try:
            blocks, notes = _antiword(executable, data) if name == "antiword" else _soffice(executable, data)
        except ReadError as exc:
            if isinstance(exc, ReadTimeout):  # out of time: the next converter would be too
                raise
            failures.append(f"{name}: {exc.message}")
            continue
        return Document(
            source_path=source_path,
            format="doc",
            sha256=hashlib.sha256(data).hexdigest(),
            blocks=blocks,
            notes=[f"converted with {name}", *notes],
        )
    raise ReadError("could not convert the .doc file (" + "; ".join(failures) + ")")


def available_converters() -> list[tuple[str, str]]:
    """(name, executable path) of the installed converters, in the order they are tried."""
    preferred = os.environ.get("ANALYTICS_DOC_CONVERTER", "").strip().lower()
    order = sorted(CONVERTERS, key=lambda name: name != preferred)
    found = []
    for name in order:
        executable = shutil.which(name) or (shutil.which("libreoffice") if name == "soffice" else None)
        if executable is not None:
            found.append((name, executable))
    return found


def _antiword(executable: str, data: bytes) -> tuple[list[Block], list[str]]:
    with tempfile.TemporaryDirectory(prefix="analytics-doc-") as folder:
        path = Path(folder, "document.doc")
        path.write_bytes(data)
        # -w 0: one line per paragraph; -m UTF-8.txt: Chinese comes out as UTF-8, not as '?'
        result = run_converter([executable, "-w", "0", "-m", "UTF-8.txt", str(path)])
    message = result.stderr.replace(str(path), "the file")
    if result.returncode != 0:
        raise ReadError(message or f"antiword failed with exit code {result.returncode}")
    return antiword_blocks(result.stdout.decode("utf-8", "replace")), []


_PROFILE_PREFIX = "analytics-soffice-profile-"


def _soffice_profile() -> Path:
    """A LibreOffice user profile for this process (made on first use, ~1 s), so that conversions
    run beside other LibreOffice instances and do not pay that second each time. A forked child
    makes its own rather than share its parent's.

    It is removed when the process ends: at exit for a main process, by multiprocessing's finalizers
    for a worker process (which skips atexit), and, for a process that was killed, by the first
    process to make one an hour or more later (the folder is named with its owner's pid)."""
    pid = os.getpid()
    profile = _PROFILES.get(pid)
    if profile is None:
        _remove_orphaned_profiles()
        profile = _PROFILES[pid] = Path(tempfile.mkdtemp(prefix=f"{_PROFILE_PREFIX}{pid}-"))
        atexit.register(_remove_own_profile, pid, profile)
        multiprocessing.util.Finalize(None, _remove_own_profile, args=(pid, profile), exitpriority=0)
    return profile


_PROFILES: dict[int, Path] = {}


def _remove_own_profile(pid: int, profile: Path) -> None:
    """Remove `profile` if this process made it (a forked child inherits its parent's exit hooks)."""
    if os.getpid() == pid:
        shutil.rmtree(profile, ignore_errors=True)


def _remove_orphaned_profiles(folder: str | None = None) -> list[Path]:
    """Remove the profiles in `folder` (default: the temporary folder) left by processes that are
    gone: this user's, named with a pid that no longer runs, and untouched for an hour (a process in
    another container sharing the folder may have a pid this one cannot see)."""
    removed = []
    now = time.time()
    for profile in Path(folder or tempfile.gettempdir()).glob(f"{_PROFILE_PREFIX}*"):
        owner = profile.name[len(_PROFILE_PREFIX) :].split("-", 1)[0]
        if not owner.isdigit() or not _orphan_aged(profile, now) or alive(int(owner)):
            continue
        shutil.rmtree(profile, ignore_errors=True)
        if not profile.exists():
            removed.append(profile)
    return removed


_ORPHAN_AGE_S = 3600.0


def _orphan_aged(profile: Path, now: float) -> bool:
    """Whether `profile` is this user's and neither it nor its `user` folder changed for an hour."""
    try:
        stats = [p.stat() for p in (profile, profile / "user") if p.exists()]
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    if not stats or (getuid is not None and stats[0].st_uid != getuid()):
        return False
    return now - max(s.st_mtime for s in stats) >= _ORPHAN_AGE_S


def _soffice(executable: str, data: bytes) -> tuple[list[Block], list[str]]:
    with tempfile.TemporaryDirectory(prefix="analytics-doc-") as folder:
        source = Path(folder, "document.doc")
        source.write_bytes(data)
        profile = _soffice_profile()
        result = run_converter(
            [
                executable,
                f"-env:UserInstallation={profile.as_uri()}",  # its own profile: runs beside other instances
                "--headless",
                "--norestore",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                folder,
                str(source),
            ],
            cwd=folder,
        )
        converted = Path(folder, "document.docx")
        if not converted.exists():
            detail = result.stderr or f"exit code {result.returncode}, no output"
            raise ReadError(f"LibreOffice could not convert it ({detail})")
        document = read_docx(converted.read_bytes(), str(converted))
    return document.blocks, document.notes
