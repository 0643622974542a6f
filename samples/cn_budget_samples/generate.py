"""Generate a synthetic corpus: plan, compose, render, convert, write the truth.

>>> from cn_budget_samples import generate
>>> result = generate("/tmp/corpus", departments=50, formats=("txt", "html", "docx"))  # doctest: +SKIP
>>> result.counts  # doctest: +SKIP
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from cn_budget_samples.compose import compose
from cn_budget_samples.departments import Department, benchmark_departments, core_departments
from cn_budget_samples.document import Disclosure
from cn_budget_samples.figures import DepartmentYear
from cn_budget_samples.plan import FORMATS, NEEDS_OFFICE, DocSpec, plan
from cn_budget_samples.render.docx import render_docx
from cn_budget_samples.render.html import render_html
from cn_budget_samples.render.office import convert, soffice
from cn_budget_samples.render.text import render_text
from cn_budget_samples.render.xlsx import render_xlsx
from cn_budget_samples.series import department_years
from cn_budget_samples.style import draw_style
from cn_budget_samples.truth import Written, write_truth

DEFAULT_SEED = 2017
DEFAULT_YEARS = tuple(range(2014, 2024))
_SOURCE_FORMAT = {"pdf": "docx", "doc": "docx", "xls": "xlsx"}


@dataclass(frozen=True)
class GenerationResult:
    """What `generate` wrote: file paths relative to `out_dir`, and counts by format."""

    out_dir: Path
    paths: tuple[str, ...]
    counts: dict[str, int]

    @property
    def documents(self) -> int:
        return len(self.paths)


def generate(
    out_dir: str | Path,
    *,
    departments: int | Iterable[Department] | None = None,
    years: Iterable[int] = DEFAULT_YEARS,
    formats: Iterable[str] = FORMATS,
    seed: int = DEFAULT_SEED,
    same_disclosure: bool = True,
    write: Iterable[str] | None = None,
    write_truth_files: bool = True,
    clean: bool = True,
) -> GenerationResult:
    """Write synthetic disclosures under `out_dir/synthetic/` and, unless told not to, the manifest
    and truth files in `out_dir`.

    `departments`: None for the six 廊坊市 departments, a number for that many departments (the
    six first, then the same kinds across 河北省: up to 1,776, two documents a year each), or a list.
    `formats`: any of docx, doc, pdf, xlsx, xls, html, txt; doc, pdf and xls need LibreOffice.
    `write`: the formats actually written (default: all of `formats`). The plan is made from
    `formats` alone, so `write=("txt", "html", "docx")` writes exactly those files of the full
    plan, byte for byte, without LibreOffice; the truth then covers the written files only.
    The same arguments always give the same documents (LibreOffice's outputs differ only in their
    embedded time stamps)."""
    out = Path(out_dir)
    chosen = _departments(departments)
    year_list = sorted(set(years))
    format_tuple = tuple(f for f in FORMATS if f in set(formats))
    unknown = set(formats) - set(FORMATS)
    if unknown or not format_tuple:
        raise ValueError(f"unknown or no formats: {sorted(unknown)}; choose from {FORMATS}")
    written_formats = set(format_tuple if write is None else write)
    if NEEDS_OFFICE & written_formats:
        soffice()  # fail early, before writing anything
    specs = plan(chosen, year_list, format_tuple, seed, same_disclosure=same_disclosure)
    specs = [s for s in specs if s.format in written_formats]
    if clean:
        _clean(out / "synthetic")
    series: dict[str, dict[int, DepartmentYear]] = {}
    written: list[Written] = []
    staged: dict[str, list[tuple[Path, Path]]] = {}
    with tempfile.TemporaryDirectory(prefix="synthetic-") as staging_dir:
        staging = Path(staging_dir)
        for index, spec in enumerate(specs):
            key = spec.department.key
            if key not in series:
                series[key] = department_years(spec.department, year_list, seed)
            doc = _compose(series[key][spec.year], spec, seed)
            target = out / spec.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if spec.format in _SOURCE_FORMAT:
                source = staging / f"d{index:06d}.{_SOURCE_FORMAT[spec.format]}"
                source.write_bytes(_render(doc, replace(spec, format=_SOURCE_FORMAT[spec.format])))
                staged.setdefault(spec.format, []).append((source, target))
            else:
                target.write_bytes(_render(doc, spec))
            written.append(Written(spec, doc))
        for target_format, pairs in staged.items():
            converted = staging / f"out-{target_format}"
            convert([source for source, _ in pairs], target_format, converted)
            for source, target in pairs:
                shutil.move(converted / f"{source.stem}.{target_format}", target)
    if write_truth_files:
        include_seed = any(d.core for d in chosen) and (out / "langfang_kexie_2017_budget.txt").exists()
        write_truth(out, written, include_seed=include_seed)
    counts = Counter(w.spec.format for w in written)
    return GenerationResult(out, tuple(w.spec.path for w in written), dict(sorted(counts.items())))


def _departments(departments: int | Iterable[Department] | None) -> list[Department]:
    if departments is None:
        return core_departments()
    if isinstance(departments, int):
        return benchmark_departments(departments)
    return list(departments)


def _compose(dy: DepartmentYear, spec: DocSpec, seed: int) -> Disclosure:
    style = draw_style(spec.department, spec.year, spec.kind, seed)
    style = replace(
        style, yuan_tables=spec.yuan_tables, full_width=spec.full_width, traditional=spec.traditional
    )
    return compose(dy, spec.kind, style, seed)


def _render(doc: Disclosure, spec: DocSpec) -> bytes:
    if spec.format == "txt":
        text = render_text(
            doc, tables=spec.text_tables, full_width=spec.full_width, traditional=spec.traditional
        )
        return text.encode(spec.encoding)
    if spec.format == "html":
        return render_html(
            doc, charset=spec.encoding, full_width=spec.full_width, traditional=spec.traditional
        )
    if spec.format == "docx":
        return render_docx(doc, full_width=spec.full_width)
    if spec.format == "xlsx":
        return render_xlsx(doc)
    raise ValueError(f"{spec.format} is converted, not rendered")


def _clean(folder: Path) -> None:
    """Remove earlier synthetic files (only files named synthetic_*) and emptied folders."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("synthetic_*"), reverse=True):
        if path.is_file():
            path.unlink()
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
