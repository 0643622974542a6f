"""Who published a document, about which fiscal year, of which kind.

Evidence, strongest first: the title (the short lines that open the document, after any web-page
navigation), running text such as '现将廊坊市科学技术协会2017年部门预算公开如下' or '编制单位:…', then
the file name (weak: many are generic, '2019年度部门预算公开.pdf').

- year: the fiscal year reported on, from '2020年度部门决算' (not the publication date: that comes
  without 预算/决算 after it, or in a '发布日期' line);
- kind: '决算' in the title makes final accounts, '预算' a budget;
- department: the printed name is the title's (a full name such as '柳州市鱼峰区人大常委会' on a line
  of its own beats a short headline '区人大2017年决算公开'); the canonical name completes a short one
  from the fuller names the document gives elsewhere (see `departments.canonical_department`);
- region and province: the most specific division the canonical name (else title, body, file name)
  names; a street or township gives its county.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from analytics.extract.departments import canonical_department, clean_name, department_type, has_place
from analytics.extract.regions import Division, most_specific
from analytics.extract.sections import is_heading
from analytics.model import Document, Kind, Metadata

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*度?"
YEAR_RE = re.compile(_YEAR)
DEPT_SUFFIX = re.compile(
    r"(?:委员会|协会|联合会|局|厅|委|部|院|办公室|办|室|处|馆|中心|站|所|团|会|社|队|学校|学院|大学|医院|"
    r"政府|署|庭|园|场|街道|镇|乡|科协|妇联|残联|侨联|文联|工商联|人大|政协|法院|检察院|党校|中学|小学|"
    r"常委会|集团|公司|台|社区)$"
)
# What a title says after the department's name.
_TITLE_TAIL = re.compile(rf"\s*(?:{_YEAR}|关于|部门|单位|“|\"|三公|预算|决算)")
BODY_DEPT_PATTERNS = (
    re.compile(
        r"现将\s*(?P<dept>[^,，:：。\s]{2,40}?)\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年度?\s*(?:部门|单位)?(?:预算|决算|“|\")"
    ),
    re.compile(
        r"(?:编制部门|编制单位|部门名称|单位名称|预算单位|填报单位|公开单位|发布机构|来源)\s*[:：]\s*(?P<dept>[^\s|,，。:：)）]{2,40})"
    ),
    re.compile(
        r"^(?P<dept>[^\s,，:：。]{3,30}?)(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年度?(?:部门|单位)?(?:预算|决算|“|\")"
    ),
)
# What a line must hold for each of BODY_DEPT_PATTERNS to match (most lines hold none of it).
_BODY_DEPT_GATES = (re.compile("现将"), re.compile("[:：]"), re.compile("年"))
# Lines of web-page furniture before a title.
_NOISE_LINE = re.compile(
    r"首页|当前位置|您的位置|>|»|索引号|发布日期|发布时间|发布机构|来源[:：]|浏览|字号|打印|关闭|分享|"
    r"保密审查|审签|^目\s*录$"
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
    """The short lines that open a document before its first sentence or heading, web-page
    navigation and publication lines left out."""
    lines: list[str] = []
    for text in document.paragraphs[:12]:
        text = text.strip()
        if not text or _NOISE_LINE.search(text):
            continue
        if is_heading(text) or len(text) > 60 or text.endswith(("。", ":", ";")):
            break
        lines.append(text)
        if len(lines) >= 4:
            break
    return lines


def _department_from(text: str) -> str | None:
    """The department a title line names before its year or subject ('廊坊市科协2019年度部门决算…')."""
    text = re.sub(r"^(?:关于|公开)\s*", "", text.strip())
    match = _TITLE_TAIL.search(text)
    head = clean_name(text[: match.start()] if match else text)
    if 2 <= len(head) <= 40 and DEPT_SUFFIX.search(head) and not re.search(r"\d", head):
        return head
    return None


def _body_candidates(text: str) -> list[str]:
    found: list[str] = []
    for pattern, gate in zip(BODY_DEPT_PATTERNS, _BODY_DEPT_GATES, strict=True):
        if gate.search(text) is None:
            continue
        for match in pattern.finditer(text):
            name = clean_name(match["dept"])
            name = re.sub(r"^(?:本|我)(?=[部单局委会院])", "", name)
            if 2 <= len(name) <= 40 and DEPT_SUFFIX.search(name) and name not in found:
                found.append(name)
    return found


def extract_metadata(document: Document) -> Metadata:
    """Metadata of one document; fields that no evidence gives stay None."""
    title_parts = title_lines(document)
    title = "".join(title_parts) or None
    head_text = "\n".join(document.paragraphs[:60])
    body = (
        head_text + "\n" + "\n".join(" ".join(row) for table in document.tables[:3] for row in table.rows[:3])
    )
    stem = PurePath(document.source_path).stem

    year = _year_near_kind(title or "") or _year(title or "") or _year_near_kind(body) or _year(stem)
    kind = _kind(title or "") or _kind(stem) or _body_kind(body)

    from_title = [d for part in title_parts if (d := _department_from(part))]
    from_body = [d for line in document.paragraphs[:60] for d in _body_candidates(line)]
    candidates = from_title + [d for d in from_body if d not in from_title]
    printed = next((d for d in from_title if has_place(d)), None) or (from_title[0] if from_title else None)
    if printed is None and from_body:
        printed = next((d for d in from_body if has_place(d)), from_body[0])
    if printed is None:
        printed = _department_from(stem)

    region_hint = _region(candidates, title, head_text, stem)
    department = canonical_department(printed, candidates, region_hint) if printed else None
    division = (most_specific(department) if department else None) or region_hint
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


def _region(candidates: list[str], title: str | None, body: str, stem: str) -> Division | None:
    """The division a document is about, from its department names, title, opening text, file name."""
    for text in (*candidates, title or "", body[:2000], stem):
        division = most_specific(text)
        if division is not None:
            return division
    return None


def _year_near_kind(text: str) -> int | None:
    years = [
        int(m.group(1).translate(_CN_DIGITS))
        for m in re.finditer(
            r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*度?\s*(?:部门|单位|本级)?\s*(?:[“\"]\s*三公\s*[”\"]\s*经费)?\s*(?:预算|决算)",
            text,
        )
    ]
    return max(set(years), key=years.count) if years else None


def _body_kind(text: str) -> Kind | None:
    budget, final = text.count("预算"), text.count("决算")
    if budget == final == 0:
        return None
    return "final" if final > budget else "budget"
