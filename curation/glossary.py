"""The glossary that learns: every English label a curator saves goes into data/glossary.yaml.

Validated before writing (each entry as a GlossaryEntry), written atomically and only over the bytes it read
(another writer in between: it reads again and merges again, which loses nothing: merging is idempotent).
The registry's own `glossary:` in data/metrics.yaml is never written here and wins when both know a label.
A curator's newer English for a label replaces the learnt one: git shows the change.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from curation import atomic
from loaders import glossary as learnt

HEADER = (
    "# English labels saved on the Curate page, learnt so the drafter proposes them for the same Chinese label.\n"
    "# Written by curation/glossary.py (sorted by zh); edit by hand if you like: the registry's `glossary:` in\n"
    "# metrics.yaml wins where both have a label.\n"
)


class GlossaryError(Exception):
    """The learnt glossary cannot be read as entries: nothing was written."""


def render(entries: dict[str, str]) -> str:
    items = [{"zh": zh, "en": entries[zh]} for zh in sorted(entries)]
    return HEADER + yaml.safe_dump({"glossary": items}, allow_unicode=True, sort_keys=False, width=1000)


def pairs_of(rows: Iterable[dict]) -> dict[str, str]:
    """label_zh -> label_en of the accepted rows that have both."""
    out = {}
    for r in rows:
        if not isinstance(r, dict) or r.get("draft") is True:
            continue
        zh, en = (r.get("label_zh") or "").strip(), (r.get("label_en") or "").strip()
        if zh and en:
            out[zh] = en
    return out


def learn(metrics_file: Path, pairs: dict[str, str], *, attempts: int = 3) -> list[str]:
    """Add pairs (zh -> en) to the learnt glossary; the Chinese labels added or changed, in order."""
    path = learnt.path_for(metrics_file)
    known = learnt.registry(metrics_file)
    for _ in range(attempts):
        raw = atomic.read_bytes(path)
        current = learnt.parse(raw.decode("utf-8"), str(path)) if raw else learnt.Learnt()
        if current.problems:
            raise GlossaryError("\n".join(str(p) for p in current.problems))
        new = {zh: en for zh, en in pairs.items() if known.get(zh) is None and current.entries.get(zh) != en}
        if not new:
            return []
        merged = {**current.entries, **new}
        text = render(merged)
        check = learnt.parse(text, str(path))
        if check.problems or check.entries != merged:  # what is written must read back as what was meant
            raise GlossaryError("\n".join(str(p) for p in check.problems) or "the glossary would not read back")
        try:
            atomic.write(path, text.encode("utf-8"), expected=atomic.digest(raw))
        except atomic.Conflict:
            continue
        return sorted(new)
    raise GlossaryError(f"{path} kept changing while it was written; nothing was learnt")
