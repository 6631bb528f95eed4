"""The classes of issue 21, each with sentences that must give a proposal and sentences that must not.

Our own sentences in the genre's style. The completeness scan asks the same recogniser for deleted numbers,
so every deleted number here is also a finding of the scan (and no false blank is).
"""

from __future__ import annotations

import pytest
from draft_fixtures import at, proposal_at, run

from loaders import recognise

# (text, text just before the gap, unit, qualifier)
DELETED = [
    # before 万/亿 with a unit, or after an open-ended verb with none
    ("今年共调处矛盾纠纷万件。", "纠纷", "万件", "exact"),
    ("平台汇集各类数据超亿条。", "超", "亿条", "at_least"),
    ("辖区个体经营主体突破万户。", "突破", "万户", "at_least"),
    ("小程序注册用户超万。", "超", "万", "at_least"),
    ("培训各类人群万人次。", "人群", "万人次", "exact"),
    ("为社区争取改造资金多万元。", "资金", "万元", "more_than"),
    # year slots after a preposition or verb
    ("自年6月以来,全区推行街巷长制。", "自", "年", "exact"),
    ("该项制度自年起在全市推开。", "自", "年", "exact"),
    ("这座服务中心建成于年。", "于", "年", "exact"),
    ("他在年“最美社工”评选中获奖。", "在", "年", "exact"),
    ("社区荣获年“和谐社区”称号。", "荣获", "年", "exact"),
    ("计划到年实现全覆盖。", "到", "年", "exact"),
    ("收入比年增长一成。", "比", "年", "exact"),
    ("项目安排在年项目库中。", "在", "年", "exact"),
    ("改造阵地10万平方米年9月全部交付。", "平方米", "年", "exact"),
    # after a hedge
    ("今年组织志愿服务近场。", "近", "场", "at_most"),
    ("每次议事约人参加。", "约", "人", "exact"),
    # a person count after a verb; a count at the start of a clause
    ("驿站帮助人找到工作。", "帮助", "人", "exact"),
    ("老旧小区完成改造,户居民搬回新居。", ",", "户", "exact"),
    # a unit closing a clause after a noun
    ("全年化解邻里纠纷件。", "纠纷", "件", "exact"),
    ("全年召开居民议事会场,解决难题。", "议事会", "场", "exact"),
    ("企业中建立*组织的有家,覆盖职工。", "的有", "家", "exact"),
    ("街道发出“吹哨”次,部门全部到场。", "“吹哨”", "次", "exact"),
    # a measure word of things (张, 台, 辆, 套, 部, 栋 …) after 有, a hedge or 多, or closing a clause after a noun
    ("新建车棚后,另有台充电桩正在安装。", "另有", "台", "exact"),
    ("街道共有辆巡逻车投入使用。", "共有", "辆", "exact"),
    ("辖区楼宇中有栋实现党建全覆盖。", "中有", "栋", "exact"),
    ("为外来务工人员提供公寓床位张,缓解住宿难。", "床位", "张", "exact"),
    ("各网格配发执法记录仪近套。", "近", "套", "at_most"),
    ("老旧小区加装电梯多部。", "电梯", "部", "more_than"),
    # 到年底 in a text that deleted its years: the year before 底/初/末 was deleted too
    ("自年起推行网格化管理,计划到年底全面铺开。", "计划到", "年", "exact"),
    ("年3月开始试点,截至年末已覆盖全区。", "截至", "年", "exact"),
]


@pytest.mark.parametrize(("text", "before", "unit", "qualifier"), DELETED, ids=[t for t, *_ in DELETED])
def test_a_deleted_number_is_a_blank_and_a_finding_of_the_scan(text, before, unit, qualifier):
    p = proposal_at(run(text), at(text, before), "blank")
    assert (p.value, p.unit, p.qualifier) == (None, unit, qualifier)
    assert p.at in {m.at for m in recognise.find_slots(text)}  # the scan's question, the same answer


# Words in which a measure word or 年 stands with no number deleted: no blank, for the drafter or the scan.
NO_BLANK = [
    "她的老家在山区,周末回家看望家人。",
    "网格员挨家挨户走访,挨个登记。",
    "王阿姨家住三号楼,社区就是临时的家,让人处处有家。",
    "新区地处城乡接合部,设有应急处突队伍。",
    "服务小个专和个体工商户,提供个餐配送。",
    "全市首个社区食堂开业,已约谈多次,组织多次培训。",
    "多个社区开展义诊。",
    "到年底全部完成,在年内办结。",
    "职工年收入稳步提高。",
    "把服务送到家门口,把责任落到实处。",
    "联系人民群众,关心人才成长。",
    "上万群众参加,千家万户受益,万众一心。",
    "召开现场会,建设文化广场。",
    "代表们走进会场。",
    "建成10万平方米,年轻人受益。",
    # object measure words inside words, and 有 before a word that starts with one
    "推动多部门联动,建立工作台账,张贴公示,推出助餐套餐。",
    "全部完成改造,一部分居民已搬回,干部下沉社区。",
    "还有部分楼栋未改造,另有部署。",
    "选好楼栋长,服务到楼栋。",
    "现有座位不足,另有座谈会安排。",
    "平台上线,舞台搭好,文件出台。",
    "老张和小张都很紧张。",
    "配套设施齐全,居民有车辆停放需求。",
    "还有张书记带队,另有张家港的经验。",  # 张 the surname, in a place name
    "在大厅设咨询台和服务台,配套建设停车场。",  # desks end in 台; 停车场 is a word
    "我们还有间隙,节约纸张,发放手套。",
    # 年底 with no deleted year in the text, or after a real year; 年满 is "aged"
    "2023年起推行,力争到年底全面铺开。",
    "力争到2025年底全面铺开。",
    "年满60周岁的居民可申请。",
]


@pytest.mark.parametrize("text", NO_BLANK)
def test_a_measure_word_inside_a_word_is_no_blank(text):
    d = run(text)
    assert [p for p in d.proposals if p.status == "blank"] == [], [(p.quote, p.unit) for p in d.proposals]
    assert recognise.find_slots(text) == []


