"""How a figure can be written in the text: Arabic digits or Chinese numerals."""

from __future__ import annotations

import functools

_DIGITS = "零一二三四五六七八九"
_ARABIC = "0123456789"
_ARABIC_BEFORE = _ARABIC + "."


def _digit_follows(text: str, end: int, stop: int) -> bool:
    """A digit, or a decimal point and a digit, at text[end] (before stop): the number written there goes on."""
    if end >= stop:
        return False
    c = text[end]
    return c in _ARABIC or (c == "." and end + 1 < stop and text[end + 1] in _ARABIC)


def chinese(n: int) -> list[str]:
    """Chinese numeral spellings of 0 <= n < 10000 (两 for 2 included)."""
    return list(_chinese(n))


@functools.lru_cache(maxsize=4096)
def _chinese(n: int) -> tuple[str, ...]:
    if n < 0 or n >= 10000:
        return ()
    if n == 0:
        return ("零",)
    out = ""
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero_pending = False
    for size, name in units:
        d, n = divmod(n, size)
        if d:
            if zero_pending and out:
                out += "零"
            zero_pending = False
            out += _DIGITS[d] + name
        elif out:
            zero_pending = True
    forms = [out]
    if out.startswith("一十"):
        forms.append(out[1:])  # 十二, not 一十二
    if out == "二":
        forms.append("两")
    return tuple(forms)


def arabic(value: float) -> str:
    """The digits a value is written with: 18 -> '18', 6.5 -> '6.5'."""
    if float(value).is_integer():
        return str(int(value))
    return format(value, "g")


def find_number(text: str, value: float, start: int = 0, stop: int | None = None) -> int | None:
    """Offset of the first full occurrence of value (digits or numeral) in text[start:stop], else None.

    stop: search as if the text ended there (without copying text[:stop]).
    """
    stop = len(text) if stop is None else min(stop, len(text))
    best = None
    digits = arabic(value)
    # str.find, not a regex per value: with thousands of distinct values re's cache thrashes (bench/).
    i = text.find(digits, start, stop)
    while i >= 0:
        if not (i and text[i - 1] in _ARABIC_BEFORE) and not _digit_follows(text, i + len(digits), stop):
            best = i
            break
        i = text.find(digits, i + 1, stop)
    if float(value).is_integer():
        for form in _chinese(int(value)):
            i = text.find(form, start, stop)
            if i >= 0 and (best is None or i < best):
                best = i
    return best


def number_at(text: str, pos: int, value: float) -> bool:
    """Whether value is written exactly at text[pos]."""
    digits = arabic(value)
    if text.startswith(digits, pos):
        end = pos + len(digits)
        return not (
            end < len(text) and (text[end].isdigit() or (text[end] == "." and text[end + 1 : end + 2].isdigit()))
        )
    if float(value).is_integer():
        return any(text.startswith(form, pos) for form in _chinese(int(value)))
    return False
