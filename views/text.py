"""Text around a figure and text made safe: the one sentence splitter, paragraph bounds, escaping."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from loaders.filters import MARKDOWN_SPECIAL
from loaders.models import NUMBER_MISSING, codepoint
from views.i18n import GAP_MARK

SENTENCE_END = "。！？；!?;\n"
"""Where a sentence ends (the mark is kept with it; a line break ends it too, and is not kept)."""
_SENTENCE_CODES = np.array([ord(ch) for ch in SENTENCE_END], dtype=np.uint32)
_NEWLINE = ord("\n")


def _between(stops: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per (lo, hi): the offset after the last stop before lo, and the first stop at or after hi."""
    return stops[np.searchsorted(stops, lo) - 1] + 1, stops[np.searchsorted(stops, hi)]


@dataclass(frozen=True)
class Around:
    """Where each row's figure sits in its source: its text, sentence bounds and paragraph bounds.

    The sentence holding text[start:end] runs from after the previous SENTENCE_END mark to the next one
    (kept, unless it is a line break); the paragraph is the source line(s) holding it. Found for all rows
    at once: the texts of the frame are joined, each after a line break (a stop for both: it ends the text
    before and starts this one), and each figure's bounds are a bisection among the stops of all of them.
    tests/oracles.py has the plain one-figure-at-a-time definitions these are checked against.
    """

    texts: list[str]
    sentence: list[tuple[int, int]]
    paragraph: list[tuple[int, int]]

    @classmethod
    def of(cls, df: pd.DataFrame, texts: dict[str, str]) -> Around:
        """df: rows with source, start, end (quote offsets)."""
        sources = df["source"].tolist()
        order = list(dict.fromkeys(sources))
        sizes = np.array([len(texts[sid]) for sid in order], dtype=np.int64)
        base = dict(zip(order, (np.cumsum(sizes + 1) - sizes).tolist(), strict=True))  # each text's first offset
        codes = np.frombuffer("".join("\n" + texts[sid] for sid in order).encode("utf-32-le"), dtype=np.uint32)
        codes = np.append(codes, np.uint32(_NEWLINE))  # a stop after the last text as well
        shift = np.array([base[sid] for sid in sources], dtype=np.int64)
        a, b = df["start"].to_numpy(dtype=np.int64) + shift, df["end"].to_numpy(dtype=np.int64) + shift
        newline = codes == _NEWLINE
        s_s, s_e = _between(np.flatnonzero(newline | np.isin(codes, _SENTENCE_CODES)), a, np.maximum(a, b))
        s_e = s_e + ~newline[s_e]  # keep the closing punctuation, not a line break (nor the end of the text)
        p_s, p_e = _between(np.flatnonzero(newline), a, b)
        s_s, s_e, p_s, p_e = ((x - shift).tolist() for x in (s_s, s_e, p_s, p_e))
        return cls(
            [texts[sid] for sid in sources],
            list(zip(s_s, s_e, strict=True)),
            list(zip(p_s, p_e, strict=True)),
        )

    def sentences(self) -> list[str]:
        """Each row's sentence, verbatim."""
        return [text[s:e] for text, (s, e) in zip(self.texts, self.sentence, strict=True)]

    def contexts(self, df: pd.DataFrame) -> list[str]:
        """Each row's sentence, GAP_MARK where its number was deleted (a cut number's digits follow it)."""
        at, status = df["at"].tolist(), df["status"].astype("object").tolist()
        return [
            text[s:a] + GAP_MARK + text[a:e] if st in NUMBER_MISSING else text[s:e]
            for text, (s, e), a, st in zip(self.texts, self.sentence, at, status, strict=True)
        ]

    def snippets(self, df: pd.DataFrame, width: int = 18) -> list[str]:
        """A few characters either side of each figure, within its sentence: '…配备*建指导员【?】名、社区…'."""
        out = []
        at, at_end, status = df["at"].tolist(), df["at_end"].tolist(), df["status"].astype("object").tolist()
        for text, (s, e), a, z, st in zip(self.texts, self.sentence, at, at_end, status, strict=True):
            lo, hi = max(s, a - width), min(e, z + width)
            mark = GAP_MARK if st in NUMBER_MISSING else ""
            out.append(("…" if lo > s else "") + text[lo:a] + mark + text[a:hi] + ("…" if hi < e else ""))
        return out


def sentence(text: str, start: int, end: int | None = None) -> str:
    """The sentence of text holding text[start:end] (Around's bounds), without surrounding white space."""
    one = pd.DataFrame({"source": ["text"], "start": [start], "end": [start if end is None else end]})
    return Around.of(one, {"text": text}).sentences()[0].strip()


def md(text: str) -> str:
    """Data text made inert for st.markdown/st.header: every Markdown-special character backslash-escaped."""
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in text)


SHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""The characters of loaders.models.HIDDEN but tab and line ends (ordinary in a text): invisible, or reordering."""


def visible(escaped: str) -> str:
    """Escaped HTML of a verbatim text with each control character or bidirectional override drawn as ⟨U+202E⟩.

    The text keeps the character (texts stay verbatim); the page shows that it is there instead of letting it
    hide or reverse what follows."""

    def mark(m: re.Match) -> str:
        code = f"U+{ord(m.group()):04X}"
        return (
            f'<span class="ctl" title="{attr(codepoint(m.group()))}" style="font-size:.8em;color:#b00;'
            f'border:1px solid #b00;border-radius:2px;padding:0 1px">⟨{code}⟩</span>'
        )

    return SHOWN.sub(mark, escaped)


def attr(s: str) -> str:
    """Text made safe inside an HTML attribute value."""
    return html.escape(s, quote=True)


def definition_list(pairs: list[tuple[str, str]]) -> str:
    """(field, text) pairs as an escaped HTML <dl>; an empty field continues the previous entry."""
    parts = ['<dl style="margin:0;padding:0">']
    for key, value in pairs:
        if key:
            parts.append(f'<dt style="font-weight:600;margin-top:.5em">{html.escape(key)}</dt>')
        parts.append(f'<dd style="margin:0;padding:0">{html.escape(value)}</dd>')
    parts.append("</dl>")
    return "".join(parts)
