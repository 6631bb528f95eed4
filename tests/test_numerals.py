"""find_number searches with str.find (fast for thousands of distinct values); a regex per value is its oracle."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import numerals


def digits_pattern(value: float) -> re.Pattern:
    """The value's digits as a text may write them: ASCII or full-width, thousands separated or not."""
    whole, _, frac = numerals.arabic(value).partition(".")

    def one(c: str) -> str:
        return f"[{c}{chr(ord(c) + 0xFEE0)}]"

    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    body = "[,，]?".join("".join(one(c) for c in g) for g in groups)
    if frac:
        body += "[.．]" + "".join(one(c) for c in frac)
    return re.compile(rf"(?<![0-9０-９.．]){body}(?![0-9０-９]|[.．][0-9０-９])")


def oracle(text: str, value: float, start: int = 0, stop: int | None = None) -> int | None:
    """The first occurrence of value's digits not inside a longer number, or of a Chinese numeral form."""
    stop = len(text) if stop is None else min(stop, len(text))
    found = []
    m = digits_pattern(value).search(text, start, stop)  # not a slice: the character before start still counts
    if m:
        found.append(m.start())
    if float(value).is_integer():
        found += [i for form in numerals.chinese(int(value)) if (i := text.find(form, start, stop)) >= 0]
    return min(found) if found else None


def length_oracle(text: str, pos: int, value: float) -> int:
    m = digits_pattern(value).match(text, pos)
    if m:
        return m.end() - pos
    forms = sorted(numerals.chinese(int(value)), key=len, reverse=True) if float(value).is_integer() else []
    return next((len(f) for f in forms if text.startswith(f, pos)), 0)


TEXT = st.text(alphabet="0123456789.,个一二十两年１２０，．", max_size=14)
VALUE = st.one_of(
    st.integers(0, 120),
    st.sampled_from([1000, 1200, 12000, 1234567, 10200]),
    st.floats(0, 30, allow_nan=False).map(lambda x: round(x, 1)),
)


@settings(max_examples=2000, deadline=None)
@given(
    TEXT,
    VALUE,
    st.integers(0, 3),
    st.one_of(st.none(), st.integers(0, 16)),
)
def test_find_number_agrees_with_the_regex_oracle(text, value, start, stop):
    assert numerals.find_number(text, value, start, stop) == oracle(text, value, start, stop)


def test_a_number_inside_a_longer_number_is_not_found():
    assert numerals.find_number("共110个,其中10个", 10) == 8
    assert numerals.find_number("增长1.5倍", 5) is None and numerals.find_number("增长5.", 5) == 2


@settings(max_examples=2000, deadline=None)
@given(TEXT, VALUE, st.integers(0, 14))
def test_written_length_agrees_with_the_regex_oracle(text, value, pos):
    assert numerals.written_length(text, pos, value) == length_oracle(text, pos, value)


def test_full_width_and_separated_digits_are_found():
    assert numerals.find_number("共１２个", 12) == 1
    assert numerals.find_number("投入1，200万元", 1200) == 2
    assert numerals.find_number("投入1,200万元", 1200) == 2 and numerals.written_length("投入1,200万元", 2, 1200) == 5
