"""Who published a document, about which fiscal year, of which kind: read from all the evidence,
each field with where it came from (`Metadata.evidence`).

The document is read as sourced lines (`metadata_lines.document_lines`): the title (or a printed
document's cover), page-header labels ('部门：…', '单位名称：…', '发布机构：…'), the body, table
captions and label cells, the closing signature, the file name (or one printed at the top of a
page) and the folder name. Then, strongest evidence first:

- department: a name standing in the title ('徐闻县经科局2017年部门预算…', '2016年市国资委…'), a
  department label, the signature, a '现将X2021年度…' sentence, a name before its year and subject
  in the body, a news item's '民政部今天公布…', the file name, a publisher label, a place-led name
  anywhere in the body. Only plausible names count (see `departments.plausible_name`: not '我厅', not
  '的办公费…'). The printed name is the strongest; the canonical one is the fullest the document
  gives for the same department ('徐闻县经科局' -> '徐闻县经济信息化和科技局' from a table's 单位名称),
  in canonical spelling (see `departments.canonical_department`).
- region, province, region_code: the place the department's name opens with, as printed ('西双版纳州'),
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
from functools import cache

from analytics.extract import year_kind
from analytics.extract.departments import (
    canonical_department,
    department_type,
    fullest,
    has_place,
    is_central,
    named,
    names_in_title,
    party_form,
    same_department,
)
from analytics.extract.metadata_lines import DATE_LINE, DocumentLines, Line, document_lines
from analytics.extract.patterns import trie_regex
from analytics.extract.regions import (
    Division,
    Place,
    find_places,
    leading_places,
    most_specific_place,
    zone_prefix,
)
from analytics.extract.script import as_printed
from analytics.model import Document, Evidence, Kind, Metadata
from analytics.reference import vocabulary

BODY_NAME_LINES = 20  # body lines searched for names once a name was found
YEAR_CHARS = 2000  # of the body, for the year
FULLER_LINES = 6  # lines searched for a fuller form of a short name
_EVIDENCE_CHARS = 160

# Weights of the evidence for a department name (the strongest is printed; see the module docstring).
TITLE, LABEL, SIGNATURE, XIANJIANG, LEAD, NEWS, YEAR_FIRST, FILE, PUBLISHER, SOURCE_LABEL, SCAN, FOLDER = (
    10, 9, 8, 8, 6, 6, 5, 5, 4, 3, 2, 1,
)  # fmt: skip
# Weights of a plain year vote by where it stands (a year followed by a kind word weighs 3x).
YEAR_WEIGHTS = {"title": 4, "cover": 4, "header": 4, "table caption": 2, "body": 1, "file name": 3}

_YEAR = r"(?:19|20)\d{2}\s*年\s*度?"
_NAME = r"[\u4e00-\u9fff]{2,40}?"


def _words(name: str) -> list[str]:
    return vocabulary()["metadata"][name]


@dataclass(frozen=True)
class Candidate:
    """A department name read somewhere, with its weight."""

    name: str
    weight: int
    source: str
    text: str
    place: str | None = None  # a place the line put before its year: '嶽陽縣' of '嶽陽縣2015年度移民局…'


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    followers = trie_regex(_words("name_tails") + _words("name_followers"))
    kind_or_subject = r"预算|决算|“|\"|三公|一般公共|财政拨款|收支|收入|支出|政府采购|部门|单位"
    boundary = r"(?:^|(?<=[\s,，。;；:：、)）》”!！?？]))"
    return {
        # a year in running text, with what may stand before it (a name) and after it
        "year": re.compile(r"(?:19|20)\d{2}\s*年\s*度?"),
        "before_year": re.compile(
            r"(?:^|[\s,，。;；:：、)）》”!！?？])(?P<name>[\u4e00-\u9fff]{2,40})\s*(?:本级)?\s*$"
        ),
        "subject_after": re.compile(rf"\s*(?:部门|单位)?\s*(?:{kind_or_subject})"),
        "name_after": re.compile(
            rf"\s*[,，]?\s*(?P<name>{_NAME})\s*(?:本级|机关)?\s*(?:部门|单位)?\s*(?:“|\"|三公|一般公共|财政拨款|预算|决算|部\s*门)"
        ),
        "xianjiang": re.compile(
            rf"现将\s*(?:{_YEAR})?\s*(?P<name>{_NAME})\s*(?:本级)?\s*(?:(?:19|20)\d{{2}}|{kind_or_subject})"
        ),
        "news": re.compile(
            rf"{boundary}据?(?P<name>[\u4e00-\u9fff]{{2,20}}?)(?:\d{{1,2}}月)?(?:\d{{1,2}}日|今天|今日|日前|近日|昨天|昨日)?"
            rf"(?:在[^,，。;；]{{1,12}}?)?(?:公布|发布)了?[^。]{{0,20}}?(?:(?:19|20)\d{{2}}|预算|决算|三公)"
        ),
        # a section about the department: '第一部分 龙潭镇人民政府单位概况', '一、晋中市中医院概况'
        "overview": re.compile(
            r"^(?:第[一二三四五六七八九十\d]+部分\s*[:：]?|[一二三四五六七八九十]+\s*[、.]|[(（][一二三四五六七八九十]+[)）])?"
            rf"\s*(?P<name>{_NAME})\s*(?:单位|部门)?\s*(?:基本)?(?:概况|简介|基本情况)$"
        ),
        "follower": re.compile(rf"(?:{followers})"),
        "suffix_end": re.compile(rf"(?:{trie_regex(_words('department_suffixes'))})"),
    }


# --- department names ---------------------------------------------------------------------------


def _file_text(stem: str) -> str:
    """A file name's words: 'synthetic_廊坊市科学技术协会_2014_预算' -> '廊坊市科学技术协会2014预算'."""
    return "".join(part for part in re.split(r"[_\s]+", stem) if re.search(r"[\u4e00-\u9fff\d]", part))


