"""The one writer of figure files: what it writes reads back as the same rows, in the same order."""

from __future__ import annotations

from pathlib import Path

import curation_data as cd
from hypothesis import given, settings
from hypothesis import strategies as st

from curation import figure_file
from loaders.dataset import load

text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
scalar = st.one_of(
    text,
    st.integers(0, 10**12),
    st.floats(0, 1e9, allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.sampled_from(["yes", "no", "null", "~", "0012", "2020-06-01", "1e3", "*", "#x", "a: b", "'", "- x"]),
)
key = st.sampled_from(["id", "quote", "anchor", "value", "note", "label_zh", "draft", "start", "zz"])
rows = st.lists(st.dictionaries(key, scalar, min_size=1, max_size=6), max_size=5)


@settings(max_examples=200, deadline=None)
@given(rows, rows)
def test_rows_read_back_as_written(metrics, rejected):
    raw = figure_file.render(metrics, rejected).encode("utf-8")
    back = figure_file.parse(raw, Path("x.yaml"))
    assert back.problems == []
    assert back.metrics == [figure_file.clean(r) for r in metrics]
    assert back.rejected == [figure_file.clean(r) for r in rejected]
    for before, after in zip(metrics, back.metrics, strict=True):
        assert list(after) == [k for k in before if figure_file.clean(before).get(k) is not None]


def test_a_new_figure_file_is_the_schema_line_and_an_empty_list(tmp_path):
    figure_file.write_new(tmp_path / "x.yaml")
    assert (tmp_path / "x.yaml").read_text(encoding="utf-8") == figure_file.HEADER + "metrics: []\n"


def test_drafted_rows_written_by_it_validate(tmp_path):
    metrics, _ = cd.make(tmp_path)
    ds = load(metrics)
    assert {m.id for m in ds.metrics if m.draft} == {r["id"] for r in cd.DRAFTS}


def test_numbers_are_written_plain_and_a_nan_is_no_number():
    assert figure_file.clean({"value": 12.0, "low": float("nan"), "high": 2.5}) == {"value": 12, "high": 2.5}


@settings(max_examples=150, deadline=None)
@given(rows, rows, st.lists(st.integers(0, 9), max_size=6), st.booleans())
def test_a_splice_over_a_hand_written_file_reads_back_as_the_new_rows(old, extra, keep, comments):
    original = figure_file.render(old)
    if comments:  # a curator's comments between rows and at the end of lines
        original = original.replace("\n  - ", "\n  # a note\n  - ").replace("\n", "  # end\n", 1)
    new = [old[i] for i in keep if i < len(old)] + extra  # rows dropped, repeated, reordered, added
    out = figure_file.render_over(original, new)
    back = figure_file.parse(out.encode("utf-8"), Path("x.yaml"))
    assert back.problems == []
    assert [figure_file.clean(r) for r in back.metrics] == [figure_file.clean(r) for r in new]


def test_a_splice_keeps_an_untouched_rows_text_and_appends_new_rows_in_the_writers_style():
    original = "# top\nmetrics:\n  - id: a   # first\n    quote: 'x: y'\n  # about b\n  - id: b\n    quote: z\n"
    out = figure_file.render_over(original, [{"id": "a", "quote": "x: y"}, {"id": "c", "quote": "w"}])
    assert out == "# top\nmetrics:\n  - id: a   # first\n    quote: 'x: y'\n  # about b\n  - id: c\n    quote: w\n"


def test_a_file_not_written_as_a_block_list_is_written_afresh():
    out = figure_file.render_over("metrics: [{id: a, quote: x}]  # flow style\n", [{"id": "a", "quote": "x"}])
    assert out == "metrics:\n  - id: a\n    quote: x\n"
