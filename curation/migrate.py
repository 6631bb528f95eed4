"""Move one source's figures out of the entry file (data/metrics.yaml) into its own figure file.

`python -m curation move-figures SOURCE_ID` (once per source; the seed was moved with it): every row of
that source under the entry file's `metrics:` goes, as its very text (comments, quoting, layout), to
`data/figures/<id>.yaml`, and the source gets `figures: figures/<id>.yaml`; every other byte of the entry
file stays. Nothing is written unless the moved data loads with every figure the same, field by field, in
the same order (checked on a copy). The entry file is replaced atomically and only if it did not change
meanwhile; the figure file must not exist yet. The bytes replaced are kept in the figure file's history
folder, and `--undo` puts them back (refused when either file changed since the move).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from curation import atomic
from curation.figure_file import HEADER
from curation.review import history_dir
from loaders import dataset, yamlfile

_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")
MOVED = "_moved-from-entry.yaml"
"""Suffix of the history copy of the entry file's bytes a move replaced (the undo reads it)."""


class MigrateError(Exception):
    """The move cannot be made as asked; nothing was written."""


@dataclass(frozen=True)
class Move:
    entry: Path
    figure_file: Path
    entry_before: bytes
    entry_after: str
    figures: str
    moved: int


def plan(entry: Path, source_id: str) -> Move:
    """The two texts a move would write, checked: the data loads with the same figures, field by field."""
    entry = Path(entry)
    raw = atomic.read_bytes(entry)
    if raw is None:
        raise MigrateError(f"{entry} does not exist")
    text = raw.decode("utf-8")
    doc = yamlfile.parse(text, str(entry))
    data = doc.data
    if doc.problems or not isinstance(data, dict):
        raise MigrateError(f"{entry} does not read as a mapping: " + "; ".join(map(str, doc.problems)))
    sources = data.get("sources") or []
    index = next((i for i, s in enumerate(sources) if isinstance(s, dict) and s.get("id") == source_id), None)
    if index is None:
        raise MigrateError(f"no source {source_id!r} in {entry}")
    if sources[index].get("figures"):
        raise MigrateError(f"source {source_id!r} already has a figure file: {sources[index]['figures']}")
    rel = f"figures/{source_id}.yaml"
    target = entry.parent / rel
    if target.exists():
        raise MigrateError(f"{target} exists already; a move never overwrites a file")
    rows = data.get("metrics") or []
    mine = [i for i, r in enumerate(rows) if isinstance(r, dict) and r.get("source") == source_id]
    if not mine:
        raise MigrateError(f"{entry} has no figure of source {source_id!r} under metrics:")

    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    key = doc.line(("metrics",))
    tops = sorted(n for n, line in enumerate(lines, 1) if _TOP_KEY.match(line))
    end = next((n for n in tops if n > key), len(lines) + 1)
    starts = [doc.line(("metrics", i)) for i in range(len(rows))]
    if None in starts or starts != sorted(set(starts)):
        raise MigrateError(f"{entry}: the rows under metrics: are not a plain block list; move them by hand")
    spans = ["".join(lines[a - 1 : b - 1]) for a, b in zip(starts, [*starts[1:], end], strict=True)]
    head = "".join(lines[key : starts[0] - 1])  # comment lines between `metrics:` and the first row stay
    moved = "".join(spans[i] for i in mine)
    kept = "".join(s for i, s in enumerate(spans) if i not in set(mine))
    if kept:
        block = lines[key - 1] + head + kept
    else:
        block = "metrics: []  # every figure is in its source's figure file (`figures:` above)\n" + head
    after = lines[: key - 1] + [block] + lines[end - 1 :]

    # `figures:` goes before the source's appearances (the schema's order), else at the end of its entry
    src_key = doc.line(("sources", index, "file"))
    indent = re.match(r"^( *)", lines[src_key - 1]).group(1)
    at = doc.line(("sources", index, "appearances"))
    if at is None:
        nxt = doc.line(("sources", index + 1)) if index + 1 < len(sources) else None
        at = nxt or next(n for n in tops if n > doc.line(("sources",)))
    entry_after = "".join(lines[: at - 1]) + f"{indent}figures: {rel}\n" + "".join(after[at - 1 :])
    if at > key:
        raise MigrateError(f"{entry}: sources: must come before metrics: for a move")
    figures = HEADER + "metrics:\n" + moved
    move = Move(entry, target, raw, entry_after, figures, len(mine))
    _check(move)
    return move


