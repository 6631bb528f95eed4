"""A curator adds a valid figure, and a new source through add-source with its own figure file: the whole fast
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
from loaders import bundle

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


# A real-looking article, our own sentences in the genre's style (a headed section for Guangzhou, counts,
# amounts, a year, and numbers deleted as the genre deletes them): registered, drafted and accepted as a
# curator would, through add-source, the drafter and the review's own save.
NEW_TEXT = """城市基层党建的新探索
本报讯 近日,记者走访了多个城市的街道和社区,了解城市基层党建工作的新做法。
广东广州:把服务送到家门口
广州市委组织部有关负责人介绍,年以来,全市新建*群服务驿站35个,每个驿站配备专职工作人员名。
全市共组建社区志愿服务队伍1200余支,累计开展服务活动万场次,惠及居民近80万人次。
市财政每年安排社区服务经费不少于万元,重点支持老旧小区改造和“一老一小”服务。
目前,全市已有86%的社区实现党组织书记、居委会主任“一肩挑”。
"""


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
    """with_extra_figure(), plus an article registered by add-source, drafted and every proposal accepted."""
    from curation import review
    from drafting import write as draft_write
    from loaders.dataset import load

    path = with_extra_figure(tmp_path)
    text = tmp_path / "new.txt"
    text.write_text(NEW_TEXT, encoding="utf-8")
    sid = "new-data-test-source"
    added = add_source.add_source(path, text, sid, title_en="A source added by the new-data test")
    assert [a.place for a in added.appearances if a.has_section] == ["guangzhou"]
    draft_write.draft_source(load(path, only={sid}), sid, path)
    sheet = review.open_sheet(path, sid)
    drafts = [r["id"] for r in sheet.rows if r.get("draft")]
    assert len(drafts) >= 5  # the drafter found the article's numbers, deleted ones included
    named = [review.Set(r["id"], "label_en", f"Figure {k} of the new-data test") for k, r in enumerate(sheet.rows)]
    edits = [e for e in named if not sheet.row(e.id).get("label_en")]  # the curator types the missing English
    saved = review.save(review.apply(sheet, [*edits, *(review.Accept(rid) for rid in drafts)]))
    assert not any(r.get("draft") for r in saved.rows)
    return path


@pytest.mark.slow
def test_the_fast_tier_passes_on_the_data_with_one_more_figure_and_one_more_source(tmp_path):
    path = with_new_source(tmp_path)
    grown, today = bundle.build(path), bundle.build(ROOT / "data" / "metrics.yaml")
    new = grown.frame[grown.frame["source"] == "new-data-test-source"]
    assert len(grown.frame) == len(today.frame) + 1 + len(new) and EXTRA["id"] in set(grown.frame["id"])
    assert (new["status"] == "blank").any() and (new["status"] == "reported").any()
    assert len(grown.sources) == len(today.sources) + 1
    env = {**os.environ, "METRICS_FILE": str(path)}
    cmd = [sys.executable, "-m", "pytest", "-x", "--tb=short", "-p", "no:cacheprovider", "--ignore=tests/browser"]
    cmd += ["-m", "(unit or smoke) and not slow and not cli", "--hypothesis-profile=fast"]  # make test-fast's tier
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert f"real data: {path}" in run.stdout  # the tier ran on the copy, not on data/
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
