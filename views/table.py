"""The table of figures as people read it (Data and City pages): labels in the UI language, the value as
written, numbers left empty where the source gives none (never 0), a link to each figure in the reader.

Column settings are plain data (Column); ui/columns.py turns them into Streamlit column configs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from loaders.filters import Filters
from loaders.models import LEVELS, QUALIFIERS, STATUSES
from views.i18n import both, level_label, qualifier_label, status_label, t
from views.links import reader_links
from views.writing import as_written, text_of

DISPLAY_COLUMNS = [
    "id",
    "source",
    "city",
    "level",
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


@dataclass(frozen=True)
class Column:
    """How a table column is shown: kind 'text', 'number' or 'link', its heading and hints."""

    kind: str
    label: str
    help: str | None = None
    width: int | None = None
    pinned: bool = False
    number_format: str | None = None
    link_text: str | None = None


def labels(df: pd.DataFrame, lang: str) -> pd.Series:
    """Each figure's label: the UI language first, the other after ' · ' when it differs; an unreviewed
    draft is marked before it ('[draft] …'), wherever a label is shown."""
    zh, en = text_of(df["label_zh"]), text_of(df["label_en"])
    if lang == "zh":  # (a row without label_zh, which the validator refuses, would show its English one)
        first, second = zh.where(zh != "", en), en
        out = first.where((second == "") | (second == first), first + " · " + second)
    else:
        missing = untranslated(df)
        out = english(df, lang).where(missing | (zh == en) | (zh == ""), en + " · " + zh)
    return mark_drafts(out, df, lang)


def label_in(df: pd.DataFrame, lang: str) -> pd.Series:
    """Each figure's label in the UI language alone (a chart's tick and hover, Compare's and Gaps' label
    column), drafts marked; in English a figure without an English label shows its Chinese one marked."""
    return mark_drafts(text_of(df["label_zh"]) if lang == "zh" else english(df, lang), df, lang)


def untranslated(df: pd.DataFrame) -> pd.Series:
    """True where a figure has a Chinese label but no English one (empty, or only spaces): no translation yet."""
    return (text_of(df["label_en"]).str.strip() == "") & (text_of(df["label_zh"]) != "")


def english(df: pd.DataFrame, lang: str) -> pd.Series:
    """The English label, or where there is none the Chinese one marked '(untranslated)': never an empty cell
    (the data keeps label_en empty; only what is shown is marked)."""
    en = text_of(df["label_en"])
    return en.where(~untranslated(df), text_of(df["label_zh"]) + " " + t("untranslated_mark", lang))


def mark_drafts(text: pd.Series, df: pd.DataFrame, lang: str) -> pd.Series:
    """text with the draft marker before each row of df that is an unreviewed proposal."""
    if "draft" not in df:
        return text
    draft = df["draft"].fillna(False).astype(bool).to_numpy()
    return text.where(~draft, t("draft_mark", lang) + " " + text)


def prepare(df: pd.DataFrame, cities: dict, metric_types: dict, lang: str) -> pd.DataFrame:
    """display() without the reader links, which depend on the filters: computed once per data and language."""
    city = {c: both(cities[c], lang) for c in df["city"].astype("string").dropna().unique()}
    kind = {x: both(metric_types[x], lang) for x in df["type"].astype("string").dropna().unique()}
    out = pd.DataFrame(
        {
            "id": df["id"].astype("string"),
            "source": df["source"].astype("string"),
            "city": text_of(df["city"]).map(city),
            "level": text_of(df["level"]).map({lv: level_label(lv, lang) for lv in LEVELS}),
            "type": text_of(df["type"]).map(kind),
            "label": labels(df, lang),
            "written": as_written(df, lang),
            "value": df["value"].astype("Float64"),
            "low": df["low"].astype("Float64"),
            "high": df["high"].astype("Float64"),
            "unit": df["unit"],
            "qualifier": text_of(df["qualifier"]).map({q: qualifier_label(q, lang) for q in QUALIFIERS}),
            "status": text_of(df["status"]).map({s: status_label(s, lang) for s in STATUSES}),
            "quote": df["quote"],
            "note": df["note"],
        },
        index=df.index,
    )
    for col in (
        "id",
        "source",
        "city",
        "level",
        "type",
        "label",
        "written",
        "unit",
        "qualifier",
        "status",
        "quote",
        "note",
    ):
        out[col] = out[col].astype("string")
    return out


def display(
    df: pd.DataFrame,
    cities: dict,
    metric_types: dict,
    lang: str,
    filters: Filters | None = None,
    prepared: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The tidy frame as people read it: labels in lang, value as written, numbers left blank (never 0).

    prepared: prepare() of a frame that holds df's rows (e.g. the full table, cached), so only the links are new.
    """
    f = filters or Filters(lang=lang)
    base = prepare(df, cities, metric_types, lang) if prepared is None else prepared.loc[df.index]
    out = base.reset_index(drop=True)
    out["reader"] = reader_links(out["id"], f, out["source"])
    return out[DISPLAY_COLUMNS]


def columns(lang: str, keep: list[str] | None = None) -> dict[str, Column]:
    """How each column of display() is shown (keep: only these, in display order)."""
    spec = {
        "id": Column("text", "id", pinned=True, width=200),
        "source": Column("text", t("col_source", lang), width=180),
        "city": Column("text", t("city", lang), width=150),
        "level": Column("text", t("col_level", lang), width=90),
        "type": Column("text", t("type", lang), width=160),
        "label": Column("text", t("col_label", lang), width=300),
        "written": Column("text", t("col_written", lang), help=t("col_written_help", lang), width=190),
        "value": Column("number", t("col_value", lang), help=t("col_value_help", lang), number_format="%g"),
        "low": Column("number", t("col_low", lang), number_format="%g"),
        "high": Column("number", t("col_high", lang), number_format="%g"),
        "unit": Column("text", t("col_unit", lang), help=t("col_unit_help", lang)),
        "qualifier": Column("text", t("qualifier", lang)),
        "status": Column("text", t("status", lang), width=170),
        "quote": Column("text", t("col_quote", lang), help=t("col_quote_help", lang), width=360),
        "note": Column("text", t("col_note", lang), width=240),
        "reader": Column("link", t("col_reader", lang), link_text=t("open_reader", lang)),
    }
    return {k: spec[k] for k in DISPLAY_COLUMNS if keep is None or k in keep}


def page_bounds(n_rows: int, page: int, size: int) -> tuple[int, int]:
    """[start, stop) of page (counted from 1) of a table of n_rows shown size rows at a time; a page past the
    end is the last page, one before the first is the first."""
    pages = max(1, -(-n_rows // size))
    page = min(max(page, 1), pages)
    return (page - 1) * size, min(page * size, n_rows)


LIST_SOURCES = 5
"""Up to this many sources get an element each (a warning, a list of notes); more go into one table: at 1000x,
hundreds of elements cost a rerun more than any table (bench/changes.md)."""
