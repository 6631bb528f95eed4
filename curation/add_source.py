"""Register a new text: copy it byte for byte, pin its sha256, detect the places it names, validate, then write."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from curation import figure_file
from loaders import atomic, yamlfile
from loaders.dataset import load
from loaders.models import HIDDEN, Appearance, Place, Source
from loaders.problems import FiguresError

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_HEADING_SEP = re.compile(r"[:：]")
_SPEAKER = re.compile(
    r"^■\s*(?P<role>.+(?:部长|书记|主任|区长|市长|县长|镇长|局长|主席|委员))(?P<name>[^\s、,，]{2,4})$"
)
MAX_HEADINGS = 200
"""Heading-like lines considered per text (a real one has a few dozen): keeps detection linear in the text."""
_PROVINCE_BEFORE = re.compile(r"[^\W\d_了的和与及在自来请邀期等]{1,3}(?:省|自治区)$")


class AddSourceError(Exception):
    """Why a text cannot be registered; nothing was written."""


@dataclass
class Added:
    id: str
    text_file: Path
    figures_file: Path
    appearances: list[Appearance]
    unmatched_headings: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        lines = [f"registered {self.id}: {self.text_file} (figures go in {self.figures_file})"]
        for a in self.appearances:
            how = f"section {a.section_heading!r}" if a.has_section else "named, no section"
            lines.append(f"  place {a.place}: {how}" + (f", announced as {a.announced_as!r}" if a.announced_as else ""))
        if not self.appearances:
            lines.append("  no registered place is named in the text yet: the Places step proposes the places it names")
        for h in self.unmatched_headings:
            lines.append(f"  heading names no registered place: {h!r} (see the Places step)")
        return lines


def read_new_text(path: Path, cap: int | None = None) -> bytes:
    """The text's bytes, or AddSourceError saying in one line why it cannot be a source."""
    cap = yamlfile.MAX_BYTES if cap is None else cap
    try:
        with Path(path).open("rb") as fh:
            raw = yamlfile.read_capped(fh, cap)
    except (OSError, ValueError) as exc:
        raise AddSourceError(f"{path}: cannot read the file: {getattr(exc, 'strerror', None) or exc}") from None
    if len(raw) > cap:
        raise AddSourceError(f"{path}: larger than the limit of {yamlfile.limit(cap)}")
    check_text(raw, str(path))
    return raw


