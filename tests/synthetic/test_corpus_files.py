"""The committed corpus: every manifest path exists, names say synthetic, formats are mixed."""

from __future__ import annotations

from collections import Counter, defaultdict

from tests.synthetic.helpers import SAMPLES, rows, series_documents

FORMATS = {"docx", "doc", "pdf", "xlsx", "xls", "html", "text"}


def test_every_manifest_path_exists() -> None:
    missing = [r["path"] for r in rows("manifest.csv") if not (SAMPLES / r["path"]).is_file()]
    assert not missing


def test_every_generated_file_is_in_the_manifest() -> None:
    listed = {r["path"] for r in rows("manifest.csv")}
    on_disk = {p.relative_to(SAMPLES).as_posix() for p in (SAMPLES / "synthetic").rglob("*") if p.is_file()}
    assert on_disk <= listed


def test_synthetic_documents_say_so_in_their_file_names() -> None:
    for row in rows("manifest.csv"):
        if row["synthetic"] == "true":
            assert "synthetic" in row["path"].rsplit("/", 1)[-1], row["path"]
        else:
            assert row["path"] == "langfang_kexie_2017_budget.txt"


def test_six_departments_ten_years_two_kinds_without_the_seed() -> None:
    docs = series_documents()
    keys = Counter((r["department"], r["year"], r["kind"]) for r in docs)
    assert len({r["department"] for r in docs}) >= 6
    assert all(n == 1 for n in keys.values())
    assert len(keys) == 6 * 10 * 2 - 1
    assert ("廊坊市科学技术协会", "2017", "budget") not in keys


def test_every_format_and_each_department_mixes_formats() -> None:
    docs = series_documents()
    assert {r["format"] for r in docs} == FORMATS
    per_department: dict[str, set[str]] = defaultdict(set)
    for row in docs:
        per_department[row["department"]].add(row["format"])
    assert all(len(formats) >= 4 for formats in per_department.values())


def test_one_disclosure_in_every_format() -> None:
    same = [r for r in rows("manifest.csv") if "/same_disclosure/" in r["path"]]
    assert {r["format"] for r in same} >= {"docx", "doc", "pdf", "html", "xlsx", "text"}
    assert len({(r["department"], r["year"], r["kind"]) for r in same}) == 1


def test_encodings_and_surface_variants_are_present() -> None:
    notes = " ".join(r["note"] for r in rows("manifest.csv"))
    for needle in (
        "encoding gbk",
        "encoding gb18030",
        "traditional characters",
        "full-width digits",
        "table in 元",
    ):
        assert needle in notes
    html = [SAMPLES / r["path"] for r in rows("manifest.csv") if r["format"] == "html"]
    assert any(b"charset=GBK" in p.read_bytes() for p in html)
    assert any("公務用車運行維護費".encode() in p.read_bytes() for p in html)


def test_the_renamed_department_is_printed_under_both_names() -> None:
    notes = [r for r in rows("manifest.csv") if r["department"] == "廊坊市卫生健康委员会"]
    old = [r for r in notes if "printed as 廊坊市卫生和计划生育委员会" in r["note"]]
    assert {int(r["year"]) for r in old} == set(range(2014, 2019)) and len(old) == 5 + 4
    assert any("卫生和计划生育委员会" in r["path"] for r in notes)
    assert any("卫生健康委员会" in r["path"] for r in notes)


def test_corpus_stays_small() -> None:
    size = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert size < 15 * 1024 * 1024
