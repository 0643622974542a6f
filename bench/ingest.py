"""Ingest benchmark: documents per second by format, peak memory, and re-ingesting an unchanged corpus.

    python bench/ingest.py --docs 1000                       # txt, html, docx (and 200 pdf)
    python bench/ingest.py --docs 10000 --formats mixed      # one corpus of txt + html + docx
    python bench/ingest.py --docs 1000 --formats txt --jobs 1

Corpora come from the synthetic generator (`cn_budget_samples.generate`: deterministic, the real
shapes of 部门预算/决算 disclosures; PDFs are LibreOffice conversions of its .docx) and are kept under
--work (default: $TMPDIR/analytics-bench) for the next run. Each ingest runs in a fresh process that
samples the memory (RSS) of itself and its worker processes every 20 ms. Each corpus is ingested
--repeat times (3) into a new database: the median run's figures are printed with the range of
documents/s (a shared virtual machine varies by several percent from run to run) and the highest
memory; then once more into the full database, for the re-ingest. The figures are printed as a table
and, with --json, written to a file. Targets (docs/performance.md): text and HTML >= 300
documents/s, .docx >= 100/s, 10-page PDFs >= 20/s, peak memory <= 1 GB at 10,000 documents,
re-ingesting 10,000 unchanged documents <= 10 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

FORMATS = {
    "txt": ("txt",),
    "html": ("html",),
    "docx": ("docx",),
    "pdf": ("pdf",),
    "pdf10": ("pdf",),  # synthetic PDFs joined into documents of exactly 10 pages
    "mixed": ("txt", "html", "docx"),
}
PAGES = 10
DOCS_PER_DEPARTMENT = 20  # the generator writes a budget and a final account for each of 10 years
PDF_DOCS = 200  # converting to PDF goes through LibreOffice: fewer of them (pdf10 joins 3x as many)


def corpus(work: Path, name: str, docs: int) -> tuple[Path, int]:
    """A folder of `docs` synthetic documents of format `name` (made once, then reused)."""
    folder = work / f"{name}-{docs}"
    marker = folder / ".complete"
    if name == "pdf10" and not marker.exists():
        source, _ = corpus(work, "pdf", docs * 3)
        ten_pages(sorted(source.rglob("*.pdf")), folder, docs)
        marker.write_text(f"{docs} documents of {PAGES} pages joined from {source}\n")
    if not marker.exists():
        from cn_budget_samples import generate

        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        departments = math.ceil(docs / DOCS_PER_DEPARTMENT)
        result = generate(folder, departments=departments, formats=FORMATS[name], write_truth_files=False)
        surplus = sorted(result.paths)[docs:]  # whole departments were generated: keep `docs` files
        for relative in surplus:
            (folder / relative).unlink()
        marker.write_text(f"{docs} documents generated in {time.perf_counter() - started:.1f} s\n")
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return folder, len(files)


def ten_pages(sources: list[Path], folder: Path, docs: int) -> None:
    """Write `docs` PDFs of exactly PAGES pages, each joined from consecutive synthetic disclosures."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    folder.mkdir(parents=True, exist_ok=True)
    queue = list(sources)
    for index in range(docs):
        joined = pdfium.PdfDocument.new()
        while len(joined) < PAGES:
            if not queue:
                raise SystemExit("not enough synthetic PDFs to join")
            part = pdfium.PdfDocument(queue.pop(0))
            joined.import_pages(part, list(range(min(len(part), PAGES - len(joined)))))
        joined.save(folder / f"joined_{index:05d}.pdf")


def pdf_pages(folder: Path) -> float:
    import pypdfium2 as pdfium

    pages = [len(pdfium.PdfDocument(p)) for p in sorted(folder.rglob("*.pdf"))[:50]]
    return sum(pages) / len(pages) if pages else 0.0


# -- the measured process ----------------------------------------------------------------------------


class MemorySampler:
    """Peak RSS of this process and of all its descendants (the worker processes), sampled."""

    def __init__(self, interval: float = 0.02) -> None:
        import psutil  # type: ignore[import-untyped]

        self.me = psutil.Process()
        self.interval = interval
        self.parent = self.worker = self.total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                parent = self.me.memory_info().rss
                workers = []
                for child in self.me.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        workers.append(child.memory_info().rss)
                self.parent = max(self.parent, parent)
                self.worker = max([self.worker, *workers])
                self.total = max(self.total, parent + sum(workers))
            except psutil.Error:
                pass
            self._stop.wait(self.interval)


