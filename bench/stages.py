"""Where the time of one document goes, stage by stage, in one process (no pool, no database).

    python bench/stages.py --docs 300                 # the corpora bench/ingest.py made, by format
    python bench/stages.py --docs 300 --profile txt   # and a cProfile of read+extract for one format

Prints milliseconds per document for read, extract, validate and prepare (rows), and the
single-core ceiling in documents per second: with N worker processes, ingest cannot beat N times it.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
import time
from pathlib import Path

from analytics.extract import extract
from analytics.load.batch import build_rows
from analytics.read import read_document
from analytics.validate import validate


def files_of(work: Path, name: str, docs: int) -> list[Path]:
    folders = sorted(work.glob(f"{name}-*"), key=lambda p: p.name)
    folders = [f for f in folders if f.is_dir()]
    if not folders:
        raise SystemExit(f"no {name} corpus under {work}: run bench/ingest.py first")
    return sorted(p for p in folders[0].rglob("*") if p.is_file() and not p.name.startswith("."))[:docs]


def time_stages(files: list[Path]) -> dict[str, float]:
    totals = dict.fromkeys(("read", "extract", "validate", "prepare"), 0.0)
    failed = 0
    for path in files:
        try:
            t0 = time.perf_counter()
            document = read_document(path)
            t1 = time.perf_counter()
            extraction = extract(document)
            t2 = time.perf_counter()
            checks = validate(extraction)
            t3 = time.perf_counter()
            build_rows(document, extraction, checks)
            t4 = time.perf_counter()
        except Exception:
            failed += 1
            continue
        for stage, seconds in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            totals[stage] += seconds
    done = max(len(files) - failed, 1)
    per_doc = {stage: seconds / done * 1000 for stage, seconds in totals.items()}
    per_doc["failed"] = failed
    return per_doc


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--formats", default="txt,html,docx,pdf")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "analytics-bench"))
    parser.add_argument("--profile", help="a format to profile (cProfile, top functions by own time)")
    args = parser.parse_args()
    work = Path(args.work)
    print(
        f"{'format':<7}{'docs':>6}{'read ms':>9}{'extract':>9}{'validate':>10}{'prepare':>9}{'total':>8}{'docs/s/core':>13}"
    )
    for name in args.formats.split(","):
        try:
            files = files_of(work, name, args.docs)
        except SystemExit as exc:
            print(exc)
            continue
        for path in files[:5]:  # imports, compiled patterns and caches out of the timing (every stage)
            document = read_document(path)
            extraction = extract(document)
            build_rows(document, extraction, validate(extraction))
        ms = time_stages(files)
        total = ms["read"] + ms["extract"] + ms["validate"] + ms["prepare"]
        print(
            f"{name:<7}{len(files):>6}{ms['read']:>9.2f}{ms['extract']:>9.2f}{ms['validate']:>10.2f}"
            f"{ms['prepare']:>9.2f}{total:>8.2f}{1000 / total:>13.0f}"
        )
    if args.profile:
        files = files_of(work, args.profile, args.docs)
        profiler = cProfile.Profile()
        profiler.enable()
        for path in files:
            extract(read_document(path))
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
