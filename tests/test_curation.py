"""Curation core: review states, edits, live validation by the loader's rules, and saves that lose nothing."""

from __future__ import annotations

import curation_data as cd
import pytest

from curation import figure_file
from curation import review as cur
from loaders.dataset import load
from loaders.problems import format_loc


@pytest.fixture
def sheet(tmp_path):
    metrics, sid = cd.make(tmp_path)
    return cur.open_sheet(metrics, sid)


def _ids(sheet):
    return [r["id"] for r in sheet.rows]


def test_rows_carry_their_review_state(tmp_path):
    accepted = {k: v for k, v in cd.DRAFTS[0].items() if k not in ("draft", "reason")} | {"label_en": "Stations"}
    metrics, sid = cd.make(tmp_path, drafts=[accepted, *cd.DRAFTS[1:]])
    s = cur.open_sheet(metrics, sid)
    s = cur.apply(s, [cur.Reject("fxc-people", "not a figure of the subdistrict")])
    states = {r.get("id", r["quote"]): r["state"] for r in cur.records(s)}
    assert states["fxc-stations"] == "accepted"
    assert states["fxc-grid-workers"] == "unreviewed"
    assert states["参与群众近2000人次"] == "rejected"
    assert cur.counts(s) == {"accepted": 1, "unreviewed": 4, "rejected": 1}


def test_accept_drops_draft_and_reason_and_the_saved_file_validates(sheet):
    s = cur.apply(sheet, [cur.Set("fxc-grid-workers", "label_en", "Grid workers"), cur.Accept("fxc-grid-workers")])
    saved = cur.save(s)
    row = saved.row("fxc-grid-workers")
    assert "draft" not in row and "reason" not in row
    assert row["label_en"] == "Grid workers"
    assert cur.counts(saved)["accepted"] == 1
    ds = load(saved.metrics_file)
    m = next(m for m in ds.metrics if m.id == "fxc-grid-workers")
    assert (m.draft, m.value, m.unit) == (False, 45, "名")


def test_a_validation_error_lands_on_the_row_that_has_it_in_the_loaders_words(sheet):
    s = cur.apply(sheet, [cur.Set("fxc-relief", "value", 4.5)])
    result = cur.check(s)
    assert not result.ok
    (p,) = result.of(s, "fxc-relief")
    i = _ids(s).index("fxc-relief")
    assert format_loc(p.loc) == f"metrics[{i}].value"
    assert p.message == "4.5 does not occur in the quote '发放慰问金3.5万元'"
    assert str(p).startswith(f"{s.display}:{p.line}: metrics[{i}].value: ")
    assert all(result.of(s, rid) == [] for rid in _ids(s) if rid != "fxc-relief")


def test_a_draft_accepted_without_an_english_label_is_no_problem_and_saves_with_it_empty(sheet):
    s = cur.apply(sheet, [cur.Accept("fxc-stations")])
    assert cur.check(s).of(s, "fxc-stations") == []
    saved = cur.save(s)
    row = saved.row("fxc-stations")
    assert "draft" not in row and row["label_en"] == "" and row["label_zh"] == "党群服务驿站"
    m = next(m for m in load(saved.metrics_file).metrics if m.id == "fxc-stations")
    assert (m.draft, m.label_en) == (False, "")  # the file keeps it empty: the viewer marks it, nothing invents one


def test_edits_round_trip_through_a_save(sheet):
    edits = [
        cur.Set("fxc-people", "qualifier", "exact"),
        cur.Set("fxc-people", "label_en", "Participants"),
        cur.Set("fxc-people", "type", "other"),
        cur.Set("fxc-people", "note", "近 read as approximate; curator chose exact"),
        cur.Set("fxc-activities", "value", 120.0),
        cur.Set("fxc-activities", "unit", "余次"),
        cur.Set("fxc-relief", "indicator", None),
        cur.Set("fxc-teams", "city", "jia"),
    ]
    saved = cur.save(cur.apply(sheet, edits))
    people = saved.row("fxc-people")
    assert (people["qualifier"], people["label_en"], people["type"]) == ("exact", "Participants", "other")
    assert people["note"].startswith("近 read")
    assert saved.row("fxc-activities")["value"] == 120 and isinstance(saved.row("fxc-activities")["value"], int)
    assert saved.row("fxc-activities")["unit"] == "余次"
    assert saved.row("fxc-teams")["city"] == "jia"
    assert "qualifier: exact" in saved.path.read_text(encoding="utf-8")


def test_a_new_key_goes_where_the_schema_puts_it_and_existing_keys_keep_their_place(sheet):
    before = list(sheet.row("fxc-relief"))
    s = cur.apply(sheet, [cur.Set("fxc-relief", "indicator", "street_funding_floor")])
    after = list(s.row("fxc-relief"))
    assert after == [*before[:4], "indicator", *before[4:]]  # id, source, city, type, indicator, label_zh, …


