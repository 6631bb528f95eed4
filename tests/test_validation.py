"""Each validation rule, with input that must fail and the message a curator gets."""

from __future__ import annotations

import hashlib
import re

import factories
import pytest

from loaders import FiguresError, load
from loaders.dataset import metrics_path


def _metric(doc, mid):
    return next(m for m in doc["metrics"] if m["id"] == mid)


def _index(mid):
    return next(i for i, m in enumerate(factories.METRICS) if m["id"] == mid)


def errors_for(tmp_path, doc):
    path = factories.write(tmp_path, doc)
    with pytest.raises(FiguresError) as info:
        load(path)
    return path, info.value


def test_valid_fixture_loads(tmp_path):
    ds = load(factories.write(tmp_path))
    assert [m.id for m in ds.metrics] == [m["id"] for m in factories.METRICS]


# (figure id, change, field, line needle, message fragment)
RULES = [
    ("jia-secretaries", {"quote": "专职书记13名"}, "quote", "quote:", "not found in source"),
    ("jia-secretaries", {"value": 13}, "value", "value:", "13 does not occur in the quote"),
    ("jia-instructors", {"value": 5}, "value", "value:", "a blank figure carries no value"),
    ("yi-matters", {"value": 10}, "value", "value:", "a partial figure carries no value"),
    ("bing-missing", {"value": 1}, "value", "value:", "a missing_section figure carries no value"),
    ("jia-secretaries", {"city": "atlantis"}, "city", "city:", "unknown city 'atlantis'"),
    ("jia-secretaries", {"type": "weather"}, "type", "type:", "unknown type 'weather'"),
    ("jia-secretaries", {"source": "other-src"}, "source", "source:", "unknown source 'other-src'"),
    ("jia-street-floor", {"indicator": "nope"}, "indicator", "indicator:", "unknown indicator 'nope'"),
    (
        "jia-secretaries",
        {"qualifier": "range", "value": None, "low": 12, "high": 10, "quote": "专职书记12名"},
        "low",
        "low:",
        "low (12) is greater than high (10)",
    ),
    ("jia-secretaries", {"value": -12}, "value", "value:", "greater than or equal to 0"),
    ("jia-secretaries", {"value": "12"}, "value", "value:", "valid number"),
    ("jia-secretaries", {"value": float("nan")}, "value", "value:", "finite number"),
    ("jia-secretaries", {"valeu": 12}, "valeu", "valeu:", "unknown key"),
    (
        "jia-secretaries",
        {"status": "guessed"},
        "status",
        "status:",
        "'reported', 'blank', 'partial' or 'missing_section'",
    ),
    ("jia-secretaries", {"label_en": ["a", "b"]}, "label_en", "label_en:", "valid string"),
    ("jia-instructors", {"anchor": None}, "anchor", "id: jia-instructors", "required for a blank figure"),
    ("jia-instructors", {"anchor": "不在引文中"}, "anchor", "anchor:", "must occur exactly once in the quote"),
    (
        "jia-community-floor",
        {"status": "blank", "value": None, "anchor": "不少于"},
        "anchor",
        "anchor:",
        "a digit follows the anchor",
    ),
    (
        "bing-missing",
        {"status": "missing_section", "city": "jia", "quote": "甲省甲市:第一节"},
        "status",
        "status:",
        "has a section in source",
    ),
    ("yi-centers", {"city": "jia"}, "city", "city:", "lies in the section of 'yi': its place is 'yi', a place within"),
    ("jia-secretaries", {"quote": "名"}, "quote", "quote:", "occurs 2 times"),
    ("jia-secretaries", {"digits_shown": "12"}, "digits_shown", "digits_shown:", "only partial figures"),
    ("jia-secretaries", {"value": None}, "value", "id: jia-secretaries", "a reported figure needs a value"),
]


@pytest.mark.parametrize(
    ("mid", "change", "field", "needle", "message"), RULES, ids=[f"{r[2]}:{r[4][:30]}" for r in RULES]
)
def test_rule_reports_line_field_and_message(tmp_path, mid, change, field, needle, message):
    doc = factories.document()
    m = _metric(doc, mid)
    for k, v in change.items():
        if v is None:
            m.pop(k, None)
        else:
            m[k] = v
    path, err = errors_for(tmp_path, doc)
    i = _index(mid)
    line = factories.line_of(path, needle, after=f"id: {mid}")
    expected = f"{path.name}:{line}: metrics[{i}].{field}: "
    hits = [str(p) for p in err.problems if f"metrics[{i}].{field}: " in str(p) and message in str(p)]
    assert hits, f"wanted {expected}…{message}; got:\n{err}"
    assert hits[0].split(":", 1)[1].startswith(expected.split(":", 1)[1]), hits[0]


