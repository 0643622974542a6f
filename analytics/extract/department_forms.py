"""A printed department name made ready to be read as a name (`clean_name`), and the bracket a name
may carry (`bracketed`, `unbracketed`).

What goes: spaces, a note in brackets ('重庆市大渡口区城市管理局(本级)'), a verb that opens a sentence
of disclosure ('现将焦石镇…'), punctuation at either end, and the place a page template writes before
a name that names its own place again ('江汉区' + '中国共产党武汉市江汉区委员会党校', '江汉区江汉区财政局').

What stays: a bracket after the name that holds a second name of the same body ('荆门市中医医院(石化医院)',
'X局(X城市管理局)': one body under two names) or the organ of a zone ('X产业集中区(管委会)'). The name
is printed so; its canonical form (`unbracketed`) is the first name, or the zone with its organ
('X产业集中区管委会').
"""

from __future__ import annotations

import re

from analytics.extract.regions import leading_places

_NOTE = re.compile(r"[\((](?:本级|汇总|含下属单位|部门汇总|单位|机关本级|本部)[\))]")
# A verb phrase that opens a sentence of disclosure ('现将焦石镇2020年度…公开如下'): not part of a name.
_LEADING_VERB = re.compile(r"^(?:现将|特将|兹将|今将|现把|特把|兹把|现就|兹就|现对|特对)")
_LEADING_VERB_FIRST = frozenset("现特兹今")
_ENDS = ":：,，。、“”\"'()（）|"
# A name and a bracket of Chinese characters closing it: 'X医院(Y医院)'; not a bracket that explains
# ('X局(以下简称市局)', 'X局(含X中心)').
_BRACKETED = re.compile(
    r"^(?P<outer>[^()（）]{2,40})[(（](?P<inner>(?!以下|简称|下称|含|不含|包括)[\u4e00-\u9fff]{2,20})[)）]$"
)
_PARTY_PREFIXES = ("中国共产党", "中共")


def clean_name(printed: str) -> str:
    """A printed name made ready to be read (see the module docstring).

    >>> clean_name("现将焦石镇"), clean_name("特将某县审计局(本级)"), clean_name("某市中医医院(某医院):")
    ('焦石镇', '某县审计局', '某市中医医院(某医院)')
    """
    name = "".join(printed.split())
    if "(" in name or "（" in name:
        name = _NOTE.sub("", name)
    if name[:1] in _LEADING_VERB_FIRST:
        name = _LEADING_VERB.sub("", name)
    core = name.strip(_ENDS)
    if ")" in name or "）" in name:
        core = _with_closing_bracket(core, name)
    if len(core) >= 8 and (
        core.find(core[:2], 2) >= 0 or core.find("中共", 2) >= 0 or core.find("中国共产党", 1) >= 0
    ):
        core = _without_repeated_place(core)
    return core


def _with_closing_bracket(core: str, name: str) -> str:
    """`core` (`name` stripped at both ends) with the closing bracket the stripping took from its end
    where it closes one that `core` opens."""
    if core.count("(") + core.count("（") <= core.count(")") + core.count("）"):
        return core
    end = name.find(core) + len(core)
    return core + name[end] if name[end : end + 1] in (")", "）") else core


def _without_repeated_place(name: str) -> str:
    """`name` without the places before a second run of places that names the last of them again or
    opens a new chain above it: '江汉区江汉区财政局' -> '江汉区财政局', '江汉区武汉市江汉区财政局' ->
    '武汉市江汉区财政局', '江汉区中国共产党武汉市江汉区委员会党校' -> '中国共产党武汉市江汉区委员会党校'."""
    places, rest = leading_places(name)
    if not places:
        return name
    for i in range(1, len(places)):  # a chain that starts again within the places ('江汉区武汉市江汉区')
        later = places[i].division
        if later in (p.division for p in places[:i]) or later.name in places[i - 1].division.ancestors():
            return name[places[i].start :]
    party = next((p for p in _PARTY_PREFIXES if rest.startswith(p)), "")
    again, _ = leading_places(rest[len(party) :])
    last = places[-1].division
    if any(p.division == last for p in again):
        return rest
    return name


def bracketed(name: str) -> tuple[str, str] | None:
    """The name before a closing bracket and the bracket's words ('X医院(Y医院)' -> ('X医院', 'Y医院')),
    or None for a name without one."""
    if not name.endswith((")", "）")):
        return None
    match = _BRACKETED.match(name)
    return (match["outer"], match["inner"]) if match else None
