"""Labels that arrive filled: a drafted Chinese label without fragments, an English one from the glossary.

A drafted label_zh is a noun phrase a curator can keep: brackets balanced, no measure word left over from the
number, never a number, a percentage or one character, never a bare place word. When the phrase the rules found
is none of that, the next candidate is tried; when none is, the label says it must be written (and why).

label_en comes from the glossary: the registry's (`glossary:` in data/metrics.yaml, curated by hand) and the
one learnt from the Curate page (data/glossary.yaml, every English label a curator saved; curation/glossary.py
writes it). The registry's entry wins where both have one.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path

from loaders import glossary as learnt

OPEN_CLOSE = {"【": "】", "(": ")", "（": "）", "《": "》", "“": "”", "[": "]", "〔": "〕", "「": "」", "『": "』"}
BRACKETS = set(OPEN_CLOSE) | set(OPEN_CLOSE.values())
MEASURE_WORDS = set("个名项家处类条级所支座批位台套栋幢间篇份册本期轮种组队户场件次人余多")
"""Measure words (and 余/多 'more than'): left at either end of a phrase, they belong to the number."""
PLACE_WORDS = {"全省", "全市", "全区", "全县", "全镇", "全街道", "街道", "社区", "本市", "本区", "我市", "我区", "各地"}
"""Words that name where, not what: never a label on their own."""
NUMBERISH = re.compile(
    r"^[\d.,，%％‰万亿千百十余多约近超过以上下第\s]*[\d一二三四五六七八九十百千万两零〇]+[\d.%％‰万亿千百]*[\D]?$"
)
TO_WRITE = "（待写）"
"""The label of a proposal whose phrase was unusable: visibly a placeholder, and the reason says so."""


def balanced(label: str) -> bool:
    stack = []
    for ch in label:
        if ch in OPEN_CLOSE:
            stack.append(OPEN_CLOSE[ch])
        elif ch in BRACKETS and (not stack or stack.pop() != ch):
            return False
    return not stack


def acceptable(label: str) -> bool:
    """A label a curator can keep: balanced, at least two characters, not a number, not a bare place word."""
    s = label.strip()
    return (
        len(s) >= 2
        and balanced(s)
        and not NUMBERISH.match(s)
        and s not in PLACE_WORDS
        and not any(ch.isdigit() for ch in s[:1])
    )


def tidy(label: str) -> str:
    """The label without bracket fragments: 个【社区党支 -> 社区党支 (a measure word alone is then too short to keep,
    and a measure word at an end is left alone: 组, 队, 所 end many nouns, 项目 and 家庭 start some)."""
    s = (label or "").strip()
    if not balanced(s):  # keep the longest piece between stray brackets
        pieces = [p for p in re.split("[" + re.escape("".join(sorted(BRACKETS))) + "]", s) if p.strip()]
        s = max(pieces, key=len) if pieces else ""
    if len(s) >= 2 and s[0] in MEASURE_WORDS and s[1] in "余多":  # 余人 left of 300余人: the number's, not a noun
        s = s[2:]
    return s.strip()


def settle(candidates: Iterable[str], why: str) -> tuple[str, str]:
    """The first candidate that tidies into an acceptable label, with why; else the placeholder and the reason."""
    candidates = list(candidates)
    for i, c in enumerate(candidates):
        t = tidy(c)
        if acceptable(t):
            return t, why if i == 0 and t == c else (why or f"label: tidied from {c!r}")
    first = candidates[0] if candidates else ""
    return TO_WRITE, f"label: no usable noun phrase near the number (the rules found {first!r}): write one"


def known(metrics_file: Path) -> dict[str, str]:
    """zh -> en from the registry's glossary and the learnt one (the registry's wins)."""
    return {**learnt.read(Path(metrics_file)).entries, **learnt.registry(Path(metrics_file))}


def with_glossary(ctx, metrics_file: Path):
    """The drafter's context with the learnt glossary under the registry's."""
    return dataclasses.replace(ctx, glossary={**learnt.read(Path(metrics_file)).entries, **ctx.glossary})