def _title_candidates(line: Line, weight: int) -> list[Candidate]:
    return [
        Candidate(name, weight, line.source, line.text, place) for name, place in names_in_title(line.text)
    ]


def _pattern_candidates(line: Line, key: str, weight: int) -> list[Candidate]:
    found = []
    for match in _patterns()[key].finditer(line.text):
        name = named(match["name"])
        if name:
            found.append(Candidate(name, weight, line.source, line.text))
    return found


def _year_candidates(line: Line) -> list[Candidate]:
    """Names around a year: before it, at a boundary ('…,国务院办公厅2013年度部门决算'), and after it
    ('2016年,市人大“三公”经费…'), each with the document's subject next to them."""
    patterns = _patterns()
    text = line.text
    found: list[Candidate] = []
    for year in patterns["year"].finditer(text):
        if patterns["subject_after"].match(text, year.end()):
            window = max(0, year.start() - 46)
            before = patterns["before_year"].search(text[window : year.start()])
            cut = before is not None and window > 0 and before.start("name") == 0  # no boundary in sight
            name = named(before["name"]) if before and not cut else None
            if name:
                found.append(Candidate(name, LEAD, line.source, text))
        after = patterns["name_after"].match(text, year.end())
        name = named(after["name"]) if after else None
        if name:
            found.append(Candidate(name, YEAR_FIRST, line.source, text))
    return found


def _body_candidates(line: Line) -> list[Candidate]:
    text = line.text
    found: list[Candidate] = []
    if "现将" in text:
        found += _pattern_candidates(line, "xianjiang", XIANJIANG)
    if "年" in text:
        found += _year_candidates(line)
    if "公布" in text or "发布" in text:
        found += _pattern_candidates(line, "news", NEWS)
    if text.endswith(("概况", "简介", "基本情况")):
        found += _pattern_candidates(line, "overview", LEAD)
    return found


def _signature(closing: list[str]) -> Candidate | None:
    """The name above the closing date ('海南省审计厅' / '2016年2月19日'), or beside it."""
    lines = [t for t in closing if t]
    for i in range(len(lines) - 1, -1, -1):
        date = DATE_LINE.search(lines[i]) or re.search(
            r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$", lines[i]
        )
        if not date:
            continue
        before = lines[i][: date.start()].strip() if date.start() > 0 else ""
        name = named(before) if before else (named(lines[i - 1]) if i > 0 else None)
        if name:
            return Candidate(name, SIGNATURE, "signature", before or lines[i - 1])
    return None


