"""Lines of deep locations are found on demand, and agree with a full index built while reading."""

from __future__ import annotations

import pytest

from loaders import yamlfile

pytestmark = pytest.mark.unit

TEXT = """# figures
metrics:
  - id: a
    quote: "共建成站点3个"
    value: 3
  - id: b
    quote: >-
      全市配备指导员名
    tags:
      - one
      - two
rejected:
  - id: c
"""


def test_a_deep_location_gets_the_line_of_its_key_as_a_full_index_would():
    doc = yamlfile.parse(TEXT, "f.yaml")
    full = yamlfile.parse(TEXT, "f.yaml", depth=yamlfile.MAX_DEPTH)
    assert ("metrics", 1, "quote") not in doc.lines  # only figures' lines while reading
    assert doc.line(("metrics", 1)) == 6
    assert doc.line(("metrics", 1, "quote")) == 7
    assert doc.line(("metrics", 1, "tags", 1)) == 11
    assert doc.line(("metrics", 0, "value")) == 5
    assert doc.lines == full.lines and doc.data == full.data


def test_a_duplicate_key_names_both_lines_at_any_depth():
    text = "metrics:\n  - id: a\n    value: 1\n    id: b\n"
    doc = yamlfile.parse(text, "f.yaml")
    assert [p.line for p in doc.problems] == [4]
    assert "lines 2 and 4" in doc.problems[0].message
