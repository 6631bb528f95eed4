"""Review a source's figures: accept, fix or reject drafted rows, check them live, and save without losing anything.

A row's review state: accepted (no `draft` key), unreviewed (`draft: true`) or rejected (moved to the file's
`rejected:` list, so re-drafting never proposes it again).

Saving writes the source's figure file only, never data/metrics.yaml: it validates the whole dataset with the
change applied (an invalid result is never written), refuses when the file changed since it was read (and says
what changed), keeps the bytes it replaces in data/figures/.history/<file>/ (the last KEEP versions), and
writes atomically under a lock, so two savers never interleave. Undo restores the bytes of the last save exactly.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import fcntl
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from curation import figure_file
from curation.figure_file import FigureText
from loaders import atomic, derive, entry, scan, store, yamlfile
from loaders.dataset import Dataset, _display, load
from loaders.problems import FiguresError, Problem

STATES = ("accepted", "unreviewed", "rejected")
EDITABLE = (
    "city",
    "type",
    "indicator",
    "label_zh",
    "label_en",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "status",
    "quote",
    "anchor",
    "digits_shown",
    "note",
)
"""Fields a curator may change on a row (the place is `city`)."""
DRAFT_ONLY = ("draft", "reason", "confidence", "rule")
"""Keys an accepted row loses: it is no proposal any more."""
KEEP = 20
"""Versions kept in the history folder of each figure file; older ones are removed at the next save."""
HISTORY = ".history"


class CurationError(Exception):
    """A change that cannot be made; nothing was written."""


class Invalid(CurationError):
    """The dataset would not validate with the change: the problems, in the loader's words."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"not saved: the change would leave {n} problem{'s' if n != 1 else ''}"
        super().__init__("\n".join([head, *(str(p) for p in self.problems)]))


@dataclass(frozen=True)
class Diff:
    """What differs between the rows a page loaded and the rows on disk now."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    rejected_added: int = 0
    rejected_removed: int = 0
    unreadable: str | None = None

    def lines(self) -> list[str]:
        if self.unreadable:
            return [f"the file on disk cannot be read as rows now: {self.unreadable}"]
        out = []
        if self.added:
            out.append(f"{len(self.added)} row(s) added: {', '.join(self.added)}")
        if self.removed:
            out.append(f"{len(self.removed)} row(s) removed: {', '.join(self.removed)}")
        for rid, fields in self.changed.items():
            out.append(f"row {rid} changed: {', '.join(fields)}")
        if self.rejected_added or self.rejected_removed:
            out.append(f"rejected list: {self.rejected_added} added, {self.rejected_removed} removed")
        return out or ["the rows are the same, but the bytes differ (formatting or comments)"]


class Stale(CurationError):
    """The file changed on disk since it was read: saving now would overwrite someone's edit."""

    def __init__(self, path: Path, diff: Diff):
        self.path, self.diff = path, diff
        super().__init__(
            f"not saved: {path} changed on disk since you loaded it; reload it and apply your change again.\n"
            + "\n".join("  " + line for line in diff.lines())
        )


class NothingToUndo(CurationError):
    pass


# 1/ a source's figure file as rows with their review state


@dataclass(frozen=True)
class Sheet:
    """A source's figure file being reviewed: the rows as read (`loaded`) and the rows with the edits applied."""

    metrics_file: Path
    source: str
    path: Path
    display: str
    loaded: FigureText
    rows: list[dict]
    rejected: list[dict]
    text: str | None
    """The source text (None when it cannot be read: the validator says why)."""

    @property
    def digest(self) -> str | None:
        """sha256 of the bytes read: a save refuses unless the file still has them."""
        return self.loaded.digest

    def row(self, rid: str) -> dict:
        for r in self.rows:
            if isinstance(r, dict) and r.get("id") == rid:
                return r
        raise CurationError(f"no row {rid!r} in {self.display}")

    def render(self) -> str:
        """The file's text with the sheet's rows: a row left as read keeps its own text, comments and all."""
        raw = self.loaded.raw
        original = raw[3:] if raw and raw.startswith(b"\xef\xbb\xbf") else raw
        if original:
            return figure_file.render_over(original.decode("utf-8"), self.rows, self.rejected, self.loaded.extra)
        return figure_file.render(self.rows, self.rejected, self.loaded.header, self.loaded.extra)

    def changed(self) -> bool:
        return self.rows != self.loaded.metrics or self.rejected != self.loaded.rejected


