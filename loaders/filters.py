"""Shared filters: parsed from the query string, applied to the tidy frame, written back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pandas as pd

from loaders.models import GAPS, QUALIFIERS, STATUSES

LANGS = ("en", "zh")
MAX_PARAM = 500  # longer query values are ignored, not parsed
MAX_VALUES = 100  # an address with more values (repeated keys count each time) is ignored whole, with a notice
MAX_QUERY = 20_000  # ... and so is one whose keys and values add up to more characters
MAX_NOTICES = 10  # notices listed; the rest are counted
TOO_LONG = "address_too_long"
"""The one key of an address Streamlit dropped as too long (ui/compat.py): its value is `<fields>.<characters>`."""
_SAFE = re.compile(r"^[a-z0-9_-]{1,80}$")
LIST_KEYS = ("source", "city", "type", "status", "qualifier")
URL_KEYS = (*LIST_KEYS, "lang", "indicator", "id", "profile", "only_blanks", "drafts")
"""Every key the dashboard reads from its address (README lists them)."""
ALIASES = {"figure": "id", "cities": "city", "types": "type", "sources": "source", "place": "city"}
MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|:~$&=\"'")


@dataclass(frozen=True)
class Filters:
    source: tuple[str, ...] = ()  # empty tuple = all
    city: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    qualifier: tuple[str, ...] = ()
    lang: str = "en"
    indicator: str | None = None
    id: str | None = None  # the URL key id: a figure the reader opens
    profile: str | None = None  # the city shown on the City profile page
    only_blanks: bool = False
    drafts: bool = False  # include the drafter's unreviewed proposals (draft: true rows)
    notices: tuple[str, ...] = field(default=(), compare=False)


def _values(raw) -> list[str]:
    if raw is None:
        return []
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    out: list[str] = []
    for item in items:
        out.extend(part.strip() for part in str(item).split(",") if part.strip())
    return out


def _show(value: str) -> str:
    """A rejected URL value, shortened, printable, and inert when shown as Markdown."""
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    value = value if len(value) <= 40 else value[:39] + "…"
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in value)


def parse(params: dict, allowed: dict[str, set[str]]) -> Filters:
    """Read filters from query parameters; unknown or malformed values become notices.

    allowed maps 'city', 'type', 'indicator', 'id' to their known ids.
    """
    lists = {k: v if isinstance(v, (list, tuple)) else [v] for k, v in params.items()}
    n_values = sum(len(v) for v in lists.values())
    size = sum(len(str(k)) + sum(len(str(x)) for x in v) for k, v in lists.items())
    if TOO_LONG in lists and re.fullmatch(r"\d+\.\d+", str(lists[TOO_LONG][-1])):
        n_values, size = (int(n) for n in str(lists[TOO_LONG][-1]).split("."))
    if n_values > MAX_VALUES or size > MAX_QUERY:  # bounded work, and one notice, not thousands
        return replace(
            Filters(),
            notices=(
                f"an address of {n_values:,} values and {size:,} characters ignored whole "
                f"(at most {MAX_VALUES} values and {MAX_QUERY:,} characters are read)",
            ),
        )
    notices: list[str] = []
    for key in params:
        if key not in URL_KEYS:
            hint = f" (did you mean “{ALIASES[key]}”?)" if key in ALIASES else ""
            notices.append(f"unknown address key “{_show(str(key))}” ignored{hint}")
    known = {"status": set(STATUSES), "qualifier": set(QUALIFIERS), **allowed}
    for key, raw in params.items():  # e.g. city=,,, : present, but no value in it
        text = ",".join(str(v) for v in raw) if isinstance(raw, (list, tuple)) else str(raw)
        if text.strip() and not _values(raw):
            notices.append(f"{_show(str(key))}: malformed value “{_show(text)}” ignored")
    picked: dict[str, object] = {}
    for key in LIST_KEYS:
        raw = params.get(key)
        if raw is None:
            continue
        if sum(len(str(v)) for v in (raw if isinstance(raw, (list, tuple)) else [raw])) > MAX_PARAM:
            notices.append(f"{key}: value longer than {MAX_PARAM} characters ignored")
            continue
        good = []
        for v in _values(raw):
            if _SAFE.match(v) and v in known.get(key, set()):
                if v not in good:
                    good.append(v)
            else:
                notices.append(f"{key}: unknown value “{_show(v)}” ignored")
        picked[key] = tuple(good)
    lang = _values(params.get("lang"))
    if lang:
        if lang[-1] in LANGS:
            picked["lang"] = lang[-1]
        else:
            notices.append(f"lang: unknown value “{_show(lang[-1])}” ignored")
    for key, attr in (("indicator", "indicator"), ("id", "id"), ("profile", "profile")):
        vals = _values(params.get(key))
        if not vals:
            continue
        v = vals[-1]
        if len(v) <= 80 and _SAFE.match(v) and v in known.get("city" if attr == "profile" else attr, set()):
            picked[attr] = v
        else:
            notices.append(f"{key}: unknown value “{_show(v)}” ignored")
    for key in ("only_blanks", "drafts"):
        flag = _values(params.get(key))
        if flag:
            if flag[-1] in ("1", "true", "0", "false"):
                picked[key] = flag[-1] in ("1", "true")
            else:
                notices.append(f"{key}: unknown value “{_show(flag[-1])}” ignored")
    if len(notices) > MAX_NOTICES:
        notices = [*notices[:MAX_NOTICES], f"and {len(notices) - MAX_NOTICES:,} more"]
    return replace(Filters(), **picked, notices=tuple(notices))


def to_params(f: Filters) -> dict[str, str]:
    """Query parameters for a view; defaults are left out so addresses stay short."""
    out: dict[str, str] = {}
    for key in LIST_KEYS:
        vals = getattr(f, key)
        if vals:
            out[key] = ",".join(vals)
    if f.lang != "en":
        out["lang"] = f.lang
    if f.indicator:
        out["indicator"] = f.indicator
    if f.id:
        out["id"] = f.id
    if f.profile:
        out["profile"] = f.profile
    if f.only_blanks:
        out["only_blanks"] = "1"
    if f.drafts:
        out["drafts"] = "1"
    return out


def apply(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Rows that pass every chosen filter (an empty choice means all)."""
    mask = pd.Series(True, index=df.index)
    for key in LIST_KEYS:
        vals = getattr(f, key)
        if vals:
            mask &= df[key].isin(vals)
    if f.only_blanks:
        mask &= df["status"].isin(GAPS)
    if not f.drafts and "draft" in df:
        mask &= ~df["draft"].fillna(False).astype(bool)
    return df[mask]


def allowed_ids(df: pd.DataFrame, sources=None) -> dict[str, set[str]]:
    """Known ids for parse(), taken from the registries behind the frame (sources: the source registry)."""
    return {
        "source": set(sources if sources is not None else df["source"].dropna().unique().tolist()),
        "city": set(df["city"].cat.categories),
        "type": set(df["type"].cat.categories),
        "indicator": set(df["indicator"].dropna().unique().tolist()),
        "id": set(df["id"].tolist()),  # tolist: one conversion, not a Python call per Arrow string
    }
