"""A stand-in with the interface of issue 11's drafter (loaders.draft): context(ds, source), then
draft(text, ctx).proposals, each with .row(). The Curate page's adapter is tested against it."""

from __future__ import annotations

from dataclasses import dataclass

import curation_data as cd


@dataclass
class _Proposal:
    fields: dict

    def row(self) -> dict:
        return dict(self.fields)


@dataclass
class _Draft:
    proposals: list


def context(ds, source: str) -> str:
    return source


def draft(text: str, ctx: str) -> _Draft:
    if text != cd.TEXT:
        return _Draft([])
    return _Draft([_Proposal(dict(r, source=ctx)) for r in cd.DRAFTS])
