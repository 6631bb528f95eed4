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
        self.index: Index | None = None  # built at the first question a search would answer by reading a long text

    def __call__(self, start: int, end: int) -> bool:
        text, d = self.text, self.shift
        if end <= start:
            return False
        if (start, end) in self.unique:
            return True
        q = text[start:end]
        if d and start + d >= 0 and text.startswith(q, start + d):
            return False
        if len(text) >= INDEX_MIN:  # a search would read the whole text to prove q unique
            if self.index is None:
                self.index = Index(text)
            found = self.index.find_all(q, stop=2)
            if found is not None:
                if found == [start]:
                    self.unique.add((start, end))
                    return True
                self.shift = next(p for p in found if p != start) - start
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


INDEX_MIN = 200_000
"""Texts at least this long (characters) get an Index when many quotes are looked up in them."""


class Index:
    """Every occurrence of a quote in one long text without searching all of it: the text's K-character windows
    are hashed once (numpy, the pandas dependency), sorted, and a quote's occurrences are the positions of its
    rarest window, each compared in full. Exact: equal strings hash alike, and every candidate is compared.

    Proving a quote unique by search reads the whole text; 2,000 quotes of an 8 MB text are 2,000 reads, seconds
    at every validation (issue 22). Here one costs a few binary searches and the comparisons of its candidates.
    """

    K = 8
    LIMIT = 4096  # a quote whose rarest window occurs more often is searched for instead (a repetitive text)
    _B = 0x9E3779B97F4A7C15  # odd: multiplication by it mixes every character into every bit position

    def __init__(self, text: str):
        import numpy as np

        self.np, self.text = np, text
        self.hashes = self._windows(text)
        self.order = np.argsort(self.hashes, kind="stable")
        self.sorted = self.hashes[self.order]

    def _windows(self, s: str):
        np = self.np
        codes = np.frombuffer(s.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
        m = len(codes) - self.K + 1
        h = np.zeros(max(m, 0), dtype=np.uint64)
        if m <= 0:
            return h
        b = np.uint64(self._B)
        for t in range(self.K):  # uint64 arithmetic wraps (mod 2**64) without a warning for arrays
            h = h * b + codes[t : t + m]
        return h

    def find_all(self, q: str, stop: int | None = None) -> list[int] | None:
        """The starts of q in the text (overlapping ones too), in order, the first `stop` of them when given;
        None when the index cannot tell cheaply (q shorter than K, or only common windows) and a search must."""
        np = self.np
        if len(q) < self.K:
            return None
        hq = self._windows(q)
        offsets = np.arange(len(hq))
        if len(hq) > 64:  # enough windows to find a rare one
            offsets = np.linspace(0, len(hq) - 1, 64).astype(np.int64)
            hq = hq[offsets]
        lo = np.searchsorted(self.sorted, hq, "left")
        hi = np.searchsorted(self.sorted, hq, "right")
        j = int(np.argmin(hi - lo))
        if hi[j] - lo[j] > self.LIMIT:
            return None
        text, found = self.text, []
        for p in (np.sort(self.order[lo[j] : hi[j]]) - offsets[j]).tolist():
            if p >= 0 and text.startswith(q, p):
                found.append(p)
                if stop is not None and len(found) >= stop:
                    break
        return found


def locate(text: str, needle: str, index: Index | None = None) -> tuple[int, int]:
    """(where needle first occurs or -1, occurrences(text, needle)): by the index when it can tell."""
    found = index.find_all(needle, stop=2) if index is not None and needle else None
    if found is None:
        return text.find(needle), occurrences(text, needle)
    if len(found) <= 1:
        return (found[0] if found else -1), len(found)
    return found[0], occurrences(text, needle)  # the count of a repeated quote, as the message has always said