def check_text(raw: bytes, name: str) -> str:
    """Decoded text, or AddSourceError: empty, binary or not UTF-8 (GBK, Big5, ...)."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    if not body.strip():
        raise AddSourceError(f"{name}: the file is empty")
    if b"\x00" in raw:
        raise AddSourceError(f"{name}: a binary file (it contains NUL bytes), not a text")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AddSourceError(
            f"{name}: not UTF-8: byte 0x{body[exc.start : exc.start + 1].hex()} at offset {exc.start} "
            "cannot be decoded (GBK or Big5? convert it: iconv -f GBK -t UTF-8)"
        ) from None
    return text


def check_id(sid: str) -> None:
    if not SLUG.fullmatch(sid or ""):
        raise AddSourceError(
            f"id {sid!r} is not a plain slug: use lower-case ASCII letters, digits, '-' and '_' "
            "(at most 80, starting with a letter or digit; it becomes a file name)"
        )


def detect(text: str, cities: dict[str, Place]) -> tuple[list[Appearance], list[str], str | None]:
    """Appearances of registered places in text, headings that name no registered place, and the main place.

    A place's longest name wins where names overlap (成都金牛区 is not also 成都). A heading is a short line
    with a colon near its start and no sentence end; the place it names has a section running to the next
    heading. A place named in the first paragraph is "announced" there; a line starting with ■ right after a
    heading gives the speaker and role.
    """
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    headings = [
        (offsets[i], line.strip(), i)
        for i, line in enumerate(lines)
        if 0 < len(line.strip()) <= 40
        and (m := _HEADING_SEP.search(line.strip()))
        and m.start() <= 15
        and not line.strip().endswith(("。", ";", "；", ",", "，"))
    ]
    headings = headings[:MAX_HEADINGS]  # bounded work: each is matched against the places found
    intro_end = len(lines[0]) if lines else 0
    # Every character a longer name took: checking a mention costs its length, not the mentions before it
    # (a list of spans made 20,000 mentions of one place take seconds; issue 22).
    taken = bytearray(len(text))
    found: dict[str, list[int]] = {}
    for cid, c in sorted(cities.items(), key=lambda kv: -len(kv[1].zh)):
        n, s = len(c.zh), text.find(c.zh)
        while s >= 0:
            if taken.find(1, s, s + n) < 0:
                taken[s : s + n] = b"\x01" * n
                found.setdefault(cid, []).append(s)
            s = text.find(c.zh, s + n)
    out, named_headings = [], set()
    for cid in sorted(found, key=lambda k: found[k][0]):
        c, first = cities[cid], found[cid][0]
        heading = next((h for h in headings if _names(h[1], c)), None)
        fields: dict = {"place": cid}
        if first < intro_end:
            at = next(p for p in found[cid] if p < intro_end)
            longer = (c.province_zh or "") + c.zh
            if c.province_zh and text.startswith(longer, at - len(c.province_zh)):
                fields["announced_as"] = longer
            elif m := _PROVINCE_BEFORE.search(text, max(0, at - 6), at):
                fields["announced_as"] = m.group() + c.zh
            else:
                fields["announced_as"] = c.zh
        if heading is not None:
            named_headings.add(heading[1])
            fields.update(has_section=True, section_heading=heading[1])
            nxt = lines[heading[2] + 1].strip() if heading[2] + 1 < len(lines) else ""
            if sp := _SPEAKER.match(nxt):
                fields.update(role_zh=sp["role"], speaker_zh=sp["name"])
        out.append(Appearance(**fields))
    unmatched = [h for _, h, _ in headings if h not in named_headings and text.count(h) == 1]
    with_section = [a.place for a in out if a.has_section]
    main = with_section[0] if len(with_section) == 1 and not unmatched else (out[0].place if len(out) == 1 else None)
    return out, unmatched, main


def _names(heading: str, c: Place) -> bool:
    return c.zh in heading


def _source_block(entry: dict) -> str:
    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow=False, indentless=False):
            return super().increase_indent(flow, False)

    return yaml.dump([entry], Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**6)


def top_list_end(lines: list[str], key: str) -> tuple[int, str] | None:
    """Where the entry file's top-level block list `key:` ends (the line after its last item) and the indent
    of its items; None when there is no such list. For edits that keep every other byte of the file."""
    head = next((i for i, line in enumerate(lines) if re.match(rf"{key}:\s*(#.*)?$", line)), None)
    if head is None:
        return None
    end = len(lines)
    for i in range(head + 1, len(lines)):
        if lines[i][:1] not in ("", " ", "\t", "#", "-", "\n", "\r"):
            end = i
            break
    while end > head + 1 and not lines[end - 1].strip():
        end -= 1
    item = next((re.match(r"( *)- ", line) for line in lines[head + 1 : end] if re.match(r" *- ", line)), None)
    return end, item.group(1) if item else "  "


def _insert_source(yaml_text: str, block: str) -> str:
    """yaml_text with block appended to its top-level `sources:` list; comments and formatting kept."""
    lines = yaml_text.splitlines(keepends=True)
    found = top_list_end(lines, "sources")
    if found is None:
        raise AddSourceError("the metrics file has no block list `sources:` to add to")
    end, indent = found
    block = "".join(indent + line if line.strip() else line for line in block.splitlines(keepends=True))
    if lines[end - 1] and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + block + "".join(lines[end:])


def add_source(
    metrics_file: Path,
    text_file: Path,
    sid: str,
    *,
    title_zh: str | None = None,
    title_en: str | None = None,
    url: str | None = None,
    published: str | None = None,
    publisher_zh: str | None = None,
    publisher_en: str | None = None,
    author: str | None = None,
    accessed: str | None = None,
    language: str = "zh",
    raw: bytes | None = None,
) -> Added:
    """Register text_file (or raw bytes) as source sid; raise AddSourceError or FiguresError, writing nothing."""
    check_id(sid)
    metrics_file = Path(metrics_file)
    if raw is None:
        raw = read_new_text(text_file)
    elif len(raw) > yamlfile.MAX_BYTES:  # pasted or uploaded (the Curate page): the same cap as a file
        raise AddSourceError(f"{text_file}: larger than the limit of {yamlfile.limit(yamlfile.MAX_BYTES)}")
    text = check_text(raw, str(text_file))
    before = atomic.read_bytes(metrics_file)
    try:
        atomic.check_writable(metrics_file)  # before any work: a read-only metrics file is never replaced
    except atomic.ReadOnly as exc:
        raise AddSourceError(f"{exc.strerror}; nothing was written") from None
    try:
        ds = load(metrics_file)
    except FiguresError as exc:
        raise AddSourceError(f"the data has problems; fix them before adding a source:\n{exc}") from None
    if sid in ds.sources:
        raise AddSourceError(f"id {sid!r} is taken by source {ds.sources[sid].title_en!r}; choose another id")
    sha = hashlib.sha256(raw).hexdigest()
    for other in ds.sources.values():
        if other.sha256 == sha:
            raise AddSourceError(f"{text_file}: this text is already registered as source {other.id!r} (same sha256)")
    base = metrics_file.parent
    text_rel, figures_rel = Path("source") / f"{sid}.txt", Path("figures") / f"{sid}.yaml"
    for rel in (text_rel, figures_rel):
        if os.path.lexists(base / rel):  # a dangling symbolic link is there too
            raise AddSourceError(f"{base / rel} exists already; it is never overwritten: choose another id")
    appearances, unmatched, main = detect(text, ds.cities)
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), sid)
    first_line = HIDDEN.sub("", first_line) or sid  # the text keeps them; a title made of it must not (Plain)
    entry = {
        "id": sid,
        "file": text_rel.as_posix(),
        "sha256": sha,
        "title_en": title_en or sid,
        "title_zh": title_zh or first_line[:60],
        "publisher_zh": publisher_zh,
        "publisher_en": publisher_en,
        "author": author,
        "published": published,
        "url": url,
        "accessed": accessed or _dt.date.today().isoformat(),
        "language": language,
        "main_place": main,
        "figures": figures_rel.as_posix(),
        "appearances": [a.model_dump(exclude_defaults=True) | {"has_section": a.has_section} for a in appearances],
    }
    entry = {k: v for k, v in entry.items() if v is not None}
    try:
        Source.model_validate(entry)
    except ValidationError as exc:
        raise AddSourceError(
            "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}, got {e.get('input')!r}" for e in exc.errors())
        ) from None
    new_text = _insert_source(before.decode("utf-8"), _source_block(entry)).encode("utf-8")

    created: list[Path] = []
    tmp = base / f".{metrics_file.name}.add-source.tmp"
    try:
        for rel, data in ((text_rel, raw), (figures_rel, figure_file.render([]).encode())):
            (base / rel).parent.mkdir(parents=True, exist_ok=True)
            atomic.create(base / rel, data)
            created.append(base / rel)
        tmp.write_bytes(new_text)
        try:
            load(tmp)
        except FiguresError as exc:
            raise AddSourceError(f"the new source would not validate; nothing was written:\n{exc}") from None
        try:
            atomic.write(metrics_file, new_text, expected=atomic.digest(before))
        except atomic.Conflict as exc:
            raise AddSourceError(str(exc) + "; nothing was written") from None
        except atomic.ReadOnly as exc:
            raise AddSourceError(f"{exc.strerror}; nothing was written") from None
        created = []
    finally:
        tmp.unlink(missing_ok=True)
        for p in created:
            p.unlink(missing_ok=True)
    return Added(sid, base / text_rel, base / figures_rel, appearances, unmatched)
