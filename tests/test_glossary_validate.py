"""`python -m loaders validate` checks the learnt glossary (glossary.yaml beside the metrics file) too.

The drafter and the Curate page read it: a broken entry would silently drop a label's English, and stop every
save from learning. Its problems come as every data file's do: `FILE:LINE: glossary[i].field: message`.
"""

from __future__ import annotations

import os

import factories
import pytest

from loaders import glossary as learnt
from loaders.__main__ import main


def _validate(metrics, capsys) -> tuple[int, str, list[str]]:
    code = main(["validate", str(metrics)])
    out = capsys.readouterr()
    problems = [line for line in out.err.splitlines() if ": " in line and "problem" not in line.split(": ")[0]]
    return code, out.out, problems


def _glossary(tmp_path, text: str | bytes):
    metrics = factories.write(tmp_path)
    path = learnt.path_for(metrics)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return metrics, path


def test_a_sound_glossary_and_no_glossary_at_all_both_validate(tmp_path, capsys):
    metrics = factories.write(tmp_path)
    code, out, problems = _validate(metrics, capsys)
    assert (code, problems) == (0, []) and "no problems" in out  # a dataset that never learnt has no glossary yet
    learnt.path_for(metrics).write_text(
        "# learnt\nglossary:\n- zh: 网格员\n  en: Grid workers\n- zh: 慰问金\n  en: Relief funds\n", encoding="utf-8"
    )
    code, out, problems = _validate(metrics, capsys)
    assert (code, problems) == (0, []) and "no problems" in out


def test_every_bad_entry_is_reported_by_file_line_and_field(tmp_path, capsys):
    text = (
        "glossary:\n"  # 1
        "- zh: 网格员\n"  # 2: en missing
        "- zh: 慰问金\n"  # 3
        "  en: Relief funds\n"  # 4
        "- zh: 驿站\n"  # 5
        "  en: Stations\n"  # 6
        "  note: learnt twice\n"  # 7: a key entries do not have
        "- zh: 志愿者\n"  # 8
        "  en: '   '\n"  # 9: only spaces
        "- zh: 慰问金\n"  # 10: the same Chinese label again
        "  en: Condolence money\n"  # 11
    )
    metrics, path = _glossary(tmp_path, text)
    code, _, problems = _validate(metrics, capsys)
    assert code == 1
    where = [p.split(": ", 2)[:2] for p in problems]
    assert where == [
        [f"{path}:2", "glossary[0].en"],
        [f"{path}:7", "glossary[2].note"],
        [f"{path}:9", "glossary[3].en"],
        [f"{path}:10", "glossary[4].zh"],
    ]
    assert "already in glossary[1] (line 3)" in problems[3]
    assert learnt.read(metrics).entries == {"慰问金": "Relief funds"}  # the first one: nothing silently replaced


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("glossary:\n- zh: 网格员\n\ten: Grid workers\n", 3, "invalid YAML"),  # a tab for indentation
        ("glossary:\n  zh: 网格员\n  en: Grid workers\n", 1, "expected a list `glossary:`"),  # a mapping, no list
        ("glosary:\n- zh: 网格员\n  en: Grid workers\n", 1, "unknown key"),  # misspelt: nothing would be read
        ("# nothing learnt\n", None, "the file is empty"),
        (b"glossary:\n- zh: \xcd\xf8\xb8\xf1\n  en: Grid\n", 2, "not UTF-8"),  # GBK bytes
    ],
)
def test_a_glossary_that_cannot_be_read_as_entries_fails_validate(tmp_path, capsys, text, line, says):
    metrics, path = _glossary(tmp_path, text)
    code, _, problems = _validate(metrics, capsys)
    assert code == 1
    assert problems and problems[0].startswith(f"{path}:{line}: " if line else f"{path}: ")
    assert says in problems[0]


def test_a_glossary_that_is_a_symbolic_link_is_refused(tmp_path, capsys):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("glossary:\n- zh: 网格员\n  en: Grid workers\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    metrics = factories.write(data)
    os.symlink(outside, learnt.path_for(metrics))
    code, _, problems = _validate(metrics, capsys)
    assert code == 1 and "symbolic link" in problems[0]
    assert learnt.read(metrics).entries == {}  # the drafter does not read it either


def test_figure_and_glossary_problems_are_reported_together(tmp_path, capsys):
    doc = factories.document()
    doc["metrics"][1]["quote"] = "这句不在原文中"
    metrics = factories.write(tmp_path, doc)
    learnt.path_for(metrics).write_text("glossary:\n- en: Grid workers\n", encoding="utf-8")
    code, _, problems = _validate(metrics, capsys)
    assert code == 1
    fields = [p.split(": ", 2)[1] for p in problems]
    assert "metrics[1].quote" in fields and "glossary[0].zh" in fields
