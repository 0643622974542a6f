"""Which documents to make, in which format and with which surface variants, and their file names.

The bundled corpus (the six 廊坊市 departments, 2014-2023, every format) gets a curated plan: a
fixed number of documents per format, shuffled so each department's series mixes formats, and a
few variants placed on purpose (GBK/GB18030 pages and text, traditional characters, full-width
digits, tables in 元). Other requests (a benchmark's thousands of documents, or fewer formats)
draw formats and variants at random from the allowed ones. Both are seeded.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from analytics.model import Kind
from cn_budget_samples.departments import KEXIE_KEY, Department

FORMATS = ("docx", "doc", "pdf", "xlsx", "xls", "html", "txt")
NEEDS_OFFICE = frozenset({"doc", "pdf", "xls"})
MODEL_FORMAT = {"txt": "text"}  # the reader's name for a format, where it differs from the suffix
SEED_DOCUMENT = (KEXIE_KEY, 2017, "budget")  # the real seed: never generated
SAME_DISCLOSURE = ("廊坊市:shenji", 2018, "budget")
SAME_DISCLOSURE_FORMATS = ("docx", "doc", "pdf", "html", "xlsx", "xls", "txt")
_CURATED_COUNTS = {"docx": 28, "doc": 14, "pdf": 20, "xlsx": 11, "xls": 4, "html": 22, "txt": 20}


@dataclass(frozen=True)
class DocSpec:
    """One file to write."""

    department: Department
    year: int
    kind: Kind
    format: str  # a suffix of FORMATS
    folder: str = "synthetic"
    encoding: str = "utf-8"  # txt and html
    text_tables: str = "tab"  # txt: 'tab' (Word export) or 'pipe'
    full_width: bool = False
    traditional: bool = False
    yuan_tables: frozenset[str] = field(default_factory=frozenset)

    @property
    def path(self) -> str:
        """The file's path under the output folder, e.g. 'synthetic/synthetic_廊坊市审计局_2018_预算.docx'."""
        publication = self.year if self.kind == "budget" else self.year + 1
        word = "预算" if self.kind == "budget" else "决算"
        return f"{self.folder}/synthetic_{self.department.name(publication)}_{self.year}_{word}.{self.format}"

    @property
    def identity(self) -> tuple[str, int, Kind]:
        return (self.department.key, self.year, self.kind)


def plan(
    departments: list[Department],
    years: list[int],
    formats: tuple[str, ...],
    seed: int,
    *,
    same_disclosure: bool,
) -> list[DocSpec]:
    """The documents to make, in a stable order (department, year, budget before final)."""
    slots = [
        (d, y, k)
        for d in departments
        for y in years
        for k in ("budget", "final")
        if (d.key, y, k) != SEED_DOCUMENT
    ]
    rng = random.Random(f"{seed}:plan")
    curated = set(formats) == set(FORMATS) and len(slots) == sum(_CURATED_COUNTS.values())
    chosen = _curated_formats(slots, rng) if curated else [rng.choice(formats) for _ in slots]
    specs = [DocSpec(d, y, k, f) for (d, y, k), f in zip(slots, chosen, strict=True)]  # type: ignore[arg-type]
    specs = _curated_variants(specs) if curated else [_random_variants(s, rng) for s in specs]
    if same_disclosure:
        specs += _same_disclosure(specs, formats)
    return specs


def _curated_formats(slots: list[tuple[Department, int, str]], rng: random.Random) -> list[str]:
    pool = [f for f, n in _CURATED_COUNTS.items() for _ in range(n)]
    while True:
        rng.shuffle(pool)
        per_department: dict[str, set[str]] = {}
        for (d, _, _), f in zip(slots, pool, strict=True):
            per_department.setdefault(d.key, set()).add(f)
        if all(len(v) >= 5 for v in per_department.values()):
            return pool


def _curated_variants(specs: list[DocSpec]) -> list[DocSpec]:
    """Place the variants on fixed turns of each format's documents, so they spread out."""
    out: list[DocSpec] = []
    seen: Counter[str] = Counter()
    full_width_left, yuan = 2, ["three_public", "functional"]
    for spec in specs:
        n = seen[spec.format]
        seen[spec.format] += 1
        if spec.format == "html":
            encoding = ("gbk", "gb18030", "utf-8", "utf-8")[n % 4]
            traditional = n in (5, 14)  # two pages in traditional characters (UTF-8)
            spec = _with(spec, encoding="utf-8" if traditional else encoding, traditional=traditional)
        elif spec.format == "txt":
            spec = _with(
                spec,
                encoding="gb18030" if n % 5 in (1, 3) else "utf-8",
                text_tables="pipe" if n % 2 else "tab",
            )
            if n in (4, 11) and full_width_left:
                spec = _with(spec, full_width=True)
                full_width_left -= 1
        if spec.format == "docx" and n in (3, 17) and yuan:
            spec = _with(spec, yuan_tables=frozenset({yuan.pop(0)}))
        out.append(spec)
    return out


def _random_variants(spec: DocSpec, rng: random.Random) -> DocSpec:
    draw = rng.randrange(100)
    if spec.format == "html":
        encoding = "gbk" if draw < 25 else "gb18030" if draw < 40 else "utf-8"
        return _with(spec, encoding=encoding, traditional=draw >= 97)
    if spec.format == "txt":
        return _with(
            spec,
            encoding="gb18030" if draw < 35 else "utf-8",
            text_tables="pipe" if draw % 2 else "tab",
            full_width=draw >= 96,
        )
    if draw < 2:
        return _with(spec, yuan_tables=frozenset({"three_public" if draw == 0 else "functional"}))
    return spec


def _same_disclosure(specs: list[DocSpec], formats: tuple[str, ...]) -> list[DocSpec]:
    source = next((s for s in specs if s.identity == SAME_DISCLOSURE), None)
    if source is None:
        return []
    return [
        DocSpec(source.department, source.year, source.kind, f, folder="synthetic/same_disclosure")
        for f in SAME_DISCLOSURE_FORMATS
        if f in formats
    ]


def _with(spec: DocSpec, **changes: object) -> DocSpec:
    from dataclasses import replace

    return replace(spec, **changes)  # type: ignore[arg-type]
