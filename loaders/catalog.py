"""The figures and their registries as typed tables: what the data package and the SQLite file both write.

Field types, descriptions and constraints come from the strict models (loaders.models) and the frame's dtypes,
so a field added to a model shows up in every export without a change here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
from pydantic import BaseModel

from loaders import derive
from loaders.models import SECTIONS, STATUSES

REGISTRIES = ("sources", "cities", "metric_types", "indicators")
"""Tables the figures point to, in the order they are written (a table before those that refer to it)."""
FIGURES = "figures"
REFERENCES = {
    "source": "sources",
    "city": "cities",
    "place": "cities",
    "parent": "cities",
    "main_place": "cities",
    "type": "metric_types",
    "indicator": "indicators",
}
"""A column with one of these names holds the id of a row of that table (a foreign key), wherever it appears."""
GAP_STATUSES = tuple(s for s in STATUSES if s != "reported")
NUMBERS = ("value", "low", "high", "value_norm", "low_norm", "high_norm")
BLANK_RULE = (
    "An empty cell means the text gives no number here; it is never zero. "
    f"The status column says why: {', '.join(GAP_STATUSES)} rows never carry a number "
    "(blank: the number was deleted from the text; partial: only some digits survive, see digits_shown; "
    "missing_section: the place is announced but has no section)."
)
FIGURE_DESCRIPTIONS = {
    "id": "Stable id of the figure.",
    "draft": "true: an unreviewed proposal of the drafter, not yet checked by a curator; false: curated.",
    "label_zh": "What the figure counts, in Chinese.",
    "label_en": "What the figure counts, in English; empty where no translation exists yet (never made up).",
    "value": "The number as the text gives it, in the unit of the unit column. " + BLANK_RULE,
    "low": "Lower end of a range (qualifier range). " + BLANK_RULE,
    "high": "Upper end of a range (qualifier range). " + BLANK_RULE,
    "value_norm": "value in the base unit of unit_norm (万元 -> 元: times 10000). " + BLANK_RULE,
    "low_norm": "low in the base unit of unit_norm. " + BLANK_RULE,
    "high_norm": "high in the base unit of unit_norm. " + BLANK_RULE,
    "unit_norm": "Base unit after removing a scale prefix (万, 亿) from unit.",
    "qualifier": "How the text bounds the number: exact, at_least (不少于), more_than (余, 多), at_most (近), range.",
    "status": (
        "reported: the text gives the number. blank: the text once gave a number here and it was deleted. "
        "partial: some digits of the number were cut (digits_shown keeps what is left). "
        "missing_section: the introduction announces the place but the text has no section for it. "
        "Only reported rows have a value."
    ),
    "quote": "Verbatim substring of the source text (the text resource of this source); it occurs there exactly once.",
    "start": "Offset of the quote in the source text, in characters (Unicode code points) from 0.",
    "end": "Offset just past the end of the quote in the source text, in characters.",
    "at": "Offset in the source text where the number starts, or where the deleted number belongs.",
    "digits_shown": "partial rows: the digits of the cut number that survive in the text.",
}
NO_LICENCE = (
    "The data gives no licence for the source texts or the figures; ask the publishers before reusing the texts."
)
DTYPES = {
    "Float64": "number",
    "float64": "number",
    "Int64": "integer",
    "int64": "integer",
    "boolean": "boolean",
    "bool": "boolean",
}


class ExportError(Exception):
    """An export cannot be written where asked; nothing was written."""


@dataclass(frozen=True)
class Table:
    name: str
    fields: list[dict]  # Table Schema field descriptors
    rows: list[dict]  # plain values: str, int, float, bool, list, None
    description: str
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[dict] = field(default_factory=list)

    def schema(self) -> dict:
        out: dict = {"fields": self.fields, "missingValues": [""]}
        if self.primary_key:
            out["primaryKey"] = self.primary_key
        if self.foreign_keys:
            out["foreignKeys"] = self.foreign_keys
        return out


@dataclass(frozen=True)
class SourceText:
    source: str
    path: str  # relative path, as the source's `file`
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Contents:
    tables: list[Table]  # registries first, figures last
    texts: list[SourceText]
    sources: list[dict]  # each source's registry entry, every field

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def plain(entry) -> dict:
    """A registry entry as a dict, whether a model (Dataset) or already a dict (Bundle)."""
    return entry.model_dump() if isinstance(entry, BaseModel) else dict(entry)


def from_dataset(ds, frame: pd.DataFrame | None = None, columns: list[str] | None = None) -> Contents:
    """Everything of a loaded Dataset (or of its rows in frame, when given)."""
    registries = {
        "sources": ds.sources,
        "cities": ds.cities,
        "metric_types": ds.metric_types,
        "indicators": ds.indicators,
    }
    return build(derive.frame(ds) if frame is None else frame, registries, ds.texts, figure_columns=columns)


def from_bundle(b, frame: pd.DataFrame | None = None) -> Contents:
    """The same from the dashboard's Bundle: frame defaults to the full table."""
    registries = {
        "sources": b.sources,
        "cities": b.cities,
        # the Bundle names its types `types`; the typed Bundle of the layout work may name it like the section
        "metric_types": getattr(b, "metric_types", None) or b.types,
        "indicators": b.indicators,
    }
    return build(b.frame if frame is None else frame, registries, b.texts)


