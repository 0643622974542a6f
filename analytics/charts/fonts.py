"""Finding a Chinese (CJK) font for static chart export.

vl-convert draws text with the fonts it knows; without a CJK font Chinese labels come out as empty
boxes. Before a PNG or SVG is rendered the folders holding CJK fonts are registered with
`vl_convert.register_font_directory`. They are looked for in this order:

1. `$ANALYTICS_CJK_FONT_DIR` (a folder holding a .ttf/.otf/.ttc Chinese font);
2. the usual font folders of Linux, macOS and Windows, for known CJK font files (Noto Sans/Serif CJK
   of Debian's `fonts-noto-cjk`, Source Han, WenQuanYi, Droid Sans Fallback, PingFang, Microsoft
   YaHei …);
3. `fc-list :lang=zh` where fontconfig is installed.

When none is found, `FontNotFoundError` says what to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from analytics.errors import AnalyticsError

FONT_DIR_ENV = "ANALYTICS_CJK_FONT_DIR"

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

CJK_FONT_FILE = re.compile(
    r"(?:Noto(?:Sans|Serif)(?:Mono)?CJK|Noto(?:Sans|Serif)(?:SC|TC)|SourceHan(?:Sans|Serif)|wqy|WenQuanYi"
    r"|DroidSansFallback|PingFang|Hiragino Sans GB|STHeiti|msyh|simhei|simsun|uming|ukai)",
    re.IGNORECASE,
)

SEARCH_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/Library/Fonts",
)

INSTALL_HINT = (
    "install a Chinese font: on Debian/Ubuntu `apt-get install fonts-noto-cjk` "
    "(Fedora: google-noto-sans-cjk-fonts; macOS and Windows ship one), "
    f"or set {FONT_DIR_ENV} to a folder holding a .ttf/.otf/.ttc Chinese font"
)


class FontNotFoundError(AnalyticsError):
    """No CJK font could be found, so Chinese text would render as empty boxes."""

    stage = "charts"


def _has_font(folder: Path) -> bool:
    return any(p.suffix.lower() in FONT_SUFFIXES for p in folder.rglob("*") if p.is_file())


def _search_roots() -> list[Path]:
    roots = [Path(d).expanduser() for d in SEARCH_DIRS]
    windir = os.environ.get("WINDIR")
    if windir:
        roots.append(Path(windir) / "Fonts")
    return [r for r in roots if r.is_dir()]


def _fontconfig_dirs() -> list[Path]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        output = subprocess.run(
            [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = [Path(line.split(":", 1)[0].strip()) for line in output.splitlines() if line.strip()]
    return sorted({f.parent for f in files if f.suffix.lower() in FONT_SUFFIXES})


def cjk_font_directories() -> list[Path]:
    """Folders holding a CJK font, best first (see the module docstring); empty when there are none.

    >>> folders = cjk_font_directories()  # e.g. [PosixPath('/usr/share/fonts/opentype/noto')]
    >>> bool(folders) and all(folder.is_dir() for folder in folders)
    True
    """
    configured = os.environ.get(FONT_DIR_ENV)
    if configured:
        folder = Path(configured).expanduser()
        if not folder.is_dir() or not _has_font(folder):
            raise FontNotFoundError(
                f"{FONT_DIR_ENV}={configured} is not a folder holding fonts; {INSTALL_HINT}"
            )
        return [folder]
    found: list[Path] = []
    for root in _search_roots():
        for directory, _, files in os.walk(root):
            if any(Path(f).suffix.lower() in FONT_SUFFIXES and CJK_FONT_FILE.search(f) for f in files):
                found.append(Path(directory))
    if not found:
        found = _fontconfig_dirs()
    return sorted(dict.fromkeys(found))


_registered: list[Path] = []


def register_cjk_fonts() -> list[Path]:
    """Register the CJK font folders with vl-convert (once per process) and return them.

    Raises `FontNotFoundError`, naming the package to install, when there is none.

    >>> register_cjk_fonts() == cjk_font_directories()
    True
    """
    if _registered:
        return list(_registered)
    import vl_convert

    folders = cjk_font_directories()
    if not folders:
        raise FontNotFoundError(
            f"no CJK font found, Chinese labels would render as empty boxes; {INSTALL_HINT}"
        )
    for folder in folders:
        vl_convert.register_font_directory(str(folder))
    _registered.extend(folders)
    return list(_registered)


__all__ = ["FONT_DIR_ENV", "FontNotFoundError", "cjk_font_directories", "register_cjk_fonts"]
