"""The Curate page under AppTest: review, live validation, save / refuse / undo, drafting and registering a text."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import curation_data as cd
import pytest
from apptest import ROOT, texts
from streamlit.testing.v1 import AppTest

from curation import add_source, figure_file
from loaders import yamlfile
from loaders.dataset import load

pytestmark = pytest.mark.app  # AppTest runs of the dashboard


def _tree(folder):
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data(tmp_path, monkeypatch):
    metrics, sid = cd.make(tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(metrics))
    monkeypatch.setenv("CURATE", "1")
    monkeypatch.setenv("CURATE_DRAFTER", "fake_drafter")
    return metrics, metrics.parent / "figures" / f"{sid}.yaml"


def _open(source: str = cd.SOURCE, layout: str = "table") -> AppTest:
    """The Curate page on source; the table layout unless told (most tests edit cells)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/curate.py").run()
    at.selectbox(key="curate_source").set_value(source).run()
    at.session_state["curate_layout"] = layout
    at.run()
    _ok(at)
    return at


def _unescape(s: str) -> str:
    """A message as the curator reads it (the page backslash-escapes Markdown in messages)."""
    return re.sub(r"\\(.)", r"\1", s)


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _decide(at: AppTest, rid: str, decision: str, reason: str | None = None) -> AppTest:
    """Accept or reject one row as a curator does: focus it, (pick a reason,) press the button of its form."""
    layout = at.session_state["curate_layout"]
    at.session_state["curate_layout"] = "focus"
    at.session_state["curate_focus_id"] = rid
    at.run()
    if reason is not None:
        at.text_input(key=f"curate_f_{rid}_reject_reason").input(reason)
    at.button(key=f"curate_{'accept' if decision == 'accepted' else 'reject'}_{rid}").click().run()
    _ok(at)
    at.session_state["curate_layout"] = layout
    at.run()
    return at


def _edit(at: AppTest, changes: dict[str, dict]) -> AppTest:
    """Edit cells as the browser does: the editor's edit state under its key, then a rerun; a `state` (and its
    `reject_reason`) is decided with the focused review's buttons (the table's state column is read-only)."""
    decisions = {rid: cols.pop("state") for rid, cols in changes.items() if "state" in cols}
    reasons = {rid: cols.pop("reject_reason") for rid, cols in changes.items() if "reject_reason" in cols}
    changes = {rid: cols for rid, cols in changes.items() if cols}
    if changes:
        _cells(at, changes)
    for rid, decision in decisions.items():
        _decide(at, rid, decision, reasons.get(rid))
    return at


