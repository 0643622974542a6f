"""File bytes -> text, with a detected encoding (the text readers' first step; `characters` then
normalises what they read).

Decoding order (the first that gives sensible text wins):

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. BOM-less UTF-16, recognised by its NUL bytes falling on one parity (the high byte of ASCII
   characters such as digits, tabs and newlines);
3. UTF-8;
4. GB18030 (a superset of GBK and GB2312), if the result is mostly everyday Chinese: plain-text GBK
   is common for these documents, and general detectors take short GBK files for Korean or Japanese;
5. charset-normalizer's best guess (Big5, traditional-character GBK, other code pages).

Steps 1, 3 and 4 tolerate a little damage (see _lenient): crawled files are sometimes cut off
mid-character or carry a stray byte, and losing the whole document for that would be worse.

"Sensible" means at most 1% of the characters are control characters (other than whitespace),
private-use or unassigned: random bytes and NUL-padded binary fail that.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from analytics.errors import ReadError

# UTF-32 LE first: its BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_JUNK_SHARE = 0.01  # of decoded characters that may be control/private-use/unassigned
_MIN_CJK_SHARE = 0.9  # of non-ASCII characters that must be Chinese for a GB18030 decode to count
_MIN_COMMON_HANZI_SHARE = 0.8  # of ideographs that must be among GB2312's 6,763 everyday characters
_SAMPLE_CHARS = 100_000  # the Chinese-text tests look at this much: plenty to tell, and quick

# Code point ranges of what Chinese text is made of besides ASCII: ideographs, CJK and full-width
# punctuation, and the symbols GB2312 carries (①, ≥, ℃, №, Ⅱ, box drawing, ■○…). Kana, Hangul, Greek,
# Cyrillic and vertical forms are left out: they are what Big5 or binary data decoded as GBK look like.
_CHINESE_RANGES: tuple[tuple[int, int], ...] = (
    (0x4E00, 0x9FFF),  # CJK unified ideographs (first: most characters stop here)
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、 。 《 》 【 】
    (0xFF00, 0xFFEF),  # half-width and full-width forms: ， ： （ ） ４
    (0x00A0, 0x00BF),  # Latin-1 punctuation: ° ± · §
    (0x00D7, 0x00D7),  # ×
    (0x00F7, 0x00F7),  # ÷
    (0x2000, 0x206F),  # general punctuation: “ ” ‘ ’ — …
    (0x2100, 0x22FF),  # letterlike, number forms, arrows, mathematical operators: ℃ № Ⅱ → ≥
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ⑴ ⒈
    (0x2500, 0x25FF),  # box drawing, blocks, geometric shapes: ─ ┌ ■ ○
    (0x3200, 0x32FF),  # enclosed CJK: ㈠
    (0x3400, 0x4DBF),  # CJK extension A
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B-G
)

_JUNK_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})  # control, surrogate, private use, unassigned


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes to text, detecting the encoding; return (text, Python codec name).

    The codec name is what decodes the bytes: 'utf-8-sig' and 'utf-16' for files with a byte-order
    mark, 'utf-16-le' / 'utf-16-be' without one, 'utf-8', 'gb18030', or whatever charset-normalizer
    found. A damaged file (cut off mid-character, a stray byte or two in a long text) still decodes:
    each bad sequence becomes U+FFFD. Raises ReadError (without a path; the reader adds it) when no
    encoding gives sensible text.

    >>> decode("收入".encode("gbk"))
    ('收入', 'gb18030')
    """
    if not data:
        raise ReadError("empty file (0 bytes)")

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _lenient(data, encoding)
            if text is not None:
                return _checked(text, encoding, data)
            if encoding == "utf-32":  # may be a UTF-16 LE BOM followed by U+0000
                continue
            raise ReadError(f"starts with a {encoding} byte-order mark but is not valid {encoding}")

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16

    text = _lenient(data, "utf-8")
    if text is not None:
        return _checked(text, "utf-8", data)

    text = _lenient(data, "gb18030")
    if text is not None and _looks_like_gbk_chinese(text):
        return text, "gb18030"

    mixed = _utf8_and_gb18030(data)
    if mixed is not None:
        return mixed, MIXED_ENCODING

    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if _junk_share(text) <= _MAX_JUNK_SHARE:
            return text, codecs.lookup(best.encoding).name
    raise ReadError(
        "could not determine the text encoding: not UTF-8, UTF-16 or GB18030, and no other encoding "
        f"gives sensible text ({_describe_bytes(data)}); binary data?"
    )


