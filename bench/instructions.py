"""Instructions per document, stage by stage, counted by valgrind's callgrind: a measure of the
parse stages' cost that the machine's load does not move (wall time on the shared machine varies by
10-20 % from one run to the next; instruction counts by well under 1 %).

    python bench/instructions.py                    # read, extract, validate, prepare; 2 passes
    python bench/instructions.py --stages extract --passes 3

For each stage it runs this file twice under callgrind, once doing nothing but the warm-up (imports,
regex compilation, caches filled by one pass over the documents) and once with `--passes` more
passes over the stage alone, and divides the difference by the documents read. The documents are
the bundled samples' text and web pages (data/samples: 45 files). Needs valgrind on the PATH; slow
(each run takes a minute or two: callgrind runs Python about 50 times slower).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import subprocess
import sys
from pathlib import Path

STAGES = ("read", "extract", "validate", "prepare")
ROOT = Path(__file__).resolve().parent.parent


def sample_files() -> list[str]:
    found = glob.glob(str(ROOT / "data/samples/**/*.txt"), recursive=True)
    found += glob.glob(str(ROOT / "data/samples/**/*.html"), recursive=True)
    return sorted(set(found))


def run_passes(stage: str, passes: int) -> None:
    """What the counted process does: a warm-up pass through every stage, then `passes` of `stage`."""
    from analytics.extract import extract
    from analytics.load.batch import build_rows
    from analytics.read import read_document
    from analytics.validate import validate

    files = sample_files()
    documents = [read_document(f) for f in files]
    extractions = [extract(d) for d in documents]
    checks = [validate(e) for e in extractions]
    for document, extraction, found in zip(documents, extractions, checks, strict=True):
        build_rows(document, extraction, found)
    for _ in range(passes):
        if stage == "read":
            for f in files:
                read_document(f)
        elif stage == "extract":
            for document in documents:
                extract(document)
        elif stage == "validate":
            for extraction in extractions:
                validate(extraction)
        else:
            for document, extraction, found in zip(documents, extractions, checks, strict=True):
                build_rows(document, extraction, found)


def counted(stage: str, passes: int) -> int:
    """Instructions callgrind counts for a run of `run_passes(stage, passes)`."""
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--run",
            stage,
            "--passes",
            str(passes),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        # a fixed hash seed: set and dict orders, and so the counts, repeat from run to run
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    match = re.search(r"Collected\s*:\s*(\d+)", result.stderr)
    if match is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{result.stderr[-2000:]}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--run", choices=STAGES, help=argparse.SUPPRESS)  # the counted process itself
    args = parser.parse_args()
    if args.run:
        run_passes(args.run, args.passes)
        return
    documents = len(sample_files())
    total = 0.0
    print(f"{'stage':<10}{'M instructions / document':>27}")
    for stage in args.stages.split(","):
        per_document = (counted(stage, args.passes) - counted(stage, 0)) / (args.passes * documents) / 1e6
        total += per_document
        print(f"{stage:<10}{per_document:>27.2f}", flush=True)
    print(f"{'total':<10}{total:>27.2f}   ({documents} documents, {args.passes} passes)")


if __name__ == "__main__":
    main()
