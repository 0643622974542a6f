"""Which files an ingest reads: the paths given, folders walked recursively, what is left out, and
which rows `prune` may delete.

A folder walk keeps regular files whose suffix is a disclosure format and skips hidden entries
(`.x`), Office lock files (`~$x.docx`) and DuckDB files. What it cannot or will not read is said,
never silently dropped:

- FIFOs, sockets and devices are **skipped** (opening a FIFO waits for a writer forever; a device
  such as /dev/zero never ends), with what they are.
- Symlinks follow one rule, for files and folders alike: a link is followed when its target lies
  inside the folders given; a link that leads out of them is **skipped**, unless `follow_symlinks`
  is set (`--follow-symlinks`). A folder is walked once per folder given: a link to a folder that
  contains it is a symlink loop, a link to a folder walked at its own path is not walked again. A
  broken link and a chain of links that loops are skipped, each with its own reason.
- A folder that cannot be listed (permission denied, I/O error) is **unreadable**: reported, and
  `--prune` leaves the rows under it alone (its files are not gone, they could not be seen).

A path named directly (not found by a walk) is always kept: it is what the user asked for, and the
ingest reports it if it is missing or not a regular file.

With `prune`, the rows of files recorded under a folder given that the walk did not find are removed
(`prune_missing`), except under a folder the walk could not read, and not at all for a folder in which it
found no disclosure (an unmounted drive must not empty the database).

>>> folder = tmp / "walk-example"
>>> folder.mkdir()
>>> for name in ("b.pdf", "a.txt", ".hidden.txt", "~$b.docx", "README.md", "old.duckdb"):
...     _ = (folder / name).write_bytes(b"x")
>>> found = walk([folder])
>>> [f.name for f in found.files], found.skipped, found.unreadable
(['a.txt', 'b.pdf'], [], [])
"""

from __future__ import annotations

import errno
import os
import stat
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analytics.errors import describe_os_error
from analytics.ingestion.files import Identity, file_kind

if TYPE_CHECKING:
    from analytics.load import Store

DATABASE_SUFFIXES = (".duckdb", ".duckdb.wal", ".duckdb.tmp")

DISCLOSURE_SUFFIXES = frozenset(
    {".txt", ".text", ".doc", ".docx", ".pdf", ".xls", ".xlsx", ".ods", ".htm", ".html", ".shtml",
     ".mht", ".mhtml"}
)  # fmt: skip
"""What a folder walk picks up: the formats disclosures come in. A file named on the command line is
read whatever its suffix (its format is sniffed from its content)."""


@dataclass(frozen=True)
class Skipped:
    """An entry of a folder that looks like a disclosure but is not read, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Unreadable:
    """A folder (or entry) the walk could not look into; nothing under it is pruned."""

    path: str
    message: str


@dataclass
class Walk:
    """What `walk` found: files to ingest in order, entries skipped, and what could not be read."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    identities: dict[str, Identity] = field(default_factory=dict)  # found by a walk: what it saw


def is_ignored(path: Path) -> bool:
    """Files a folder walk skips: hidden ones, Office lock files (~$x.docx), DuckDB databases, and
    files that are not disclosures by their suffix (a README, a CSV of truth, an image)."""
    name = path.name
    return (
        name.startswith((".", "~$"))
        or name.endswith(DATABASE_SUFFIXES)
        or path.suffix.lower() not in DISCLOSURE_SUFFIXES
    )


def walk(paths: Iterable[str | os.PathLike[str]], *, follow_symlinks: bool = False) -> Walk:
    """The files to ingest: each argument in turn, folders walked recursively in sorted order (a
    folder's files before its sub-folders), each file once; and what was skipped or unreadable.

    A file named directly is kept unless it is a database; a missing path is kept so that it is
    reported. Symlinks are followed only inside the folders given, unless `follow_symlinks`.
    """
    given = [Path(os.path.abspath(p)) for p in paths]
    roots = [os.path.realpath(p) for p in given if p.is_dir()]
    result = Walk()
    seen: set[Path] = set()
    for root in given:
        if root.is_dir():
            _Walker(result, seen, roots, follow_symlinks).walk(root)
        elif not root.name.endswith(DATABASE_SUFFIXES) and root not in seen:
            seen.add(root)
            result.files.append(root)
    return result


