"""Strict schema of data/metrics.yaml: a misspelt key or a wrong type is an error."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80),
    Field(description="Stable identifier: lower-case letters, digits, '-' and '_'."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]

HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 control characters and the bidirectional embeddings, overrides and isolates: invisible, and able to
reorder what is shown around them (a title with U+202E reads backwards). Refused in ids, titles, names,
citations, figure labels and notes (a note may break lines and hold tabs); a source text keeps them verbatim, and the reader shows each one as ⟨U+202E⟩ (views/text.visible)."""


def codepoint(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE', 'U+0007' (control characters have no name)."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def _no_hidden(s: str, allowed: str = "") -> str:
    for m in HIDDEN.finditer(s):
        if m.group() not in allowed:
            raise ValueError(
                f"contains the invisible character {codepoint(m.group())} at position {m.start()}; control "
                "characters and bidirectional overrides are refused in ids, titles, names, citations, labels and "
                "notes (remove it)"
            )
    return s


def _no_hidden_but_lines(s: str) -> str:
    return _no_hidden(s, "\n\t\r")


Plain = Annotated[Text, AfterValidator(_no_hidden)]
"""Text shown as a title, a name, a citation or a label: no control characters, no bidirectional overrides."""
Note = Annotated[Text, AfterValidator(_no_hidden_but_lines)]
"""A note: as Plain, but it may break lines and hold tabs."""
Number = Annotated[
    float,
    Field(ge=0, allow_inf_nan=False, description="A figure as the text gives it (never negative)."),
]


Level = Literal["country", "province", "city", "district", "county", "street", "town", "community", "village"]
LEVELS = get_args(Level)
"""Administrative levels, largest first: a subdistrict (street) is never ranked against a whole city."""
Date = Annotated[
    str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"), Field(description="YYYY, YYYY-MM or YYYY-MM-DD.")
]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000), AfterValidator(_no_hidden)]
Status = Literal["reported", "blank", "partial", "missing_section"]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "range"]
STATUSES: tuple[Status, ...] = get_args(Status)
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)

# Status groups, named for what they mean; every module takes them from here.
NUMBER_MISSING: tuple[Status, ...] = ("blank", "partial")
"""The text had a number here and it was deleted, wholly (blank) or in part (partial: some digits survive)."""
GAPS: tuple[Status, ...] = (*NUMBER_MISSING, "missing_section")
"""Everything the source leaves out: a missing number, or a whole section the introduction announces."""
assert set(GAPS) <= set(STATUSES), "status groups must name statuses of the Literal"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Appearance(_Strict):
    """What one source says about one place: a fact of that source, not of the place."""

    place: Slug
    announced_as: Text | None = Field(
        default=None, description="Verbatim name under which the source's introduction announces the place."
    )
    named_as: list[Text] = Field(
        default=[],
        description="Verbatim names under which the text names the place (a place simply named: no section implied).",
    )
    has_section: bool = Field(default=False, description="Whether the source has a section for this place.")
    section_heading: Text | None = Field(
        default=None, description="Verbatim heading line that opens the place's section in this source."
    )
    speaker_zh: Text | None = None
    speaker_en: Text | None = None
    role_zh: Text | None = None
    role_en: Text | None = None


class Source(_Strict):
    """A text and its citation (in the spirit of OWID's origin block); optional fields stay optional."""

    id: Slug
    file: Plain = Field(description="Path of the source text, relative to the YAML file.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="sha256 of the source file's bytes; the loader refuses a text that differs."
    )
    title_en: Plain
    title_zh: Plain
    publisher_zh: Plain | None = Field(default=None, description="Publisher or outlet, as it names itself.")
    publisher_en: Plain | None = None
    author: Plain | None = None
    published: Date | None = Field(default=None, description="Date published (YYYY, YYYY-MM or YYYY-MM-DD).")
    url: Url | None = Field(default=None, description="Address where the text was found.")
    accessed: Date | None = Field(default=None, description="Date the text was accessed.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]+)?$")]
    masking_note_en: Text | None = None
    masking_note_zh: Text | None = None
    deletion_note_en: Text | None = None
    deletion_note_zh: Text | None = None
    notes_en: Note | None = None
    notes_zh: Note | None = None
    main_place: Slug | None = Field(default=None, description="The place the text is mainly about, if one.")
    figures: Plain | None = Field(
        default=None,
        description="File holding this source's figures (a `metrics:` list), relative to the YAML file.",
    )
    appearances: list[Appearance] = Field(
        default=[], description="The places this source names: announced, with or without a section."
    )


