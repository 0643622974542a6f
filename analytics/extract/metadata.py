"""Who published a document, about which fiscal year, of which kind: read from all the evidence,
each field with where it came from (`Metadata.evidence`).

The document is read as sourced lines (`metadata_lines.document_lines`): the title (or a printed
document's cover), page-header labels ('部门：…', '单位名称：…', '发布机构：…'), the body, table
captions and label cells, the closing signature, the file name (or one printed at the top of a
page) and the folder name. Then, strongest evidence first:

- department: a name standing in the title ('徐闻县经科局2017年部门预算…', '2016年市国资委…'), a
  department label, the signature, a '现将X2021年度…' sentence, a name before its year and subject
  in the body, a news item's '民政部今天公布…', the file name, a publisher label, a place-led name
  anywhere in the body (the candidates and their weights: `department_names`). Only plausible names count (see `departments.plausible_name`: not '我厅', not
  '的办公费…'). The printed name is the strongest; the canonical one is the fullest the document
  gives for the same department ('徐闻县经科局' -> '徐闻县经济信息化和科技局' from a table's 单位名称;
  '綦江区X中心' -> '重庆市綦江区X中心' where the body puts the municipality before it), in canonical
  spelling (see `departments.canonical_department`).
- region, province, region_code: the place the department's name opens with, as printed ('西双版纳州'),
  an ambiguous one ('江北区' of 重庆 or of 宁波) read with the divisions the rest of the document names,
  else the place a title puts before its year ('嶽陽縣2015年度移民局…'), else a functional zone the
  name opens with ('九华山风景区'), else the place the opening text names (not for a central
  department). A street or township gives its county.
- year and kind: see `year_kind`.

A document printed in traditional characters (`Document.script`) gets `department_printed` and
`region` back in its script (see `script.as_printed`); `department` stays simplified.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from analytics.divisions import Division
from analytics.extract import year_kind
from analytics.extract.department_names import SCAN, Candidate, department_candidates, scan_names
from analytics.extract.departments import (
    canonical_department,
    department_type,
    fullest,
    has_place,
    is_central,
    party_form,
    region_spelled,
    same_department,
)
from analytics.extract.metadata_lines import DocumentLines, Line, document_lines
from analytics.extract.regions import (
    Place,
    ends_with_division,
    find_places,
    leading_places,
    most_specific_place,
    opens_with_division,
    zone_prefix,
)
from analytics.extract.script import as_printed
from analytics.model import Document, Evidence, Kind, Metadata

YEAR_CHARS = 2000  # of the body, for the year
FULLER_LINES = 6  # lines searched for a fuller form of a short name
_EVIDENCE_CHARS = 160

# Weights of a plain year vote by where it stands (a year followed by a kind word weighs 3x).
YEAR_WEIGHTS = {"title": 4, "cover": 4, "header": 4, "table caption": 2, "body": 1, "file name": 3}


# --- the fields ---------------------------------------------------------------------------------


def _evidence(value: object, source: str, text: str) -> Evidence:
    text = " ".join(text.split())
    return Evidence(str(value), source, text[:_EVIDENCE_CHARS])


def _printed_choice(candidates: list[Candidate]) -> Candidate | None:
    """The strongest name; among the strongest, one that says where it is."""
    if not candidates:
        return None
    top = candidates[0].weight
    strongest = [c for c in candidates if c.weight == top]
    return next((c for c in strongest if has_place(c.name)), strongest[0])


@dataclass(frozen=True)
class _Region:
    printed: str
    division: Division | None
    evidence: Evidence


def _region_of_name(
    name: str, source: str, text: str, context: frozenset[str] = frozenset()
) -> _Region | None:
    places, rest = leading_places(party_form(name).removeprefix("中共"), context)
    if places:
        place = places[-1]
        return _Region(_printed_place(place), place.division, _evidence(name, source, text))
    zone = zone_prefix(rest)
    if zone:
        return _Region(zone, None, _evidence(name, source, text))
    return None


def _printed_place(place: Place) -> str:
    """A place as printed, or its official name where the text shortened a province ('山东')."""
    if place.printed[-1] in "省市县区州旗盟":
        return place.printed
    return place.division.name


# What a text cites rather than says of itself: a title in 《》, the organ a rule or a sum came from
# ('根据广西壮族自治区财政厅…', '经龙泉市财政局汇总').
_CITED = re.compile(
    r"《[^》\n]{0,60}》|(?:根据|按照|依据|遵照)[^,，。;；\n]{0,40}|经[^,，。;；\n]{2,20}?汇总"
)


def _region(names: list[Candidate], lines: DocumentLines, central: bool) -> _Region | None:
    """The region: of the department's names, the place a title puts before its year, the opening
    text (title, labels, body; not what it cites), the file name (see the module docstring)."""
    for candidate in names:
        region = _region_of_name(candidate.name, candidate.source, candidate.text)
        if region:
            return region
    if names and opens_with_division(names[0].name.removeprefix("中共")):
        # an ambiguous place ('普陀区' of 上海 or of 舟山) read with the divisions the document names
        context = _document_divisions(lines)
        for candidate in names:
            region = _region_of_name(candidate.name, candidate.source, candidate.text, context)
            if region:
                return region
    for candidate in names:
        if candidate.place:
            place = most_specific_place(candidate.place)
            if place:
                return _Region(
                    _printed_place(place),
                    place.division,
                    _evidence(place.printed, candidate.source, candidate.text),
                )
    if central:
        return None
    labelled = [Line(label.value, label.source) for label in lines.labels if label.kind != "publication"]
    body = [Line(text, "body") for text in lines.body[:20]]
    for group in (lines.title, labelled, body, lines.file_names):
        if not group:
            continue
        text = "\n".join(line.text for line in group)[:2000]
        place = most_specific_place(_CITED.sub(lambda m: " " * len(m.group()), text))
        if place:
            start = text.rfind("\n", 0, place.start) + 1
            end = text.find("\n", place.start)
            quote = text[start : end if end >= 0 else len(text)]
            return _Region(
                _printed_place(place), place.division, _evidence(place.printed, group[0].source, quote)
            )
    return None


def _document_divisions(lines: DocumentLines) -> frozenset[str]:
    """The official names of the divisions the document's opening names (title, labels, body, file
    names; what it cites too: a rule of 重庆市 says where the page is), for reading an ambiguous
    place with."""
    texts = [line.text for line in lines.title] + [label.value for label in lines.labels]
    texts += lines.body[:20] + [line.text for line in lines.file_names]
    return frozenset(place.division.name for place in find_places("\n".join(texts)[:3000]))


def _may_be_short(name: str) -> bool:
    """Whether a name may be short for a fuller one the body gives: no place, or a short stem
    ('区直工委', '宣城市直工委', '徐闻县经科局')."""
    places, rest = leading_places(party_form(name).removeprefix("中共"))
    return not places or len(rest) <= 4


def _fuller_in_body(name: str, lines: DocumentLines) -> list[Candidate]:
    """Place-led names in the lines where `name`'s place (or level word) is followed by the first
    character of its stem, as in a fuller form ('徐闻县经科局' / '徐闻县经济…局', '区直工委' / '…宣州区
    直属…'); at most FULLER_LINES lines."""
    places, stem = leading_places(party_form(name).removeprefix("中共"))
    level = stem[0] if not places and stem[:1] in tuple("省市县区州旗") else None
    stem = stem[1:] if level else stem
    place = places[-1].printed if places else level
    if not place or not stem:
        return []
    needle = place + stem[0]
    found: list[Candidate] = []
    searched = 0
    for text in lines.body:
        if needle not in text:
            continue
        line = Line(text, "body")
        if places:  # read from each mention of the place (the division it names is known)
            found += scan_names(line, [(start, start + len(place)) for start in _mentions(needle, text)])
        else:
            found += scan_names(line)
        searched += 1
        if searched >= FULLER_LINES:
            break
    return found


def _mentions(needle: str, text: str) -> list[int]:
    """Where `needle` stands in `text`, left to right, not overlapping."""
    found = []
    at = text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + len(needle))
    return found


