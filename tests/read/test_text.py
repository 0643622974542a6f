"""Decoding and normalisation: each case shows the bytes or text in and the exact result out."""

from __future__ import annotations

import codecs
import random
import unicodedata

import pytest

from analytics.errors import ReadError
from analytics.read.text import decode, normalise, script_tally, split_lines

LINE = "2017年预算收入474.91万元，其中：一般公共预算收入474.91万元。\n\t项目\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (LINE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + LINE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + LINE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + LINE.encode("utf-16-be"), "utf-16"),
        (LINE.encode("utf-16-le"), "utf-16-le"),  # no BOM: told apart by where the NUL bytes fall
        (LINE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + LINE.encode("utf-32-le"), "utf-32"),
        (LINE.encode("gbk"), "gb18030"),
        (LINE.encode("gb18030"), "gb18030"),
    ],
)
def test_decode_detects_the_encoding(data: bytes, encoding: str) -> None:
    assert decode(data) == (LINE, encoding)


def test_decode_prefers_gb18030_for_short_gbk_text() -> None:
    # two characters: general detectors call these four bytes Korean (cp949)
    assert decode(b"\xca\xd5\xc8\xeb") == ("收入", "gb18030")


def test_decode_leaves_big5_to_charset_normalizer() -> None:
    # valid GBK too, but it decodes to kana and rare characters, so it is not taken for GB18030
    text = "機關運行經費共計安排50.07萬元，較上年減少，主要原因是公車改革車輛減少。\n"
    assert decode(text.encode("big5")) == (text, "big5")


def test_decode_reads_a_file_of_utf8_and_gb18030_lines_line_by_line() -> None:
    utf8 = "2017年部门预算收入474.91万元。\n其中:财政拨款收入474.91万元。\n"
    gbk = "支出474.91万元,较2016年减少7.05万元。\n公务接待费1.36万元。"
    assert decode(utf8.encode("utf-8") + gbk.encode("gbk")) == (utf8 + gbk, "utf-8+gb18030")
    # the other way round, and a GBK line whose first bytes pass for UTF-8 (支 is d6 a7: U+05A7)
    assert decode(gbk.encode("gbk") + b"\n" + utf8.encode("utf-8")) == (gbk + "\n" + utf8, "utf-8+gb18030")


def test_decode_finds_where_a_line_turns_from_utf8_to_gb18030() -> None:
    """Two texts glued mid-line, the UTF-8 one cut inside its last character: the line switches
    there; the one or two characters where they meet may come out garbled, the rest is exact."""
    head = "部门预算收入474.91万元,比上年减少7.05万元".encode()
    data = head[:-2] + "财政拨款收入".encode("gbk") * 3  # '元' cut to its first byte
    text, encoding = decode(data)
    assert encoding == "utf-8+gb18030"
    assert text.startswith("部门预算收入474.91万元,比上年减少7.05") and text.endswith("财政拨款收入" * 3)
    assert len(text) - len("部门预算收入474.91万元,比上年减少7.05") - len("财政拨款收入" * 3) <= 2


def test_decode_does_not_call_binary_data_mixed_text() -> None:
    noise = random.Random(3).randbytes(4000)
    with pytest.raises(ReadError, match="could not determine the text encoding"):
        decode("部门预算收入\n".encode() + noise)


def test_decode_tolerates_a_dos_end_of_file_marker() -> None:
    text, encoding = decode("项目支出193.30万元。\r\n".encode("gbk") + b"\x1a")
    assert (text, encoding) == ("项目支出193.30万元。\r\n\x1a", "gb18030")
    assert normalise(text) == "项目支出193.30万元。\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # cut off in the middle of the last character
        ("部门预算收入".encode()[:-1], ("部门预算收\ufffd", "utf-8")),
        ("部门预算收入".encode("gbk")[:-1], ("部门预算收\ufffd", "gb18030")),
        # one stray byte amid plenty of good text
        (
            "科普活动经费".encode() * 10 + b"\xff" + "科普活动经费".encode() * 10,
            ("科普活动经费" * 10 + "\ufffd" + "科普活动经费" * 10, "utf-8"),
        ),
        (codecs.BOM_UTF8 + "收入".encode() + b"\xff", ("收入\ufffd", "utf-8-sig")),
    ],
    ids=["utf-8-cut-off", "gbk-cut-off", "utf-8-stray-byte", "utf-8-bom-stray-byte"],
)
def test_decode_tolerates_a_little_damage(data: bytes, expected: tuple[str, str]) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize(
    ("data", "message_start"),
    [
        (b"", "empty file (0 bytes)"),
        (b"\x00" * 64, "could not determine the text encoding: decoding as utf-8 gives 100% control"),
        (b"ab\x00\x00\x00\x00\x00\x01" * 16, "could not determine the text encoding"),
        (random.Random(20170101).randbytes(1024), "could not determine the text encoding"),
        (
            codecs.BOM_UTF8 + "公务用车".encode("gbk"),
            "starts with a utf-8-sig byte-order mark but is not valid",
        ),
    ],
    ids=["empty", "nul-only", "nul-heavy", "random-bytes", "gbk-behind-utf8-bom"],
)
def test_decode_rejects_what_is_not_text(data: bytes, message_start: str) -> None:
    with pytest.raises(ReadError) as caught:
        decode(data)
    assert caught.value.message.startswith(message_start)


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


def test_split_lines_accepts_every_line_break_convention() -> None:
    assert split_lines("a\r\nb\rc\nd\x0ce\u2028f") == ["a", "b", "c", "d", "e", "f"]


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
