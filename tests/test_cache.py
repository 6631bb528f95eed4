"""loaders.cache: a cached load is the fresh load; only what changed is validated again; bad data is never served."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from bench import synth
from loaders import bundle, cache, dataset
from loaders.problems import FiguresError

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "many_sources"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("METRICS_CACHE_DIR", str(tmp_path / "cache"))
    cache.forget()
    yield tmp_path / "cache"
    cache.forget()


@pytest.fixture
def data(tmp_path) -> Path:
    """The real data plus three synthetic sources, each with its own text and figure file."""
    return synth.make(4, tmp_path / "data")


@pytest.fixture
def validations(monkeypatch) -> list:
    """Every dataset.load the cache makes, as the `only` it was given (None: everything)."""
    calls = []
    real = dataset.load

    def spy(path=None, *, only=None):
        calls.append(None if only is None else sorted(only))
        return real(path, only=only)

    monkeypatch.setattr(dataset, "load", spy)
    return calls


def assert_same(cached: bundle.Bundle, fresh: bundle.Bundle) -> None:
    pd.testing.assert_frame_equal(cached.frame, fresh.frame, check_exact=True)  # values, order, dtypes, categories
    for name in ("cities", "metric_types", "indicators", "sources", "texts", "appearances", "sections", "path"):
        assert getattr(cached, name) == getattr(fresh, name), name
    assert list(cached.appearances) == list(fresh.appearances)
    assert list(cached.sections) == list(fresh.sections) and list(cached.texts) == list(fresh.texts)


def new_process() -> None:
    cache.forget()  # what a restart forgets: only the snapshot on disk remains


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(call) -> list[str]:
    with pytest.raises(FiguresError) as err:
        call()
    return [str(p) for p in err.value.problems]


@pytest.mark.parametrize("make", [lambda tmp: synth.make(4, tmp / "data"), lambda tmp: copy_fixture(tmp)])
def test_a_cached_load_is_the_fresh_load_field_by_field(tmp_path, make, validations):
    path = make(tmp_path)
    fresh = bundle.build(path)
    validations.clear()
    assert_same(cache.load(path), fresh)  # first: validated in full, snapshot written
    assert validations == [None]
    new_process()
    assert_same(cache.load(path), fresh)  # then from the snapshot, not validated again
    assert validations == [None]


def copy_fixture(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "fixture")
    return tmp_path / "fixture" / "metrics.yaml"


def test_an_edited_figure_file_revalidates_that_source_alone(data, validations):
    cache.load(data)
    edit(data.parent / "figures" / "syn-0002.yaml", 'label_en: "', 'label_en: "Edited ')
    validations.clear()
    cached = cache.load(data)
    assert validations == [["syn-0002"]]
    assert_same(cached, bundle.build(data))
    assert cached.frame["label_en"].str.startswith("Edited ").sum() == 1


def test_an_edited_entry_relabels_kept_parts_and_revalidates_the_sources_with_figures_in_it(data, validations):
    cache.load(data)
    doc = yaml.safe_load(data.read_text(encoding="utf-8"))
    place = next(c for c in doc["cities"] if c["id"].startswith("city-"))
    edit(data, f"en: {place['en']}\n", f"en: {place['en']} (renamed)\n")
    validations.clear()
    cached = cache.load(data)
    in_entry = sorted({m["source"] for m in doc["metrics"] or []})
    assert validations == [in_entry]  # the sources whose figures' lines sit in the entry; no other source
    assert_same(cached, bundle.build(data))


def test_an_invalid_edit_raises_with_file_and_line_every_time_and_is_never_served(data):
    good = cache.load(data)
    figures = data.parent / "figures" / "syn-0003.yaml"
    quote = yaml.safe_load(figures.read_text(encoding="utf-8"))["metrics"][4]["quote"]
    edit(figures, json.dumps(quote, ensure_ascii=False), '"a quote the text does not have"')
    expected = problems(lambda: bundle.build(data))
    assert any(p.startswith(f"{figures}:") and "metrics[4].quote: not found" in p for p in expected)
    assert problems(lambda: cache.load(data)) == expected
    new_process()
    assert problems(lambda: cache.load(data)) == expected  # not served from the snapshot of the good data
    edit(figures, '"a quote the text does not have"', json.dumps(quote, ensure_ascii=False))
    assert_same(cache.load(data), good)


def test_a_figure_id_taken_in_another_file_is_refused_as_a_full_load_refuses_it(data, validations):
    cache.load(data)
    taken = yaml.safe_load((data.parent / "figures" / "syn-0001.yaml").read_text(encoding="utf-8"))["metrics"][0]
    edit(data.parent / "figures" / "syn-0002.yaml", "  - id: syn-0002-000\n", f"  - id: {taken['id']}\n")
    expected = problems(lambda: bundle.build(data))
    assert any("duplicate" in p or taken["id"] in p for p in expected)
    assert problems(lambda: cache.load(data)) == expected


def test_a_place_removed_from_the_registry_fails_the_kept_parts_that_use_it(data):
    cache.load(data)
    doc = yaml.safe_load(data.read_text(encoding="utf-8"))
    used = yaml.safe_load((data.parent / "figures" / "syn-0001.yaml").read_text(encoding="utf-8"))["metrics"][0]
    doc["cities"] = [c for c in doc["cities"] if c["id"] != used["city"]]
    data.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    expected = problems(lambda: bundle.build(data))
    assert any(f"unknown city {used['city']!r}" in p for p in expected)
    assert problems(lambda: cache.load(data)) == expected


@pytest.mark.parametrize("victim", ["meta.json", "frame-*.parquet", "texts-*.json"])
@pytest.mark.parametrize("garbage", [b"", b"\x00not what it should be\xff", b'{"code": 1}'])
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(data, cache_dir, victim, garbage, validations):
    fresh = bundle.build(data)
    cache.load(data)
    (target,) = cache_dir.glob(f"*/{victim}")
    target.write_bytes(garbage)
    new_process()
    validations.clear()
    assert_same(cache.load(data), fresh)
    assert validations == [None]  # rebuilt from the data
    new_process()
    validations.clear()
    assert_same(cache.load(data), fresh)
    assert validations == []  # and the rebuilt snapshot serves the next start


def test_change_detection_stats_every_file_and_hashes_only_the_changed_one(data, monkeypatch):
    monkeypatch.setattr(cache, "RACY_S", 0)  # the files were just written; trust their stat at once
    cache.load(data)
    reads = []
    real = cache.read_capped
    monkeypatch.setattr(cache, "read_capped", lambda fh, cap: reads.append(fh.name) or real(fh, cap))
    new_process()
    before = cache.version(data)
    assert reads == []  # a restart trusts the snapshot's record of hashes while the stats hold
    text = data.parent / "source" / "syn-0001.txt"
    os.utime(text)  # touched: stat changed, content not
    assert cache.version(data) == before and reads == [str(text)]
    figures = data.parent / "figures" / "syn-0002.yaml"
    stat = figures.stat()
    edit(figures, 'label_en: "', 'label_en: "X')
    os.utime(figures, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an edit that keeps the mtime (cp -p, rsync -t)
    assert cache.version(data) != before and reads[-1] == str(figures)


def test_a_file_hashed_right_after_it_was_written_is_hashed_again(data, monkeypatch):
    reads = []
    real = cache.read_capped
    monkeypatch.setattr(cache, "read_capped", lambda fh, cap: reads.append(fh.name) or real(fh, cap))
    cache.version(data)
    first = len(reads)
    cache.version(data)  # within RACY_S of their writing: an edit in the same timestamp tick could hide
    assert first >= 4 and len(reads) == 2 * first


def test_the_cache_lives_outside_the_data_and_the_data_are_not_written(data, cache_dir):
    before = {p: p.stat().st_mtime_ns for p in data.parent.rglob("*")}
    cache.load(data)
    cache.load(data)
    assert {p: p.stat().st_mtime_ns for p in data.parent.rglob("*")} == before
    assert list(cache_dir.glob("*/meta.json"))


def test_an_unwritable_cache_still_loads(data, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory would go", encoding="utf-8")
    monkeypatch.setenv("METRICS_CACHE_DIR", str(blocker))
    assert_same(cache.load(data), bundle.build(data))


def test_the_default_cache_root_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("METRICS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_root() == tmp_path / "xdg" / "reported-figures"


def test_two_copies_of_the_same_data_each_read_their_own_files(tmp_path):
    a, b = synth.make(3, tmp_path / "a"), synth.make(3, tmp_path / "b")  # identical bytes, other directories
    assert a.read_bytes() == b.read_bytes()
    cache.load(a)
    cache.load(b)
    before = cache.version(b)
    edit(b.parent / "figures" / "syn-0001.yaml", 'label_en: "', 'label_en: "Only in b ')
    assert cache.version(b) != before
    assert_same(cache.load(b), bundle.build(b))
    assert not cache.load(a).frame["label_en"].str.startswith("Only in b").any()


def test_a_preloaded_bundle_serves_the_next_load_once_and_only_while_unchanged(data, validations, monkeypatch):
    cache.load(data)  # the snapshot a restart finds
    new_process()
    reads = []
    real_read = cache._read
    monkeypatch.setattr(cache, "_read", lambda *a: reads.append(1) or real_read(*a))
    cache.preload(data)
    assert len(reads) == 1
    first = cache.load(data)
    assert len(reads) == 1  # the preloaded Bundle: no second read of the snapshot
    assert cache.load(data) is not first and len(reads) == 2  # used once: then the snapshot, as before
    new_process()
    cache.preload(data)
    edit(
        next((data.parent / "figures").glob("*.yaml")),
        "status: reported",
        "status: reported  # edited",
    )
    validations.clear()
    after = cache.load(data)  # the data changed after the preload: its Bundle is not served
    assert validations and after.version != first.version


def test_a_preload_of_invalid_data_leaves_the_problem_to_the_first_load(data):
    synthetic = data.parent / "figures" / "syn-0001.yaml"  # a synthetic file: it has that text
    edit(synthetic, 'quote: "', 'quote: "（不在原文）')
    cache.preload(data)  # says nothing, serves nothing
    assert any(".quote: not found in source" in p for p in problems(lambda: cache.load(data)))
