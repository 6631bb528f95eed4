"""Read a text to draft, and write drafted rows into a figure file without losing anything.

The one writer of drafts: it validates the whole dataset with the new rows first, never overwrites
or duplicates a row a curator already has (same id, or the same number at the same place), keeps
what a curator rejected rejected, refuses if the file changed on disk meanwhile, and replaces the
file atomically (temporary file in the same folder, fsync, rename).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from curation import figure_file
from loaders import atomic, numerals, quotes, yamlfile
from loaders.entry import data, source_files
from loaders.problems import FiguresError
from loaders.quotes import occurs_once

MAX_TEXT_BYTES = 2 * 2**20
"""Largest text the drafter reads (2 MiB; the genre's articles are 5-100 KB)."""
HEADER = (
    "# yaml-language-server: $schema=../figures.schema.json\n"
    "# Figures of one source. Rows with draft: true are the drafter's unreviewed proposals:\n"
    "# check each against the text, fix it, then delete its draft: true (or the whole row).\n"
)
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:", re.M)


class DraftInputError(Exception):
    """A text that cannot be drafted; str() is one line for the curator."""


class StaleFileError(Exception):
    """The figure file changed on disk after it was read (loaders.atomic.Conflict); nothing was written."""


@dataclass
class WriteReport:
    path: Path
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


# 1/ INPUT -----------------------------------------------------------------------------------------


def read_text_input(path: Path, display: str | None = None, max_bytes: int | None = None) -> str:
    """The text of a UTF-8 file, or DraftInputError saying in one line why it cannot be drafted."""
    display = display or str(path)
    cap = MAX_TEXT_BYTES if max_bytes is None else max_bytes
    if path.is_dir():
        raise DraftInputError(f"{display}: is a folder, not a text file")
    text, problems = yamlfile.read_text(path, display, max_bytes=cap)
    if text is None:
        with contextlib.suppress(OSError), path.open("rb") as fh:
            if b"\x00" in fh.read(8192):
                raise DraftInputError(f"{display}: looks like a binary file (it holds NUL bytes), not a text")
        raise DraftInputError(str(problems[0]))
    nul = text.find("\x00")
    if nul >= 0:
        raise DraftInputError(f"{display}: looks like a binary file (NUL byte at offset {nul}), not a text")
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 8:
        raise DraftInputError(f"{display}: looks like a binary file ({controls} control characters), not a text")
    if not text.strip():
        raise DraftInputError(f"{display}: the text is empty; nothing to draft")
    return text


# 2/ WHAT IS NEW -----------------------------------------------------------------------------------


def row_at(text: str, row: dict, located: tuple[int, int] | None = None) -> int | None:
    """Where a row's number (or gap) is in text, by the validator's rules; None if it cannot be placed.

    located: (first start, occurrences) of the row's quote when the caller knows them (quotes.locate)."""
    quote = row.get("quote")
    if not isinstance(quote, str) or not quote:
        return None
    if located is None:
        if not occurs_once(text, quote):
            return None
        start = text.find(quote)
    elif located[1] != 1:
        return None
    else:
        start = located[0]
    anchor = row.get("anchor")
    if isinstance(anchor, str):
        if anchor and quote.count(anchor) != 1:
            return None
        return start + (quote.find(anchor) + len(anchor) if anchor else 0)
    first = next((row.get(k) for k in ("value", "low", "high") if isinstance(row.get(k), (int, float))), None)
    if first is None:
        return start
    i = numerals.find_number(quote, float(first))
    return None if i is None else start + i


def _values(row: dict) -> tuple:
    return tuple(None if row.get(k) is None else float(row[k]) for k in ("value", "low", "high"))


def new_rows(text: str, proposals: list, existing: list[dict], rejected: list[dict]) -> tuple[list[dict], list[str]]:
    """The proposals' rows that no existing row already holds and no curator rejected, and why others are not.

    A proposal is already held by a row with its id, or by a row with the same status and value whose
    number sits at the same place; failing that, by a row whose quote contains the proposal's number
    with the same status and value and that no other proposal holds exactly (the curator quoted more).
    """
    ids = {r.get("id") for r in existing}
    placed = []
    # A long text with many rows: each quote located through the index, not by reading the whole text four times
    # (2,000 rows of an 8 MB text took seconds more at every redraft; issue 22).
    index = quotes.Index(text) if len(text) >= quotes.INDEX_MIN and len(existing) > 32 else None
    for r in existing:
        q = r.get("quote")
        located = quotes.locate(text, q, index) if isinstance(q, str) and q else (-1, 0)
        at = row_at(text, r, located)
        once = located[1] == 1 or (located[1] > 1 and text.count(q) == 1)  # count: non-overlapping, as always
        qs = (located[0] if located[1] == 1 else text.find(q)) if once else -1
        span = (qs, qs + len(q)) if qs >= 0 else None
        placed.append((at, span, r.get("status"), _values(r)))
    refused = {(r.get("start"), r.get("status"), _num(r.get("value"))) for r in rejected}
    refused |= {(r.get("quote"), r.get("status"), _num(r.get("value"))) for r in rejected}
    held: dict[int, str] = {}
    used: set[int] = set()
    for n, p in enumerate(proposals):  # 1/ same number at the same place
        key = (p.at, p.status, _values(p.row()))
        for i, (at, _, status, vals) in enumerate(placed):
            if i not in used and (at, status, vals) == key:
                held[n] = "already curated (same number at the same place)"
                used.add(i)
                break
    for n, p in enumerate(proposals):  # 2/ inside a curated quote, same status and value
        if n in held:
            continue
        for i, (_, span, status, vals) in enumerate(placed):
            if i in used or span is None:
                continue
            if span[0] <= p.at < span[1] and status == p.status and vals == _values(p.row()):
                held[n] = "already curated (same value inside the curated quote)"
                used.add(i)
                break
    out, skipped = [], []
    for n, p in enumerate(proposals):
        row = p.row()
        if row["id"] in ids:
            skipped.append(f"{row['id']}: a row with this id exists already")
        elif n in held:
            skipped.append(f"{row['id']}: {held[n]}")
        elif (p.start, p.status, _num(p.value)) in refused or (p.quote, p.status, _num(p.value)) in refused:
            skipped.append(f"{row['id']}: rejected by a curator before")
        else:
            out.append(row)
            ids.add(row["id"])
    return out, skipped


def _num(v):
    return None if v is None else float(v)


# 3/ THE FIGURE FILE -------------------------------------------------------------------------------


def read_figure_file(path: Path) -> tuple[bytes | None, dict]:
    """The file's bytes (None if absent) and its data: {'metrics': [...], 'rejected': [...]}."""
    try:
        raw = yamlfile.read_file(path)  # the loader's cap; a FIFO refused (issue 22)
    except FileNotFoundError:
        return None, {"metrics": [], "rejected": []}
    doc = yamlfile.parse(raw.decode("utf-8"), str(path)) if raw.strip() else yamlfile.Document(data={})
    if doc.problems:
        raise FiguresError(doc.problems)
    data = doc.data if isinstance(doc.data, dict) else {}
    metrics = data.get("metrics") or []
    rejected = data.get("rejected") or []
    if not isinstance(metrics, list) or not isinstance(rejected, list):
        raise DraftInputError(f"{path}: metrics and rejected must be lists")
    return raw, {"metrics": [r for r in metrics if isinstance(r, dict)], "rejected": rejected}


def dump_rows(rows: list[dict], indent: int = 2) -> str:
    """Rows as YAML list items, indented under a `metrics:` key (figure_file, the one writer of rows)."""
    return figure_file.rows_text(rows, indent)


def with_rows(old: str | None, rows: list[dict]) -> str:
    """The file's text with rows appended to its metrics list; everything else is kept as written."""
    if not old or not old.strip():
        return HEADER + "metrics:\n" + dump_rows(rows)
    lines = old.splitlines(keepends=True)
    if not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, ln in enumerate(lines) if re.match(r"^metrics\s*:", ln)), None)
    if start is None:
        return "".join(lines) + "metrics:\n" + dump_rows(rows)
    head = lines[start]
    if re.match(r"^metrics\s*:\s*(\[\s*\])?\s*(#.*)?$", head.rstrip("\n")) and "[" in head:
        lines[start] = "metrics:\n"
    end = len(lines)
    for i in range(start + 1, len(lines)):
        if _TOP_KEY.match(lines[i]):
            end = i
            break
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    item = next((ln for ln in lines[start + 1 : end] if ln.lstrip().startswith("- ")), None)
    indent = len(item) - len(item.lstrip()) if item else 2
    return "".join(lines[:end]) + dump_rows(rows, indent) + "".join(lines[end:])