def test_reject_moves_the_proposal_to_rejected_with_what_redrafting_needs(sheet):
    saved = cur.save(cur.apply(sheet, [cur.Reject("fxc-people", "a turnout estimate, not a count")]))
    assert "fxc-people" not in _ids(saved)
    quote = "参与群众近2000人次"
    assert saved.rejected == [
        {
            "quote": quote,
            "start": cd.TEXT.index(quote),
            "value": 2000,
            "status": "reported",
            "reason": "a turnout estimate, not a count",
        }
    ]
    (gone,) = load(saved.metrics_file).rejected["fx-brief"]
    assert (gone.quote, gone.value) == (quote, 2000)


def test_a_rejected_blank_keeps_no_value_and_gets_a_reason_when_none_is_given(sheet):
    s = cur.apply(sheet, [cur.Reject("fxc-teams")])
    assert s.rejected == [
        {
            "quote": "共组建志愿服务队个",
            "start": cd.TEXT.index("共组建"),
            "status": "blank",
            "reason": "rejected by a curator",
        }
    ]


def test_added_proposals_are_appended_and_an_existing_id_is_never_overwritten(sheet):
    row = dict(cd.DRAFTS[1], id="fxc-extra")
    s = cur.apply(sheet, [cur.Add(row)])
    assert _ids(s)[-1] == "fxc-extra"
    with pytest.raises(cur.CurationError, match="exists already"):
        cur.apply(sheet, [cur.Add(dict(cd.DRAFTS[1]))])


def test_unknown_rows_and_fields_are_refused(sheet):
    with pytest.raises(cur.CurationError, match="no row 'nope'"):
        cur.apply(sheet, [cur.Accept("nope")])
    with pytest.raises(cur.CurationError, match="not a field the page edits"):
        cur.apply(sheet, [cur.Set("fxc-relief", "source", "fx-forum")])


def test_an_invalid_change_is_never_written(sheet):
    before = sheet.path.read_bytes()
    s = cur.apply(sheet, [cur.Set("fxc-relief", "value", 4.5), cur.Set("fxc-stations", "city", "nowhere")])
    with pytest.raises(cur.Invalid) as exc:
        cur.save(s)
    assert {format_loc(p.loc).split(".")[-1] for p in exc.value.problems} == {"value", "city"}
    assert sheet.path.read_bytes() == before
    assert cur.history(sheet.path) == []


def test_a_stale_file_is_refused_and_says_what_changed(sheet):
    other = cur.save(cur.apply(cur.open_sheet(sheet.metrics_file, sheet.source), [cur.Reject("fxc-people")]))
    theirs = other.path.read_bytes()
    mine = cur.apply(sheet, [cur.Set("fxc-relief", "label_en", "Relief funds")])
    with pytest.raises(cur.Stale) as exc:
        cur.save(mine)
    assert exc.value.diff.removed == ["fxc-people"]
    assert exc.value.diff.rejected_added == 1
    assert "changed on disk since you loaded it" in str(exc.value)
    assert "1 row(s) removed: fxc-people" in str(exc.value)
    assert sheet.path.read_bytes() == theirs


def test_a_hand_edit_of_a_row_is_named_in_the_refusal(sheet):
    text = sheet.path.read_text(encoding="utf-8").replace("label_zh: 慰问金", "label_zh: 慰问资金")
    sheet.path.write_text(text, encoding="utf-8")
    diff = cur.stale(sheet)
    assert diff.changed == {"fxc-relief": ["label_zh"]}


def test_undo_restores_the_previous_bytes_exactly_and_steps_back_save_by_save(sheet):
    v0 = sheet.path.read_bytes()
    s1 = cur.save(cur.apply(sheet, [cur.Reject("fxc-people")]))
    v1 = s1.path.read_bytes()
    s2 = cur.save(cur.apply(s1, [cur.Set("fxc-relief", "label_en", "Relief funds")]))
    assert cur.can_undo(s2)
    u1 = cur.undo(s2)
    assert u1.path.read_bytes() == v1
    u0 = cur.undo(u1)
    assert u0.path.read_bytes() == v0
    assert not cur.can_undo(u0)
    with pytest.raises(cur.NothingToUndo):
        cur.undo(u0)


def test_undo_keeps_what_it_replaced(sheet):
    s1 = cur.save(cur.apply(sheet, [cur.Reject("fxc-people")]))
    saved = s1.path.read_bytes()
    cur.undo(s1)
    (undone,) = [v for v in cur.history(sheet.path) if v.kind == "undone"]
    assert undone.path.read_bytes() == saved


def test_undo_refuses_when_the_file_changed_after_the_save(sheet):
    s1 = cur.save(cur.apply(sheet, [cur.Reject("fxc-people")]))
    edited = s1.path.read_bytes().replace(b"label_zh: \xe6\x85\xb0\xe9\x97\xae\xe9\x87\x91", b"label_zh: X")
    s1.path.write_bytes(edited)
    with pytest.raises(cur.Stale):
        cur.undo(s1)
    assert s1.path.read_bytes() == edited
    with pytest.raises(cur.NothingToUndo):
        cur.undo(cur.open_sheet(s1.metrics_file, s1.source))  # the hand edit is no save of the page