class _Walker:
    """One folder given: its real tree first, then the folder symlinks found in it."""

    def __init__(self, result: Walk, seen: set[Path], roots: list[str], follow_symlinks: bool) -> None:
        self.result = result
        self.seen = seen
        self.roots = roots
        self.follow = follow_symlinks
        self.visited: set[Identity] = set()
        self.links: deque[tuple[Path, os.stat_result, frozenset[Identity]]] = deque()

    def walk(self, root: Path) -> None:
        try:
            info = os.stat(root)
        except OSError as exc:
            self.result.unreadable.append(Unreadable(str(root), describe_os_error(exc)))
            return
        self._folder(root, info, frozenset())
        # Linked folders last, so that a folder reachable both ways is walked at its own path.
        while self.links:
            link, info, ancestors = self.links.popleft()
            if _identity(info) in self.visited:
                self._skip(link, f"a symlink to a folder already walked at its own path ({_target(link)})")
                continue
            self._folder(link, info, ancestors)

    def _folder(self, top: Path, info: os.stat_result, ancestors: frozenset[Identity]) -> None:
        """Walk `top` depth first, a folder's files before its sub-folders (no recursion: a hostile
        tree may be thousands of folders deep)."""
        stack = [(top, info, ancestors)]
        while stack:
            folder, info, ancestors = stack.pop()
            identity = _identity(info)
            self.visited.add(identity)
            ancestors = ancestors | {identity}
            subfolders = self._entries(folder, ancestors)
            stack.extend((path, sub, ancestors) for path, sub in reversed(subfolders))

    def _entries(self, folder: Path, ancestors: frozenset[Identity]) -> list[tuple[Path, os.stat_result]]:
        """Take the files of one folder; return its sub-folders, in order."""
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            self.result.unreadable.append(Unreadable(str(folder), describe_os_error(exc)))
            return []
        subfolders: list[tuple[Path, os.stat_result]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(folder, entry.name)
            try:
                if entry.is_symlink():
                    self._link(path, ancestors)
                    continue
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append((path, entry.stat(follow_symlinks=False)))
                    continue
                if is_ignored(path):
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                self._unreadable(path, exc)
                continue
            if stat.S_ISREG(info.st_mode):
                self._keep(path, info)
            else:
                self._skip(path, f"{file_kind(info.st_mode)}, not a regular file")
        return subfolders

    def _link(self, path: Path, ancestors: frozenset[Identity]) -> None:
        """A symlink met in a folder: followed inside the folders given (anywhere with follow)."""
        try:
            info = os.stat(path)  # follows the whole chain
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self._skip(path, "a symlink loop (a chain of symlinks that leads back to itself)")
            elif exc.errno not in (errno.ENOENT, errno.ENOTDIR):
                self._unreadable(path, exc)
            elif not is_ignored(path):
                self._skip(path, f"a broken symlink (its target {_target(path)} does not exist)")
            return
        target = os.path.realpath(path)
        is_dir = stat.S_ISDIR(info.st_mode)
        if not is_dir and is_ignored(path):
            return
        what = "a file" if stat.S_ISREG(info.st_mode) else file_kind(info.st_mode)
        if not self.follow and not self._inside(target):
            self._skip(
                path,
                f"a symlink to {what} outside the folders given ({target}); pass --follow-symlinks to read it",
            )
        elif is_dir:
            if _identity(info) in ancestors:
                self._skip(path, f"a symlink loop (it points at {target}, a folder that contains it)")
            else:
                self.links.append((path, info, ancestors))
        elif stat.S_ISREG(info.st_mode):
            self._keep(path, info)
        else:
            self._skip(path, f"a symlink to {file_kind(info.st_mode)} ({target}), not a regular file")

    def _inside(self, target: str) -> bool:
        return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots)

    def _keep(self, path: Path, info: os.stat_result) -> None:
        if path.name.endswith(DATABASE_SUFFIXES) or path in self.seen:
            return
        self.seen.add(path)
        self.result.files.append(path)
        self.result.identities[str(path)] = _identity(info)

    def _skip(self, path: Path, reason: str) -> None:
        self.result.skipped.append(Skipped(str(path), reason))

    def _unreadable(self, path: Path, exc: OSError) -> None:
        self.result.unreadable.append(Unreadable(str(path), describe_os_error(exc)))


def _identity(info: os.stat_result) -> Identity:
    return (info.st_dev, info.st_ino)


def _target(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "?"


def files_to_ingest(found: Walk, database: str) -> list[str]:
    """The files of a walk, less the database being written and its log (whatever their suffix)."""
    database = os.path.abspath(database)
    return [str(f) for f in found.files if str(f) not in (database, database + ".wal")]


def prune_missing(
    store: Store, folders: list[str], present: list[str], unreadable: Sequence[str] = ()
) -> tuple[list[str], list[str]]:
    """Remove the rows of files recorded under `folders` that the walk did not find (before the run,
    so that a file whose bytes moved to another path is loaded there, not called a duplicate of the
    gone one). Rows under an `unreadable` folder (or of an unreadable entry) are kept: the walk could
    not see whether they are gone. Returns the removed paths and the folders left alone for holding
    no disclosure."""
    pruned: list[str] = []
    not_pruned: list[str] = []
    for folder in folders:
        prefix = folder.rstrip("/\\") + os.sep
        found = [name for name in present if name.startswith(prefix)]
        if not found:
            not_pruned.append(folder)
            continue
        pruned += store.remove_missing(folder, found, keep_under=unreadable)
    return sorted(set(pruned)), not_pruned


__all__ = [
    "DISCLOSURE_SUFFIXES",
    "Skipped",
    "Unreadable",
    "Walk",
    "files_to_ingest",
    "is_ignored",
    "prune_missing",
    "walk",
]
