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


# the focused review: order, steps, progress and bulk decisions


def _scored(tmp_path, scores: dict[str, float], rules: dict[str, str] | None = None):
    """The fixture's proposals with a drafter's confidence (and rule) on some rows, as the drafter writes them."""
    rows = []
    for r in cd.DRAFTS:
        row = dict(r)
        if r["id"] in scores:
            row["confidence"] = scores[r["id"]]
        if rules and r["id"] in rules:
            row["rule"] = rules[r["id"]]
        rows.append(row)
    metrics, sid = cd.make(tmp_path, drafts=rows)
    return vm.begin(cur.open_sheet(metrics, sid))


def test_proposals_come_most_confident_first_then_those_without_a_score(tmp_path):
    r = _scored(tmp_path, {"fxc-relief": 0.95, "fxc-people": 0.4, "fxc-teams": 0.7})
    assert vm.queue(r)[:3] == ["fxc-relief", "fxc-teams", "fxc-people"]
    assert vm.queue(r)[3:] == ["fxc-stations", "fxc-grid-workers", "fxc-activities"]  # file order
    assert vm.step(r, None, +1) == "fxc-relief"
    r = vm.decide(r, "fxc-relief", "accepted", {})
    assert vm.step(r, None, +1) == "fxc-teams"  # the review starts on the first undecided one


def test_without_any_confidence_the_order_is_the_files(review):
    assert vm.queue(review) == [d["id"] for d in cd.DRAFTS]


def test_a_decision_moves_to_the_next_unreviewed_and_counts_in_the_progress(review):
    assert vm.progress(review) == (0, 6)
    r = vm.decide(review, "fxc-stations", "accepted", {"label_en": "Stations"})
    assert vm.edits(r) == [cur.Set("fxc-stations", "label_en", "Stations"), cur.Accept("fxc-stations")]
    assert vm.progress(r) == (1, 6)
    assert vm.step(r, "fxc-stations", +1) == "fxc-grid-workers"
    r = vm.decide(r, "fxc-grid-workers", "rejected", {}, "the same figure twice")
    assert vm.working(r).rejected[-1]["reason"] == "the same figure twice"
    assert vm.progress(r) == (2, 6)


def test_next_skips_decided_rows_and_previous_walks_back_in_review_order(review):
    r = vm.decide(review, "fxc-relief", "accepted", {})
    assert vm.step(r, "fxc-grid-workers", +1) == "fxc-teams"  # fxc-relief is decided: skipped
    order = vm.queue(r)
    assert vm.step(r, order[2], -1) == order[1]


def test_keeping_edits_leaves_the_row_undecided(review):
    r = vm.decide(review, "fxc-relief", None, {"label_en": "Relief", "value": 3.5, "unit": "万元"})
    assert vm.edits(r) == [cur.Set("fxc-relief", "label_en", "Relief")]  # unchanged fields are no change
    assert vm.state_of(r, "fxc-relief") == "unreviewed"


def test_accept_above_a_confidence_and_reject_by_rule_are_each_one_review_step(tmp_path):
    r = _scored(
        tmp_path,
        {"fxc-relief": 0.95, "fxc-people": 0.4, "fxc-stations": 0.9},
        {"fxc-people": "near-estimate", "fxc-activities": "near-estimate", "fxc-relief": "amount"},
    )
    accepted, ids = vm.accept_above(r, 0.9)
    assert sorted(ids) == ["fxc-relief", "fxc-stations"]
    assert {k for k, v in accepted.decided().items() if v == "accepted"} == {"fxc-relief", "fxc-stations"}
    assert vm.rules(accepted) == {"near-estimate": 2}  # fxc-relief is decided: its rule has none left
    rejected, ids = vm.reject_rule(accepted, "near-estimate")
    assert sorted(ids) == ["fxc-activities", "fxc-people"]
    assert {x["quote"] for x in vm.working(rejected).rejected} == {"参与群众近2000人次", "开展活动120余次"}
    assert vm.progress(rejected) == (4, 6)