def _lenient(data: bytes, encoding: str) -> str | None:
    """Decode, tolerating a little damage: a character cut off at the end, or at most one bad byte
    sequence per 100 characters amid plenty (20x as many) of well-decoded non-ASCII characters.
    (GBK read as UTF-8, or the other way round, fails the second test by far.)
    Bad sequences become U+FFFD. None when the damage says this is not the encoding."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    if _clearly_not(data, encoding):
        return None
    text = data.decode(encoding, errors="replace")
    damaged = text.count("\ufffd")
    if damaged == 1 and text.endswith("\ufffd"):
        return text
    well_decoded = len(text) - len(text.encode("ascii", "ignore")) - damaged  # non-ASCII characters
    if damaged * 100 <= len(text) and well_decoded >= 20 * damaged:
        return text
    return None


def _clearly_not(data: bytes, encoding: str) -> bool:
    """Whether the start of `data` alone holds too many bad sequences for `_lenient` to take the whole
    in `encoding` (GBK read as UTF-8 has one every few bytes): then the whole need not be decoded.
    A prefix decodes as the whole does but for its last (at most 4) bytes, and the whole decodes to
    at most one character per byte."""
    prefix = data[: 1024 + len(data) // 20]
    if len(prefix) == len(data):
        return False
    damaged = prefix.decode(encoding, errors="replace").count("\ufffd") - 4
    return damaged >= 2 and damaged * 100 > len(data)


MIXED_ENCODING = "utf-8+gb18030"
"""What `decode` calls a file whose lines are some UTF-8, some GB18030 (text pasted from two sources)."""


def _utf8_and_gb18030(data: bytes) -> str | None:
    r"""Decode a file that mixes UTF-8 and GB18030 line by line: each line is UTF-8 up to its first
    byte that is not, and GB18030 from there (a line where one source ends and the other begins; a
    character cut short where they meet comes out as one or two wrong ones). None unless both
    occur, every line decodes so, and the GB18030 parts read as Chinese.

    >>> _utf8_and_gb18030("收入总计\n".encode() + "支出总计".encode("gbk"))
    '收入总计\n支出总计'
    """
    lines: list[str] = []
    gb_parts: list[str] = []
    utf8_chinese = False
    for line in data.split(b"\n"):  # 0x0A is never part of a UTF-8 or GB18030 character
        try:
            text = line.decode("utf-8")
            utf8_chinese = utf8_chinese or not line.isascii()
            lines.append(text)
            continue
        except UnicodeDecodeError as error:
            head = line[: error.start].decode("utf-8")
        split = _switch_point(line, head)
        if split is None:
            return None
        head, tail = line[:split].decode("utf-8"), line[split:].decode("gb18030")
        utf8_chinese = utf8_chinese or not head.isascii()
        gb_parts.append(tail)
        lines.append(head + tail)
    if not utf8_chinese or not gb_parts or not _looks_like_gbk_chinese("".join(gb_parts)):
        return None
    text = "\n".join(lines)
    return text if _junk_share(text) <= _MAX_JUNK_SHARE else None


def _switch_point(line: bytes, head: str) -> int | None:
    """Where a line goes from UTF-8 to GB18030: at the end of its valid UTF-8 `head`, or up to two
    characters before it (GBK bytes can pass for a UTF-8 character: 支 is d6 a7, which UTF-8 reads
    as the Hebrew point U+05A7). Of the points after which the rest decodes as GB18030, the one that
    leaves the fewest characters that are neither ASCII nor Chinese around the switch; None if none."""
    best: tuple[int, int] | None = None  # (odd characters, -split)
    split = len(head.encode("utf-8"))
    for char in ("", *reversed(head[-2:])):
        split -= len(char.encode("utf-8"))
        try:
            tail = line[split:].decode("gb18030")
        except UnicodeDecodeError:
            continue
        around = line[:split].decode("utf-8")[-3:] + tail[:3]
        odd = sum(1 for c in around if not c.isascii() and not _is_chinese(c))
        if best is None or (odd, -split) < best:
            best = (odd, -split)
    return None if best is None else -best[1]


def _is_chinese(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CHINESE_RANGES)


def _checked(text: str, encoding: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding) if the decoded text is sensible, else raise ReadError."""
    junk = _junk_share(text)
    if junk > _MAX_JUNK_SHARE:
        raise ReadError(
            f"could not determine the text encoding: decoding as {encoding} gives {junk:.0%} control "
            f"or unassigned characters ({_describe_bytes(data)}); binary data?"
        )
    return text, encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 when NUL bytes sit (almost) only on one parity; else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    nul_even = data[0::2].count(0)  # high bytes of big-endian code units
    nul_odd = data[1::2].count(0)  # high bytes of little-endian code units
    if nul_odd >= 2 and nul_even * 10 <= nul_odd:
        encoding = "utf-16-le"
    elif nul_even >= 2 and nul_odd * 10 <= nul_even:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _junk_share(text) > _MAX_JUNK_SHARE:
        return None
    return text, encoding


