"""Every answer key of bench/eval/ fits its text: a key that drifts from its text would score the drafter wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from loaders import numerals

EVAL = Path(__file__).resolve().parent.parent / "bench" / "eval"
KEYS = sorted(EVAL.glob("t*.key.yaml"))
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser: ten times faster on these keys


def _text_of(key_file: Path) -> Path:
    return key_file.with_name(key_file.name[: -len(".key.yaml")] + ".txt")


def _lines(doc: str) -> list[int]:
    """The line of each row of `figures:` (1-based), for problems in the house format."""
    root = yaml.compose(doc, Loader=LOADER)
    for k, v in root.value:
        if k.value == "figures":
            return [row.start_mark.line + 1 for row in v.value]
    return []


def key_problems(name: str, text: str, doc: str) -> list[str]:
    """`FILE:LINE: figures[i].field: message` for every row of the key that does not fit the text."""
    key = yaml.load(doc, Loader=LOADER)
    lines = _lines(doc)
    places = {p["id"] for p in key.get("places") or []}
    out = []

    def bad(i: int, field: str, message: str) -> None:
        out.append(f"{name}:{lines[i]}: figures[{i}].{field}: {message}")

    for i, row in enumerate(key["figures"]):
        quote, anchor = row["quote"], row.get("anchor") or ""
        if text.count(quote) != 1:
            bad(i, "quote", f"{quote!r} occurs {text.count(quote)} times in the text, not once")
            continue
        if not quote.startswith(anchor) or (anchor and quote.count(anchor) != 1):
            bad(i, "anchor", f"{anchor!r} must open the quote and occur in it once")
            continue
        if row.get("city") not in places:
            bad(i, "city", f"{row.get('city')!r} is not among the key's places")
        at = text.find(quote) + len(anchor)
        if row["status"] == "blank" and text[at : at + 1].isdigit():
            bad(i, "anchor", f"a digit follows the anchor ({text[at : at + 6]!r}): that number is not blank")
        elif row["status"] == "partial" and not text.startswith(str(row.get("digits_shown")), at):
            bad(i, "digits_shown", f"{row.get('digits_shown')!r} does not follow the anchor")
        elif row["status"] == "reported":
            first = row.get("value", row.get("low"))
            if first is None or not numerals.number_at(text, at, first):
                bad(i, "value", f"the number after the anchor is {text[at : at + 6]!r}, not {first}")
    for j, a in enumerate(key.get("appearances") or []):
        heading = a.get("section_heading")
        if heading and text.count(heading) != 1:  # the validator places a section by its heading: it must be unique
            out.append(f"{name}: appearances[{j}].section_heading: {heading!r} occurs {text.count(heading)} times")
    for j, trap in enumerate(key.get("traps") or []):
        if trap["quote"] not in text:
            out.append(f"{name}: traps[{j}].quote: {trap['quote']!r} is not in the text")
    return out


def test_the_eval_set_has_keys():
    assert len([k for k in KEYS if ".twin." not in k.name]) >= 6


@pytest.mark.parametrize("key_file", KEYS, ids=[k.name for k in KEYS])
def test_every_row_of_a_committed_key_points_at_its_number_in_the_text(key_file):
    text = _text_of(key_file).read_text(encoding="utf-8")
    assert key_problems(key_file.name, text, key_file.read_text(encoding="utf-8")) == []


def test_a_key_row_off_its_text_is_reported_with_file_line_and_field():
    text = "新城社区去年办结诉求35件,另有件正在办理,书记说这里就像一个大家庭。"
    doc = (
        "places:\n  - {id: xc, zh: 新城社区}\n"
        "figures:\n"
        "  - {quote: 办结诉求35件, anchor: 办结诉求, status: reported, value: 53, unit: 件, city: xc}\n"
        "  - {quote: 另有件, anchor: 另有, status: blank, unit: 件, city: xc}\n"
        "  - {quote: 受理诉求40件, anchor: 受理诉求, status: reported, value: 40, unit: 件, city: xc}\n"
        "  - {quote: 另有件, anchor: 另, status: blank, unit: 件, city: elsewhere}\n"
        "traps:\n  - {quote: 大家庭}\n  - {quote: 家门口}\n"
    )
    assert key_problems("t.key.yaml", text, doc) == [
        "t.key.yaml:4: figures[0].value: the number after the anchor is '35件,另有', not 53",
        "t.key.yaml:6: figures[2].quote: '受理诉求40件' occurs 0 times in the text, not once",
        "t.key.yaml:7: figures[3].city: 'elsewhere' is not among the key's places",
        "t.key.yaml: traps[1].quote: '家门口' is not in the text",
    ]


def test_a_section_heading_that_repeats_in_the_text_is_reported():
    doc = "places: [{id: a}]\nappearances: [{place: a, has_section: true, section_heading: 【甲】}]\nfigures: []\n"
    assert key_problems("k.yaml", "【甲】一。\n【甲】二。", doc) == [
        "k.yaml: appearances[0].section_heading: '【甲】' occurs 2 times"
    ]
