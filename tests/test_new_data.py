"""A curator adds a valid figure, and a new source through add-source, drafted and its drafts accepted: the whole fast
tier still passes on the data with them (no test is pinned to today's totals or to one source). The fast tier
reruns in a subprocess with $METRICS_FILE pointing at a copy of data/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from curation import add_source, figure_file
from drafting import write as draft_write
from loaders import bundle, load

ROOT = Path(__file__).resolve().parent.parent
EXTRA = {
    # a second figure on a sentence another figure already quotes, of another metric type, in Guangzhou
    "id": "gz-extra-figure-for-the-new-data-test",
    "source": "dangjian-forum-urban-2020",
    "city": "guangzhou",
    "type": "other",
    "label_zh": "行业党委(测试用新增数据)",
    "label_en": "Industry Party committees (a figure added by the new-data test)",
    "value": 18,
    "unit": "个",
    "status": "reported",
    "quote": "成立律师、注册会计师、物业服务、社会工作等18个行业*委",
    "anchor": "社会工作等",
}


# A second text, our own sentences in the genre's style: a section for Guangzhou, a count and a deleted number.
NEW_TEXT = (
    "本期关注广东广州的社区服务。\n广东广州:社区里的新变化\n调查显示,全市新建*群服务驿站35个,每个驿站配备专职人员名。\n"
)
CURATOR_LABELS = {"党群服务驿站": "Party-mass service stations"}
"""The English labels a curator types while accepting drafts the glossary could not label."""


def with_extra_figure(tmp_path: Path) -> Path:
    """A copy of data/ whose seed figure file has one more valid figure, as a curator adds it; the entry's path."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".history"))
    path = data / "metrics.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    seed = next(s for s in doc["sources"] if s["id"] == EXTRA["source"])
    figures = data / seed["figures"]
    figures.write_text(figures.read_text(encoding="utf-8") + figure_file.rows_text([EXTRA]), encoding="utf-8")
    return path


def with_new_source(tmp_path: Path) -> Path:
    """with_extra_figure(), plus a source registered by add-source, as the README says, drafted by the drafter
    and every draft accepted as the Curate page accepts it (draft and reason gone, an English label typed)."""
    path = with_extra_figure(tmp_path)
    text = tmp_path / "new.txt"
    text.write_text(NEW_TEXT, encoding="utf-8")
    added = add_source.add_source(path, text, "new-data-test-source", title_en="A source added by the new-data test")
    assert [a.place for a in added.appearances if a.has_section] == ["guangzhou"]
    _, report, held = draft_write.draft_source(load(path), "new-data-test-source", path)
    assert len(report.added) == 2 and not held  # the count and the deleted number
    rows = figure_file.read(added.figures_file).metrics
    accepted = [
        {
            **{k: v for k, v in r.items() if k not in ("draft", "reason")},
            "label_en": r.get("label_en") or CURATOR_LABELS[r["label_zh"]],
        }
        for r in rows
    ]
    added.figures_file.write_text(figure_file.render(accepted), encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_fast_tier_passes_on_the_data_with_one_more_figure_and_one_more_source(tmp_path):
    path = with_new_source(tmp_path)
    grown, today = bundle.build(path), bundle.build(ROOT / "data" / "metrics.yaml")
    assert len(grown.frame) == len(today.frame) + 1 + 2 and EXTRA["id"] in set(grown.frame["id"])
    assert len(grown.sources) == len(today.sources) + 1
    env = {**os.environ, "METRICS_FILE": str(path)}
    cmd = [sys.executable, "-m", "pytest", "-x", "--tb=short", "-p", "no:cacheprovider", "--ignore=tests/browser"]
    cmd += ["-m", "(unit or app) and not slow", "--hypothesis-profile=fast"]
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert f"real data: {path}" in run.stdout  # the tier ran on the copy, not on data/
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
