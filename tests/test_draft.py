"""The drafter's proposals: place, type, labels, quote and anchor; properties on any text; the seed."""

from __future__ import annotations

import hashlib
import re

import factories
import pytest
from draft_fixtures import at, context, proposal_at, run, seed_copy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting import proposals as draft
from drafting import write as draft_write
from loaders import numerals
from loaders.dataset import load, metrics_path
from loaders.problems import FiguresError

SECTIONED = (
    "本期邀请东省甲市、西省乙市、南省丙县的同志座谈,乙市还派出3个观摩组。\n"
    "东省甲市:织密组织体系\n"
    "甲市建成12个驿站,发展志愿者200名。\n"
    "西省乙市:做实网格服务\n"
    "全市配备网格员1,250名,工作经费不少于5万元。\n"
)


def sections_context(**over):
    return context(
        sections=[("jia", "东省甲市:织密组织体系"), ("yi", "西省乙市:做实网格服务")],
        missing=[("bing", "南省丙县")],
        **over,
    )


# 1/ PLACE


def test_a_number_belongs_to_the_section_it_stands_in():
    d = draft.draft(SECTIONED, sections_context())
    assert proposal_at(d, at(SECTIONED, "甲市建成")).city == "jia"
    assert proposal_at(d, at(SECTIONED, "网格员")).city == "yi"


def test_outside_every_section_the_nearest_place_named_before_it_in_the_paragraph():
    d = draft.draft(SECTIONED, sections_context())
    p = proposal_at(d, at(SECTIONED, "还派出"))
    assert p.city == "yi" and "nearest place" in p.reason


def test_an_announced_place_without_a_section_is_a_missing_section_row():
    d = draft.draft(SECTIONED, sections_context())
    rows = [p for p in d.proposals if p.status == "missing_section"]
    assert [(p.city, p.quote, p.value) for p in rows] == [("bing", "南省丙县", None)]


def test_else_the_main_place_of_the_source():
    p = run("建成12个驿站。", main_place="bing").proposals[0]
    assert p.city == "bing" and "main place" in p.reason


def test_a_place_not_in_the_registry_is_named_as_written_and_its_figure_waits_for_the_places_step():
    d = run("青岛市城阳区建成12个驿站。")
    assert d.new_places == [{"id": None, "zh": "青岛市城阳区", "level": "district", "at": 0}]
    assert d.proposals == []
    assert "青岛市城阳区 is not in the registry" in d.skipped[0].reason and "Places step" in d.skipped[0].reason


def test_no_place_nearby_and_no_main_place_is_skipped_never_guessed():
    d = run("建成12个驿站。", main_place=None)
    assert d.proposals == [] and "no main place" in d.skipped[0].reason


# 2/ TYPE AND LABELS


@pytest.mark.parametrize(
    ("text", "type_id"),
    [
        ("工作经费10万元。", "funding"),
        ("发展志愿者200名。", "volunteers"),
        ("全县500名在职*员到社区报到。", "members"),
        ("建成红色驿站12个。", "service_centers"),
        ("覆盖楼栋的90%。", "coverage"),
        ("坚持巡逻近10年。", "other"),
        ("开展宣讲200场次。", "services_delivered"),  # the unit keyword 次 names 场次 and 人次 too
    ],
)
def test_type_comes_from_the_keywords_kept_in_the_registry(text, type_id):
    (p,) = run(text).proposals
    assert p.type == type_id and "keyword" in p.reason


def test_type_is_other_with_a_reason_when_no_keyword_matches():
    (p,) = run("开展评比3轮。").proposals
    assert p.type == "other" and "no keyword matched" in p.reason


def test_keywords_are_data_a_curator_can_change():
    (p,) = run("开展评比3轮。", types=[("contests", ("评比",)), ("other", ())]).proposals
    assert p.type == "contests"


def test_label_zh_is_the_counted_noun_and_label_en_comes_from_the_glossary():
    (p,) = run("全区成立18个行业*委。").proposals
    assert (p.label_zh, p.label_en) == ("行业党委", "Industry Party committees")
    (q,) = run("全区成立3个观摩组。").proposals
    assert q.label_en == "" and "no glossary entry for 观摩组" in q.reason


# 3/ QUOTE AND ANCHOR


def test_a_repeated_clause_is_extended_until_the_quote_is_unique():
    text = "成立3个工作组。一个月后,成立3个工作组,负责督导。"
    d = run(text)
    assert len(d.proposals) == 2
    for p in d.proposals:
        assert text.count(p.quote) == 1 and text[p.start : p.end] == p.quote
        assert p.start + p.quote.index(p.anchor) + len(p.anchor) == p.at if p.anchor else p.at == p.start