def build(
    frame: pd.DataFrame,
    registries: Mapping[str, Mapping[str, object]],
    texts: Mapping[str, str],
    models: Mapping[str, type[BaseModel]] = SECTIONS,
    figure_columns: list[str] | None = None,
) -> Contents:
    """Tables of the registries (complete) and of the figures in frame (all of them, or a selection)."""
    names = set(REGISTRIES) | {FIGURES}
    tables: list[Table] = []
    for name in REGISTRIES:
        entries = [plain(e) for e in registries.get(name, {}).values()]
        columns, children = _model_columns(models[name])
        fields = [_field(col, prop, req) for col, (prop, req) in columns.items()]
        rows = [{col: _cell(e.get(col)) for col in columns} for e in entries]
        tables.append(
            Table(
                name=name,
                fields=fields,
                rows=rows,
                description=f"Registry: {name.replace('_', ' ')}, one row per id.",
                primary_key=["id"],
                foreign_keys=_foreign_keys(name, list(columns), names),
            )
        )
        for child, child_model in children.items():
            tables.append(_child_table(name, child, child_model, entries, names))
    tables.append(_figures_table(frame, models["metrics"], names, figure_columns or derive.EXPORT_COLUMNS))
    sources = [plain(s) for s in registries.get("sources", {}).values()]
    out_texts = [SourceText(s["id"], s["file"], texts[s["id"]].encode("utf-8")) for s in sources if s["id"] in texts]
    return Contents(tables=tables, texts=out_texts, sources=sources)


def _figures_table(frame: pd.DataFrame, model: type[BaseModel], names: set[str], columns: list[str]) -> Table:
    props, _ = _model_columns(model)
    fields = []
    for col in columns:
        prop, required = props.get(col, ({}, False))
        prop = dict(prop)
        if col in FIGURE_DESCRIPTIONS:
            prop["description"] = FIGURE_DESCRIPTIONS[col]
        dtype = str(frame[col].dtype)
        if dtype in DTYPES:
            prop["type"] = DTYPES[dtype]
        elif "type" not in prop and "enum" not in prop:
            prop["type"] = "string"
        if col in ("start", "end", "at"):
            required = True  # placed by the loader for every figure
        fields.append(_field(col, prop, required))
    data = frame[columns].astype(object).where(frame[columns].notna(), None)
    rows = [{k: _cell(v) for k, v in r.items()} for r in data.to_dict(orient="records")]
    return Table(
        name=FIGURES,
        fields=fields,
        rows=rows,
        description="One row per figure a source reports, or leaves out. " + BLANK_RULE,
        primary_key=["id"],
        foreign_keys=_foreign_keys(FIGURES, columns, names),
    )


def _child_table(parent: str, name: str, model: type[BaseModel], entries: list[dict], names: set[str]) -> Table:
    """A list of sub-entries (e.g. a source's appearances) as its own table, keyed by the parent's id."""
    key = {"sources": "source", "cities": "place"}.get(parent, parent.rstrip("s"))
    columns, _ = _model_columns(model)
    fields = [_field(key, {"type": "string", "description": f"Id of the row in {parent} this belongs to."}, True)]
    fields += [_field(col, prop, req) for col, (prop, req) in columns.items()]
    rows = [
        {key: e["id"], **{col: _cell(item.get(col)) for col in columns}}
        for e in entries
        for item in (plain(i) for i in (e.get(name) or []))
    ]
    fks = [{"fields": [key], "reference": {"resource": parent, "fields": ["id"]}}]
    fks += [fk for fk in _foreign_keys(name, list(columns), names | {name}) if fk["fields"] != [key]]
    return Table(name=name, fields=fields, rows=rows, description=f"{name} of each row of {parent}.", foreign_keys=fks)


