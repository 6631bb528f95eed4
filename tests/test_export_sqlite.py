"""The SQLite file: keys hold, rows match the frame, blanks are NULL, and Datasette facets count like the sidebar."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import factories
import pandas as pd
import pytest
from datasette.app import Datasette

from exports import sqlite as export_sqlite
from loaders import catalog as export_tables
from loaders import derive, load
from loaders.catalog import ExportError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "metrics.yaml"


@pytest.fixture(scope="module")
def real():
    ds = load(DATA)
    return ds, derive.frame(ds)


@pytest.fixture(scope="module")
def db(real, tmp_path_factory):
    """The store of the real data, as `datasette build/figures.db` opens it (a copy: tests may try to break it)."""
    return export_sqlite.copy_store(DATA, tmp_path_factory.mktemp("db") / "figures.db")


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def test_foreign_keys_hold_and_are_declared(db):
    conn = connect(db)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    targets = {row[2]: row[3] for row in conn.execute("PRAGMA foreign_key_list(figures)")}
    assert targets == {"sources": "source", "cities": "city", "metric_types": "type", "indicators": "indicator"}
    with pytest.raises(sqlite3.IntegrityError), conn:
        conn.execute("UPDATE figures SET city = 'atlantis' WHERE rowid = 1")


def test_row_counts_equal_the_frame_and_registries(real, db):
    ds, df = real
    conn = connect(db)
    count = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in export_tables.REGISTRIES}
    assert count == {
        "sources": len(ds.sources),
        "cities": len(ds.cities),
        "metric_types": len(ds.metric_types),
        "indicators": len(ds.indicators),
    }
    assert conn.execute("SELECT count(*) FROM figures").fetchone()[0] == len(df)
    assert conn.execute("SELECT count(*) FROM figures_full").fetchone()[0] == len(df)
    assert conn.execute("SELECT count(*) FROM texts").fetchone()[0] == len(ds.texts)


def test_a_blank_is_null_with_status_blank(real, db):
    _, df = real
    conn = connect(db)
    blanks = df[df["status"] == "blank"]["id"].tolist()
    assert blanks
    rows = conn.execute(
        f"SELECT id, value, low, high, status FROM figures WHERE id IN ({','.join('?' * len(blanks))})", blanks
    ).fetchall()
    assert sorted(rows) == sorted((fid, None, None, None, "blank") for fid in blanks)
    assert conn.execute("SELECT count(*) FROM figures WHERE value = 0 AND status != 'reported'").fetchone() == (0,)


def test_values_and_labels_match_the_frame(real, db):
    _, df = real
    conn = connect(db)
    got = {
        r[0]: r[1:]
        for r in conn.execute("SELECT id, value, unit, status, quote, city_en, type_en, source FROM figures_full")
    }
    for r in df.itertuples():
        value = None if pd.isna(r.value) else float(r.value)
        unit = None if pd.isna(r.unit) else r.unit
        assert got[r.id] == (value, unit, r.status, r.quote, r.city_en, r.type_en, r.source), r.id


def test_the_filters_are_indexed(db):
    conn = connect(db)
    indexed = {
        conn.execute(f"PRAGMA index_info({name!r})").fetchone()[2]
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'figures' AND sql IS NOT NULL"
        )
    }
    assert {"city", "type", "status", "source"} <= indexed


FACETS = ("type", "city", "status", "source")


async def _facets(db: Path, table: str) -> dict[str, dict]:
    """One request, as the README's address: every facet at once, through Datasette's own client."""
    datasette = Datasette(files=[str(db)])
    query = "&".join(f"_facet={c}" for c in FACETS)
    response = await datasette.client.get(f"/{db.stem}/{table}.json?{query}&_facet_size=max&_size=0")
    assert response.status_code == 200, response.text
    results = response.json()["facet_results"]
    return {c: {r["value"]: r["count"] for r in results[c]["results"]} for c in FACETS}


@pytest.mark.parametrize("table", ["figures", "figures_full"])
def test_datasette_facets_count_like_the_frame(real, db, table):
    _, df = real
    # its own thread: a test before it (Playwright's sync API) may leave an event loop running in this one
    with ThreadPoolExecutor(max_workers=1) as pool:
        facets = pool.submit(asyncio.run, _facets(db, table)).result()
    for column in FACETS:
        counts = df[column].astype(str).value_counts()  # what the sidebar counts per value
        assert facets[column] == counts[counts > 0].to_dict(), column


def test_a_broken_reference_writes_nothing(tmp_path):
    ds = load(factories.write(tmp_path))
    df = derive.frame(ds)
    df["city"] = df["city"].cat.add_categories(["atlantis"])
    df.loc[df.index[0], "city"] = "atlantis"
    target = tmp_path / "out" / "data.db"
    target.parent.mkdir()
    target.write_bytes(b"previous")
    with pytest.raises(ExportError, match="point to ids that do not exist"):
        export_sqlite.write(export_tables.from_dataset(ds, df), target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in target.parent.iterdir()] == ["data.db"]


def test_cli_writes_the_sqlite_file(tmp_path):
    path = factories.write(tmp_path)
    target = tmp_path / "data.db"
    run = [sys.executable, "-m", "exports", "export", "--file", str(path), "--format", "sqlite", "-o", str(target)]
    out = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    conn = connect(target)
    assert conn.execute("SELECT count(*) FROM figures").fetchone()[0] == len(factories.METRICS)
    assert conn.execute("SELECT value, status FROM figures WHERE id = 'jia-instructors'").fetchone() == (None, "blank")
    assert conn.execute("SELECT value FROM figures WHERE id = 'jia-secretaries'").fetchone() == (12.0,)
