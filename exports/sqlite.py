"""The figures as one SQLite file for Datasette and SQL: the store's own tables (loaders.store), never a second
schema. `python -m exports export --format sqlite -o FILE` copies the store of the metrics file; write() makes
the same tables for a selection of rows (Contents).

A blank is NULL in value/low/high with its status, never 0.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

from loaders import atomic, store
from loaders.catalog import Contents


def write(contents: Contents, target: str | Path, *, created: dt.datetime | None = None) -> Path:
    """The store's published tables of contents in a new file, moved into place only if every key holds."""

    def make(tmp: Path) -> None:
        tmp.unlink(missing_ok=True)
        with contextlib.closing(sqlite3.connect(tmp)) as conn:
            store.fill(conn, contents, created=created)

    return atomic.produce(Path(target), make)


def copy_store(metrics: str | Path, target: str | Path) -> Path:
    """The store of metrics (built or updated first; FiguresError if data/ does not validate), copied whole."""
    built = store.ensure(metrics)

    def make(tmp: Path) -> None:
        tmp.unlink(missing_ok=True)
        src = contextlib.closing(sqlite3.connect(f"file:{built.path}?mode=ro", uri=True))
        with src as source, contextlib.closing(sqlite3.connect(tmp)) as dst:
            source.backup(dst)

    return atomic.produce(Path(target), make)
