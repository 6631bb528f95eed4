"""The store: data/ validated and compiled into one read-only SQLite file that every reader shares.

The "baked data" pattern: the truth is the files under data/ (in git); build/figures.db is derived from them
and rebuilt, never edited. The app, the tests, the bench, the exports and Datasette read it.

- build(): validate data/ and write the store. A full build writes a new file beside the old one and swaps it
  in (readers see the old store or the new one). When only some sources' figure files or texts changed, those
  sources are validated again (their own rules, then their keys against the store) and their rows replaced in
  one transaction; a changed entry file (metrics.yaml) rebuilds everything.
- ensure(): what a page rerun calls: a stat of every input file (a hash only of one whose stat changed), then
  build() if anything changed. An invalid edit raises FiguresError and leaves the store as it was.
- read(): the Bundle the pages draw from.

Keys across files are the database's: figures.id is a PRIMARY KEY, every reference a FOREIGN KEY, statuses a
CHECK; a violation is reported like every other problem, FILE:LINE: metrics[i].field: message.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import io
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders import atomic, catalog, derive
from loaders.bundle import Bundle
from loaders.dataset import Dataset, load, metrics_path
from loaders.entry import data, source_files
from loaders.models import Appearance, Indicator, MetricType, Place, Source
from loaders.problems import FiguresError, Problem
from loaders.yamlfile import read_capped

SCHEMA_VERSION = "3"  # 3: figures.label_en may be empty (no NOT NULL), issue 20
"""Bump when the tables change: a store of another version is rebuilt from scratch."""
DEFAULT_STORE = Path("build/figures.db")
RACY_NS = 2_000_000_000
"""A file modified within this long of its hashing may change again without its stat changing (git's
"racily clean" rule): such a file is hashed on every check until it is older than that."""
ORDER_STEP = 1_000_000_000
"""figures.ord = file rank * ORDER_STEP + line: the load order (entry file first, then each figure file in
source order), kept when one source's rows are replaced."""
REGISTRY_MODELS = {"sources": Source, "cities": Place, "metric_types": MetricType, "indicators": Indicator}
FIGURE_COLUMNS = [*derive.CORE_COLUMNS, "ord"]


