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


def source_notes(sources: dict, lang: str, only: set[str] | None = None) -> list[list[tuple[str, str]]]:
    """Per source (only: those ids): its citation as (field, text) pairs: id, titles, publisher, author, dates,
    address, file and sha256, language, notes on masking and deletions (the fields it has)."""
    zh = lang == "zh"

    def pick(src, field):
        a, b = getattr(src, f"{field}_zh"), getattr(src, f"{field}_en")
        return (a or b) if zh else (b or a)

    out = []
    for sid, src in sources.items():
        if only is not None and sid not in only:
            continue
        pairs = [
            (t("source_id", lang), sid),
            (t("source_title", lang), src.title_zh if zh else src.title_en),
            ("", src.title_en if zh else src.title_zh),
            (t("source_publisher", lang), pick(src, "publisher")),
            (t("source_author", lang), src.author),
            (t("source_published", lang), src.published),
            (t("source_url", lang), src.url),
            (t("source_accessed", lang), src.accessed),
            (t("source_file", lang), f"{src.file} (sha256 {src.sha256[:12]}…)"),
            (t("source_language", lang), src.language),
            (t("masking_note", lang), pick(src, "masking_note")),
            (t("deletion_note", lang), pick(src, "deletion_note")),
            (t("source_notes", lang), pick(src, "notes")),
        ]
        out.append([(k, v) for k, v in pairs if v])  # a field the source does not have is left out
    return out