def test_a_figure_in_a_section_may_concern_a_place_within_the_sections_place(tmp_path):
    doc = factories.document()
    doc["cities"].append({"id": "yi-east", "zh": "乙市东街道", "en": "East", "level": "street", "parent": "yi"})
    doc["sources"][0]["appearances"].append({"place": "yi-east", "has_section": False})
    _metric(doc, "yi-centers")["city"] = "yi-east"  # a street of Yi, in Yi's section
    ds = load(factories.write(tmp_path, doc))
    assert next(m for m in ds.metrics if m.id == "yi-centers").city == "yi-east"
    doc["cities"].append({"id": "west", "zh": "西省", "en": "West", "level": "province"})
    doc["cities"][1]["parent"] = "west"
    doc["sources"][0]["appearances"].append({"place": "west", "has_section": False})
    _metric(doc, "yi-centers")["city"] = "west"  # the province Yi lies in, cited in Yi's section
    load(factories.write(tmp_path, doc))
    _metric(doc, "yi-centers")["city"] = "jia"  # another city is still refused
    (tmp_path / "again").mkdir()
    _path, err = errors_for(tmp_path / "again", doc)
    assert "lies in the section of 'yi'" in str(err)


def test_duplicate_id_names_first_line(tmp_path):
    doc = factories.document()
    doc["metrics"][1]["id"] = doc["metrics"][0]["id"]
    path, err = errors_for(tmp_path, doc)
    first = factories.line_of(path, "id: jia-instructors")
    assert any(
        "metrics[1].id: duplicate id 'jia-instructors'" in str(p) and f"line {first}" in str(p) for p in err.problems
    ), str(err)


def test_source_hash_mismatch_names_the_file(tmp_path):
    path = factories.write(tmp_path, source_text=factories.SOURCE_TEXT + "改")
    with pytest.raises(FiguresError) as info:
        load(path)
    msg = str(info.value)
    assert "sources[0].sha256" in msg and "text.txt" in msg and "changed after curation" in msg


def test_every_problem_is_collected_at_once(tmp_path):
    doc = factories.document()
    doc["metrics"][0]["value"] = 1
    doc["metrics"][1]["quote"] = "不存在"
    doc["metrics"][6]["city"] = "nowhere"
    doc["cities"][0]["zh"] = 5
    _, err = errors_for(tmp_path, doc)
    text = str(err)
    for fragment in ("metrics[0].value", "metrics[1].quote", "metrics[6].city", "cities[0].zh"):
        assert fragment in text
    assert text.startswith(f"{len(err.problems)} problems")
    assert all(re.match(r"^\S+:\d+: \S+: ", str(p)) for p in err.problems), text


def test_no_blank_row_carries_a_number_in_the_real_file():
    ds = load(metrics_path())
    empty = [
        m.id for m in ds.metrics if m.status != "reported" and any(v is not None for v in (m.value, m.low, m.high))
    ]
    assert empty == []
    assert sum(m.status == "blank" for m in ds.metrics) > 0


def test_curator_typo_in_quote_gives_one_message_with_line_and_field(tmp_path):
    """A curator adds a figure whose quote has a typo: one message naming the line and the field."""
    doc = factories.document()
    doc["metrics"].append(
        {
            "id": "yi-new",
            "source": "src",
            "city": "yi",
            "type": "other",
            "label_zh": "新",
            "label_en": "New",
            "value": 7,
            "unit": "个",
            "status": "reported",
            "quote": "建成7个中兴",
        }
    )
    path, err = errors_for(tmp_path, doc)
    assert len(err.problems) == 1, str(err)
    line = factories.line_of(path, "quote: 建成7个中兴")
    assert str(err.problems[0]).startswith(
        f"{path}:{line}: metrics[{len(doc['metrics']) - 1}].quote: not found in source"
    )


def test_a_quote_that_overlaps_itself_points_to_two_places(tmp_path):
    """'甲乙甲乙甲乙' holds '甲乙甲乙' twice (at 0 and 2), though str.count says once."""
    text = "全市建成12个驿站,全市建成12个驿站,全市建成12个驿站"
    doc = factories.document()
    quote = "全市建成12个驿站,全市建成12个驿站"
    doc["metrics"] = [{**factories.METRICS[1], "quote": quote, "value": 12, "unit": "个", "city": "jia"}]
    doc["sources"][0]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    doc["sources"][0]["appearances"] = [{"place": "jia"}]
    path = factories.write(tmp_path, doc, source_text=text)
    with pytest.raises(FiguresError) as exc:
        load(path)
    assert "metrics[0].quote: occurs 2 times in source 'src'" in str(exc.value)
