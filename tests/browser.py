"""Headless Chromium, offline, for the tests that open a page in a real browser (the report, an
exported notebook): every name resolution fails and every connection goes to the discard port, so a
page that needs the network shows it. `--dump-dom` prints the DOM after the page's scripts ran
(`--virtual-time-budget` lets its timers and promises finish first)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = next(
    (path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (the Makefile's test system packages bring it)"
)

OFFLINE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves
    "--proxy-server=127.0.0.1:9",  # and every connection goes to the discard port
)


def chromium(page: Path, profile: Path, *extra: str) -> str:
    """Run headless Chromium offline on `page`; returns its stdout (the DOM with --dump-dom)."""
    assert CHROMIUM is not None
    command = [CHROMIUM, *OFFLINE_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=30000", *extra]
    done = subprocess.run([*command, page.as_uri()], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def html_attribute(dom: str, name: str) -> str | None:
    """An attribute of the <html> element of a dumped DOM."""
    root = re.search(r"<html[^>]*>", dom)
    assert root is not None, dom[:500]
    value = re.search(rf'\s{name}="([^"]*)"', root.group(0))
    return value.group(1) if value else None
