"""Print a document's blocks as extraction sees them, and optionally the figures it gives.

    .venv/bin/python scripts/show_blocks.py FILE... [--raw] [--facts]

`--raw` shows the reader's own blocks, before the shape pass (`analytics.read.shape`). Paragraphs
print as `P| text`, tables as `T| caption` followed by one `  | a | b |` line per row.
"""

from __future__ import annotations

import argparse
from pathlib import Path, PurePath

from analytics.extract import extract
from analytics.model import Document, Paragraph
from analytics.read.registry import READERS, read_bytes
from analytics.read.sniff import sniff_format


def raw_document(path: Path) -> Document:
    data = path.read_bytes()
    return READERS[sniff_format(data, PurePath(path).suffix)](data, str(path))


def show(document: Document) -> None:
    for block in document.blocks:
        if isinstance(block, Paragraph):
            print(f"P| {block.text}")
        else:
            print(f"T| caption={block.caption!r}")
            for row in block.rows:
                print("  | " + " | ".join(row) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--raw", action="store_true", help="the reader's blocks, before the shape pass")
    parser.add_argument("--facts", action="store_true", help="also print the figures extracted")
    args = parser.parse_args()
    for path in args.files:
        print(f"===== {path}")
        document = raw_document(path) if args.raw else read_bytes(path.read_bytes(), str(path))
        show(document)
        if args.facts:
            result = extract(document)
            m = result.metadata
            print(f"-- meta: {m.department} {m.region} {m.year} {m.kind}")
            for f in result.facts:
                if f.basis == "stated":
                    print(
                        f"-- {f.metric}/{f.measure}/{f.kind}/{f.year} = {f.value}  [{f.method}] {f.quote[:60]!r}"
                    )


if __name__ == "__main__":
    main()