def state(row: dict) -> str:
    return "unreviewed" if row.get("draft") is True else "accepted"


def records(sheet: Sheet) -> list[dict]:
    """Every row as a plain record with its review state; rejected entries last."""
    out = [{**r, "state": state(r)} for r in sheet.rows if isinstance(r, dict)]
    out += [{**r, "state": "rejected"} for r in sheet.rejected if isinstance(r, dict)]
    return out


def counts(sheet: Sheet) -> dict[str, int]:
    n = dict.fromkeys(STATES, 0)
    for r in records(sheet):
        n[r["state"]] += 1
    return n


def _entry(metrics_file: Path, source: str) -> dict:
    """The source's entry in the metrics file, read without validating (the page must open a broken file too)."""
    if entry.data(metrics_file) is None:
        _, problems = yamlfile.read_text(metrics_file, _display(metrics_file))
        raise CurationError("; ".join(str(p) for p in problems) or f"cannot read {_display(metrics_file)}")
    found = entry.source_entry(metrics_file, source)
    if found is None:
        raise CurationError(f"no source {source!r} in {_display(metrics_file)}")
    return found


def _inside(base: Path, rel) -> Path:
    p = Path(str(rel))
    if p.is_absolute() or ".." in p.parts:
        raise CurationError(f"{rel!r} must be a path inside {base}, without '..'")
    return base / p


def open_sheet(metrics_file: Path, source: str) -> Sheet:
    """The source's figure file as rows; CurationError when the source has none or it cannot be read as rows."""
    metrics_file = Path(metrics_file)
    src = _entry(metrics_file, source)
    if not src.get("figures"):
        raise CurationError(
            f"source {source!r} keeps its figures in {_display(metrics_file)}, which the Curate page never "
            "writes: give it a figure file (`figures:`) or edit it by hand"
        )
    path = _inside(metrics_file.parent, src["figures"])
    display = _display(path)
    loaded = figure_file.read(path, display, base=metrics_file.parent)  # the loader's cap; no link, no FIFO
    if loaded.problems:
        raise CurationError("cannot review this figure file:\n" + "\n".join(str(p) for p in loaded.problems))
    text = None
    if src.get("file"):
        with contextlib.suppress(UnicodeDecodeError, CurationError):  # as the loader reads it: capped, no link
            raw, _ = yamlfile.read_data(_inside(metrics_file.parent, src["file"]), "", base=metrics_file.parent)
            text = raw.decode("utf-8") if raw is not None else None
    return Sheet(
        metrics_file, source, path, display, loaded, [dict(r) for r in loaded.metrics], list(loaded.rejected), text
    )


# 2/ edits


@dataclass(frozen=True)
class Accept:
    id: str


@dataclass(frozen=True)
class Reject:
    id: str
    reason: str | None = None


@dataclass(frozen=True)
class Set:
    id: str
    field: str
    value: object


@dataclass(frozen=True)
class Add:
    row: dict


Edit = Accept | Reject | Set | Add


def apply(sheet: Sheet, edits: Iterable[Edit]) -> Sheet:
    """The sheet with the edits applied, in order; the rows as read stay as they were."""
    rows = [dict(r) if isinstance(r, dict) else r for r in sheet.rows]
    rejected = list(sheet.rejected)

    def find(rid: str) -> int:
        for i, r in enumerate(rows):
            if isinstance(r, dict) and r.get("id") == rid:
                return i
        raise CurationError(f"no row {rid!r} in {sheet.display}")

    for e in edits:
        if isinstance(e, Accept):
            i = find(e.id)
            rows[i] = {k: v for k, v in rows[i].items() if k not in DRAFT_ONLY}
        elif isinstance(e, Reject):
            i = find(e.id)
            rejected.append(_rejection(rows.pop(i), e.reason, sheet.text))
        elif isinstance(e, Set):
            if e.field not in EDITABLE:
                raise CurationError(f"{e.field!r} is not a field the page edits ({', '.join(EDITABLE)})")
            i = find(e.id)
            value = e.value.strip() if isinstance(e.value, str) else e.value
            if value == "" and e.field not in ("anchor",):
                value = None  # an emptied cell removes the key; the validator says if it was required
            rows[i] = figure_file.with_field(rows[i], e.field, value)
        elif isinstance(e, Add):
            rid = e.row.get("id")
            if any(isinstance(r, dict) and r.get("id") == rid for r in rows):
                raise CurationError(f"a row {rid!r} exists already; it is never overwritten")
            rows.append(figure_file.clean(dict(e.row)))
        else:
            raise CurationError(f"unknown edit {e!r}")
    return replace(sheet, rows=rows, rejected=rejected)


