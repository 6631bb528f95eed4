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


class Once:
    """occurs_once for spans of one text, text[start:end], asked many times as the drafter grows quotes.

    Exact (the same answer as occurs_once), but it remembers where the last repeat was found: a repetitive text
    repeats a growing quote at the same distance step after step, so most answers cost one comparison of the
    quote, not a search of the whole text (2,000 numbers in 8 MB of repeated prose took over ten minutes to draft
    with a search per step; issue 22). The spans it proved unique are remembered too (the drafter's self-check
    asks again).
    """

    def __init__(self, text: str):
        self.text = text
        self.shift = 0  # where the last repeat was, relative to the span asked about; 0: none known
        self.unique: set[tuple[int, int]] = set()

    def __call__(self, start: int, end: int) -> bool:
        text, d = self.text, self.shift
        if end <= start:
            return False
        if (start, end) in self.unique:
            return True
        q = text[start:end]
        if d and start + d >= 0 and text.startswith(q, start + d):
            return False
        first = text.find(q)
        if first != start:
            self.shift = first - start
            return False
        again = text.find(q, start + 1)
        if again >= 0:
            self.shift = again - start
            return False
        self.unique.add((start, end))
        return True
