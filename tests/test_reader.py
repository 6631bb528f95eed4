"""loaders/reader.py: the source text as escaped HTML with overlapping highlights, gap marks and anchors."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import bundle
from loaders.filters import Filters
from views import highlight, i18n, reader
from views.i18n import GAP_MARK
from views.theme import STATUS_COLORS

GAP_RE = re.compile(r'<span class="gap"[^>]*>' + re.escape(html.escape(GAP_MARK)) + "</span>")


def plain(out: str) -> str:
    """The text a reader sees, without the gap marks the page adds."""
    return html.unescape(re.sub(r"<[^>]+>", "", GAP_RE.sub("", out)))


def mark(id_, start, end, at=None, at_end=None, status="reported", title=None) -> highlight.Mark:
    at = start if at is None else at
    return highlight.Mark(id_, start, end, at, at if at_end is None else at_end, status, title or f"label of {id_}")


class Tree(HTMLParser):
    """Collects per-figure text from <mark data-fig> elements and checks tags nest properly."""

    VOID = {"br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.by_fig: dict[str, str] = {}
        self.anchors: list[str] = []
        self.gaps = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id", "").startswith("fig-"):
            self.anchors.append(a["id"][4:])
        if a.get("class") == "gap":
            self.gaps += 1
        if tag not in self.VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        for tag, a in self.stack:
            if tag == "mark":
                for fid in a["data-fig"].split():
                    self.by_fig[fid] = self.by_fig.get(fid, "") + data


def parse(out: str) -> Tree:
    tree = Tree()
    tree.feed(out)
    tree.close()
    assert not tree.stack, f"unclosed tags: {tree.stack}"
    return tree


@pytest.fixture(scope="module")
def real():
    b = bundle.build()
    sid, text = next(iter(b.texts.items()))
    df = b.frame[b.frame["source"] == sid]
    return b, text, df, highlight.marks(df, "en")


# 1/ elementary intervals


def test_overlapping_and_nested_spans_split_into_intervals_with_their_covering_sets():
    text = "abcdefghijklmnop"
    a, b, c = mark("a", 0, 10), mark("b", 5, 15), mark("c", 7, 9)
    segs = highlight.segments(text, [a, b, c])
    got = [(s.start, s.end, sorted(m.id for m in s.marks)) for s in segs]
    assert got == [
        (0, 5, ["a"]),
        (5, 7, ["a", "b"]),
        (7, 9, ["a", "b", "c"]),
        (9, 10, ["a", "b"]),
        (10, 15, ["b"]),
        (15, 16, []),
    ]


def test_each_figure_gets_exactly_its_quote_even_when_quotes_overlap():
    text = "甲乙丙丁戊己庚辛壬癸"
    ms = [mark("a", 0, 6), mark("b", 3, 9), mark("c", 4, 5), mark("d", 3, 9)]  # d has b's very span
    tree = parse(highlight.render(text, ms))
    for m in ms:
        assert tree.by_fig[m.id] == text[m.start : m.end]


def test_real_article_every_figure_text_present_once_and_text_unchanged(real):
    b, text, df, ms = real
    out = highlight.render(text, ms)
    tree = parse(out)
    assert len(ms) == len(df) > 90
    for m in ms:
        assert tree.by_fig[m.id] == text[m.start : m.end], m.id
        assert out.count(f'id="fig-{m.id}"') == 1, m.id
    assert sorted(tree.anchors) == sorted(df["id"])
    assert plain(out) == text


def test_real_article_has_overlapping_quotes_so_the_case_is_exercised(real):
    _, text, _, ms = real
    assert any(
        len(s.marks) > 1 and {m.start for m in s.marks} != {s.marks[0].start} for s in highlight.segments(text, ms)
    )


def test_gap_mark_sits_where_the_number_was_deleted(real):
    _, text, df, ms = real
    out = highlight.render(text, ms)
    gaps = [m for m in ms if m.status in ("blank", "partial")]
    assert parse(out).gaps == len(gaps) == int(df["status"].isin(["blank", "partial"]).sum()) > 20
    # 全市共配备*建指导员【?】名: the mark comes right after the anchor text, before the unit
    one = next(m for m in ms if m.id == "gz-instructors-total")
    solo = highlight.render(text, [one])
    before = plain(solo.split('<span class="gap"')[0])
    assert before == text[: one.at]
    assert text[one.at] == "名"


def test_partial_figure_keeps_its_surviving_digits_after_the_mark(real):
    _, text, _, ms = real
    cut = next(m for m in ms if m.id == "jn-matters-resolved")
    out = highlight.render(text, [cut])
    after = out.split('<span class="gap"')[1].split("</span>", 1)[1]
    assert plain(after).startswith("0余件")


def test_text_with_no_figures_is_returned_verbatim_in_paragraphs():
    text = "第一段\n第二段 & <b>不是标签</b>\n\n第四段"
    out = highlight.render(text, [])
    assert plain(out) == text
    assert out.count("<p>") == 4
    assert "&lt;b&gt;" in out


# 2/ escaping


def test_script_in_text_quote_and_label_is_escaped():
    text = 'before <script>alert("x")</script> & after'
    m = mark("evil", 7, 33, title='<script>alert(1)</script> "quoted" & more')
    out = highlight.render(text, [m])
    assert "<script" not in out
    assert "&lt;script&gt;" in out
    assert 'title="&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more"' in out
    assert plain(out) == text
    assert parse(out).by_fig["evil"] == text[7:33]


def test_title_attribute_gives_label_and_id_on_hover(real):
    b, text, df, _ = real
    ms = highlight.marks(df, "zh")
    one = next(m for m in ms if m.id == "gz-street-funding-floor")
    assert one.title.startswith("镇(街)年度党建工作经费下限 · Minimum annual")
    assert "[gz-street-funding-floor]" in one.title and f"≥ {GAP_MARK} 万元 (原文缺失)" in one.title
    out = highlight.render(text, [one])
    assert f'title="{html.escape(one.title)}"' in out


# 3/ selection, spans, legend


def test_selected_figure_is_drawn_apart_from_the_others(real):
    _, text, _, ms = real
    out = highlight.render(text, ms, selected="cz-assist-items")
    chosen = re.findall(r'<mark data-fig="([^"]*)"[^>]*border-top:2px solid #1a202c', out)
    assert chosen and all("cz-assist-items" in ids.split() for ids in chosen)
    plain_out = highlight.render(text, ms)
    assert "border-top:2px solid #1a202c" not in plain_out


def test_span_renders_only_that_part_with_its_figures(real):
    b, text, df, ms = real
    lo, hi = b.sections["dangjian-forum-urban-2020", "jining"]
    out = highlight.render(text, ms, span=(lo, hi))
    assert plain(out) == text[lo:hi]
    inside = set(df[(df["start"] >= lo) & (df["start"] < hi)]["id"])
    assert set(parse(out).anchors) == inside
    assert "fig-gz-five-focuses" not in out


def test_legend_names_every_status_with_its_colour_and_the_gap_mark():
    out = reader.legend({"reported": 3, "blank": 2}, "en")
    for colour in STATUS_COLORS.values():
        assert colour in out
    assert "Reported (3)" in out and "Blank (number deleted) (2)" in out and "Section missing (0)" in out
    assert html.escape(GAP_MARK) in out


def test_view_keeps_the_chosen_figure_when_filters_exclude_it(real):
    b, *_ = real
    v = reader.view(b.frame, Filters(status=("reported",), id="jn-matters-resolved"), "en")
    assert v.chosen["id"] == "jn-matters-resolved" and v.chosen_filtered_out
    assert "jn-matters-resolved" in v.options
    assert v.counts["partial"] == 1 and v.counts.get("blank", 0) == 0
    assert not v.empty
    empty = reader.view(b.frame, Filters(city=("baoshan",), status=("reported",)), "en")
    assert empty.empty and empty.options == [] and empty.chosen is None


def test_details_give_label_value_as_written_status_quote_and_note(real):
    b, *_ = real
    row = b.frame[b.frame["id"] == "jn-matters-resolved"].iloc[0].to_dict()
    pairs = dict(reader.details(row, "en"))
    assert pairs["As written"] == f"> {GAP_MARK}0 件 (digits cut)"
    assert pairs["Status"] == "Partial (digits cut)"
    assert pairs["Quote"] == row["quote"]
    assert pairs["Note"] == row["note"]


# 4/ properties: any text, any spans

texts = st.text(alphabet=st.sampled_from(list("ab<>&\"'\n*中文【?】")), min_size=0, max_size=40)


@st.composite
def text_and_marks(draw):
    text = draw(texts)
    n = len(text)
    ms = []
    for i in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, max(n - 1, 0)))
        end = draw(st.integers(start, n))
        at = draw(st.integers(start, end))
        at_end = draw(st.integers(at, end))
        status = draw(st.sampled_from(list(STATUS_COLORS)))
        ms.append(mark(f"f{i}", start, end, at, at_end, status, draw(texts)))
    return text, ms


@settings(max_examples=300 if settings.get_current_profile_name() != "fast" else 50, deadline=None)
@given(text_and_marks())
def test_any_overlap_round_trips_the_text_and_anchors_each_figure_once(case):
    text, ms = case
    out = highlight.render(text, ms, selected=ms[0].id if ms else None)
    assert plain(out) == text
    tree = parse(out)
    placed = [m for m in ms if m.start < len(text)]
    assert sorted(tree.anchors) == sorted(m.id for m in placed)
    for m in placed:
        assert tree.by_fig.get(m.id, "") == text[m.start : m.end].replace("\n", "")  # a line break ends the <p>
    assert tree.gaps == sum(m.status in ("blank", "partial") for m in placed)


# 5/ one source at a time


def test_view_shows_the_chosen_figures_source_else_the_one_asked_for_else_the_first(real):
    b, *_ = real
    frame = b.frame.assign(source=b.frame["source"].where(b.frame["city"] != "jining", "other"))
    sources = ["dangjian-forum-urban-2020", "other"]
    assert reader.view(frame, Filters(), "en", sources).source == "dangjian-forum-urban-2020"
    assert reader.view(frame, Filters(source=("other",)), "en", sources).source == "other"
    assert reader.view(frame, Filters(source=("gone",)), "en", sources).source is None  # nothing to show
    chosen = reader.view(frame, Filters(id="jn-lawyers", source=("dangjian-forum-urban-2020",)), "en", sources)
    assert chosen.source == "other" and chosen.sources == ["dangjian-forum-urban-2020", "other"]
    assert chosen.n_figures == int((frame["source"] == "other").sum()) and set(chosen.labels) == set(chosen.options)
    assert set(chosen.options) == set(frame.loc[frame["source"] == "other", "id"])
    assert chosen.labels["jn-lawyers"].endswith(" · jn-lawyers") and "Lawyers" in chosen.labels["jn-lawyers"]


def test_source_html_draws_only_that_sources_figures_under_the_filters(real):
    b, text, df, ms = real
    sid = next(iter(b.texts))
    assert reader.source_html(b.frame, text, sid, Filters()) == highlight.render(text, ms)
    out = reader.source_html(b.frame, text, sid, Filters(status=("blank",), id="gz-industry-party-committees"))
    ids = set(parse(out).anchors)
    assert ids == set(df[df["status"] == "blank"]["id"]) | {"gz-industry-party-committees"}
    assert "border-top:2px solid #1a202c" in out  # the chosen figure is drawn apart
    other = reader.source_html(b.frame.assign(source="elsewhere"), text, sid, Filters())
    assert parse(other).anchors == [] and plain(other) == text


def test_source_titles_name_the_id_only_when_two_titles_are_the_same():
    sources = {
        sid: SimpleNamespace(title_en=title, title_zh="题") for sid, title in (("a", "One"), ("b", "Two"), ("c", "Two"))
    }
    assert i18n.source_titles(sources, "en") == {"a": "One", "b": "Two · b", "c": "Two · c"}
    assert i18n.source_titles({"a": sources["a"]}, "zh") == {"a": "题"}