# (text, text before the numeral, value, unit, qualifier, rule word)
FIGURES = [
    ("街道推行“四议两公开”工作法。", "推行“", 4, "议", "exact", "slogan"),
    ("街道推行“四议两公开”工作法。", "四议", 2, "公", "exact", "slogan"),
    ("村里落实一征三议两公开制度。", "一征", 3, "议", "exact", "slogan"),
    ("推行一征三议两公开制度。", "推行", 1, "征", "exact", "slogan"),
    ("探索“一键四响”机制。", "一键", 4, "响", "exact", "slogan"),
    ("坚持“一个支部一件实事”。", "支部", 1, "件", "exact", "per-unit"),
    ("全年实现零事故。", "实现", 0, None, "exact", "zero"),
    ("专职人员为零。", "人员为", 0, None, "exact", "zero"),
    ("巡逻路线长达十几公里。", "长达", 10, "公里", "more_than", "approximate"),
    ("聘请几十名兼职调解员。", "聘请几", 10, "名", "more_than", "approximate"),
    ("八成以上的居民表示满意。", "", 8, "成", "at_least", "number"),
    ("对逾期未办的,给予一次提醒。", "给予", 1, "次", "exact", "rule stated"),
    ("考核不合格的,暂停评优一年。", "评优", 1, "年", "exact", "rule stated"),
    ("接到诉求后1个月内办结。", "诉求后", 1, "个月", "at_most", "number"),
    # qualifiers of a ceiling, a minimum length and an age
    ("每户改造补贴最高可达3万元。", "最高可达", 3, "万元", "at_most", "number"),
    ("任职满5年的社区书记可申报。", "任职满", 5, "年", "at_least", "number"),
    ("年满60周岁的居民可申请。", "年满", 60, "周岁", "at_least", "number"),
    ("不满18周岁的未成年人。", "不满", 18, "周岁", "at_most", "number"),
    ("小区新装电梯17部。", "电梯", 17, "部", "exact", "number"),
]


@pytest.mark.parametrize(
    ("text", "before", "value", "unit", "qualifier", "rule"), FIGURES, ids=[f"{t}@{b}" for t, b, *_ in FIGURES]
)
def test_a_figure_of_the_genre_is_proposed(text, before, value, unit, qualifier, rule):
    p = proposal_at(run(text), at(text, before) if before else 0, "reported")
    assert (p.value, p.unit, p.qualifier) == (value, unit, qualifier)
    assert rule in p.rule or rule in p.reason


def test_slogan_numbers_are_marked_and_ordered_below_plain_numbers():
    text = "推行“四议两公开”,建成驿站8个。"
    d = run(text)
    slogan, plain = proposal_at(d, at(text, "推行“")), proposal_at(d, at(text, "驿站"))
    assert "slogan" in slogan.rule and slogan.confidence < plain.confidence


@pytest.mark.parametrize(
    "text, first",
    [
        ("楼院采取“一院一策”,小事实行“一事一办”。", "一院"),  # one policy per unit: a slogan's numerals
        ("食堂每餐供应两荤两素,窗口推行三问三答。", "两荤"),  # the same numeral twice: a slogan
    ],
)
def test_a_paired_slogan_is_proposed_as_slogan_numbers_ranked_low(text, first):
    d = run(text)
    pairs = [p for p in d.proposals if p.status == "reported"]
    assert pairs and all("slogan" in p.rule and p.confidence <= 0.5 for p in pairs), pairs
    assert text.index(first) in [p.at for p in pairs]


@pytest.mark.parametrize("text", ["他做事一心一意,一言一行都是榜样。", "把情况一五一十地讲清楚。"])
def test_an_idiom_of_paired_numerals_is_no_figure(text):
    assert run(text).proposals == []


NO_FIGURE = [
    "大家三心二意不行,要一心一意。",  # idioms of two numerals
    "服务零距离,对腐败零容忍。",  # 零 in fixed phrases
    "一年一度的评比又开始了。",  # 一 + unit is the article
    "七嘴八舌议论纷纷。",
    "他一次也没有落下。",  # 一次 with no rule verb: 'once', not a provision
    "开设“三点半课堂”,每天下午5点半开放。",  # a time of day, in a name or not
]


@pytest.mark.parametrize("text", NO_FIGURE)
def test_no_figure_in_idioms_and_fixed_phrases(text):
    assert run(text).proposals == []


def test_a_cut_formula_is_one_partial_figure_with_its_first_digits():
    text = "构建“1+9+67+”组织链条。"
    d = run(text)
    assert [(p.status, p.digits_shown, p.at) for p in d.proposals] == [("partial", "1", at(text, "构建“"))]
    assert "formula" in d.proposals[0].rule


def test_a_whole_formula_is_not_cut():
    d = run("构建1+9+67组织链条。")
    assert [(p.status, p.value) for p in d.proposals] == [("reported", 1), ("reported", 9), ("reported", 67)]


def test_headings_of_speakers_are_not_places():
    text = "记者:今年有哪些新举措?\n部长:全市建成驿站12个。\n"
    d = run(text, main_place="jia")
    assert d.new_places == [] and {p.city for p in d.proposals} == {"jia"}


def test_a_clause_before_a_place_word_is_no_new_place():
    d = run("我们抓住街道这个关键,全市现有街道36个。推行街道“大工委”,吸纳单位12家。", main_place="jia")
    assert d.new_places == [] and {p.city for p in d.proposals} == {"jia"}


def test_a_community_the_registry_lacks_holds_no_figure_back():
    """社区 and 街道 stand bare in the genre's prose (超大社区, 带领社区): no unregistered place is guessed from them."""
    d = run("全市共有超大社区46个,带领社区居民建成驿站12个。")
    assert d.new_places == [] and {p.city for p in d.proposals} == {"jia"}
    assert [p.value for p in d.proposals] == [46, 12]


# Round 2 of issue 21: the classes of the misses on the fresh texts t9–t12 (our own sentences).

# (text, text just before the gap, unit, qualifier)
DELETED_2 = [
    # a person count after an existential 有 (有名 is "famous" only after a degree word or before 气/的 …)
    ("全镇仍有名困难群众等待帮扶。", "仍有", "名", "exact"),
    ("报名的志愿者已有名,人数还在增加。", "已有", "名", "exact"),
    ("丙县有名网格员获评优秀。", "丙县有", "名", "exact"),
    ("截至目前尚有名老党员未领取补贴。", "尚有", "名", "exact"),
    ("全区仍有名流动党员未转接组织关系。", "仍有", "名", "exact"),  # 流动 is no 名流
    ("卫生服务站有名医生坐诊。", "服务站有", "名", "exact"),  # 医生 is no 名医
    ("到社区服务的有多名。", "服务的有", "名", "more_than"),
    # a household count between a noun in 户 and the measure word 户
    ("新建小区共有住户户,已全部入住。", "住户", "户", "exact"),
    ("每名干部结对帮扶困难户户。", "困难户", "户", "exact"),
    ("全村共有农户户,常住人口余人。", "农户", "户", "exact"),
    # a list of counts: 多 after 、 when the item before ends in a unit
    ("片区有居民多户、多人参加体检。", "户、", "人", "more_than"),
    # 小时 closing a clause after a noun; 项 after a noun in 单 (清单, 工单)
    ("党员全年志愿服务时长小时,人均超过10小时。", "时长", "小时", "exact"),
    ("梳理需求清单项,逐项落实。", "清单", "项", "exact"),
    # a deleted year: (年第二季度), and after a place in a heading line
    ("全市工作要点(年第二季度)\n一、总体情况", "(", "年", "exact"),
    ("乙市年社区工作要点\n今年全市推进治理。", "乙市", "年", "exact"),
]


