"""Versions. `PARSER_VERSION` names the code and reference data that turn a file into rows: the
package version plus a digest of the read, extract and validate stages and data/reference/. Any
change to them gives a new version, so the next ingest re-extracts every file instead of keeping
rows made by older code ('unchanged' means same bytes *and* same parser)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from analytics.reference import reference_dir

__version__ = "0.1.0"

_PACKAGE = Path(__file__).resolve().parent
_STAGES = ("read", "extract", "validate")


def _parser_digest() -> str:
    digest = hashlib.sha256()
    files = [p for stage in _STAGES for p in (_PACKAGE / stage).rglob("*.py")]
    files += [*reference_dir().glob("*.csv"), *reference_dir().glob("*.toml"), _PACKAGE / "model.py"]
    for path in sorted(files, key=lambda p: p.as_posix()):
        digest.update(path.relative_to(path.parents[1]).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


PARSER_VERSION = f"{__version__}+{_parser_digest()}"
