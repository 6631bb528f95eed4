"""Load data/metrics.yaml, validate everything, and raise one MetricsError listing every problem."""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from loaders import numerals, yamlfile
from loaders.models import SECTIONS, City, GlossaryEntry, Indicator, Metric, MetricType, Source
from loaders.problems import MetricsError, Problem
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
    cities: dict[str, City]
    metric_types: dict[str, MetricType]
    indicators: dict[str, Indicator]
    metrics: list[Metric]
    placed: dict[str, Placed]
    lines: dict[str, int] = field(default_factory=dict)
    sections: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """city id -> (source id, start, end) of the city's section."""
    glossary: list[GlossaryEntry] = field(default_factory=list)


def load(path: str | Path | None = None) -> Dataset:
    """Read, validate and place every figure; raise MetricsError with all problems."""
    path = Path(path) if path is not None else metrics_path()
    display = _display(path)
    text, problems = read_text(path, display)
    if text is None:
        raise MetricsError(problems)
    with _gc_paused():
        doc = parse(text, display)
        if doc.data is None:
            raise MetricsError(doc.problems)
        return _Validator(path, display, doc).run()


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


class _Validator:
    def __init__(self, path: Path, display: str, doc: Document):
        self.path = path
        self.display = display
        self.doc = doc
        self.problems: list[Problem] = list(doc.problems)
        self.read_problems = {p.loc for p in doc.problems}  # a refused tag or alias already has its message

    def add(self, loc: tuple, message: str) -> None:
        self.problems.append(Problem(self.display, self.doc.line(loc), loc, message))

    def run(self) -> Dataset:
        sections = self.shape()
        items = {name: self.models(name, rows) for name, rows in sections.items()}
        sources = self.unique("sources", items["sources"])
        cities = self.unique("cities", items["cities"])
        types = self.unique("metric_types", items["metric_types"])
        indicators = self.unique("indicators", items["indicators"])
        self.unique("metrics", items["metrics"])
        texts = self.source_texts(sources)
        self.all_read = len(texts) == len(sources)
        city_sections = self.city_sections(cities, texts)
        placed = self.metrics(items["metrics"], sources, texts, cities, types, indicators, city_sections)
        if self.problems:
            # What the YAML reader refused (a duplicate key, a tag) comes first: it explains what follows.
            n = len(self.doc.problems)
            order = sorted(enumerate(self.problems), key=lambda ip: (ip[0] >= n, ip[1].line or 0))
            raise MetricsError([p for _, p in order])
        metrics = [m for _, m in items["metrics"]]
        lines = {m.id: self.doc.line(("metrics", i)) for i, m in items["metrics"]}
        return Dataset(
            path=self.path,
            sources={k: v for k, (_, v) in sources.items()},
            texts=texts,
            cities={k: v for k, (_, v) in cities.items()},
            metric_types={k: v for k, (_, v) in types.items()},
            indicators={k: v for k, (_, v) in indicators.items()},
            metrics=metrics,
            placed=placed,
            lines=lines,
            sections=city_sections,
            glossary=[g for _, g in items["glossary"]],
        )

    # 1/ top-level shape
    def shape(self) -> dict[str, list]:
        data = self.doc.data
        out: dict[str, list] = {name: [] for name in SECTIONS}
        if not isinstance(data, dict):
            self.add((), f"the file must be a mapping with keys {', '.join(SECTIONS)}; found {type(data).__name__}")
            return out
        for key in data:
            if key not in SECTIONS:
                self.add((key,), f"unknown top-level key {key!r}; expected one of {', '.join(SECTIONS)}")
        for name in SECTIONS:
            if name not in data:
                if name in REQUIRED:
                    self.add((), f"missing top-level key {name!r}")
                continue
            rows = data[name]
            if rows is None and name not in REQUIRED:
                continue
            if not isinstance(rows, list):
                self.add((name,), f"must be a list, found {type(rows).__name__}")
                continue
            out[name] = rows
        return out

    # 2/ one strict model per row, every error kept
    def models(self, name: str, rows: list) -> list[tuple[int, object]]:
        model = SECTIONS[name]
        out = []
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                self.add((name, i), f"must be a mapping, found {type(row).__name__}")
                continue
            try:
                out.append((i, model.model_validate(row)))
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    if (name, i, *err["loc"]) not in self.read_problems:
                        self.add((name, i, *err["loc"]), _message(err))
        return out

    def unique(self, name: str, rows: list) -> dict[str, tuple[int, object]]:
        seen: dict[str, tuple[int, object]] = {}
        for i, row in rows:
            if row.id in seen:
                first = self.doc.line((name, seen[row.id][0], "id"))
                self.add((name, i, "id"), f"duplicate id {row.id!r} (first used at line {first})")
            else:
                seen[row.id] = (i, row)
        return seen

    # 3/ source texts: present, unchanged, UTF-8
    def source_texts(self, sources: dict) -> dict[str, str]:
        texts = {}
        base = self.path.parent
        for sid, (i, src) in sources.items():
            rel = Path(src.file)
            if rel.is_absolute() or ".." in rel.parts:
                self.add(("sources", i, "file"), f"{src.file!r} must be a path inside {base or '.'}, without '..'")
                continue
            full = base / rel
            try:
                with full.open("rb") as fh:
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

    # 4/ city sections: heading to the next heading
    def city_sections(self, cities: dict, texts: dict[str, str]) -> dict[str, tuple[str, int, int]]:
        heads: dict[str, list[tuple[int, str]]] = {}
        wanted = [c.section_heading for _, c in cities.values() if c.has_section and c.section_heading]
        occurs = _occurrences(wanted, texts)
        for cid, (i, city) in cities.items():
            if city.has_section and not city.section_heading:
                self.add(("cities", i, "section_heading"), "required when has_section is true")
                continue
            if not city.has_section and city.section_heading:
                self.add(("cities", i, "section_heading"), "given, but has_section is false")
                continue
            if not city.section_heading:
                continue
            found = [(sid, texts[sid].find(city.section_heading)) for sid in occurs[city.section_heading]]
            if not found and not self.all_read:
                continue  # it may be in the source that could not be read: that problem is listed already
            if len(found) != 1 or texts[found[0][0]].count(city.section_heading) != 1:
                where = "no source text" if not found else "more than one place"
                self.add(
                    ("cities", i, "section_heading"), f"the heading must occur once in one source; found in {where}"
                )
                continue
            sid, pos = found[0]
            heads.setdefault(sid, []).append((pos, cid))
        out = {}
        for sid, items in heads.items():
            items.sort()
            for n, (pos, cid) in enumerate(items):
                end = items[n + 1][0] if n + 1 < len(items) else len(texts[sid])
                out[cid] = (sid, pos, end)
        return out

    # 5/ each figure: references, quote, place of the number, status rules
    def metrics(self, rows, sources, texts, cities, types, indicators, city_sections) -> dict[str, Placed]:
        placed: dict[str, Placed] = {}
        by_source: dict[str, list[tuple[int, int, str]]] = {}
        for cid, (sid, s, e) in city_sections.items():
            by_source.setdefault(sid, []).append((s, e, cid))
        for items in by_source.values():
            items.sort()
        for i, m in rows:
            loc = ("metrics", i)
            for fld, registry, name in (
                ("source", sources, "sources"),
                ("city", cities, "cities"),
                ("type", types, "metric_types"),
                ("indicator", indicators, "indicators"),
            ):
                ref = getattr(m, fld)
                if ref is not None and ref not in registry:
                    known = ", ".join(sorted(registry)) or "none"
                    self.add(loc + (fld,), f"unknown {fld} {ref!r}; known {name}: {known}")
            self.status_rules(loc, m, cities)
            text = texts.get(m.source)
            if text is None:
                continue
            place = self.place(loc, m, text)
            if place is None:
                continue
            placed[m.id] = place
            self.in_section(loc, m, place, cities, by_source)
        return placed

    def status_rules(self, loc, m: Metric, cities) -> None:
        if not m.label_en and not m.draft:
            self.add(loc + ("label_en",), "required: only a draft (draft: true) may leave the English label empty")
        has_number = [f for f in ("value", "low", "high") if getattr(m, f) is not None]
        if m.status in ("blank", "partial", "missing_section"):
            for f in has_number:
                self.add(
                    loc + (f,),
                    f"a {m.status} figure carries no {f}: the source gives none (remove it or set status: reported)",
                )
            if m.status in ("blank", "partial") and m.anchor is None:
                self.add(
                    loc + ("anchor",),
                    f"required for a {m.status} figure: the quote text just before the missing number",
                )
        if m.digits_shown is not None and m.status != "partial":
            self.add(loc + ("digits_shown",), "only partial figures have surviving digits")
        if m.status == "missing_section":
            city = cities.get(m.city)
            if city is not None and city[1].has_section:
                self.add(
                    loc + ("status",),
                    f"city {m.city!r} has a section in the article; missing_section is for announced cities without one",
                )
        if m.status == "reported":
            if m.qualifier == "range":
                if m.low is None or m.high is None:
                    self.add(loc + ("low" if m.low is None else "high",), "a range needs both low and high")
                if m.value is not None:
                    self.add(loc + ("value",), "a range gives low and high, not value")
            else:
                if m.value is None:
                    self.add(
                        loc + ("value",), "a reported figure needs a value (use status: blank if the text deleted it)"
                    )
                for f in ("low", "high"):
                    if getattr(m, f) is not None:
                        self.add(loc + (f,), f"{f} is only for qualifier: range")
        if m.low is not None and m.high is not None and m.low > m.high:
            self.add(
                loc + ("low",),
                f"low ({_clip(numerals.arabic(m.low))}) is greater than high ({_clip(numerals.arabic(m.high))})",
            )

    def place(self, loc, m: Metric, text: str) -> Placed | None:
        n = text.count(m.quote)
        if n == 0:
            self.add(
                loc + ("quote",),
                f"not found in source {m.source!r}: {_clip(m.quote)!r} (copy it verbatim; '*' stays '*')",
            )
            return None
        if n > 1:
            self.add(
                loc + ("quote",), f"occurs {n} times in source {m.source!r}; lengthen it so it points to one place"
            )
            return None
        start = text.find(m.quote)
        end = start + len(m.quote)
        for fld, want in (("start", start), ("end", end)):
            got = getattr(m, fld)
            if got is not None and got != want:
                self.add(loc + (fld,), f"{got} is not where the quote {fld}s in the text ({want}); fix or remove it")
        if m.anchor is not None:
            k = m.quote.count(m.anchor) if m.anchor else 1
            if k != 1:
                self.add(loc + ("anchor",), f"{_clip(m.anchor)!r} must occur exactly once in the quote; found {k}")
                return None
            at = start + (m.quote.find(m.anchor) + len(m.anchor) if m.anchor else 0)
        else:
            at = None
        if m.status == "reported":
            return self.place_reported(loc, m, text, start, end, at)
        if at is None:  # missing_section rows point at the quote itself
            return Placed(start, end, start, start)
        if m.status == "blank" and at < len(text) and text[at].isdigit():
            self.add(loc + ("anchor",), f"a digit follows the anchor ({text[at : at + 6]!r}): that number is not blank")
        if m.digits_shown and not text.startswith(m.digits_shown, at):
            self.add(
                loc + ("digits_shown",), f"{m.digits_shown!r} does not follow the anchor; found {text[at : at + 6]!r}"
            )
        return Placed(start, end, at, at + len(m.digits_shown or ""))

    def place_reported(self, loc, m: Metric, text, start, end, at) -> Placed | None:
        values = [v for v in (m.value, m.low, m.high) if v is not None]
        for fld, v in (("value", m.value), ("low", m.low), ("high", m.high)):
            if v is not None and numerals.find_number(m.quote, v) is None:
                self.add(loc + (fld,), f"{_clip(numerals.arabic(v))} does not occur in the quote {_clip(m.quote)!r}")
                return None
        if not values:
            return None
        first = values[0]
        if at is None:
            at = start + numerals.find_number(m.quote, first)
        elif not numerals.number_at(text, at, first):
            self.add(
                loc + ("anchor",), f"the number after the anchor is {text[at : at + 6]!r}, not {numerals.arabic(first)}"
            )
            return None
        last = values[-1]
        tail = numerals.find_number(text[:end], last, at)
        at_end = (tail if tail is not None else at) + _written_len(text, tail if tail is not None else at, last)
        return Placed(start, end, at, at_end)

    def in_section(self, loc, m: Metric, place: Placed, cities, by_source) -> None:
        """by_source: source id -> sorted (start, end, city id) of its sections, which never overlap."""
        if m.city not in cities:
            return
        items = by_source.get(m.source, ())
        n = bisect.bisect_right(items, (place.start, float("inf"))) - 1
        if n >= 0:
            s, e, cid = items[n]
            if s <= place.start < e and cid != m.city:
                self.add(loc + ("city",), f"the quote lies in the section of {cid!r}, not {m.city!r}")


def _occurrences(needles: list[str], texts: dict[str, str]) -> dict[str, list[str]]:
    """needle -> ids of the texts that contain it, in text order.

    One pass over each text instead of one per needle and text (quadratic once there are hundreds of
    sources and cities): jump to each character that can start a needle, look up the needles that
    share the next few characters, and compare only those.
    """
    out: dict[str, list[str]] = {n: [] for n in needles}
    keys = [n for n in out if n]
    if not keys:
        return out
    width = min(len(n) for n in keys)
    buckets: dict[str, list[str]] = {}
    for n in keys:
        buckets.setdefault(n[:width], []).append(n)
    starts = re.compile("[" + "".join(re.escape(c) for c in sorted({n[0] for n in keys})) + "]")
    for sid, text in texts.items():
        seen: set[str] = set()
        for hit in starts.finditer(text):
            p = hit.start()
            for n in buckets.get(text[p : p + width], ()):
                if n not in seen and text.startswith(n, p):
                    seen.add(n)
                    out[n].append(sid)
    return out


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
