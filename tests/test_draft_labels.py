"""Labels that arrive filled: drafted Chinese labels without fragments, English ones from a glossary that learns."""

from __future__ import annotations

import re

import curation_data as cd
import pytest
from draft_fixtures import at, proposal_at, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curation import glossary as learning
from curation import review as cur
from drafting import labels
from drafting import write as draft_write
from loaders import glossary as learnt
from loaders.dataset import load

# pieces of the genre around numbers: brackets, measure words, percentages, place words (our own sentences)
PIECES = [
    "【社区党委",
    "】",
    "个【社区党支部",
    "全省",
    "52.3%",
    "296家",
    "街道",
    "建成驿站12个",
    "（试点）",
    "配备网格员45名",
    "覆盖率达到95%",
    "《工作方案》",
    "共",
    "3",
    "，",
    "。",
]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_a_drafted_label_is_balanced_and_not_a_number_or_one_character(parts):
    for p in run("".join(parts)).proposals:
        assert labels.balanced(p.label_zh), p
        assert len(p.label_zh) >= 2, p
        assert not re.fullmatch(r"[\d.,%％万亿千百十余多]+\D?", p.label_zh), p
        assert p.label_zh not in labels.PLACE_WORDS, p


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("【社区党委", "社区党委"),
        ("个【社区党支", "社区党支"),
        ("志愿服务队", "志愿服务队"),
        ("项目", "项目"),
        ("（试点）社区", "（试点）社区"),
    ],
)
def test_tidy_drops_bracket_fragments_and_keeps_whole_nouns(raw, kept):
    assert labels.tidy(raw) == kept


@pytest.mark.parametrize("junk", ["】", "52.3%", "296家", "全省", "街道", "个", "3"])
def test_junk_is_never_a_label_and_the_reason_asks_for_one(junk):
    label, why = labels.settle([junk], "")
    assert label == labels.TO_WRITE and "write one" in why


def test_the_next_candidate_is_taken_when_the_first_is_junk():
    assert labels.settle(["52.3%", "党组织覆盖率"], "")[0] == "党组织覆盖率"


def test_a_saved_english_label_is_learnt_and_the_next_draft_arrives_translated(tmp_path):
    metrics, sid = cd.make(tmp_path)
    sheet = cur.open_sheet(metrics, sid)
    saved = cur.save(
        cur.apply(sheet, [cur.Set("fxc-grid-workers", "label_en", "Grid workers"), cur.Accept("fxc-grid-workers")])
    )
    assert learning.learn(metrics, learning.pairs_of(saved.rows)) == ["网格员"]
    assert learnt.read(metrics).entries == {"网格员": "Grid workers"}
    assert learning.learn(metrics, learning.pairs_of(saved.rows)) == []  # known already: nothing written
    # a second text with the same label, drafted by the real drafter
    other = tmp_path / "other.txt"
    other.write_text("西街道工作简报\n今年甲市东街道配备网格员12名。\n", encoding="utf-8")
    from curation import add_source

    add_source.add_source(metrics, other, "fx-other", title_en="Another brief")
    ds = load(metrics)
    _, report, _ = draft_write.draft_source(ds, "fx-other", metrics)
    rows = {r["label_zh"]: r for r in cur.open_sheet(metrics, "fx-other").rows}
    assert rows["网格员"]["label_en"] == "Grid workers"


def test_the_registry_glossary_wins_and_a_newer_english_label_replaces_a_learnt_one(tmp_path):
    metrics, _ = cd.make(tmp_path)
    registry = learnt.registry(metrics)
    if registry:  # a registry term is never learnt over
        zh = next(iter(registry))
        assert learning.learn(metrics, {zh: "Something else"}) == []
    learning.learn(metrics, {"慰问金": "Relief funds"})
    assert learning.learn(metrics, {"慰问金": "Condolence payments"}) == ["慰问金"]
    assert learnt.read(metrics).entries["慰问金"] == "Condolence payments"