@pytest.mark.parametrize(("text", "before", "unit", "qualifier"), DELETED_2, ids=[t for t, *_ in DELETED_2])
def test_round_two_deleted_numbers_are_blanks_and_findings_of_the_scan(text, before, unit, qualifier):
    p = proposal_at(run(text), at(text, before), "blank")
    assert (p.value, p.unit, p.qualifier) == (None, unit, qualifier)
    assert p.at in {m.at for m in recognise.find_slots(text)}


NO_BLANK_2 = [
    # 有名 = famous; 名字, 名列 are words
    "这家老店很有名,小有名气,是有名的老字号。",
    "这个协会有名无实,会员有名有姓。",
    "新楼还没有名字,该社区名列全市前茅。",
    "他们有多名老师指导。",  # 多名 before a noun after 有: "several"
    # 家 as home: 自己家, 回不了家, 家的, 家在, 之家
    "她说社区就是自己家,过年回不了家的人在这里也有家的温暖。",
    "不少快递员家在外省。",
    "建好“职工之家”,方便职工休息。",
    # 个 after a colloquial verb is the article (搭个台子 = 搭一个台子)
    "社区搭个平台,居民有事打个电话就行,举个例子来说,这是个好办法。",
    "志愿者的身影随处可见,无处不在。",
    # 户户 in words; 小时 in words or after 个多
    "家家户户装上净水器,实现户户通。",
    "一个多小时就办完了,小时候的事还记得。",
    "办事只用了一个小时,很方便。",
    # a heading whose 年 makes a word
    "东湖区年轻干部培训班\n今年开班。",
    "老城区年久失修房屋改造方案\n正文如下。",
]


@pytest.mark.parametrize("text", NO_BLANK_2)
def test_round_two_no_blank_in_words_and_phrases(text):
    d = run(text)
    assert [p for p in d.proposals if p.status == "blank"] == [], [(p.quote, p.unit) for p in d.proposals]
    assert recognise.find_slots(text) == []


# (text, text before the numeral, value, unit, qualifier, rule word)
FIGURES_2 = [
    # approximate round numbers: 近百 (at most), 上百 (at least), 数百 (more than)
    ("每月接待来访群众近百名。", "群众近", 100, "名", "at_most", "approximate"),
    ("辖区每年调解纠纷上百起。", "纠纷上", 100, "起", "at_least", "approximate"),
    ("数千名志愿者参与。", "数", 1000, "名", "more_than", "approximate"),
    ("街道选派数十名干部下沉。", "选派数", 10, "名", "more_than", "approximate"),
    ("将近百名居民参加议事。", "将近", 100, "名", "at_most", "approximate"),
    ("矛盾纠纷下降到12起。", "下降到", 12, "起", "exact", "number"),
    # a duration or a multiple stated with 一
    ("开展集中轮训,为期一个月。", "为期", 1, "个月", "exact", "duration"),
    ("两个片区的人均经费相差近一倍。", "相差近", 1, "倍", "at_most", "multiple"),
    ("服务对象增长一倍。", "增长", 1, "倍", "exact", "multiple"),
    # a quoted slogan of several numerals (a fixed name unquoted stays skipped)
    ("各支部落实“三会一课”。", "落实“", 3, "会", "exact", "slogan"),
    ("各支部落实“三会一课”。", "三会", 1, "课", "exact", "slogan"),
]


@pytest.mark.parametrize(
    ("text", "before", "value", "unit", "qualifier", "rule"), FIGURES_2, ids=[f"{t}@{b}" for t, b, *_ in FIGURES_2]
)
def test_round_two_figures_are_proposed(text, before, value, unit, qualifier, rule):
    p = proposal_at(run(text), at(text, before) if before else 0, "reported")
    assert (p.value, p.unit, p.qualifier) == (value, unit, qualifier)
    assert rule in p.rule or rule in p.reason


@pytest.mark.parametrize(
    ("text", "before", "low", "high", "unit"),
    [
        ("群众办事要跑三四个窗口。", "要跑", 3, 4, "个"),
        ("材料两三天就能办结。", "材料", 2, 3, "天"),
        ("每个网格配备七八名志愿者。", "配备", 7, 8, "名"),
        ("跑了三五个部门才办成。", "跑了", 3, 5, "个"),
    ],
)
def test_adjacent_numerals_are_an_approximate_range(text, before, low, high, unit):
    p = proposal_at(run(text), at(text, before), "reported")
    assert (p.value, p.low, p.high, p.unit, p.qualifier) == (None, low, high, unit, "range")
    assert "approximate" in p.rule


@pytest.mark.parametrize(
    ("text", "before", "low", "high"),
    [("活动吸引二三十名居民。", "吸引", 20, 30), ("片区改造涉及一二百户。", "涉及", 100, 200)],
)
def test_adjacent_numerals_before_a_power_are_read_as_a_range_and_skipped_with_the_validators_reason(
    text, before, low, high
):
    """二三十 is 20–30 to the recogniser; the validator cannot find 20 written in it, so the drafter lists it as
    skipped with that reason rather than proposing a row that would not validate (or reading it as 230)."""
    (m,) = [m for m in recognise.recognise(text) if m.at == at(text, before)]
    assert (m.kind, m.low, m.high, m.qualifier) == ("reported", low, high, "range")
    d = run(text)
    assert d.proposals == [] and [s.reason for s in d.skipped if s.start == at(text, before)] != []


def test_a_quoted_slogan_is_ranked_below_plain_numbers_and_an_unquoted_name_counts_nothing():
    text = "坚持“三会一课”,建成驿站8个。"
    d = run(text)
    slogan, plain = proposal_at(d, at(text, "坚持“")), proposal_at(d, at(text, "驿站"))
    assert slogan.confidence < plain.confidence
    assert run("认真执行三会一课制度。").proposals == []


NO_FIGURE_2 = [
    "材料报送省委组织部组织二处。",  # an office's ordinal name
    "干部三处负责审核。",
    "大家一起参加活动,每周一起学习。",  # 一起 = together
    "成百上千的群众赶来。",
    "开展最近百日攻坚行动。",  # 最近 is a word; 百日 a campaign's name
    "他数十年如一日扎根社区。",
    "“两新”组织和社区“两委”成员参加。",  # single-numeral names stay names, quoted or not
]


@pytest.mark.parametrize("text", NO_FIGURE_2)
def test_round_two_no_figure(text):
    assert run(text).proposals == []


@pytest.mark.parametrize(("text", "before"), [("开展集中轮训,为期一个月。", "为期"), ("群众诉求3个月内办结。", "诉求")])
def test_a_duration_in_months_is_no_date(text, before):
    """个月 ends in 月, the unit of a date; a duration says nothing of the type (the noun or clause decides)."""
    assert proposal_at(run(text), at(text, before), "reported").type != "dates"