def child(folder: str, db: str, jobs: int | None, batch_size: int) -> dict[str, Any]:
    """One ingest, measured (runs in its own process: see `measure`)."""
    import resource

    from analytics import ingest

    with MemorySampler() as memory:
        started = time.perf_counter()
        report = ingest([folder], db=db, jobs=jobs, batch_size=batch_size)
        seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "seconds": seconds,
        "documents": report.documents_seen,
        "loaded": report.documents_loaded,
        "unchanged": report.documents_unchanged,
        "failed": report.documents_failed,
        "facts": report.facts_written,
        "parent_cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_parent_mb": max(memory.parent, usage.ru_maxrss * 1024) / 2**20,
        "peak_worker_mb": memory.worker / 2**20,
        "peak_total_mb": memory.total / 2**20,
    }


def measure(folder: Path, db: Path, jobs: int | None, batch_size: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(folder), str(db), str(jobs or 0), str(batch_size)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the measured ingest failed:\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process_seconds"] = time.perf_counter() - started  # with interpreter start and imports
    return figures


# -- the benchmark -----------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in args.formats.split(","):
        docs = min(args.docs, PDF_DOCS) if name.startswith("pdf") and not args.all_pdf else args.docs
        folder, count = corpus(work, name, docs)
        db = work / f"{name}-{docs}.duckdb"
        runs = []
        for _ in range(args.repeat):  # each into a new database
            for stale in (db, Path(f"{db}.wal")):
                stale.unlink(missing_ok=True)
            runs.append(measure(folder, db, args.jobs, args.batch_size))
        again = measure(folder, db, args.jobs, args.batch_size)
        rates = sorted(run["documents"] / run["seconds"] for run in runs)
        first = sorted(runs, key=lambda run: run["documents"] / run["seconds"])[len(runs) // 2]  # the median
        row = {
            "format": name,
            "documents": count,
            "pages_per_pdf": round(pdf_pages(folder), 1) if name.startswith("pdf") else None,
            "runs": len(runs),
            "docs_per_s": first["documents"] / first["seconds"],
            "docs_per_s_min": rates[0],
            "docs_per_s_max": rates[-1],
            "docs_per_s_with_startup": first["documents"] / first["process_seconds"],
            "ingest_s": first["seconds"],
            "failed": first["failed"],
            "facts": first["facts"],
            "parent_cpu_s": first["parent_cpu_s"],
            "peak_parent_mb": max(run["peak_parent_mb"] for run in runs),
            "peak_worker_mb": max(run["peak_worker_mb"] for run in runs),
            "peak_total_mb": max(run["peak_total_mb"] for run in runs),
            "reingest_s": again["seconds"],
            "reingest_unchanged": again["unchanged"],
            "reingest_peak_total_mb": again["peak_total_mb"],
        }
        rows.append(row)
        print_row(row)
        if not args.keep:
            db.unlink(missing_ok=True)
    return rows


HEADER = (
    f"{'format':<7}{'docs':>7}{'docs/s':>9}{'range':>11}{'w/ start':>10}{'ingest s':>10}{'failed':>8}"
    f"{'parent MB':>11}{'worker MB':>11}{'total MB':>10}{'re-ingest s':>13}"
)


def print_row(row: dict[str, Any]) -> None:
    if not getattr(print_row, "headed", False):
        print(HEADER)
        print_row.headed = True  # type: ignore[attr-defined]
    pages = f" ({row['pages_per_pdf']} pages each)" if row["pages_per_pdf"] else ""
    spread = f"{row['docs_per_s_min']:.0f}-{row['docs_per_s_max']:.0f}"
    print(
        f"{row['format']:<7}{row['documents']:>7}{row['docs_per_s']:>9.0f}{spread:>11}"
        f"{row['docs_per_s_with_startup']:>10.0f}"
        f"{row['ingest_s']:>10.2f}{row['failed']:>8}{row['peak_parent_mb']:>11.0f}{row['peak_worker_mb']:>11.0f}"
        f"{row['peak_total_mb']:>10.0f}{row['reingest_s']:>13.2f}{pages}",
        flush=True,
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        folder, db, jobs, batch_size = sys.argv[2:6]
        print(json.dumps(child(folder, db, int(jobs) or None, int(batch_size))))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=1000, help="documents per format (PDF: at most 200)")
    parser.add_argument(
        "--formats", default="txt,html,docx,pdf", help="comma-separated: txt html docx pdf pdf10 mixed"
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the cores)")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="ingests of each corpus into a new database (at least 1): the middle run is printed (of an "
        "even number, the faster of the two middle ones), with the range",
    )
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "analytics-bench"))
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--all-pdf", action="store_true", help="as many PDFs as --docs")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    print(
        f"cores: {os.cpu_count()}, jobs: {args.jobs or 'default'}, batch size: {args.batch_size}", flush=True
    )
    rows = run(args)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