def _rejection(row: dict, reason: str | None, text: str | None) -> dict:
    """What is remembered of a rejected row: enough for the drafter to recognise the same proposal."""
    start = row.get("start")
    quote = row.get("quote")
    if start is None and text and quote and text.count(quote) == 1:
        start = text.find(quote)
    out = {"quote": quote, "start": start, "value": row.get("value"), "status": row.get("status")}
    out["reason"] = (reason or "").strip() or "rejected by a curator"
    return figure_file.clean(out)


# 3/ validation by the loader's own rules


@dataclass(frozen=True)
class Check:
    """Problems of the dataset with the sheet applied, mapped back to the sheet's rows."""

    problems: list[Problem]
    rows: dict[int, list[Problem]]
    """row index in sheet.rows -> its problems."""
    rejected: dict[int, list[Problem]]
    other: list[Problem]
    dataset: Dataset | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def of(self, sheet: Sheet, rid: str) -> list[Problem]:
        """Problems of the row with id rid (live validation of one row)."""
        for i, r in enumerate(sheet.rows):
            if isinstance(r, dict) and r.get("id") == rid:
                return self.rows.get(i, [])
        return []


def check(sheet: Sheet, text: str | None = None) -> Check:
    """Validate as if the figure file held the sheet (or text), by the same rules as a full build; nothing is
    written."""
    text = sheet.render() if text is None else text
    try:
        # This source's file by every rule of the loader, then its keys against the store of the others: the
        # cost grows with the file being edited, not with the whole dataset.
        ds = load(sheet.metrics_file, figure_texts={sheet.path: text}, only={sheet.source})
        store.check_keys(ds, {sheet.source}, sheet.metrics_file)
    except FiguresError as exc:
        problems = exc.problems
    else:
        return Check([], {}, {}, [], ds)
    rows: dict[int, list[Problem]] = {}
    gone: dict[int, list[Problem]] = {}
    other = []
    for p in problems:
        mine = p.file == sheet.display and len(p.loc) >= 2 and isinstance(p.loc[1], int)
        if mine and p.loc[0] == "metrics":
            rows.setdefault(p.loc[1], []).append(p)
        elif mine and p.loc[0] == "rejected":
            gone.setdefault(p.loc[1], []).append(p)
        else:
            other.append(p)
    return Check(problems, rows, gone, other)


def uncovered(sheet: Sheet, result: Check | None = None) -> list[scan.Finding] | None:
    """The completeness scan of this text with the sheet applied: numbers and blanks no row covers and no
    exclusion explains. Unreviewed drafts count as covering (they are proposals on the page); None while the
    sheet does not validate (the scan needs placed rows) or when the text has more than scan.MAX_NUMBERS numbers."""
    result = check(sheet) if result is None else result
    if result.dataset is None or sheet.source not in result.dataset.texts:
        return None
    if scan.number_count(result.dataset.texts[sheet.source]) > scan.MAX_NUMBERS:
        return None  # bounded work per edit: the page says why (views.curate.Summary.numbers)
    ds = result.dataset
    df = derive.frame(ds)
    excl = sheet.metrics_file.parent / "scan_exclusions.yaml"
    exclusions = scan.load_exclusions(excl) if excl.exists() else []
    return [f for _, f in scan.uncovered(df, {sheet.source: ds.texts[sheet.source]}, exclusions)]


# 4/ saving, history and undo


