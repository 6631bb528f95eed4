"""Find every number in a source text and every place where a deleted number belonged.

The scanner is deliberately greedy: a test requires each finding to be covered by a curated
figure or by an entry of data/scan_exclusions.yaml that gives a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from loaders.models import NUMBER_MISSING

# A number is missing where a measure word or unit follows text that cannot end a number.
UNITS = ("万元", "元", "平方米", "余次", "多次", "余名", "多名", "余件", "余人", "多个", "名", "个", "项", "家", "处")
# Characters that legitimately stand before a measure word without any number.
NUMBER_LIKE = set("0123456789０１２３４５６７８９零一二三四五六七八九十百千万亿两几多余每各数半整这那某哪该本此其逐单")
# Words in which a measure word is no measure word at all (项目 = project, 个人 = individual ...).
NOT_MEASURE = (
    "项目",
    "个人",
    "个性",
    "个体",
    "名义",
    "名称",
    "名单",
    "名片",
    "家庭",
    "家门",
    "处理",
    "处置",
    "元素",
    "事项",
    "单元",
    "多元",
    "专项",
    "分项",
    "实处",
)
DIGITS = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?")
YEAR_SLOT = re.compile(r"(?:^|(?<=[\n,，。;；、]))年(?=[0-9,，市])", re.M)


@dataclass(frozen=True)
class Finding:
    kind: str  # "digits" or "slot"
    start: int  # digits: where they start; slot: where the missing number belongs
    text: str  # the digits, or the measure word that lost its number
    context: str

    def describe(self) -> str:
        what = f"digits {self.text!r}" if self.kind == "digits" else f"missing number before {self.text!r}"
        return f"offset {self.start}: {what} in …{self.context}…"


def _context(text: str, pos: int, width: int = 12) -> str:
    return text[max(0, pos - width) : pos + width].replace("\n", " ")


def scan(text: str) -> list[Finding]:
    """Every digit run and every deleted-number slot, in text order."""
    found = [Finding("digits", m.start(), m.group(), _context(text, m.start())) for m in DIGITS.finditer(text)]
    unit_re = re.compile("|".join(re.escape(u) for u in UNITS))
    for m in unit_re.finditer(text):
        pos = m.start()
        prev = text[pos - 1] if pos else "\n"
        if prev in NUMBER_LIKE:
            continue
        if any(text.startswith(w, pos) or text.startswith(w, pos - len(w) + 1) for w in NOT_MEASURE):
            continue
        found.append(Finding("slot", pos, m.group(), _context(text, pos)))
    for m in YEAR_SLOT.finditer(text):
        found.append(Finding("slot", m.start(), "年", _context(text, m.start())))
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
