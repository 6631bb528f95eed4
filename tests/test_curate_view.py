"""The Curate page's view model: the editor's cells become edits of the loaded sheet, nothing more."""

from __future__ import annotations

import math

import curation_data as cd
import pytest

from loaders import curation as cur
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


def test_the_adapter_speaks_the_drafters_interface_and_never_proposes_a_rejected_or_present_row(tmp_path, monkeypatch):
    metrics, sid = cd.make(tmp_path, drafts=[])
    monkeypatch.setenv("CURATE_DRAFTER", "fake_draft_api")
    r = vm.begin(cur.open_sheet(metrics, sid))
    rows, skipped = vm.draft(r)
    assert [x["id"] for x in rows] == [d["id"] for d in cd.DRAFTS] and skipped == 0
    saved = cur.save(cur.apply(r.sheet, [cur.Add(x) for x in rows[:2]] + [cur.Reject(rows[1]["id"])]))
    again, skipped = vm.draft(vm.begin(saved))
    assert [x["id"] for x in again] == [d["id"] for d in cd.DRAFTS[2:]]  # one kept, one rejected: both skipped
    assert skipped == 2


def test_no_drafter_is_said_as_such(tmp_path, monkeypatch):
    metrics, sid = cd.make(tmp_path)
    monkeypatch.setenv("CURATE_DRAFTER", "loaders.no_such_drafter")
    with pytest.raises(vm.NoDrafter):
        vm.draft(vm.begin(cur.open_sheet(metrics, sid)))
