"""A stand-in for the drafter of issue 11 (loaders.draft) in the Curate page's tests: CURATE_DRAFTER=fake_drafter.

It proposes the fixture's rows for the fixture text, whatever id the text was registered under, with the
English labels a glossary would give (all but the first: a curator writes that one).
"""

from __future__ import annotations

from pathlib import Path

import curation_data as cd

from loaders.dataset import load


def propose(metrics_file: Path, source: str) -> list[dict]:
    ds = load(metrics_file)
    if ds.texts.get(source) != cd.TEXT:
        return []
    return [dict(r, source=source, label_en=LABELS.get(r["id"], "")) for r in cd.DRAFTS]


LABELS = {
    "fxc-grid-workers": "Grid workers",
    "fxc-relief": "Relief funds",
    "fxc-teams": "Volunteer teams",
    "fxc-activities": "Activities",
    "fxc-people": "Participants",
}
