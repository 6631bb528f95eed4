"""The Curate page's view model: the editor's cells become edits of the loaded sheet, nothing more."""

from __future__ import annotations

import math

import curation_data as cd
import pytest

from curation import review as cur
from drafting import write as draft_write
from loaders.dataset import load
from views import curate as vm


@pytest.fixture
def review(tmp_path):
    metrics, sid = cd.make(tmp_path)
    return vm.begin(cur.open_sheet(metrics, sid))


def test_a_cell_set_back_to_what_the_file_says_is_no_change(review):
    ids = vm.table(review, vm.check(review)).ids
    r = vm.absorb(review, ids, {ids.index("fxc-grid-workers"): {"value": 45.0, "unit": " 名 "}})
    assert r.n_changes() == 0 and vm.edits(r) == []


def test_an_emptied_number_cell_removes_the_value(review):
    ids = vm.table(review, vm.check(review)).ids
    r = vm.absorb(review, ids, {ids.index("fxc-relief"): {"value": math.nan}})
    assert vm.edits(r) == [cur.Set("fxc-relief", "value", None)]
    assert "value" not in vm.working(r).row("fxc-relief")


def test_positions_follow_the_filtered_table_and_unknown_ones_are_ignored(review):
    only = vm.table(review, vm.check(review), vm.Filters(only_blanks=True))
    assert only.ids == ["fxc-teams"]
    r = vm.absorb(review, only.ids, {0: {"state": "rejected"}, 7: {"state": "accepted"}})
    assert r.decided() == {"fxc-teams": "rejected"}


def test_a_rejected_row_stays_in_the_table_until_saved_and_can_be_taken_back(review):
    ids = vm.table(review, vm.check(review)).ids
    r = vm.absorb(review, ids, {ids.index("fxc-people"): {"state": "rejected"}})
    t = vm.table(r, vm.check(r))
    assert t.frame.set_index("id").loc["fxc-people", "state"] == "rejected"
    assert vm.working(r).rejected and "fxc-people" not in [x["id"] for x in vm.working(r).rows]
    back = vm.absorb(r, t.ids, {t.ids.index("fxc-people"): {"state": "unreviewed"}})
    assert back.n_changes() == 0 and vm.working(back).rejected == []


def test_rebase_keeps_changes_to_rows_still_there_and_names_the_others(review):
    ids = vm.table(review, vm.check(review)).ids
    r = vm.absorb(
        review, ids, {ids.index("fxc-relief"): {"label_en": "Relief"}, ids.index("fxc-people"): {"note": "x"}}
    )
    newer = cur.save(cur.apply(review.sheet, [cur.Reject("fxc-people")]))
    rebased, dropped = vm.rebase(r, newer)
    assert dropped == ["fxc-people"]
    assert vm.edits(rebased) == [cur.Set("fxc-relief", "label_en", "Relief")]
    assert rebased.sheet.digest == newer.digest


def test_drafting_with_the_real_drafter_writes_validated_drafts_once_and_keeps_the_review(tmp_path, monkeypatch):
    metrics, sid = cd.make(tmp_path, drafts=[])
    monkeypatch.delenv("CURATE_DRAFTER", raising=False)  # drafting.write, the drafter of issue 11
    r = vm.begin(cur.open_sheet(metrics, sid))
    done = vm.draft(r)
    sheet = cur.open_sheet(metrics, sid)
    rows = {x["quote"]: x for x in sheet.rows}
    assert len(done.added) == len(sheet.rows) > 0 and all(x.get("draft") for x in sheet.rows)
    assert any(x.get("value") == 45 and "网格员45名" in q for q, x in rows.items())  # a reported figure
    assert any(x["status"] == "blank" and "服务队个" in q for q, x in rows.items())  # the deleted number
    load(metrics)  # the file validates
    again = vm.draft(vm.begin(sheet))
    assert again.added == [] and len(again.skipped) >= len(done.added)


def test_drafting_refuses_a_file_that_changed_since_the_page_read_it(tmp_path, monkeypatch):
    metrics, sid = cd.make(tmp_path, drafts=[])
    monkeypatch.delenv("CURATE_DRAFTER", raising=False)
    r = vm.begin(cur.open_sheet(metrics, sid))
    r.sheet.path.write_text(r.sheet.path.read_text(encoding="utf-8") + "# a hand edit\n", encoding="utf-8")
    before = r.sheet.path.read_bytes()
    with pytest.raises(draft_write.StaleFileError):
        vm.draft(r)
    assert r.sheet.path.read_bytes() == before


def test_no_drafter_is_said_as_such(tmp_path, monkeypatch):
    metrics, sid = cd.make(tmp_path)
    monkeypatch.setenv("CURATE_DRAFTER", "loaders.no_such_drafter")
    with pytest.raises(vm.NoDrafter):
        vm.draft(vm.begin(cur.open_sheet(metrics, sid)))
