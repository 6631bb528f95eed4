"""Figures as a reader sees them: the value as written, the display table, downloads, source notes."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlencode

import pandas as pd

from loaders import derive, numerals
from loaders.filters import MARKDOWN_SPECIAL, Filters, to_params
from loaders.i18n import GAP_MARK, both, qualifier_label, status_label, t

SYMBOLS = {"exact": "", "at_least": "≥", "more_than": ">", "at_most": "≈ ≤", "range": ""}
"""How a qualifier is written before a number (at_most is the text's 近 'nearly', so ≈ ≤)."""
GAPS = ("blank", "partial", "missing_section")
"""Statuses whose number the source does not give in full."""
DISPLAY_COLUMNS = [
    "id",
    "city",
    "label",
    "written",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "status",
    "type",
    "quote",
    "note",
    "reader",
]


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _num(v) -> str:
    return numerals.arabic(float(v))


def written(row: Mapping) -> str:
    """The figure as the text writes it: '≥ 10 万元', '1–3 名', '【?】 名' (deleted), '> 【?】0 件' (cut)."""
    status, qualifier = row["status"], row["qualifier"]
    digits = row.get("digits_shown")
    if status in GAPS:
        number = GAP_MARK + ("" if _missing(digits) else str(digits))
    elif qualifier == "range":
        number = f"{_num(row['low'])}–{_num(row['high'])}"
    else:
        number = _num(row["value"])
    unit = row.get("unit")
    parts = [SYMBOLS.get(qualifier, ""), number, "" if _missing(unit) else str(unit)]
    return " ".join(p for p in parts if p)


def gap_note(status: str, lang: str) -> str:
    """'' for a reported figure; 'not in source' for a deleted one or a missing section; 'digits cut'."""
    if status == "partial":
        return t("digits_cut", lang)
    if status in GAPS:
        return t("not_in_source", lang)
    return ""


def shown(row: Mapping, lang: str) -> str:
    """Value as written, with the gap spelt out: '【?】 名 (not in source)'."""
    note = gap_note(row["status"], lang)
    return f"{written(row)} ({note})" if note else written(row)


def label(row: Mapping, lang: str) -> str:
    """The figure's label in lang, the other language after it."""
    return both({"zh": row["label_zh"], "en": row["label_en"]}, lang)


def reader_link(filters: Filters, figure: str) -> str:
    """Relative address of the Source reader opened at a figure, keeping the current filters."""
    return "reader?" + urlencode(to_params(replace(filters, figure=figure, notices=())))


def display(df: pd.DataFrame, cities: dict, types: dict, lang: str, filters: Filters | None = None) -> pd.DataFrame:
    """The tidy frame as people read it: labels in lang, value as written, numbers left blank (never 0)."""
    f = filters or Filters(lang=lang)
    records = df.to_dict(orient="records")
    out = pd.DataFrame(
        {
            "id": df["id"].astype("string").to_numpy(),
            "city": [both(cities[r["city"]], lang) for r in records],
            "type": [both(types[r["type"]], lang) for r in records],
            "label": [label(r, lang) for r in records],
            "written": [shown(r, lang) for r in records],
            "value": df["value"].to_numpy(),
            "low": df["low"].to_numpy(),
            "high": df["high"].to_numpy(),
            "unit": df["unit"].to_numpy(),
            "qualifier": [qualifier_label(r["qualifier"], lang) for r in records],
            "status": [status_label(r["status"], lang) for r in records],
            "quote": df["quote"].to_numpy(),
            "note": df["note"].to_numpy(),
            "reader": [reader_link(f, r["id"]) for r in records],
        },
        columns=DISPLAY_COLUMNS,
    )
    for col in ("value", "low", "high"):
        out[col] = out[col].astype("Float64")
    for col in ("id", "city", "type", "label", "written", "unit", "qualifier", "status", "quote", "note", "reader"):
        out[col] = out[col].astype("string")
    return out


def columns(lang: str, keep: list[str] | None = None) -> dict[str, dict]:
    """Column settings for st.column_config, as plain data: kind ('text', 'number', 'link') plus kwargs."""
    spec = {
        "id": {"kind": "text", "label": "id", "pinned": True, "width": 200},
        "city": {"kind": "text", "label": t("city", lang), "width": 150},
        "type": {"kind": "text", "label": t("type", lang), "width": 160},
        "label": {"kind": "text", "label": t("col_label", lang), "width": 300},
        "written": {"kind": "text", "label": t("col_written", lang), "help": t("col_written_help", lang), "width": 190},
        "value": {"kind": "number", "label": t("col_value", lang), "format": "%g", "help": t("col_value_help", lang)},
        "low": {"kind": "number", "label": t("col_low", lang), "format": "%g"},
        "high": {"kind": "number", "label": t("col_high", lang), "format": "%g"},
        "unit": {"kind": "text", "label": t("col_unit", lang), "help": t("col_unit_help", lang)},
        "qualifier": {"kind": "text", "label": t("qualifier", lang)},
        "status": {"kind": "text", "label": t("status", lang), "width": 170},
        "quote": {"kind": "text", "label": t("col_quote", lang), "help": t("col_quote_help", lang), "width": 360},
        "note": {"kind": "text", "label": t("col_note", lang), "width": 240},
        "reader": {"kind": "link", "label": t("col_reader", lang), "display_text": t("open_reader", lang)},
    }
    return {k: dict(spec[k]) for k in DISPLAY_COLUMNS if keep is None or k in keep}


def export_json(df: pd.DataFrame) -> str:
    """The tidy table as a JSON array; a missing number is null, never 0."""
    return json.dumps(derive.export_records(df), ensure_ascii=False, indent=1)


def downloads(filtered: pd.DataFrame, full: pd.DataFrame, lang: str) -> list[dict]:
    """The four files the Data page offers: filtered and full table, each as CSV and JSON."""
    out = []
    for scope, df in (("filtered", filtered), ("full", full)):
        for fmt, data, mime in (
            ("csv", derive.export_csv(df), "text/csv"),
            ("json", export_json(df), "application/json"),
        ):
            out.append(
                {
                    "key": f"download_{scope}_{fmt}",
                    "label": t(f"download_{scope}_{fmt}", lang).format(n=len(df)),
                    "data": data.encode("utf-8"),
                    "file_name": f"figures_{scope}.{fmt}",
                    "mime": mime,
                }
            )
    return out


def source_notes(sources: dict, lang: str) -> list[list[tuple[str, str]]]:
    """Per source: (field, text) pairs for title, language, masking note and deletion note."""
    other = "en" if lang == "zh" else "zh"
    out = []
    for src in sources.values():
        out.append(
            [
                (t("source_title", lang), src[f"title_{lang}"]),
                ("", src[f"title_{other}"]),
                (t("source_language", lang), src["language"]),
                (t("masking_note", lang), src[f"masking_note_{lang}"]),
                (t("deletion_note", lang), src[f"deletion_note_{lang}"]),
            ]
        )
    return out


def definition_list(pairs: list[tuple[str, str]]) -> str:
    """(field, text) pairs as an escaped HTML <dl>; an empty field continues the previous entry."""
    parts = ['<dl style="margin:0;padding:0">']
    for key, value in pairs:
        if key:
            parts.append(f'<dt style="font-weight:600;margin-top:.5em">{html.escape(key)}</dt>')
        parts.append(f'<dd style="margin:0;padding:0">{html.escape(value)}</dd>')
    parts.append("</dl>")
    return "".join(parts)


def md(text: str) -> str:
    """Data text made inert for st.markdown/st.header: every Markdown-special character backslash-escaped."""
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in text)