def test_the_metrics_file_is_never_touched(sheet):
    entry = sheet.metrics_file
    entry.write_bytes(entry.read_bytes().replace(b"cities:\n", b"# a curator's comment, kept\ncities:  # here too\n"))
    before = entry.read_bytes()
    s = cur.save(cur.apply(cur.open_sheet(entry, sheet.source), [cur.Reject("fxc-people")]))
    s = cur.save(cur.apply(s, [cur.Set("fxc-relief", "label_en", "Relief")]))
    cur.undo(s)
    assert entry.read_bytes() == before


def test_what_survives_a_save_of_a_hand_edited_figure_file(sheet):
    # A curator edited the file by hand: header comments, comments between and inside rows, keys in their own
    # order, a note, explicit nulls, a quoted value.
    header = "# yaml-language-server: $schema=../figures.schema.json\n# East Subdistrict brief: checked by hand\n"
    rows = [dict(reversed(list(r.items()))) for r in cd.DRAFTS]
    rows[2] = {**rows[2], "note": "慰问金 is one-off relief money"}
    body = figure_file.render(rows, header="")
    items = body.split("\n  - ")  # [metrics:, row 0, row 1, …]: the comment goes above fxc-teams, row 3
    items[3] = items[3] + "\n  # the next one is a blank"
    body = "\n  - ".join(items)
    body = body.replace("    unit: 名\n", "    unit: 名\n    indicator: null\n")  # fxc-grid-workers, left alone
    body = body.replace(
        "    unit: 个\n    value: 6\n", "    unit: 个  # stations, not centres\n    value: 6\n    indicator: null\n"
    )
    body = body.replace("label_zh: 慰问金", "label_zh: '慰问金'")
    sheet.path.write_text(header + "metrics:\n" + body.split("metrics:\n", 1)[1], encoding="utf-8")
    s = cur.open_sheet(sheet.metrics_file, sheet.source)
    saved = cur.save(cur.apply(s, [cur.Set("fxc-stations", "label_en", "Service stations")]))
    text = saved.path.read_text(encoding="utf-8")
    assert text.startswith(header)  # the lines above `metrics:` survive
    assert _ids(saved) == [r["id"] for r in cd.DRAFTS]  # row order survives
    for before, after in zip(rows, saved.rows, strict=True):
        assert [k for k in after if after[k] is not None] == [k for k in before]  # key order survives
    assert saved.row("fxc-relief")["note"] == "慰问金 is one-off relief money"  # notes survive
    # Rows the page did not change keep their own text: comments (one above a row belongs to the row before),
    # quoting, explicit nulls.
    assert "  # the next one is a blank\n" in text and "label_zh: '慰问金'" in text
    assert text.count("indicator: null") == 1  # fxc-grid-workers'
    # The row the page changed is written in the writer's style: its comment and its null are gone.
    assert "stations, not centres" not in text
    assert "indicator" not in saved.row("fxc-stations")


def test_a_save_changes_only_the_lines_of_the_rows_it_changed(sheet):
    before = sheet.path.read_text(encoding="utf-8").splitlines()
    saved = cur.save(cur.apply(sheet, [cur.Set("fxc-relief", "label_en", "Relief funds")]))
    after = saved.path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("    label_en: ''", "    label_en: Relief funds")]


def test_versions_beyond_keep_are_pruned(sheet):
    s = sheet
    for label in ("a", "b", "c"):
        s = cur.save(cur.apply(s, [cur.Set("fxc-relief", "label_en", label)]), keep=2)
    assert len([v for v in cur.history(s.path) if v.kind == "save"]) == 2
    assert cur.undo(s).row("fxc-relief")["label_en"] == "b"


def test_saving_the_same_rows_writes_nothing_and_keeps_no_version(sheet):
    cur.save(sheet)
    assert cur.history(sheet.path) == []


def test_the_completeness_scan_counts_numbers_no_row_covers(sheet):
    assert cur.uncovered(sheet) == []
    s = cur.apply(sheet, [cur.Reject("fxc-grid-workers"), cur.Reject("fxc-teams")])
    found = cur.uncovered(s)
    assert [(f.kind, f.text) for f in found] == [("digits", "45"), ("slot", "个")]
    assert cur.uncovered(cur.apply(sheet, [cur.Set("fxc-relief", "value", 9)])) is None  # invalid: not scanned


def test_a_source_whose_figures_live_in_the_metrics_file_cannot_be_curated(sheet):
    with pytest.raises(cur.CurationError, match="never writes"):
        cur.open_sheet(sheet.metrics_file, "fx-forum")


def test_a_write_that_fails_is_a_clear_refusal_and_the_file_is_unchanged(sheet, monkeypatch):
    before = sheet.path.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cur.atomic, "write", full_disk)
    with pytest.raises(cur.CurationError, match="not saved: cannot write .*: No space left on device"):
        cur.save(cur.apply(sheet, [cur.Reject("fxc-people")]))
    assert sheet.path.read_bytes() == before
    assert cur.history(sheet.path) == []