def _check(move: Move) -> None:
    """Load the data before and after on a copy of the entry file's folder: the same figures, in order."""
    before = dataset.load(move.entry)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(move.entry.parent, copy, ignore=shutil.ignore_patterns(".history"))
        (copy / move.entry.name).write_text(move.entry_after, encoding="utf-8")
        target = copy / move.figure_file.relative_to(move.entry.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(move.figures, encoding="utf-8")
        try:
            after = dataset.load(copy / move.entry.name)
        except dataset.FiguresError as exc:
            raise MigrateError(f"the moved data would not validate:\n{exc}") from exc
    old = [m.model_dump() for m in before.metrics]
    new = [m.model_dump() for m in after.metrics]
    if old != new:
        diff = next((a.get("id"), b.get("id")) for a, b in zip(old + [{}], new + [{}], strict=False) if a != b)
        raise MigrateError(f"the moved data would change figures (first difference: {diff}); nothing written")


def run(entry: Path, source_id: str) -> Move:
    """Plan, check, then write: the figure file (new), the entry file (atomic, if unchanged), a history copy."""
    move = plan(entry, source_id)
    move.figure_file.parent.mkdir(parents=True, exist_ok=True)
    atomic.create(move.figure_file, move.figures.encode("utf-8"))
    try:
        atomic.write(move.entry, move.entry_after.encode("utf-8"), expected=atomic.digest(move.entry_before))
    except BaseException:
        move.figure_file.unlink()
        raise
    folder = history_dir(move.figure_file)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    atomic.create(folder / f"{stamp}{MOVED}", move.entry_before)
    return move


def undo(entry: Path, source_id: str) -> None:
    """Put the entry file back as it was before the last move of source_id and remove the figure file,
    refused when either changed since the move (a later edit is never lost)."""
    entry = Path(entry)
    target = entry.parent / f"figures/{source_id}.yaml"
    copies = sorted(history_dir(target).glob(f"*{MOVED}")) if history_dir(target).exists() else []
    if not copies:
        raise MigrateError(f"no move of {source_id!r} to undo")
    before = copies[-1].read_bytes()
    redo = plan_from(before, entry, source_id)
    if atomic.read_bytes(target) != redo.figures.encode("utf-8"):
        raise MigrateError(f"{target} changed since the move; undo refused (git has the old entry file)")
    current = atomic.read_bytes(entry)
    if current != redo.entry_after.encode("utf-8"):
        raise MigrateError(f"{entry} changed since the move; undo refused (git has the old entry file)")
    atomic.write(entry, before, expected=atomic.digest(current))
    target.unlink()
    copies[-1].rename(copies[-1].with_name(copies[-1].name.replace(MOVED, "_undone.yaml")))


def plan_from(entry_bytes: bytes, entry: Path, source_id: str) -> Move:
    """The move as it was planned from entry_bytes (the undo compares what is on disk with it)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(entry.parent, copy, ignore=shutil.ignore_patterns(".history", "figures"))
        if (entry.parent / "figures").exists():
            shutil.copytree(entry.parent / "figures", copy / "figures", ignore=shutil.ignore_patterns(".history"))
            (copy / "figures" / f"{source_id}.yaml").unlink(missing_ok=True)
        (copy / entry.name).write_bytes(entry_bytes)
        m = plan(copy / entry.name, source_id)
    return Move(entry, entry.parent / f"figures/{source_id}.yaml", entry_bytes, m.entry_after, m.figures, m.moved)
