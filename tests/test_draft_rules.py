"""Each rule of the drafter: a sentence of the genre that must give a proposal, and one that must give none.

The sentences are written for these tests in the style of the genre (officials' reports), not copied.
"""

from __future__ import annotations

import pytest
from draft_fixtures import at, proposal_at, run

# (text, text just before the number or gap, expected fields)
REPORTED = [
    ("全区成立12个行业*委,覆盖各个领域。", "成立", {"value": 12, "unit": "个", "label_zh": "行业党委"}),
    ("全市配备专职网格员1,250名。", "网格员", {"value": 1250, "unit": "名"}),
    ("今年新建１２个红色驿站。", "新建", {"value": 12, "unit": "个"}),
    ("累计投入帮扶资金3.5亿元。", "资金", {"value": 3.5, "unit": "亿元", "value_norm": 350_000_000, "unit_norm": "元"}),
    (
        "各站点服务群众2万余人次。",
        "群众",
        {"value": 2, "unit": "万人次", "qualifier": "more_than", "value_norm": 20000},
    ),
    ("社区书记专职化比例达到95%。", "达到", {"value": 95, "unit": "%"}),
    ("百分之八十的小区成立了业委会。", "百分之", {"value": 80, "unit": "%"}),
    ("构建区、街道、社区三级联动体系。", "社区", {"value": 3, "unit": "级"}),
    ("全县二十六个社区全部达标。", "全县", {"value": 26, "unit": "个"}),
    ("今年发展一百二十名新党员。", "发展", {"value": 120, "unit": "名"}),
    ("服务惠及三千余户居民。", "惠及", {"value": 3000, "unit": "户", "qualifier": "more_than"}),
    ("市、县两级成立工作专班。", "市、县", {"value": 2, "unit": "级"}),
    ("每个小区建立一个议事会。", "建立", {"value": 1, "unit": "个"}),
    ("在网格中推行“五有”标准。", "推行“", {"value": 5, "unit": "有"}),
    ("全县推进“三个一”工程。", "推进“", {"value": 3, "unit": "个"}),
    ("谢师傅今年72岁,仍在巡逻。", "今年", {"value": 72, "unit": "岁"}),
    ("区里出台十条措施。", "出台", {"value": 10, "unit": "条"}),
    ("累计投入资金200余万元。", "资金", {"value": 200, "unit": "万元", "qualifier": "more_than", "value_norm": 2e6}),
    ("动员千余名党员下沉。", "动员", {"value": 1000, "unit": "名", "qualifier": "more_than"}),
    ("建立三个体系。", "建立", {"value": 3, "unit": "个"}),
    ("全年开展文艺演出近50场次。", "演出近", {"value": 50, "unit": "场次", "qualifier": "at_most"}),
]


@pytest.mark.parametrize(("text", "before", "want"), REPORTED, ids=[t for t, _, _ in REPORTED])
def test_a_number_is_proposed_with_its_value_and_unit(text, before, want):
    p = proposal_at(run(text), at(text, before))
    assert p.status == "reported"
    for key, value in want.items():
        assert getattr(p, key) == value, (key, p)
    assert p.draft is True and p.reason


RANGES = [
    ("每个网格配备1至3名网格员。", "配备", (1, 3), "名"),
    ("每栋楼确定2-3名楼长。", "确定", (2, 3), "名"),
    ("每组保留2—3人值守。", "保留", (2, 3), "人"),
    ("每月开展3~5次走访。", "开展", (3, 5), "次"),
]


@pytest.mark.parametrize(("text", "before", "bounds", "unit"), RANGES)
def test_a_range_gives_low_and_high(text, before, bounds, unit):
    p = proposal_at(run(text), at(text, before))
    assert (p.low, p.high, p.value, p.unit, p.qualifier) == (*bounds, None, unit, "range")


QUALIFIED = [
    ("每个社区工作经费不少于5万元。", "不少于", "at_least"),
    ("参与群众超过200人。", "超过", "at_least"),
    ("每月至少开展3次走访。", "至少开展", "at_least"),
    ("建成示范点20个以上。", "示范点", "at_least"),
    ("受理群众诉求300余件。", "诉求", "more_than"),
    ("选派机关干部50多名。", "干部", "more_than"),
    ("坚持义务巡逻近10年。", "巡逻近", "at_most"),
    ("每人联系不超过3个网格。", "不超过", "at_most"),
    ("每组人数控制在10人以内。", "控制在", "at_most"),
]


@pytest.mark.parametrize(("text", "before", "qualifier"), QUALIFIED)
def test_hedges_become_qualifiers(text, before, qualifier):
    assert proposal_at(run(text), at(text, before)).qualifier == qualifier