def test_the_seed_draft_quotes_each_lie_in_their_own_section():
    ds = load(metrics_path())
    for sid, text in ds.texts.items():
        for p in draft.draft(text, draft.context(ds, sid)).proposals:
            sec = ds.sections.get((sid, p.city))
            if sec and p.status != "missing_section":
                assert sec[0] <= p.start < sec[1], p.id


# 4/ PROPERTIES ON ANY TEXT

GENRE = list(
    "0123456789０１２一二两三十百千万亿个名项年月余多近约以上不少于至—-~,，。、;“”《》()（）[]第是*党市区县街道社区:\n %％.5GN"
)
TEXTS = st.text(alphabet=st.one_of(st.sampled_from(GENRE), st.characters()), max_size=120)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # examples: the profile's
@given(TEXTS)
def test_the_drafter_never_raises_and_accounts_for_every_digit(text):
    d = run(text)
    spans = [p.span for p in d.proposals] + [(s.start, s.end) for s in d.skipped]
    for p in d.proposals:
        assert text[p.start : p.end] == p.quote and text.count(p.quote) == 1
        assert p.start <= p.at <= p.end
    for m in re.finditer(r"\d+", text):
        assert any(s <= m.start() < e for s, e in spans), (m.group(), m.start(), spans)


@settings(deadline=None)
@given(TEXTS)
def test_every_reported_proposal_is_placed_the_way_the_validator_places_it(text):
    for p in run(text).proposals:
        if p.status == "reported":
            first = p.value if p.value is not None else p.low
            assert numerals.number_at(text, p.at, first)


# 5/ THE SEED


def test_the_seed_draft_validates_as_figure_rows(tmp_path):
    """Drafted on a copy of the seed with no curated figures, every row validates as is."""
    ds = load(metrics_path())
    sid = next(iter(ds.sources))
    d = draft.draft(ds.texts[sid], draft.context(ds, sid))
    loaded = load(seed_copy(tmp_path, [p.row() for p in d.proposals]))
    assert len(loaded.metrics) == len(d.proposals) > 50
    assert all(m.draft for m in loaded.metrics)


def test_the_seed_draft_merged_with_the_curated_table_adds_no_duplicate():
    ds = load(metrics_path())
    for sid, text in ds.texts.items():
        d = draft.draft(text, draft.context(ds, sid))
        curated = [m.model_dump(exclude_none=True) for m in ds.metrics if m.source == sid]
        rows, _ = draft_write.new_rows(text, d.proposals, curated, [])
        taken = {(ds.placed[m.id].at, m.status) for m in ds.metrics if m.source == sid}
        for row in rows:
            p = next(p for p in d.proposals if p.id == row["id"])
            assert (p.at, p.status) not in taken, row["id"]


def test_known_seed_figures_are_drafted_as_curated():
    ds = load(metrics_path())
    by_id = {m.id: m for m in ds.metrics}
    sid = by_id["gz-industry-party-committees"].source
    d = draft.draft(ds.texts[sid], draft.context(ds, sid))
    for fid in ("gz-industry-party-committees", "jn-matters-resolved", "gz-street-funding-floor", "jn-beneficiaries"):
        m = by_id[fid]
        p = proposal_at(d, ds.placed[fid].at, m.status)
        assert (p.value, p.unit, p.qualifier, p.city, p.digits_shown) == (
            m.value,
            m.unit,
            m.qualifier,
            m.city,
            m.digits_shown,
        )


# 6/ THE MODEL


def test_a_reviewed_figure_may_leave_label_en_empty_but_never_label_zh(tmp_path):
    doc = factories.document()
    doc["metrics"][0].update(label_en="")  # reviewed (no draft: true), no translation yet
    (m,) = [m for m in load(factories.write(tmp_path, doc)).metrics if m.id == doc["metrics"][0]["id"]]
    assert (m.draft, m.label_en, m.label_zh) == (False, "", "指导员")
    doc["metrics"][0].update(label_zh="")
    with pytest.raises(FiguresError, match=r"metrics\[0\]\.label_zh: "):
        load(factories.write(tmp_path, doc))


def test_start_and_end_must_be_where_the_quote_is(tmp_path):
    doc = factories.document()
    text = factories.SOURCE_TEXT
    q = doc["metrics"][0]["quote"]
    doc["metrics"][0].update(start=text.index(q), end=text.index(q) + len(q))
    load(factories.write(tmp_path, doc))
    doc["metrics"][0]["start"] += 1
    with pytest.raises(FiguresError, match=r"metrics\[0\]\.start: .* not where the quote starts"):
        load(factories.write(tmp_path, doc))


