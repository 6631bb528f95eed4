"""The dashboard reads the store: an edited figure file shows at the next rerun (that source rebuilt alone), a
broken edit shows the problems page, and fixing it brings the pages back."""

from __future__ import annotations

import pytest
from apptest import open_page

from bench import synth
from loaders import store

pytestmark = pytest.mark.app


def _shown(at) -> str:
    return " ".join(df.value.astype(str).to_string() for df in at.dataframe)


def test_an_edited_figure_file_shows_at_the_next_rerun_and_a_broken_one_shows_its_problems(tmp_path, monkeypatch):
    path = synth.make(3, tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(path))
    at = open_page("data")
    assert not at.exception and "Freshly edited" not in _shown(at)
    figures = tmp_path / "figures" / "syn-0002.yaml"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace('label_en: "', 'label_en: "Freshly edited ', 1), encoding="utf-8")
    at.run()
    assert not at.exception and "Freshly edited" in _shown(at)
    assert store.ensure(path).kind == "unchanged"  # the rerun already took the edit into the store

    figures.write_text(text.replace("status: reported", "status: guessed", 1), encoding="utf-8")
    at.run()
    (listing,) = [c.value for c in at.code]
    assert "syn-0002.yaml:" in listing and ".status: " in listing  # FILE:LINE: field: message, as a page
    assert not at.exception

    figures.write_text(text, encoding="utf-8")
    at.run()
    assert not at.exception and "Freshly edited" not in _shown(at)
