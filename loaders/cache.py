"""The validated, derived tables of a dataset, kept between runs outside data/; rebuilt only where a file changed.

load(path) returns what bundle.build(path) returns, and:
1. stats the entry file and every file it names (texts, figure files), and hashes only the files whose stat
   (mtime, ctime, size, inode) changed since they were last hashed, in this process or when the snapshot
   was written (a file modified in the last RACY_S seconds before it was hashed is hashed again next time,
   as git does for "racily clean" files: an edit within one timestamp tick must not go unseen);
2. if every content hash is the snapshot's, returns the snapshot: nothing is parsed or validated;
3. otherwise keys each source's part by its row in the entry file, its text's hash and its figure file's
   hash (and the entry file's hash for a source with figures in the entry itself, whose lines move with
   any edit there); validates only the sources whose key changed, with dataset.load(only=...) (which
   always checks the entry file's registries in full); takes the other sources' rows from the snapshot;
   re-runs the checks across files over the whole (figure ids unique; every kept row's city, type and
   indicator, and every kept source's places, still in the registries). Any problem, in a part or across
   files, and it is a full dataset.load, whose MetricsError lists every problem as always: a problem is
   never cached, and an invalid file fails on every load until it is fixed;
4. writes the new snapshot atomically under cache_root() (never under data/: the viewer does not write
   there). A snapshot that cannot be read (corrupt, another code version) is ignored and rebuilt; one that
   cannot be written is skipped.
A new check across files in dataset.py needs its twin in _across_files (tests/test_cache.py compares the
problems of both paths).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import stat
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow
import pydantic
import yaml

from loaders import bundle, dataset, derive
from loaders.models import Indicator, MetricType, Place, Source
from loaders.problems import FiguresError
from loaders.yamlfile import MAX_BYTES, read_capped

FORMAT = 1
RACY_S = 2.0
"""A file modified this close to the moment it was hashed is hashed again at the next check."""
_CODE_FILES = ("cache.py", "dataset.py", "derive.py", "models.py", "numerals.py", "problems.py", "yamlfile.py")
_ORIGIN = ["_in_entry"]  # entry rows first, then each figure file in source order, each by line: a fresh load's order
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_lock = threading.RLock()
_hashes: dict[str, tuple[tuple, str]] = {}  # absolute path -> (stat signature, sha256), trusted ones only
_entries: dict[tuple[str, str], dict | None] = {}  # (entry path, its sha256) -> what it says about each source
_metas: dict[str, tuple[tuple, dict | None, dict]] = {}  # meta.json path -> (its stat, content, known hashes)


def cache_root() -> Path:
    """$METRICS_CACHE_DIR, else $XDG_CACHE_HOME/reported-figures, else ~/.cache/reported-figures."""
    if os.environ.get("METRICS_CACHE_DIR"):
        return Path(os.environ["METRICS_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reported-figures"


def _code_version() -> str:
    h = hashlib.sha256(
        f"{FORMAT} {pd.__version__} {pyarrow.__version__} {pydantic.VERSION} {yaml.__version__}".encode()
    )
    here = Path(__file__).parent
    for name in _CODE_FILES:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


CODE = _code_version()
"""The loader's own version: a snapshot made by other validation code is not used."""


# 1/ change detection: stat first, hash only what changed -------------------------------------------------


def _sig(st: os.stat_result) -> tuple:
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_dev)