def history_dir(path: Path) -> Path:
    """data/figures/.history/<file name without .yaml>/: beside the file, so it is found, but not a figure file."""
    return path.parent / HISTORY / path.stem


@contextlib.contextmanager
def _locked(path: Path):
    """One saver at a time per figure file (every saver goes through here; an editor does not, hence the sha256)."""
    folder = history_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


_SAVE = re.compile(r"^(\d{8}T\d{12}Z)(?:-\d+)?_([0-9a-f]{64})\.yaml$")
_UNDONE = re.compile(r"^(\d{8}T\d{12}Z)(?:-\d+)?\.undone\.yaml$")


@dataclass(frozen=True)
class Version:
    """A copy in the history folder: the bytes a save replaced (kind 'save', `after` = sha256 it wrote), or
    the bytes an undo replaced (kind 'undone')."""

    path: Path
    stamp: str
    kind: str
    after: str | None


def history(path: Path) -> list[Version]:
    """Kept versions of a figure file, newest first."""
    folder = history_dir(Path(path))
    out = []
    for p in folder.glob("*.yaml") if folder.is_dir() else ():
        if m := _SAVE.match(p.name):
            out.append(Version(p, m.group(1), "save", m.group(2)))
        elif m := _UNDONE.match(p.name):
            out.append(Version(p, m.group(1), "undone", None))
    return sorted(out, key=lambda v: v.path.name, reverse=True)


def _stamp() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _keep(path: Path, data: bytes, name: Callable[[str], str]) -> Path:
    folder = history_dir(path)
    stamp = _stamp()
    for n in range(1000):
        target = folder / name(stamp if n == 0 else f"{stamp}-{n}")
        try:
            atomic.create(target, data)
            return target
        except FileExistsError:
            continue
    raise CurationError(f"cannot name a backup in {folder}")


def _prune(path: Path, keep: int) -> None:
    for kind in ("save", "undone"):
        for v in [v for v in history(path) if v.kind == kind][keep:]:
            v.path.unlink(missing_ok=True)


def _clear_leftovers(path: Path) -> None:
    """Temporary files of a saver that died between write and rename (we hold the lock: no saver is live)."""
    for p in path.parent.glob(f".{path.name}.*.tmp"):
        p.unlink(missing_ok=True)


def _diff(before: FigureText, raw: bytes | None, sheet: Sheet) -> Diff:
    now = figure_file.parse(raw, sheet.path, sheet.display)
    if now.problems:
        return Diff(unreadable="; ".join(p.message for p in now.problems))

    def by_id(rows):
        return {r.get("id"): r for r in rows if isinstance(r, dict)}

    a, b = by_id(before.metrics), by_id(now.metrics)
    changed = {
        rid: [k for k in dict.fromkeys([*a[rid], *b[rid]]) if a[rid].get(k) != b[rid].get(k)]
        for rid in a.keys() & b.keys()
        if a[rid] != b[rid]
    }
    ra = {repr(sorted(r.items())) for r in before.rejected if isinstance(r, dict)}
    rb = {repr(sorted(r.items())) for r in now.rejected if isinstance(r, dict)}
    return Diff(
        added=[str(k) for k in b if k not in a],
        removed=[str(k) for k in a if k not in b],
        changed={str(k): v for k, v in sorted(changed.items(), key=lambda kv: str(kv[0]))},
        rejected_added=len(rb - ra),
        rejected_removed=len(ra - rb),
    )


def stale(sheet: Sheet) -> Diff | None:
    """What changed on disk since the sheet was read, or None when nothing did."""
    raw = atomic.read_bytes(sheet.path)
    return None if atomic.digest(raw) == sheet.digest else _diff(sheet.loaded, raw, sheet)


def save(sheet: Sheet, *, before_rename: Callable[[Path], None] | None = None, keep: int = KEEP) -> Sheet:
    """Write the sheet to its figure file and return it re-read; raise Invalid or Stale, writing nothing.

    before_rename: passed to atomic.write (tests kill the writer there to prove the old file survives).
    """
    data = sheet.render().encode("utf-8")
    if (diff := stale(sheet)) is not None:
        raise Stale(sheet.path, diff)
    result = check(sheet, data.decode("utf-8"))
    if not result.ok:
        raise Invalid(result.problems)
    try:
        return _write(sheet, data, before_rename, keep)
    except OSError as exc:  # a full disk, a read-only folder: nothing was replaced (the write is atomic)
        raise CurationError(f"not saved: cannot write {sheet.display}: {exc.strerror or exc}") from None


