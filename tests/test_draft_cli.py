"""python -m drafting draft, and the one writer of drafts: bad input, no duplicates, nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from draft_fixtures import seed_copy

from drafting import proposals as draft
from drafting import write as draft_write
from loaders.dataset import load

ROOT = Path(__file__).resolve().parent.parent
TEXT = "东省甲市:织密组织体系\n池州市建成12个驿站,发展志愿者200名,选派第一书记名。\n"


def run(*args, cwd=ROOT):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            {"add-source": "curation", "validate": "loaders", "scan": "loaders"}.get(args[0], "drafting"),
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_error_line(out) -> str:
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    return lines[0]


# 1/ BAD INPUT


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("市建成12个驿站".encode("gbk"), "not UTF-8"),
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"abc\x00\x00def", "binary"),
    ],
    ids=["gbk", "empty", "blank", "png", "nul"],
)
def test_a_text_that_cannot_be_drafted_gives_one_clear_line(tmp_path, content, message):
    f = tmp_path / "text.txt"
    f.write_bytes(content)
    assert message in one_error_line(run("draft", str(f)))


def test_an_oversized_text_is_refused(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(("建成12个驿站。" * 200_000).encode("utf-8"))
    assert "limit" in one_error_line(run("draft", str(f)))


def test_neither_a_source_nor_a_file(tmp_path):
    line = one_error_line(run("draft", str(tmp_path / "nothing.txt")))
    assert "neither a registered source id" in line and "dangjian-forum-urban-2020" in line


def test_drafts_are_never_written_into_the_entry_file(seed_without_figures):
    before = seed_without_figures.read_bytes()
    out = run(
        "draft", "dangjian-forum-urban-2020", "--file", str(seed_without_figures), "-o", str(seed_without_figures)
    )
    assert "entry file" in one_error_line(out)
    assert seed_without_figures.read_bytes() == before


def test_read_text_input_refuses_the_same_cases_in_process(tmp_path):
    f = tmp_path / "t.txt"
    f.write_bytes("建成12个驿站".encode())
    with pytest.raises(draft_write.DraftInputError, match="limit"):
        draft_write.read_text_input(f, max_bytes=10)
    with pytest.raises(draft_write.DraftInputError, match="folder"):
        draft_write.read_text_input(tmp_path)


# 2/ DRAFTING A TEXT OR A SOURCE


def test_a_text_file_is_drafted_without_registering_anything(tmp_path):
    f = tmp_path / "New Text.txt"
    f.write_text(TEXT, encoding="utf-8")
    out = run("draft", str(f))
    assert out.returncode == 0, out.stderr
    rows = yaml.safe_load(out.stdout)["metrics"]
    assert {r["source"] for r in rows} == {"new-text"}
    assert {r["city"] for r in rows} == {"chizhou"}  # named after the place the text names, not a placeholder
    by_value = {r.get("value"): r for r in rows}
    assert by_value[12]["unit"] == "个" and by_value[12]["draft"] is True
    blank = next(r for r in rows if r["status"] == "blank")
    assert blank["unit"] == "名" and "value" not in blank
    assert "skipped" in out.stderr and "第一" in out.stderr  # the ordinal is listed, not forgotten


def test_json_records_carry_the_row_keys_and_the_normalised_value(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("城阳区工作经费不少于6.5万元,受益群众2万余人次。", encoding="utf-8")
    out = run("draft", str(f), "--format", "json", "--source", "trial")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    money = next(r for r in records if r["unit"] == "万元")
    assert (money["value"], money["value_norm"], money["unit_norm"], money["qualifier"]) == (
        6.5,
        65000,
        "元",
        "at_least",
    )
    for key in ("id", "source", "city", "type", "label_zh", "label_en", "low", "high", "status", "quote"):
        assert key in money
    assert money["anchor"] is not None and money["draft"] is True and money["start"] < money["end"]
    assert money["city"] == "chengyang"  # a preview: the place's id from its name, never a placeholder


def test_a_registered_source_drafts_only_what_is_not_curated(tmp_path):
    entry = seed_copy(tmp_path)  # the seed has its figure file: JSON goes to standard output, nothing is written
    out = run("draft", "dangjian-forum-urban-2020", "--format", "json", "--file", str(entry))
    assert out.returncode == 0, out.stderr
    assert "already curated" in out.stderr
    rows = json.loads(out.stdout)
    ds = load(entry)
    curated_quotes = {m.quote for m in ds.metrics}
    assert not any(r["quote"] in curated_quotes and r.get("value") is None for r in rows if r["status"] == "blank")


# 3/ THE FIGURE FILE: VALIDATE, NEVER DUPLICATE, NEVER LOSE


@pytest.fixture
def seed_without_figures(tmp_path):
    return seed_copy(tmp_path, [])


def test_draft_writes_a_figure_file_that_validates_and_a_rerun_adds_nothing(seed_without_figures, tmp_path):
    fig = tmp_path / "figures" / "seed.yaml"
    args = ("draft", "dangjian-forum-urban-2020", "--file", str(seed_without_figures), "-o", str(fig))
    first = run(*args)
    assert first.returncode == 0, first.stderr
    rows = yaml.safe_load(fig.read_text(encoding="utf-8"))["metrics"]
    assert len(rows) > 50 and all(r["draft"] for r in rows)
    # the rows validate: the same data with the rows as its figures loads without a problem
    assert len(load(seed_copy(tmp_path / "check", rows)).metrics) == len(rows)
    before = fig.read_bytes()
    again = run(*args)
    assert again.returncode == 0, again.stderr
    assert "added 0 draft row(s)" in again.stderr and fig.read_bytes() == before


def test_a_curated_row_and_the_comments_survive_a_redraft(seed_without_figures, tmp_path):
    ds = load(seed_without_figures)
    sid = next(iter(ds.sources))
    d = draft.draft(ds.texts[sid], draft.context(ds, sid))
    reviewed = d.proposals[5].row()
    reviewed.pop("draft")
    reviewed["label_en"] = "Reviewed by hand"
    fig = tmp_path / "fig.yaml"
    fig.write_text(
        "# my notes stay\nmetrics:\n" + draft_write.dump_rows([reviewed]) + "rejected:\n"
        f"  - {{quote: {json.dumps(d.proposals[6].quote, ensure_ascii=False)}, start: {d.proposals[6].start},"
        f" value: {d.proposals[6].value if d.proposals[6].value is not None else 'null'},"
        f" status: {d.proposals[6].status}, reason: not a figure}}\n",
        encoding="utf-8",
    )
    out = run("draft", sid, "--file", str(seed_without_figures), "-o", str(fig))
    assert out.returncode == 0, out.stderr
    text = fig.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert text.startswith("# my notes stay\nmetrics:\n" + draft_write.dump_rows([reviewed]))
    ids = [r["id"] for r in data["metrics"]]
    assert len(ids) == len(set(ids)) == len(d.proposals) - 1
    assert d.proposals[6].id not in ids and "rejected by a curator" in out.stderr
    assert data["rejected"][0]["reason"] == "not a figure"


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    text = "建成12个驿站。"
    d = draft.draft(text, draft.Context(source="s", places=[draft.PlaceInfo("a", "甲", ("甲",))], main_place="a"))
    fig = tmp_path / "fig.yaml"
    fig.write_bytes(b"metrics: []\n")

    def someone_edits_while_we_validate(new_text, rows):
        fig.write_bytes(b"# edited in an editor meanwhile\nmetrics: []\n")
        return []

    with pytest.raises(draft_write.StaleFileError, match="changed on disk"):
        draft_write.write_figure_file(fig, text, d.proposals, validate=someone_edits_while_we_validate)
    assert fig.read_bytes() == b"# edited in an editor meanwhile\nmetrics: []\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.yaml"]  # no temporary file left
    with pytest.raises(draft_write.StaleFileError, match="not the version you loaded"):
        draft_write.write_figure_file(fig, text, d.proposals, expected_sha256="0" * 64)


def test_a_crash_before_the_rename_leaves_the_old_file_intact(tmp_path, monkeypatch):
    fig = tmp_path / "fig.yaml"
    fig.write_bytes(b"# old\nmetrics: []\n")
    d = draft.draft(
        "建成12个驿站。", draft.Context(source="s", places=[draft.PlaceInfo("a", "甲", ("甲",))], main_place="a")
    )

    def crash(*_):
        raise OSError("simulated crash between write and rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated"):
        draft_write.write_figure_file(fig, "建成12个驿站。", d.proposals)
    assert fig.read_bytes() == b"# old\nmetrics: []\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.yaml"]


def test_rows_that_do_not_validate_are_never_written(seed_without_figures, tmp_path):
    ds = load(seed_without_figures)
    sid = next(iter(ds.sources))
    text = ds.texts[sid]
    p = draft.draft(text, draft.context(ds, sid)).proposals[3]
    p.city = "atlantis"
    fig = tmp_path / "fig.yaml"
    fig.write_bytes(b"metrics: []\n")
    validate = draft_write.dataset_validator(seed_without_figures, fig, sid)
    with pytest.raises(
        draft_write.DraftInputError, match=r"(?s)do not validate.*fig\.yaml: metrics\[0\]\.city: unknown"
    ):
        draft_write.write_figure_file(fig, text, [p], validate=validate)
    assert fig.read_bytes() == b"metrics: []\n"


def test_a_new_file_gets_the_schema_header_and_appends_keep_the_indent(tmp_path):
    text = "建成12个驿站,发展志愿者200名。"
    d = draft.draft(text, draft.Context(source="s", places=[draft.PlaceInfo("a", "甲", ("甲",))], main_place="a"))
    fig = tmp_path / "new" / "fig.yaml"
    rep = draft_write.write_figure_file(fig, text, d.proposals[:1])
    assert rep.added == [d.proposals[0].id]
    assert fig.read_text(encoding="utf-8").startswith(draft_write.HEADER + "metrics:\n  - id: ")
    draft_write.write_figure_file(fig, text, d.proposals)
    rows = yaml.safe_load(fig.read_text(encoding="utf-8"))["metrics"]
    assert [r["id"] for r in rows] == [p.id for p in d.proposals]


def test_a_curator_adds_a_source_drafts_it_reviews_the_file_and_it_validates(tmp_path):
    """The issue's walk-through, without the pages: add-source, draft, fix labels, delete a row, accept the rest."""
    entry = seed_copy(tmp_path)
    text = tmp_path / "new.txt"
    text.write_text(
        "编者按:本期介绍广东广州、山东济宁的楼宇党建新做法。\n"
        "广东广州:楼宇党建再出发\n"
        "广州市新建楼宇*群服务站36个,选派*建指导员名,每个站点每年经费不少于万元。一是建强队伍。\n"
        "山东济宁:商圈里的红色驿站\n"
        "济宁市在商圈建成“红色驿站”12处,发展志愿者1,200余名,全年服务群众近3万人次。\n",
        encoding="utf-8",
    )
    added = run("add-source", str(text), "--id", "louyu", "--file", str(entry), "--title-zh", "楼宇", "--title-en", "B")
    assert added.returncode == 0, added.stderr
    drafted = run("draft", "louyu", "--file", str(entry))  # no -o: the source's own figure file
    assert drafted.returncode == 0, drafted.stderr
    fig = tmp_path / "figures" / "louyu.yaml"
    rows = yaml.safe_load(fig.read_text(encoding="utf-8"))["metrics"]
    by_value = {r.get("value"): r for r in rows}
    assert by_value[36]["city"] == "guangzhou" and by_value[12]["city"] == "jining"
    assert by_value[1200]["qualifier"] == "more_than" and by_value[3]["unit"] == "万人次"
    assert sum(r["status"] == "blank" for r in rows) == 2
    # review: fix the labels, delete one row, accept the rest
    wrong = rows.pop()
    for r in rows:
        r["label_en"] = r["label_en"] or f"Reviewed {r['id']}"
        del r["draft"]
    fig.write_text(
        draft_write.HEADER + "metrics:\n" + draft_write.dump_rows(rows) + "rejected:\n"
        f"  - {{quote: {json.dumps(wrong['quote'], ensure_ascii=False)}, start: {wrong['start']},"
        f" status: {wrong['status']}, value: {wrong.get('value', 'null')}, reason: not a figure}}\n",
        encoding="utf-8",
    )
    valid = run("validate", str(entry))
    assert valid.returncode == 0, valid.stderr
    ds = load(entry)
    mine = [m for m in ds.metrics if m.source == "louyu"]
    assert len(mine) == len(rows) and not any(m.draft for m in mine)
    again = run("draft", "louyu", "--file", str(entry))
    assert again.returncode == 0 and "added 0 draft row(s)" in again.stderr  # the rejected row stays rejected