def write_figure_file(
    path: Path,
    text: str,
    proposals: list,
    *,
    validate=None,
    curated: list[dict] = (),
    expected_sha256: str | None | bool = False,
) -> WriteReport:
    """Add the new proposals to the figure file at path; return what was added and what was skipped.

    validate(new_text, rows) -> problem lines: the whole dataset checked with the file as it would be
    written (nothing is written if there is any). curated: rows of this source kept elsewhere (the
    entry file), which count as existing too. expected_sha256: the sha256 of the file as the caller
    last saw it (None: it did not exist); by default, as this call reads it. Either way the file is
    compared again just before the rename, so an edit made meanwhile is refused, never overwritten.
    """
    raw, data = read_figure_file(path)
    if expected_sha256 is not False and atomic.digest(raw) != expected_sha256:
        raise StaleFileError(f"{path}: the file is not the version you loaded; nothing was written: reload it")
    rows, skipped = new_rows(text, proposals, [*curated, *data["metrics"]], data["rejected"])
    report = WriteReport(path, [r["id"] for r in rows], skipped)
    if not rows:
        return report
    new_text = with_rows(raw.decode("utf-8") if raw is not None else None, rows)
    if validate is not None:
        problems = validate(new_text, [*data["metrics"], *rows])
        if problems:
            raise DraftInputError(
                f"{path}: the drafted rows do not validate, nothing was written:\n" + "\n".join(problems)
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        atomic.write(path, new_text.encode("utf-8"), expected=atomic.digest(raw))
    except atomic.Conflict as exc:
        raise StaleFileError(f"{exc}; nothing was written: run draft again") from None
    return report


def dataset_validator(entry: Path, out: Path, source: str):
    """validate(new_text, rows) for write_figure_file: the entry file's whole dataset with the change.

    When out is the source's own figure file, the entry file is loaded with out's new text in place of
    its bytes, so problems name out and its lines. Otherwise (a file the entry does not include) the
    rows are checked as if the entry file listed them after its own; problems in them are named
    out: metrics[i].field.
    """
    from loaders import dataset, store
    from loaders.problems import format_loc

    def validate(new_text: str, rows: list[dict]) -> list[str]:
        own_file = _figure_file_of(entry, source)
        if own_file is not None and own_file.resolve() == Path(out).resolve():
            try:  # that source's file by every rule, its keys against the store of the others
                ds = dataset.load(entry, figure_texts={out: new_text}, only={source})
                store.check_keys(ds, {source}, entry)
            except FiguresError as exc:
                return [str(p) for p in exc.problems]
            return []
        display = dataset._display(entry)
        text, problems = yamlfile.read_text(entry, display)
        if text is None:
            return [str(p) for p in problems]
        doc = yamlfile.parse(text, display)
        if doc.data is None or not isinstance(doc.data, dict):
            return [str(p) for p in doc.problems] or [f"{display}: not a mapping"]
        own = list(doc.data.get("metrics") or [])
        doc.data = {**doc.data, "metrics": own + [dict(r) for r in rows]}
        try:
            dataset._Validator(entry, display, doc).run()
        except FiguresError as exc:
            found = []
            for p in exc.problems:
                loc = p.loc
                ours = p.file == display and len(loc) >= 2 and loc[0] == "metrics" and isinstance(loc[1], int)
                if ours and loc[1] >= len(own):
                    found.append(f"{out}: {format_loc(('metrics', loc[1] - len(own), *loc[2:]))}: {p.message}")
                else:
                    found.append(str(p))
            return found
        return []

    return validate


def _figure_file_of(entry: Path, source: str) -> Path | None:
    """The figure file the entry file names for source, if any (read without validating)."""
    return next((p for sid, role, p in source_files(entry, data(entry)) if sid == source and role == "figures"), None)


def draft_source(ds, source: str, entry: Path, out: Path | None = None, expected_sha256: str | None | bool = False):
    """Draft a registered source into its figure file (or out): the whole job, for the CLI and the Curate page.

    Returns (draft, report, held): held are proposals whose place is not in the registry or not among the
    source's appearances yet, left out of the file because it must validate.
    """
    from drafting import proposals as draft

    if out is None:
        out = ds.figure_files.get(source)
        if out is None:
            raise DraftInputError(f"source {source!r} has no figure file (figures:); give one with -o")
    text = ds.texts[source]
    from drafting import labels

    d = draft.draft(text, labels.with_glossary(draft.context(ds, source), entry))
    # a figure file must validate: a row's place must be registered and appear in the source
    ok = [p for p in d.proposals if (source, p.city) in ds.appearances]
    held = [p for p in d.proposals if (source, p.city) not in ds.appearances]
    from loaders.dataset import _display

    in_out = _display(Path(out))  # rows already in out are read from it; the others count as curated
    curated = [
        m.model_dump(exclude_none=True) for m in ds.metrics if m.source == source and ds.files.get(m.id) != in_out
    ]
    report = write_figure_file(
        Path(out),
        text,
        ok,
        validate=dataset_validator(entry, Path(out), source),
        curated=curated,
        expected_sha256=expected_sha256,
    )
    return d, report, held
