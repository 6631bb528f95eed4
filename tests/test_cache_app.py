"""The dashboard loads through loaders.cache: an edited figure file shows at the next rerun, validated alone."""

from __future__ import annotations

import pytest
from apptest import open_page

from bench import synth
from loaders import dataset

pytestmark = pytest.mark.app  # AppTest runs of the dashboard


def test_an_edited_figure_file_shows_at_the_next_rerun_and_only_its_source_is_validated(tmp_path, monkeypatch):
    path = synth.make(3, tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(path))
    monkeypatch.setenv("METRICS_CACHE_DIR", str(tmp_path / "cache"))
    at = open_page("data")
    calls = []
    real = dataset.load
    monkeypatch.setattr(dataset, "load", lambda p=None, *, only=None: calls.append(only) or real(p, only=only))
    at.run()
    assert calls == []  # a rerun on unchanged data: no validation
    figures = tmp_path / "figures" / "syn-0002.yaml"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace('label_en: "', 'label_en: "Freshly edited ', 1), encoding="utf-8")
    at.run()
    assert not at.exception
    assert [sorted(c) for c in calls] == [["syn-0002"]]
    shown = at.dataframe[0].value
    assert shown.astype(str).apply(lambda col: col.str.contains("Freshly edited")).any().any()
