"""Headline numbers for the Overview page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Headline:
    figures: int
    cities_with_section: int
    cities_announced: int
    blanks: int
    partial: int
    share_blank: float | None  # blank + partial among figures that are not section gaps


def headline(df: pd.DataFrame, cities: dict) -> Headline:
    figures = df[df["status"] != "missing_section"]
    blanks = int((df["status"] == "blank").sum())
    partial = int((df["status"] == "partial").sum())
    present = set(df["city"])  # once, not once per city (bench/: quadratic at 100x the data)
    return Headline(
        figures=len(figures),
        cities_with_section=sum(1 for c in cities.values() if c["has_section"] and c["id"] in present),
        cities_announced=len(present),
        blanks=blanks,
        partial=partial,
        share_blank=(blanks + partial) / len(figures) if len(figures) else None,
    )


def missing_sections(df: pd.DataFrame, cities: dict) -> list[dict]:
    """Cities the text announces without a section, with the quote that names them."""
    rows = df[df["status"] == "missing_section"]
    return [{**cities[r.city], "quote": r.quote, "figure": r.id} for r in rows.itertuples()]
