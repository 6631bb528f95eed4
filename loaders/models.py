"""Strict schema of data/metrics.yaml: a misspelt key or a wrong type is an error."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80),
    Field(description="Stable identifier: lower-case letters, digits, '-' and '_'."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Number = Annotated[
    float,
    Field(ge=0, allow_inf_nan=False, description="A figure as the text gives it (never negative)."),
]


STATUSES = ("reported", "blank", "partial", "missing_section")
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "range")
Status = Literal["reported", "blank", "partial", "missing_section"]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "range"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Strict):
    id: Slug
    file: Text = Field(description="Path of the source text, relative to the YAML file.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="sha256 of the source file's bytes; the loader refuses a text that differs."
    )
    title_en: Text
    title_zh: Text
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]+)?$")]
    masking_note_en: Text
    masking_note_zh: Text
    deletion_note_en: Text
    deletion_note_zh: Text


class City(_Strict):
    id: Slug
    zh: Text
    en: Text
    province_zh: Text | None = None
    province_en: Text | None = None
    speaker_zh: Text | None = None
    speaker_en: Text | None = None
    role_zh: Text | None = None
    role_en: Text | None = None
    has_section: bool = Field(description="Whether the article has a section for this city.")
    section_heading: Text | None = Field(
        default=None, description="Verbatim heading line that opens the city's section."
    )
    announced_as: Text | None = Field(
        default=None, description="Verbatim name under which the introduction announces the city."
    )


class MetricType(_Strict):
    id: Slug
    zh: Text
    en: Text
    description_en: Text
    description_zh: Text | None = None
    keywords: list[Text] = Field(
        default=[],
        description="Words that make the drafter propose this type (in the label, the unit or the clause).",
    )


class Indicator(_Strict):
    id: Slug
    zh: Text
    en: Text
    description_en: Text | None = None
    description_zh: Text | None = None


class Metric(_Strict):
    id: Slug
    source: Slug
    city: Slug
    type: Slug
    indicator: Slug | None = Field(
        default=None, description="Shared by rows that measure the same thing in different cities."
    )
    label_zh: Text
    label_en: Annotated[str, StringConstraints(max_length=2000)] = Field(
        description="English label; only a draft may leave it empty."
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
    note: Text | None = None
    draft: bool = Field(default=False, description="An unreviewed proposal of the drafter (python -m loaders draft).")
    reason: Text | None = Field(default=None, description="Drafts: what rule fired and what is uncertain.")
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
    "cities": City,
    "metric_types": MetricType,
    "indicators": Indicator,
    "glossary": GlossaryEntry,
    "metrics": Metric,
}


class MetricsFile(_Strict):
    """The whole file; used for the committed JSON Schema."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"title": "Curated figures (data/metrics.yaml)"},
    )
    sources: list[Source]
    cities: list[City]
    metric_types: list[MetricType]
    indicators: list[Indicator] = []
    glossary: list[GlossaryEntry] = Field(default=[], description="zh -> en terms for the drafter's labels.")
    metrics: list[Metric]
