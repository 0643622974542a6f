"""The legacy .doc reader: antiword's text (or LibreOffice's .docx) in, paragraphs and tables out."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from analytics.errors import ReadError
from analytics.model import Paragraph, Table
from analytics.read import doc, read_bytes, read_document
from analytics.read.antiword_text import antiword_blocks

from .conftest import CASES

needs_antiword = pytest.mark.skipif(
    shutil.which("antiword") is None, reason="antiword is not installed (apt-get install antiword)"
)
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)


def test_antiword_rows_with_wrapped_cells_and_merged_cells() -> None:
    text = (
        "一般公共预算“三公”经费支出表\n"
        "|合计      |因公出国( |公务用车购置及运行费          |公务接待费|\n"
        "|          |境)费     |                              |          |\n"
        "|          |          |小计      |购置费    |运行费    |          |\n"
        "|22        |0         |20.64     |0         |20.64     |1.36      |\n"
        "\n"
        "|　　科普设|30        |\n"  # an indented label wrapped over two lines
        "|施建设    |          |\n"
        "|其他      |1         |\n"  # a short label: a new row, not a continuation
    )
    assert antiword_blocks(text) == [
        Paragraph("一般公共预算“三公”经费支出表"),
        Table(
            rows=(
                ("合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"),
                ("", "", "小计", "购置费", "运行费", ""),
                ("22", "0", "20.64", "0", "20.64", "1.36"),
            )
        ),
        Table(rows=(("  科普设施建设", "30"), ("其他", "1"))),
    ]


def test_antiword_one_cell_first_row_is_the_caption() -> None:
    text = "|部门固定资产占用情况表 |\n|项目      |数量      |\n|车辆      |3         |\n"
    assert antiword_blocks(text) == [
        Table(rows=(("项目", "数量"), ("车辆", "3")), caption="部门固定资产占用情况表")
    ]


@needs_antiword
def test_a_doc_read_with_antiword(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANALYTICS_DOC_CONVERTER", "antiword")
    document = read_document(CASES / "disclosure.doc")
    assert (document.format, document.notes) == ("doc", ["converted with antiword"])
    assert document.paragraphs[0] == "示例市科学技术协会2019年部门预算公开情况说明"
    assert document.tables[0].rows[0] == (
        "合计",
        "因公出国(境)费",
        "公务用车购置及运行费",
        "",
        "",
        "公务接待费",
    )


@needs_soffice
def test_a_doc_read_with_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANALYTICS_DOC_CONVERTER", "soffice")
    document = read_document(CASES / "disclosure.doc")
    assert document.notes == ["converted with soffice"]
    assert document.tables == read_document(CASES / "disclosure.docx").tables


def test_without_a_converter_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ReadError) as caught:
        read_bytes((CASES / "disclosure.doc").read_bytes(), "old.doc")
    assert caught.value.message == (
        "no .doc converter found: reading legacy Word .doc files needs a converter: install LibreOffice "
        "(apt-get install libreoffice-writer-nogui) or antiword (apt-get install antiword)"
    )


@needs_antiword
def test_a_doc_antiword_refuses_is_a_read_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANALYTICS_DOC_CONVERTER", "antiword")
    monkeypatch.setattr(
        "analytics.read.doc.available_converters", lambda: [("antiword", shutil.which("antiword") or "")]
    )
    from analytics.read.sniff import OLE2_MAGIC

    data = OLE2_MAGIC + bytes(504) + "WordDocument\x00".encode("utf-16-le") + bytes(2048)
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "fake.doc")
    assert caught.value.message.startswith("could not convert the .doc file (antiword: ")


def _profile_of_a_new_process(queue: multiprocessing.Queue[str]) -> None:
    queue.put(str(doc._soffice_profile()))


def test_a_worker_process_removes_its_libreoffice_profile_when_it_ends() -> None:
    """Forked worker processes (the pool's forkserver) skip atexit: the profile made for their
    conversions must go all the same."""
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[str] = context.Queue()
    process = context.Process(target=_profile_of_a_new_process, args=(queue,))
    process.start()
    profile = Path(queue.get(timeout=60))
    process.join(timeout=60)
    assert process.exitcode == 0
    assert profile.name.startswith(f"analytics-soffice-profile-{process.pid}-")
    assert not profile.exists()


def test_profiles_left_by_killed_processes_are_removed(tmp_path: Path) -> None:
    gone = subprocess.Popen(["true"])  # a process that has ended: its pid is free
    gone.wait()
    dead = tmp_path / f"analytics-soffice-profile-{gone.pid}-abc123"
    recent = tmp_path / f"analytics-soffice-profile-{gone.pid}-ghi012"  # maybe another container's
    mine = tmp_path / f"analytics-soffice-profile-{os.getpid()}-def456"
    unnamed = tmp_path / "analytics-soffice-profile-xyz789"  # no pid in its name: not ours to judge
    hour_ago = time.time() - 3700
    for folder in (dead, recent, mine, unnamed):
        (folder / "user").mkdir(parents=True)
        if folder is not recent:
            for path in (folder / "user", folder):
                os.utime(path, (hour_ago, hour_ago))
    assert doc._remove_orphaned_profiles(str(tmp_path)) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([recent.name, mine.name, unnamed.name])
