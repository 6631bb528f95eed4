"""Words of a Chinese text by a segmenter (jieba, dictionary only), loaded once per process.

The recogniser's rules read a few characters around a measure word; the segmenter reads the words.
It tells a measure word standing where a number should be (清理杂物|吨, 调研报告|篇) from the same
character inside a word (在家, 家家, 首个, 多个, 联系户): the recogniser asks it for a second opinion
on measure words no rule has placed (loaders.recognise.segmenter_slots).

jieba 0.42.1 ships its dictionary (349,046 words) in the package; `HMM=False` keeps the cut to that
dictionary (no guessed words), so the same text always gives the same words. Loading costs about
0.4 s to import and 0.9 s to read the dictionary (cached by jieba in the temporary folder), once per
process; a 20 KB text then takes about 0.06 s.
"""

from __future__ import annotations

import functools
import logging

# A text longer than this is not segmented (its second opinion is skipped, the rules still run):
# the genre's articles are under 20,000 characters, and the segmenter costs about 3 s per MB.
MAX_CHARS = 200_000


@functools.cache
def _tokenizer():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    tokenizer.tokenizer.initialize()
    return tokenizer


@functools.lru_cache(maxsize=8)  # the drafter and the completeness scan read the same text in turn
def words(text: str) -> tuple[tuple[int, str, str], ...] | None:
    """(start, word, part-of-speech tag) of every word of a whole text, in order; None for a text too long."""
    return cut(text) if len(text) <= MAX_CHARS else None


def cut(phrase: str) -> tuple[tuple[int, str, str], ...]:
    """The words of a short phrase, not cached (a place name's stem, the words inside a slogan): so that many
    small lookups do not push the whole text's words out of `words`' cache."""
    out = []
    pos = 0
    for pair in _tokenizer().cut(phrase, HMM=False):
        out.append((pos, pair.word, pair.flag))
        pos += len(pair.word)
    return tuple(out)


def frequency(word: str) -> int:
    """How often word occurs in the segmenter's dictionary corpus (0 for no word)."""
    return _tokenizer().tokenizer.FREQ.get(word) or 0
