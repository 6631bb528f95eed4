"""'Download this view': exactly what a page shows, as CSV or JSON named after the page and its filters.

Pure (no Streamlit): a page passes the DataFrame it draws, its name and its filters, and gets (file name, bytes).
The data package of a selection comes as zip bytes the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping

import pandas as pd

from exports import package as export_package
from loaders import catalog as export_tables
from loaders import csv_safe
from loaders.filters import Filters, to_params

FORMATS = {"csv": "text/csv", "json": "application/json", "zip": "application/zip"}
MAX_NAME = 120
"""Longest file name stem; a longer one is cut and ends in a hash of the whole, so two views never share a name."""
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def params_of(filters: Filters | Mapping[str, str] | None) -> dict[str, str]:
    """The filters as the page's URL keys (defaults left out), in a stable order."""
    if filters is None:
        return {}
    if isinstance(filters, Filters):
        return to_params(filters)
    return {str(k): ",".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v) for k, v in filters.items()}


def file_name(page: str, filters: Filters | Mapping[str, str] | None, fmt: str, *, skip: tuple[str, ...] = ()) -> str:
    """'compare' + type=funding -> 'compare_type-funding.csv'; several values join with '+' (city-a+b)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    parts = [_slug(page) or "view"]
    for key, value in params_of(filters).items():
        if key in skip or value == "":
            continue
        values = "+".join(_slug(v) for v in value.split(",") if _slug(v))
        parts.append(f"{_slug(key)}-{values}")
    stem = "_".join(parts)
    if len(stem) > MAX_NAME:
        stem = stem[: MAX_NAME - 9].rstrip("_-+") + "-" + hashlib.sha256(stem.encode()).hexdigest()[:8]
    return f"{stem}.{fmt}"


def view_bytes(df: pd.DataFrame, fmt: str, labels: Mapping[str, str] | None = None) -> bytes:
    """The rows and columns of df, in order, as UTF-8 CSV or JSON records; a missing value is empty / null, never 0.

    labels renames columns to the headers the page shows (e.g. in the current language).
    """
    out = df.rename(columns=dict(labels)) if labels else df
    if fmt == "csv":  # a text cell that a spreadsheet would run as a formula gets a leading ' (csv_safe)
        return csv_safe.frame(out).to_csv(index=False).encode("utf-8")
    if fmt == "json":
        plain = out.astype(object).where(out.notna(), None)
        records = [{str(k): _jsonable(v) for k, v in r.items()} for r in plain.to_dict(orient="records")]
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; expected csv or json")


def view_file(
    df: pd.DataFrame,
    page: str,
    filters: Filters | Mapping[str, str] | None,
    fmt: str,
    labels: Mapping[str, str] | None = None,
) -> tuple[str, bytes]:
    """(file name, bytes) of what a page shows: view_file(shown, 'compare', filters, 'csv')."""
    return file_name(page, filters, fmt), view_bytes(df, fmt, labels)


def package_name(filters: Filters | Mapping[str, str] | None = None) -> str:
    """'data_package.zip' for the full table, 'data_package_type-funding.zip' for a selection (language left out)."""
    return file_name("data_package", filters, "zip", skip=("lang",))


def package_file(
    bundle,
    rows: pd.DataFrame | None = None,
    filters: Filters | Mapping[str, str] | None = None,
    *,
    created: dt.datetime | None = None,
) -> tuple[str, bytes]:
    """(file name, zip bytes) of the data package: all figures, or the frame rows given (a filtered selection).

    Registries and source texts are always complete, so every id in the selection resolves.
    """
    params = {k: v for k, v in params_of(filters).items() if k != "lang"}
    selection = "; ".join(f"{k}={v}" for k, v in params.items()) if rows is not None and params else None
    if rows is not None and selection is None and len(rows) != len(bundle.frame):
        selection = f"{len(rows)} of {len(bundle.frame)} figures"
    contents = export_tables.from_bundle(bundle, rows)
    blob = export_package.zip_bytes(contents, created=created, selection=selection)
    return package_name(filters if rows is not None else None), blob


def _slug(text: str) -> str:
    return _UNSAFE.sub("-", str(text)).strip("-")


def _jsonable(v):
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    if isinstance(v, (list, tuple)):
        return [_jsonable(i) for i in v]
    if isinstance(v, Mapping):
        return {str(k): _jsonable(i) for k, i in v.items()}
    return str(v)
