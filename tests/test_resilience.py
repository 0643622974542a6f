"""Resilience: an ingest killed with SIGKILL, readers and writers meeting an ingest that writes, and a
corpus of broken and hostile files beside good ones."""

from __future__ import annotations

import functools
import io
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

from analytics import ingest, open_store
from analytics.cli import main

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

READ_CASES = Path(__file__).resolve().parent / "cases" / "read"
SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".xlsx", ".xls", ".html")
READ_AS_TEXT: tuple[str, ...] = ()
"""Bad files the read stage would load as a document of garbage instead of refusing (none now: a .doc
without an OLE2 header is refused before LibreOffice sees it)."""


def seed_corpus(sample_path: Path, folder: Path, count: int) -> list[Path]:
    """`count` distinct small disclosures: the seed with a different 公务接待费 in each."""
    folder.mkdir(parents=True)
    text = sample_path.read_bytes()
    files = []
    for i in range(count):
        changed = text.replace("公务接待费1.36万元".encode(), f"公务接待费{i}.36万元".encode())
        path = folder / f"d{i:04d}.txt"
        path.write_bytes(changed)
        files.append(path)
    return files


def cli(*args: str | Path, tmp: Path | None = None) -> subprocess.Popen[str]:
    """The CLI in a new process; `tmp` as its temporary folder (a killed process leaves its own there)."""
    return subprocess.Popen(
        [sys.executable, "-m", "analytics", *map(str, args)],
        env={**os.environ, "TMPDIR": str(tmp)} if tmp else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def wait_for_commits(process: subprocess.Popen[str], wal: Path, timeout: float = 60) -> None:
    """Until the ingest has committed a few batches (its write-ahead log grows past the schema's)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the ingest ended before it could be killed: {process.communicate()}"
        if wal.exists() and wal.stat().st_size > 256 * 1024:
            return
        time.sleep(0.01)
    raise AssertionError("the ingest committed nothing in time")


def test_sigkill_mid_ingest_loses_only_unfinished_documents(sample_path: Path, tmp_path: Path) -> None:
    files = seed_corpus(sample_path, tmp_path / "in", 300)
    db = tmp_path / "db.duckdb"
    with open_store(tmp_path / "reference.duckdb") as reference:  # what one document gives
        ingest([files[0]], db=reference, jobs=1)
        facts_per_document = reference.query("select count(*) from facts").rows[0][0]
        checks_per_document = reference.query("select count(*) from checks").rows[0][0]

    (tmp_path / "tmp").mkdir()
    process = cli(
        "ingest", tmp_path / "in", "--db", db, "--jobs", "2", "--batch-size", "10", "--no-progress",
        tmp=tmp_path / "tmp",
    )  # fmt: skip
    wait_for_commits(process, Path(f"{db}.wal"))

    # While it writes: every other command, reader or writer, gets one clean line.
    runner = CliRunner()
    for args in (
        ["sql", "select count(*) from documents", "--db", str(db)],
        ["check", "--db", str(db)],
        ["export", "--db", str(db), "--out", str(tmp_path / "export")],
        ["ingest", str(files[0]), "--db", str(db), "--no-progress", "--jobs", "2"],
    ):
        result = runner.invoke(main, args, prog_name="analytics")
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr == (
            f"Error: {db}: the database is in use by another process (pid {process.pid}); "
            "DuckDB allows one writer or many readers — wait for it to finish\n"
        ), args
        assert "Traceback" not in result.output

    workers = psutil.Process(process.pid).children(recursive=True)
    assert workers, "ingest --jobs 2 runs worker processes"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    _, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, f"worker processes outlived the killed ingest: {alive}"

    with open_store(db) as store:  # opens, replays its log, and holds whole documents only
        loaded = store.query("select count(*) from documents where status = 'ok'").rows[0][0]
        assert isinstance(loaded, int) and 0 < loaded < len(files)
        assert store.query("select count(*) from facts").rows == [(loaded * facts_per_document,)]
        assert store.query("select count(*) from checks").rows == [(loaded * checks_per_document,)]
        assert store.query(
            "select count(*) from facts where doc_id not in (select doc_id from documents)"
        ).rows == [(0,)]

    rerun = cli("ingest", tmp_path / "in", "--db", db, "--jobs", "2", "--no-progress")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    with open_store(db, read_only=True) as store:
        assert store.query(
            "select count(*), count(distinct source_path), count(distinct doc_id) from documents"
        ).rows == [(len(files), len(files), len(files))]
        assert store.query("select count(*) from facts").rows == [(len(files) * facts_per_document,)]
        assert store.query("select count(*) from checks").rows == [(len(files) * checks_per_document,)]
    assert re.search(rf"unchanged\s+│\s+{loaded} │", out), out


# -- a corpus of bad files beside good ones ----------------------------------------------------------


DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
        'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}
DOCUMENT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
    'wordprocessingml/2006/main"><w:body>'
)
DOCUMENT_TAIL = "</w:body></w:document>"


def docx(paragraphs: list[str]) -> bytes:
    """A minimal Word document holding `paragraphs`."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return docx_of(iter([DOCUMENT_HEAD + body + DOCUMENT_TAIL]))


def docx_of(document_xml: Iterator[str | bytes]) -> bytes:
    """A Word document whose main part is written piece by piece (large ones never sit in memory)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in DOCX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for piece in document_xml:
                member.write(piece.encode() if isinstance(piece, str) else piece)
    return buffer.getvalue()


@functools.cache  # deterministic, and slow enough to build once per session
def large_docx(xml_mb: float, title: str) -> bytes:
    """A large but legal .docx: `title`, then tables of made-up figures, `xml_mb` MB of XML that
    deflate packs about 20:1 (as real Office XML), so that every zip check passes."""
    numbers = random.Random(14)
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"

    def pieces() -> Iterator[str]:
        yield DOCUMENT_HEAD + f"<w:p><w:r><w:t>{title}</w:t></w:r></w:p>"
        written = 0
        while written < xml_mb * (1 << 20):
            rows = "".join(
                "<w:tr>"
                + "".join(cell.format(f"{numbers.random() * 1000:.2f}") for _ in range(6))
                + "</w:tr>"
                for _ in range(100)
            )
            table = f"<w:tbl>{rows}</w:tbl><w:p><w:r><w:t>单位：万元</w:t></w:r></w:p>"
            written += len(table.encode())
            yield table
        yield DOCUMENT_TAIL

    return docx_of(pieces())


@functools.cache
def understated_docx(real_mb: int, declared: int = 4096) -> bytes:
    """A .docx whose main part holds `real_mb` MB (spaces: deflate packs them ~1000:1) while both zip
    headers declare `declared` bytes: every check made on declared sizes passes."""
    spaces = b" " * (1 << 20)
    data = bytearray(docx_of(iter([DOCUMENT_HEAD, *([spaces] * real_mb), DOCUMENT_TAIL])))
    name = b"word/document.xml"
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_offset : start + name_offset + len(name)] == name:
                struct.pack_into("<I", data, start + size_offset, declared)
            start += 4
    return bytes(data)


def zip_bomb(paragraphs: list[str]) -> bytes:
    """A .docx whose central directory declares ~3.7 GB for word/document.xml (its data is small):
    a reader that trusted the header would try to allocate it."""
    data = bytearray(docx(paragraphs))
    offset = data.rfind(b"PK\x01\x02")  # central directory entries; document.xml is the last one
    while offset != -1:
        name_length = struct.unpack_from("<H", data, offset + 28)[0]
        name = bytes(data[offset + 46 : offset + 46 + name_length])
        if name == b"word/document.xml":
            struct.pack_into("<I", data, offset + 24, 0xEE6B2800)  # uncompressed size: 4,000,000,000
            return bytes(data)
        offset = data.rfind(b"PK\x01\x02", 0, offset)
    raise AssertionError("no word/document.xml in the archive")


FORMULA = '=HYPERLINK("http://example.invalid/?q="&A1,"点击")'

Corpus = tuple[Path, list[Path], dict[str, Path], set[str]]


@pytest.fixture
def bad_corpus(sample_path: Path, tmp_path: Path) -> Corpus:
    """Two good disclosures and, beside them, every kind of bad file and hostile entry; returns
    (folder, good, bad: files read and recorded, skipped: names the walk must skip)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    seed = sample_path.read_bytes()
    good = [folder / "good_a.txt", folder / "good_b.txt"]
    good[0].write_bytes(seed)
    good[1].write_bytes(seed.replace("公务接待费1.36万元".encode(), "公务接待费1.46万元".encode()))
    noise = random.Random(6)
    bad: dict[str, Path] = {}

    def add(name: str, content: bytes) -> None:
        (folder / name).write_bytes(content)
        bad[name] = folder / name

    for suffix in SUFFIXES:
        add(f"empty{suffix}", b"")
        add(f"random{suffix}", noise.randbytes(8192))
    add("truncated.docx", (READ_CASES / "disclosure.docx").read_bytes()[:900])
    add("truncated.pdf", (READ_CASES / "disclosure.pdf").read_bytes()[:20000])
    add("truncated.xlsx", (READ_CASES / "disclosure.xlsx").read_bytes()[:1500])
    add("zip_bomb.docx", zip_bomb(seed.decode("utf-8").splitlines()[:40]))
    add("encrypted.pdf", (READ_CASES / "encrypted.pdf").read_bytes())
    add("scanned.pdf", (READ_CASES / "scanned.pdf").read_bytes())
    add("wrong_suffix.xlsx", (READ_CASES / "disclosure.html").read_bytes())
    add("mixed_encodings.txt", seed[: len(seed) // 2] + "财政拨款收入".encode("gbk") * 40)
    add("understated_header.docx", understated_docx(1024))  # 1 GB behind a 4 KB header
    add("large_legal.docx", large_docx(16, "廊坊市科学技术协会2019年部门决算"))  # 16 MB of XML: read
    add("over_xml_limit.docx", large_docx(34, "廊坊市科学技术协会2020年部门决算"))  # refused unread
    first_line = seed.index(b"\n")
    add(
        "formula_title.txt",
        FORMULA.encode() + seed[:first_line] + seed[first_line:].replace(b"1.36", b"1.56"),
    )
    skipped = {"pipe.txt", "zero.txt", "outside.txt", "loop_a.txt", "loop_b.txt"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
        (folder / "zero.txt").symlink_to("/dev/zero")
        (tmp_path / "private.txt").write_text("root:x:0:0:不应公开\n", encoding="utf-8")
        (folder / "outside.txt").symlink_to(tmp_path / "private.txt")
        (folder / "loop_a.txt").symlink_to("loop_b.txt")
        (folder / "loop_b.txt").symlink_to("loop_a.txt")
    else:
        skipped = set()
    return folder, good, bad, skipped


def test_bad_files_are_recorded_and_good_ones_load_in_full(bad_corpus: Corpus, tmp_path: Path) -> None:
    folder, good, bad, skipped = bad_corpus
    db = tmp_path / "db.duckdb"
    with open_store(tmp_path / "reference.duckdb") as reference:
        ingest(good, db=reference, jobs=1)
        expected_facts = reference.query("select count(*) from facts").rows

    report = ingest([folder], db=db, jobs=2)

    by_name = {Path(r.source_path).name: r for r in report.results}
    assert len(by_name) == len(good) + len(bad)
    assert {by_name[g.name].status for g in good} == {"loaded"}
    assert {Path(s.path).name for s in report.skipped} == skipped
    with open_store(db, read_only=True) as store:
        assert (
            store.query("select count(*) from facts where source_path like '%good_%'").rows == expected_facts
        )
        rows = {
            Path(str(path)).name: (status, error)
            for path, status, error in store.query("select source_path, status, error from documents").rows
        }
        notes = {
            Path(str(path)).name: (encoding, list(notes or []))
            for path, encoding, notes in store.query(
                "select source_path, encoding, notes from documents"
            ).rows
        }
        assert store.query("select count(*) from documents where title like '%root:x%'").rows == [(0,)]
    assert not set(rows) & skipped  # never opened, never recorded
    for name, path in bad.items():
        status, error = rows[name]  # every file has its row
        if status == "error":
            assert str(error).startswith(("read failed for ", "extract failed for ", "validate failed for "))
            assert str(path) in str(error), error
            assert by_name[name].status == "failed"
            assert any(e.path == str(path) and e.message == error for e in report.errors)
        else:  # read after all, and what was odd about it is noted on its row
            assert name in ("wrong_suffix.xlsx", "mixed_encodings.txt", "large_legal.docx", "formula_title.txt",
                            *READ_AS_TEXT), (name, status, error)  # fmt: skip
    assert notes["wrong_suffix.xlsx"][1] == [
        "named .xlsx (an Excel .xlsx workbook) but holds an HTML page: read as that"
    ]
    assert notes["mixed_encodings.txt"][0] == "utf-8+gb18030"
    assert "the file mixes UTF-8 and GB18030 text" in " ".join(notes["mixed_encodings.txt"][1])
    failed = {name for name, (status, _) in rows.items() if status == "error"}
    assert failed >= {n for n in bad if n.startswith(("empty", "random", "truncated")) and n not in READ_AS_TEXT} | {
        "zip_bomb.docx", "encrypted.pdf", "scanned.pdf", "understated_header.docx", "over_xml_limit.docx"
    }  # fmt: skip
    assert "zip bomb" in str(rows["zip_bomb.docx"][1]) or "expand" in str(rows["zip_bomb.docx"][1])
    assert "password" in str(rows["encrypted.pdf"][1]) or "encrypt" in str(rows["encrypted.pdf"][1])
    assert "Bad CRC-32 for file 'word/document.xml'" in str(rows["understated_header.docx"][1])
    assert "34.0 MB of XML, over the limit of 32 MB per document" in str(rows["over_xml_limit.docx"][1])
    assert rows["large_legal.docx"][0] == "ok" or str(rows["large_legal.docx"][1]).startswith(
        "extract failed"
    )


MEMORY_LIMIT_MB = 1536


def peak_tree_rss_mb(command: list[str], timeout: float) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run `command`, sampling the resident memory of it and all its descendants every 20 ms; the
    largest sum seen, in MB. Fails by timeout rather than hang."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)
    peak = 0
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if time.monotonic() > deadline:
            for child in root.children(recursive=True):
                child.kill()
            process.kill()
            raise AssertionError(f"{command} did not finish in {timeout} s")
        total = 0
        try:
            for member in [root, *root.children(recursive=True)]:
                total += member.memory_info().rss
        except psutil.Error:  # a worker ended while we looked
            pass
        peak = max(peak, total)
        time.sleep(0.02)
    out, err = process.communicate()
    return peak / (1 << 20), subprocess.CompletedProcess(command, process.returncode, out, err)


def test_the_bad_corpus_stays_under_1_5_gb_with_two_jobs(bad_corpus: Corpus, tmp_path: Path) -> None:
    """Before: the lying header alone took a worker past 1 GB (the tree peaked at 2.6 GB on this
    corpus, without the FIFO, which hung it), and a large legal .docx took 15 times its XML. Now the
    whole process tree (writer, fork server, two workers) stays under 1.5 GB (0.56 GB measured)."""
    folder, _, _, _ = bad_corpus
    command = [sys.executable, "-m", "analytics", "ingest", str(folder), "--db", str(tmp_path / "db.duckdb"),
               "--jobs", "2", "--no-progress"]  # fmt: skip
    peak, done = peak_tree_rss_mb(command, timeout=600)
    assert done.returncode == 1, done.stderr  # the bad files failed; nothing crashed
    assert "Traceback" not in done.stderr
    print(f"peak resident memory of the process tree: {peak:.0f} MB")
    assert peak < MEMORY_LIMIT_MB, f"{peak:.0f} MB"


@pytest.mark.parametrize(
    ("setting", "limit_message"),
    [
        (None, "MB of text, over the limit of 20 MB for plain text and web pages"),  # the defaults
        ("64", "over the limit of 64 MB (set ANALYTICS_MAX_FILE_MB"),  # a deployment's own file limit
    ],
)
def test_a_100_mb_text_file_is_refused_without_reading_it(
    sample_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setting: str | None,
    limit_message: str,
) -> None:
    """The workers see the limits the parent has, whenever their pool was started."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_path, folder / "good.txt")
    big = folder / "huge.txt"
    block = sample_path.read_bytes()
    with big.open("wb") as out:
        for _ in range(100 * 1024 * 1024 // len(block) + 1):
            out.write(block)
    assert big.stat().st_size >= 100 * 1024 * 1024
    monkeypatch.delenv("ANALYTICS_MAX_TEXT_MB", raising=False)
    if setting is None:
        monkeypatch.delenv("ANALYTICS_MAX_FILE_MB", raising=False)
    else:
        monkeypatch.setenv("ANALYTICS_MAX_FILE_MB", setting)
    started = time.monotonic()
    report = ingest([folder], db=tmp_path / "db.duckdb", jobs=2)
    assert time.monotonic() - started < 60
    assert [(Path(r.source_path).name, r.status) for r in report.results] == [
        ("good.txt", "loaded"), ("huge.txt", "failed")
    ]  # fmt: skip
    (error,) = report.errors
    assert error.message.startswith(f"read failed for {big}: ")
    assert limit_message in error.message


def test_random_bytes_named_doc_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "random.doc"
    path.write_bytes(random.Random(6).randbytes(8192))
    report = ingest([path], db=tmp_path / "db.duckdb", jobs=1)
    assert [r.status for r in report.results] == ["failed"]


# -- a full disk ---------------------------------------------------------------------------------------


def limited_cli(limit: int, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The CLI in a process that may write no file past `limit` bytes (RLIMIT_FSIZE: writes beyond it
    fail with 'File too large', as they fail with 'No space left on device' on a full disk; no root
    needed). Time-bounded."""

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)],
        preexec_fn=limit_files, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
    )  # fmt: skip


needs_rlimit = pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="RLIMIT_FSIZE is POSIX-only")


