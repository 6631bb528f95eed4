"""`python -m curation add-source`: a new text registered, or a clear error and nothing written."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import factories as fx
import pytest

from curation import add_source as adding
from loaders import atomic, yamlfile
from loaders.dataset import load

ROOT = Path(__file__).resolve().parent.parent

# Our own sentences, in the genre's style: an introduction that announces two places, one with a section.
NEW_TEXT = (
    "本期邀请了甲省甲市、戊省戊市的同志交流社区治理。\n"
    "甲省甲市:让服务走进小区\n"
    "■甲市市委常委、组织部长周某某\n"
    "全市建成驿站35个,配备网格员名。\n"
)


def _tree(tmp_path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(tmp_path)): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}


@pytest.fixture
def data(tmp_path):
    path = fx.write(tmp_path)
    new = tmp_path / "new.txt"
    new.write_text(NEW_TEXT, encoding="utf-8")
    return path, new


def test_a_new_text_is_copied_byte_for_byte_pinned_and_validates(data):
    path, new = data
    before = path.read_text(encoding="utf-8")
    added = adding.add_source(path, new, "second-test", title_en="A test", published="2021-03")
    copy = path.parent / "source" / "second-test.txt"
    assert copy.read_bytes() == new.read_bytes()
    ds = load(path)
    src = ds.sources["second-test"]
    assert src.sha256 == hashlib.sha256(new.read_bytes()).hexdigest()
    assert (src.title_en, src.published, src.figures) == ("A test", "2021-03", "figures/second-test.yaml")
    assert ds.figure_files["second-test"].read_text(encoding="utf-8").endswith("metrics: []\n")
    jia = ds.appearances["second-test", "jia"]
    assert (jia.announced_as, jia.section_heading) == ("甲省甲市", "甲省甲市:让服务走进小区")
    assert (jia.speaker_zh, jia.role_zh) == ("周某某", "甲市市委常委、组织部长")
    assert ("second-test", "jia") in ds.sections
    assert added.unmatched_headings == []
    assert "戊省戊市" not in " ".join(added.summary())  # not registered: not claimed as a place
    # The curator's file is extended, not rewritten: every line before stays as it was.
    assert path.read_text(encoding="utf-8").startswith(before.split("cities:")[0].rstrip("\n"))
    assert path.read_text(encoding="utf-8").endswith(before.split("\ncities:")[1])


def test_a_heading_that_names_no_registered_place_is_reported(tmp_path, data):
    path, new = data
    new.write_text(NEW_TEXT + "戊省戊市:小事不出网格\n建成站点5个。\n", encoding="utf-8")
    added = adding.add_source(path, new, "with-unknown")
    assert added.unmatched_headings == ["戊省戊市:小事不出网格"]
    assert any("heading names no registered place" in line for line in added.summary())


def test_the_longest_place_name_wins(tmp_path, data):
    path, new = data
    doc = fx.document()
    doc["cities"].append({"id": "jia-east", "zh": "甲市东区", "en": "Jia East", "level": "district", "parent": "jia"})
    path = fx.write(path.parent, doc)
    new.write_text("甲市东区:一个街道的经验\n建成驿站8个。\n", encoding="utf-8")
    added = adding.add_source(path, new, "east")
    assert [a.place for a in added.appearances] == ["jia-east"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("社区治理调查。".encode("gbk"), "not UTF-8"),
        ("社區治理調查。".encode("big5"), "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"", "empty"),
        (b" \n\n", "empty"),
    ],
)
def test_a_text_that_is_not_a_utf8_text_writes_nothing(tmp_path, data, raw, message):
    path, new = data
    new.write_bytes(raw)
    before = _tree(tmp_path)
    with pytest.raises(adding.AddSourceError, match=message):
        adding.add_source(path, new, "bad")
    assert _tree(tmp_path) == before


def test_a_text_over_the_loaders_cap_writes_nothing(tmp_path, data, monkeypatch):
    path, new = data
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 64)
    before = _tree(tmp_path)
    with pytest.raises(adding.AddSourceError, match="larger than the limit of 64 bytes"):
        adding.add_source(path, new, "big")
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("sid", ["a/b", "..", "../x", "has space", "广州", "Upper", "", "-x", "x" * 81, "a\\b"])
def test_an_id_that_is_not_a_plain_slug_writes_nothing(tmp_path, data, sid):
    path, new = data
    before = _tree(tmp_path)
    with pytest.raises(adding.AddSourceError, match="not a plain slug"):
        adding.add_source(path, new, sid)
    assert _tree(tmp_path) == before


def test_an_id_already_taken_writes_nothing(tmp_path, data):
    path, new = data
    before = _tree(tmp_path)
    with pytest.raises(adding.AddSourceError, match="id 'src' is taken"):
        adding.add_source(path, new, "src")
    assert _tree(tmp_path) == before


def test_a_text_registered_under_another_id_writes_nothing(tmp_path, data):
    path, new = data
    new.write_text(fx.SOURCE_TEXT, encoding="utf-8")
    before = _tree(tmp_path)
    with pytest.raises(adding.AddSourceError, match="already registered as source 'src'"):
        adding.add_source(path, new, "again")
    assert _tree(tmp_path) == before


def test_a_bad_citation_field_writes_nothing(tmp_path, data):
    path, new = data
    before = _tree(tmp_path)
    with pytest.raises(adding.AddSourceError, match="published"):
        adding.add_source(path, new, "dated", published="last spring")
    assert _tree(tmp_path) == before


def test_invalid_data_is_not_extended(tmp_path, data):
    path, new = data
    path.write_text(path.read_text(encoding="utf-8").replace("quote: 专职书记12名", "quote: 专职书记13名"), "utf-8")
    before = _tree(tmp_path)
    with pytest.raises(adding.AddSourceError, match="fix them before adding a source"):
        adding.add_source(path, new, "later")
    assert _tree(tmp_path) == before


def test_an_edit_made_meanwhile_is_never_overwritten(tmp_path, data, monkeypatch):
    """Someone saves metrics.yaml while add-source validates: add-source refuses and writes nothing."""
    path, new = data
    real = adding.load
    calls = []

    def load_then_edit(p):
        calls.append(p)
        out = real(p)
        if len(calls) == 2:  # the validation of the new version
            path.write_text(path.read_text(encoding="utf-8") + "# a curator's note\n", encoding="utf-8")
        return out

    monkeypatch.setattr(adding, "load", load_then_edit)
    with pytest.raises(adding.AddSourceError, match="changed on disk"):
        adding.add_source(path, new, "racing")
    assert path.read_text(encoding="utf-8").endswith("# a curator's note\n")
    assert "racing" not in path.read_text(encoding="utf-8")
    assert not (path.parent / "source" / "racing.txt").exists()
    assert not (path.parent / "figures" / "racing.yaml").exists()


def test_a_crash_between_write_and_rename_leaves_the_old_file(tmp_path):
    target = tmp_path / "f.yaml"
    target.write_bytes(b"old\n")

    def crash(_tmp):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic.write(target, b"new\n", expected=atomic.digest(b"old\n"), before_rename=crash)
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def _cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "curation", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT)},
    )


def test_cli_registers_a_text_and_prints_the_places(tmp_path, data):
    path, new = data
    run = _cli("add-source", str(new), "--id", "cli-test", "--file", str(path), "--title-zh", "测试", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "registered cli-test" in run.stdout and "place jia: section" in run.stdout
    assert load(path).sources["cli-test"].title_zh == "测试"


def test_cli_bad_text_is_one_line_and_exit_one(tmp_path, data):
    path, new = data
    new.write_bytes("政府工作报告".encode("gbk"))
    run = _cli("add-source", str(new), "--id", "gbk", "--file", str(path), cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "not UTF-8" in run.stderr