def _cells(at: AppTest, changes: dict[str, dict]) -> AppTest:
    ids = at.session_state["curate_shown_ids"]
    key = f"curate_editor_{at.session_state['curate_editor_version']}"
    at.session_state[key] = {
        "edited_rows": {ids.index(rid): cols for rid, cols in changes.items()},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    _ok(at)
    return at


def _click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    _ok(at)
    return at


def _table(at: AppTest):
    (editor,) = at.data_editor
    return editor.value.set_index("id")


def test_accept_edit_reject_and_save_round_trip(data):
    metrics, figures = data
    at = _open()
    _edit(
        at,
        {
            "fxc-stations": {"state": "accepted", "label_en": "Service stations"},
            "fxc-grid-workers": {"state": "accepted", "label_en": "Grid workers", "value": 45},
            "fxc-people": {"state": "rejected", "reject_reason": "a turnout estimate"},
        },
    )
    table = _table(at)
    assert table.loc["fxc-people", "state"] == "rejected"  # still listed until saved
    assert "5 unsaved change(s)" in _unescape(texts(at))  # 3 decisions, 2 labels (45 is the value already)
    _click(at, "curate_save_btn")
    assert any("Saved" in _unescape(s.value) for s in at.success), texts(at)
    rows = {r["id"]: r for r in figure_file.read(figures).metrics}
    assert "draft" not in rows["fxc-stations"] and rows["fxc-stations"]["label_en"] == "Service stations"
    assert rows["fxc-relief"]["draft"] is True  # untouched proposals stay proposals
    assert "fxc-people" not in rows
    assert figure_file.read(figures).rejected[0]["reason"] == "a turnout estimate"
    assert {m.id for m in load(metrics).metrics if not m.draft} >= {"fxc-stations", "fxc-grid-workers"}
    assert set(_table(at).index) == set(rows)  # the page shows the file as saved


def test_a_validation_error_is_shown_on_the_row_that_has_it(data):
    at = _open()
    _edit(at, {"fxc-relief": {"value": 4.5}})
    table = _table(at)
    assert table.loc["fxc-relief", "problems"] == "value: 4.5 does not occur in the quote '发放慰问金3.5万元'"
    assert (table.drop(index="fxc-relief")["problems"] == "").all()
    assert "fxc-relief: value: 4.5 does not occur in the quote" in _unescape(texts(at))  # in full below the table


def test_accepting_without_an_english_label_is_a_notice_not_a_problem(data):
    at = _open()
    _edit(at, {"fxc-teams": {"state": "accepted"}})
    assert _table(at).loc["fxc-teams", "problems"] == ""
    notice = "Accepted figures without an English label: 1. The English pages will show their Chinese label marked"
    assert notice in _unescape(texts(at))


def test_saving_an_invalid_change_is_refused_and_the_file_is_unchanged(data):
    _, figures = data
    before = figures.read_bytes()
    at = _open()
    _edit(at, {"fxc-relief": {"value": 4.5}})
    _click(at, "curate_save_btn")
    assert any("not saved: the change would leave 1 problem" in _unescape(e.value) for e in at.error), texts(at)
    assert "metrics[2].value: 4.5 does not occur" in _unescape(texts(at))
    assert figures.read_bytes() == before


def test_a_stale_file_is_refused_with_what_changed_and_reload_shows_it(data):
    _, figures = data
    at = _open()
    _edit(at, {"fxc-relief": {"label_en": "Relief money"}})
    hand = figures.read_text(encoding="utf-8").replace("label_zh: 网格员", "label_zh: 网格管理员")
    figures.write_text(hand, encoding="utf-8")  # another curator, or an editor
    _click(at, "curate_save_btn")
    assert any("changed on disk since you loaded it" in _unescape(e.value) for e in at.error), texts(at)
    assert "row fxc-grid-workers changed: label_zh" in _unescape(texts(at))
    assert figures.read_text(encoding="utf-8") == hand
    _click(at, "curate_reload_btn")
    assert _table(at).loc["fxc-grid-workers", "label_zh"] == "网格管理员"
    assert _table(at).loc["fxc-relief", "label_en"] == ""  # the unsaved edit was dropped by the reload


def test_undo_restores_the_previous_bytes_exactly(data):
    _, figures = data
    before = figures.read_bytes()
    at = _open()
    assert at.button(key="curate_undo_btn").disabled
    _edit(at, {"fxc-people": {"state": "rejected"}})
    _click(at, "curate_save_btn")
    assert figures.read_bytes() != before
    _click(at, "curate_undo_btn")
    assert figures.read_bytes() == before
    assert any("Restored" in _unescape(s.value) for s in at.success)
    assert "fxc-people" in _table(at).index


def test_filters_show_only_unreviewed_only_blanks_or_chosen_types(data):
    at = _open()
    _edit(at, {"fxc-stations": {"state": "accepted", "label_en": "Stations"}})
    _click(at, "curate_save_btn")
    at.toggle(key="curate_only_unreviewed").set_value(True).run()
    assert "fxc-stations" not in _table(at).index and len(_table(at)) == 5
    at.toggle(key="curate_only_unreviewed").set_value(False)
    at.toggle(key="curate_only_blanks").set_value(True).run()
    assert list(_table(at).index) == ["fxc-teams"]
    at.toggle(key="curate_only_blanks").set_value(False)
    at.multiselect(key="curate_types").set_value(["services_delivered"]).run()
    assert set(_table(at).index) == {"fxc-activities", "fxc-people"}


def test_an_edit_in_a_filtered_table_lands_on_the_right_row(data):
    _, figures = data
    at = _open()
    at.multiselect(key="curate_types").set_value(["services_delivered"]).run()
    _edit(at, {"fxc-people": {"qualifier": "exact"}})
    _click(at, "curate_save_btn")
    rows = {r["id"]: r for r in figure_file.read(figures).metrics}
    assert rows["fxc-people"]["qualifier"] == "exact"
    assert rows["fxc-activities"]["qualifier"] == "more_than"


def test_counts_and_the_completeness_scan(data):
    at = _open()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["accepted"], metrics["unreviewed"], metrics["rejected"]) == ("0", "6", "0")
    _edit(at, {"fxc-grid-workers": {"state": "rejected"}})
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["unreviewed"], metrics["rejected"]) == ("5", "1")
    assert metrics["Uncovered numbers"] == "1"
    assert "digits '45'" in _unescape(texts(at))