def _foreign_keys(table: str, columns: list[str], names: set[str]) -> list[dict]:
    out = []
    for col in columns:
        target = REFERENCES.get(col)
        if target is None or target not in names or (target == table and col != "parent"):
            continue
        out.append({"fields": [col], "reference": {"resource": "" if target == table else target, "fields": ["id"]}})
    return out


def _model_columns(model: type[BaseModel]) -> tuple[dict[str, tuple[dict, bool]], dict[str, type[BaseModel]]]:
    """name -> (JSON Schema property, required) for flat fields; name -> model for list-of-model fields."""
    js = model.model_json_schema()
    columns: dict[str, tuple[dict, bool]] = {}
    children: dict[str, type[BaseModel]] = {}
    for name, prop in js.get("properties", {}).items():
        prop, nullable = _unwrap(prop)
        if prop.get("type") == "array" and "$ref" in prop.get("items", {}):
            sub = _list_model(model, name)
            if sub is not None:
                children[name] = sub
                continue
        if "$ref" in prop or prop.get("type") == "object":
            continue  # a nested mapping has no flat column; it is kept whole in datapackage.json's sources
        columns[name] = (prop, not nullable and not _may_be_empty(prop))
    return columns, children


def _may_be_empty(prop: dict) -> bool:
    """A text the model lets be "" (label_en: no translation yet). Table Schema reads an empty cell as missing,
    so such a column cannot be `required`: the package would refuse the data the validator accepts."""
    free = not any(k in prop for k in ("minLength", "pattern", "enum", "const"))
    return prop.get("type") == "string" and free


def _list_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    ann = model.model_fields[name].annotation
    for arg in getattr(ann, "__args__", ()):
        for inner in (arg, *getattr(arg, "__args__", ())):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _unwrap(prop: dict) -> tuple[dict, bool]:
    """Optional[X] (anyOf X, null) -> (X with the outer description, True)."""
    if "anyOf" not in prop:
        return dict(prop), False
    branches = [b for b in prop["anyOf"] if b.get("type") != "null"]
    nullable = len(branches) < len(prop["anyOf"])
    inner = dict(branches[0]) if len(branches) == 1 else {"type": "string"}
    if "description" in prop:
        inner["description"] = prop["description"]
    return inner, nullable


TYPES = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean", "array": "array"}


def _field(name: str, prop: dict, required: bool) -> dict:
    """A Table Schema field from a JSON Schema property."""
    out: dict = {"name": name, "type": TYPES.get(prop.get("type", "string"), "string")}
    if "const" in prop:
        prop = {**prop, "enum": [prop["const"]]}
    if prop.get("description"):
        out["description"] = prop["description"]
    target = REFERENCES.get(name)
    if target:
        out["description"] = f"Id of a row of {target}.csv. " + out.get("description", "")
    constraints: dict = {}
    if required:
        constraints["required"] = True
    if "enum" in prop:
        constraints["enum"] = list(prop["enum"])
    for js_key, ts_key in (("minLength", "minLength"), ("maxLength", "maxLength"), ("pattern", "pattern")):
        if js_key in prop and out["type"] == "string":
            constraints[ts_key] = prop[js_key]
    for js_key in ("minimum", "maximum"):
        if js_key in prop and out["type"] in ("number", "integer"):
            constraints[js_key] = prop[js_key]
    if constraints:
        out["constraints"] = constraints
    return out


def _cell(v):
    """A value as the tables hold it: NA -> None, numpy scalars -> Python, nested models -> dicts."""
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, BaseModel):
        return v.model_dump()
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return v.item()
    if isinstance(v, (list, tuple)):
        return [plain(i) if isinstance(i, BaseModel) else i for i in v]
    return v


def csv_value(v, kind: str) -> str:
    """One CSV cell: '' for missing, true/false, integers without '.0', JSON for arrays."""
    if v is None:
        return ""
    if kind == "boolean":
        return "true" if v else "false"
    if kind == "array":
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 2**53 else repr(v)
    return str(v)


def licences(sources: list[dict]) -> list[str]:
    """Licence or rights statements as the data gives them, in any field whose name says so."""
    out = []
    for s in sources:
        for key, value in s.items():
            if value and any(w in key.lower() for w in ("licen", "rights")):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                out.append(f"{s['id']}: {text}")
    return out


def licence_note(sources: list[dict]) -> str:
    found = licences(sources)
    return "; ".join(found) if found else NO_LICENCE


def timestamp(created: dt.datetime | None = None) -> str:
    """UTC time of an export, ISO 8601 to the second (now, unless given)."""
    return (created or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
