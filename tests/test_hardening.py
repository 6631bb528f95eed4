"""Hostile or clumsy input: every case ends in one FiguresError whose lines name file, line and field."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import factories
import pytest

from loaders import Dataset, FiguresError, load, yamlfile

ROOT = Path(__file__).resolve().parent.parent
FORMAT = re.compile(r"^\S+?(:\d+)?: ")


def good_text(tmp_path: Path) -> str:
    return factories.write(tmp_path).read_text(encoding="utf-8")


def problems(path: Path) -> list[str]:
    """The lines a curator reads for this file (fails the test if the file loads)."""
    with pytest.raises(FiguresError) as info:
        load(path)
    lines = [str(p) for p in info.value.problems]
    assert lines and all(FORMAT.match(line) and "\n" not in line for line in lines), lines
    return lines


def write_text(tmp_path: Path, text: str) -> Path:
    path = factories.write(tmp_path)
    path.write_text(text, encoding="utf-8")
    return path


def with_row_change(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """Edit metrics[1] (jia-secretaries) of the valid factory file; return the path and the first edited line."""
    text = good_text(tmp_path)
    start = text.index("- id: jia-secretaries")
    end = text.index("- id:", start + 1)
    block = text[start:end]
    assert block.count(old) == 1, old
    path = write_text(tmp_path, text[:start] + block.replace(old, new) + text[end:])
    return path, text[: start + block.index(old)].count("\n") + 1


# 1/ the file as a whole


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "# only a comment\n# and another\n", "---\n...\n"])
def test_empty_file_says_it_is_empty_and_what_is_expected(tmp_path, text):
    path = write_text(tmp_path, text)
    assert problems(path) == [
        f"{path}: the file is empty: expected a mapping with sources, cities, metric_types and metrics"
    ]


def test_invalid_yaml_names_line_and_column(tmp_path):
    text = good_text(tmp_path).replace("  label_en: Secretaries\n", "  label_en: [Secretaries\n")
    path = write_text(tmp_path, text)
    [msg] = problems(path)
    assert re.match(rf"^{re.escape(str(path))}:\d+: invalid YAML: .+ \(column \d+\)$", msg), msg


def test_tab_indentation_names_its_line(tmp_path):
    path = write_text(tmp_path, "sources:\n\t- id: x\n")
    [msg] = problems(path)
    assert msg.startswith(f"{path}:2: invalid YAML: ") and msg.endswith("(column 1); indent with spaces, not tabs")


@pytest.mark.parametrize(
    ("text", "found"), [("- sources\n- metrics\n", "list"), ("42\n", "int"), ("just words\n", "str")]
)
def test_top_level_must_be_a_mapping(tmp_path, text, found):
    path = write_text(tmp_path, text)
    assert problems(path) == [
        f"{path}:1: the file must be a mapping with keys sources, cities, metric_types, indicators, glossary, metrics; "
        f"found {found}"
    ]


def test_metrics_that_is_not_a_list(tmp_path):
    text = good_text(tmp_path)
    path = write_text(tmp_path, text[: text.index("metrics:")] + "metrics:\n  id: x\n  city: jia\n")
    line = factories.line_of(path, "metrics:")
    assert f"{path}:{line}: metrics: must be a list, found dict" in problems(path)


def test_a_row_that_is_a_string(tmp_path):
    path = write_text(tmp_path, good_text(tmp_path).replace("metrics:\n", "metrics:\n- just a sentence\n"))
    line = factories.line_of(path, "- just a sentence")
    assert f"{path}:{line}: metrics[0]: must be a mapping, found str" in problems(path)


def test_missing_and_unknown_top_level_keys(tmp_path):
    text = good_text(tmp_path).replace("metric_types:", "metric_typos:")
    path = write_text(tmp_path, text)
    line = factories.line_of(path, "metric_typos:")
    found = problems(path)
    unknown = f"{path}:{line}: metric_typos: unknown top-level key 'metric_typos'; expected one of sources, "
    assert any(p.startswith(unknown) for p in found), found
    assert f"{path}:1: missing top-level key 'metric_types'" in found


def test_duplicate_key_names_both_lines(tmp_path):
    path, _ = with_row_change(tmp_path, "label_en: Secretaries", "label_en: Secretaries\n  label_en: Chiefs")
    first = factories.line_of(path, "label_en: Secretaries")
    second = factories.line_of(path, "label_en: Chiefs")
    assert (
        f"{path}:{second}: metrics[1].label_en: duplicate key 'label_en' (lines {first} and {second}); "
        "YAML would silently keep only the last"
    ) in problems(path)


def test_duplicate_key_is_listed_before_what_it_causes(tmp_path):
    path, line = with_row_change(tmp_path, "status: reported", "status: reported\n  status: blank")
    found = problems(path)
    assert found[0] == (
        f"{path}:{line + 1}: metrics[1].status: duplicate key 'status' (lines {line} and {line + 1}); "
        "YAML would silently keep only the last"
    )
    assert any("metrics[1].value: a blank figure carries no value" in p for p in found[1:]), found


# 2/ one field of one row (metrics[1]): (line replaced, new line, field, message)
ROW_CASES = [
    ("value: 12", "valeu: 12", "valeu", "unknown key (check the spelling"),
    ("value: 12", "value: '12'", "value", "Input should be a valid number, got '12'"),
    ("value: 12", "value: １２", "value", "Input should be a valid number, got '１２'"),
    ("value: 12", "value: true", "value", "Input should be a valid number, got True"),
    ("value: 12", "value: .nan", "value", "Input should be a finite number, got nan"),
    ("value: 12", "value: .inf", "value", "Input should be a finite number, got inf"),
    ("value: 12", "value: -12", "value", "Input should be greater than or equal to 0, got -12"),
    ("value: 12", "value: !!binary MTI=", "value", "tag 'tag:yaml.org,2002:binary' is not allowed"),
    ("label_en: Secretaries", "label_en: [a, b]", "label_en", "Input should be a valid string, got a list"),
    ("label_en: Secretaries", "label_en: 12", "label_en", "Input should be a valid string, got 12"),
    ("city: jia", "city: atlantis", "city", "unknown city 'atlantis'; known cities: bing, jia, yi"),
    ("type: staffing", "type: weather", "type", "unknown type 'weather'; known metric_types: dates, funding,"),
    ("quote: 专职书记12名", "quote: 专职书记13名", "quote", "not found in source 'src': '专职书记13名'"),
    ("status: reported", "status: guessed", "status", "input should be 'reported', 'blank', 'partial' or"),
]


@pytest.mark.parametrize(("old", "new", "field", "message"), ROW_CASES, ids=[c[1] for c in ROW_CASES])
def test_row_field_problem_names_file_line_and_field(tmp_path, old, new, field, message):
    path, line = with_row_change(tmp_path, old, new)
    expected = f"{path}:{line}: metrics[1].{field}: {message}"
    found = problems(path)
    assert any(p.startswith(expected) for p in found), f"wanted {expected}…\ngot {found}"


def test_blank_with_a_value_names_the_value_line(tmp_path):
    path, _ = with_row_change(tmp_path, "status: reported", "status: blank\n  anchor: 专职书记")
    line = factories.line_of(path, "value: 12")
    assert f"{path}:{line}: metrics[1].value: a blank figure carries no value: the source gives none " in " ".join(
        problems(path)
    )


def test_duplicate_ids_name_the_first_line(tmp_path):
    text = good_text(tmp_path).replace("id: jia-secretaries", "id: jia-instructors")
    path = write_text(tmp_path, text)
    first = factories.line_of(path, "id: jia-instructors")
    second = factories.line_of(path, "id: jia-instructors", after="label_en: Instructors")
    assert f"{path}:{second}: metrics[1].id: duplicate id 'jia-instructors' (first used at line {first})" in problems(
        path
    )


def test_long_values_are_clipped_in_messages(tmp_path):
    path, line = with_row_change(tmp_path, "unit: 名", f"unit: {'名' * 5000}")
    [msg] = problems(path)
    assert msg.startswith(f"{path}:{line}: metrics[1].unit: String should have at most 20 characters")
    assert len(msg) < 300


# 3/ bytes and size


def test_non_utf8_bytes_name_line_and_offset(tmp_path):
    path = factories.write(tmp_path)
    raw = path.read_bytes().replace(b"Secretaries", b"Secr\xfftaries")
    path.write_bytes(raw)
    offset = raw.index(b"\xff")
    line = raw[:offset].count(b"\n") + 1
    assert problems(path) == [
        f"{path}:{line}: not UTF-8: byte 0xff at offset {offset} cannot be decoded; save the file as UTF-8"
    ]


def test_utf8_bom_loads(tmp_path):
    path = factories.write(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert isinstance(load(path), Dataset)


def test_control_character_names_line_and_column(tmp_path):
    path, line = with_row_change(tmp_path, "label_en: Secretaries", "label_en: Secre\x00taries")
    assert problems(path) == [
        f"{path}:{line}: invalid YAML: character U+0000 is not allowed in a YAML file (column 18)"
    ]


def test_file_over_the_cap_is_refused_before_reading(tmp_path, monkeypatch):
    path = factories.write(tmp_path)
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1000)
    size = path.stat().st_size
    assert problems(path) == [f"{path}: file is {size:,} bytes; the limit is 1,000 bytes"]


def test_the_cap_is_stated_in_mib():
    assert yamlfile.limit(yamlfile.MAX_BYTES) == "128 MiB (134,217,728 bytes)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_read_only_up_to_the_cap(monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 4096)
    assert problems(Path("/dev/zero")) == ["/dev/zero: file is larger than the limit of 4,096 bytes"]


# 4/ YAML features that attack the reader

BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
    ]
)


@pytest.mark.parametrize(
    "text",
    [
        BILLION_LAUGHS,
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
    ],
    ids=["billion-laughs", "small-fan-out"],
)
def test_alias_bomb_is_refused_quickly(tmp_path, text):
    path = write_text(tmp_path, text)
    start = time.perf_counter()
    [msg] = problems(path)
    assert time.perf_counter() - start < 2
    assert msg.startswith(f"{path}:1: aliases expand the document past ") and "refusing to expand" in msg


def test_recursive_alias_is_a_problem_not_a_crash(tmp_path):
    path = write_text(tmp_path, "sources: &s\n  - *s\ncities: []\nmetric_types: []\nmetrics: []\n")
    # libyaml gives the anchored node, not the alias, a position: the line of &s
    assert f"{path}:1: sources[0]: an alias refers to a list or mapping that contains it (a recursive alias)" in (
        problems(path)
    )


@pytest.mark.parametrize("depth", [60, 999, 5000])
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path, depth):
    path = write_text(tmp_path, "metrics: " + "[" * depth + "]" * depth + "\n")
    [msg] = problems(path)
    assert msg.startswith(f"{path}:1: ") and ("nested deeper than 50 levels" in msg or "nesting depth" in msg), msg


def test_a_refused_tag_is_one_message_not_two(tmp_path):
    path, line = with_row_change(tmp_path, "label_en: Secretaries", "label_en: !custom Secretaries")
    assert problems(path) == [
        f"{path}:{line}: metrics[1].label_en: tag '!custom' is not allowed (only plain YAML values are read)"
    ]


def test_merge_keys_are_refused(tmp_path):
    path, _ = with_row_change(tmp_path, "label_en: Secretaries", "label_en: Secretaries\n  <<: {note: x}")
    line = factories.line_of(path, "<<:")
    assert f"{path}:{line}: metrics[1]: merge keys ('<<') are not supported; write the keys out" in problems(path)


@pytest.mark.parametrize(
    "template",
    [
        'x: !!python/object/apply:os.system ["touch {marker}"]\n',
        "x: !!python/object/apply:os.system\n  args: ['touch {marker}']\n",
        "x: !!python/name:os.system\n",
        '%TAG !p! tag:yaml.org,2002:python/\n---\nx: !p!object/apply:os.system ["touch {marker}"]\n',
        'metrics:\n- !!python/object/new:subprocess.Popen [["touch", "{marker}"]]\n',
    ],
    ids=["apply", "apply-block", "name", "tag-directive", "new-in-row"],
)
def test_python_tags_are_refused_and_never_run(tmp_path, template):
    marker = Path(f"/tmp/pwned-{secrets.token_hex(8)}")
    path = write_text(tmp_path, template.format(marker=marker))
    found = problems(path)
    assert not marker.exists()
    assert any(re.search(r"tag 'tag:yaml.org,2002:python/\S+' is not allowed", p) for p in found), found
    assert all(p.startswith(f"{path}:") for p in found)


# 5/ the source text


def test_source_changed_after_curation_names_the_source_file(tmp_path):
    path = factories.write(tmp_path, source_text=factories.SOURCE_TEXT.replace("12名", "13名"))
    line = factories.line_of(path, "sha256:")
    [msg] = problems(path)
    assert msg.startswith(
        f"{path}:{line}: sources[0].sha256: source text {tmp_path / 'source' / 'text.txt'} has sha256 "
    )
    assert msg.endswith("was curated: the text changed after curation")


def test_source_path_with_a_nul_is_a_problem_not_a_crash(tmp_path):
    text = good_text(tmp_path).replace("file: source/text.txt", 'file: "source/te\\0xt.txt"')
    path = write_text(tmp_path, text)
    line = factories.line_of(path, "file:")
    assert any(
        p.startswith(f"{path}:{line}: sources[0].file: ") and "U+0000" in p  # refused by the schema (issue 22)
        for p in problems(path)
    )


# 6/ the command line


BROKEN = {
    "many-rows": lambda t: (
        t.replace("label_zh: 专职书记", "label_zh: 专职书记\n  note: [x]")
        .replace("quote: 建成7个中心", "quote: 建成8个中心")
        .replace("  label_en: Lists\n", "  label_en: Lists\n  label_en: Lists again\n")
    ),
    "invalid-yaml": lambda t: t.replace("label_en: Lists", "label_en: [Lists"),
    "alias-bomb": lambda t: BILLION_LAUGHS,
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_cli_validate_prints_every_problem_and_exits_one(tmp_path, case):
    path = write_text(tmp_path, BROKEN[case](good_text(tmp_path)))
    expected = problems(path)
    out = subprocess.run(
        [sys.executable, "-m", "loaders", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr + out.stdout
    assert out.stderr.splitlines()[1:] == expected
    assert out.stderr.startswith(f"{len(expected)} problem")
    if case == "many-rows":
        assert len(expected) == 3