@pytest.mark.parametrize(("text", "before"), [("每次约200人参加。", "约"), ("队伍规模500人左右。", "规模")])
def test_about_is_recorded_as_exact_and_flagged(text, before):
    p = proposal_at(run(text), at(text, before))
    assert p.qualifier == "exact" and "about" in p.reason


BLANKS = [
    ("全县共选派驻村第一书记名。", "第一书记", "名", "exact"),
    ("去年新建个党群服务站。", "新建", "个", "exact"),
    ("每个村每年经费不少于万元。", "不少于", "万元", "at_least"),
    ("活动场所面积平方米以上。", "面积", "平方米", "at_least"),
    ("全年开展余次政策宣讲。", "开展", "次", "more_than"),
    ("受益群众达万余人次。", "达", "万人次", "more_than"),
    ("党员参与率达%。", "参与率达", "%", "exact"),
]


@pytest.mark.parametrize(("text", "before", "unit", "qualifier"), BLANKS)
def test_a_unit_without_its_number_is_a_blank(text, before, unit, qualifier):
    p = proposal_at(run(text), at(text, before), "blank")
    assert (p.value, p.unit, p.qualifier) == (None, unit, qualifier)
    assert text[p.start : p.end] == p.quote and p.quote.endswith(p.quote[p.at - p.start :])


@pytest.mark.parametrize(
    ("text", "before"), [("年3月,全区启动网格化改革。", ""), ("上半年完成。年,全县办班12期。", "完成。")]
)
def test_a_year_slot_is_a_blank_year(text, before):
    p = proposal_at(run(text), at(text, before) if before else 0, "blank")
    assert (p.unit, p.label_zh, p.type) == ("年", "年份", "dates")
    assert p.quote[: p.at - p.start].endswith(p.anchor)


def test_cut_numbers_are_partial_with_the_digits_that_survive():
    text = "化解各类矛盾0余件,整合为12类项服务清单。"
    d = run(text)
    cut = proposal_at(d, at(text, "矛盾"))
    assert (cut.status, cut.digits_shown, cut.unit, cut.qualifier, cut.value) == (
        "partial",
        "0",
        "件",
        "more_than",
        None,
    )
    second = proposal_at(d, at(text, "12类"))
    assert (second.status, second.unit) == ("partial", "项")


# Texts in which no number is a figure; the reason each is skipped must say why.
NONE = [
    ("一是加强领导,二是压实责任。", "list ordinal"),
    ("(1)健全组织体系;(2)完善工作机制。", "list ordinal"),
    ("第一批试点已经完成。", "ordinal"),
    ("四川、九江等地派员参加。", "place name"),
    ("书记、主任“一肩挑”全面推行。", "一"),
    ("架起“四梁八柱”制度框架。", "idiom"),
    ("深入学习*的十九届四中全会精神。", "congress"),
    ("开通“12345”热线受理诉求。", "name"),
    ("新建5G基站。", "code"),
    ("印发《2023年基层*建工作要点》。", "title"),
    ("出台《关于加强网格建设的十条措施》。", "title"),
    ("咨询电话0566-1234567。", "phone"),
    ("详见附件[2]。", "footnote"),
    ("年底前全部完成整改。", None),
    ("维护个人合法权益,推进项目建设,国家有关部门支持,群众踊跃报名。", None),
    ("一些社区积极探索。", "一"),
    ("把每一个组织都管起来。", "every"),
    ("制定等“N”个制度。", None),
    ("上面千条线、下面一根针。", "idiom"),
    ("三分之一以上的社区、2分之1的小区完成改造。", "fraction"),
    ("社区“两委”成员和“两新”组织。", "fixed name"),
]


@pytest.mark.parametrize(("text", "why"), NONE, ids=[t for t, _ in NONE])
def test_no_figure_is_proposed_where_there_is_none(text, why):
    d = run(text)
    assert d.proposals == [], [(p.quote, p.value, p.unit) for p in d.proposals]
    if why:
        assert any(why in s.reason for s in d.skipped), [s.reason for s in d.skipped]


def test_a_slogan_repeated_is_counted_once():
    text = "推行“五有”标准。半年后,再次对照“五有”标准检查。"
    d = run(text)
    assert [(p.value, p.unit) for p in d.proposals] == [(5, "有")]
    assert any("repeats a slogan" in s.reason for s in d.skipped)


def test_a_slogan_with_the_same_numeral_twice_is_one_count():
    d = run("围绕“三问三答”开展活动。")
    assert [(p.value, p.unit) for p in d.proposals] == [(3, "问")]