def test_draft_adds_proposals_once(tmp_path, monkeypatch):
    metrics, sid = cd.make(tmp_path, drafts=[])
    monkeypatch.setenv("METRICS_FILE", str(metrics))
    monkeypatch.setenv("CURATE", "1")
    monkeypatch.setenv("CURATE_DRAFTER", "fake_drafter")
    at = _open(sid)
    assert len(_table(at)) == 0
    _click(at, "curate_draft_btn")
    assert set(_table(at).index) == {r["id"] for r in cd.DRAFTS}
    assert "Drafted: 6 new proposals written to the figure file as drafts (0 left out" in _unescape(texts(at))
    _click(at, "curate_draft_btn")
    assert "Drafted: 0 new proposals written to the figure file as drafts (6 left out" in _unescape(texts(at))
    assert "fxc-stations: a row with this id exists already" in _unescape(texts(at))  # the drafter's words
    assert len(_table(at)) == 6


def test_the_text_is_shown_with_every_proposal_marked(data):
    at = _open()
    html = "\n".join(el.proto.body for el in at.get("html") if hasattr(el, "proto"))
    for r in cd.DRAFTS:
        assert f'id="fig-{r["id"]}"' in html
    assert "【?】" in html  # the deleted number of fxc-teams is drawn where it belongs


def test_registering_a_text_goes_through_add_source(data, tmp_path):
    metrics, _ = data
    at = _open()
    at.text_input(key="curate_new_id").input("fx-second")
    at.text_area(key="curate_new_text").input("甲市西街道今年建成驿站3个。")
    at.button(key="FormSubmitter:curate_register_form-Register").click().run()
    _ok(at)
    assert any("Registered fx-second" in _unescape(s.value) for s in at.success), texts(at)
    assert load(metrics).sources["fx-second"].figures == "figures/fx-second.yaml"
    assert at.selectbox(key="curate_source").value == "fx-second"


def test_the_registration_form_takes_every_citation_field_of_the_command_line(data):
    metrics, _ = data
    at = _open()
    fields = {
        "author": "Wang Yi",
        "publisher_zh": "甲市东街道办事处",
        "publisher_en": "East Subdistrict Office of Jia",
        "published": "2026-03-01",
        "accessed": "2026-11-30",
        "language": "zh",
    }
    at.text_input(key="curate_new_id").input("fx-cited")
    for name, value in fields.items():
        at.text_input(key=f"curate_new_{name}").input(value)
    at.text_area(key="curate_new_text").input("甲市西街道今年建成驿站3个。")
    at.button(key="FormSubmitter:curate_register_form-Register").click().run()
    _ok(at)
    src = load(metrics).sources["fx-cited"]
    assert {name: str(getattr(src, name)) for name in fields} == fields


def test_a_bad_id_is_refused_with_add_sources_message_and_nothing_written(data):
    metrics, _ = data
    before = _tree(metrics.parent)
    at = _open()
    at.text_input(key="curate_new_id").input("../escape")
    at.text_area(key="curate_new_text").input("甲市西街道今年建成驿站3个。")
    at.button(key="FormSubmitter:curate_register_form-Register").click().run()
    assert any("add-source: id '../escape' is not a plain slug" in _unescape(e.value) for e in at.error), texts(at)
    assert _tree(metrics.parent) == before


def test_a_pasted_or_uploaded_text_has_the_same_size_cap_as_a_file(data, monkeypatch):
    metrics, _ = data
    before = _tree(metrics.parent)
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 64)
    with pytest.raises(add_source.AddSourceError, match="big.txt: larger than the limit of 64 bytes"):
        add_source.add_source(metrics, Path("big.txt"), "fx-big", raw="甲市西街道今年建成驿站3个。".encode() * 4)
    assert _tree(metrics.parent) == before