def _sha(path: str, known: dict[str, tuple[tuple, str]]) -> str | None:
    """sha256 of the file's bytes (None if it cannot be read), from `known` while its stat is unchanged."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    sig = _sig(st)
    hit = _hashes.get(path) or known.get(path)
    if hit is not None and hit[0] == sig:
        _hashes[path] = hit
        return hit[1]
    if not stat.S_ISREG(st.st_mode):
        return None
    try:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(read_capped(fh, MAX_BYTES)).hexdigest()
    except (OSError, ValueError):
        return None
    if max(st.st_mtime_ns, st.st_ctime_ns) < time.time_ns() - RACY_S * 1e9:
        _hashes[path] = (sig, digest)
    else:
        _hashes.pop(path, None)  # racily clean: an edit in the same tick would keep this stat
    return digest


def _inside(base: Path, name) -> str | None:
    """A path the entry names, if the validator would read it (relative, no '..')."""
    if not isinstance(name, str) or not name:
        return None
    rel = Path(name)
    return None if rel.is_absolute() or ".." in rel.parts else str(base / rel)


def _entry(path: Path, sha: str | None, meta: dict | None) -> dict | None:
    """source id -> its row's digest, whether the entry holds figures of it, its text's and figure file's paths.

    Read without validating (validation reports what is wrong); None when the file cannot be read so.
    """
    if sha is None:
        return None
    memo = (str(path), sha)  # the same bytes elsewhere name other files: the path is part of the key
    if memo in _entries:
        return _entries[memo]
    if meta is not None and meta.get("entry_sha") == sha and isinstance(meta.get("entry"), dict):
        _entries[memo] = meta["entry"]  # as the snapshot recorded it: a restart does not parse the entry
        return _entries[memo]
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader)
        in_entry = {m.get("source") for m in data.get("metrics") or [] if isinstance(m, dict)}
        out = {}
        for row in data["sources"]:
            sid = row["id"]
            digest = hashlib.sha256(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str).encode())
            out[str(sid)] = {
                "row": digest.hexdigest()[:32],
                "in_entry": sid in in_entry,
                "paths": [_inside(path.parent, row.get("file")), _inside(path.parent, row.get("figures"))],
            }
        if len(out) != len(data["sources"]):
            out = None  # a duplicate source id: the full load says so
    except Exception:  # noqa: BLE001 - anything unusual in the file: the full load reports it
        out = None
    _entries[memo] = out
    return out


@dataclass(frozen=True)
class _Scan:
    version: str
    entry_sha: str | None
    sources: dict | None  # _entry()
    shas: dict[str, str | None]  # absolute path -> sha256 of every input
    keys: dict[str, str]  # source id -> part key: its row's digest, the entry's hash if it has figures there,
    # its text's and its figure file's hashes (the code version is in the snapshot's record)


def _scan(path: Path) -> _Scan:
    meta, known = _record(path)
    entry_sha = _sha(str(path), known)
    sources = _entry(path, entry_sha, meta)
    shas = {str(path): entry_sha}
    keys = {}
    for sid, info in (sources or {}).items():
        key = [info["row"], entry_sha if info["in_entry"] else ""]
        for full in info["paths"]:
            sha = _sha(full, known) if full is not None else None
            if full is not None:
                shas[full] = sha
            key.append(str(sha))
        keys[sid] = " ".join(key)
    whole = "\n".join([CODE, str(path), str(entry_sha), *(f"{k} {v}" for k, v in keys.items())])
    return _Scan(hashlib.sha256(whole.encode()).hexdigest()[:16], entry_sha, sources, shas, keys)


def version(path: str | Path | None = None) -> str:
    """A key that changes whenever the dataset's content does; at a rerun, a stat of each file and no more.

    (The first call in a process reads the snapshot's record of hashes, so that a restart hashes nothing.)
    """
    path = Path(path) if path is not None else dataset.metrics_path()
    with _lock:
        scan = _scan(path)
    # Without the entry's file names a change elsewhere would go unseen: then every call is a new version.
    return scan.version if scan.sources is not None else f"uncached-{time.time_ns()}"


def forget() -> None:
    """Drop what this process remembers (hashes, entries, records), as a new process starts (tests, bench)."""
    with _lock:
        _hashes.clear()
        _entries.clear()
        _metas.clear()
        _preloaded.clear()


# 2/ the snapshot ---------------------------------------------------------------------------------------


def _dir(path: Path) -> Path:
    return cache_root() / hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]


def _record(path: Path) -> tuple[dict | None, dict[str, tuple[tuple, str]]]:
    """The snapshot's record (None when there is none this code can use: missing, corrupt, other code) and
    the hashes it trusts, read again only when meta.json's own stat changes."""
    file = _dir(path) / "meta.json"
    try:
        sig = _sig(file.stat())
    except OSError:
        return None, {}
    hit = _metas.get(str(file))
    if hit is not None and hit[0] == sig:
        return hit[1], hit[2]
    try:
        meta = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("code") != CODE:
            meta = None
        known = {k: (tuple(v[0]), v[1]) for k, v in (meta or {}).get("files", {}).items()}
    except (OSError, ValueError, TypeError, IndexError, KeyError, AttributeError):
        meta, known = None, {}
    _metas[str(file)] = (sig, meta, known)
    return meta, known


@dataclass
class _Parts:
    """A dataset as the cache keeps it: the figures' own columns plus where each row stands, and the rest."""

    frame: pd.DataFrame  # derive.COLUMNS + _ORIGIN, typed as derive.frame types them (file: as written then)
    sources: dict[str, Source]
    cities: dict[str, Place]
    metric_types: dict[str, MetricType]
    indicators: dict[str, Indicator]
    texts: dict[str, str]
    sections: dict[tuple[str, str], tuple[int, int]]

    def bundle(self, path: Path, version: str) -> bundle.Bundle:
        frame = self.frame.drop(columns=_ORIGIN)
        # The file column names files as the process sees them (relative to its working directory).
        entry = dataset._display(path)
        figures = {sid: dataset._display(path.parent / s.figures) for sid, s in self.sources.items() if s.figures}
        files = self.frame["source"].astype(object).map(figures).where(~self.frame["_in_entry"].astype(bool), entry)
        frame["file"] = pd.array(files, dtype=derive.COLUMNS["file"])
        return bundle.Bundle(
            frame=frame,
            cities=self.cities,
            metric_types=self.metric_types,
            indicators=self.indicators,
            sources=self.sources,
            texts=self.texts,
            appearances={(sid, a.place): a for sid, src in self.sources.items() for a in src.appearances},
            sections=self.sections,
            path=str(path),
            version=version,
        )


_REGISTRIES = {"sources": Source, "cities": Place, "metric_types": MetricType, "indicators": Indicator}


def _read(path: Path, meta: dict) -> _Parts | None:
    """The snapshot's parts, or None if any of it cannot be read."""
    d = _dir(path)
    try:
        raw_frame, raw_texts = (d / meta["frame"]).read_bytes(), (d / meta["texts"]).read_bytes()
        if [hashlib.sha256(raw_frame).hexdigest(), hashlib.sha256(raw_texts).hexdigest()] != meta["shas"]:
            return None  # truncated, overwritten, or from another write
        frame = pd.read_parquet(io.BytesIO(raw_frame))  # dtypes, categories included, come back as written
        texts = json.loads(raw_texts.decode("utf-8"))
        regs = {name: {r["id"]: model.model_validate(r) for r in meta[name]} for name, model in _REGISTRIES.items()}
        sections = {(s, c): (a, b) for s, c, a, b in meta["sections"]}
        if list(frame.columns) != [*derive.COLUMNS, *_ORIGIN] or not isinstance(texts, dict):
            return None
    except Exception:  # noqa: BLE001 - a corrupt or foreign snapshot (pyarrow, json, pydantic errors alike)
        return None
    return _Parts(frame, **regs, texts=texts, sections=sections)


def _write(path: Path, scan: _Scan, parts: _Parts) -> None:
    """Frame and texts first, the record that names them last, each by atomic rename; old files removed."""
    d = _dir(path)
    try:
        d.mkdir(parents=True, exist_ok=True)
        frame, texts = f"frame-{scan.version}.parquet", f"texts-{scan.version}.json"
        buf = io.BytesIO()
        parts.frame.to_parquet(buf, index=False)
        raw_frame, raw_texts = buf.getvalue(), json.dumps(parts.texts, ensure_ascii=False).encode()
        _atomic(d / frame, lambda fh: fh.write(raw_frame))
        _atomic(d / texts, lambda fh: fh.write(raw_texts))
        meta = {
            "format": FORMAT,
            "code": CODE,
            "version": scan.version,
            "entry_sha": scan.entry_sha,
            "keys": scan.keys,
            "entry": scan.sources,
            "files": {k: [list(v[0]), v[1]] for k, v in _hashes.items() if k in scan.shas},
            "frame": frame,
            "texts": texts,
            "shas": [hashlib.sha256(raw_frame).hexdigest(), hashlib.sha256(raw_texts).hexdigest()],
            "sections": [[s, c, a, b] for (s, c), (a, b) in parts.sections.items()],
            **{name: [m.model_dump(mode="json") for m in getattr(parts, name).values()] for name in _REGISTRIES},
        }
        _atomic(d / "meta.json", lambda fh: fh.write(json.dumps(meta, ensure_ascii=False).encode()))
        for old in d.iterdir():
            if old.name not in (frame, texts, "meta.json") and old.suffix in (".parquet", ".json"):
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: the data are still right, only the next start is slower


def _atomic(target: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


# 3/ load ------------------------------------------------------------------------------------------------


_preloaded: dict[str, tuple[str, bundle.Bundle]] = {}  # path -> (version, Bundle) that preload() made


def preload(path: str | Path | None = None) -> None:
    """load(path) ahead of its first caller (a server's thread while no browser has connected yet); the next
    load() of the same, unchanged data returns that Bundle instead of reading the snapshot again. A problem
    is left for that caller to meet and report."""
    path = Path(path) if path is not None else dataset.metrics_path()
    with _lock:
        try:
            b = _load_locked(path)
        except FiguresError:
            return
        _preloaded[str(path)] = (b.version, b)


def load(path: str | Path | None = None) -> bundle.Bundle:
    """bundle.build(path), from the snapshot when nothing changed and revalidating only what did."""
    path = Path(path) if path is not None else dataset.metrics_path()
    with _lock:  # a preload() under way finishes first
        ahead = _preloaded.pop(str(path), None)
        if ahead is not None and ahead[0] == _scan(path).version:
            return ahead[1]
        return _load_locked(path)


def _load_locked(path: Path) -> bundle.Bundle:
    meta = _record(path)[0]
    scan = _scan(path)
    if scan.sources is None:  # the entry cannot even be read for its file names: no caching at all
        return _fresh(path).bundle(path, f"uncached-{time.time_ns()}")
    old = _read(path, meta) if meta is not None else None
    if old is not None and meta.get("version") == scan.version:
        return old.bundle(path, scan.version)
    parts = _rebuild(path, scan, old, meta or {})
    _write(path, scan, parts)
    _metas.pop(str(_dir(path) / "meta.json"), None)
    return parts.bundle(path, scan.version)


def _rebuild(path: Path, scan: _Scan, old: _Parts | None, meta: dict) -> _Parts:
    old_keys = meta.get("keys", {}) if old is not None else {}
    changed = [sid for sid, key in scan.keys.items() if old_keys.get(sid) != key]
    if scan.sources is None or old is None or len(changed) == len(scan.keys):
        return _fresh(path)
    entry_changed = meta.get("entry_sha") != scan.entry_sha
    try:
        ds = dataset.load(path, only=changed)
    except FiguresError:
        if entry_changed:  # a registry edit can touch every part: the full list, as a full load gives it
            return _fresh(path)
        raise  # the problems of the changed files (the others are unchanged and were valid)
    new = _parts(ds, path)
    kept = [sid for sid in scan.keys if sid not in changed]
    rows = old.frame[old.frame["source"].isin(kept)]
    if not _across_files(rows, new, kept, entry_changed):
        return _fresh(path)  # raises with every problem, as a full load does
    both = pd.concat([rows, new.frame], ignore_index=True)
    if entry_changed:  # names and categories from the new registries (the same registries: the same dtypes)
        both = pd.concat(
            [derive.labelled(both[derive.CORE_COLUMNS], ds.cities, ds.metric_types, ds.indicators), both[_ORIGIN]],
            axis=1,
        )
    # Kept entry rows exist only while the entry is unchanged (its hash is in their key): their lines hold.
    rank = {sid: n for n, sid in enumerate(ds.sources)}
    order = both["source"].astype(object).map(rank).where(~both["_in_entry"].astype(bool), -1)
    both = both.assign(_order=order).sort_values(["_order", "line"], kind="stable").drop(columns="_order")
    new.frame = both.reset_index(drop=True)
    new.texts = {sid: (new.texts[sid] if sid in new.texts else old.texts[sid]) for sid in ds.sources}
    sections = {**{k: v for k, v in old.sections.items() if k[0] in kept}, **new.sections}
    new.sections = {k: sections[k] for k in _section_order(sections, ds.sources)}
    return new


def _section_order(sections: dict, sources: dict) -> list:
    """Keys in the order a fresh load makes them: by source, then by place in the text."""
    rank = {sid: n for n, sid in enumerate(sources)}
    return sorted(sections, key=lambda k: (rank[k[0]], sections[k][0]))


def _across_files(kept: pd.DataFrame, new: _Parts, kept_sources: list[str], entry_changed: bool) -> bool:
    """The checks that look across files, over the kept parts beside the new ones: True if all pass."""
    ids = pd.concat([kept["id"], new.frame["id"]])
    if ids.duplicated().any():
        return False
    if entry_changed:  # the registries may have lost what a kept part refers to
        if not kept["city"].isin(list(new.cities)).all() or not kept["type"].isin(list(new.metric_types)).all():
            return False
        ind = kept["indicator"].dropna()
        if not ind.isin(list(new.indicators)).all():
            return False
        for sid in kept_sources:
            if any(a.place not in new.cities for a in new.sources[sid].appearances):
                return False
    return True


def _fresh(path: Path) -> _Parts:
    return _parts(dataset.load(path), path)


def _parts(ds: dataset.Dataset, path: Path) -> _Parts:
    frame = derive.frame(ds)
    entry = dataset._display(path)
    frame["_in_entry"] = [ds.files.get(m.id) == entry for m in ds.metrics]
    return _Parts(
        frame=frame,
        sources=dict(ds.sources),
        cities=dict(ds.cities),
        metric_types=dict(ds.metric_types),
        indicators=dict(ds.indicators),
        texts=dict(ds.texts),
        sections=dict(ds.sections),
    )