PLACES_BEFORE_CHARS = 16  # how far before a name the body is read for places that open it


def _placed_in_body(name: str, lines: DocumentLines) -> list[Candidate]:
    """The name where the body puts places before it, those places holding the name's own (the
    municipality or prefecture a title left out: '綦江区X中心' / '重庆市綦江区X中心'), or any places
    for a name without one; at most FULLER_LINES lines."""
    places, _ = leading_places(party_form(name).removeprefix("中共"))
    found: list[Candidate] = []
    searched = 0
    for text in lines.body:
        if name not in text:
            continue
        searched += 1
        for at in _mentions(name, text):
            before = text[max(0, at - PLACES_BEFORE_CHARS) : at]
            if not ends_with_division(before):
                continue  # no tail of it is places only
            for i in range(len(before) - 1):  # the longest tail of `before` that is places only
                outer, rest = leading_places(before[i:])
                if outer and not rest:
                    if not places or outer[-1].division.name in places[0].division.ancestors():
                        found.append(Candidate(before[i:] + name, SCAN, "body", text))
                    break
        if searched >= FULLER_LINES:
            break
    return found


@dataclass(frozen=True)
class _Department:
    canonical: str | None
    printed: str | None
    names: tuple[str, ...]  # the names the text gives it, as they stand in the (simplified) text
    region: _Region | None


