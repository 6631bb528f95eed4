"""The figures as one SQLite file for Datasette and SQL: the data package's tables with keys, indexes and a view.

`datasette FILE.db` then facets figures (or figures_full, with labels) by city, type, status and source.
A blank is NULL in value/low/high with its status, never 0.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import tempfile
from pathlib import Path

from loaders.catalog import BLANK_RULE, FIGURES, REFERENCES, Contents, ExportError, Table, licence_note, timestamp

SQL_TYPES = {"string": "TEXT", "number": "REAL", "integer": "INTEGER", "boolean": "INTEGER", "array": "TEXT"}
INDEXED = ("city", "type", "status", "source", "indicator", "qualifier")
"""Figure columns the dashboard filters by; each gets an index (and so a fast Datasette facet)."""
LABELS = ("en", "zh", "level", "title_en")
"""Columns of a referenced table that figures_full shows beside the id, where the table has them."""
VIEW = "figures_full"


def write(contents: Contents, target: str | Path, *, created: dt.datetime | None = None) -> Path:
    """Build the database in a temporary file beside target, check its keys, then move it into place."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            fill(conn, contents, created=created)
        finally:
            conn.close()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def fill(conn: sqlite3.Connection, contents: Contents, *, created: dt.datetime | None = None) -> None:
    """Create every table, insert the rows, and commit only if every foreign key holds."""
    conn.execute("PRAGMA foreign_keys = ON")
    names = {t.name for t in contents.tables}
    with conn:
        for table in contents.tables:  # every table first: a row may point to a table listed after its own
            conn.execute(create_table(table, names))
        for table in contents.tables:
            cols = [f["name"] for f in table.fields]
            kinds = [f["type"] for f in table.fields]
            sql = f"INSERT INTO {_q(table.name)} ({', '.join(map(_q, cols))}) VALUES ({', '.join('?' * len(cols))})"
            conn.executemany(
                sql, ([_sql_value(row.get(c), k) for c, k in zip(cols, kinds, strict=True)] for row in table.rows)
            )
            for col in _indexed(table):
                conn.execute(f"CREATE INDEX {_q(f'{table.name}_{col}')} ON {_q(table.name)} ({_q(col)})")
        _texts(conn, contents)
        _fields(conn, contents)
        _about(conn, contents, created)
        conn.execute(create_view(contents))
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ExportError(f"{len(broken)} row(s) point to ids that do not exist, e.g. {broken[0]}")


def create_table(table: Table, names: set[str]) -> str:
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


def create_view(contents: Contents) -> str:
    """figures joined with the labels of what they point to: one row per figure, same ids."""
    figures = contents.table(FIGURES)
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
    return f"CREATE VIEW {_q(VIEW)} AS SELECT {', '.join(cols)} FROM {_q(FIGURES)} f " + " ".join(joins)


def _indexed(table: Table) -> list[str]:
    cols = [f["name"] for f in table.fields]
    if table.name == FIGURES:
        return [c for c in INDEXED if c in cols]
    return [c for c in cols if c in REFERENCES and c != "id"]


def _texts(conn: sqlite3.Connection, contents: Contents) -> None:
    conn.execute(
        "CREATE TABLE texts (source TEXT PRIMARY KEY REFERENCES sources (id) DEFERRABLE INITIALLY DEFERRED, "
        "path TEXT NOT NULL, sha256 TEXT NOT NULL, text TEXT NOT NULL)"
    )
    conn.executemany(
        "INSERT INTO texts VALUES (?, ?, ?, ?)",
        [(t.source, t.path, t.sha256, t.data.decode("utf-8")) for t in contents.texts],
    )


def _fields(conn: sqlite3.Connection, contents: Contents) -> None:
    """What each column means (Datasette shows tables, not Table Schema descriptions)."""
    conn.execute(
        "CREATE TABLE columns (table_name TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, "
        "description TEXT, PRIMARY KEY (table_name, name))"
    )
    conn.executemany(
        "INSERT INTO columns VALUES (?, ?, ?, ?)",
        [(t.name, f["name"], f["type"], f.get("description")) for t in contents.tables for f in t.fields],
    )


def _about(conn: sqlite3.Connection, contents: Contents, created: str | None) -> None:
    conn.execute("CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    rows = [
        ("blanks", BLANK_RULE + " In this database an empty number is NULL."),
        ("licence_note", licence_note(contents.sources)),
        ("created", timestamp(created)),
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
