"""What a folder walk picks up (analytics.pipeline.find_files)."""

from __future__ import annotations

from pathlib import Path

from analytics.pipeline import find_files


def test_a_folder_walk_takes_disclosure_formats_only(tmp_path: Path) -> None:
    for name in ["a.txt", "b.DOCX", "c.pdf", "d.xls", "e.html", "f.mht", "README.md", "truth.csv", "g.png",
                 "noext"]:  # fmt: skip
        (tmp_path / name).write_bytes(b"x")
    found = [p.name for p in find_files([tmp_path])]
    assert found == ["a.txt", "b.DOCX", "c.pdf", "d.xls", "e.html", "f.mht"]
    # Named on the command line, any file is tried (and reported if it is no disclosure).
    assert [p.name for p in find_files([tmp_path / "truth.csv"])] == ["truth.csv"]
