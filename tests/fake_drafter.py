"""A stand-in for the drafter in the Curate page's tests (CURATE_DRAFTER=fake_drafter): the fixture's proposals,
always the same, written by the drafter's own writer (drafting.write) through draft_source's interface.

It proposes the fixture's rows for the fixture text, whatever id the text was registered under, with the
English labels a glossary would give (all but the first: a curator writes that one).
"""

from __future__ import annotations

from pathlib import Path

import curation_data as cd

from drafting import write as draft_write
from drafting.proposals import Proposal

LABELS = {
    "fxc-grid-workers": "Grid workers",
    "fxc-relief": "Relief funds",
    "fxc-teams": "Volunteer teams",
    "fxc-activities": "Activities",
    "fxc-people": "Participants",
}


def _proposal(row: dict, text: str) -> Proposal:
    return Proposal(
        id=row["id"],
        source=row["source"],
        city=row["city"],
        type=row["type"],
        label_zh=row["label_zh"],
        label_en=LABELS.get(row["id"], ""),
        value=row.get("value"),
        low=None,
        high=None,
        unit=row.get("unit"),
        value_norm=None,
        unit_norm=None,
        qualifier=row.get("qualifier", "exact"),
        status=row["status"],
        quote=row["quote"],
        anchor=row.get("anchor"),
        start=row["start"],
        end=row["end"],
        reason=row["reason"],
        at=draft_write.row_at(text, row),
    )


def draft_source(ds, source: str, entry: Path, out: Path | None = None, expected_sha256=False):
    text = ds.texts[source]
    rows = [dict(r, source=source) for r in cd.DRAFTS] if text == cd.TEXT else []
    out = out or ds.figure_files[source]
    report = draft_write.write_figure_file(
        Path(out),
        text,
        [_proposal(r, text) for r in rows],
        validate=draft_write.dataset_validator(entry, Path(out), source),
        expected_sha256=expected_sha256,
    )
    return None, report, []