def _department(
    candidates: list[Candidate], lines: DocumentLines, evidence: dict[str, Evidence]
) -> _Department:
    """The document's department: canonical, printed, the names the text gives it, and its region."""
    printed = _printed_choice(candidates)
    if printed is None:
        return _Department(None, None, (), _region([], lines, central=False))
    if _may_be_short(printed.name):
        candidates = candidates + [
            c for c in _fuller_in_body(printed.name, lines) if same_department(printed.name, c.name)
        ]
    candidates = candidates + _placed_in_body(printed.name, lines)
    names = [c.name for c in candidates]
    full = fullest(printed.name, names)
    same = [c for c in candidates if c.name == full] + [c for c in candidates if c.name == printed.name]
    central = is_central(printed.name) and not has_place(full)
    region = _region(same, lines, central)
    spelled = region_spelled(full, region.division) if region and region.division else None
    if spelled is not None and any(spelled in text for text in lines.body):
        names.append(spelled)  # '大英文学艺术界联合会' titled, '大英县文学艺术界联合会' in the body
    canonical = canonical_department(full, names, region.division if region else None, central=central)
    evidence["department"] = _evidence(printed.name, printed.source, printed.text)
    if full != printed.name:
        full_from = next(c for c in candidates if c.name == full)
        evidence["department_full"] = _evidence(full, full_from.source, full_from.text)
    own = [printed.name, full, *(n for n in names if same_department(printed.name, n))]
    return _Department(canonical, printed.name, tuple(dict.fromkeys(own)), region)


def _year(lines: DocumentLines) -> year_kind.Vote | None:
    votes: list[year_kind.Vote] = []
    for line in lines.title:
        votes += year_kind.year_votes(line.text, line.source, YEAR_WEIGHTS[line.source], line=line.text)
    for label in lines.labels:
        if label.kind == "title":
            votes += year_kind.year_votes(label.value, "header", YEAR_WEIGHTS["header"], line=label.text)
    for line in lines.captions:
        votes += year_kind.year_votes(line.text, line.source, YEAR_WEIGHTS[line.source], line=line.text)
    if not any(
        v.weight >= 3 * YEAR_WEIGHTS["title"] for v in votes
    ):  # a title's '2019年度部门决算' settles it
        body = "\n".join(lines.body)[:YEAR_CHARS]
        votes += year_kind.year_votes(body, "body", YEAR_WEIGHTS["body"], line=None)
    for line in lines.file_names:
        votes += year_kind.stem_year_votes(line.text, "file name", YEAR_WEIGHTS["file name"])
    best = year_kind.best_year(votes)
    if best is None and lines.folder:
        best = year_kind.best_year(year_kind.stem_year_votes(lines.folder, "folder name", 1))
    return best


def _kind(lines: DocumentLines) -> tuple[Kind, Evidence] | None:
    titles = [line for line in lines.title] + [
        Line(label.value, "header") for label in lines.labels if label.kind == "title"
    ]
    title_text = "".join(line.text for line in titles)
    kind = year_kind.kind_of_line(title_text)
    if kind:
        return kind, _evidence(kind, titles[0].source, title_text)
    body = "\n".join(lines.body)
    steps: list[tuple[str, Callable[[str], tuple[Kind, str] | None], str]] = [
        ("body", year_kind.kind_from_sentences, body),
    ]
    for source, find, text in steps:
        found = find(text)
        if found:
            return found[0], _evidence(found[0], source, found[1])
    for line in lines.file_names:
        kind = year_kind.kind_of_line(line.text)
        if kind:
            return kind, _evidence(kind, line.source, line.text)
    captions = "\n".join(line.text for line in lines.captions)
    for source, find, text in (
        ("body", year_kind.kind_from_naming, body),
        ("table caption", year_kind.kind_from_naming, captions),
        ("body", year_kind.kind_from_words, body),
        ("table caption", year_kind.kind_from_words, captions),
        ("folder name", year_kind.kind_from_words, lines.folder),
        ("body", year_kind.kind_from_money_words, body),
        ("body", year_kind.kind_from_budget_columns, body),
        ("body", year_kind.kind_from_stated_money, body),
    ):
        found = find(text)
        if found:
            return found[0], _evidence(found[0], source, found[1])
    return None


def extract_metadata(document: Document) -> Metadata:
    """Metadata of one document; fields that no evidence gives stay None."""
    lines = document_lines(document)
    evidence: dict[str, Evidence] = {}
    department = _department(department_candidates(lines), lines, evidence)
    canonical, printed, region = department.canonical, department.printed, department.region
    if region is not None:
        evidence["region"] = region.evidence
    year = _year(lines)
    if year is not None:  # (a vote in the body has no line of its own: the body is read around it)
        body = "\n".join(lines.body)[:YEAR_CHARS] if not year.text else ""
        evidence["year"] = _evidence(year.value, year.source, year_kind.context(body, year))
    kind = _kind(lines)
    if kind is not None:
        evidence["kind"] = kind[1]
    division = region.division if region else None
    return Metadata(
        title="".join(line.text for line in lines.title) or None,
        department=canonical,
        department_printed=as_printed(printed, document.script),
        department_type=department_type(canonical) if canonical else None,
        region=as_printed(region.printed, document.script) if region else None,
        province=division.province if division else None,
        year=int(year.value) if year else None,
        kind=kind[0] if kind else None,
        region_code=division.gb_code if division else None,
        names_in_text=department.names,
        evidence=evidence,
    )
