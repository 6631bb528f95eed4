"""Whatever the file holds, load() returns a Dataset or raises FiguresError, never anything else."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import factories
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import Dataset, FiguresError, load, store

ROOT = Path(__file__).resolve().parent.parent
REAL = (ROOT / "data" / "metrics.yaml").read_text(encoding="utf-8")
FORMAT = re.compile(r"^\S+?(:\d+)?: ")
EXAMPLES = 150 if settings.get_current_profile_name() != "fast" else settings().max_examples
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Path:
    """metrics.yaml in a copy of data/source (plus the factory's source): each example overwrites it."""
    work = tmp_path_factory.mktemp("property")
    shutil.copytree(ROOT / "data" / "source", work / "source")
    shutil.copytree(ROOT / "data" / "figures", work / "figures", ignore=shutil.ignore_patterns(".history"))
    (work / "source" / "text.txt").write_text(factories.SOURCE_TEXT, encoding="utf-8")
    return work / "metrics.yaml"


def check(target: Path, data: bytes) -> None:
    target.write_bytes(data)
    with contextlib.suppress(FiguresError):  # the store's check of a file raises nothing but the problems either
        store.ensure(target)
    try:
        out = load(target)
    except FiguresError as err:
        lines = [str(p) for p in err.problems]
        assert lines, "a FiguresError without problems"
        for line in lines:
            assert FORMAT.match(line), line
            assert "\n" not in line and "\r" not in line, repr(line)
    else:
        assert isinstance(out, Dataset)


# 1/ random YAML documents, random text, random bytes

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
keys = st.sampled_from(["sources", "cities", "metric_types", "indicators", "metrics", "id", "value", "quote"]) | (
    st.text(max_size=10)
)
documents = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=6), max_leaves=40
)


@SETTINGS
@given(documents, st.booleans())
def test_random_yaml_documents(target, doc, unicode):
    check(target, yaml.safe_dump(doc, allow_unicode=unicode).encode("utf-8"))


@SETTINGS
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_random_text_and_bytes(target, raw):
    check(target, raw.encode("utf-8") if isinstance(raw, str) else raw)


# 2/ plausible files: the factory document with random values in random fields

FIELDS = ["id", "source", "city", "type", "indicator", "value", "low", "high", "unit", "qualifier", "status"]
FIELDS += ["quote", "anchor", "digits_shown", "label_en", "note", "has_section", "section_heading", "sha256"]


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["sources", "cities", "metric_types", "indicators", "metrics"]),
            st.integers(0, 12),
            st.sampled_from(FIELDS),
            scalars | st.lists(scalars, max_size=2) | st.sampled_from(["blank", "range", "jia", "12", "", "*"]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_factory_document_with_random_fields(target, changes):
    doc = factories.document()
    for section, i, field, value in changes:
        rows = doc[section]
        if rows:
            rows[i % len(rows)][field] = value
    check(target, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8"))


# 3/ the real file, damaged the way editors and merges damage files


@st.composite
def damaged(draw) -> str:
    lines = REAL.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "dedent", "truncate", "char"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            pos = draw(st.integers(0, len(lines[i])))
            junk = draw(
                st.text(min_size=1, max_size=5) | st.sampled_from([":", "- ", "&a ", "*a", "!!", "'", '"', "\t"])
            )
            lines[i] = lines[i][:pos] + junk + lines[i][pos:]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif op == "truncate":
            cut = sum(len(x) for x in lines[:i]) + draw(st.integers(0, len(lines[i])))
            return "".join(lines)[:cut]
        else:
            pos = draw(st.integers(0, max(len(lines[i]) - 1, 0)))
            lines[i] = lines[i][:pos] + draw(st.characters()) + lines[i][pos + 1 :]
    return "".join(lines)


@SETTINGS
@given(damaged())
def test_damaged_real_file(target, text):
    check(target, text.encode("utf-8"))


def test_the_undamaged_files_load(target):
    """The harness is sound: the real file and the factory file, written the same way, load."""
    check(target, REAL.encode("utf-8"))
    assert len(load(target).metrics) > 90
    check(target, yaml.safe_dump(factories.document(), allow_unicode=True).encode("utf-8"))
    assert len(load(target).metrics) == len(factories.METRICS)
