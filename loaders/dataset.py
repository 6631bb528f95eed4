"""Load data/metrics.yaml, validate everything, and raise one FiguresError listing every problem."""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import hashlib
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from loaders import numerals, quotes, yamlfile
from loaders.models import (
    FIGURE_SECTIONS,
    GAPS,
    NUMBER_MISSING,
    SECTIONS,
    Appearance,
    Figure,
    GlossaryEntry,
    Indicator,
    MetricType,
    Place,
    Rejected,
    Source,
)
from loaders.problems import FiguresError, Problem
from loaders.yamlfile import Document, parse, read_text

DEFAULT_FILE = "data/metrics.yaml"
REQUIRED = ("sources", "cities", "metric_types", "metrics")


def metrics_path() -> Path:
    """The metrics file: $METRICS_FILE when set, else data/metrics.yaml."""
    return Path(os.environ.get("METRICS_FILE") or DEFAULT_FILE)


@dataclass(frozen=True)
class Placed:
    """Where a figure sits in its source text."""

    start: int  # quote start
    end: int  # quote end
    at: int  # where the number starts, or where the deleted number belongs
    at_end: int  # end of the number as written (== at for blanks)


@dataclass
class Dataset:
    path: Path
    sources: dict[str, Source]
    texts: dict[str, str]
    cities: dict[str, Place]
    metric_types: dict[str, MetricType]
    indicators: dict[str, Indicator]
    metrics: list[Figure]
    placed: dict[str, Placed]
    lines: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """figure id -> the file it is written in (as problems name it)."""
    appearances: dict[tuple[str, str], Appearance] = field(default_factory=dict)
    """(source id, place id) -> what that source says about that place, in source then text order."""
    sections: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    """(source id, place id) -> (start, end) of the place's section in that source's text."""
    figure_files: dict[str, Path] = field(default_factory=dict)
    """source id -> its own figure file, for sources that have one."""
    rejected: dict[str, list[Rejected]] = field(default_factory=dict)
    """source id -> drafted proposals a curator rejected."""
    glossary: list[GlossaryEntry] = field(default_factory=list)
    """zh -> en terms the drafter gives its English labels from."""


def load(
    path: str | Path | None = None,
    *,
    figure_texts: dict[Path, str] | None = None,
    only: Collection[str] | None = None,
    workers: int = 1,
) -> Dataset:
    """Read, validate and place every figure; raise FiguresError with all problems.

    figure_texts: figure file -> the text to validate in place of its bytes on disk (a writer checks
    what it is about to write, with the file's own name and lines in the problems).
    only: check the figures, text and appearances of these sources alone (the entry file's registries are
    always checked in full); the Dataset then holds only their figures and texts. For loaders.cache, which
    keeps the other sources' validated parts and re-runs the checks across files itself.
    workers: read and parse the figure files in this many processes (forked: for a single-threaded caller
    such as the command line, never a server); the checks and their messages are the same.
    """
    path = Path(path) if path is not None else metrics_path()
    display = _display(path)
    given = {Path(k).resolve(): v for k, v in (figure_texts or {}).items()}
    # the entry file itself may be given too (the Places step checks the metrics file it is about to write)
    text, problems = (given[path.resolve()], []) if path.resolve() in given else read_text(path, display)
    if text is None:
        raise FiguresError(problems)
    with _gc_paused():
        doc = _parsed_entry(text, display) if only is not None else parse(text, display)
        if doc.data is None:
            raise FiguresError(doc.problems)
        validator = _Validator(path, display, doc, only)
        validator.figure_texts = {Path(k).resolve(): v for k, v in (figure_texts or {}).items()}
        validator.workers = workers
        return validator.run()


_ENTRY_DOCS: dict[str, tuple[str, Document]] = {}


