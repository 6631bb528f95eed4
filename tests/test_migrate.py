"""Moving a source's figures from the entry file to its own figure file: every field kept, nothing else touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import factories
import pytest
import yaml

from curation import migrate
from curation.__main__ import main
from loaders import atomic, load

ROOT = Path(__file__).resolve().parent.parent
MANY = ROOT / "tests" / "fixtures" / "many_sources"


def _fields(path: Path) -> list[dict]:
    return [m.model_dump() for m in load(path).metrics]


def _with_comment(tmp_path: Path) -> Path:
    """The factory's data, with a comment under its second row and a key the schema orders after figures."""
    path = factories.write(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("  quote: 专职书记12名\n", "  quote: 专职书记12名\n  # the curator's remark on this row\n", 1)
    assert "# the curator's remark" in text
    path.write_text(text, encoding="utf-8")
    return path


def test_the_figures_move_with_their_text_and_every_field_unchanged(tmp_path):
    path = _with_comment(tmp_path)
    before_text = path.read_text(encoding="utf-8")
    before = _fields(path)
    move = migrate.run(path, "src")
    figure_file = tmp_path / "figures" / "src.yaml"
    assert move.figure_file == figure_file and move.moved == len(before)
    assert _fields(path) == before  # same ids, same order, same value of every field
    moved = figure_file.read_text(encoding="utf-8")
    rows = before_text[before_text.index("\nmetrics:\n") + len("\nmetrics:\n") :]
    assert moved.endswith("metrics:\n" + rows)  # each row's very text, its comment included
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert entry["metrics"] == [] and entry["sources"][0]["figures"] == "figures/src.yaml"
    # every other line of the entry file is as it was
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if "figures: figures/src.yaml" not in line]
    assert kept[:-1] == before_text[: before_text.index("\nmetrics:\n")].splitlines()


def test_only_the_named_source_moves_and_other_rows_stay_in_the_entry_file(tmp_path):
    shutil.copytree(MANY, tmp_path / "data")
    path = tmp_path / "data" / "metrics.yaml"
    before = _fields(path)
    migrate.run(path, "fx-forum")
    assert _fields(path) == before
    ds = load(path)
    assert {m.source for m in ds.metrics} == {"fx-forum", "fx-survey"}
    assert "fx-survey" in (tmp_path / "data" / "figures" / "fx-survey.yaml").read_text(encoding="utf-8")
    moved = yaml.safe_load((tmp_path / "data" / "figures" / "fx-forum.yaml").read_text(encoding="utf-8"))
    assert {r["source"] for r in moved["metrics"]} == {"fx-forum"}


def test_a_second_move_or_an_existing_figure_file_is_refused_and_nothing_is_written(tmp_path):
    path = factories.write(tmp_path)
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "src.yaml").write_text("metrics: []\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(migrate.MigrateError, match="never overwrites"):
        migrate.run(path, "src")
    assert path.read_bytes() == before
    assert (tmp_path / "figures" / "src.yaml").read_text(encoding="utf-8") == "metrics: []\n"
    with pytest.raises(migrate.MigrateError, match="no source 'nope'"):
        migrate.run(path, "nope")


def test_an_entry_file_edited_during_the_move_is_not_overwritten(tmp_path, monkeypatch):
    path = factories.write(tmp_path)
    real_check = migrate._check

    def check_then_edit(move):
        real_check(move)
        path.write_text(path.read_text(encoding="utf-8") + "# someone's edit\n", encoding="utf-8")

    monkeypatch.setattr(migrate, "_check", check_then_edit)
    with pytest.raises(atomic.Conflict):
        migrate.run(path, "src")
    assert path.read_text(encoding="utf-8").endswith("# someone's edit\n")
    assert not (tmp_path / "figures" / "src.yaml").exists()


def test_a_move_that_would_not_validate_writes_nothing(tmp_path):
    path = factories.write(tmp_path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["sources"][0]["file"] = "source/missing.txt"  # broken before the move: the move must not hide it
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(Exception):  # noqa: B017 - the loader's own error names the problem
        migrate.run(path, "src")
    assert path.read_bytes() == before and not (tmp_path / "figures").exists()


def test_undo_restores_the_entry_file_byte_for_byte_and_refuses_after_an_edit(tmp_path, capsys):
    path = _with_comment(tmp_path)
    before = path.read_bytes()
    assert main(["move-figures", "src", "--file", str(path)]) == 0
    assert f"moved {len(factories.METRICS)} figures of src" in capsys.readouterr().out
    assert main(["move-figures", "src", "--file", str(path), "--undo"]) == 0
    assert path.read_bytes() == before and not (tmp_path / "figures" / "src.yaml").exists()

    migrate.run(path, "src")
    figure_file = tmp_path / "figures" / "src.yaml"
    figure_file.write_text(figure_file.read_text(encoding="utf-8") + "# a later edit\n", encoding="utf-8")
    assert main(["move-figures", "src", "--file", str(path), "--undo"]) == 1
    assert "changed since the move" in capsys.readouterr().err
    assert figure_file.read_text(encoding="utf-8").endswith("# a later edit\n")


def test_the_seed_has_its_own_figure_file_and_nothing_left_in_the_entry_file():
    ds = load(ROOT / "data" / "metrics.yaml")
    seed = next(s for s in ds.sources.values() if s.id == "dangjian-forum-urban-2020")
    assert seed.figures == "figures/dangjian-forum-urban-2020.yaml"
    entry = yaml.safe_load((ROOT / "data" / "metrics.yaml").read_text(encoding="utf-8"))
    assert not [r for r in entry["metrics"] if r.get("source") == seed.id]
    assert "gz-industry-party-committees" in {m.id for m in ds.metrics if m.source == seed.id}


@pytest.mark.app
def test_the_curate_page_opens_the_seed_and_saves_a_correction_to_its_figure_file(tmp_path, monkeypatch):
    from apptest import texts
    from streamlit.testing.v1 import AppTest

    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns(".history"))
    metrics = tmp_path / "data" / "metrics.yaml"
    figures = tmp_path / "data" / "figures" / "dangjian-forum-urban-2020.yaml"
    monkeypatch.setenv("METRICS_FILE", str(metrics))
    monkeypatch.setenv("CURATE", "1")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/curate.py").run()
    at.session_state["curate_layout"] = "table"  # the whole grid: one label corrected among the seed's rows
    at.selectbox(key="curate_source").set_value("dangjian-forum-urban-2020").run()
    assert not at.exception, [e.value for e in at.exception]
    seed_ids = {m.id for m in load(metrics).metrics if m.source == "dangjian-forum-urban-2020"}
    shown = at.session_state["curate_shown_ids"]
    assert set(shown) == seed_ids
    assert "No source has a figure file yet" not in texts(at)
    # a curator's correction of one English label is saved to the seed's figure file, and only that row changes
    key = f"curate_editor_{at.session_state['curate_editor_version']}"
    at.session_state[key] = {
        "edited_rows": {shown.index("gz-industry-party-committees"): {"label_en": "Sector Party committees"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    before = figures.read_text(encoding="utf-8").splitlines()
    at.button(key="curate_save_btn").click().run()
    assert not at.exception, [e.value for e in at.exception]
    after = figures.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("    label_en: Industry Party committees", "    label_en: Sector Party committees")]
    assert (tmp_path / "data" / "metrics.yaml").read_bytes() == (ROOT / "data" / "metrics.yaml").read_bytes()
