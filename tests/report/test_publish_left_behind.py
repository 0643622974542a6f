"""What a killed `analytics report` leaves in the output folder is cleaned up by the next run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from analytics.report.publish import remove_left_behind, staging_folder, swap_into_place


def dead_pid() -> int:
    """The pid of a process that has ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(done.stdout)


def test_a_killed_run_leaves_nothing_for_long(tmp_path: Path) -> None:
    dead = dead_pid()
    (tmp_path / "2026-11-18").mkdir()
    (tmp_path / f".2026-11-25.tmp-{dead}-a1b2").mkdir()  # staging of a run killed while writing
    (tmp_path / f".latest.tmp-{dead}").symlink_to("2026-11-18")  # its new link, not yet renamed
    (tmp_path / f".latest.txt.tmp-{dead}").write_text("2026-11-25\n", encoding="utf-8")
    running = tmp_path / f".2026-11-25.tmp-{os.getpid()}-c3d4"  # a run still going: left alone
    running.mkdir()
    (tmp_path / ".htaccess").write_text("Require all granted\n", encoding="utf-8")  # not ours
    remove_left_behind(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".htaccess", "2026-11-18", running.name])


def test_a_report_set_aside_by_a_killed_run_is_put_back(tmp_path: Path) -> None:
    """Killed between its two renames, a run leaves the dated folder missing and the previous report
    set aside: the next run puts it back before anything else."""
    aside = tmp_path / f".2026-11-25.old-{dead_pid()}-e5f6"
    aside.mkdir()
    (aside / "index.html").write_text("previous", encoding="utf-8")
    with staging_folder(tmp_path, "2026-11-26") as staging:
        (staging / "index.html").write_text("next", encoding="utf-8")
        swap_into_place(staging, tmp_path / "2026-11-26")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-25", "2026-11-26"]
    assert (tmp_path / "2026-11-25" / "index.html").read_text(encoding="utf-8") == "previous"
