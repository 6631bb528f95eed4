"""Where a quote sits in its text: it must occur exactly once, overlapping occurrences included."""

from __future__ import annotations


def occurrences(text: str, needle: str) -> int:
    """How often needle occurs in text, counting overlapping occurrences ('aa' occurs twice in 'aaa').

    str.count counts non-overlapping ones only: a quote made of a repeated phrase can occur twice while
    count() says once, and then it points to two places.
    """
    if not needle:
        return 0
    first = text.find(needle)  # two finds, not a count over the whole text, for most quotes (bench/)
    if first < 0:
        return 0
    if text.find(needle, first + 1) < 0:
        return 1
    return max(2, text.count(needle))


def occurs_once(text: str, needle: str) -> bool:
    """Whether needle occurs in text exactly once: at most two finds, never a count over the whole text (the
    drafter asks this for every step of every quote it grows; counting made a repetitive text quadratic)."""
    first = text.find(needle) if needle else -1
    return first >= 0 and text.find(needle, first + 1) < 0
