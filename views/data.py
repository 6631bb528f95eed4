"""The Data page's view: the files it offers for download and what the sources are."""

from __future__ import annotations

import json
from functools import partial

import pandas as pd

from exports import view as export_view
from loaders import derive
from loaders.bundle import Bundle
from loaders.filters import Filters
from views.downloads import Download, name_params
from views.i18n import t


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


def source_table(sources: dict, lang: str) -> pd.DataFrame:
    """source_notes() as one table, a row per source and a column per field."""
    rows = [{k or t("source_title", lang) + " ·": v for k, v in pairs} for pairs in source_notes(sources, lang)]
    return pd.DataFrame(rows)


def _package(b: Bundle, rows: pd.DataFrame | None, params: dict[str, str]) -> bytes:
    return export_view.package_file(b, rows, params)[1]


def packages(b: Bundle, filtered: pd.DataFrame, f: Filters, ignores: tuple[str, ...] = ()) -> list[Download]:
    """The data package (zip: datapackage.json with schema and sources, figures.csv and the registries, the
    source texts) of the filtered selection, when it has figures, and of the full table."""
    params = name_params(f, ignores)  # ignores: the address keys the Data page's view does not depend on
    out = []
    if len(filtered):
        out.append(
            Download(
                key="download_package_filtered",
                label=t("download_package_filtered", f.lang).format(n=len(filtered)),
                build=partial(_package, b, filtered, params),
                file_name=export_view.package_name(params),
                mime=export_view.FORMATS["zip"],
            )
        )
    out.append(
        Download(
            key="download_package_full",
            label=t("download_package_full", f.lang).format(n=len(b.frame)),
            build=partial(_package, b, None, {}),
            file_name=export_view.package_name(),
            mime=export_view.FORMATS["zip"],
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
