"""A Frictionless data package of the figures: datapackage.json, a CSV per table with its Table Schema, the texts.

What a downloaded package carries so it can be read without us: what a blank means (in every number field's
description), where each figure comes from (sources with their citation, the texts with their sha256, so quotes
can be checked offline), and the rule Table Schema cannot state (a gap row carries no number) as a checklist.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from loaders import atomic, csv_safe
from loaders.catalog import (
    BLANK_RULE,
    FIGURES,
    GAP_STATUSES,
    Contents,
    ExportError,
    Table,
    csv_value,
    licence_note,
    timestamp,
)

NAME = "reported-figures"
DESCRIPTOR = "datapackage.json"
CHECKLIST = "checklist.json"
README = "README.md"
VALIDATE = (
    "frictionless validate datapackage.json && "
    f"frictionless validate datapackage.json --resource-name {FIGURES} --checklist {CHECKLIST}"
)
NO_LICENCE = (
    "The data gives no licence for the source texts or the figures; ask the publishers before reusing the texts."
)
_EPOCH = (1980, 1, 1, 0, 0, 0)  # zip entries get a fixed time: the same data gives the same bytes


def checks() -> list[dict]:
    """Row rules for figures.csv that Table Schema cannot express (frictionless row-constraint checks)."""
    gaps = ", ".join(repr(s) for s in GAP_STATUSES)
    empty = " and ".join(f"{c} == None" for c in ("value", "low", "high"))
    return [
        {"type": "row-constraint", "formula": f"status not in ({gaps}) or ({empty})"},
        {
            "type": "row-constraint",
            "formula": "status != 'reported' or value != None or (qualifier == 'range' and low != None and high != None)",
        },
    ]


def files(contents: Contents, *, created: dt.datetime | None = None, selection: str | None = None) -> dict[str, bytes]:
    """Every file of the package by its path inside it, datapackage.json first."""
    data: dict[str, bytes] = {}
    resources = []
    for table in contents.tables:
        path = f"{table.name}.csv"
        data[path] = table_csv(table)
        resources.append(_table_resource(table, path, data[path]))
    text_names = {}
    for text in contents.texts:
        name = f"text-{text.source}"
        text_names[text.source] = name
        data[text.path] = text.data
        resources.append(_text_resource(name, text.path, text.data, text.source))
    descriptor = _descriptor(contents, resources, text_names, created, selection)
    head = {
        DESCRIPTOR: _json(descriptor),
        CHECKLIST: _json({"checks": checks()}),
        README: _readme(descriptor).encode("utf-8"),
    }
    return {**head, **data}


def zip_bytes(contents: Contents, **kw) -> bytes:
    """The package as one zip (datapackage.json at its root), e.g. for a download button."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path, blob in files(contents, **kw).items():
            info = zipfile.ZipInfo(path, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, blob)
    return buf.getvalue()


def write(contents: Contents, target: str | Path, **kw) -> Path:
    """Write the package to a directory, or to a .zip file; atomically: the old one stays until the new is whole."""
    target = Path(target)
    if target.suffix.lower() == ".zip":
        _replace_file(target, zip_bytes(contents, **kw))
    else:
        _replace_dir(target, files(contents, **kw))
    return target


def table_csv(table: Table) -> bytes:
    """A table as UTF-8 CSV with a header; a missing value is an empty cell; formula-like text gets a leading '."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    kinds = [(f["name"], f["type"]) for f in table.fields]
    w.writerow([n for n, _ in kinds])
    for row in table.rows:
        w.writerow(
            [csv_value(row.get(n), k) if k != "string" else csv_safe.cell(csv_value(row.get(n), k)) for n, k in kinds]
        )
    return buf.getvalue().encode("utf-8")


def _table_resource(table: Table, path: str, blob: bytes) -> dict:
    return {
        "name": table.name,
        "path": path,
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(blob),
        "hash": "sha256:" + hashlib.sha256(blob).hexdigest(),
        "schema": table.schema(),
    }


def _text_resource(name: str, path: str, blob: bytes, source: str) -> dict:
    return {
        "name": name,
        "path": path,
        "title": f"Text of source {source}",
        "description": (
            f"The verbatim text of source {source}, byte for byte as curated. Every quote of its figures "
            f"occurs in it exactly once; start/end in {FIGURES}.csv are character offsets into it."
        ),
        "format": "txt",
        "mediatype": "text/plain",
        "encoding": "utf-8",
        "bytes": len(blob),
        "hash": "sha256:" + hashlib.sha256(blob).hexdigest(),
    }


def _descriptor(contents: Contents, resources, text_names, created, selection) -> dict:
    n = len(contents.table(FIGURES).rows)
    titles = [s.get("title_en") for s in contents.sources if s.get("title_en")]
    title = f"Reported figures: {titles[0]}" if len(titles) == 1 else f"Reported figures from {len(titles)} sources"
    return {
        "name": NAME,
        "title": title,
        "description": (
            f"{n} figures that officials report in the texts below, including the ones a text leaves out. "
            f"{BLANK_RULE} Each figure's quote is verbatim from its source text (included, with its sha256). "
            f"To check the package: {VALIDATE}"
        ),
        "created": timestamp(created),
        "selection": selection or "all figures",
        "licence_note": licence_note(contents.sources),
        "sources": [_source(s, text_names.get(s["id"])) for s in contents.sources],
        "resources": resources,
    }


def _source(src: dict, text: str | None) -> dict:
    """A Data Package source entry: title and path (the address, where known) plus every field of the source."""
    out = {"title": src.get("title_en") or src["id"]}
    if src.get("url"):
        out["path"] = src["url"]
    out.update({k: v for k, v in src.items() if v is not None})
    if text:
        out["text_resource"] = text
    return out


def _readme(d: dict) -> str:
    lines = [f"# {d['title']}", "", d["description"], "", f"Created {d['created']}; selection: {d['selection']}."]
    lines += ["", f"Licence: {d['licence_note']}", "", "## Files", ""]
    lines += [f"- `{r['path']}`: {r.get('description') or r.get('title', '')}" for r in d["resources"]]
    return "\n".join(lines) + "\n"


def _json(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _replace_file(target: Path, blob: bytes) -> None:
    atomic.produce(target, lambda tmp: tmp.write_bytes(blob))


def _replace_dir(target: Path, data: dict[str, bytes]) -> None:
    """Build the package in a sibling folder, then swap it in; an existing folder is replaced only if it is a package."""
    if target.exists() and not target.is_dir():
        raise ExportError("exists and is not a folder: nothing written")
    if target.is_dir() and any(target.iterdir()) and not (target / DESCRIPTOR).is_file():
        raise ExportError("a folder with other files in it, not a data package: nothing written")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    old = None
    try:
        for rel, blob in data.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blob)
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
        os.replace(tmp, target)
    except BaseException:
        if old is not None and not target.exists():
            os.replace(old, target)
            old = None
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