# Round 3: the misses on t13–t16 (bench/eval/HELDOUT_FRESH_2.md), as classes, in sentences of our own.
DELETED_3 = [
    # a unit closing a clause after a verb that counts (份, 组, 台, 盏, 只, 场次, 户): the verb may stand before a 、
    ("街道与驻区企业签订服务协议份,推动资源共享。", "服务协议", "份", "exact"),
    ("今年为老楼加装扶手组、更换路灯盏。", "扶手", "组", "exact"),
    ("今年为老楼加装扶手组、更换路灯盏。", "路灯", "盏", "exact"),
    ("社区计划再购置灭火器台。", "灭火器", "台", "exact"),
    ("仓库储备编织袋1,500条、发电机台。", "发电机", "台", "exact"),  # a thousands comma ends no sentence
    ("全年开展普法宣传场次。", "普法宣传", "场次", "exact"),
    ("网格员走访空巢老人户。", "空巢老人", "户", "exact"),
    # a head count after a noun for people, or after a verb that takes one, closing a clause
    ("片区共有常住居民户,外来人口人。", "常住居民", "户", "exact"),
    ("片区共有常住居民户,外来人口人。", "外来人口", "人", "exact"),
    ("园区今年举办3期,共培训人。", "共培训", "人", "exact"),
    ("老厂区里住着退休职工户,多为独居。", "退休职工", "户", "exact"),
    # a count of years after 了/有; 评为年度 (评为2023年度); a street's heading
    ("这支志愿队已坚持了年,从未间断。", "坚持了", "年", "exact"),
    ("老书记扎根社区已经有年了。", "已经有", "年", "exact"),
    ("该社区被评为年度市级文明社区。", "评为", "年", "exact"),
    ("东湖街道年上半年工作总结\n今年以来,街道推进治理。", "东湖街道", "年", "exact"),
    # 总数/人数 and 其余/剩余 are nouns: the count after them was deleted
    ("全区专职网格员总数名,实现全覆盖。", "总数", "名", "exact"),
    ("已办结诉求12件,其余件正在跟进。", "其余", "件", "exact"),
    # 份 and 只 after 余 or a hedge; 位 before a person after a verb of giving
    ("助餐点每天配送午餐不少于份;", "不少于", "份", "at_least"),
    ("街道发放防诈宣传册余份。", "宣传册", "份", "more_than"),
    ("防汛仓库备有救生衣约只、", "约", "只", "exact"),
    ("志愿者为位老人义务理发。", "为", "位", "exact"),
    ("上半年召开了个专题座谈会。", "召开了", "个", "exact"),  # 了个 after a formal verb: no article
    ("义诊当天修好家电台,测量血压。", "家电", "台", "exact"),  # 家电 + 台, not 电台 (a radio station)
]


@pytest.mark.parametrize(("text", "before", "unit", "qualifier"), DELETED_3, ids=[f"{t}@{b}" for t, b, *_ in DELETED_3])
def test_round_three_deleted_numbers_are_blanks_and_findings_of_the_scan(text, before, unit, qualifier):
    p = proposal_at(run(text), at(text, before), "blank")
    assert (p.value, p.unit, p.qualifier) == (None, unit, qualifier)
    assert p.at in {m.at for m in recognise.find_slots(text)}


NO_BLANK_3 = [
    # 元, 家, 名 inside words
    "这个村出过状元,村里的工厂生产电子元件。",
    "志愿者上门修家电,帮老人搬家具。",
    "文中人物均为化名。",
    # 个 after 有 (a modal before it) or after a colloquial verb with 了: 一 elided
    "老人们希望能有个地方下棋,下午开了个短会,村里出了个能人。",
    # a quoted word; 多少 is "how many"; 多 after a verb of coordinating is "several"
    "我们要给骑手一个“家”。",
    "不能只问建了多少个。",
    "街道协调多个部门联合执法,涉及多个小区。",
    # 人 opening a clause before 一 ("once there are many"); 其余人员 is a word
    "小区大,人一多,场地就挤。",
    "为其余人员提供培训。",
    # the gated units after a counting verb, ending a word of their own
    "街道成立专家组,新建服务平台,走访困难户,服务农户。",
    "组织党小组。",
    # 过了年 is "after New Year"; 只 before a word is "only"; 邀请多位专家 is "several"
    "过了年,大家都回来了。",
    "办理大约只需半天,我们邀请多位专家把关。",
]


@pytest.mark.parametrize("text", NO_BLANK_3)
def test_round_three_no_blank_in_words_and_phrases(text):
    d = run(text)
    assert [p for p in d.proposals if p.status == "blank"] == [], [(p.quote, p.unit) for p in d.proposals]
    assert recognise.find_slots(text) == []


# (text, text before the numeral, value, unit, qualifier, rule word)
FIGURES_3 = [
    ("主任最后提出两点要求。", "提出", 2, "点", "exact", "points"),
    ("接到呼叫后十分钟内赶到。", "呼叫后", 10, "分钟", "at_most", "numeral"),  # 十分 is "very" only before no 钟
    ("小区房屋空置率接近一成。", "空置率接近", 1, "成", "at_most", "share"),
    ("整改方案一个月内报送。", "整改方案", 1, "个月", "at_most", "period"),
    ("一年来,社区新增志愿者40名。", "", 1, "年", "exact", "period"),
    ("过去每年调处纠纷二十来起。", "调处纠纷", 20, "起", "exact", "approximate"),
    ("下月组织一次消防演练。", "组织", 1, "次", "exact", "events"),
]


@pytest.mark.parametrize(
    ("text", "before", "value", "unit", "qualifier", "rule"), FIGURES_3, ids=[f"{t}@{b}" for t, b, *_ in FIGURES_3]
)
def test_round_three_figures_are_proposed(text, before, value, unit, qualifier, rule):
    p = proposal_at(run(text), at(text, before) if before else 0, "reported")
    assert (p.value, p.unit, p.qualifier) == (value, unit, qualifier)
    assert rule in p.rule or rule in p.reason


def test_a_span_of_hours_is_one_range_figure():
    text = "服务站每天早8点到12点开放。"
    p = proposal_at(run(text), at(text, "早"), "reported")
    assert (p.value, p.low, p.high, p.unit, p.qualifier) == (None, 8, 12, "点", "range")
    assert [q.at for q in run(text).proposals] == [at(text, "早")]  # 12 is inside it, not a figure of its own


NO_FIGURE_3 = [
    "这两年社区变化很大,这几天忙着走访。",  # these last years or days
    "坚持把实事一件一件办好。",  # one by one (not a slogan after 坚持)
    "对新建驿站给予一次性补贴。",  # one-off
    "我们再一次走访了住户。",  # 一次 after no verb that holds an event: the article
]


@pytest.mark.parametrize("text", NO_FIGURE_3)
def test_round_three_no_figure(text):
    assert run(text).proposals == []