def _junk_share(text: str) -> float:
    """Share of characters no text file contains: controls (bar whitespace), private use, unassigned."""
    text = text.rstrip("\x1a")  # DOS end-of-file marker, still found at the end of old GBK files
    if not text:
        return 0.0
    if not _MAY_BE_JUNK.search(text):
        return 0.0  # every character is of the blocks Chinese text is made of, none of them junk
    if _without_usual_nonprintable(text).isprintable():
        return 0.0  # junk is never printable: only the usual spaces stood in the way
    junk = sum(
        1 for char in text if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in _JUNK_CATEGORIES
    )
    return junk / len(text)


# Blocks of characters Chinese text is made of, none of which is junk (every code point in them is
# assigned, none a control but whitespace: tests/read/test_decoding.py checks): ASCII, Latin-1 and
# pinyin letters, Greek, punctuation, letterlike and number forms, arrows, mathematical operators,
# enclosed numbers, box drawing and shapes, CJK punctuation, ideographs and compatibility forms,
# full-width forms, the replacement character. One regex pass (in C) finds a character outside them.
_NEVER_JUNK = (
    "\t\n\r\x0b\x0c\x20-\x7e\xa0-\u017f\u01cd-\u01dc\u0391-\u03a1\u03a3-\u03a9\u03b1-\u03c9"
    "\u2010-\u2027\u2030-\u205e\u2100-\u218b\u2190-\u23ff\u2460-\u27bf\u3000-\u303f\u3200-\u321e\u3220-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6\ufffd"
)
_MAY_BE_JUNK = re.compile(f"[^{_NEVER_JUNK}]")

# Characters that are not printable but are no junk either, removed before the printable test.
_USUAL_NONPRINTABLE = "\t\n\r\f\v\u3000\xa0\u2002\u2003\u200b\ufeff"


def _without_usual_nonprintable(text: str) -> str:
    # One str.replace per character is several times faster than str.translate with a table.
    for char in _USUAL_NONPRINTABLE:
        if char in text:
            text = text.replace(char, "")
    return text