@functools.cache
def code_version() -> str:
    """A digest of the code that builds a store (loaders/*.py): a store built by other code is rebuilt."""
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for p in sorted(Path(__file__).parent.glob("*.py")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def store_path(metrics: str | Path | None = None) -> Path:
    """Where the store of a metrics file lives: $FIGURES_STORE, build/figures.db for data/metrics.yaml, else
    one store per metrics file in $FIGURES_STORE_DIR (default build/stores/), named by the file's path: a
    fixture or a copy of data/ gets its own store, and its folder holds only what the curator put there."""
    if os.environ.get("FIGURES_STORE"):
        return Path(os.environ["FIGURES_STORE"])
    metrics = Path(metrics) if metrics is not None else metrics_path()
    resolved = metrics.resolve()
    if resolved == Path("data/metrics.yaml").resolve():
        return DEFAULT_STORE
    folder = Path(os.environ.get("FIGURES_STORE_DIR") or DEFAULT_STORE.parent / "stores")
    return folder / f"{hashlib.sha256(str(resolved).encode()).hexdigest()[:16]}.db"


KEEP_STORES = 64
"""Stores of other metrics files (tests, copies) kept in the stores folder; older ones are deleted."""


def _prune(db: Path) -> None:
    if db == DEFAULT_STORE or os.environ.get("FIGURES_STORE"):
        return
    with contextlib.suppress(OSError):
        stores = sorted(db.parent.glob("*.db"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stores[KEEP_STORES:]:
            old.unlink(missing_ok=True)
            old.with_name(old.name + ".lock").unlink(missing_ok=True)


# 1/ the inputs: the entry file, and each source's text and figure file


@dataclass(frozen=True)
class Input:
    path: str  # as the entry file names it, joined to its folder
    role: str  # entry | text | figures
    source: str | None
    size: int | None
    mtime_ns: int | None
    sha256: str | None  # None: missing or unreadable (the build reports why)


def _stamp(path: Path | str, role: str, source: str | None, known: Input | None = None) -> Input:
    try:
        st = os.stat(path)
    except OSError:
        return Input(str(path), role, source, None, None, None)
    if known is not None and (known.size, known.mtime_ns) == (st.st_size, st.st_mtime_ns):
        return known
    try:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(read_capped(fh, 1 << 40)).hexdigest()
    except (OSError, ValueError):
        digest = None
    # Modified just now: another write within the same mtime tick would keep this stat; record no mtime, so the
    # next check hashes it again (the version only changes if its bytes did).
    mtime = st.st_mtime_ns if time.time_ns() - st.st_mtime_ns > RACY_NS else -1
    return Input(str(path), role, source, st.st_size, mtime, digest)


def _inputs(entry: Path, known: dict[str, Input]) -> list[Input]:
    head = _stamp(entry, "entry", None, known.get(str(entry)))
    if head.sha256 is not None and head == known.get(str(entry)):  # the same file list: each file against its record
        return [head, *(_stamp(i.path, i.role, i.source, i) for i in known.values() if i.role != "entry")]
    files = source_files(entry, data(entry))
    return [head, *(_stamp(p, role, sid, known.get(str(p))) for sid, role, p in files)]


def version_of(inputs: Iterable[Input]) -> str:
    """A digest of every input's content: equal versions, equal stores."""
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for i in sorted(inputs, key=lambda i: (i.path, i.role)):
        h.update(f"{i.path}\0{i.role}\0{i.sha256}\n".encode())
    return h.hexdigest()[:16]


# 2/ building


@dataclass(frozen=True)
class Built:
    path: Path
    version: str
    kind: str  # "unchanged", "sources" (some sources' rows replaced) or "full"
    sources: tuple[str, ...] = ()  # the sources rebuilt, for "sources"


_lock = threading.Lock()
_failed: dict[tuple, FiguresError] = {}  # inputs' signature -> the problems they have (never re-validated)


@contextlib.contextmanager
def _locked(db: Path):
    """One builder at a time: threads of a server and other processes (make build while the app runs)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with _lock, open(db.with_name(db.name + ".lock"), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure(metrics: str | Path | None = None, db: str | Path | None = None) -> Built:
    """The store, up to date with the files: rebuilt where they changed. Raises FiguresError, store untouched.

    A page rerun calls this: when nothing changed it takes no lock and reads no database (the manifest is kept
    in memory per version of the store file), only a stat of each input.
    """
    metrics = Path(metrics) if metrics is not None else metrics_path()
    db = Path(db) if db is not None else store_path(metrics)
    quick = _unchanged(metrics.resolve(), db)
    if quick is not None:
        return quick
    with _locked(db):
        return _ensure(metrics, db)


def _built_by_us(meta: dict[str, str], metrics: Path) -> bool:
    """Whether the store was built by this code from this entry file (else it is rebuilt from scratch)."""
    return meta.get("code") == code_version() and meta.get("entry") == str(metrics)


def _unchanged(metrics: Path, db: Path) -> Built | None:
    meta, known = _manifest(db)
    if not _built_by_us(meta, metrics):
        return None
    inputs = _inputs(metrics, known)
    if len(inputs) != len(known) or any(i is not known.get(i.path) for i in inputs):
        return None  # a stat changed (maybe not the bytes): hashed and decided under the lock
    return Built(db, meta["version"], "unchanged")  # every stat as recorded: the recorded version


def build(metrics: str | Path | None = None, db: str | Path | None = None, *, workers: int = 1) -> Built:
    """python -m loaders build: ensure() with a clean slate for errors (the command line validates anew)."""
    metrics = Path(metrics) if metrics is not None else metrics_path()
    db = Path(db) if db is not None else store_path(metrics)
    with _locked(db):
        _failed.clear()
        return _ensure(metrics, db, workers=workers)


def _ensure(metrics: Path, db: Path, workers: int = 1) -> Built:
    metrics = metrics.resolve()  # one name per file, whatever the caller's spelling
    meta, known = _manifest(db)
    fresh = _built_by_us(meta, metrics)
    inputs = _inputs(metrics, known if fresh else {})
    version = version_of(inputs)
    if fresh and version == meta.get("version"):
        if any(i != known.get(i.path) for i in inputs):  # same bytes, new stats (a touch, an mtime now settled)
            with contextlib.closing(sqlite3.connect(db)) as conn, conn:
                _put_manifest(conn, inputs)
        return Built(db, version, "unchanged")
    signature = (str(db), version)
    if signature in _failed:
        raise _failed[signature]
    try:
        changed = _changed_sources(inputs, known) if fresh else None
        if changed is None:
            _full(metrics, db, inputs, version, workers)
            _prune(db)
            return Built(db, version, "full")
        _sources(metrics, db, inputs, version, changed)
        return Built(db, version, "sources", tuple(sorted(changed)))
    except FiguresError as exc:
        _failed.clear()  # one remembered failure per store is enough; the next edit replaces it
        _failed[signature] = exc
        raise


def _changed_sources(inputs: list[Input], known: dict[str, Input]) -> set[str] | None:
    """The sources whose text or figure file changed, or None when the entry file (or the file list) did."""
    entry = known.get(inputs[0].path)
    if entry is None or inputs[0].sha256 is None or inputs[0].sha256 != entry.sha256:
        return None
    if {i.path for i in inputs} != set(known):
        return None
    return {i.source for i in inputs[1:] if known[i.path].sha256 != i.sha256 or i.sha256 is None}


_manifests: dict[str, tuple[tuple, dict[str, str], dict[str, Input]]] = {}


def _manifest(db: Path) -> tuple[dict[str, str], dict[str, Input]]:
    """The store's meta and manifest, read once per version of the store file (any write changes its stat)."""
    try:
        st = db.stat()
    except OSError:
        return {}, {}
    key = (st.st_mtime_ns, st.st_size, st.st_ino)
    hit = _manifests.get(str(db))
    if hit is not None and hit[0] == key:
        return hit[1], hit[2]
    meta, known = _read_manifest(db)
    if time.time_ns() - st.st_mtime_ns > RACY_NS:  # a store written just now may be written again in its tick
        _manifests[str(db)] = (key, meta, known)
    return meta, known


def _read_manifest(db: Path) -> tuple[dict[str, str], dict[str, Input]]:
    try:
        with contextlib.closing(_connect(db, readonly=True)) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            rows = conn.execute("SELECT path, role, source, size, mtime_ns, sha256 FROM manifest").fetchall()
    except sqlite3.Error:
        return {}, {}  # not a store of ours, or an older one: rebuilt
    return meta, {r[0]: Input(*r) for r in rows}


def _connect(db: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        return sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
    return sqlite3.connect(db)


def _full(metrics: Path, db: Path, inputs: list[Input], version: str, workers: int) -> None:
    ds = load(metrics, workers=workers)
    atomic.produce(db, lambda tmp: _write_all(tmp, ds, inputs, version))


def _write_all(tmp: Path, ds: Dataset, inputs: list[Input], version: str) -> None:
    tmp.unlink(missing_ok=True)
    frame = _figure_frame(ds)
    contents = catalog.from_dataset(ds, frame.iloc[:0], columns=FIGURE_COLUMNS)  # the tables; figures below
    with contextlib.closing(sqlite3.connect(tmp)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        fill(conn, contents)
        with conn:
            _insert_figures(conn, frame)
            conn.executescript(_INTERNAL)
            _put_registries(conn, ds)
            _put_frame(conn, frame)
            _put_placed(conn, ds, list(ds.sources))
            _put_meta(conn, ds.path, inputs, version)


def _sources(metrics: Path, db: Path, inputs: list[Input], version: str, changed: set[str]) -> None:
    ds = load(metrics, only=changed)
    frame = _figure_frame(ds)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        _check_ids_elsewhere(conn, frame, changed)
        texts = [
            catalog.SourceText(s, ds.sources[s].file, ds.texts[s].encode("utf-8")) for s in changed if s in ds.texts
        ]
        marks = ",".join("?" * len(changed))
        with conn:
            conn.execute(f"DELETE FROM figures WHERE source IN ({marks})", tuple(changed))
            conn.execute(f"DELETE FROM texts WHERE source IN ({marks})", tuple(changed))
            conn.execute(f"DELETE FROM placed WHERE source IN ({marks})", tuple(changed))
            _insert_figures(conn, frame)
            conn.executemany(
                "INSERT INTO texts VALUES (?, ?, ?, ?)", [(t.source, t.path, t.sha256, t.data.decode()) for t in texts]
            )
            _put_placed(conn, ds, sorted(changed, key=list(ds.sources).index))
            _patch_frame(conn, frame, changed)
            _put_meta(conn, ds.path, inputs, version)


def _insert_figures(conn: sqlite3.Connection, frame: pd.DataFrame) -> None:
    """The figures table's rows straight from the frame's columns (a dict per row costs seconds at 1000x)."""
    cols = []
    for name in FIGURE_COLUMNS:
        col = frame[name]
        values = col.astype(object).where(col.notna(), None).tolist()
        if name == "draft":
            values = [None if v is None else int(v) for v in values]
        cols.append(values)
    sql = f"INSERT INTO figures ({', '.join(map(_q, FIGURE_COLUMNS))}) VALUES ({', '.join('?' * len(cols))})"
    conn.executemany(sql, zip(*cols, strict=True))


def check_keys(ds: Dataset, sources: set[str], metrics: str | Path | None = None) -> None:
    """The keys of these sources' figures (validated alone, load(only=sources)) against the store of the other
    sources: a figure id used elsewhere raises FiguresError naming both rows. No store yet: nothing to check
    against (the build that makes it checks every key)."""
    db = store_path(metrics if metrics is not None else ds.path)
    if not db.is_file():
        return
    ids = [m.id for m in ds.metrics if m.source in sources]
    frame = pd.DataFrame({"id": ids, "file": [ds.files[i] for i in ids], "line": [ds.lines.get(i) for i in ids]})
    with contextlib.closing(_connect(db, readonly=True)) as conn:
        _check_ids_elsewhere(conn, frame, sources)


def _check_ids_elsewhere(conn: sqlite3.Connection, frame: pd.DataFrame, changed: set[str]) -> None:
    """A figure id of the rebuilt sources that another source already uses: the PRIMARY KEY would refuse it;
    say where both are, as the full validation does."""
    ids = frame["id"].tolist()
    files = frame["file"].tolist()
    index = {}  # figure id -> (its file, its index among that file's rows), as the validator names a row
    seen: dict[str, int] = {}
    for fid, f in zip(ids, files, strict=True):
        index[fid] = (f, seen.get(f, 0))
        seen[f] = seen.get(f, 0) + 1
    lines = dict(zip(ids, frame["line"].tolist(), strict=True))
    others = ",".join("?" * len(changed))
    problems = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT id, file, line FROM figures WHERE id IN ({marks}) AND source NOT IN ({others})"
        for fid, file, line in conn.execute(sql, (*chunk, *changed)):
            f, i = index[fid]
            problems.append(
                Problem(f, lines[fid], ("metrics", i, "id"), f"duplicate id {fid!r} (first used at {file}:{line})")
            )
    if problems:
        raise FiguresError(problems)


def _figure_frame(ds: Dataset) -> pd.DataFrame:
    frame = derive.frame(ds)
    rank = {sid: k + 1 for k, sid in enumerate(ds.sources)}
    entry = _entry_display(ds)
    srcs, files, lines = frame["source"].tolist(), frame["file"].tolist(), frame["line"].tolist()
    ords = [
        (0 if f == entry else rank.get(s, 0)) * ORDER_STEP + (ln or 0)
        for s, f, ln in zip(srcs, files, lines, strict=True)
    ]
    return frame.assign(ord=pd.array(ords, dtype="Int64"))


def _entry_display(ds: Dataset) -> str | None:
    """How problems and figures name the entry file."""
    name = Path(ds.path).name
    return next((f for f in dict.fromkeys(ds.files.values()) if Path(f).name == name), None)


_INTERNAL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE manifest (path TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('entry', 'text', 'figures')),
  source TEXT, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
CREATE TABLE registry (section TEXT NOT NULL, id TEXT NOT NULL, ord INTEGER NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (section, id));
CREATE TABLE placed (source TEXT NOT NULL REFERENCES sources (id) DEFERRABLE INITIALLY DEFERRED,
  place TEXT NOT NULL REFERENCES cities (id) DEFERRABLE INITIALLY DEFERRED, ord INTEGER NOT NULL,
  appearance TEXT NOT NULL, section_start INTEGER, section_end INTEGER, PRIMARY KEY (source, place));
CREATE INDEX figures_ord ON figures (ord);
CREATE TABLE frame (id INTEGER PRIMARY KEY CHECK (id = 1), arrow BLOB NOT NULL);
CREATE TABLE frame_patch (source TEXT PRIMARY KEY, arrow BLOB NOT NULL);
"""
"""What the app needs beyond the published tables: the registries as their models, each source's appearances
in text order with their sections, the manifest of the inputs, and the figures table as the app's typed frame
(Arrow IPC: read in a tenth of the time the same rows take through SQL; written in the same transaction as the
rows, so the two never differ). A source rebuilt alone goes to frame_patch, its rows only, so that a Save
does not rewrite the whole frame; past PATCHES patched sources they are folded into the frame."""

PATCHES = 64


def _put_frame(conn: sqlite3.Connection, frame: pd.DataFrame) -> None:
    buf = io.BytesIO()
    frame.reset_index(drop=True).to_feather(buf, compression="uncompressed")
    conn.execute("INSERT OR REPLACE INTO frame VALUES (1, ?)", (buf.getvalue(),))


def _get_frame(conn: sqlite3.Connection) -> pd.DataFrame:
    """The frame with every patch applied, in load order."""
    (blob,) = conn.execute("SELECT arrow FROM frame WHERE id = 1").fetchone()
    frame = pd.read_feather(io.BytesIO(blob))
    patches = conn.execute("SELECT source, arrow FROM frame_patch").fetchall()
    if not patches:
        return frame
    parts = [pd.read_feather(io.BytesIO(b)) for _, b in patches]
    frame = frame[~frame["source"].isin({s for s, _ in patches})]
    return pd.concat([frame, *parts], ignore_index=True).sort_values("ord", kind="stable").reset_index(drop=True)


def _patch_frame(conn: sqlite3.Connection, frame: pd.DataFrame, changed: set[str]) -> None:
    """These sources' rows (frame) replace theirs in the app's frame: as patches, folded in past PATCHES."""
    marks = ",".join("?" * len(changed))
    conn.execute(f"DELETE FROM frame_patch WHERE source IN ({marks})", tuple(changed))
    for sid in sorted(changed):
        buf = io.BytesIO()
        frame[frame["source"] == sid].reset_index(drop=True).to_feather(buf, compression="uncompressed")
        conn.execute("INSERT INTO frame_patch VALUES (?, ?)", (sid, buf.getvalue()))
    if conn.execute("SELECT count(*) FROM frame_patch").fetchone()[0] > PATCHES:
        full = _get_frame(conn)
        conn.execute("DELETE FROM frame_patch")
        _put_frame(conn, full)


def _put_registries(conn: sqlite3.Connection, ds: Dataset) -> None:
    for section, entries in (
        ("sources", ds.sources),
        ("cities", ds.cities),
        ("metric_types", ds.metric_types),
        ("indicators", ds.indicators),
    ):
        conn.executemany(
            "INSERT INTO registry VALUES (?, ?, ?, ?)",
            [(section, k, n, v.model_dump_json()) for n, (k, v) in enumerate(entries.items())],
        )


def _put_placed(conn: sqlite3.Connection, ds: Dataset, sources: list[str]) -> None:
    rank = {sid: k for k, sid in enumerate(ds.sources)}
    rows = []
    n = {}
    for (sid, place), a in ds.appearances.items():
        if sid not in sources:
            continue
        n[sid] = n.get(sid, -1) + 1
        start, end = ds.sections.get((sid, place), (None, None))
        rows.append((sid, place, rank[sid] * ORDER_STEP + n[sid], a.model_dump_json(), start, end))
    conn.executemany("INSERT INTO placed VALUES (?, ?, ?, ?, ?, ?)", rows)


def _put_manifest(conn: sqlite3.Connection, inputs: list[Input]) -> None:
    conn.execute("DELETE FROM manifest")
    conn.executemany(
        "INSERT INTO manifest VALUES (?, ?, ?, ?, ?, ?)",
        [(i.path, i.role, i.source, i.size, i.mtime_ns, i.sha256) for i in inputs],
    )


def _put_meta(conn: sqlite3.Connection, entry: Path, inputs: list[Input], version: str) -> None:
    _put_manifest(conn, inputs)
    meta = {"schema": SCHEMA_VERSION, "code": code_version(), "entry": str(entry), "version": version}
    conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(meta.items()))


# 3/ the published tables (Datasette and SQL see these): keys, checks, indexes, a labelled view


SQL_TYPES = {"string": "TEXT", "number": "REAL", "integer": "INTEGER", "boolean": "INTEGER", "array": "TEXT"}
INDEXED = ("city", "type", "status", "source", "indicator", "qualifier")
"""Figure columns the dashboard filters by; each gets an index (and so a fast Datasette facet)."""
LABELS = ("en", "zh", "level", "title_en")
"""Columns of a referenced table that figures_full shows beside the id, where the table has them."""
VIEW = "figures_full"


def fill(conn: sqlite3.Connection, contents: catalog.Contents, *, created=None) -> None:
    """Create every table, insert the rows, and commit only if every foreign key holds."""
    conn.execute("PRAGMA foreign_keys = ON")
    names = {t.name for t in contents.tables}
    with conn:
        for table in contents.tables:  # every table first: a row may point to a table listed after its own
            conn.execute(create_table(table, names))
        for table in contents.tables:
            _insert(conn, table)
            for col in _indexed(table):
                conn.execute(f"CREATE INDEX {_q(f'{table.name}_{col}')} ON {_q(table.name)} ({_q(col)})")
        _texts(conn, contents)
        _fields(conn, contents)
        _about(conn, contents, created)
        conn.execute(create_view(contents))
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise catalog.ExportError(f"{len(broken)} row(s) point to ids that do not exist, e.g. {broken[0]}")


def _insert(conn: sqlite3.Connection, table: catalog.Table) -> None:
    cols = [f["name"] for f in table.fields]
    kinds = [f["type"] for f in table.fields]
    sql = f"INSERT INTO {_q(table.name)} ({', '.join(map(_q, cols))}) VALUES ({', '.join('?' * len(cols))})"
    conn.executemany(sql, ([_sql_value(row.get(c), k) for c, k in zip(cols, kinds, strict=True)] for row in table.rows))


def create_table(table: catalog.Table, names: set[str]) -> str:
    parts = []
    for f in table.fields:
        c = f.get("constraints", {})
        col = f"{_q(f['name'])} {SQL_TYPES[f['type']]}"
        if c.get("required"):
            col += " NOT NULL"
        if "enum" in c:
            col += f" CHECK ({_q(f['name'])} IN ({', '.join(_literal(v) for v in c['enum'])}))"
        if f["type"] == "boolean":
            col += f" CHECK ({_q(f['name'])} IN (0, 1))"
        parts.append(col)
    if table.primary_key:
        parts.append(f"PRIMARY KEY ({', '.join(map(_q, table.primary_key))})")
    for fk in table.foreign_keys:
        target = fk["reference"]["resource"] or table.name
        parts.append(
            f"FOREIGN KEY ({', '.join(map(_q, fk['fields']))}) "
            f"REFERENCES {_q(target)} ({', '.join(map(_q, fk['reference']['fields']))}) DEFERRABLE INITIALLY DEFERRED"
        )
    return f"CREATE TABLE {_q(table.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def create_view(contents: catalog.Contents) -> str:
    """figures joined with the labels of what they point to: one row per figure, same ids."""
    figures = contents.table(catalog.FIGURES)
    cols = ["f.*"]
    joins = []
    for fk in figures.foreign_keys:
        (col,) = fk["fields"]
        target = contents.table(fk["reference"]["resource"])
        alias = f"j_{col}"
        have = {f["name"] for f in target.fields}
        picked = [label for label in LABELS if label in have]
        if not picked:
            continue
        required = any(f["name"] == col and f.get("constraints", {}).get("required") for f in figures.fields)
        joins.append(f"{'JOIN' if required else 'LEFT JOIN'} {_q(target.name)} {alias} ON {alias}.id = f.{_q(col)}")
        cols += [f"{alias}.{_q(label)} AS {_q(f'{col}_{label}')}" for label in picked]
    return f"CREATE VIEW {_q(VIEW)} AS SELECT {', '.join(cols)} FROM {_q(catalog.FIGURES)} f " + " ".join(joins)


def _indexed(table: catalog.Table) -> list[str]:
    cols = [f["name"] for f in table.fields]
    if table.name == catalog.FIGURES:
        return [c for c in INDEXED if c in cols]
    return [c for c in cols if c in catalog.REFERENCES and c != "id"]


def _texts(conn: sqlite3.Connection, contents: catalog.Contents) -> None:
    conn.execute(
        "CREATE TABLE texts (source TEXT PRIMARY KEY REFERENCES sources (id) DEFERRABLE INITIALLY DEFERRED, "
        "path TEXT NOT NULL, sha256 TEXT NOT NULL, text TEXT NOT NULL)"
    )
    conn.executemany(
        "INSERT INTO texts VALUES (?, ?, ?, ?)",
        [(t.source, t.path, t.sha256, t.data.decode("utf-8")) for t in contents.texts],
    )


def _fields(conn: sqlite3.Connection, contents: catalog.Contents) -> None:
    """What each column means (Datasette shows tables, not Table Schema descriptions)."""
    conn.execute(
        "CREATE TABLE columns (table_name TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, "
        "description TEXT, PRIMARY KEY (table_name, name))"
    )
    conn.executemany(
        "INSERT INTO columns VALUES (?, ?, ?, ?)",
        [(t.name, f["name"], f["type"], f.get("description")) for t in contents.tables for f in t.fields],
    )


def _about(conn: sqlite3.Connection, contents: catalog.Contents, created) -> None:
    conn.execute("CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    rows = [
        ("blanks", catalog.BLANK_RULE + " In this database an empty number is NULL."),
        ("licence_note", catalog.licence_note(contents.sources)),
        ("created", catalog.timestamp(created)),
        ("sources", json.dumps(contents.sources, ensure_ascii=False)),
    ]
    conn.executemany("INSERT INTO about VALUES (?, ?)", rows)


def _sql_value(v, kind: str):
    if v is None:
        return None
    if kind == "boolean":
        return int(bool(v))
    if kind == "array":
        return json.dumps(v, ensure_ascii=False)
    return v


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(v) -> str:
    return "'" + str(v).replace("'", "''") + "'" if isinstance(v, str) else str(v)


# 4/ reading


def read(db: str | Path, metrics: str | Path | None = None) -> Bundle:
    """The Bundle of a built store (pages, tests and exports all read this)."""
    db = Path(db)
    with contextlib.closing(_connect(db, readonly=True)) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        registries: dict[str, dict] = {name: {} for name in REGISTRY_MODELS}
        for section, rid, blob in conn.execute("SELECT section, id, json FROM registry ORDER BY section, ord"):
            registries[section][rid] = REGISTRY_MODELS[section].model_validate_json(blob)
        frame = _get_frame(conn).drop(columns="ord")
        texts = dict(
            conn.execute(
                "SELECT t.source, t.text FROM texts t JOIN registry r ON r.section = 'sources' "
                "AND r.id = t.source ORDER BY r.ord"
            ).fetchall()
        )
        appearances, sections = {}, {}
        for sid, place, blob, start, end in conn.execute(
            "SELECT source, place, appearance, section_start, section_end FROM placed ORDER BY ord"
        ):
            appearances[(sid, place)] = Appearance.model_validate_json(blob)
            if start is not None:
                sections[(sid, place)] = (start, end)
    return Bundle(
        frame=frame,
        cities=registries["cities"],
        metric_types=registries["metric_types"],
        indicators=registries["indicators"],
        sources=registries["sources"],
        texts=texts,
        appearances=appearances,
        sections=sections,
        path=meta.get("entry", str(metrics or "")),
        version=meta.get("version", ""),
    )


def load_bundle(metrics: str | Path | None = None) -> Bundle:
    """ensure() then read(): the current data as a Bundle, or FiguresError listing every problem."""
    built = ensure(metrics)
    return read(built.path, metrics)
