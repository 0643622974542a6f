"""Real-PDF benchmark: pages per second of this package's reader and of a whole ingest, beside
pypdfium2's own text extraction on the same files, in one run.

    python bench/real_pdf.py                          # ../shared/real/pdf, ingest with 2 workers
    python bench/real_pdf.py --folder DIR --jobs 1 --repeat 5 --json out.json

The folder defaults to the real training PDFs beside the repository (../shared/real/pdf); when it is
absent the benchmark says so and exits 0. Measured, each the median of --repeat runs:

- pypdfium2 text: every page's text page and `get_text_range()`, no layout (one process);
- read: `analytics.read.pdf.read_pdf` (characters, ruling lines, tables, paragraphs; one process);
- read + extract: the same, then `analytics.extract.extract` (one process);
- ingest: `analytics.ingest` of the folder into a new database with --jobs worker processes, in a
  fresh process (interpreter start and imports not counted; the target is >= 150 pages/s on two).

Each row also says how many times slower than pypdfium2 it is; the in-process rows add pages per
second of CPU time (their best run), which moves far less than the wall clock on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "real" / "pdf"


Rate = tuple[float, float, float, float | None]  # median, lowest, highest; pages per CPU second


def _median_rate(pages: int, repeat: int, run: Callable[[], object]) -> Rate:
    """Pages per second of `run`: the median, the lowest and the highest of `repeat` runs, and pages
    per second of this process's CPU time in its best run (steadier on a shared machine)."""
    rates, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        rates.append(pages / (time.perf_counter() - started))
        cpu.append(pages / max(time.process_time() - started_cpu, 1e-9))
    return statistics.median(rates), min(rates), max(rates), max(cpu)


def _raw_text(datas: list[bytes]) -> None:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    for data in datas:
        document = pdfium.PdfDocument(data)
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        document.close()


def _read(datas: list[bytes], names: list[str], extract: bool) -> None:
    from analytics.extract import extract as extract_document
    from analytics.read.pdf import read_pdf

    for data, name in zip(datas, names, strict=True):
        document = read_pdf(data, name)
        if extract:
            extract_document(document)


def child(folder: str, db: str, jobs: int) -> dict[str, Any]:
    """One ingest, timed inside its own process."""
    import analytics

    started = time.perf_counter()
    report = analytics.ingest([folder], db=db, jobs=jobs)
    return {"seconds": time.perf_counter() - started, "documents": report.documents_seen}


def _ingest_rate(folder: Path, pages: int, jobs: int, repeat: int) -> Rate:
    rates = []
    with tempfile.TemporaryDirectory() as work:
        for run in range(repeat):
            db = Path(work) / f"real-{run}.duckdb"
            command = [sys.executable, __file__, "--child", str(folder), str(db), str(jobs)]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"the measured ingest failed:\n{done.stderr}")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            rates.append(pages / figures["seconds"])
    return statistics.median(rates), min(rates), max(rates), None  # the workers' CPU is not ours to count


def run(folder: Path, jobs: int, repeat: int) -> dict[str, Any]:
    import pypdfium2 as pdfium

    paths = sorted(folder.glob("*.pdf"))
    datas = [path.read_bytes() for path in paths]
    names = [str(path) for path in paths]
    pages = sum(len(pdfium.PdfDocument(data)) for data in datas)
    _read(datas[:1], names[:1], extract=True)  # warm up: imports, reference files, caches
    rows = {
        "pypdfium2 text": _median_rate(pages, repeat, lambda: _raw_text(datas)),
        "read": _median_rate(pages, repeat, lambda: _read(datas, names, extract=False)),
        "read + extract": _median_rate(pages, repeat, lambda: _read(datas, names, extract=True)),
        f"ingest, {jobs} worker(s)": _ingest_rate(folder, pages, jobs, repeat),
    }
    raw = rows["pypdfium2 text"][0]
    print(f"{len(paths)} PDFs, {pages} pages, {folder}")
    print(f"{'':<22}{'pages/s':>9}{'range':>13}{'x slower':>10}{'per CPU s':>11}{'x slower':>10}")
    raw_cpu = rows["pypdfium2 text"][3] or 1.0
    for name, (median, low, high, cpu) in rows.items():
        on_cpu = f"{cpu:>11.0f}{raw_cpu / cpu:>10.1f}" if cpu else f"{'':>21}"
        print(f"{name:<22}{median:>9.0f}{f'{low:.0f}-{high:.0f}':>13}{raw / median:>10.1f}{on_cpu}")
    return {
        "folder": str(folder),
        "documents": len(paths),
        "pages": pages,
        "jobs": jobs,
        "repeat": repeat,
        "pages_per_s": {
            name: {"median": m, "min": lo, "max": hi, "per_cpu_s": cpu}
            for name, (m, lo, hi, cpu) in rows.items()
        },
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        folder, db, jobs = sys.argv[2:5]
        print(json.dumps(child(folder, db, int(jobs))))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER, help="a folder of real PDFs")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the ingest (default 2)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement (the median is shown)"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.folder.is_dir() or not any(args.folder.glob("*.pdf")):
        print(f"no real PDFs at {args.folder}: nothing to measure")
        return
    figures = run(args.folder, args.jobs, args.repeat)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