# Round 4: the misses on t17–t20 (bench/eval/HELDOUT_FRESH_3.md), as classes by the grammar of the slot, in sentences
# of our own.
DELETED_4 = [
    # a verb with 了 takes its count right after 了
    ("老支书这一年写满了本民情日记。", "写满了", "本", "exact"),
    ("街道今年成立了支青年突击队。", "成立了", "支", "exact"),
    ("为办低保证明,她来回跑了趟民政所。", "跑了", "趟", "exact"),
    ("志愿者上周又修好了台旧电脑。", "修好了", "台", "exact"),
    # 共/一共/共计 (and one verb) before a measure word closing the clause or the note
    ("活动照片由街道提供,共幅)", "共", "幅", None),  # 幅 is no unit: no slot (see the traps)
    ("(本通知发至各社区,共发份)", "共发", "份", "exact"),
    ("抽屉里的工作证,一共把,都贴好了标签。", "一共", "把", "exact"),
    ("展板由社区制作,共计块。", "共计", "块", "exact"),
    # a hedge: 多达, 高达, 不到 after what stands before a count, 超 after a quantity
    ("今年需要签字的表格多达份,负担不轻。", "多达", "份", "exact"),  # "as many as": the number itself
    ("开始时志愿队只招到了不到人,后来越来越多。", "不到", "人", "at_most"),
    ("上门体检人数超人,覆盖全部楼栋。", "超", "人", "at_least"),
    ("驿站为骑手热饭超次。", "超", "次", "at_least"),  # 超 after a verb: the closing unit still holds the gap
    # a verb of change before a count closing the clause; a unit before one in a from-to frame
    ("社区志愿者比去年增加人,服务更及时。", "增加", "人", "exact"),
    ("群里的成员从几个人涨到了人。", "涨到了", "人", "exact"),
    ("独居老人由户降到户。", "由", "户", "exact"),
    ("排队时间由原来的天缩短到半天。", "原来的", "天", "exact"),
    # households before a noun for people or families
    ("网格员帮户独居老人换了门锁。", "帮", "户", "exact"),
    ("今年协助户困难家庭申请救助。", "协助", "户", "exact"),
    # a noun for people by its suffix (员, 者, 手), or 在册/在岗, before 人 closing a clause
    ("辖区有楼栋长名,调解员人,志愿者人。", "调解员", "人", "exact"),
    ("辖区有楼栋长名,调解员人,志愿者人。", "志愿者", "人", "exact"),
    ("全镇流动*员在册人,已全部联系上。", "在册", "人", "exact"),
    # 有 after any noun states how many there are (object measure words)
    ("以前这条街只有盏路灯。", "只有", "盏", "exact"),
    # an ordinal, a count coordinated with one of its unit, a score after 得分
    ("这是我们开展的第批试点。", "第", "批", "exact"),
    ("两个小区分别扣了2.5分和分。", "和", "分", "exact"),
    ("三号网格,得分分;四号网格,得88分。", "得分", "分", "exact"),
    # a year before a month, after a place before an award in quotes, after 关于 in a title
    ("(东坪街道办事处 年3月2日)", "办事处 ", "年", "exact"),
    ("她被推选为东坪区年度“十佳楼栋长”。", "东坪区", "年", "exact"),
    ("关于年度社区工作者考核情况的通报", "关于", "年", "exact"),
    # a count of steps after 了 and 万多
    ("他说自己那天走了万多步。", "走了", "万步", "more_than"),
    # 的 + a measure word before 都/均: the whole of a counted lot
    ("转给部门的件都在三天内办结。", "部门的", "件", "exact"),
    # 户次 is always a unit
    ("入户走访居民户次,收集意见40条。", "居民", "户次", "exact"),
]
DELETED_4 = [row for row in DELETED_4 if row[3] is not None]


@pytest.mark.parametrize(("text", "before", "unit", "qualifier"), DELETED_4, ids=[f"{t}@{b}" for t, b, *_ in DELETED_4])
def test_round_four_deleted_numbers_are_blanks_and_findings_of_the_scan(text, before, unit, qualifier):
    p = proposal_at(run(text), at(text, before), "blank")
    assert (p.value, p.unit, p.qualifier) == (None, unit, qualifier)
    assert p.at in {m.at for m in recognise.find_slots(text)}


NO_BLANK_4 = [
    # 了 before a word that begins with a measure word, or in 为了/除了
    "为了本村群众,开展了本次活动,成立了支部委员会,建立了支持体系。",
    "他做了把关,了解了情况,普遍反映良好。",
    # 共 in words (公共场所, 中共), 共有 before a word
    "公共场所禁止吸烟,中共党员带头。",
    # 不到 in 找不到/做不到; 超 in 超人, 超市
    "我们找不到人,有的事也做不到位。",
    "孩子说他是超人,周末去超市。",
    # 增加 before a word; 从…提高到 with a word before it; a score in words
    "今年增加人手,从人员上看提高到了新水平。",
    "问题分分钟解决,家家户户都满意。",
    # households in words before people (农户, 贫困户); 有 before 张 (a surname) or a word
    "农户居民都来了,贫困户群众也来了。",
    "他有张书记的电话,所有部门都有台账,他拥有座位。",
    # 年 before a month in words; 年度 after a place with no award; 次第; 万把 is "about ten thousand"
    "今年3月和去年10月各开一次会。",
    "全区年度考核次第展开,来了万把人。",
    # 报送 is no verb that counts: a department's name is no count
    "报送:区委组织部、区委社会工作部。",
    # 的 + a word beginning with a measure word before 都; 的人都 (people) is no count
    "提出的条件都合理,来的人都很高兴。",
    # a measure word right after 个 is the counted noun (第二个家)
    "驿站成了骑手的第二个家。",
]


@pytest.mark.parametrize("text", NO_BLANK_4)
def test_round_four_no_blank_in_words_and_phrases(text):
    d = run(text)
    assert [p for p in d.proposals if p.status == "blank"] == [], [(p.quote, p.unit) for p in d.proposals]
    assert recognise.find_slots(text) == []


NO_FIGURE_4 = [
    "发现燃气泄漏,先开窗,再拨打119。",  # a number called
    "一旦有人晕倒,立即叫120。",
    "8栋的电梯停了,9栋3单元也停水。",  # a building's number, an address
    "请在回执上写明姓名和住址。",  # 姓名 is a word, no deleted head count
    "二、考核等次\n",  # 等次 is a word (grade)
    "1.东城区,得分92分;2.西城区,得分90分。",  # list ordinals run on after ;
]


@pytest.mark.parametrize("text", NO_FIGURE_4)
def test_round_four_no_figure_or_blank_in_names_lists_and_words(text):
    got = [(p.quote, p.value, p.status) for p in run(text).proposals if p.value not in (92, 90)]
    assert got == []


FIGURES_4 = [
    ("他每天要打3个电话。", "要打", 3, "个"),  # a number with a unit after a calling verb is a count
    ("小区今年新建住宅楼6栋,配套车棚。", "住宅楼", 6, "栋"),  # a count of buildings
    ("各区安排经费;3个街道已完成。", "经费;", 3, "个"),  # N个 after ; is a count, not an ordinal
]


@pytest.mark.parametrize(("text", "before", "value", "unit"), FIGURES_4, ids=[f"{t}@{b}" for t, b, *_ in FIGURES_4])
def test_round_four_figures_beside_the_new_traps_stay(text, before, value, unit):
    p = proposal_at(run(text), at(text, before), "reported")
    assert (p.value, p.unit) == (value, unit)