class Place(_Strict):
    """A place of the registry (the key stays `cities`): shared by every source that names it."""

    id: Slug
    zh: Plain
    en: Plain
    level: Level = Field(description="Administrative level: " + ", ".join(LEVELS) + ".")
    parent: Slug | None = Field(default=None, description="The place this one lies in (a registry id).")
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")] | None = Field(
        default=None, description="Six-digit division code (GB/T 2260 adcode), where the place is a division."
    )
    province_zh: Text | None = None
    province_en: Text | None = None


class MetricType(_Strict):
    id: Slug
    zh: Plain
    en: Plain
    description_en: Text
    description_zh: Text | None = None
    keywords: list[Text] = Field(
        default=[],
        description="Words that make the drafter propose this type (in the label, the unit or the clause).",
    )


class Indicator(_Strict):
    id: Slug
    zh: Plain
    en: Plain
    description_en: Text | None = None
    description_zh: Text | None = None


class Rejected(_Strict):
    """A drafted proposal a curator rejected: remembered so re-drafting does not propose it again."""

    quote: Text
    start: Annotated[int, Field(ge=0)] | None = None
    value: Number | None = None
    status: Status | None = None
    reason: Text | None = None


class Figure(_Strict):
    id: Slug
    source: Slug
    city: Slug
    type: Slug
    indicator: Slug | None = Field(
        default=None, description="Shared by rows that measure the same thing in different cities."
    )
    label_zh: Plain
    label_en: Annotated[str, StringConstraints(max_length=2000), AfterValidator(_no_hidden)] = Field(
        description="English label; empty when there is no translation yet: English pages then show the Chinese "
        "label marked (untranslated)."
    )
    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    unit: Annotated[str, StringConstraints(max_length=20)] | None = Field(
        default=None, description="Unit or measure word as written (个, 名, 万元, %, …)."
    )
    qualifier: Qualifier = "exact"
    status: Status
    quote: Text = Field(description="Verbatim substring of the source; must occur exactly once.")
    anchor: Annotated[str, StringConstraints(max_length=2000)] | None = Field(
        default=None,
        description=(
            "Text of the quote that ends where the number starts, or where the deleted number "
            "belongs. Required for blank and partial rows; '' means the start of the quote."
        ),
    )
    digits_shown: Annotated[str, StringConstraints(pattern=r"^[0-9.]+$")] | None = Field(
        default=None, description="Partial rows: the digits of the cut number that survive."
    )
    note: Note | None = None
    draft: bool = Field(default=False, description="An unreviewed proposal of the drafter (python -m drafting draft).")
    reason: Text | None = Field(default=None, description="Drafts: what rule fired and what is uncertain.")
    confidence: Annotated[float, Field(ge=0, le=1)] | None = Field(
        default=None,
        description="Drafts: how likely the drafter's proposal is a figure a curator keeps (0-1); review order.",
    )
    rule: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None, description="Drafts: the name of the drafter's rule that fired."
    )
    start: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Character offset where the quote starts in the text (checked when given)."
    )
    end: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Character offset where the quote ends in the text (checked when given)."
    )


class GlossaryEntry(_Strict):
    zh: Text
    en: Text


SECTIONS: dict[str, type[_Strict]] = {
    "sources": Source,
    "cities": Place,
    "metric_types": MetricType,
    "indicators": Indicator,
    "glossary": GlossaryEntry,
    "metrics": Figure,
}


class FiguresFile(_Strict):
    """A source's own figure file (data/figures/<source>.yaml); used for its JSON Schema."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"title": "Figures of one source (data/figures/*.yaml)"},
    )
    metrics: list[Figure]
    rejected: list[Rejected] = []


FIGURE_SECTIONS: dict[str, type[_Strict]] = {"metrics": Figure, "rejected": Rejected}


class MetricsFile(_Strict):
    """The whole file; used for the committed JSON Schema."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"title": "Curated figures (data/metrics.yaml)"},
    )
    sources: list[Source]
    cities: list[Place]
    metric_types: list[MetricType]
    indicators: list[Indicator] = []
    glossary: list[GlossaryEntry] = Field(default=[], description="zh -> en terms for the drafter's labels.")
    metrics: list[Figure]
