"""Whole numbers written in Chinese numerals, as counts are printed in prose: the everyday digits
(三, 十二, 一百零五), the financial capitals that forms and some offices use for them (壹, 贰拾,
壹佰零伍; traditional 貳 and 陸 as well, should a text reach us unconverted), and digit-by-digit
strings (二〇一六).

    chinese_integer('壹')      -> 1
    chinese_integer('十二')    -> 12
    chinese_integer('贰拾叁')  -> 23
    chinese_integer('一百零五') -> 105
    chinese_integer('二〇一六') -> 2016
    chinese_integer('十十')    -> None   (not a number: nothing is guessed)
    chinese_integer('一百五')  -> None   (150 in speech, 105 as written: not guessed)
    chinese_count('三四')        -> None   (three or four vehicles: an estimate)

万 is left out on purpose: in these texts it is the unit of 万元, never part of a count. (cn2an reads
the same numerals, but importing it costs 0.15-0.25 s of start-up per process, more than the whole of
this reader is worth; its results were compared with this reader's for every number up to 9,999.)
"""

from __future__ import annotations

DIGITS: dict[str, int] = {
    **dict.fromkeys("〇零", 0),
    **dict.fromkeys("一壹", 1),
    **dict.fromkeys("二两贰貳", 2),
    **dict.fromkeys("三叁", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆陸", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
POWERS: dict[str, int] = {
    **dict.fromkeys("十拾", 10),
    **dict.fromkeys("百佰", 100),
    **dict.fromkeys("千仟", 1000),
}
# Every character a count may be written with, for a regex class: '[' + NUMERAL_CHARACTERS + ']'.
NUMERAL_CHARACTERS = "".join(DIGITS) + "".join(POWERS)


def chinese_integer(text: str) -> int | None:
    """The whole number `text` writes in Chinese numerals, or None where it is not one well-formed
    number (a power repeated or out of order, two digits without a power between them)."""
    if not text or any(ch not in DIGITS and ch not in POWERS for ch in text):
        return None
    if not any(ch in POWERS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))  # '三', '二〇一六': digit by digit
    total, digit, last_power, zero = 0, None, 10_000, False
    for ch in text:
        if ch in POWERS:
            power = POWERS[ch]
            if power >= last_power:
                return None  # '十十', '十百': powers only fall
            # '十二' and '拾贰' open on their power: one ten; elsewhere a power needs its digit
            if digit is None and total and not zero:
                return None
            total += (1 if digit is None else digit) * power
            digit, last_power, zero = None, power, False
        elif DIGITS[ch] == 0:
            if digit is not None or zero:
                return None  # '二零十': a zero only stands between a power and a digit
            zero = True
        elif digit is not None:
            return None  # '二三十'
        else:
            digit = DIGITS[ch]
    if digit is not None and 10 < last_power < 10_000 and not zero:
        return None  # '一百五' says 150 in speech, 105 as written: not guessed
    return total + (digit or 0)


def chinese_count(text: str) -> int | None:
    """A count as prose writes it before its measure word ('三辆', '壹辆', '十二台'): as
    `chinese_integer`, except that two digits side by side are an estimate ('三四辆', '一两台': three
    or four), not a number."""
    if len(text) > 1 and not any(ch in POWERS for ch in text):
        return None
    return chinese_integer(text)