_CITED_BEFORE = re.compile(r"(?:根据|按照|依据|经|据)$")
_HANZI_RUN = re.compile(r"[\u4e00-\u9fff]{2,40}")


def _scan(line: Line, places: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Names led by a place anywhere in a line, ending where a follower word begins ('梧州市农产品质量
    安全综合检测中心' + '出国团组'), the shortest that fits; a name cited after 根据/按照, or one of a
    list ('二级单位:随县森林公安局、随县…站'), is not the document's own. `places` are the (start, end) of the places to read from (else every division
    the line names)."""
    found = []
    text = line.text
    patterns = _patterns()
    if places is None:
        places = [(p.start, p.start + len(p.printed)) for p in find_places(text)]
    for place_start, place_end in places:
        start = place_start - 2 if text[max(0, place_start - 2) : place_start] == "中共" else place_start
        if _CITED_BEFORE.search(text, max(0, start - 2), start):
            continue
        run = _HANZI_RUN.match(text, start)
        if run is None:
            continue
        word = run.group()
        listed = start > 0 and text[start - 1] == "、"
        for end_match in patterns["suffix_end"].finditer(word, place_end - start):
            end = start + end_match.end()
            if (
                end < len(text)
                and "\u4e00" <= text[end] <= "\u9fff"
                and not patterns["follower"].match(text, end)
            ):
                continue
            if listed or text.startswith("、", end):  # one of a list: units below it, not itself
                break
            name = named(text[start:end])
            if name:
                found.append(Candidate(name, SCAN, line.source, line.text))
                break
    return found


def department_candidates(lines: DocumentLines) -> list[Candidate]:
    """Every plausible department name the document gives, strongest first (in document order
    within one weight)."""
    found: list[Candidate] = []
    for line in lines.title:
        found += _title_candidates(line, TITLE)
    weights = {"department": LABEL, "publisher": PUBLISHER, "source": SOURCE_LABEL}
    for label in lines.labels:
        if label.kind == "title":
            found += _title_candidates(Line(label.value, label.source), TITLE)
        elif label.kind in weights:
            name = named(label.value.split()[0])
            if name:
                found.append(Candidate(name, weights[label.kind], label.source, label.text))
    signature = _signature(lines.closing)
    if signature:
        found.append(signature)
    for line in lines.captions:
        found += _title_candidates(line, LEAD)
    # a title or label naming a place says all the body could (a fuller form: see _fuller_in_body)
    settled = any(c.weight >= LABEL and has_place(c.name) for c in found)
    for i, line in enumerate(lines.body):
        if settled or (i >= BODY_NAME_LINES and any(c.weight >= LEAD for c in found)):
            break
        if len(line.text) >= 5:
            found += _body_candidates(line)
    for line in lines.file_names:
        found += _title_candidates(Line(_file_text(line.text), line.source), FILE)
    if not any(c.weight >= YEAR_FIRST for c in found):
        for line in lines.title + lines.body:
            found += _scan(line)
    if lines.folder:
        found += _title_candidates(Line(_file_text(lines.folder), "folder name"), FOLDER)
    return sorted(found, key=lambda c: -c.weight)


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


def _region_of_name(name: str, source: str, text: str) -> _Region | None:
    places, rest = leading_places(party_form(name).removeprefix("中共"))
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
    for group in (lines.title, labelled, lines.body[:20], lines.file_names):
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
    for line in lines.body:
        text = line.text
        if needle not in text:
            continue
        if places:  # read from each mention of the place (the division it names is known)
            starts = [m.start() for m in re.finditer(re.escape(needle), text)]
            found += _scan(line, [(start, start + len(place)) for start in starts])
        else:
            found += _scan(line)
        searched += 1
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
    names = [c.name for c in candidates]
    full = fullest(printed.name, names)
    same = [c for c in candidates if c.name == full] + [c for c in candidates if c.name == printed.name]
    central = is_central(printed.name) and not has_place(full)
    region = _region(same, lines, central)
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
        body = "\n".join(line.text for line in lines.body)[:YEAR_CHARS]
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
    body = "\n".join(line.text for line in lines.body)
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
    if year is not None:
        body = "\n".join(line.text for line in lines.body)[:YEAR_CHARS]
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
