"""Where a document names the department that published it: candidate names from every source the
document's lines give (`metadata_lines`), each with its weight, strongest first.

The sources, strongest first: the title, a department label ('部门：…', '单位名称：…'), the closing
signature (a name above or beside the closing date: '海南省审计厅' / '2016年2月19日', 'X局 2021年1月'),
a '现将X2021年度…' sentence, a name before its year and subject in the body ('…,国务院办公厅
2013年度部门决算'), a sentence about the department's own level ('纳入编制范围的为X学校本级'), a news
item's '民政部今天公布…', a table caption, the file name, a publisher label, a source label, a contact
footer ('联系方式:X局政务公开电子邮箱…'), a place-led name anywhere in the body (`scan_names`), the
folder name. Only plausible names count (see `departments.named`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from analytics.extract.department_titles import names_in_title
from analytics.extract.departments import has_place, named
from analytics.extract.metadata_lines import DATE_LINE, DocumentLines, Line
from analytics.extract.patterns import trie_regex
from analytics.extract.regions import find_places, leading_places
from analytics.reference import vocabulary

BODY_NAME_LINES = 20  # body lines searched for names once a name was found

# Weights of the evidence for a department name (the strongest is printed; see the module docstring).
TITLE, LABEL, SIGNATURE, XIANJIANG, LEAD, NEWS, YEAR_FIRST, FILE, PUBLISHER, SOURCE_LABEL, CONTACT, SCAN, FOLDER = (
    10, 9, 8, 8, 6, 6, 5, 5, 4, 3, 3, 2, 1,
)  # fmt: skip
OWN_LEVEL = LEAD

_YEAR = r"(?:19|20)\d{2}\s*年\s*度?"
_NAME = r"[\u4e00-\u9fff]{2,40}?"
_BRACKET = r"(?:[(（][\u4e00-\u9fff]{2,20}[)）])"  # a second name or organ closing a name: 'X医院(Y医院)'


def _words(name: str) -> list[str]:
    return vocabulary()["metadata"][name]


class Candidate(NamedTuple):
    """A department name read somewhere, with its weight. (A named tuple: cheap to make.)"""

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
            rf"(?:^|[\s,，。;；:：、)）》”!！?？])(?P<name>[\u4e00-\u9fff]{{2,40}}{_BRACKET}?)\s*(?:本级)?\s*$"
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
            rf"\s*(?P<name>{_NAME}{_BRACKET}?)\s*(?:单位|部门)?\s*(?:基本)?(?:概况|简介|基本情况)$"
        ),
        "follower": re.compile(rf"(?:{followers})"),
        "bracket": re.compile(_BRACKET),
        "not_publisher": re.compile(rf"(?:{trie_regex(_words('publisher_not_endings'))})$"),
        "not_name_start": re.compile(trie_regex(_words("not_name_starts") + _words("name_pronouns"))),
        "suffix_end": re.compile(rf"(?:{trie_regex(_words('department_suffixes'))})"),
        # the run of characters before '本级' (or '机关本级'), and what may open a name in it
        "own_level": re.compile(r"(?P<run>[\u4e00-\u9fff]{2,40}?)(?:机关)?本级"),
        "own_level_lead": re.compile(trie_regex(_words("own_level_leads"))),
        # a contact label followed by its colon; the person after 联系人 is left out
        "contact": re.compile(rf"(?:{trie_regex(_words('contact_labels'))})\s*[:：]"),
        "contact_person": re.compile(r"联系人\s*[:：]\s*[\u4e00-\u9fff]{1,4}"),
        "contact_split": re.compile(rf"{trie_regex(_words('contact_labels'))}|[^\u4e00-\u9fff]+"),
        # a date that closes a signature: '2016年2月19日', '2021年1月', '二〇二一年一月'
        "signature_date": re.compile(
            r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
            r"(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?\s*$"
        ),
    }


_FILE_PARTS = re.compile(r"[_\s]+")
_WORD_OR_DIGIT = re.compile(r"[\u4e00-\u9fff\d]")


def _file_text(stem: str) -> str:
    """A file name's words: 'synthetic_廊坊市科学技术协会_2014_预算' -> '廊坊市科学技术协会2014预算'."""
    return "".join(part for part in _FILE_PARTS.split(stem) if _WORD_OR_DIGIT.search(part))


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


def _own_level_candidates(line: Line) -> list[Candidate]:
    """The name before '本级' in a sentence about the department's own level ('纳入2022年部门预算编制
    范围的为X学校本级', '部门决算包括X局机关本级和…'): it begins after the last lead word
    ([metadata] own_level_leads: 为, 包括, 即…) or where the run of characters does; a name that
    opens with a place is preferred, so that a place holding a lead word ('含山县') stays whole; without
    one, a name begins after a lead word where the run has one ('…开支单位包括局本级' names none).
    '区本级' or '镇本级' (a government's whole budget, or a bare level word) is no name."""
    patterns = _patterns()
    found: list[Candidate] = []
    for match in patterns["own_level"].finditer(line.text):
        run = match["run"]
        leads = [lead.end() for lead in patterns["own_level_lead"].finditer(run)]
        names = [name for start in [0, *leads] if (name := named(run[start:]))]
        placed = [name for name in names if has_place(name)]
        if leads and not placed:  # '…开支单位包括局本级': the run before the lead word is no name
            names = [name for start in leads if (name := named(run[start:]))]
        if not names:
            continue
        found.append(Candidate(min(placed or names, key=len), OWN_LEVEL, line.source, line.text))
    return found


