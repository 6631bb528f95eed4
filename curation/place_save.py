"""The Places step's save: accepted places into `cities:` and the source's appearances of data/metrics.yaml.

The same guarantees as a figure save (curation/review.py): the whole dataset is validated with the change
first, a file changed since it was read is refused, the write is atomic under the same lock, the bytes
replaced are kept in data/.history/metrics/ so the save can be undone, and every other byte of the file is
kept: new places are appended to `cities:`, new appearances to that source's `appearances:`, and its
`main_place:` line is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from curation import review
from curation.add_source import top_list_end
from curation.places import PlaceProposal, Resolution, check_entry, resolve
from loaders import atomic
from loaders.dataset import load
from loaders.problems import FiguresError

_ENTRY_KEYS = ("id", "zh", "en", "level", "parent", "code", "province_zh", "province_en")


class PlacesError(Exception):
    """Why the places cannot be saved; nothing was written."""


class Stale(PlacesError):
    """The metrics file changed since the Places step read it."""


@dataclass
class Plan:
    """What the Places step shows: the proposals for one source, and the bytes they were made from."""

    metrics_file: Path
    source: str
    resolution: Resolution
    digest: str | None
    known: dict  # registry id -> Place, for merging with an existing place
    appearing: frozenset = frozenset()  # the places among the source's appearances already


def plan(metrics_file: Path, source: str) -> Plan:
    metrics_file = Path(metrics_file)
    raw = atomic.read_bytes(metrics_file)
    try:
        ds = load(metrics_file, only=[source])
    except FiguresError as exc:
        raise PlacesError(f"the data has problems; fix them first:\n{exc}") from None
    src = ds.sources.get(source)
    if src is None:
        raise PlacesError(f"no source {source!r} in {metrics_file}")
    text = ds.texts.get(source) or (metrics_file.parent / src.file).read_text(encoding="utf-8")
    return Plan(
        metrics_file,
        source,
        resolve(text, ds.cities, src.title_zh),
        atomic.digest(raw),
        dict(ds.cities),
        frozenset(a.place for a in src.appearances),
    )


def merge(p: PlaceProposal, existing_id: str, known: dict) -> PlaceProposal:
    """The proposal as an existing registry place (the curator's "same place as")."""
    if existing_id not in known:
        raise PlacesError(f"{existing_id!r} is not a registry place; known: {', '.join(sorted(known))}")
    c = known[existing_id]
    entry = {k: v for k, v in c.model_dump().items() if v is not None or k == "parent"} | {"id": existing_id}
    return PlaceProposal(entry, True, list(p.written), list(p.spans), implied=p.implied)


def choose(p: PlaceProposal, code: str, taken: set[str]) -> PlaceProposal:
    """An ambiguous proposal resolved to one of its candidate divisions (the curator's choice)."""
    from curation import places

    if code not in {c["code"] for c in p.candidates}:
        raise PlacesError(f"{code} is not one of the divisions called {p.entry['zh']}")
    d = places.divisions()[code]
    prov = places.divisions()[d.province]
    entry = {
        "id": places.slug(d.zh, taken),
        "zh": d.zh,
        "en": places.english(d.zh, d.level),
        "level": d.level,
        "parent": p.entry.get("parent"),
        "code": code,
        "province_zh": places.short(prov.zh),
        "province_en": places.english(prov.zh, "province"),
    }
    return PlaceProposal(entry, False, list(p.written), list(p.spans))


def _block(items: list[dict], indent: str) -> str:
    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow=False, indentless=False):
            return super().increase_indent(flow, False)

    text = yaml.dump(items, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    return "".join(indent + line if line.strip() else line for line in text.splitlines(keepends=True))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _top_list_end(lines: list[str], key: str) -> tuple[int, str]:
    found = top_list_end(lines, key)
    if found is None:
        raise PlacesError(f"the metrics file has no block list `{key}:` to add to")
    return found


def edit(yaml_text: str, source: str, places: list[dict], appearances: list[dict], main_place: str | None) -> str:
    """yaml_text with places appended to `cities:`, appearances to the source's list, main_place set."""
    lines = yaml_text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if places:
        end, indent = _top_list_end(lines, "cities")
        lines[end:end] = _block(places, indent).splitlines(keepends=True)
    src_end, _ = _top_list_end(lines, "sources")
    start = next(
        (i for i in range(src_end) if re.match(rf" *- id: ['\"]?{re.escape(source)}['\"]?\s*$", lines[i])), None
    )
    if start is None:
        raise PlacesError(f"source {source!r} is not found as `- id: {source}` under `sources:`")
    item_indent = _indent(lines[start])
    key_indent = item_indent + 2
    end = start + 1
    while end < src_end and not (lines[end].strip() and _indent(lines[end]) <= item_indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    keys = {
        m.group(1): i
        for i in range(start + 1, end)
        if _indent(lines[i]) == key_indent and (m := re.match(r" *([a-z_]+):", lines[i]))
    }
    if appearances:
        if "appearances" in keys:
            head = keys["appearances"]
            if re.match(r" *appearances:\s*\[\]\s*$", lines[head]):
                lines[head] = " " * key_indent + "appearances:\n"
            stop = head + 1
            while stop < end and (
                not lines[stop].strip()
                or _indent(lines[stop]) > key_indent
                or (_indent(lines[stop]) == key_indent and lines[stop].lstrip().startswith("- "))
            ):
                stop += 1
            while stop > head + 1 and not lines[stop - 1].strip():
                stop -= 1
            item = next((_indent(lines[i]) for i in range(head + 1, stop) if lines[i].lstrip().startswith("- ")), None)
            block = _block(appearances, " " * (item if item is not None else key_indent + 2))
            lines[stop:stop] = block.splitlines(keepends=True)
            end += len(block.splitlines())
        else:
            block = " " * key_indent + "appearances:\n" + _block(appearances, " " * (key_indent + 2))
            lines[end:end] = block.splitlines(keepends=True)
            end += len(block.splitlines())
    if main_place is not None:
        line = " " * key_indent + f"main_place: {main_place}\n"
        if "main_place" in keys:
            lines[keys["main_place"]] = line
        else:
            at = keys.get("appearances", end)
            lines.insert(at, line)
    return "".join(lines)


def save(
    plan_: Plan,
    accepted: list[PlaceProposal],
    main_place: str | None = None,
    *,
    before_rename=None,
) -> Path:
    """Write the accepted proposals; raise PlacesError (or Stale) writing nothing. Returns the metrics file."""
    path = plan_.metrics_file
    problems = [f"{'/'.join(p.written) or p.entry['zh']}: {p.problem}" for p in accepted if p.problem]
    for p in accepted:
        if not p.existing and (why := check_entry(p.entry)):
            problems.append(f"{p.entry['zh']}: {why}")
    by_code = {c.code: pid for pid, c in plan_.known.items() if getattr(c, "code", None)}
    for p in accepted:
        code = p.entry.get("code")
        if not p.existing and code and code in by_code and by_code[code] != p.id:
            problems.append(f"{p.entry['zh']}: code {code} is used by registry place {by_code[code]!r} already")
        if not p.existing and p.id in plan_.known:
            problems.append(f"{p.entry['zh']}: id {p.id!r} is taken by registry place {plan_.known[p.id].zh}")
    if problems:
        raise PlacesError("not saved:\n" + "\n".join(f"  {m}" for m in problems))
    before = atomic.read_bytes(path)
    if atomic.digest(before) != plan_.digest:
        raise Stale(f"{path} changed on disk since the places were proposed; reload and accept them again")
    ds = load(path, only=[plan_.source])
    have = {a.place for a in ds.sources[plan_.source].appearances}
    new_places, seen = [], set()
    for p in accepted:
        if not p.existing and p.id not in seen:
            seen.add(p.id)
            new_places.append({k: p.entry.get(k) for k in _ENTRY_KEYS if p.entry.get(k) is not None or k == "parent"})
    apps = []
    for p in accepted:
        a = p.appearance()
        if a is not None and a["place"] not in have:
            have.add(a["place"])
            apps.append(a)
    if main_place is not None and main_place not in have:
        raise PlacesError(f"main place {main_place!r} is not among the places the text names")
    data = edit(before.decode("utf-8"), plan_.source, new_places, apps, main_place).encode("utf-8")
    try:
        load(path, figure_texts={path: data.decode("utf-8")}, only=[plan_.source])
    except FiguresError as exc:
        raise PlacesError(f"not saved: the places would not validate:\n{exc}") from None
    with review._locked(path):
        current = atomic.read_bytes(path)
        if atomic.digest(current) != plan_.digest:
            raise Stale(f"{path} changed on disk since the places were proposed; reload and accept them again")
        if current == data:
            return path
        backup = review._keep(path, current, lambda s: f"{s}_{atomic.digest(data)}.yaml")
        try:
            atomic.write(path, data, expected=plan_.digest, before_rename=before_rename)
        except atomic.Conflict:
            backup.unlink(missing_ok=True)
            raise Stale(f"{path} changed on disk while saving; reload and accept the places again") from None
        except BaseException:
            backup.unlink(missing_ok=True)
            raise
        review._prune(path, review.KEEP)
    return path


def can_undo(path: Path) -> bool:
    now = atomic.digest(atomic.read_bytes(Path(path)))
    return any(v.kind == "save" and v.after == now for v in review.history(Path(path)))


def undo(path: Path) -> None:
    """Restore the bytes the last Places save replaced, exactly; refuse if the file changed since."""
    path = Path(path)
    with review._locked(path):
        current = atomic.read_bytes(path)
        now = atomic.digest(current)
        last = next((v for v in review.history(path) if v.kind == "save" and v.after == now), None)
        if last is None:
            raise PlacesError(f"nothing to undo: no Places save produced {path} as it is now")
        previous = last.path.read_bytes()
        try:
            load(path, figure_texts={path: previous.decode("utf-8")})
        except FiguresError as exc:
            raise PlacesError(f"not undone: the data would not validate without these places:\n{exc}") from None
        kept = review._keep(path, current, lambda s: f"{s}.undone.yaml")
        try:
            atomic.write(path, previous, expected=now)
        except atomic.Conflict:
            kept.unlink(missing_ok=True)
            raise Stale(f"{path} changed on disk; nothing undone") from None
        last.path.unlink()