def test_types_carry_keywords_and_the_file_a_glossary(tmp_path):
    doc = factories.document()
    doc["metric_types"][0]["keywords"] = ["指导员", "书记"]
    doc["glossary"] = [{"zh": "指导员", "en": "Instructors"}]
    ds = load(factories.write(tmp_path, doc))
    ctx = draft.context(ds, "src")
    assert ("staffing", ("指导员", "书记")) in ctx.types and ctx.glossary == {"指导员": "Instructors"}
    doc["glossary"] = [{"zh": "指导员", "english": "x"}]
    with pytest.raises(FiguresError, match=r"glossary\[0\]"):
        load(factories.write(tmp_path, doc))


# 7/ THE BENCHMARK'S SCORING


def test_the_accuracy_bench_scores_a_dataset_and_names_each_miss(tmp_path):
    from bench import draft_accuracy

    path = factories.write(tmp_path)
    r = draft_accuracy.measure(path)
    n_curated = len(factories.METRICS)
    assert r["figures"][1] == n_curated and r["figures"][0] <= n_curated
    gaps = [m for m in factories.METRICS if m["status"] in ("blank", "partial")]
    assert r["blanks_partials"] == (len(gaps), len(gaps))  # the fixture's deleted numbers are all found
    section = draft_accuracy.render(r)
    for label in draft_accuracy.LABELS.values():
        assert f"| {label} |" in section
    assert "| speed: a 20 KB text drafted |" in section
    doc = tmp_path / "bench.md"
    doc.write_text("# Bench\n", encoding="utf-8")
    draft_accuracy.write_section(section, doc)
    draft_accuracy.write_section(section, doc)  # rewriting replaces the section, never duplicates it
    assert doc.read_text(encoding="utf-8").count(draft_accuracy.BEGIN) == 1


def test_the_scan_shows_what_the_drafter_skips_as_excluded_by_a_rule_not_forgotten():
    from loaders import scan

    text = "印发《2023年工作要点》,建成12个驿站。"
    by_text = {f.text: f for f in scan.scan(text) if f.kind == "digits"}
    assert "document title" in by_text["2023"].skipped_because
    assert "the drafter skips it" in by_text["2023"].describe()
    assert by_text["12"].skipped_because is None


def test_a_text_unknown_to_the_registry_gets_sections_from_its_own_headings():
    text = "本期两地交流经验。\n北省子市:网格连民心\n全市划分网格3,260个。\n年,子市开通热线。\n南省丑市:支部建在小区\n在个小区建立*支部。\n"
    d = run(text)
    assert [p["zh"] for p in d.new_places] == ["北省子市", "南省丑市"]
    # their figures wait for the Places step, each saying which place it waits for (no placeholder id)
    waiting = " ".join(s.reason for s in d.skipped)
    assert "北省子市 is not in the registry" in waiting and "南省丑市 is not in the registry" in waiting
    assert d.proposals == []
    registered = run(
        text,
        places=[draft.PlaceInfo("zi", "北省子市", ("北省子市",)), draft.PlaceInfo("chou", "南省丑市", ("南省丑市",))],
    )
    assert proposal_at(registered, at(text, "划分网格")).city == "zi"
    assert proposal_at(registered, at(text, "个。\n"), "blank").city == "zi"  # the year slot opening the next line
    assert proposal_at(registered, at(text, "\n在"), "blank").city == "chou"


def test_one_character_keywords_match_the_unit_not_words_that_contain_them():
    (p,) = run("全年受理诉求300余件。", types=[("other", ("年",)), ("services", ("件",))]).proposals
    assert p.type == "services"


def test_repeated_paragraphs_still_get_unique_quotes_and_the_drafter_ends():
    para = "全市建成12个驿站。\n 建成12个驿站。\n"
    text = para * 3 + "到此结束。"
    d = run(text)
    assert len(d.proposals) + len(d.skipped) == 6
    for p in d.proposals:
        assert text.count(p.quote) == 1


