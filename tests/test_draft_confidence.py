"""Every proposal carries the rule that fired and a confidence; the Curate page reviews the surest first."""

from __future__ import annotations

import curation_data as cd
from draft_fixtures import at, proposal_at, run
from hypothesis import given, settings
from hypothesis import strategies as st

from curation import review as cur
from views import curate as vm


def test_every_proposal_has_a_rule_and_a_confidence_between_0_and_1():
    d = run("全区建成驿站12个,选派名干部,推行“四议两公开”,实现零事故。年,全区开展活动近场。")
    assert d.proposals
    for p in d.proposals:
        assert p.rule and 0 <= p.confidence <= 1
        row = p.row()
        assert row["confidence"] == p.confidence and row["rule"] == p.rule


def test_a_plain_number_with_its_unit_ranks_above_a_slogan_and_a_several():
    text = "全区建成驿站12个,推行“四议两公开”工作法,志愿者多名参与。"
    d = run(text)
    plain = proposal_at(d, at(text, "驿站"))
    slogan = proposal_at(d, at(text, "推行“"))
    several = proposal_at(d, at(text, "志愿者"), "blank")
    assert plain.confidence > 0.9 > several.confidence
    assert plain.confidence > slogan.confidence and "slogan" in slogan.rule


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet="0123456789万亿年个名家处人户场多余近约,。“”零十几成一二三四五六七八九两次提醒给予暂停+", max_size=60
    )
)
def test_confidence_and_rule_on_any_text(text):
    for p in run(text).proposals:
        assert 0 <= p.confidence <= 1 and p.rule


def _with_confidence(confidences: dict[str, float]) -> list[dict]:
    return [dict(row, confidence=confidences[row["id"]], rule="fixture rule") for row in cd.DRAFTS]


def test_the_curate_table_shows_unreviewed_proposals_surest_first(tmp_path):
    conf = {
        "fxc-stations": 0.6,
        "fxc-grid-workers": 0.95,
        "fxc-relief": 0.8,
        "fxc-teams": 0.9,
        "fxc-activities": 0.5,
        "fxc-people": 0.7,
    }
    metrics, sid = cd.make(tmp_path, drafts=_with_confidence(conf))
    r = vm.begin(cur.open_sheet(metrics, sid))
    ids = vm.table(r, vm.check(r)).ids
    assert ids == sorted(conf, key=lambda k: -conf[k])
    # a reviewed row leaves the unreviewed block; the rest keep their order
    r = vm.absorb(r, ids, {ids.index("fxc-grid-workers"): {"state": "accepted"}})
    after = vm.table(r, vm.check(r)).ids
    assert after[-1] == "fxc-grid-workers" and after[:-1] == [i for i in ids if i != "fxc-grid-workers"]


def test_an_accepted_proposal_loses_its_confidence_and_rule(tmp_path):
    metrics, sid = cd.make(tmp_path, drafts=_with_confidence(dict.fromkeys((r["id"] for r in cd.DRAFTS), 0.9)))
    r = vm.begin(cur.open_sheet(metrics, sid))
    ids = vm.table(r, vm.check(r)).ids
    r = vm.absorb(r, ids, {ids.index("fxc-relief"): {"state": "accepted", "label_en": "Relief money"}})
    row = vm.working(r).row("fxc-relief")
    assert "confidence" not in row and "rule" not in row and "draft" not in row
    assert vm.check(r).ok
