"""A stand-in for the drafter of issue 11 (loaders.draft) in the Curate page's tests: CURATE_DRAFTER=fake_drafter.

It proposes the fixture's rows for the fixture text, whatever id the text was registered under.
"""

from __future__ import annotations

from pathlib import Path

import curation_data as cd

from loaders.dataset import load


def propose(metrics_file: Path, source: str) -> list[dict]:
    ds = load(metrics_file)
    if ds.texts.get(source) != cd.TEXT:
        return []
    return [dict(r, source=source) for r in cd.DRAFTS]
