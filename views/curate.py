"""View model of the Curate page: the review in progress, the editor's table, the text's marks, the messages.

Pure (no Streamlit): ui/curate.py keeps a Review in session state and feeds the editor's changes to absorb().
"""

from __future__ import annotations

import contextlib
import html
import importlib
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from curation import review as cur
from drafting import labels as draft_labels
from drafting import proposals as drafter
from loaders import derive, scan
from loaders.dataset import Dataset, load
from loaders.models import STATUSES
from loaders.problems import format_loc
from views import highlight
from views.i18n import both, t

STATES = cur.STATES
COLUMNS = (
    "state",
    "id",
    "problems",
    "label_zh",
    "label_en",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "status",
    "city",
    "type",
    "indicator",
    "quote",
    "anchor",
    "note",
    "reject_reason",
    "reason",
)
"""The editor's columns, in order; the curator edits `state`, the fields of curation.EDITABLE and reject_reason."""
READ_ONLY = ("state", "problems", "id", "reason")
NUMBERS = ("value", "low", "high")


MAX_NUMBERS = scan.MAX_NUMBERS  # the completeness scan's limit per text, for the page's message
UNCOVERED_SHOWN = 200
"""Uncovered numbers listed with an action each; past it the page says how many more there are (a text of 20,000
uncovered numbers would draw 20,000 buttons at every rerun)."""


def tr(key: str, lang: str, **kw) -> str:
    s = t(key, lang)
    return s.format(**kw) if kw else s


# 1/ the review in progress


@dataclass(frozen=True)
class Review:
    """A sheet as loaded, and what the curator decided and changed since (nothing of it is on disk yet)."""

    sheet: cur.Sheet
    decisions: Mapping[str, str] = field(default_factory=dict)
    """row id -> accepted | unreviewed | rejected, where the curator chose one."""
    changes: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    """row id -> field -> new value."""
    reasons: Mapping[str, str] = field(default_factory=dict)
    """row id -> why it was rejected."""
    added: tuple[dict, ...] = ()
    """Rows the curator made from the text (as proposals: decided like any other, validated like any other)."""

    def rows(self) -> list[dict]:
        return [r for r in self.sheet.rows if isinstance(r, dict) and "id" in r] + [dict(a) for a in self.added]

    def n_changes(self) -> int:
        return sum(len(c) for c in self.changes.values()) + len(self.decided()) + len(self.added)

    def decided(self) -> dict[str, str]:
        """Decisions that change something (accepting an accepted row does not)."""
        start = {r["id"]: cur.state(r) for r in self.rows()}
        return {k: v for k, v in self.decisions.items() if k in start and v != start[k]}


def begin(sheet: cur.Sheet) -> Review:
    return Review(sheet)


def edits(r: Review) -> list[cur.Edit]:
    """The review as edits of the loaded sheet: each row's field changes, then its decision."""
    out: list[cur.Edit] = [cur.Add(dict(a)) for a in r.added]
    decided = r.decided()
    for row in r.rows():
        rid = row["id"]
        out += [cur.Set(rid, k, v) for k, v in r.changes.get(rid, {}).items()]
        d = decided.get(rid)
        if d == "accepted":
            out.append(cur.Accept(rid))
        elif d == "rejected":
            out.append(cur.Reject(rid, r.reasons.get(rid)))
        # "unreviewed" for an accepted row changes nothing: a curated figure does not become a proposal again
    return out


def working(r: Review) -> cur.Sheet:
    """The sheet as it would be saved."""
    return cur.apply(r.sheet, edits(r))


def check(r: Review) -> cur.Check:
    """Live validation by the loader's rules, as if the review were saved: this source's file, its keys against
    the store of the others."""
    return cur.check(working(r))


def _shown(r: Review) -> cur.Sheet:
    """The sheet with every change but the rejections: rejected rows stay in the editor, marked, until saved."""
    keep = [e for e in edits(r) if not isinstance(e, cur.Reject)]
    return cur.apply(r.sheet, keep)