def test_a_bare_town_after_a_verb_or_preposition_is_no_new_place():
    """按照镇*委部署, 家住镇东: the bare 镇 is the town the text is about; its figures are not held back."""
    d = run("按照镇*委部署,站点新增骑手15名。他家住镇东,每天跑单30多单。", main_place="jia")
    assert d.new_places == [] and {p.city for p in d.proposals} == {"jia"}
    assert 15 in [p.value for p in d.proposals]


def test_a_place_name_inside_a_short_quoted_name_is_no_new_place():
    """“店长沙龙” holds 长沙 (a city) inside a word: no new place, and the figures after it are not held back."""
    d = run("商会常办“店长沙龙”,今年帮商户减免租金约60万元。", main_place="jia")
    assert d.new_places == [] and [p.value for p in d.proposals] == [60]


def test_a_former_name_is_no_new_place():
    """原来的X村 names what a community was: the figures after it stay with the text's place."""
    d = run("社区三年前才从原来的青石村改为社区,如今有楼栋长18名。", main_place="jia")
    assert d.new_places == [] and {p.city for p in d.proposals} == {"jia"}


def test_where_a_person_comes_from_is_no_new_place():
    """小李是湖北人: a demonym; the figures of the sentence stay with the text's place."""
    d = run("骑手小李是湖北人,今年在站点跑单超过4000单。", main_place="jia")
    assert d.new_places == [] and {p.city for p in d.proposals} == {"jia"}


# Round 5 (t21-t24): a place word followed by its own count is the noun counted, not a place that holds figures.
COUNTED_PLACE_WORDS = [
    # a tally: the level word, its count (or the gap), a clause end
    "甲市:合并村6个,新建社区3个,安置村干部名。",
    "去年撤并乡4个,本轮又撤并村个,腾出办公用房12处。",
    # an enumeration of names counted by their level word
    "新社区由青山村、河口村和柳岸村三个村组成,常住人口4200人。",
    "芦花镇与桃源镇两个镇并为一镇后,机关干部精简到80名。",
]


@pytest.mark.parametrize("text", COUNTED_PLACE_WORDS)
def test_a_place_word_counted_is_no_new_place(text):
    """撤销村9个, 甲村、乙村和丙村三个村: the figures after them stay with the place of the text, not held back."""
    d = run(text, main_place="jia")
    assert d.new_places == []
    assert d.proposals and {p.city for p in d.proposals} == {"jia"}


def test_a_counted_place_word_keeps_its_blank():
    text = "去年撤并乡4个,本轮又撤并村个,腾出办公用房12处。"
    p = proposal_at(run(text, main_place="jia"), at(text, "又撤并村"), "blank")
    assert (p.unit, p.city) == ("个", "jia")


@pytest.mark.parametrize(
    "text",
    [
        "白沙镇14个村完成换届,选出村干部60名。",  # the town's count of another noun: 白沙镇 stays a name
        "红旗村9个网格都建了微信群,群里有居民800人。",  # a count of 网格, not of 村
    ],
)
def test_a_place_name_before_a_count_of_another_noun_stays_a_place(text):
    d = run(text, main_place="jia")
    assert len(d.new_places) == 1


# 到 + a unit that also names a destination (家 户 人 位 场 处): after a verb of action it is where the action
# arrives (送到家, 落实到户), no number deleted; after a verb of quantity, a hedge or a count it is a gap.
ARRIVES = [
    ("网格员把慰问品送到家,老人们都很感动。", "送到"),
    ("推行“三到家”服务:政策宣讲到家、代办跑腿到家。", "宣讲到"),
    ("低保金全部落实到户,做到应保尽保。", "落实到"),
    ("政策解读精准到人,群众心里有了底。", "精准到"),
    ("每次议事,街道干部都要求到场。", "要求到"),
    ("社区食堂的午餐可以配送到家。", "配送到"),
    ("小区门口的快递柜让包裹直接投递到家,方便了老人。", "投递到"),
]


@pytest.mark.parametrize(("text", "before"), ARRIVES, ids=[b for _, b in ARRIVES])
def test_a_unit_after_to_as_a_destination_is_no_blank(text, before):
    d = run(text)
    assert not [p for p in d.proposals if p.at == at(text, before) and p.status == "blank"]
    assert not [m for m in recognise.find_slots(text) if m.at == at(text, before)]


STILL_GAPS = [
    ("今年帮扶对象增加到户,比去年翻了一番。", "增加到", "户"),
    ("辖区独居老人达到人,全部建档。", "达到", "人"),
    ("表格只收回了不到户,还要再催。", "不到", "户"),
    ("结对家庭由3户到户,一年多了一倍。", "3户到", "户"),
    ("新生代骑手到社区报到名。", "报到", "名"),
]


@pytest.mark.parametrize(("text", "before", "unit"), STILL_GAPS, ids=[b for _, b, _ in STILL_GAPS])
def test_a_unit_after_the_to_of_a_count_keeps_its_blank(text, before, unit):
    p = proposal_at(run(text), at(text, before), "blank")
    assert p.unit == unit


def test_an_office_and_a_formality_are_no_blanks():
    """建设处负责人: a department's 处; 走过场: a word; neither lost a number."""
    for text in ("市住建局城建处负责人介绍了进展。", "议事会不能走过场,要议出实效。"):
        assert not [p for p in run(text).proposals if p.status == "blank"], text


# 起 counts incidents; 支 counts teams: a deleted count closing a clause after such a noun.
INCIDENT_AND_TEAM_GAPS = [
    ("今年社区调处物业纠纷起,满意率提升。", "物业纠纷", "起", "exact"),
    ("网格员上半年排查消防隐患多起,当场整改。", "消防隐患", "起", "more_than"),
    ("全镇现有巾帼志愿服务队支,队员过千。", "巾帼志愿服务队", "支", "exact"),
]


@pytest.mark.parametrize(("text", "before", "unit", "qualifier"), INCIDENT_AND_TEAM_GAPS)
def test_a_count_of_incidents_or_teams_closing_a_clause_is_a_gap(text, before, unit, qualifier):
    p = proposal_at(run(text), at(text, before), "blank")
    assert (p.unit, p.qualifier) == (unit, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "服务要从小事做起,从细处抓起。",
        "夜市人气慢慢多起来了。",
        "报到的党员一起打扫楼道。",
        "维修资金从专项经费中列支,超支部分由街道统筹。",
        "社区今年压缩行政开支,用于活动。",
    ],
)
def test_qi_and_zhi_in_words_are_no_gaps(text):
    assert not [p for p in run(text).proposals if p.status == "blank" and p.unit in ("起", "支")]


# A tally: short clauses that each close on a count of one unit; the clause whose count was deleted is a gap.
TALLIES = [
    ("表决结果:赞成人,反对2人,弃权0人。", "赞成", "人"),
    ("议事会应到31人,实到人,缺席3人。", "实到", "人"),
    ("本月入户走访:东片12户,西片户,南片9户。", "西片", "户"),
    ("选举中,有效票48人,无效票人。", "无效票", "人"),
]


