"""find_number searches with str.find (fast for thousands of distinct values); a regex is its oracle."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import numerals


def oracle(text: str, value: float, start: int = 0, stop: int | None = None) -> int | None:
    """The first occurrence of value's digits not inside a longer number, or of a Chinese numeral form."""
    text = text if stop is None else text[:stop]
    found = []
    pattern = re.compile(rf"(?<![0-9.]){re.escape(numerals.arabic(value))}(?![0-9]|\.[0-9])")
    m = pattern.search(text, start)  # not a slice: the character before start still counts
    if m:
        found.append(m.start())
    if float(value).is_integer():
        found += [i for form in numerals.chinese(int(value)) if (i := text.find(form, start)) >= 0]
    return min(found) if found else None


@settings(max_examples=2000, deadline=None)
@given(
    st.text(alphabet="0123456789.个一二十两年", max_size=14),
    st.one_of(st.integers(0, 120), st.floats(0, 30, allow_nan=False).map(lambda x: round(x, 1))),
    st.integers(0, 3),
    st.one_of(st.none(), st.integers(0, 16)),
)
def test_find_number_agrees_with_the_regex_oracle(text, value, start, stop):
    assert numerals.find_number(text, value, start, stop) == oracle(text, value, start, stop)


def test_a_number_inside_a_longer_number_is_not_found():
    assert numerals.find_number("共110个,其中10个", 10) == 8
    assert numerals.find_number("增长1.5倍", 5) is None and numerals.find_number("增长5.", 5) == 2
