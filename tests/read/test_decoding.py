"""Decoding: each case shows the bytes in and the exact text and encoding out."""

from __future__ import annotations

import codecs
import random

import pytest

from analytics.errors import ReadError
from analytics.read.characters import normalise
from analytics.read.decoding import decode

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


# The character counts behind the GB18030 test, each against its definition (a regex over the
# characters), on texts that mix every kind of character the counts tell apart.
_KINDS = [
    "收入支出经费",  # everyday hanzi (GB2312)
    "㐀䶵䶿丂龥鿿",  # extension A up to U+4DBF, rare unified hanzi
    "䷀䷿",  # U+4DC0-U+4DFF: hexagrams, no hanzi
    "，。、：（）“”—…",  # punctuation in the Chinese ranges
    "°±·×÷éü",  # Latin-1: some Chinese punctuation, some letters
    "あアㄅ가Ωж",  # kana, bopomofo, Hangul, Greek, Cyrillic
    "𠀀𠮷𫠝\U0003134f\U00031350😀",  # beyond the BMP: extensions B-G, then none
    "\ufffd\ue000\uf8ff\ufff0\uffff",  # replacement, private use, specials
    "abc 123\n",
]


def _mixed_texts() -> list[str]:
    rng = random.Random(7)
    pool = "".join(_KINDS)
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 60))) for _ in range(300)]


def test_the_fast_character_counts_agree_with_their_definitions() -> None:
    import re

    from analytics.read import decoding

    chinese = re.compile(
        "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in decoding._CHINESE_RANGES) + "]"
    )
    common = frozenset(
        bytes(b for lead in range(0xB0, 0xF8) for trail in range(0xA1, 0xFF) for b in (lead, trail)).decode(
            "gb2312", errors="ignore"
        )
    )
    for text in _mixed_texts():
        non_ascii = sum(1 for c in text if not c.isascii() and c != "\ufffd")
        expected = len(chinese.findall(text)) / non_ascii if non_ascii else 1.0
        units = text.encode("utf-16-be", "surrogatepass")
        beyond_bmp = len(units) > 2 * len(text)
        assert beyond_bmp == any(ord(c) > 0xFFFF for c in text)
        assert decoding._chinese_share(text, beyond_bmp=beyond_bmp) == expected
        assert decoding._chinese_share(text) == expected
        hanzi = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")
        assert decoding._hanzi_count(text, units[0::2]) == hanzi
        assert decoding._common_hanzi_count(text) == sum(1 for c in text if c in common)


def _lenient_by_definition(data: bytes, encoding: str) -> str | None:
    text = data.decode(encoding, errors="replace")
    damaged = text.count("\ufffd")
    if not damaged or (damaged == 1 and text.endswith("\ufffd")):
        return text
    well_decoded = sum(1 for c in text if not c.isascii()) - damaged
    return text if damaged * 100 <= len(text) and well_decoded >= 20 * damaged else None


def test_lenient_decoding_looks_at_the_start_first_and_still_takes_what_it_should() -> None:
    # `_lenient` rejects from the first kilobytes alone when they hold too much damage: on files with
    # damage anywhere (the start, the end, spread) it takes and rejects exactly what its rule says
    from analytics.read.decoding import _lenient

    rng = random.Random(11)
    line = "部门预算收入474.91万元，其中：一般公共预算收入。\n"
    for size in (10, 60, 400, 2000):
        for stray in (1, 3, 30, 300):
            for where in ("start", "end", "spread"):
                good = (line * size).encode()
                places = {
                    "start": range(stray),
                    "end": range(len(good) - stray, len(good)),
                    "spread": sorted(rng.sample(range(len(good)), min(stray, len(good)))),
                }[where]
                data = bytearray(good)
                for i in places:
                    data[i] = 0xFF
                for encoding in ("utf-8", "gb18030"):
                    assert _lenient(bytes(data), encoding) == _lenient_by_definition(bytes(data), encoding)
    gbk = (line * 300).encode("gbk")
    assert _lenient(gbk, "utf-8") is None and _lenient(gbk, "gb18030") == line * 300


def test_the_characters_taken_for_no_junk_at_a_glance_are_none() -> None:
    # `_junk_share` answers 0 at once for a text of these blocks: every character in them must be one
    # that its count by category would not call junk (under the running Python's Unicode data)
    import unicodedata

    from analytics.read import decoding

    taken = [chr(c) for c in range(0x10000) if not decoding._MAY_BE_JUNK.match(chr(c))]
    assert len(taken) > 30_000
    assert [
        f"U+{ord(c):04X}"
        for c in taken
        if c not in decoding._ALLOWED_CONTROLS and unicodedata.category(c) in decoding._JUNK_CATEGORIES
    ] == []
    assert decoding._MAY_BE_JUNK.search("\U00020000")  # beyond the BMP: looked at by category