def _write(sheet: Sheet, data: bytes, before_rename, keep: int) -> Sheet:
    with _locked(sheet.path):
        current = atomic.read_bytes(sheet.path)
        if atomic.digest(current) != sheet.digest:
            raise Stale(sheet.path, _diff(sheet.loaded, current, sheet))
        if current == data:
            return open_sheet(sheet.metrics_file, sheet.source)
        _clear_leftovers(sheet.path)
        backup = _keep(sheet.path, current, lambda s: f"{s}_{atomic.digest(data)}.yaml")
        try:
            atomic.write(sheet.path, data, expected=sheet.digest, before_rename=before_rename)
        except atomic.Conflict:
            backup.unlink(missing_ok=True)
            raise Stale(sheet.path, _diff(sheet.loaded, atomic.read_bytes(sheet.path), sheet)) from None
        except OSError:
            backup.unlink(missing_ok=True)  # no save happened: no version of it
            raise
        _prune(sheet.path, keep)
    _refresh_store(sheet)
    return open_sheet(sheet.metrics_file, sheet.source)


def _refresh_store(sheet: Sheet) -> None:
    """The store takes the saved file at once (that source's rows, one transaction), so the viewer's pages show
    it without a rebuild. A problem elsewhere in data/ leaves the store as it was; the pages say what it is. A
    store that cannot be written now (a full disk) is rebuilt by the next page: the save itself has happened, and
    must not be reported as failed."""
    with contextlib.suppress(FiguresError, OSError, sqlite3.Error):
        store.ensure(sheet.metrics_file)


def undo(sheet: Sheet) -> Sheet:
    """Restore the bytes the last save replaced, exactly; refuse if the file changed since that save (or
    since the sheet was read). The bytes undone are kept as an 'undone' version."""
    try:
        return _undo(sheet)
    except OSError as exc:
        raise CurationError(f"not undone: cannot write {sheet.display}: {exc.strerror or exc}") from None


def _undo(sheet: Sheet) -> Sheet:
    with _locked(sheet.path):
        current = atomic.read_bytes(sheet.path)
        now = atomic.digest(current)
        if now != sheet.digest:
            raise Stale(sheet.path, _diff(sheet.loaded, current, sheet))
        last = next((v for v in history(sheet.path) if v.kind == "save" and v.after == now), None)
        if last is None:
            raise NothingToUndo(f"nothing to undo: no save by the Curate page produced {sheet.display} as it is now")
        previous = last.path.read_bytes()
        try:
            text = previous.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        result = check(sheet, text) if text is not None else None
        if result is not None and not result.ok:
            raise Invalid(result.problems)
        kept = _keep(sheet.path, current, lambda s: f"{s}.undone.yaml")
        try:
            atomic.write(sheet.path, previous, expected=now)
        except atomic.Conflict:
            kept.unlink(missing_ok=True)
            raise Stale(sheet.path, _diff(sheet.loaded, atomic.read_bytes(sheet.path), sheet)) from None
        except OSError:  # read-only or a full disk: nothing was undone, so no version of it
            kept.unlink(missing_ok=True)
            raise
        last.path.unlink()  # its bytes are the file now
    _refresh_store(sheet)
    return open_sheet(sheet.metrics_file, sheet.source)


def can_undo(sheet: Sheet) -> bool:
    return any(v.kind == "save" and v.after == sheet.digest for v in history(sheet.path))


__all__ = [
    "Accept",
    "Add",
    "Check",
    "CurationError",
    "Diff",
    "Invalid",
    "NothingToUndo",
    "Reject",
    "Set",
    "Sheet",
    "Stale",
    "apply",
    "can_undo",
    "check",
    "counts",
    "history",
    "open_sheet",
    "records",
    "save",
    "state",
    "undo",
    "uncovered",
]
