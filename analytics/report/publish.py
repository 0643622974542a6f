"""Putting a finished report in place: a dated folder swapped in whole, then the `latest` pointer.

The report is written into a hidden temporary folder beside its final place and renamed into
place, so a reader (a web server, a mail job) never sees a half-written report. When a folder of
the same date exists it is renamed aside first and deleted after the swap: between the two renames
(microseconds) the dated folder is missing, never incomplete.

`latest` is a relative symlink to the dated folder, replaced atomically (a new link renamed over
the old one); `latest.txt` holds the folder's name, for systems or tools without symlinks.

The temporary names carry the pid of the run that made them: what a killed run left behind is
removed by the next run (a previous report it had set aside is put back first).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from analytics.processes import alive
from analytics.report.config import ReportError

LATEST = "latest"
LATEST_TXT = "latest.txt"


@contextlib.contextmanager
def staging_folder(out_dir: Path, name: str) -> Iterator[Path]:
    """A fresh hidden folder inside `out_dir` to write the report into; removed if anything fails."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_left_behind(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.tmp-{os.getpid()}-", dir=out_dir))
    except OSError as exc:
        raise ReportError(
            f"cannot create the output folder: {exc.strerror or exc}", path=str(out_dir)
        ) from exc
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_into_place(staging: Path, target: Path) -> bool:
    """Rename `staging` to `target`, replacing an existing `target`; True if one was replaced."""
    aside: Path | None = None
    try:
        # mkdtemp's folder is 0700; a report is meant to be read by a web server or colleagues.
        staging.chmod(0o755)
        if target.exists() or target.is_symlink():
            aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-{os.getpid()}-", dir=target.parent))
            aside.rmdir()  # only the unique name is wanted: rename needs the destination absent
            target.rename(aside)
        staging.rename(target)
    except OSError as exc:
        if aside is not None and aside.exists() and not target.exists():
            aside.rename(target)  # put the previous report back
        shutil.rmtree(staging, ignore_errors=True)
        raise ReportError(
            f"cannot move the report into place: {exc.strerror or exc}", path=str(target)
        ) from exc
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    return aside is not None


_LEFT_BEHIND = re.compile(r"^\.(?P<name>.+)\.(?P<kind>tmp|old)-(?P<pid>\d+)(?:-|$)")


def remove_left_behind(out_dir: Path) -> None:
    """Remove the temporary folders and links that killed runs left in `out_dir` (a running report's
    are left alone); a previous report that a killed run had set aside, with nothing in its place, is
    put back."""
    for entry in sorted(os.scandir(out_dir), key=lambda e: e.name):
        found = _LEFT_BEHIND.match(entry.name)
        if found is None or alive(int(found["pid"])):
            continue
        path = Path(entry.path)
        original = out_dir / found["name"]
        with contextlib.suppress(OSError):
            if (
                found["kind"] == "old"
                and not os.path.lexists(original)
                and entry.is_dir(follow_symlinks=False)
            ):
                path.rename(original)
            elif entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()


def point_latest(out_dir: Path, folder_name: str) -> Path | None:
    """Point `out_dir/latest` at `folder_name` and write `out_dir/latest.txt`.

    Returns the symlink, or None when the system cannot make one (then only latest.txt is written,
    and a stale `latest` symlink is removed rather than left pointing at an older report).
    """
    _replace_file(out_dir / LATEST_TXT, folder_name + "\n")
    link = out_dir / LATEST
    if link.exists() and not link.is_symlink():
        raise ReportError(
            "exists and is not a symlink; move it aside so that it can point at the report", path=str(link)
        )
    temporary = out_dir / f".{LATEST}.tmp-{os.getpid()}"
    try:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        temporary.symlink_to(folder_name, target_is_directory=True)
        os.replace(temporary, link)
    except (OSError, NotImplementedError):
        with contextlib.suppress(OSError):
            temporary.unlink()
        with contextlib.suppress(OSError):
            if link.is_symlink():
                link.unlink()
        return None
    return link


def _replace_file(path: Path, content: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        temporary.write_text(content, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise ReportError(f"cannot write: {exc.strerror or exc}", path=str(path)) from exc


__all__ = ["LATEST", "LATEST_TXT", "point_latest", "remove_left_behind", "staging_folder", "swap_into_place"]
