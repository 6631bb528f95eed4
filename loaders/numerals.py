"""How a figure can be written in the text: Arabic digits or Chinese numerals."""

from __future__ import annotations

import functools
import re

_DIGITS = "零一二三四五六七八九"


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


@functools.lru_cache(maxsize=4096)
def _digits(value: float) -> re.Pattern:
    """The value's digits as the text may write them: ASCII or full-width, thousands separated or not."""
    whole, _, frac = arabic(value).partition(".")

    def one(c: str) -> str:
        return f"[{c}{chr(ord(c) + 0xFEE0)}]"

    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    body = "[,，]?".join("".join(one(c) for c in g) for g in groups)
    if frac:
        body += "[.．]" + "".join(one(c) for c in frac)
    return re.compile(rf"(?<![0-9０-９.．]){body}(?![0-9０-９]|[.．][0-9０-９])")


def find_number(text: str, value: float, start: int = 0, stop: int | None = None) -> int | None:
    """Offset of the first full occurrence of value (digits or numeral) in text[start:stop], else None.

    stop: search as if the text ended there (without copying text[:stop]).
    """
    stop = len(text) if stop is None else min(stop, len(text))
    best = None
    m = _digits(value).search(text, start, stop)
    if m:
        best = m.start()
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
    m = _digits(value).match(text, pos)
    if m and (pos == 0 or not ("0" <= text[pos - 1] <= "9" or "０" <= text[pos - 1] <= "９")):
        return m.end() - pos
    if float(value).is_integer():
        for form in sorted(chinese(int(value)), key=len, reverse=True):
            if text.startswith(form, pos):
                return len(form)
    return 0