GENRE_SENTENCES = st.lists(
    st.sampled_from(
        [
            "全市建成12个驿站",
            "配备网格员名",
            "经费不少于万元",
            "年3月",
            "年,全区启动改革",
            "化解矛盾0余件",
            "一是强化领导",
            "覆盖率达到95%",
            "受益群众2万余人次",
            "1至3名",
            "“五有”标准",
            "三级联动",
            "开通“12345”热线",
            "印发《2023年要点》",
            "北省子市:网格连民心\n",
            "南省丑市:支部建在小区\n",
            "成立4个工作组",
            "近20年",
            "35类项",
        ]
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # files
@given(GENRE_SENTENCES, st.sampled_from([",", "。", "、", "\n"]))
def test_drafted_rows_of_any_genre_text_pass_the_real_validator(tmp_path_factory, parts, sep):
    text = sep.join(parts) + "。"
    doc = factories.document()
    d = draft.draft(text, draft.Context(source="src", places=[draft.PlaceInfo("jia", "甲市", ("甲市",))]))
    rows = [p.row() for p in d.proposals if p.city == "jia"]
    doc["metrics"] = rows
    doc["cities"] = [{"id": "jia", "zh": "甲市", "en": "Jia", "level": "city"}]
    doc["sources"][0]["appearances"] = [{"place": "jia"}]
    doc["metric_types"] = [{"id": "other", "zh": "其他", "en": "Other", "description_en": "other"}]
    doc["sources"][0]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not rows:
        return
    path = factories.write(tmp_path_factory.mktemp("v"), doc, source_text=text)
    assert len(load(path).metrics) == len(rows)


def test_the_place_is_not_part_of_the_label():
    (p,) = run("甲市新建楼宇*群服务站36个。").proposals
    assert (p.city, p.label_zh) == ("jia", "楼宇党群服务站")


def test_a_quote_is_unique_even_counting_overlapping_occurrences():
    text = "全市建成12个驿站,全市建成12个驿站,全市建成12个驿站。"
    for p in run(text).proposals:
        assert text.find(p.quote) == p.start and text.find(p.quote, p.start + 1) == -1


def test_a_whole_place_word_holds_the_later_clauses_of_its_sentence_until_a_place_is_named():
    street = draft.PlaceInfo("dongjie", "东街道", ("东街道",), "street")
    c1 = draft.PlaceInfo("hehua", "荷花社区", ("荷花社区",), "community")
    c2 = draft.PlaceInfo("liuyin", "柳荫社区", ("柳荫社区",), "community")
    ctx = dict(places=[street, c1, c2], main_place="dongjie")
    # our own sentences: 全街道 in the first clause speaks for the whole sentence, not the last community named
    text = "东街道在荷花社区、柳荫社区试点，全街道共设岗位12个，招募楼栋长名，配齐调解员7名。"
    d = run(text, **ctx)
    assert {p.city for p in d.proposals} == {"dongjie"}
    # a place named after the 全X, in a later clause, is the nearer one
    text = "全街道共设岗位12个，其中柳荫社区招募楼栋长名。"
    d = run(text, **ctx)
    assert proposal_at(d, at(text, "招募楼栋长")).city == "liuyin"
    # and the next sentence is on its own again
    text = "东街道在荷花社区试点，全街道共设岗位12个。荷花社区招募楼栋长9名。"
    assert proposal_at(run(text, **ctx), at(text, "招募楼栋长")).city == "hehua"


def test_a_records_header_fields_are_no_sections_and_hold_nothing_back():
    # our own meeting record: 时间/地点/出席 lines look like "X:…" headings, but name no place
    text = (
        "东湖街道议事会会议记录\n时间:年5月8日上午\n地点:街道会议室\n出席:成员19人,缺席2人\n"
        "会议通过议题3项,新增停车位40个。\n"
    )
    d = run(text, places=[draft.PlaceInfo("donghu", "东湖街道", ("东湖街道",), "street")], main_place="donghu")
    assert proposal_at(d, at(text, "出席:成员")).city == "donghu"
    assert proposal_at(d, at(text, "时间:")).status == "blank"  # the deleted year
    assert not d.new_places
    # headings that do name places still open sections, registered or not
    text = "江西九江:新建驿站\n九江新建驿站12个。\n浙江宁波:配齐网格员\n宁波配齐网格员300名。\n"
    d = run(text, places=[], main_place=None)
    assert [n["zh"] for n in d.new_places] == ["江西九江", "浙江宁波"]
    assert "its section's place 江西九江 is not in the registry" in next(
        s.reason for s in d.skipped if s.written == "12个"
    )


def test_a_persons_origin_is_not_where_the_figures_after_it_stand():
    # our own sentences: the figures are the district's; 湖南 and 江西 say where workers come from
    hub = draft.PlaceInfo("qiaodong", "桥东区", ("桥东区",), "district")
    ctx = dict(places=[hub], main_place="qiaodong")
    for text in (
        "桥东区工友之家开放。湖南籍工人小周说,他和另外5名工友来咨询。",
        "桥东区工友之家开放。来自江西的老吴说,他和另外5名工友来咨询。",
        "桥东区工友之家开放。老吴老家在四川,他和另外5名工友来咨询。",
    ):
        d = run(text, **ctx)
        assert proposal_at(d, at(text, "另外")).city == "qiaodong", text
        assert not d.new_places
    # a place named as such still takes the figures after it
    d = run("桥东区工友之家开放。湖南长沙新建驿站5个。", **ctx)
    assert [n["zh"] for n in d.new_places] == ["湖南长沙"] and not d.proposals