def _parsed_entry(text: str, display: str) -> Document:
    """The entry file parsed once per version of its text, for the checks of one source (load(only=...)): at
    a thousand sources its parse costs a second, and a curator's every edit checks one source. Documents are
    only read by the validator (their line index fills on demand, the same for every reader)."""
    hit = _ENTRY_DOCS.get(display)
    if hit is not None and hit[0] == text:
        return hit[1]
    doc = parse(text, display)
    _ENTRY_DOCS.clear()  # one entry file at a time is enough
    _ENTRY_DOCS[display] = (text, doc)
    return doc


@contextlib.contextmanager
def _gc_paused():
    """No cyclic GC while building: the YAML nodes are millions of young objects, none of them garbage.

    With GC on, the collector re-walks them over and over and the load takes twice as long (bench/).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class _File:
    """One YAML file the dataset is read from: problems in it name it and its lines."""

    display: str
    doc: Document
    order: int  # the entry file is 0, included figure files follow in source order


@dataclass(frozen=True)
class _Row:
    file: _File
    index: int  # position in that file's metrics list
    metric: Figure

    @property
    def loc(self) -> tuple:
        return ("metrics", self.index)


class _Validator:
    def __init__(self, path: Path, display: str, doc: Document, only: Collection[str] | None = None):
        self.path = path
        self.only = None if only is None else set(only)
        self.main = _File(display, doc, 0)
        self.figure_texts: dict[Path, str] = {}  # figure file -> text to check instead of its bytes (load())
        self.workers = 1  # processes reading figure files (load())
        self.ahead: set[Path] = set()  # figure files being read ahead in worker processes (read_ahead)
        self.ahead_results = iter(())
        self.read: dict[Path, tuple] = {}  # figure file -> (text, problems, Document), read ahead, not yet taken
        self.files = [self.main]
        self.problems: list[tuple[int, bool, Problem]] = [(0, True, p) for p in doc.problems]
        self.read_problems = {(0, p.loc) for p in doc.problems}  # a refused tag or alias already has its message
        self.quotes_asked: dict[str, int] = {}  # source -> quotes looked up in its text so far
        self.indexes: dict[str, quotes.Index] = {}  # source -> its text's index, once many quotes are asked

    def add(self, loc: tuple, message: str, file: _File | None = None) -> None:
        f = file or self.main
        self.problems.append((f.order, False, Problem(f.display, f.doc.line(loc), loc, message)))

    def run(self) -> Dataset:
        sections = self.shape(self.main, SECTIONS, REQUIRED)
        items = {name: self.models(self.main, name, rows) for name, rows in sections.items()}
        sources = self.unique("sources", items["sources"])
        cities = self.unique("cities", items["cities"])
        types = self.unique("metric_types", items["metric_types"])
        indicators = self.unique("indicators", items["indicators"])
        self.places(cities)
        rows = [_Row(self.main, i, m) for i, m in items["metrics"] if self.checked(m.source, sources)]
        figure_files, rejected = {}, {}
        with self.read_ahead(sources):
            for sid, (i, src) in sources.items():
                if src.figures is not None and self.checked(sid, sources):
                    included = self.figure_file(sid, i, src)
                    if included is not None:
                        figure_files[sid], more, rejected[sid] = included
                        rows.extend(more)
        self.unique_metrics(rows)
        checked = {k: v for k, v in sources.items() if self.checked(k, sources)}
        texts = self.source_texts(checked)
        self.all_read = len(texts) == len(checked)
        appearances, place_sections = self.appearances(checked, cities, texts)
        placed = self.metrics(rows, sources, texts, cities, types, indicators, appearances, place_sections)
        if self.problems:
            # What a YAML reader refused (a duplicate key, a tag) comes first: it explains what follows.
            order = sorted(self.problems, key=lambda p: (p[0], not p[1], p[2].line or 0))
            raise FiguresError([p for _, _, p in order])
        return Dataset(
            path=self.path,
            sources={k: v for k, (_, v) in sources.items()},
            texts=texts,
            cities={k: v for k, (_, v) in cities.items()},
            metric_types={k: v for k, (_, v) in types.items()},
            indicators={k: v for k, (_, v) in indicators.items()},
            metrics=[r.metric for r in rows],
            placed=placed,
            lines={r.metric.id: r.file.doc.line(r.loc) for r in rows},
            files={r.metric.id: r.file.display for r in rows},
            appearances=appearances,
            sections=place_sections,
            figure_files=figure_files,
            rejected=rejected,
            glossary=[g for _, g in items["glossary"]],
        )

    def checked(self, sid: str, sources: dict) -> bool:
        """Whether this run checks the figures of source sid (a figure of an unknown source always is)."""
        return self.only is None or sid in self.only or sid not in sources

    # 1/ top-level shape
    def shape(self, f: _File, known: dict, required: tuple) -> dict[str, list]:
        data = f.doc.data
        out: dict[str, list] = {name: [] for name in known}
        if not isinstance(data, dict):
            self.add((), f"the file must be a mapping with keys {', '.join(known)}; found {type(data).__name__}", f)
            return out
        for key in data:
            if key not in known:
                self.add((key,), f"unknown top-level key {key!r}; expected one of {', '.join(known)}", f)
        for name in known:
            if name not in data:
                if name in required:
                    self.add((), f"missing top-level key {name!r}", f)
                continue
            rows = data[name]
            if rows is None and name not in required:
                continue
            if not isinstance(rows, list):
                self.add((name,), f"must be a list, found {type(rows).__name__}", f)
                continue
            out[name] = rows
        return out

    # 2/ one strict model per row, every error kept
    def models(self, f: _File, name: str, rows: list, sections: dict = SECTIONS) -> list[tuple[int, object]]:
        model = sections[name]
        out = []
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                self.add((name, i), f"must be a mapping, found {type(row).__name__}", f)
                continue
            try:
                out.append((i, model.model_validate(row)))
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    if (f.order, (name, i, *err["loc"])) not in self.read_problems:
                        self.add((name, i, *err["loc"]), _message(err), f)
        return out

    def unique(self, name: str, rows: list) -> dict[str, tuple[int, object]]:
        seen: dict[str, tuple[int, object]] = {}
        for i, row in rows:
            if row.id in seen:
                first = self.main.doc.line((name, seen[row.id][0], "id"))
                self.add((name, i, "id"), f"duplicate id {row.id!r} (first used at line {first})")
            else:
                seen[row.id] = (i, row)
        return seen

    def unique_metrics(self, rows: list[_Row]) -> None:
        seen: dict[str, _Row] = {}
        for r in rows:
            first = seen.setdefault(r.metric.id, r)
            if first is not r:
                where = f"line {first.file.doc.line(first.loc + ('id',))}"
                if first.file is not r.file:
                    where = f"{first.file.display}:{first.file.doc.line(first.loc + ('id',))}"
                self.add(r.loc + ("id",), f"duplicate id {r.metric.id!r} (first used at {where})", r.file)

    def places(self, cities: dict) -> None:
        """A parent is a known place, no place lies inside itself, and no two places share a division code."""
        coded: dict[str, str] = {}
        for cid, (i, city) in cities.items():
            if city.code is not None:
                first = coded.setdefault(city.code, cid)
                if first != cid:
                    self.add(("cities", i, "code"), f"code {city.code} is used by place {first!r} already")
            if city.parent is None:
                continue
            if city.parent not in cities:
                known = ", ".join(sorted(cities)) or "none"
                self.add(("cities", i, "parent"), f"unknown place {city.parent!r}; known cities: {known}")
                continue
            seen, up = {cid}, city.parent
            while up is not None and up in cities and up not in seen:
                seen.add(up)
                up = cities[up][1].parent
            if up == cid:
                self.add(("cities", i, "parent"), f"{cid!r} lies inside itself through its parents")

    # 3/ a source's own figure file
    @contextlib.contextmanager
    def read_ahead(self, sources: dict):
        """With workers > 1, figure files are read and parsed in worker processes while this one checks the
        files already parsed (in source order, as figure_file asks for them)."""
        todo = []
        for sid, (_, src) in sources.items() if self.workers > 1 else ():
            rel = Path(src.figures) if src.figures is not None else None
            if rel is None or rel.is_absolute() or ".." in rel.parts or not self.checked(sid, sources):
                continue  # figure_file says why
            full = self.path.parent / rel
            if full.resolve() not in self.figure_texts:
                todo.append(full)
        if len(todo) < 2 * self.workers:
            yield
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork")) as pool:
            chunk = max(1, len(todo) // (8 * self.workers))
            self.ahead = set(todo)
            read = functools.partial(_read_figure_file, base=self.path.parent)
            self.ahead_results = zip(todo, pool.map(read, todo, chunksize=chunk), strict=True)
            try:
                yield
            finally:
                self.ahead, self.ahead_results = set(), iter(())

    def take(self, full: Path) -> tuple | None:
        """(text, problems, Document) of a figure file read ahead, or None if it was not."""
        if full not in self.ahead:
            return None
        while full not in self.read:
            path, result = next(self.ahead_results)
            self.read[path] = result
        self.ahead.discard(full)  # a second source naming the same file reads it again, in this process
        return self.read.pop(full)

    def figure_file(self, sid: str, i: int, src: Source):
        full = self.inside(src.figures, ("sources", i, "figures"))
        if full is None:
            return None
        display = _display(full)
        override = self.figure_texts.get(full.resolve())
        ahead = self.take(full) if override is None else None
        if ahead is not None:
            text, problems, doc = ahead
        else:
            text, problems = (override, []) if override is not None else read_text(full, display, base=self.path.parent)
            doc = parse(text, display, expected="metrics") if text is not None else None
        if text is None:
            for p in problems:
                self.add(("sources", i, "figures"), f"cannot use figure file: {p}")
            return None
        f = _File(display, doc, len(self.files))
        self.files.append(f)
        self.problems.extend((f.order, True, p) for p in doc.problems)
        self.read_problems |= {(f.order, p.loc) for p in doc.problems}
        if doc.data is None:
            return None
        parts = self.shape(f, FIGURE_SECTIONS, ("metrics",))
        rows = [_Row(f, k, m) for k, m in self.models(f, "metrics", parts["metrics"], FIGURE_SECTIONS)]
        for r in rows:
            if r.metric.source != sid:
                self.add(
                    r.loc + ("source",),
                    f"this file holds the figures of source {sid!r}; move the row to {r.metric.source!r}'s file",
                    f,
                )
        rejected = [m for _, m in self.models(f, "rejected", parts["rejected"], FIGURE_SECTIONS)]
        return full, rows, rejected

    def inside(self, name: str, loc: tuple) -> Path | None:
        rel = Path(name)
        base = self.path.parent
        if rel.is_absolute() or ".." in rel.parts:
            self.add(loc, f"{name!r} must be a path inside {base or '.'}, without '..'")
            return None
        return base / rel

    # 4/ source texts: present, unchanged, UTF-8
    def source_texts(self, sources: dict) -> dict[str, str]:
        texts = {}
        for sid, (i, src) in sources.items():
            full = self.inside(src.file, ("sources", i, "file"))
            if full is None:
                continue
            try:
                with yamlfile.open_data(full, self.path.parent) as fh:  # no symlink, FIFO or device
                    raw = yamlfile.read_capped(fh, yamlfile.MAX_BYTES)
            except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
                why = getattr(exc, "strerror", None) or exc
                self.add(("sources", i, "file"), f"cannot read source text {_clip(str(full), 200)}: {why}")
                continue
            if len(raw) > yamlfile.MAX_BYTES:
                self.add(
                    ("sources", i, "file"),
                    f"source text {full} is larger than the limit of {yamlfile.limit(yamlfile.MAX_BYTES)}",
                )
                continue
            digest = hashlib.sha256(raw).hexdigest()
            if digest != src.sha256:
                self.add(
                    ("sources", i, "sha256"),
                    f"source text {full} has sha256 {digest}, but {src.sha256} was curated: the text changed after curation",
                )
                continue
            try:
                texts[sid] = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.add(("sources", i, "file"), f"source text {full} is not UTF-8")
        return texts

    # 5/ what each source says about each place; sections run from a heading to the next heading
    def appearances(self, sources: dict, cities: dict, texts: dict[str, str]):
        out: dict[tuple[str, str], Appearance] = {}
        sections: dict[tuple[str, str], tuple[int, int]] = {}
        for sid, (i, src) in sources.items():
            text = texts.get(sid)
            heads: list[tuple[int, str]] = []
            for j, a in enumerate(src.appearances):
                loc = ("sources", i, "appearances", j)
                if a.place not in cities:
                    known = ", ".join(sorted(cities)) or "none"
                    self.add(loc + ("place",), f"unknown place {a.place!r}; known cities: {known}")
                    continue
                if (sid, a.place) in out:
                    self.add(loc + ("place",), f"{a.place!r} appears twice in source {sid!r}: merge the two entries")
                    continue
                out[sid, a.place] = a
                if a.has_section and not a.section_heading:
                    self.add(loc + ("section_heading",), "required when has_section is true")
                elif not a.has_section and a.section_heading:
                    self.add(loc + ("section_heading",), "given, but has_section is false")
                if text is None:
                    continue  # unreadable: that problem is listed already
                for k, name in enumerate(a.named_as):
                    if name not in text:
                        self.add(loc + ("named_as", k), f"{_clip(name)!r} does not occur in source {sid!r}")
                if a.announced_as and a.announced_as not in text:
                    self.add(loc + ("announced_as",), f"{_clip(a.announced_as)!r} does not occur in source {sid!r}")
                if a.has_section and a.section_heading:
                    n = text.count(a.section_heading)
                    if n != 1:
                        self.add(
                            loc + ("section_heading",),
                            f"the heading must occur once in source {sid!r}; found {n} times",
                        )
                    else:
                        heads.append((text.find(a.section_heading), a.place))
            if src.main_place is not None and (sid, src.main_place) not in out:
                self.add(("sources", i, "main_place"), f"{src.main_place!r} is not among this source's appearances")
            heads.sort()
            for n, (pos, cid) in enumerate(heads):
                end = heads[n + 1][0] if n + 1 < len(heads) else len(text)
                sections[sid, cid] = (pos, end)
        return out, sections

    # 6/ each figure: references, quote, place of the number, status rules
    def metrics(self, rows, sources, texts, cities, types, indicators, appearances, sections) -> dict[str, Placed]:
        placed: dict[str, Placed] = {}
        by_source: dict[str, list[tuple[int, int, str]]] = {}
        for (sid, cid), (s, e) in sections.items():
            by_source.setdefault(sid, []).append((s, e, cid))
        for items in by_source.values():
            items.sort()
        for r in rows:
            m, loc, f = r.metric, r.loc, r.file
            for fld, registry, name in (
                ("source", sources, "sources"),
                ("city", cities, "cities"),
                ("type", types, "metric_types"),
                ("indicator", indicators, "indicators"),
            ):
                ref = getattr(m, fld)
                if ref is not None and ref not in registry:
                    known = ", ".join(sorted(registry)) or "none"
                    self.add(loc + (fld,), f"unknown {fld} {ref!r}; known {name}: {known}", f)
            if m.source in sources and m.city in cities and (m.source, m.city) not in appearances:
                i = sources[m.source][0]
                self.add(
                    loc + ("city",),
                    f"{m.city!r} is not among the appearances of source {m.source!r}: add it there "
                    f"(line {self.main.doc.line(('sources', i))})",
                    f,
                )
            self.status_rules(r, appearances.get((m.source, m.city)))
            if m.status == "missing_section" and m.source in sources:
                src = sources[m.source][1]
                if not any(a.has_section for a in src.appearances):
                    self.add(
                        loc + ("status",),
                        f"source {m.source!r} gives no place a headed section: a place it names is named, not "
                        "missing a section (missing_section is for sources that announce places with sections)",
                        f,
                    )
            text = texts.get(m.source)
            if text is None:
                continue
            place = self.place(r, text)
            if place is None:
                continue
            placed[m.id] = place
            if m.city in cities:
                self.in_section(r, place, by_source, cities)
        return placed

    def status_rules(self, r: _Row, appearance: Appearance | None) -> None:
        m, loc, f = r.metric, r.loc, r.file
        has_number = [x for x in ("value", "low", "high") if getattr(m, x) is not None]
        if m.status in GAPS:
            for x in has_number:
                self.add(
                    loc + (x,),
                    f"a {m.status} figure carries no {x}: the source gives none (remove it or set status: reported)",
                    f,
                )
            if m.status in NUMBER_MISSING and m.anchor is None:
                self.add(
                    loc + ("anchor",),
                    f"required for a {m.status} figure: the quote text just before the missing number",
                    f,
                )
        if m.digits_shown is not None and m.status != "partial":
            self.add(loc + ("digits_shown",), "only partial figures have surviving digits", f)
        if m.status == "missing_section" and appearance is not None and appearance.has_section:
            self.add(
                loc + ("status",),
                f"{m.city!r} has a section in source {m.source!r}; missing_section is for announced places without one",
                f,
            )
        if m.status == "reported":
            if m.qualifier == "range":
                if m.low is None or m.high is None:
                    self.add(loc + ("low" if m.low is None else "high",), "a range needs both low and high", f)
                if m.value is not None:
                    self.add(loc + ("value",), "a range gives low and high, not value", f)
            else:
                if m.value is None:
                    self.add(
                        loc + ("value",),
                        "a reported figure needs a value (use status: blank if the text deleted it)",
                        f,
                    )
                for x in ("low", "high"):
                    if getattr(m, x) is not None:
                        self.add(loc + (x,), f"{x} is only for qualifier: range", f)
        if m.low is not None and m.high is not None and m.low > m.high:
            self.add(
                loc + ("low",),
                f"low ({_clip(numerals.arabic(m.low))}) is greater than high ({_clip(numerals.arabic(m.high))})",
                f,
            )

    def index(self, source: str, text: str) -> quotes.Index | None:
        """The text's index once a long text has many quotes: searching it whole for each was quadratic."""
        if len(text) < quotes.INDEX_MIN:
            return None
        n = self.quotes_asked[source] = self.quotes_asked.get(source, 0) + 1
        if source not in self.indexes and n > 32:
            self.indexes[source] = quotes.Index(text)
        return self.indexes.get(source)

    def place(self, r: _Row, text: str) -> Placed | None:
        m, loc, f = r.metric, r.loc, r.file
        start, n = quotes.locate(text, m.quote, self.index(m.source, text))
        if n == 0:
            self.add(
                loc + ("quote",),
                f"not found in source {m.source!r}: {_clip(m.quote)!r} (copy it verbatim; '*' stays '*')",
                f,
            )
            return None
        if n > 1:
            self.add(
                loc + ("quote",), f"occurs {n} times in source {m.source!r}; lengthen it so it points to one place", f
            )
            return None
        end = start + len(m.quote)
        for fld, want in (("start", start), ("end", end)):
            got = getattr(m, fld)
            if got is not None and got != want:
                self.add(loc + (fld,), f"{got} is not where the quote {fld}s in the text ({want}); fix or remove it", f)
        if m.anchor is not None:
            k = m.quote.count(m.anchor) if m.anchor else 1
            if k != 1:
                self.add(loc + ("anchor",), f"{_clip(m.anchor)!r} must occur exactly once in the quote; found {k}", f)
                return None
            at = start + (m.quote.find(m.anchor) + len(m.anchor) if m.anchor else 0)
        else:
            at = None
        if m.status == "reported":
            return self.place_reported(r, text, start, end, at)
        if at is None:  # missing_section rows point at the quote itself
            return Placed(start, end, start, start)
        if m.status == "blank" and at < len(text) and text[at].isdigit():
            self.add(
                loc + ("anchor",), f"a digit follows the anchor ({text[at : at + 6]!r}): that number is not blank", f
            )
        if m.digits_shown and not text.startswith(m.digits_shown, at):
            self.add(
                loc + ("digits_shown",),
                f"{m.digits_shown!r} does not follow the anchor; found {text[at : at + 6]!r}",
                f,
            )
        return Placed(start, end, at, at + len(m.digits_shown or ""))

    def place_reported(self, r: _Row, text, start, end, at) -> Placed | None:
        m, loc, f = r.metric, r.loc, r.file
        values = [v for v in (m.value, m.low, m.high) if v is not None]
        for fld, v in (("value", m.value), ("low", m.low), ("high", m.high)):
            if v is not None and numerals.find_number(m.quote, v) is None:
                self.add(loc + (fld,), f"{_clip(numerals.arabic(v))} does not occur in the quote {_clip(m.quote)!r}", f)
                return None
        if not values:
            return None
        first = values[0]
        if at is None:
            at = start + numerals.find_number(m.quote, first)
        elif not numerals.number_at(text, at, first):
            self.add(
                loc + ("anchor",),
                f"the number after the anchor is {text[at : at + 6]!r}, not {numerals.arabic(first)}",
                f,
            )
            return None
        last = values[-1]
        tail = numerals.find_number(text, last, at, end)
        at_end = (tail if tail is not None else at) + _written_len(text, tail if tail is not None else at, last)
        return Placed(start, end, at, at_end)

    def in_section(self, r: _Row, place: Placed, by_source, cities: dict) -> None:
        """by_source: source id -> sorted (start, end, place id) of its sections, which never overlap. A figure in
        a section concerns the section's place, a place within it (a street of the city whose section it is) or one
        it lies within (the province a city's speaker cites); never another branch (a city of another section)."""
        m = r.metric
        items = by_source.get(m.source, ())
        n = bisect.bisect_right(items, (place.start, float("inf"))) - 1
        if n >= 0:
            s, e, cid = items[n]
            related = cid == m.city or cid in _ancestors(m.city, cities) or m.city in _ancestors(cid, cities)
            if s <= place.start < e and not related:
                self.add(
                    r.loc + ("city",),
                    f"the quote lies in the section of {cid!r}: its place is {cid!r}, a place within it or one it "
                    f"lies within, not {m.city!r}",
                    r.file,
                )