@pytest.mark.parametrize(("text", "before", "unit"), TALLIES, ids=[b for _, b, _ in TALLIES])
def test_a_gap_in_a_tally_of_one_unit(text, before, unit):
    p = proposal_at(run(text), at(text, before), "blank")
    assert (p.unit, p.rule) == (unit, recognise.TALLY_RULE)


@pytest.mark.parametrize(
    "text",
    [
        "会上有人提议,再等2人。",  # 有人: someone (not a short clause closing on the unit beside a count)
        "这件事要找对人,群众才信服,已有12人报名。",  # 找对人: the right person; the next clause is long
        "活动邀请了多位老人,到场48人。",
    ],
)
def test_a_person_word_beside_a_count_is_no_tally(text):
    assert not [p for p in run(text).proposals if p.status == "blank"], text


# Verbs built on 装/写 or 完成 count the things they fit or make: a gated unit closing their clause is a gap.
MADE_COUNTS = [
    ("今年小区改装充电桩台,解决了飞线充电。", "改装充电桩", "台"),
    ("网格员替老人填写申请表份。", "填写申请表", "份"),
    ("街道年内完成加梯部,其余明年开工。", "完成加梯", "部"),
]


@pytest.mark.parametrize(("text", "before", "unit"), MADE_COUNTS, ids=[b for _, b, _ in MADE_COUNTS])
def test_a_gated_unit_after_a_verb_of_making_is_a_gap(text, before, unit):
    p = proposal_at(run(text), at(text, before), "blank")
    assert p.unit == unit


@pytest.mark.parametrize("text", ["服装店开在社区服务台。", "他把名字写在身份。", "任务完成得好,靠的是全部。"])
def test_a_gated_word_after_a_verb_of_making_is_no_gap(text):
    assert not [p for p in run(text).proposals if p.status == "blank"], text


# 有 + 人/户 closing a clause after a noun or 的 says how many there are: a deleted count.
HAVE_CLOSING = [
    ("报名参加的有人,比去年多。", "报名参加的有", "人"),
    ("装了烟感的住户有户,还差一半。", "住户有", "户"),
]


@pytest.mark.parametrize(("text", "before", "unit"), HAVE_CLOSING, ids=[b for _, b, _ in HAVE_CLOSING])
def test_have_closing_a_clause_on_a_person_unit_is_a_gap(text, before, unit):
    p = proposal_at(run(text), at(text, before), "blank")
    assert (p.unit, p.rule) == (unit, recognise.HAVE_RULE)


@pytest.mark.parametrize("text", ["楼道里没有人。", "活动要办好,还得有人、有场地。", "这事谁都有人,大家都管。"])
def test_have_a_person_after_a_modal_or_negation_is_no_gap(text):
    assert not [p for p in run(text).proposals if p.status == "blank"], text


# Round 6: an aspect marker (了, 着) between a verb that counts and 人/户 leaves the slot a count (接待了人); after a
# total the unit closing the clause is the count (一共住了户,). A determiner picking part of a set (其中, 另外) opens
# a count like a clause start does (其中人考取).
ASPECT_COUNTS = [
    ("今年驿站共接待了人,比去年多。", "接待了", "人", recognise.ASPECT_RULE),
    ("志愿队长期服务着户,每周上门一次。", "服务着", "户", recognise.ASPECT_RULE),
    ("这栋公寓一共住了户,多是外地来的。", "住了", "户", recognise.ASPECT_RULE),
    ("夜校开班后,其中人考取了电工证。", "其中", "人", None),
]


@pytest.mark.parametrize(("text", "before", "unit", "rule"), ASPECT_COUNTS, ids=[t for t, *_ in ASPECT_COUNTS])
def test_a_head_count_after_an_aspect_marker_or_a_part_word_is_a_gap(text, before, unit, rule):
    p = proposal_at(run(text), at(text, before), "blank")
    assert p.unit == unit
    assert rule is None or p.rule == rule


@pytest.mark.parametrize(
    "text",
    [
        "昨晚家里来了人,聊到很晚。",  # 来了人: someone came, no count
        "大家随着人流走进会场。",  # 随着: a preposition, not an aspect marker
        "他看着人群慢慢散去。",  # 人群: a word
        "其中人员名单另行公布。",  # 其中人员: a word
        "为了人民群众的安全。",
    ],
)
def test_a_person_word_after_an_aspect_marker_or_a_part_word_is_no_gap(text):
    assert not [p for p in run(text).proposals if p.status == "blank"], text


# A month with its number then 日 with none: the day of the date was deleted (11月日进驻). 日 that starts a word is
# no day (日均, 日常).
@pytest.mark.parametrize(
    ("text", "before"), [("检查组于11月日进驻社区。", "11月"), ("截至十一月日,问题已整改完毕。", "十一月")]
)
def test_a_day_deleted_after_its_month_is_a_gap(text, before):
    p = proposal_at(run(text), at(text, before), "blank")
    assert (p.unit, p.rule) == ("日", recognise.DAY_RULE)


@pytest.mark.parametrize("text", ["11月日均接待群众300人。", "3月日常巡查由网格员负责。", "服务站星期日照常开放。"])
def test_a_word_in_ri_after_a_month_is_no_gap(text):
    assert not [p for p in run(text).proposals if p.status == "blank"], text


# 连续 takes a count of a duration or of times: with the unit right after it, the count was deleted.
@pytest.mark.parametrize(
    ("text", "unit"), [("该社区连续年获评文明社区。", "年"), ("这支服务队连续次在考评中排名第一。", "次")]
)
def test_a_unit_right_after_lianxu_is_a_gap(text, unit):
    p = proposal_at(run(text), at(text, "连续"), "blank")
    assert (p.unit, p.rule) == (unit, recognise.RUN_RULE)


@pytest.mark.parametrize(
    "text", ["社区连续年度考核均为优秀。", "这项工作连续性很强。", "该社区连续多年获评文明社区。", "他连续名列前茅。"]
)
def test_no_gap_after_lianxu_without_a_unit(text):
    assert not [p for p in run(text).proposals if p.status == "blank"], text


# A measure word the segmenter reads as a word of its own, with no number before it (issue 21, round 7):
# the rules' word lists did not know these frames; the segmenter's words do.
SEGMENTER_SLOTS = [
    ("街道今年清运建筑垃圾吨。", "吨"),  # a noun, then the measure word closing the clause
    ("志愿者撰写调查报告篇,其中篇获奖。", "篇"),
    ("全区网格员平均年龄岁。", "岁"),
    ("群众满意度评分为分。", "分"),  # 为 opens a count
    ("楼里的位老人都签了字。", "位"),  # between 的 and the noun it counts
    ("培训班开设课程门,学员人。", "门"),
    ("收到的条建议全部办结。", "条"),
    # rounds 7 and 8 (t33–t40)
    ("这些年她写的工作笔记有本。", "本"),  # 有 + a measure word closing the clause: how many there are
    ("社区开办“周末课堂”期。", "期"),  # a count of the thing just named
    ("我们用了年时间才建成。", "年"),  # a duration after 了
    ("他在医院住了天。", "天"),
    ("今年回收旧衣物多吨。", "吨"),  # 多 + a measure word of weight
]


