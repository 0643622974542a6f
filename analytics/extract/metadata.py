"""Who published a document, about which fiscal year, of which kind.

Evidence, strongest first: the title (the short lines that open the document), running text such as
'现将廊坊市科学技术协会2017年部门预算公开如下' or '编制部门:…', then the file name (weak: many are
generic, '2019年度部门预算公开.pdf').
"""

from __future__ import annotations

import re
from pathlib import PurePath

from analytics.extract.departments import canonical_department, department_type
from analytics.extract.regions import most_specific
from analytics.extract.sections import is_heading
from analytics.model import Document, Kind, Metadata

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
YEAR_RE = re.compile(r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年度?")
DEPT_SUFFIX = re.compile(
    r"(?:委员会|协会|联合会|局|厅|委|部|院|办公室|办|室|处|馆|中心|站|所|团|会|社|队|学校|学院|大学|医院|政府|署|庭)$"
)
BODY_DEPT_PATTERNS = (
    re.compile(
        r"现将\s*(?P<dept>[^,，:：。\s]{2,40}?)\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年度?\s*(?:部门)?(?:预算|决算)"
    ),
    re.compile(r"(?:编制部门|编制单位|部门名称|单位名称|预算单位)\s*[:：]\s*(?P<dept>[^\s|,，。]{2,40})"),
)
KIND_WORDS: tuple[tuple[str, Kind], ...] = (("决算", "final"), ("预算", "budget"))


def _year(text: str) -> int | None:
    for match in YEAR_RE.finditer(text):
        year = int(match.group(1).translate(_CN_DIGITS))
        if 1990 <= year <= 2100:
            return year
    return None


def _kind(text: str) -> Kind | None:
    positions = [(text.find(word), kind) for word, kind in KIND_WORDS if word in text]
    return min(positions)[1] if positions else None


def title_lines(document: Document) -> list[str]:
    """The short lines that open a document before its first sentence or heading."""
    lines: list[str] = []
    for text in document.paragraphs[:6]:
        text = text.strip()
        if not text or is_heading(text) or len(text) > 50 or text.endswith(("。", ":", ";")):
            break
        lines.append(text)
    return lines


def _department_from(text: str) -> str | None:
    head = YEAR_RE.split(text, maxsplit=1)[0]
    head = re.sub(r"^(?:关于|公开)\s*", "", head).strip(" :：,，")
    return head if len(head) >= 3 and DEPT_SUFFIX.search(head) else None


def extract_metadata(document: Document) -> Metadata:
    """Metadata of one document; fields that no evidence gives stay None."""
    title_parts = title_lines(document)
    title = "".join(title_parts) or None
    body = (
        "\n".join(document.paragraphs[:40])
        + "\n"
        + "\n".join(" ".join(row) for table in document.tables[:3] for row in table.rows[:3])
    )
    stem = PurePath(document.source_path).stem

    year = _year(title or "") or _year_near_kind(body) or _year(stem)
    kind = _kind(title or "") or _kind(stem) or _body_kind(body)

    printed = None
    for part in title_parts:
        printed = _department_from(part)
        if printed:
            break
    if printed is None:
        for pattern in BODY_DEPT_PATTERNS:
            match = pattern.search(body)
            if match and DEPT_SUFFIX.search(match["dept"]):
                printed = match["dept"]
                break
    if printed is None:
        printed = _department_from(stem)

    department = canonical_department(printed) if printed else None
    division = most_specific(department or "") or most_specific(title or "") or most_specific(stem)
    return Metadata(
        title=title,
        department=department,
        department_printed=printed,
        department_type=department_type(department) if department else None,
        region=division.name if division else None,
        province=division.province if division else None,
        year=year,
        kind=kind,
    )


def _year_near_kind(text: str) -> int | None:
    years = [
        int(m.group(1).translate(_CN_DIGITS))
        for m in re.finditer(
            r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年度?\s*(?:部门)?(?:预算|决算)", text
        )
    ]
    return max(set(years), key=years.count) if years else None


def _body_kind(text: str) -> Kind | None:
    budget, final = text.count("预算"), text.count("决算")
    if budget == final == 0:
        return None
    return "final" if final > budget else "budget"
