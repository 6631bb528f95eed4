"""The glossary that learns: every English label a curator saves goes into data/glossary.yaml.

Validated before writing (each entry as a GlossaryEntry), written atomically and only over the bytes it read
(another writer in between: it reads again and merges again, which loses nothing: merging is idempotent).
The registry's own `glossary:` in data/metrics.yaml is never written here and wins when both know a label.
A curator's newer English for a label replaces the learnt one: git shows the change. Each learning keeps the
bytes it replaced in data/.history/glossary/ (as a save does for a figure file), and undo() takes it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from curation import review as _review
from loaders import atomic
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
        data = text.encode("utf-8")
        with _review._locked(path):  # the bytes replaced are kept, so the learning can be undone
            backup = _review._keep(path, raw or b"", lambda s, d=data: f"{s}_{atomic.digest(d)}.yaml")
            try:
                atomic.write(path, data, expected=atomic.digest(raw))
            except atomic.Conflict:
                backup.unlink(missing_ok=True)
                continue
            _review._prune(path, _review.KEEP)
        return sorted(new)
    raise GlossaryError(f"{path} kept changing while it was written; nothing was learnt")


def digest(metrics_file: Path) -> str | None:
    """sha256 of the learnt glossary as it is now (None: there is none)."""
    return atomic.digest(atomic.read_bytes(learnt.path_for(metrics_file)))


def undo(metrics_file: Path, expected: str | None) -> bool:
    """Take back the last learning, exactly, if the glossary is still as it left it (sha256 expected); False,
    changing nothing, when it is not (a later save learnt more, or someone edited it)."""
    path = learnt.path_for(metrics_file)
    if expected is None:
        return False
    with _review._locked(path):
        current = atomic.read_bytes(path)
        if atomic.digest(current) != expected:
            return False
        last = next((v for v in _review.history(path) if v.kind == "save" and v.after == expected), None)
        if last is None:
            return False
        previous = last.path.read_bytes()
        if previous:
            atomic.write(path, previous, expected=expected)
        else:  # there was no glossary before it learnt
            path.unlink()
        last.path.unlink()
    return True