@pytest.mark.parametrize("text, unit", SEGMENTER_SLOTS)
def test_a_measure_word_standing_alone_is_a_deleted_number(text, unit):
    blanks = [p for p in run(text).proposals if p.status == "blank" and p.unit == unit]
    assert blanks, text
    assert unit in text[blanks[0].at : blanks[0].at + len(unit) + 1]  # the gap right before it (or before 多)


SEGMENTER_TRAPS = [
    "他把家人接到身边,家住城东。",
    "我们在家门口就能办事。",
    "有时找不到人,只好派人去问。",  # 人 as a verb's object
    "还有张主任带队。",  # 张 as a surname
    "这里就是温暖的家。",  # 家 as home
    "来的人越来越多。",
    "巡查队每天出发。",  # 队 ending a noun
    "免租期较长,条件很好。",
    "大家各回各家。",
    "他拿起对讲机喊了一声。",
    "这件事要找对人。",
    "中间争晋位,后进争转化。",  # a word the segmenter's dictionary lacks, cut in two
    "请大家帮个忙。",  # 个 after a one-character verb: 一个 with 一 elided
    "周末开个会再说。",
    "他负责调处纠纷。",  # 处 inside a word
    "请在表格空白处签名。",
    "让每个人处处有家。",  # 有家: a home
    # round 9 (t41–t44)
    "社区常常找不到人。",
    "不少居民并不知道本社区有议事机制。",
    "他发了条道歉短信。",
    # rounds 12 and 13 (t53–t60)
    "他以举办活动为名,挪用了经费。",  # 以…为名: in the name of
    "确保“家家有人联、户户有人帮”。",  # every household
    "小区里的私家车越来越多。",  # 家 inside a longer word
    "全市开展“千名干部进万家”活动。",  # 万 in a short quoted name
    "公园里新修了健身步道。",  # 步道 is a word the segmenter cut
    "社区举办了热闹的邻里节。",  # 节 as a festival
]


@pytest.mark.parametrize("text", SEGMENTER_TRAPS)
def test_a_measure_word_inside_a_word_or_phrase_is_no_deleted_number(text):
    assert [p for p in run(text).proposals if p.status == "blank"] == [], text


@pytest.mark.parametrize(
    "text, first", [("各村实行一个小区一本台账。", "一个小区"), ("推行一个网格一名专员。", "一个网格")]
)
def test_one_thing_per_unit_unquoted_is_a_per_unit_provision(text, first):
    ones = [p for p in run(text).proposals if p.value == 1 and "per-unit" in p.rule]
    assert [p.at for p in ones][:1] == [text.index(first)], ones


@pytest.mark.parametrize("text", ["她一个人带着一个孩子。", "办一件成一件,群众才满意。"])
def test_two_articles_in_a_clause_are_no_provision(text):
    assert [p for p in run(text).proposals if p.value == 1] == []


def test_a_number_whose_clause_repeats_the_word_before_it_is_still_proposed():
    # 有 before 24 occurs again later in the clause (没有): the quote takes the clause before, so an anchor is unique
    text = "服务的占%,有24名*员表示“一次也没有参加”。"
    d = run(text)
    p = proposal_at(d, text.index("24"), "reported")
    assert p.value == 24 and p.quote.count(p.anchor) == 1 and text[p.start : p.end] == p.quote


# Round 9 (t41–t44, measured once in bench/eval/HELDOUT_FRESH_8.md, then seen)
@pytest.mark.parametrize(
    "text, unit",
    [
        ("全镇有家企业、所学校签了协议。", "所"),  # a list of counts goes on after 、
        ("窗口日均接待群众却不足人。", "人"),  # the hedge 不足
        ("附件:积分汇总表(共页)", "页"),
        ("核查发现问题笔,已全部整改。", "笔"),
        ("街道为居民印制政策问答本。", "本"),
    ],
)
def test_round_nine_measure_words_standing_alone(text, unit):
    assert [p for p in run(text).proposals if p.status == "blank" and p.unit == unit], text


def test_a_masked_party_member_after_you_ming_is_a_deleted_count():
    text = "上半年有名*员积分为零。"
    assert proposal_at(run(text), text.index("名"), "blank").unit == "名"


@pytest.mark.parametrize("text", ["下半年镇财*安排资金万元,比上半年增加3万元。", "在偏远村新设服务点不少于4个。"])
def test_a_time_word_or_adverb_before_a_level_word_is_no_new_place(text):
    d = run(text)
    assert d.new_places == [] and d.proposals, [(s.written, s.reason) for s in d.skipped]


# Rounds 10 and 11 (t45–t52, measured once in bench/eval/HELDOUT_FRESH_9.md, then seen)
@pytest.mark.parametrize(
    "text, unit, before",
    [
        ("这项服务坚持至今,年来从未间断。", "年", "至今,"),  # ,年来: for N years
        ("该社区连续第年获评先进。", "年", "连续第"),
        ("年3月,街道召开年度总结会。", "年", "召开"),  # 年度 after 召开 in a text that deletes years
        ("评审结果:东湖社区分,西湖社区88分。", "分", "东湖社区"),  # 社区分 is no 区分
        ("投诉中电梯故障,件;噪声扰民,件。", "件", "故障,"),  # an item, then its count
        ("满意度比去年提高了分。", "分", "提高了"),
        ("夜间音量不超过分贝。", "分贝", "不超过"),
        ("全区一共户参与评选。", "户", "一共"),
        # rounds 12 and 13 (t53–t60, measured once in bench/eval/HELDOUT_FRESH_10.md, then seen)
        ("今年社区修了段路。", "段", "修了"),  # 了 + a measure word before its noun
        ("老师每周给孩子们带了节课。", "节", "带了"),
        ("夜校今年办了期。", "期", "办了"),  # 了 + a measure word closing the clause
        ("参加的居民比去年多了户。", "户", "多了"),
        ("核查发现有户不符合条件。", "户", "有"),
        ("社区成立年来办了不少实事。", "年", "成立"),  # for N years
        ("小区建于上世纪年代。", "年", "上世纪"),  # a decade
    ],
)
def test_a_deleted_number_of_rounds_ten_to_thirteen_is_found_at_its_gap(text, unit, before):
    blanks = [p for p in run(text).proposals if p.status == "blank" and p.unit == unit]
    assert text.index(before) + len(before) in [p.at for p in blanks], [(p.at, p.unit) for p in blanks]


@pytest.mark.parametrize("text", ["自年起,成绩纳入年度考核。", "网格员走家串户了解情况。", "2024年度考核结果已公布。"])
def test_round_ten_and_eleven_traps(text):
    blanks = [p for p in run(text).proposals if p.status == "blank"]
    assert [p.at for p in blanks] == ([text.index("年")] if text.startswith("自") else []), blanks
