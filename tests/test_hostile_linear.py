"""Issue 22's last target: the steps a curator runs on a long text stay linear, with the same results as before.

The fast code is checked against plain twins (tests/oracles.py) on texts of our own; speed itself is measured by
bench/hostile.py, not timed here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.proposals import QUOTE_MAX
from loaders import dataset, quotes, scan
from loaders.dataset import load
from loaders.models import Figure, Source
from loaders.problems import FiguresError
from loaders.quotes import Index, Once, locate, occurrences, occurs_once
from tests import factories, oracles
from tests.draft_fixtures import run
from tests.test_page_curate import _click, _decide, _open, cd, data  # noqa: F401 - data: the fixture
from views import curate as curate_view
from views import highlight

STATUSES = ("reported", "blank", "partial", "missing_section")


@st.composite
def text_and_marks(draw):
    text = draw(st.text(alphabet="甲乙丙\n<&\u202e1", min_size=1, max_size=40))
    n = len(text)
    ms = []
    for i in range(draw(st.integers(0, 5))):
        s = draw(st.integers(0, n - 1))
        e = draw(st.integers(s + 1, n))
        at = draw(st.integers(s, e))
        z = draw(st.integers(at, e))
        ms.append(highlight.Mark(f"f{i}", s, e, at, z, draw(st.sampled_from(STATUSES)), f"标签 [f{i}]"))
    span = None
    if draw(st.booleans()):
        lo = draw(st.integers(0, n - 1))
        span = (lo, draw(st.integers(lo + 1, n)))
    return text, ms, span, draw(st.sampled_from([None, "f0", "f1"]))


@settings(max_examples=300, deadline=None)
@given(text_and_marks())
def test_linear_render_draws_exactly_the_html_of_the_interval_by_interval_render(case):
    text, ms, span, selected = case
    assert highlight.render(text, ms, selected, span) == oracles.highlight_render(text, ms, selected, span)


@settings(max_examples=200, deadline=None)
@given(text_and_marks())
def test_segments_give_each_interval_the_marks_covering_it_in_their_order(case):
    text, ms, span, _ = case
    for seg in highlight.segments(text, ms, span):
        clipped = highlight._clip(ms, *(span or (0, len(text))))
        assert seg.marks == tuple(m for m in clipped if m.start <= seg.start and seg.end <= m.end)


def test_a_text_of_many_short_lines_keeps_every_line_break_and_its_one_mark():
    text = "第一行\n" * 5000 + "建成12个驿站。\n"
    at = text.index("12")
    m = highlight.Mark("x", at - 2, at + 6, at, at + 2, "reported", "驿站 [x]")
    out = highlight.render(text, [m])
    assert out.count("</p>\n<p>") == text.count("\n")
    assert out.count('id="fig-x"') == 1 and out.count('data-fig="x"') == 3  # before, the number, after


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab。", min_size=1, max_size=30), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30))))
def test_once_answers_as_occurs_once_whatever_was_asked_before(text, spans):
    for index_min in (quotes.INDEX_MIN, 0):  # by search, then by the index of a "long" text
        saved, quotes.INDEX_MIN = quotes.INDEX_MIN, index_min
        try:
            once = Once(text)  # one checker, many questions: what it remembers never changes an answer
            for a, b in spans:
                s, e = min(a, b, len(text)), min(max(a, b), len(text))
                assert once(s, e) == (occurs_once(text, text[s:e]) and text.find(text[s:e]) == s)
        finally:
            quotes.INDEX_MIN = saved


def test_a_number_in_repeated_prose_gets_no_quote_and_a_reason_and_one_set_apart_gets_its_own():
    block = "社区服务持续推进，群众满意。建成12个驿站。"
    text = block * 300 + "另外新建了7个书屋。" + block * 300
    d = run(text)
    assert next(p.quote for p in d.proposals if p.value == 7) == "另外新建了7个书屋"
    assert all(occurs_once(text, p.quote) and "7个书屋" in p.quote for p in d.proposals if p.value == 12)
    first = next(s for s in d.skipped if s.start == text.index("12"))  # far from the one sentence set apart
    assert first.reason == f"no quote around it is unique within {QUOTE_MAX} characters"


def test_chinese_numerals_count_as_numbers_for_the_scan_limit():
    assert scan.number_count("第一节，第二十节，建成12个驿站、3.5公里。") == 4  # 一, 二十, 12, 3.5


def test_the_curate_page_says_the_scan_stopped_at_chinese_numerals_too():
    message = curate_view.tr("curate_uncovered_too_many", "en", n="493,447", m=f"{scan.MAX_NUMBERS:,}")
    assert "493,447 numbers (digits and Chinese numerals" in message and "Split the text" in message
    assert "中文数字" in curate_view.tr("curate_uncovered_too_many", "zh", n="493,447", m=f"{scan.MAX_NUMBERS:,}")


def test_drafting_a_text_of_too_many_chinese_numerals_stops_with_the_message_of_too_many_numbers(monkeypatch):
    from drafting import proposals
    from drafting.write import DraftInputError

    monkeypatch.setattr(proposals, "MAX_PROPOSALS", 4)  # reads at most 40 numbers
    run("第一节，" * 40)  # at the limit: read (ordinals, skipped)
    with pytest.raises(DraftInputError, match="this text has 41 numbers; drafting stops at 4; split it"):
        run("第一节，" * 41)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab。", min_size=9, max_size=400), st.lists(st.tuples(st.integers(0, 400), st.integers(1, 40))))
def test_the_index_locates_a_quote_as_a_search_does(text, asks):
    index = Index(text)
    for a, n in asks:
        q = text[min(a, len(text) - 1) :][:n]
        assert locate(text, q, index) == (text.find(q), occurrences(text, q))
    assert locate(text, "。。。。。。。。。。", index) == (text.find("。" * 10), occurrences(text, "。" * 10))


def test_a_long_text_with_many_quotes_validates_through_the_index_with_the_searchs_messages(monkeypatch):
    monkeypatch.setattr(quotes, "INDEX_MIN", 10)  # every text is long: the index answers
    texts = {}
    for sid in ("idx",):
        texts[sid] = "".join(f"第{i}段,建成{i * 7}个驿站。" for i in range(1, 60)) + "建成7个驿站。"
    v = dataset._Validator.__new__(dataset._Validator)
    v.quotes_asked, v.indexes = {}, {}
    asked = [v.index("idx", texts["idx"]) for _ in range(40)]
    assert asked[0] is None and isinstance(asked[-1], quotes.Index)  # built once many quotes are asked
    ix = asked[-1]
    text = texts["idx"]
    for q in ("建成14个驿站", "建成7个驿站", "没有这一句话的文本"):
        assert quotes.locate(text, q, ix) == (text.find(q), occurrences(text, q))
    assert quotes.locate(text, "建成7个驿站", ix)[1] == 2  # the repeated one keeps its count for the message


# Labels and notes: control characters and bidirectional overrides refused, as in titles and citations
RLO, BEL = "\u202e", "\x07"


@pytest.mark.parametrize(
    ("section", "field", "value", "shown"),
    [
        ("metrics", "label_zh", f"驿站{RLO}数", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("metrics", "label_en", f"Stations{BEL}", "U+0007"),
        ("metrics", "note", f"see {RLO}exe.txt", "U+202E"),
        ("sources", "notes_en", "a note\u2067 isolated", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ],
)
def test_hidden_characters_in_labels_and_notes_are_refused_at_their_line(tmp_path, section, field, value, shown):
    doc = factories.document()
    doc[section][0][field] = value
    path = factories.write(tmp_path, doc)
    with pytest.raises(FiguresError) as err:
        load(path)
    where = f"{section}[0].{field}"
    line = next(p for p in str(err.value).splitlines() if where in p)
    want = factories.line_of(path, f"{field}:", after=f"{section}:")
    assert line.startswith(f"{path}:{want}: {where}: ") and shown in line and "refused" in line


def test_a_note_may_break_lines_and_hold_tabs():
    doc = factories.document()
    doc["metrics"][0]["note"] = "first line\n\tsecond line"
    doc["sources"][0]["notes_zh"] = "第一行\n第二行"
    Figure.model_validate(doc["metrics"][0])
    Source.model_validate(doc["sources"][0])


# The list of uncovered numbers: at most UNCOVERED_SHOWN actions, and a line saying how many more


def test_the_uncovered_list_is_cut_with_the_count_of_the_rest():
    found = [object() for _ in range(curate_view.UNCOVERED_SHOWN + 7)]
    s = curate_view.Summary({}, found, 0, [])
    shown, more = curate_view.uncovered_shown(s)
    assert shown == found[: curate_view.UNCOVERED_SHOWN] and more == 7
    assert curate_view.uncovered_shown(curate_view.Summary({}, found[:3], 0, [])) == (found[:3], 0)


@pytest.mark.app
@pytest.mark.usefixtures("data")
def test_the_curate_page_lists_the_first_uncovered_numbers_and_says_how_many_more(monkeypatch):
    at = _open(layout="focus")
    _decide(at, "fxc-grid-workers", "rejected", "wrong span of the text")
    _decide(at, "fxc-people", "rejected", "wrong span of the text")
    _click(at, "curate_save_btn")
    monkeypatch.setattr(curate_view, "UNCOVERED_SHOWN", 1)
    at.run()
    assert {m.label: m.value for m in at.metric}["Uncovered numbers"] == "2"  # counted in full
    makes = [b for b in at.button if str(b.key).startswith("curate_make_digits_")]
    assert [b.key for b in makes] == [f"curate_make_digits_{cd.TEXT.index('45')}"]  # the first, in text order
    assert any("… and 1 more, not listed here: the list shows the first 1" in c.value for c in at.caption)


def test_redrafting_through_the_index_holds_and_adds_the_rows_a_search_does(monkeypatch):
    from drafting import write as draft_write

    text = "".join(f"第{i}段,建成{i * 7}个驿站,配备网格员{i + 3}名。" for i in range(1, 40)) + "建成7个驿站。"
    d = run(text)
    existing = [p.row() for p in d.proposals[::2]]  # a curated half, with rows whose quote repeats or is missing
    existing += [{**existing[0], "id": "again", "quote": "建成7个驿站"}, {**existing[1], "id": "gone", "quote": "无"}]
    existing += [{**existing[2], "id": "no-quote", "quote": None}]
    assert len(existing) > 32
    by_search = draft_write.new_rows(text, d.proposals, existing, [])
    monkeypatch.setattr(quotes, "INDEX_MIN", 0)
    assert draft_write.new_rows(text, d.proposals, existing, []) == by_search
    assert by_search[0] and len(by_search[0]) < len(d.proposals)  # some held, some new: both cases exercised


# A long text on the Curate page: a window around the row in focus, and the page says which part it shows


def test_a_long_text_is_drawn_around_the_row_in_focus_and_says_which_part(tmp_path, monkeypatch):
    from curation import review as curation

    metrics, sid = cd.make(tmp_path)
    sheet = curation.open_sheet(metrics, sid)
    result = curation.check(sheet)
    r = curate_view.begin(sheet)
    whole = curate_view.text_html(r, result, "en", "fxc-people")
    assert "text-window" not in whole and 'id="fig-fxc-stations"' in whole  # short: drawn whole
    monkeypatch.setattr(curate_view, "TEXT_WINDOW", 20)
    out = curate_view.text_html(r, result, "en", "fxc-people")
    n = len(sheet.text)
    assert f"This text is long ({n:,} characters): shown are characters" in out
    assert 'id="fig-fxc-people"' in out and "2000" in out  # the row in focus, whole
    assert 'id="fig-fxc-stations"' not in out  # far from it: not drawn, but still a row of the sheet
    assert "fxc-stations" in {row["id"] for row in curation.records(sheet)}
    opening = curate_view.text_html(r, result, "zh", None)
    assert "此文本较长" in opening and 'id="fig-fxc-stations"' in opening  # no focus: the opening
