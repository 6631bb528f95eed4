"""The Data page's view: the files it offers for download and what the sources are."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd

from loaders import derive
from views.i18n import t


@dataclass(frozen=True)
class Download:
    """One file the page offers; build() makes its bytes when it is asked for (a click), not on every run."""

    key: str
    label: str
    build: Callable[[], bytes]
    file_name: str
    mime: str


def export_json(df: pd.DataFrame) -> str:
    """The tidy table as a JSON array; a missing number is null, never 0."""
    return json.dumps(derive.export_records(df), ensure_ascii=False, indent=1)


def export(df: pd.DataFrame, fmt: str) -> bytes:
    """One download file: the tidy table as UTF-8 CSV or JSON."""
    return (derive.export_csv(df) if fmt == "csv" else export_json(df)).encode("utf-8")


def downloads(filtered: pd.DataFrame, full: pd.DataFrame, lang: str) -> list[Download]:
    """The four files the Data page offers: filtered and full table, each as CSV and JSON."""
    out = []
    for scope, df in (("filtered", filtered), ("full", full)):
        for fmt, mime in (("csv", "text/csv"), ("json", "application/json")):
            out.append(
                Download(
                    key=f"download_{scope}_{fmt}",
                    label=t(f"download_{scope}_{fmt}", lang).format(n=len(df)),
                    build=partial(export, df, fmt),
                    file_name=f"figures_{scope}.{fmt}",
                    mime=mime,
                )
            )
    return out


def source_notes(sources: dict, lang: str) -> list[list[tuple[str, str]]]:
    """Per source: (field, text) pairs for title, language, masking note and deletion note (those it has)."""
    zh = lang == "zh"
    out = []
    for src in sources.values():
        pairs = [
            (t("source_title", lang), src.title_zh if zh else src.title_en),
            ("", src.title_en if zh else src.title_zh),
            (t("source_language", lang), src.language),
            (t("masking_note", lang), src.masking_note_zh if zh else src.masking_note_en),
            (t("deletion_note", lang), src.deletion_note_zh if zh else src.deletion_note_en),
        ]
        out.append([(k, v) for k, v in pairs if v])  # a note the source does not have is left out
    return out
