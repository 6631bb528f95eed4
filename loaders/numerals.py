"""How a figure can be written in the text: Arabic digits or Chinese numerals."""

from __future__ import annotations

import functools

_DIGITS = "零一二三四五六七八九"
SCALES = {"万": 10_000, "亿": 100_000_000}
"""Multipliers written inside a unit (万元, 亿元): the one table the loader, the drafter and the scan use."""


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
    if out in ("一百", "一千"):
        forms.append(out[1:])  # 千余名: a round thousand
    if out == "二":
        forms.append("两")
    return tuple(forms)


def arabic(value: float) -> str:
    """The digits a value is written with: 18 -> '18', 6.5 -> '6.5'."""
    if float(value).is_integer():
        return str(int(value))
    return format(value, "g")


_TO_ASCII = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)} | {"，": ",", "．": "."})
"""Full-width digits, comma and point to ASCII: one character for one, so offsets stay the same."""

_DIGIT = frozenset("0123456789")


@functools.lru_cache(maxsize=16)
def _ascii(text: str) -> str:
    """text with full-width digits and separators in ASCII (a few source texts are asked about in turn: a long one
    is translated once, not again for each of its figures, which made validation quadratic; issue 22)."""
    return text.translate(_TO_ASCII) if len(text) < 4096 else _ascii_long(text)


@functools.lru_cache(maxsize=4)  # source texts only: quotes, asked about in between, would push them out
def _ascii_long(text: str) -> str:
    return text.translate(_TO_ASCII)


@functools.lru_cache(maxsize=65536)
def _forms(value: float) -> tuple[str, ...]:
    """Every way the value's digits may be written, in ASCII: thousands separated at any group or not.

    6.5 -> ('6.5',); 12345 -> ('12345', '12,345'). The text is compared after _ascii, so 1２，345 counts too.
    """
    whole, _, frac = arabic(value).partition(".")
    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    forms = [groups[0]]
    for g in groups[1:]:
        forms = [f + g for f in forms] + [f + "," + g for f in forms]
    return tuple(f + "." + frac if frac else f for f in forms)


def _alone(t: str, i: int, j: int, stop: int) -> bool:
    """Whether t[i:j] is a whole number: no digit or point before it, no digit or point-and-digit after it."""
    if i > 0 and (t[i - 1] in _DIGIT or t[i - 1] == "."):
        return False
    return not (j < stop and (t[j] in _DIGIT or (t[j] == "." and j + 1 < stop and t[j + 1] in _DIGIT)))


def _find_digits(text: str, value: float, start: int, stop: int) -> int | None:
    t = _ascii(text)
    best = None
    for form in _forms(value):
        i = t.find(form, start, stop)
        while i >= 0 and (best is None or i < best):
            if _alone(t, i, i + len(form), stop):
                best = i
                break
            i = t.find(form, i + 1, stop)
    return best


def find_number(text: str, value: float, start: int = 0, stop: int | None = None) -> int | None:
    """Offset of the first full occurrence of value (digits or numeral) in text[start:stop], else None.

    Digits may be ASCII or full-width and thousands separated (, or ，). stop: search as if the text ended
    there (without copying text[:stop]); the character before start still counts. str.find, not a regex per
    value: with 100,000 figures there are more distinct values than any pattern cache holds (bench/changes.md).
    """
    stop = len(text) if stop is None else min(stop, len(text))
    best = _find_digits(text, value, start, stop)
    if float(value).is_integer():
        for form in _chinese(int(value)):
            i = text.find(form, start, stop)
            if i >= 0 and (best is None or i < best):
                best = i
    return best


def number_at(text: str, pos: int, value: float) -> bool:
    """Whether value is written exactly at text[pos]."""
    return written_length(text, pos, value) > 0


def written_length(text: str, pos: int, value: float) -> int:
    """Length of value as written at text[pos] (digits or numeral); 0 if it is not written there."""
    t = _ascii(text)
    for form in _forms(value):
        if t.startswith(form, pos) and _alone(t, pos, pos + len(form), len(t)):
            return len(form)
    if float(value).is_integer():
        for form in sorted(chinese(int(value)), key=len, reverse=True):
            if text.startswith(form, pos):
                return len(form)
    return 0
