"""The generator: deterministic, reproduces the committed corpus, scales to many departments."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.synthetic import benchmark_departments, generate
from tests.synthetic.helpers import SAMPLES, rows

TEXT_FORMATS = ("txt", "html", "docx")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_arguments_same_bytes(tmp_path: Path) -> None:
    kwargs = {"departments": 3, "years": range(2015, 2019), "formats": TEXT_FORMATS, "seed": 11}
    first = generate(tmp_path / "a", **kwargs)  # type: ignore[arg-type]
    second = generate(tmp_path / "b", **kwargs)  # type: ignore[arg-type]
    assert first.paths == second.paths and first.documents == 3 * 4 * 2 - 1  # not the seed (科协 2017 budget)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_another_seed_gives_other_documents(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", departments=1, years=[2019], formats=("txt",), seed=1)
    b = generate(tmp_path / "b", departments=1, years=[2019], formats=("txt",), seed=2)
    assert _files(tmp_path / "a" / "synthetic") != _files(tmp_path / "b" / "synthetic")
    assert a.paths == b.paths


def test_the_committed_corpus_is_what_the_generator_makes(tmp_path: Path) -> None:
    """The text formats of the bundled corpus, regenerated without LibreOffice, byte for byte."""
    result = generate(tmp_path, write=TEXT_FORMATS)
    assert result.documents > 60
    for path in result.paths:
        assert (tmp_path / path).read_bytes() == (SAMPLES / path).read_bytes(), path
    committed = {
        r["path"]
        for r in rows("manifest.csv")
        if r["synthetic"] == "true" and r["path"].rsplit(".", 1)[-1] in TEXT_FORMATS
    }
    assert committed == set(result.paths)
    fresh = [line for line in (tmp_path / "truth_facts.csv").read_text(encoding="utf-8").splitlines()[1:]]
    stored = set((SAMPLES / "truth_facts.csv").read_text(encoding="utf-8").splitlines()[1:])
    assert fresh and set(fresh) <= stored


def test_many_departments_for_a_benchmark(tmp_path: Path) -> None:
    result = generate(tmp_path, departments=40, years=[2020], formats=("txt", "html"), same_disclosure=False)
    assert result.documents == 80
    assert len(set(result.paths)) == 80
    assert all("synthetic_" in p for p in result.paths)
    manifest = (tmp_path / "manifest.csv").read_text(encoding="utf-8").splitlines()
    assert len(manifest) == 81


def test_benchmark_departments_are_distinct_and_bounded() -> None:
    departments = benchmark_departments(500)
    assert len({d.name(2020) for d in departments}) == 500
    assert {d.reform_year for d in departments} == {2016, 2017}
    with pytest.raises(ValueError):
        benchmark_departments(100_000)


def test_unknown_formats_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate(tmp_path, formats=("odt",))