def _body_candidates(line: Line) -> list[Candidate]:
    text = line.text
    found: list[Candidate] = []
    if "现将" in text:
        found += _pattern_candidates(line, "xianjiang", XIANJIANG)
    if "本级" in text:
        found += _own_level_candidates(line)
    if "年" in text:
        found += _year_candidates(line)
    if "公布" in text or "发布" in text:
        found += _pattern_candidates(line, "news", NEWS)
    if text.endswith(("概况", "简介", "基本情况")):
        found += _pattern_candidates(line, "overview", LEAD)
    return found


def _signature(closing: list[str]) -> Candidate | None:
    """The name above the closing date ('海南省审计厅' / '2016年2月19日'), or beside it ('X局 2021年1月');
    the date may be in Chinese numerals ('二〇二一年一月')."""
    lines = [t for t in closing if t]
    for i in range(len(lines) - 1, -1, -1):
        date = DATE_LINE.search(lines[i])
        if date is None and lines[i].rstrip()[-1:] in ("月", "日"):  # (a date that ends the line)
            date = _patterns()["signature_date"].search(lines[i])
        if not date:
            continue
        before = lines[i][: date.start()].strip() if date.start() > 0 else ""
        name = named(before) if before else (named(lines[i - 1]) if i > 0 else None)
        if name:
            return Candidate(name, SIGNATURE, "signature", before or lines[i - 1])
    return None


def _longest_name_opening(text: str) -> str | None:
    """`text` as a name, or else the longest name it opens with ('X局政务公开' -> 'X局')."""
    name = named(text)
    if name:
        return name
    ends = [m.end() for m in _patterns()["suffix_end"].finditer(text)]
    return next((name for end in reversed(ends) if (name := named(text[:end]))), None)


def contact_candidates(closing: list[str]) -> list[Candidate]:
    """Names in the contact footer of a document's closing lines: a line with a contact label and its
    colon ('联系方式:', '联系电话:', '联系单位:'), read as the pieces between labels and non-Chinese
    text, each as a name or the longest name it opens with ('联系方式:X局政务公开电子邮箱:…' -> 'X局',
    'X局联系电话:…' -> 'X局'); a contact person ('联系人:张三') is no name."""
    patterns = _patterns()
    found: list[Candidate] = []
    for text in closing:
        if ("联系" not in text and "电话" not in text and "邮箱" not in text) or not patterns[
            "contact"
        ].search(text):
            continue
        cleaned = patterns["contact_person"].sub(" ", text)
        for piece in patterns["contact_split"].split(cleaned):
            name = _longest_name_opening(piece) if len(piece) >= 2 else None
            if name:
                found.append(Candidate(name, CONTACT, "contact", text))
    return found


_CITED_BEFORE = re.compile(r"(?:根据|按照|依据|经|据)$")
_HANZI_RUN = re.compile(r"[\u4e00-\u9fff]{2,40}")
_HANZI_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def scan_names(line: Line, places: list[tuple[int, int]] | None = None) -> list[Candidate]:
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
                found.append(Candidate(_with_bracket(name, text, end), SCAN, line.source, line.text))
                break
    return found


def _with_bracket(name: str, text: str, end: int) -> str:
    """`name` with the bracket that closes it in `text` at `end`, where that reads as a second name or
    organ ('荆门市中医医院' + '(石化医院)'; see `department_forms`)."""
    if not text.startswith(("(", "（"), end):
        return name
    bracket = _patterns()["bracket"].match(text, end)
    return (named(name + bracket.group()) or name) if bracket else name


def _placed_publisher(value: str) -> str | None:
    """A publisher or source label's value that opens with a place and goes on for a few characters
    as a name, where it ends with no department suffix ('来源:岳阳县台创园'); not a site or medium
    ([metadata] publisher_not_endings: '来源:某市人民政府网', '来源:某县日报')."""
    if not 4 <= len(value) <= 16 or not _HANZI_ONLY.fullmatch(value):
        return None
    places, rest = leading_places(value)
    patterns = _patterns()
    if places and 2 <= len(rest) <= 8 and not patterns["not_publisher"].search(rest):
        return value if not patterns["not_name_start"].match(rest) else None
    return None


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
            value = label.value.split()[0]
            name = named(value) or (_placed_publisher(value) if label.kind != "department" else None)
            if name:
                found.append(Candidate(name, weights[label.kind], label.source, label.text))
    signature = _signature(lines.closing)
    if signature:
        found.append(signature)
    found += contact_candidates(lines.closing)
    for line in lines.captions:
        found += _title_candidates(line, LEAD)
    # a title or label naming a place says all the body could (a fuller form: see _fuller_in_body)
    settled = any(c.weight >= LABEL and has_place(c.name) for c in found)
    for i, text in enumerate(lines.body):
        if settled or (i >= BODY_NAME_LINES and any(c.weight >= LEAD for c in found)):
            break
        if len(text) >= 5:
            found += _body_candidates(Line(text, "body"))
    for line in lines.file_names:
        found += _title_candidates(Line(_file_text(line.text), line.source), FILE)
    if not any(c.weight >= YEAR_FIRST for c in found):
        for line in [*lines.title, *(Line(text, "body") for text in lines.body)]:
            found += scan_names(line)
    folder = _file_text(lines.folder)
    if folder:  # (a folder of no words, as 'synthetic' or 'excerpts', names nothing)
        found += _title_candidates(Line(folder, "folder name"), FOLDER)
    return sorted(found, key=lambda c: -c.weight)