def _plain(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalars from the editor
        v = v.item()
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def absorb(r: Review, shown_ids: Sequence[str], edited_rows: Mapping[int, Mapping[str, object]]) -> Review:
    """Fold the editor's changes (position in the table shown -> column -> value) into the review."""
    decisions = dict(r.decisions)
    changes = {k: dict(v) for k, v in r.changes.items()}
    reasons = dict(r.reasons)
    loaded = {row["id"]: row for row in r.rows()}
    for pos, cols in edited_rows.items():
        pos = int(pos)
        if not 0 <= pos < len(shown_ids):
            continue
        rid = shown_ids[pos]
        for col, value in cols.items():
            value = _plain(value)
            if col == "state":
                if value in STATES:
                    decisions[rid] = value
            elif col == "reject_reason":
                if value:
                    reasons[rid] = str(value)
                else:
                    reasons.pop(rid, None)
            elif col in cur.EDITABLE:
                mine = changes.setdefault(rid, {})
                before = _plain(loaded.get(rid, {}).get(col))
                if col in NUMBERS and value is not None:
                    value = float(value)
                    if before is not None and float(before) == value:
                        value = before
                if value == before or (col == "anchor" and value is None and before == ""):
                    mine.pop(col, None)
                else:
                    mine[col] = value
    changes = {k: v for k, v in changes.items() if v}
    return replace(r, decisions=decisions, changes=changes, reasons=reasons)


def rebase(r: Review, sheet: cur.Sheet) -> tuple[Review, list[str]]:
    """The curator's changes re-applied to a newer read of the file; the ids of rows gone from it are dropped.

    A field both changed on disk and by the curator takes the curator's value: the page showed what changed.
    """
    have = {row["id"] for row in sheet.rows if isinstance(row, dict) and "id" in row}
    touched = set(r.decisions) | set(r.changes) | set(r.reasons)
    dropped = sorted(rid for rid in touched if rid not in have)

    def keep(d: Mapping) -> dict:
        return {k: v for k, v in d.items() if k in have}

    taken = [a for a in r.added if a["id"] in have]  # an id the file has now: the file's row is kept
    have |= {a["id"] for a in r.added}
    dropped += [a["id"] for a in taken]
    added = tuple(a for a in r.added if a not in taken)
    return Review(sheet, keep(r.decisions), keep(r.changes), keep(r.reasons), added), dropped


# 2/ what the page shows


@dataclass(frozen=True)
class Filters:
    only_unreviewed: bool = False
    only_blanks: bool = False
    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    ids: list[str]
    """Row id at each position of frame (the editor reports edits by position)."""


def _problem_text(ps) -> str:
    return " · ".join(f"{format_loc(p.loc[2:]) or format_loc(p.loc)}: {p.message}" for p in ps)


def table(r: Review, result: cur.Check, f: Filters = Filters()) -> Table:
    """The editor's rows: every row of the sheet (rejected ones too, until saved), with its problems."""
    shown = _shown(r)
    saved = working(r)
    decided = r.decided()
    recs = []
    for row in shown.rows:
        if not isinstance(row, dict) or "id" not in row:
            continue
        rid = row["id"]
        state = decided.get(rid, cur.state(row))
        problems = result.of(saved, rid) if state != "rejected" else []
        rec = {c: row.get(c) for c in COLUMNS if c not in ("state", "problems", "reject_reason")}
        rec.update(state=state, problems=_problem_text(problems), reject_reason=r.reasons.get(rid, ""))
        recs.append(rec)
    df = pd.DataFrame.from_records(recs, columns=list(COLUMNS))
    for c in NUMBERS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Float64")
    for c in (c for c in COLUMNS if c not in NUMBERS):
        df[c] = df[c].astype("string").fillna("") if c != "state" else df[c]
    df = df.iloc[review_order(recs, shown.rows)].reset_index(drop=True)
    keep = pd.Series(True, index=df.index)
    if f.only_unreviewed:
        keep &= df["state"] == "unreviewed"
    if f.only_blanks:
        keep &= df["status"].isin(["blank", "partial"])
    if f.types:
        keep &= df["type"].isin(list(f.types))
    df = df[keep].reset_index(drop=True)
    return Table(df, df["id"].tolist())


def review_order(recs: list[dict], rows: list) -> list[int]:
    """Positions of recs: unreviewed proposals first, the drafter's surest (highest confidence) first; then every
    other row in the file's order."""
    conf = {r["id"]: r.get("confidence") for r in rows if isinstance(r, dict) and "id" in r}

    def key(i: int) -> tuple:
        rec = recs[i]
        if rec["state"] != "unreviewed":
            return (1, 0.0, i)
        c = conf.get(rec["id"])
        return (0, -(c if isinstance(c, (int, float)) else 0.0), i)

    return sorted(range(len(recs)), key=key)


def options(result: cur.Check, sheet: cur.Sheet, lang: str) -> dict[str, dict[str, str]]:
    """Choices of the editor's select columns: id -> label (places of this source, types, indicators)."""
    ds = result.dataset or registry(sheet.metrics_file)  # while the review does not validate: the file on disk
    if ds is None:
        return {}
    places = [p for (s, p) in ds.appearances if s == sheet.source] or list(ds.cities)
    return {
        "city": {p: both(ds.cities[p], lang) for p in places if p in ds.cities},
        "type": {k: both(v, lang) for k, v in ds.metric_types.items()},
        "indicator": {k: both(v, lang) for k, v in ds.indicators.items()},
    }


def registry(metrics_file) -> Dataset | None:
    """The registries as on disk (for the select columns), or None while they do not validate."""
    try:
        return load(metrics_file, only=())
    except Exception:  # noqa: BLE001 - the page shows the problems through check()
        return None


def text_html(r: Review, result: cur.Check, lang: str, selected: str | None = None) -> str:
    """The source text with every row of the working sheet marked, in the reader's look (escaped HTML)."""
    sheet = working(r)
    text = sheet.text or ""
    ms = []
    if result.dataset is not None:
        df = derive.frame(result.dataset)
        ms = highlight.marks(df[df["source"] == sheet.source], lang)
    else:  # not valid yet: mark each quote that occurs once, where it stands
        for row in sheet.rows:
            q = row.get("quote") if isinstance(row, dict) else None
            if q and text.count(q) == 1 and row.get("status") in STATUSES:
                s = text.find(q)
                at = s + q.find(row["anchor"]) + len(row["anchor"]) if row.get("anchor") and row["anchor"] in q else s
                title = f"{row.get('label_zh', '')} [{row.get('id')}]"
                ms.append(highlight.Mark(str(row.get("id")), s, s + len(q), at, at, row["status"], title))
    span = window(text, ms, selected)
    if span is None:
        return highlight.render(text, ms, selected)
    note = tr("curate_text_window", lang, n=f"{len(text):,}", a=f"{span[0]:,}", b=f"{span[1]:,}")
    return f'<p class="text-window" style="opacity:.75">{html.escape(note)}</p>' + highlight.render(
        text, ms, selected, span
    )


TEXT_WINDOW = 100_000
"""Characters of a longer text the page draws, around the row in focus: an 8 MB text is 11 MB of HTML for the
browser at every rerun (issue 22). The page says which part it shows; every row is still checked and counted."""


def window(text: str, ms: Sequence[highlight.Mark], selected: str | None) -> tuple[int, int] | None:
    """The part of a long text to draw: TEXT_WINDOW characters around the selected row's quote (else the opening),
    cut at line breaks near its ends; None when the text is short enough to draw whole."""
    n = len(text)
    if n <= TEXT_WINDOW:
        return None
    mark = next((m for m in ms if m.id == selected), None)
    centre = (mark.start + mark.end) // 2 if mark else 0
    lo = max(0, min(centre - TEXT_WINDOW // 2, n - TEXT_WINDOW))
    hi = min(n, lo + TEXT_WINDOW)
    near = TEXT_WINDOW // 100
    if lo > 0 and (nl := text.rfind("\n", max(0, lo - near), lo)) >= 0:
        lo = nl + 1  # from the start of a line, when one starts near
    if hi < n and (nl := text.find("\n", hi, hi + near)) >= 0:
        hi = nl
    if mark:  # the row in focus whole, however long its quote
        lo, hi = min(lo, mark.start), max(hi, mark.end)
    return lo, hi


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    uncovered: list | None
    problems: int
    other: list
    numbers: int = 0  # digit runs of the text, when more than the scan goes through (scan.MAX_NUMBERS)
    untranslated: tuple[str, ...] = ()  # accepted rows without an English label: shown marked, never refused


def uncovered_shown(s: Summary) -> tuple[list, int]:
    """The uncovered numbers the page lists (the first UNCOVERED_SHOWN, in text order) and how many more it has."""
    found = s.uncovered or []
    return found[:UNCOVERED_SHOWN], max(0, len(found) - UNCOVERED_SHOWN)


def summary(r: Review, result: cur.Check) -> Summary:
    sheet = working(r)
    gone = [p for ps in result.rejected.values() for p in ps]  # a hand-edited rejected entry can be wrong too
    n = scan.number_count(sheet.text or "")
    counts, problems = cur.counts(sheet), len(result.problems)
    uncovered = cur.uncovered(sheet, result) if n <= scan.MAX_NUMBERS else None
    untranslated = tuple(
        str(row["id"])
        for row in cur.records(sheet)
        if row["state"] == "accepted" and not str(row.get("label_en") or "").strip() and row.get("label_zh")
    )
    return Summary(counts, uncovered, problems, [*gone, *result.other], n if n > scan.MAX_NUMBERS else 0, untranslated)


# 3/ drafting: the drafter's own job (drafting.write.draft_source), its writer and its rule for what is new


class NoDrafter(Exception):
    pass


@dataclass(frozen=True)
class Drafted:
    added: list[str]
    skipped: list[str]
    """Why each proposal not added was left out, in the drafter's words."""
    held: list[str]
    """Proposals for places not (yet) among the source's appearances: left out so the file validates."""


def _drafter():
    name = os.environ.get("CURATE_DRAFTER", "drafting.write")  # tests name a stand-in with its interface
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
            raise NoDrafter(name) from None
        raise  # the drafter is there but needs something missing: say so, do not hide it


def draft(r: Review) -> Drafted:
    """Draft the source into its figure file, as `python -m drafting draft` does: validated first, only what is
    new (never a row a curator kept or rejected), atomically, refused if the file changed since the page read it.
    The review in progress is then re-applied to the file (rebase)."""
    mod = _drafter()
    sheet = r.sheet
    ds = load(sheet.metrics_file, only={sheet.source})  # FiguresError: the source must validate before drafting
    _, report, held = mod.draft_source(ds, sheet.source, sheet.metrics_file, expected_sha256=sheet.digest)
    return Drafted(list(report.added), list(report.skipped), [f"{p.id} ({p.city})" for p in held])


# 4/ messages for save, undo and refusals


@dataclass(frozen=True)
class Message:
    kind: str  # success | info | error | warning
    text: str
    details: tuple[str, ...] = ()


def refusal(exc: Exception, lang: str) -> Message:
    if isinstance(exc, cur.Invalid):
        return Message("error", str(exc).splitlines()[0], tuple(str(p) for p in exc.problems))
    if isinstance(exc, cur.Stale):
        head, *rest = str(exc).splitlines()
        return Message("error", head, tuple(line.strip() for line in rest))
    return Message("error", str(exc))


def saved_message(sheet: cur.Sheet, lang: str) -> Message:
    return Message("success", tr("curate_saved", lang, file=sheet.display, history=cur.history_dir(sheet.path)))


# 5/ the focused review: one proposal at a time, the likeliest first

FOCUS_FIELDS = COLUMNS[COLUMNS.index("label_zh") : COLUMNS.index("indicator") + 1]
"""The fields of the focused form, in the order Tab reaches them: the grid's, from the labels to the indicator."""
REJECT_REASONS = (
    "not a figure of this place",
    "not a count or an amount",
    "the same figure twice",
    "wrong span of the text",
    "a date or an ordinal, not a figure",
)
"""The reason picker's choices (the curator may type another)."""


def _confidence(row: Mapping) -> float | None:
    c = row.get("confidence")
    try:
        return None if c is None or isinstance(c, bool) else float(c)
    except (TypeError, ValueError):
        return None


def queue(r: Review) -> list[str]:
    """Every row id in review order: the most confident first, those without a confidence after, each in file
    order. The order does not change as rows are decided, so Previous goes back where the curator came from."""
    rows = [row for row in _shown(r).rows if isinstance(row, dict) and "id" in row]
    rows.sort(key=lambda row: -(_confidence(row) if _confidence(row) is not None else -math.inf))
    return [row["id"] for row in rows]


def state_of(r: Review, rid: str) -> str:
    row = next((x for x in r.rows() if x["id"] == rid), None)
    return r.decided().get(rid, cur.state(row) if row else "unreviewed")


def progress(r: Review) -> tuple[int, int]:
    """(reviewed, total): rows accepted or rejected, of all rows of the sheet (rejected ones until saved)."""
    ids = [row["id"] for row in r.rows()]
    return sum(state_of(r, rid) != "unreviewed" for rid in ids), len(ids)


def step(r: Review, current: str | None, direction: int) -> str | None:
    """The id to focus after current: forward, the next unreviewed proposal in review order (or the next row
    when none is left); backward, the row before it in review order. No current: the first unreviewed."""
    ids = queue(r)
    if not ids:
        return None
    if current not in ids:
        return next((rid for rid in ids if state_of(r, rid) == "unreviewed"), ids[0])
    i = ids.index(current)
    if direction < 0:
        return ids[i - 1] if i > 0 else ids[0]
    later = [rid for rid in ids[i + 1 :] + ids[:i] if state_of(r, rid) == "unreviewed"]
    return later[0] if later else ids[min(i + 1, len(ids) - 1)]


@dataclass(frozen=True)
class Focus:
    id: str
    row: dict
    """The row as it would be saved (the curator's changes applied), rejected ones too."""
    state: str
    reason: str | None
    confidence: float | None
    rule: str | None
    problems: str


def focus(r: Review, result: cur.Check, rid: str | None) -> Focus | None:
    if rid is None:
        return None
    shown = _shown(r)
    row = next((x for x in shown.rows if isinstance(x, dict) and x.get("id") == rid), None)
    if row is None:
        return None
    st_ = state_of(r, rid)
    problems = _problem_text(result.of(working(r), rid)) if st_ != "rejected" else ""
    rule = row.get("rule")
    return Focus(rid, dict(row), st_, row.get("reason"), _confidence(row), str(rule) if rule else None, problems)


def decide(
    r: Review, rid: str, decision: str | None, fields: Mapping[str, object], reason: str | None = None
) -> Review:
    """The review with the focused form's fields and the decision (accepted | rejected | None: fields only)."""
    cols: dict[str, object] = {k: v for k, v in fields.items() if k in cur.EDITABLE}
    if decision is not None:
        cols["state"] = decision
    if decision == "rejected":
        cols["reject_reason"] = reason or ""
    return absorb(r, [rid], {0: cols})


def accept_above(r: Review, threshold: float) -> tuple[Review, list[str]]:
    """Accept every unreviewed proposal whose confidence is at least threshold: one step."""
    ids = [
        row["id"]
        for row in _shown(r).rows
        if isinstance(row, dict)
        and state_of(r, row.get("id")) == "unreviewed"
        and (_confidence(row) or -1) >= threshold
        and _confidence(row) is not None
    ]
    return _all(r, ids, "accepted", None), ids


def rules(r: Review) -> dict[str, int]:
    """Rule -> number of unreviewed proposals drafted by it (rows without a rule are left out)."""
    out: dict[str, int] = {}
    for row in _shown(r).rows:
        if isinstance(row, dict) and row.get("rule") and state_of(r, row["id"]) == "unreviewed":
            out[str(row["rule"])] = out.get(str(row["rule"]), 0) + 1
    return out


def reject_rule(r: Review, rule: str, reason: str | None = None) -> tuple[Review, list[str]]:
    """Reject every unreviewed proposal of one rule: one step."""
    ids = [
        row["id"]
        for row in _shown(r).rows
        if isinstance(row, dict) and str(row.get("rule")) == rule and state_of(r, row["id"]) == "unreviewed"
    ]
    return _all(r, ids, "rejected", reason or f"rule {rule} rejected as a whole"), ids


def _all(r: Review, ids: list[str], decision: str, reason: str | None) -> Review:
    decisions = {**r.decisions, **dict.fromkeys(ids, decision)}
    reasons = {**r.reasons, **({rid: reason for rid in ids} if reason else {})}
    return replace(r, decisions=decisions, reasons=reasons)


# 6/ a figure from the text: a number the scan found uncovered, or a quote typed or pasted


class NotAQuote(ValueError):
    pass


def _proposals(r: Review, result: cur.Check) -> list:
    ds = result.dataset or registry(r.sheet.metrics_file)
    if ds is None or not r.sheet.text:
        return []
    ctx = draft_labels.with_glossary(drafter.context(ds, r.sheet.source), r.sheet.metrics_file)
    return drafter.draft(r.sheet.text, ctx).proposals


def _new_id(r: Review, base: str) -> str:
    have = {row["id"] for row in r.rows()} | {row.get("id") for row in r.sheet.rows if isinstance(row, dict)}
    rid, n = base, 1
    while rid in have:
        n += 1
        rid = f"{base}-{n}"
    return rid


def _unique_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The shortest span around [start, end) that occurs once in the text, grown a character at a time."""
    s, e = start, end
    while text.count(text[s:e]) != 1 and (s > 0 or e < len(text)):
        s, e = max(0, s - 1), min(len(text), e + 1)
    return s, e


def _fallback(r: Review, result: cur.Check, s: int, e: int, number: str | None) -> dict:
    places = list(options(result, r.sheet, "en").get("city", {}))
    text = r.sheet.text or ""
    row = {
        "source": r.sheet.source,
        "city": places[0] if places else None,
        "type": "other",
        "label_zh": draft_labels.TO_WRITE,
        "label_en": "",
        "status": "reported" if number else "blank",
        "quote": text[s:e],
        "start": s,
        "end": e,
        "reason": "no drafting rule reads a figure here: fill in its fields",
    }
    if number:
        with contextlib.suppress(ValueError):
            row["value"] = float(number) if "." in number else int(number)
    return {k: v for k, v in row.items() if v is not None}


def _made(r: Review, row: dict, how: str) -> dict:
    row = dict(row)
    row["id"] = _new_id(r, f"{r.sheet.source}-add-{row.get('start', 0)}")
    row["draft"] = True
    row["reason"] = f"{how}; {row.get('reason') or ''}".rstrip("; ")
    return row


def row_at(r: Review, result: cur.Check, start: int, digits: str | None = None) -> dict:
    """A new row for the number at start (an uncovered finding), prefilled by the drafter's rules for it."""
    text = r.sheet.text or ""
    near = sorted(
        (p for p in _proposals(r, result) if p.start <= start < p.end or p.at == start),
        key=lambda p: abs(p.at - start),
    )
    if near:
        return _made(r, near[0].row(), f"made from the number at offset {start}")
    s, e = _unique_around(text, start, start + len(digits or ""))
    return _made(r, _fallback(r, result, s, e, digits), f"made from the number at offset {start}")


def row_from_quote(r: Review, result: cur.Check, quote: str) -> dict:
    """A new row for a quote typed or pasted: it must occur exactly once in the text (as every quote must)."""
    text = r.sheet.text or ""
    quote = (quote or "").strip()
    n = text.count(quote) if quote else 0
    if n != 1:
        raise NotAQuote(f"the quote must occur exactly once in the text; it occurs {n} time(s): {quote!r}")
    s, e = text.find(quote), text.find(quote) + len(quote)
    inside = [p for p in _proposals(r, result) if s <= p.at <= e]
    if inside:
        p = inside[0]
        row = {**p.row(), "quote": quote, "start": s, "end": e}
        if row.get("anchor") and row["anchor"] not in quote:
            row.pop("anchor")
        return _made(r, row, "made from a quote")
    digits = next(iter(re.findall(r"\d+(?:\.\d+)?", quote)), None)
    return _made(r, _fallback(r, result, s, e, digits), "made from a quote")


def add(r: Review, row: dict) -> Review:
    return replace(r, added=(*r.added, dict(row)))