def test_two_sessions_save_the_same_file_one_wins_the_other_is_refused(data):
    _, figures = data
    first, second = _open(), _open()
    _edit(first, {"fxc-relief": {"label_en": "Relief money"}})
    _edit(second, {"fxc-relief": {"label_en": "Condolence funds"}})
    _click(first, "curate_save_btn")
    won = figures.read_bytes()
    _click(second, "curate_save_btn")
    assert any("changed on disk since you loaded it" in _unescape(e.value) for e in second.error), texts(second)
    assert "row fxc-relief changed: label_en" in _unescape(texts(second))
    assert figures.read_bytes() == won
    assert {r["id"]: r for r in figure_file.read(figures).metrics}["fxc-relief"]["label_en"] == "Relief money"


def test_after_a_refusal_the_changes_can_be_reapplied_to_the_file_as_it_is_now(data):
    _, figures = data
    first, second = _open(), _open()
    _edit(first, {"fxc-people": {"state": "rejected"}})
    _click(first, "curate_save_btn")
    _edit(second, {"fxc-relief": {"label_en": "Relief money"}, "fxc-people": {"label_en": "Participants"}})
    _click(second, "curate_save_btn")
    assert any("changed on disk" in _unescape(e.value) for e in second.error)
    _click(second, "curate_rebase_btn")
    assert "row fxc-people is no longer in the file: your change to it was dropped" in _unescape(texts(second))
    _click(second, "curate_save_btn")
    assert any("Saved" in _unescape(s.value) for s in second.success), texts(second)
    saved = figure_file.read(figures)
    assert "fxc-people" not in {r["id"] for r in saved.metrics}  # the first session's rejection stands
    assert {r["id"]: r for r in saved.metrics}["fxc-relief"]["label_en"] == "Relief money"


def test_a_missing_or_failing_drafter_is_said_and_the_review_is_kept(data, monkeypatch):
    at = _open()
    _edit(at, {"fxc-relief": {"label_en": "Relief money"}})
    monkeypatch.setenv("CURATE_DRAFTER", "no_such_drafter_module")
    _click(at, "curate_draft_btn")
    assert any("drafter" in _unescape(w.value) for w in at.warning), texts(at)
    monkeypatch.setenv("CURATE_DRAFTER", "curation_data")  # importable, but no drafter in it
    _click(at, "curate_draft_btn")
    assert any("the drafter failed" in _unescape(e.value) for e in at.error), texts(at)
    assert _table(at).loc["fxc-relief", "label_en"] == "Relief money"


def test_a_hand_edit_that_breaks_the_data_can_be_fixed_on_the_curate_page(data):
    metrics, figures = data
    broken = figures.read_text(encoding="utf-8").replace("value: 3.5", "value: 35")
    figures.write_text(broken, encoding="utf-8")
    at = _open()  # the viewer's pages show the problem list; the Curate page still opens
    assert "35 does not occur in the quote" in _table(at).loc["fxc-relief", "problems"]
    _edit(at, {"fxc-relief": {"value": 3.5}})
    assert _table(at).loc["fxc-relief", "problems"] == ""
    _click(at, "curate_save_btn")
    assert any("Saved" in _unescape(s.value) for s in at.success), texts(at)
    assert load(metrics).figure_files  # valid again


def test_the_page_in_chinese(data):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    at.switch_page("pages/curate.py").run()
    at.selectbox(key="curate_source").set_value(cd.SOURCE).run()
    _ok(at)
    assert [t.value for t in at.title] == ["整理"]
    assert {m.label for m in at.metric} >= {"已接受", "待审", "已拒绝", "未覆盖的数字", "问题"}
    assert at.button(key="curate_save_btn").label == "保存"


def test_drafting_keeps_the_review_in_progress(data):
    at = _open()
    _edit(at, {"fxc-relief": {"label_en": "Relief money"}})
    _click(at, "curate_draft_btn")
    assert "Drafted: 0 new proposals" in _unescape(texts(at))
    assert _table(at).loc["fxc-relief", "label_en"] == "Relief money"
    assert "1 unsaved change(s)." in _unescape(texts(at))