def _looks_like_gbk_chinese(text: str) -> bool:
    """Whether a GB18030 decode reads as Chinese rather than as Big5, another codepage or noise.

    Mostly Chinese characters (no kana, Hangul, Cyrillic...) and mostly everyday hanzi: bytes that
    merely happen to be valid GBK decode to rare characters. Traditional text in GBK fails the second
    test and is left to charset-normalizer, which recognises it.
    """
    if _junk_share(text) > _MAX_JUNK_SHARE:
        return False
    text = text[:_SAMPLE_CHARS]
    units = text.encode("utf-16-be", "surrogatepass")  # two bytes a character, four beyond the BMP
    if _chinese_share(text, beyond_bmp=len(units) > 2 * len(text)) < _MIN_CJK_SHARE:
        return False
    hanzi = _hanzi_count(text, units[0::2])
    if not hanzi:
        return True
    return _common_hanzi_count(text) >= _MIN_COMMON_HANZI_SHARE * hanzi


# The characters are counted by C-level passes over the text's bytes in other encodings, 5 times
# faster than a regex over the characters (tests/read/test_decoding.py holds each to its definition).


def _chinese_share(text: str, *, beyond_bmp: bool = True) -> float:
    """Share of the non-ASCII characters (bar U+FFFD) that belong to Chinese text (see _CHINESE_RANGES).

    `beyond_bmp` False says the text holds no character beyond U+FFFF: then the few characters that
    are neither (kana, Hangul, Latin letters…) are counted instead of the many that are."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if not non_ascii:
        return 1.0
    if beyond_bmp:
        return len(_NOT_CHINESE.sub("", text)) / non_ascii
    return (non_ascii - len(_OTHER_BMP_CHARACTER.findall(text))) / non_ascii


def _hanzi_count(text: str, high_bytes: bytes) -> int:
    """The ideographs (U+4E00-U+9FFF, U+3400-U+4DBF) of a text, told by the high bytes of its UTF-16
    code units: 0x34-0x4C and 0x4E-0x9F are hanzi, and 0x4D only up to U+4DBF."""
    count = len(high_bytes.translate(None, _NOT_HANZI_HIGH_BYTES))
    if 0x4D in high_bytes:
        count += len(_HANZI_U4D.findall(text))
    return count


def _common_hanzi_count(text: str) -> int:
    """The GB2312 hanzi (its rows 0xB0-0xF7: the characters of everyday simplified Chinese) of a text,
    told by their lead bytes once the text is in GB2312 (ASCII bytes dropped, two bytes a character)."""
    encoded = text.encode("gb2312", errors="ignore").translate(None, _ASCII_BYTES)
    return len(encoded[0::2].translate(None, _NOT_COMMON_HANZI_LEAD_BYTES))


def _byte_set(*ranges: tuple[int, int]) -> bytes:
    return bytes(b for low, high in ranges for b in range(low, high + 1))


_ASCII_BYTES = _byte_set((0x00, 0x7F))
_NOT_HANZI_HIGH_BYTES = _byte_set((0x00, 0x33), (0x4D, 0x4D), (0xA0, 0xFF))
_HANZI_U4D = re.compile("[\u4d00-\u4dbf]")
_NOT_COMMON_HANZI_LEAD_BYTES = _byte_set((0x00, 0xAF), (0xF8, 0xFF))


_NOT_CHINESE = re.compile("[^" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _CHINESE_RANGES) + "]+")


def _other_bmp_ranges() -> str:
    """The characters up to U+FFFF that are neither ASCII, U+FFFD nor Chinese, as a regex class."""
    ranges, start = [], 0x80
    for low, high in sorted((*_CHINESE_RANGES, (0xFFFD, 0xFFFD), (0x10000, 0x10000))):
        if low > start and start <= 0xFFFF:
            ranges.append(f"{chr(start)}-{chr(min(low - 1, 0xFFFF))}")
        start = max(start, high + 1)
    return "".join(ranges)


_OTHER_BMP_CHARACTER = re.compile(f"[{_other_bmp_ranges()}]")


def _describe_bytes(data: bytes) -> str:
    """A short description of raw bytes for error messages: size, NUL count and first bytes."""
    return f"{len(data)} bytes, {data.count(0)} NUL, starting {data[:8].hex(' ')}"
