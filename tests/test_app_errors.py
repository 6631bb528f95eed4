"""The dashboard on a broken metrics file: every page lists the problems as text; an edit shows at once."""

from __future__ import annotations

import os
from pathlib import Path

import factories
import pytest
from apptest import texts
from streamlit.testing.v1 import AppTest

from loaders import FiguresError, load
from ui.registry import DEFAULT
from ui.registry import PAGES as REGISTRY

pytestmark = pytest.mark.app  # AppTest runs of the dashboard

ROOT = Path(__file__).resolve().parent.parent
PAGES = [None if p is DEFAULT else p.path for p in REGISTRY]  # None: the entry alone, at /
SCRIPT = "<script>alert(1)</script>"


def run(page: str | None = None, at: AppTest | None = None) -> AppTest:
    at = at or AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def broken(tmp_path: Path) -> tuple[Path, str]:
    """A file with three problems (one quoting a script tag); returns it and the valid text."""
    path = factories.write(tmp_path)
    good = path.read_text(encoding="utf-8")
    bad = (
        good.replace("quote: 专职书记12名", f"quote: '{SCRIPT}'")
        .replace("label_en: Centres", "label_en: Centres\n  label_en: Centers")
        .replace("city: yi", "city: atlantis", 1)
    )
    path.write_text(bad, encoding="utf-8")
    return path, good


def shown_problems(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


@pytest.fixture
def broken_file(tmp_path, monkeypatch):
    path, good = broken(tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(path))
    with pytest.raises(FiguresError) as info:
        load(path)
    assert len(info.value.problems) == 3
    return path, good, [str(p) for p in info.value.problems]


@pytest.mark.parametrize("page", PAGES, ids=[p.url for p in REGISTRY])
def test_every_page_lists_every_problem_without_a_traceback(broken_file, page):
    _, _, problems = broken_file
    at = run(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "The metrics file has problems"
    shown = shown_problems(at)
    for line in problems:
        assert line in shown.splitlines()
    assert "Traceback" not in texts(at)
    assert not at.get("plotly_chart") and not at.get("arrow_data_frame")


def test_problem_text_with_a_script_tag_is_shown_as_text(broken_file):
    at = run()
    assert SCRIPT in shown_problems(at)
    assert not [m.value for m in at.markdown if m.allow_html and "<script" in m.value]


def test_problem_page_in_chinese_keeps_the_problems(broken_file):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = "zh"
    at.run()
    assert at.title[0].value == "数据文件有错误"
    assert all(line in shown_problems(at) for line in broken_file[2])


def test_fixing_the_file_shows_the_data_on_the_next_run(broken_file):
    path, good, _ = broken_file
    at = run()
    assert at.code and at.title[0].value == "The metrics file has problems"
    path.write_text(good, encoding="utf-8")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overview" and not at.code
    assert at.get("plotly_chart")


def test_breaking_a_loaded_file_shows_the_problems_not_stale_data(tmp_path, monkeypatch):
    path = factories.write(tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(path))
    at = run()
    assert at.title[0].value == "Overview"
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("value: 12", "value: 13"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime: only the content differs
    at.run()
    assert at.title[0].value == "The metrics file has problems"
    assert "metrics[1].value: 13 does not occur in the quote" in shown_problems(at)


def city_options(at: AppTest) -> list[str]:
    return list(at.multiselect(key="w_city").options)


@pytest.mark.parametrize("same_stamp", [False, True], ids=["new-mtime", "same-mtime-and-size"])
def test_a_valid_edit_shows_on_the_next_run(tmp_path, monkeypatch, same_stamp):
    path = factories.write(tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(path))
    at = run()
    assert any(o.startswith("Jia") for o in city_options(at)), city_options(at)
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("en: Jia\n", "en: Jiz\n"), encoding="utf-8")
    if same_stamp:  # an edit within one mtime tick, or a copy that keeps the mtime (cp -p, rsync -t)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert path.stat().st_size == stat.st_size
    at.run()
    options = city_options(at)
    assert any(o.startswith("Jiz") for o in options) and not any(o.startswith("Jia") for o in options), options


def test_an_edited_source_text_is_noticed_at_once(tmp_path, monkeypatch):
    path = factories.write(tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(path))
    at = run()
    assert at.title[0].value == "Overview"
    src = tmp_path / "source" / "text.txt"
    stat = src.stat()
    src.write_text(factories.SOURCE_TEXT.replace("12名", "13名"), encoding="utf-8")
    os.utime(src, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    at.run()
    assert "sources[0].sha256: source text" in shown_problems(at)
    assert "the text changed after curation" in shown_problems(at)
