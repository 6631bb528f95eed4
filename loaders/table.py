"""Figures as a reader sees them: the value as written, the display table, downloads, source notes."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from urllib.parse import quote_plus, urlencode

import numpy as np
import pandas as pd

from loaders import derive, numerals
from loaders.filters import MARKDOWN_SPECIAL, Filters, to_params
from loaders.i18n import GAP_MARK, both, qualifier_label, status_label, t
from loaders.models import QUALIFIERS, STATUSES

SYMBOLS = {"exact": "", "at_least": "≥", "more_than": ">", "at_most": "≈ ≤", "range": ""}
"""How a qualifier is written before a number (at_most is the text's 近 'nearly', so ≈ ≤)."""
GAPS = ("blank", "partial", "missing_section")
"""Statuses whose number the source does not give in full."""
_URL_UNSAFE = re.compile(r"[^A-Za-z0-9_.~-]")
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


def _text(col: pd.Series) -> pd.Series:
    """A column as plain Python strings ('' for a missing value), for vectorised joining."""
    return col.astype("string").fillna("").astype(object)


def _join(a: pd.Series, b: pd.Series, sep: str = " ") -> pd.Series:
    """a + sep + b row by row, leaving out the separator where either side is empty."""
    return a.where(b == "", a.where(a == "", a + sep) + b)


def _numbers(col: pd.Series) -> pd.Series:
    """Each number as the text writes it (numerals.arabic), formatted once per distinct value; '' when missing."""
    values = col.astype("Float64")
    out = pd.Series("", index=col.index, dtype=object)
    known = values.notna().to_numpy()
    if known.any():
        distinct, where = np.unique(values[known].to_numpy(dtype=float), return_inverse=True)
        out[known] = np.array([_num(v) for v in distinct], dtype=object)[where]
    return out


def written_all(df: pd.DataFrame) -> pd.Series:
    """written() of every row at once (the Data page draws thousands of rows)."""
    status, qualifier = _text(df["status"]), _text(df["qualifier"])
    gap = status.isin(GAPS)
    number = _numbers(df["value"]).where(qualifier != "range", _numbers(df["low"]) + "–" + _numbers(df["high"]))
    number = number.where(~gap, GAP_MARK + _text(df["digits_shown"]))
    symbol = qualifier.map(SYMBOLS).fillna("").astype(object)
    return _join(_join(symbol, number), _text(df["unit"]))


def shown_all(df: pd.DataFrame, lang: str) -> pd.Series:
    """shown() of every row at once: value as written, the gap spelt out."""
    notes = _text(df["status"]).map({s: gap_note(s, lang) for s in STATUSES}).fillna("").astype(object)
    return _join(written_all(df), "(" + notes + ")").where(notes != "", written_all(df))


def labels(df: pd.DataFrame, lang: str) -> pd.Series:
    """label() of every row at once: the UI language first, the other after ' · ' when it differs."""
    first, second = (_text(df["label_zh"]), _text(df["label_en"]))
    if lang != "zh":
        first, second = second, first
    return first.where((second == "") | (second == first), first + " · " + second)


def reader_links(ids: pd.Series, filters: Filters) -> pd.Series:
    """reader_link() for every id at once: the query is built once, each id put where id= goes."""
    marker = "\x00"
    prefix, suffix = reader_link(filters, marker).split(quote_plus(marker), 1)
    ids = list(_text(ids))
    if _URL_UNSAFE.search("".join(ids)):  # ids are slugs, which urlencode leaves as they are; quote anything else
        ids = [quote_plus(i) for i in ids]
    return pd.Series([prefix + i + suffix for i in ids], dtype="string")


def prepare(df: pd.DataFrame, cities: dict, types: dict, lang: str) -> pd.DataFrame:
    """display() without the reader links, which depend on the filters: computed once per data and language."""
    city = {c: both(cities[c], lang) for c in df["city"].astype("string").dropna().unique()}
    kind = {x: both(types[x], lang) for x in df["type"].astype("string").dropna().unique()}
    out = pd.DataFrame(
        {
            "id": df["id"].astype("string"),
            "city": _text(df["city"]).map(city),
            "type": _text(df["type"]).map(kind),
            "label": labels(df, lang),
            "written": shown_all(df, lang),
            "value": df["value"].astype("Float64"),
            "low": df["low"].astype("Float64"),
            "high": df["high"].astype("Float64"),
            "unit": df["unit"],
            "qualifier": _text(df["qualifier"]).map({q: qualifier_label(q, lang) for q in QUALIFIERS}),
            "status": _text(df["status"]).map({s: status_label(s, lang) for s in STATUSES}),
            "quote": df["quote"],
            "note": df["note"],
        },
        index=df.index,
    )
    for col in ("id", "city", "type", "label", "written", "unit", "qualifier", "status", "quote", "note"):
        out[col] = out[col].astype("string")
    return out


def display(
    df: pd.DataFrame,
    cities: dict,
    types: dict,
    lang: str,
    filters: Filters | None = None,
    prepared: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The tidy frame as people read it: labels in lang, value as written, numbers left blank (never 0).

    prepared: prepare() of a frame that holds df's rows (e.g. the full table, cached), so only the links are new.
    """
    f = filters or Filters(lang=lang)
    base = prepare(df, cities, types, lang) if prepared is None else prepared.loc[df.index]
    out = base.reset_index(drop=True)
    out["reader"] = reader_links(out["id"], f)
    return out[DISPLAY_COLUMNS]


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


def export(df: pd.DataFrame, fmt: str) -> bytes:
    """One download file: the tidy table as UTF-8 CSV or JSON."""
    return (derive.export_csv(df) if fmt == "csv" else export_json(df)).encode("utf-8")


def downloads(filtered: pd.DataFrame, full: pd.DataFrame, lang: str) -> list[dict]:
    """The four files the Data page offers: filtered and full table, each as CSV and JSON.

    'data' is a callable that builds the file when it is asked for (a click), not on every run of the page.
    """
    out = []
    for scope, df in (("filtered", filtered), ("full", full)):
        for fmt, mime in (("csv", "text/csv"), ("json", "application/json")):
            out.append(
                {
                    "key": f"download_{scope}_{fmt}",
                    "label": t(f"download_{scope}_{fmt}", lang).format(n=len(df)),
                    "data": partial(export, df, fmt),
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