def test_a_learnt_glossary_changed_under_the_writer_is_merged_not_overwritten(tmp_path, monkeypatch):
    metrics, _ = cd.make(tmp_path)
    learning.learn(metrics, {"慰问金": "Relief funds"})
    path = learnt.path_for(metrics)
    real = learning.atomic.write
    calls = []

    def racing(p, data, **kw):  # another curator saves a label between our read and our write
        if not calls:
            calls.append(1)
            path.write_text(learning.render({"慰问金": "Relief funds", "驿站": "Stations"}), encoding="utf-8")
        return real(p, data, **kw)

    monkeypatch.setattr(learning.atomic, "write", racing)
    assert learning.learn(metrics, {"网格员": "Grid workers"}) == ["网格员"]
    assert learnt.read(metrics).entries == {"慰问金": "Relief funds", "驿站": "Stations", "网格员": "Grid workers"}


def test_a_broken_learnt_glossary_is_reported_by_line_and_not_written(tmp_path):
    metrics, _ = cd.make(tmp_path)
    path = learnt.path_for(metrics)
    path.write_text("glossary:\n  - zh: 网格员\n  - zh: 驿站\n    en: Stations\n", encoding="utf-8")
    before = path.read_bytes()
    problems = learnt.read(metrics).problems
    assert [str(p).split(": ", 1)[0] for p in problems] == [f"{path}:2"]
    assert "glossary[0].en" in str(problems[0])
    with pytest.raises(learning.GlossaryError):
        learning.learn(metrics, {"慰问金": "Relief funds"})
    assert path.read_bytes() == before


def test_undo_takes_back_exactly_the_last_learning_and_nothing_learnt_after_it(tmp_path):
    metrics, _ = cd.make(tmp_path)
    path = learnt.path_for(metrics)
    learning.learn(metrics, {"慰问金": "Relief funds"})
    first = path.read_bytes()
    learning.learn(metrics, {"网格员": "Grid workers"})
    after = learning.digest(metrics)
    assert learning.undo(metrics, after)
    assert path.read_bytes() == first  # byte for byte
    assert not learning.undo(metrics, after)  # done already: the glossary is not as that learning left it
    learning.learn(metrics, {"驿站": "Stations"})
    assert not learning.undo(metrics, after) and "驿站" in learnt.read(metrics).entries  # a later one stays


def test_undoing_the_first_learning_leaves_no_glossary(tmp_path):
    metrics, _ = cd.make(tmp_path)
    learning.learn(metrics, {"慰问金": "Relief funds"})
    assert learning.undo(metrics, learning.digest(metrics))
    assert not learnt.path_for(metrics).exists()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("今年新增63个共享书屋。", "共享书屋"),  # 共 opens the noun here, it is no adverb
        ("街道新建4个共建单位联络站。", "共建单位联络站"),
        ("春节前发放慰问金3.5万元。", "慰问金"),  # the verb is not part of what is counted
        ("全年筹集帮扶资金120万元。", "帮扶资金"),
        ("2.3万名在职*员到社区报到。", "在职党员"),
        ("城阳街道党工委组织社区干部走访居民1200户。", "居民"),  # not a 16-character window cut mid-word
        ("今年招募楼栋长45名。", "楼栋长"),
    ],
)
def test_the_label_is_the_counted_noun_not_the_verb_before_it(text, label):
    (p,) = run(text).proposals
    assert p.label_zh == label


def test_a_unit_left_of_the_label_belongs_to_the_number_before_it():
    # our own sentences: 家 is 12's, % is 50's; the measure is named before the first number
    text = "辖区12家物业企业中有家成立了*支部。"
    d = run(text)
    assert proposal_at(d, at(text, "辖区")).label_zh == "物业企业"
    assert proposal_at(d, at(text, "中有")).label_zh == "物业企业"
    text = "满意度由不到50%上升到87%。"
    assert proposal_at(run(text), at(text, "不到")).label_zh == "满意度"
