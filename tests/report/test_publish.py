"""Putting a report in place: the dated folder swapped in whole, `latest` and `latest.txt`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analytics.report import ReportError
from analytics.report.publish import point_latest, staging_folder, swap_into_place


def _write(out: Path, name: str, text: str) -> bool:
    with staging_folder(out, name) as staging:
        (staging / "index.html").write_text(text, encoding="utf-8")
        return swap_into_place(staging, out / name)


def test_a_second_run_the_same_day_replaces_the_folder_and_leaves_no_temporaries(tmp_path: Path) -> None:
    assert _write(tmp_path, "2026-11-25", "first") is False
    (tmp_path / "2026-11-25" / "stale.csv").write_text("x", encoding="utf-8")
    assert _write(tmp_path, "2026-11-25", "second") is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-25"]
    assert sorted(p.name for p in (tmp_path / "2026-11-25").iterdir()) == ["index.html"]
    assert (tmp_path / "2026-11-25" / "index.html").read_text(encoding="utf-8") == "second"
    assert oct((tmp_path / "2026-11-25").stat().st_mode & 0o777) == oct(0o755)


def test_a_failure_while_writing_keeps_the_previous_report(tmp_path: Path) -> None:
    _write(tmp_path, "2026-11-25", "good")
    with pytest.raises(RuntimeError), staging_folder(tmp_path, "2026-11-25") as staging:
        (staging / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("chart export failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-25"]
    assert (tmp_path / "2026-11-25" / "index.html").read_text(encoding="utf-8") == "good"


def test_latest_is_a_relative_symlink_and_a_text_file(tmp_path: Path) -> None:
    for day in ("2026-11-18", "2026-11-25"):
        _write(tmp_path, day, day)
        link = point_latest(tmp_path, day)
        assert link == tmp_path / "latest"
        assert os.readlink(link) == day
        assert (tmp_path / "latest" / "index.html").read_text(encoding="utf-8") == day
        assert (tmp_path / "latest.txt").read_text(encoding="utf-8") == f"{day}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-18", "2026-11-25", "latest", "latest.txt"]


def test_without_symlinks_latest_txt_still_names_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "2026-11-18", "old")
    point_latest(tmp_path, "2026-11-18")

    def no_symlinks(self: Path, target: object, target_is_directory: bool = False) -> None:
        raise OSError("symbolic links are not supported")

    monkeypatch.setattr(Path, "symlink_to", no_symlinks)
    _write(tmp_path, "2026-11-25", "new")
    assert point_latest(tmp_path, "2026-11-25") is None
    assert (tmp_path / "latest.txt").read_text(encoding="utf-8") == "2026-11-25\n"
    assert not (tmp_path / "latest").exists() and not (tmp_path / "latest").is_symlink()  # no stale link


def test_a_folder_named_latest_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "latest").mkdir()
    with pytest.raises(ReportError, match="is not a symlink"):
        point_latest(tmp_path, "2026-11-25")


def test_an_unwritable_output_folder_is_a_report_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ReportError, match="cannot create the output folder"), staging_folder(blocker, "x"):
        pass