def test_a_hostile_id_in_a_message_is_shown_as_text(data):
    at = _open()
    at.text_input(key="curate_new_id").input("[x](javascript:alert(1)) <b>")
    at.text_area(key="curate_new_text").input("甲市西街道今年建成驿站3个。")
    at.button(key="FormSubmitter:curate_register_form-Register").click().run()
    (err,) = [e for e in at.error if "not a plain slug" in _unescape(e.value)]
    assert "id '[x](javascript:alert(1)) <b>' is not a plain slug" in _unescape(err.value)
    assert "](" not in err.value and "[x]" not in err.value  # every Markdown character escaped: no link


def test_a_figure_file_that_is_not_yaml_is_said_with_its_problem_and_nothing_is_written(data):
    _, figures = data
    figures.write_text("metrics:\n  - id: [unclosed\n", encoding="utf-8")
    before = figures.read_bytes()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/curate.py").run()
    at.selectbox(key="curate_source").set_value(cd.SOURCE).run()
    _ok(at)
    assert any("cannot review this figure file" in _unescape(e.value) for e in at.error), texts(at)
    assert "invalid YAML" in texts(at)
    assert figures.read_bytes() == before


# the focused review (the page's default layout)


def _focused(at: AppTest) -> str:
    return at.session_state["curate_focus_id"]


def _progress(at: AppTest) -> str:
    return next(e.proto.text for e in at.get("progress"))


def test_the_focused_review_opens_on_the_first_proposal_and_a_decision_moves_on(data):
    metrics, figures = data
    at = _open(layout="focus")
    assert _focused(at) == "fxc-stations"
    assert _progress(at) == "0 of 6 reviewed"
    assert at.text_input(key="curate_f_fxc-stations_label_zh").value == "党群服务驿站"
    at.text_input(key="curate_f_fxc-stations_label_en").input("Service stations")
    _click(at, "curate_accept_fxc-stations")
    assert _focused(at) == "fxc-grid-workers" and _progress(at) == "1 of 6 reviewed"
    at.selectbox(key="curate_f_fxc-grid-workers_reject_pick").set_value("the same figure twice")
    _click(at, "curate_reject_fxc-grid-workers")
    assert _focused(at) == "fxc-relief" and _progress(at) == "2 of 6 reviewed"
    _click(at, "curate_prev_btn")
    assert _focused(at) == "fxc-grid-workers"  # previous: back in review order, decided rows too
    _click(at, "curate_next_btn")
    assert _focused(at) == "fxc-relief"
    _click(at, "curate_save_btn")
    saved = figure_file.read(figures)
    rows = {r["id"]: r for r in saved.metrics}
    assert rows["fxc-stations"]["label_en"] == "Service stations" and "draft" not in rows["fxc-stations"]
    assert "fxc-grid-workers" not in rows
    assert saved.rejected[0]["reason"] == "the same figure twice"


def test_undo_last_step_takes_back_one_decision_before_saving(data):
    at = _open(layout="focus")
    at.text_input(key="curate_f_fxc-stations_label_en").input("Service stations")
    _click(at, "curate_accept_fxc-stations")
    _click(at, "curate_accept_fxc-grid-workers")
    assert _progress(at) == "2 of 6 reviewed"
    _click(at, "curate_undo_step_btn")
    assert _progress(at) == "1 of 6 reviewed"
    assert "1 unsaved change(s)" not in _unescape(texts(at))
    assert "2 unsaved change(s)" in _unescape(texts(at))  # the label and the first acceptance stay


def test_undo_last_save_says_why_it_is_off(data):
    at = _open()
    assert at.button(key="curate_undo_btn").disabled
    assert "Undo is off: no save by this page produced" in _unescape(texts(at))
    _edit(at, {"fxc-people": {"state": "rejected"}})
    _click(at, "curate_save_btn")
    assert not at.button(key="curate_undo_btn").disabled
    _click(at, "curate_reload_btn")
    assert not at.button(key="curate_undo_btn").disabled  # a reload does not lose the undo