@needs_rlimit
def test_a_full_disk_during_ingest_is_one_line_and_loses_nothing_committed(
    sample_path: Path, tmp_path: Path
) -> None:
    """Before: the failed commit was a raw DuckDB traceback."""
    files = seed_corpus(sample_path, tmp_path / "in", 60)
    db = tmp_path / "db.duckdb"
    done = limited_cli(1 << 20, "ingest", tmp_path / "in", "--db", db, "--no-progress", "--jobs", "2",
                       "--batch-size", "5")  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(
        f"Error: {db}: cannot write to the database ("
    )
    assert done.stderr.rstrip().endswith(
        "the documents written before this are kept: make room (or fix the disk) and run the ingest again"
    )
    with open_store(db, read_only=True) as store:  # readable, whole documents only
        loaded = store.query("select count(*) from documents").rows[0][0]
        assert isinstance(loaded, int) and loaded < len(files)
    again = ingest([tmp_path / "in"], db=db, jobs=1)
    assert again.ok and again.documents_unchanged == loaded and again.documents_loaded == len(files) - loaded


@needs_rlimit
def test_a_full_disk_during_report_is_one_line_and_keeps_the_last_report(
    sample_path: Path, tmp_path: Path
) -> None:
    db = tmp_path / "db.duckdb"
    ingest([sample_path], db=db, jobs=1)
    out = tmp_path / "reports"
    (out / "2026-01-05").mkdir(parents=True)  # an earlier report, as the last run left it
    (out / "2026-01-05" / "index.html").write_text("<html></html>", encoding="utf-8")
    (out / "latest.txt").write_text("2026-01-05\n", encoding="utf-8")
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    done = limited_cli(16 << 10, "report", "--db", db, "--out", out)  # the first chart is over 16 KB
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        done.stderr == f"Error: {out}: cannot write the report: file too large; the previous report is kept\n"
    )
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before  # no staging left
