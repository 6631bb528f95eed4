"""The Curate page's Places step under AppTest: every place the text names, accepted, edited, merged, saved, undone."""

from __future__ import annotations

import re

import factories as fx
import pytest
from apptest import ROOT
from place_texts import SUBDISTRICT, SURVEY
from streamlit.testing.v1 import AppTest

from curation import add_source
from drafting import write as draft_write
from loaders.dataset import load

pytestmark = pytest.mark.app


def _data(tmp_path, monkeypatch, text: str):
    path = fx.write(tmp_path)
    f = tmp_path / "new.txt"
    f.write_text(text, encoding="utf-8")
    add_source.add_source(path, f, "new", title_zh=text.splitlines()[0])
    monkeypatch.setenv("METRICS_FILE", str(path))
    monkeypatch.setenv("CURATE", "1")
    return path


def _open() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/curate.py").run()
    at.selectbox(key="curate_source").set_value("new").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _places(at: AppTest):
    key = f"places_table_{at.session_state['places_editor_version']}"
    return next(e for e in at.data_editor if e.proto.id.endswith(key) or key in e.proto.id), key


def _edit(at: AppTest, rows: dict[str, dict]) -> None:
    editor, key = _places(at)
    ids = list(editor.value["id"])
    written = list(editor.value["written"])

    def row(name):
        return ids.index(name) if name in ids else written.index(name)

    at.session_state[key] = {
        "edited_rows": {row(k): v for k, v in rows.items()},
        "added_rows": [],
        "deleted_rows": [],
    }


def _text(at: AppTest) -> str:
    return re.sub(r"\\(.)", r"\1", " ".join(str(e.value) for e in [*at.error, *at.success, *at.info]))


def test_the_places_step_lists_each_place_as_written_and_saves_the_accepted_ones(tmp_path, monkeypatch):
    path = _data(tmp_path, monkeypatch, SUBDISTRICT)
    at = _open()
    editor, _ = _places(at)
    table = editor.value.set_index("id")
    assert table.loc["chengyang", "written"] == "青岛市城阳区 / 城阳区"
    assert table.loc["chengyang", "code"] == "370214" and table.loc["chengyang", "parent"] == "qingdao"
    assert table.loc["chengyang_subdistrict", "en"] == "Chengyang Subdistrict"
    assert table.loc["chengyang", "appearance"] == "named (no section)"
    assert table.loc["shandong", "appearance"] == "none: the text does not name it"  # a parent only
    assert "城阳街道党工委" not in " ".join(editor.value["written"])  # a body named after a place
    assert at.selectbox(key="places_main").value == "chengyang_subdistrict"
    _edit(at, {"chengyang": {"en": "Chengyang District, Qingdao"}, "houtaolin": {"accept": False}})
    at.button(key="places_save").click().run()
    assert not at.exception
    assert "Saved" in _text(at)
    ds = load(path)
    assert ds.cities["chengyang"].en == "Chengyang District, Qingdao"
    assert "houtaolin" not in ds.cities and ("new", "gumiao") in ds.appearances
    assert ds.sources["new"].main_place == "chengyang_subdistrict"
    at.button(key="places_undo").click().run()
    assert "Undone" in _text(at) and "chengyang" not in load(path).cities
    at.button(key="places_save").click().run()  # the proposals again, as first read
    # drafting now writes the figures of the accepted places: none is held back
    _, _, held = draft_write.draft_source(load(path), "new", path)
    assert held == []
    at.button(key="places_undo").click().run()  # the drafts use the places now: undo would break them
    assert "not undone" in _text(at) and "chengyang" in load(path).cities


def test_a_stale_file_is_refused_and_an_ambiguous_name_needs_a_choice(tmp_path, monkeypatch):
    path = _data(tmp_path, monkeypatch, SURVEY.replace("福建福州市鼓楼区", "某地鼓楼区"))
    at = _open()
    editor, _ = _places(at)
    table = editor.value.set_index("written")
    assert "divisions are called 鼓楼区" in table.loc["鼓楼区", "problem"] and not table.loc["鼓楼区", "accept"]
    _edit(at, {"鼓楼区": {"accept": True}})
    before = path.read_bytes()
    at.button(key="places_save").click().run()
    assert "divisions are called 鼓楼区" in _text(at) and path.read_bytes() == before
    _edit(at, {"鼓楼区": {"accept": True, "code": "350102", "id": "fz_gulou"}})
    path.write_bytes(before + b"# an editor's change meanwhile\n")
    edited = path.read_bytes()
    at.button(key="places_save").click().run()
    assert "changed on disk" in _text(at) and path.read_bytes() == edited
    editor, _ = _places(at)  # read again from the file as it is now
    _edit(at, {"鼓楼区": {"accept": True, "code": "350102", "id": "fz_gulou"}})
    at.button(key="places_save").click().run()
    assert not at.exception and "Saved" in _text(at)
    assert load(path).cities["fz_gulou"].code == "350102"


def test_the_places_step_stays_open_after_a_save_so_its_message_is_seen(tmp_path, monkeypatch):
    """Once every place is saved there is nothing left to accept; the step must not fold its own "Saved" away."""
    path = _data(tmp_path, monkeypatch, SURVEY)
    at = _open()
    at.button(key="places_save").click().run()
    assert not at.exception
    assert "chengqu" in load(path).cities  # saved: nothing new is left to accept
    step = next(e for e in at.expander if e.label == "Places the text names (before drafting)")
    assert step.proto.expanded, "the step folded away its own message"
    assert any("Saved" in str(s.value) for s in step.success)
    at.run()  # the next rerun (any click): the message was said once, the step folds away
    step = next(e for e in at.expander if e.label == "Places the text names (before drafting)")
    assert not step.proto.expanded