def test_a_number_no_row_covers_becomes_a_row_in_one_action_prefilled_by_the_drafter(data, monkeypatch):
    metrics, figures = data
    at = _open(layout="focus")
    _decide(at, "fxc-grid-workers", "rejected", "wrong span of the text")
    _click(at, "curate_save_btn")
    assert {m.label: m.value for m in at.metric}["Uncovered numbers"] == "1"  # 45, rejected above
    _click(at, f"curate_make_digits_{cd.TEXT.index('45')}")
    rid = _focused(at)
    assert at.text_input(key=f"curate_f_{rid}_label_zh").value == "网格员"  # the drafter's rules for the span
    assert at.number_input(key=f"curate_f_{rid}_value").value == 45
    assert {m.label: m.value for m in at.metric}["Uncovered numbers"] == "0"
    at.text_input(key=f"curate_f_{rid}_label_en").input("Grid workers")
    _click(at, f"curate_accept_{rid}")
    _click(at, "curate_save_btn")
    assert any("Saved" in _unescape(s.value) for s in at.success), texts(at)
    row = {r["id"]: r for r in figure_file.read(figures).metrics}[rid]
    assert (row["value"], row["unit"], row["label_en"], "draft" in row) == (45, "名", "Grid workers", False)
    assert "45" in row["quote"] and cd.TEXT.count(row["quote"]) == 1
    assert {m.id for m in load(metrics).metrics} >= {rid}  # validated like any row


def test_a_quote_typed_or_pasted_becomes_a_row_and_one_that_occurs_twice_is_refused(data):
    _, figures = data
    at = _open(layout="focus")
    at.text_input(key="curate_add_quote").input("街道")  # occurs three times in the text: no quote
    at.button(key="FormSubmitter:curate_add_quote_form-Make a row of this").click().run()
    assert any("must occur exactly once" in _unescape(e.value) for e in at.error), texts(at)
    before = _progress(at)
    at.text_input(key="curate_add_quote").input("开展活动120余次")
    at.button(key="FormSubmitter:curate_add_quote_form-Make a row of this").click().run()
    _ok(at)
    rid = _focused(at)
    assert rid.startswith(f"{cd.SOURCE}-add-")
    assert at.number_input(key=f"curate_f_{rid}_value").value == 120
    assert _progress(at) != before  # one more row to review
    assert "1 unsaved change(s)" in _unescape(texts(at))


def test_bulk_accept_above_a_confidence_and_reject_a_rule_each_undo_as_one_step(tmp_path, monkeypatch):
    scores = {"fxc-stations": 0.95, "fxc-grid-workers": 0.9, "fxc-relief": 0.5}
    rules = {"fxc-activities": "near-estimate", "fxc-people": "near-estimate"}
    drafts = [{**d, **({"confidence": scores[d["id"]]} if d["id"] in scores else {})} for d in cd.DRAFTS]
    drafts = [{**d, **({"rule": rules[d["id"]]} if d["id"] in rules else {})} for d in drafts]
    metrics, sid = cd.make(tmp_path, drafts=drafts)
    monkeypatch.setenv("METRICS_FILE", str(metrics))
    monkeypatch.setenv("CURATE", "1")
    at = _open(sid, layout="focus")
    assert _focused(at) == "fxc-stations"  # the most confident first
    at.number_input(key="curate_bulk_threshold").set_value(0.9)
    _click(at, "curate_bulk_accept_btn")
    assert _progress(at) == "2 of 6 reviewed"
    at.selectbox(key="curate_bulk_rule").set_value("near-estimate")
    _click(at, "curate_bulk_reject_btn")
    assert _progress(at) == "4 of 6 reviewed"
    _click(at, "curate_undo_step_btn")  # the rule's two rejections, in one step
    assert _progress(at) == "2 of 6 reviewed"
    _click(at, "curate_undo_step_btn")  # the two acceptances, in one step
    assert _progress(at) == "0 of 6 reviewed"


def test_a_save_teaches_the_glossary_and_undo_last_save_takes_it_back(data):
    metrics, figures = data
    glossary = metrics.parent / "glossary.yaml"
    at = _open(layout="focus")
    at.text_input(key="curate_f_fxc-stations_label_en").input("Service stations")
    _click(at, "curate_accept_fxc-stations")
    _click(at, "curate_save_btn")
    assert "Glossary (glossary.yaml): learnt 1 English label(s)." in _unescape(texts(at))
    assert "- zh: 党群服务驿站\n  en: Service stations\n" in glossary.read_text(encoding="utf-8")
    _click(at, "curate_undo_btn")
    assert "taken back too" in _unescape(texts(at))
    assert not glossary.exists()