def _read_figure_file(full: Path, base: Path | None = None) -> tuple:
    """(text, problems, Document) of a figure file, as figure_file reads it (in a worker process)."""
    display = _display(full)
    text, problems = read_text(full, display, base=base)
    return text, problems, parse(text, display, expected="metrics") if text is not None else None


def _written_len(text: str, pos: int, value: float) -> int:
    return numerals.written_length(text, pos, value)


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _message(err: dict) -> str:
    kind = err["type"]
    got = err.get("input")
    if kind == "extra_forbidden":
        return "unknown key (check the spelling; allowed keys are in data/metrics.schema.json)"
    if kind == "missing":
        return "required key is missing"
    if kind == "literal_error":
        return f"{err['msg'].lower()}, got {_clip(repr(got), 60)}"
    text = err["msg"]
    if got is not None and not isinstance(got, (dict, list)):
        text += f", got {_clip(repr(got), 60)}"
    elif isinstance(got, (dict, list)):
        text += f", got a {type(got).__name__}"
    return text


def _ancestors(pid: str, cities: dict) -> set[str]:
    """The places pid lies within, through its parents (cities: id -> (index, Place); cycles are reported apart)."""
    out: set[str] = set()
    up = cities[pid][1].parent if pid in cities else None
    while up is not None and up in cities and up not in out:
        out.add(up)
        up = cities[up][1].parent
    return out
