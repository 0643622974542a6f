"""Normalisation of characters: each case shows the text in and the exact text out."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from analytics.read.characters import normalise, script_tally, split_lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("４７４．９１", "474.91"),
        ("＜85%", "<85%"),
        ("≥９６％", "≥96%"),  # ≥ has no half-width form and stays
        ("因公出国（境）费", "因公出国(境)费"),
        ("其中：一般公共预算收入474.91万元，事业收入0万元", "其中:一般公共预算收入474.91万元,事业收入0万元"),
        ("　　开展科普活动", "  开展科普活动"),  # ideographic spaces: indentation, kept as spaces
        ("“三公”经费、《预算法》。", "“三公”经费、《预算法》。"),  # no compatibility forms: unchanged
        ("公務用車運行維護費", "公务用车运行维护费"),
        ("機關運行經費較上年減少", "机关运行经费较上年减少"),
        ("a\x00b\x07c\td\r\ne\rf\x0cg\ufeffh\u200bi", "abc\td\ne\nf\ngh" + "i"),
        ("  both ends kept \n", "  both ends kept \n"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_normalise_leaves_the_seed_text_as_nfkc_makes_it(seed_text: str) -> None:
    # the seed is simplified Chinese already: the t2s step must not change a single character
    assert normalise(seed_text) == unicodedata.normalize("NFKC", seed_text)


@pytest.mark.parametrize(
    "text",
    [
        "其中：一般公共预算收入（财政拨款）474.91万元，事业收入０万元；　合计",
        "（ｅ\u0301）：，\u0301；\u3000\u0301",  # combining marks after the full-width forms
        "經費（單位：萬元），公務用車；" * 4,  # long: not cached
    ],
)
def test_normalise_gives_what_nfkc_gives_for_full_width_forms(text: str) -> None:
    # the full-width forms are replaced before NFKC (a speed-up): the result must be NFKC's own
    converted = unicodedata.normalize("NFKC", text).replace("經費", "经费").replace("單位", "单位")
    converted = converted.replace("萬元", "万元").replace("公務用車", "公务用车")
    assert normalise(text) == converted


def test_split_lines_accepts_every_line_break_convention() -> None:
    assert split_lines("a\r\nb\rc\nd\x0ce\u2028f") == ["a", "b", "c", "d", "e", "f"]


def test_split_lines_splits_at_line_breaks_only() -> None:
    # held to its definition (every break made a newline, then split there) on random texts mixing
    # every line break with the separators \x1c-\x1e, which are no line breaks
    rng = random.Random(3)
    alphabet = [
        "a",
        "经",
        "\n",
        "\r",
        "\r\n",
        "\x0b",
        "\x0c",
        "\x85",
        "\u2028",
        "\u2029",
        "\x1c",
        "\x1e",
        "\t",
    ]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        expected = re.sub("\r\n?|[\x0b\x0c\x85\u2028\u2029]", "\n", text).split("\n")
        assert split_lines(text) == expected, repr(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a mirror site's gloss after each traditional character goes; the brackets of a figure stay
        ("公務(wù)車輛運(yùn)行費(fèi)2.94萬元", "公务车辆运行费2.94万元"),
        ("決算數(shù) (單位:萬元)", "决算数 (单位:万元)"),
        # a bracketed word without a tone mark, or after a digit, is no gloss
        ("项目(xm)支出", "项目(xm)支出"),
        ("共3(sān)辆", "共3(sān)辆"),
    ],
)
def test_normalise_drops_pinyin_glosses(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_script_tally_counts_the_characters_converted_to_simplified() -> None:
    with script_tally() as counts:
        normalise("公務用車運行維護費")
        normalise("公务接待费")
    assert counts == [6]  # 務 車 運 維 護 費 were traditional


def test_a_long_text_is_looked_at_for_glosses_as_a_line_is() -> None:
    from analytics.read.characters import _may_hold_a_tone_mark, strip_pinyin_glosses

    # the quick look over a page's UTF-8 bytes finds exactly the characters U+00C0-U+01FF
    assert [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and _may_hold_a_tone_mark(chr(c))] == list(
        range(0xC0, 0x200)
    )
    page = "<p>公務(wù)車輛</p>" + "<p>部门预算(单位:万元)</p>" * 100
    assert len(page) > 1000
    assert strip_pinyin_glosses(page) == "<p>公務車輛</p>" + "<p>部门预算(单位:万元)</p>" * 100
    plain = page.replace("(wù)", "")
    assert strip_pinyin_glosses(plain) is plain
