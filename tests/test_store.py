"""The store (build/figures.db): built from data/, read by every reader, rebuilt only where a file changed."""

from __future__ import annotations

import os
import sqlite3

import factories
import pandas as pd
import pytest

from bench import synth
from loaders import store
from loaders.bundle import from_dataset
from loaders.dataset import load
from loaders.problems import FiguresError


def assert_same(got, want):
    pd.testing.assert_frame_equal(got.frame, want.frame)
    assert got.cities == want.cities and got.metric_types == want.metric_types
    assert got.indicators == want.indicators and got.sources == want.sources
    assert list(got.sources) == list(want.sources) and list(got.cities) == list(want.cities)
    assert got.texts == want.texts
    assert list(got.appearances.items()) == list(want.appearances.items())  # text order kept
    assert got.sections == want.sections


@pytest.fixture
def synthetic(tmp_path):
    return synth.make(3, tmp_path)


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_store_reads_back_what_the_loader_validated(tmp_path, synthetic):
    (tmp_path / "small").mkdir()
    for entry in (factories.write(tmp_path / "small"), synthetic):
        built = store.ensure(entry)
        assert built.kind == "full"
        assert_same(store.read(built.path), from_dataset(load(entry)))


def test_unchanged_files_rebuild_nothing(synthetic):
    first = store.ensure(synthetic)
    again = store.ensure(synthetic)
    assert again.kind == "unchanged" and again.version == first.version


def test_an_edited_figure_file_rebuilds_its_source_only_and_shows_the_change(synthetic):
    store.ensure(synthetic)
    figures = synthetic.parent / "figures" / "syn-0002.yaml"
    _edit(figures, 'label_en: "', 'label_en: "Freshly edited ')
    built = store.ensure(synthetic)
    assert built.kind == "sources" and built.sources == ("syn-0002",)
    got = store.read(built.path)
    assert_same(got, from_dataset(load(synthetic)))
    assert got.frame["label_en"].str.startswith("Freshly edited").sum() == 1


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(synthetic):
    store.ensure(synthetic)
    figures = synthetic.parent / "figures" / "syn-0001.yaml"
    before = figures.stat()
    text = figures.read_text(encoding="utf-8")
    i = text.index('label_en: "') + len('label_en: "')
    figures.write_text(text[:i] + ("Q" if text[i] != "Q" else "R") + text[i + 1 :], encoding="utf-8")
    os.utime(figures, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime: git's racy case
    assert figures.stat().st_size == before.st_size
    built = store.ensure(synthetic)
    assert built.kind == "sources"


def test_a_broken_edit_is_reported_by_file_and_line_and_the_store_keeps_the_last_good_data(synthetic):
    good = store.read(store.ensure(synthetic).path)
    figures = synthetic.parent / "figures" / "syn-0002.yaml"
    _edit(figures, "status: reported", "status: guessed")
    with pytest.raises(FiguresError) as err:
        store.ensure(synthetic)
    assert any(p.file.endswith("syn-0002.yaml") and p.line and p.loc[-1] == "status" for p in err.value.problems)
    with pytest.raises(FiguresError):  # asked again, the same answer (remembered, not half-built)
        store.ensure(synthetic)
    assert_same(store.read(store.store_path(synthetic)), good)
    _edit(figures, "status: guessed", "status: reported")
    assert store.ensure(synthetic).kind in ("sources", "unchanged")


def test_a_figure_id_another_source_uses_is_refused_with_both_places_named(synthetic):
    store.ensure(synthetic)
    con = sqlite3.connect(store.store_path(synthetic))
    (other,) = con.execute("SELECT id FROM figures WHERE source = 'syn-0001' LIMIT 1").fetchone()
    con.close()
    figures = synthetic.parent / "figures" / "syn-0002.yaml"
    text = figures.read_text(encoding="utf-8")
    first_id = text.split("- id: ", 1)[1].split("\n", 1)[0]
    _edit(figures, f"- id: {first_id}\n", f"- id: {other}\n")
    with pytest.raises(FiguresError) as err:
        store.ensure(synthetic)
    (p,) = [p for p in err.value.problems if "duplicate id" in p.message]
    assert p.file.endswith("syn-0002.yaml") and p.loc == ("metrics", 0, "id") and "syn-0001.yaml" in p.message


def test_an_edited_entry_file_rebuilds_everything(synthetic):
    store.ensure(synthetic)
    _edit(synthetic, "title_en: 'Synthetic", "title_en: 'Renamed Synthetic")
    built = store.ensure(synthetic)
    assert built.kind == "full"
    assert any(s.title_en.startswith("Renamed") for s in store.read(built.path).sources.values())


def test_the_store_holds_keys_checks_and_the_labelled_view(synthetic):
    db = store.ensure(synthetic).path
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = ON")
    fid, source = con.execute("SELECT id, source FROM figures LIMIT 1").fetchone()
    with pytest.raises(sqlite3.IntegrityError):  # figure ids are a primary key
        con.execute(
            "INSERT INTO figures (id, source, city, type, status, qualifier, start, end, at) "
            "SELECT id, source, city, type, status, qualifier, start, end, at FROM figures WHERE id = ?",
            (fid,),
        )
    with pytest.raises(sqlite3.IntegrityError):  # a status is one of the known ones
        con.execute("UPDATE figures SET status = 'guessed' WHERE id = ?", (fid,))
    assert con.execute("SELECT source_title_en FROM figures_full WHERE id = ?", (fid,)).fetchone()[0]
    assert con.execute("SELECT count(*) FROM texts WHERE source = ?", (source,)).fetchone()[0] == 1
    blanks = con.execute("SELECT count(*) FROM figures WHERE status = 'blank' AND value IS NOT NULL").fetchone()[0]
    assert blanks == 0  # a blank is NULL, never 0


def test_an_entry_edited_just_before_a_build_does_not_turn_the_next_figure_edit_into_a_full_rebuild(
    synthetic, monkeypatch
):
    monkeypatch.setattr(store, "RACY_NS", 10**18)  # every file counts as modified just now: its mtime unrecorded
    store.ensure(synthetic)
    monkeypatch.setattr(store, "RACY_NS", 0)  # then time passes: the stats settle
    assert store.ensure(synthetic).kind == "unchanged"
    _edit(synthetic.parent / "figures" / "syn-0001.yaml", 'label_en: "', 'label_en: "Later ')
    assert store.ensure(synthetic).kind == "sources"


def test_the_store_reads_the_entry_file_through_the_guarded_reader(tmp_path):
    entry = tmp_path / "metrics.yaml"
    rows = ", ".join(["*a"] * 10)
    entry.write_text(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{c}: &{c} [{rows.replace('a', p)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True)),
        encoding="utf-8",
    )  # ten to the eighth nodes once expanded
    with pytest.raises(FiguresError) as err:
        store.ensure(entry)
    assert [p.message for p in err.value.problems][0].startswith("aliases expand the document past")
    assert not store.store_path(entry).exists()


def test_many_saves_one_source_at_a_time_read_back_as_a_fresh_build(synthetic, monkeypatch):
    monkeypatch.setattr(store, "PATCHES", 1)  # two patched sources are folded into the frame
    store.ensure(synthetic)
    for k, sid in enumerate(["syn-0001", "syn-0002", "syn-0001", "syn-0002", "syn-0001"]):
        _edit(synthetic.parent / "figures" / f"{sid}.yaml", 'label_en: "', f'label_en: "Round {k} ')
        assert store.ensure(synthetic).kind == "sources"
        assert_same(store.read(store.store_path(synthetic)), from_dataset(load(synthetic)))
