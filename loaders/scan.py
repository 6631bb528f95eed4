"""Find every number in a source text and every place where a deleted number belonged.

The scanner is deliberately greedy: a test requires each finding to be covered by a curated
figure or by an entry of data/scan_exclusions.yaml that gives a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from loaders import recognise
from loaders.models import NUMBER_MISSING

DIGITS = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?")
MAX_NUMBERS = 20_000
"""Numbers (digit runs and runs of Chinese numerals: number_count) the completeness scan of one text goes through
(the drafter stops at 2,000 figures; a text with more numbers is one to split). Past it the Curate page says so
instead of spending a minute per edit."""


def number_count(text: str) -> int:
    """How many digit runs and runs of Chinese numerals text has (regex counts in C: cheap next to the scan).

    Chinese numerals count too: the recogniser reads each run (第一节 is an ordinal it skips), and a text of half
    a million of them took seconds and hundreds of MB to scan at every edit (issue 22)."""
    return len(DIGITS.findall(text)) + len(recognise.CN_RUN.findall(text))


@dataclass(frozen=True)
class Finding:
    kind: str  # "digits" or "slot"
    start: int  # digits: where they start; slot: where the missing number belongs
    text: str  # the digits, or the measure word that lost its number
    context: str
    skipped_because: str | None = None  # the drafter's rule that finds no figure here, if one does

    def describe(self) -> str:
        what = f"digits {self.text!r}" if self.kind == "digits" else f"missing number before {self.text!r}"
        why = f" (the drafter skips it: {self.skipped_because})" if self.skipped_because else ""
        return f"offset {self.start}: {what} in …{self.context}…{why}"


def _context(text: str, pos: int, width: int = 12) -> str:
    return text[max(0, pos - width) : pos + width].replace("\n", " ")


def scan(text: str) -> list[Finding]:
    """Every digit run and every deleted-number slot, in text order."""
    skips = [m for m in recognise.recognise(text) if m.kind == "skip"]

    reasons: dict[int, str] = {}  # position -> the first skip covering it: linear, not digits x skips
    for m in skips:
        for pos in range(m.start, m.end):
            reasons.setdefault(pos, m.rule)

    def because(pos: int) -> str | None:
        return reasons.get(pos)

    found = [
        Finding("digits", m.start(), m.group(), _context(text, m.start()), because(m.start()))
        for m in DIGITS.finditer(text)
    ]
    # Where deleted numbers belong: the drafter's recogniser decides, so the scan and the draft agree.
    for m in recognise.find_slots(text):
        found.append(Finding("slot", m.at, m.written, _context(text, m.at)))
    return sorted(found, key=lambda f: (f.start, f.kind))


def uncovered(df: pd.DataFrame, texts: dict[str, str], exclusions: list[dict]) -> list[tuple[str, Finding]]:
    """Findings that no curated figure and no exclusion accounts for."""
    out = []
    for sid, text in texts.items():
        rows = df[df["source"] == sid]
        gaps = set(rows.loc[rows["status"].isin(NUMBER_MISSING), "at"].dropna().astype(int))
        spans = []
        for r in rows.itertuples():
            digits = {_digits(v) for v in (r.value, r.low, r.high) if pd.notna(v)}
            if pd.notna(r.digits_shown):
                digits.add(str(r.digits_shown))
            spans.append((int(r.start), int(r.end), digits))
        excluded = []
        for ex in exclusions:
            if ex.get("source") != sid:
                continue
            at = text.find(ex["context"])
            if at >= 0:
                excluded.append((at, at + len(ex["context"]), ex["finding"]))
        for f in scan(text):
            if f.kind == "slot" and f.start in gaps:
                continue
            if f.kind == "digits" and any(s <= f.start < e and f.text in d for s, e, d in spans):
                continue
            if any(s <= f.start < e and f.text == what for s, e, what in excluded):
                continue
            out.append((sid, f))
    return out


def _digits(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else format(v, "g")


def load_exclusions(path) -> list[dict]:
    """Findings that are no figure, each with a reason (data/scan_exclusions.yaml)."""
    import yaml

    with open(path, encoding="utf-8") as fh:
        items = yaml.safe_load(fh) or []
    for i, ex in enumerate(items):
        missing = [k for k in ("source", "context", "finding", "reason") if not ex.get(k)]
        if missing:
            raise ValueError(f"{path}: entry {i} lacks {', '.join(missing)}")
    return items
