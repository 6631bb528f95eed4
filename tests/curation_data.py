"""A dataset for the Curate tests: the two-source fixture plus a new text registered through add-source,
whose figure file holds drafted proposals (as the drafter writes them). Our own sentences, not an article."""

from __future__ import annotations

import shutil
from pathlib import Path

from curation import add_source, figure_file

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "many_sources"
SOURCE = "fx-brief"
TEXT = (
    "东街道社区工作简报\n"
    "今年甲市东街道新建党群服务驿站6个,配备网格员45名,发放慰问金3.5万元。"
    "全街道共组建志愿服务队个,开展活动120余次,参与群众近2000人次。\n"
)


def _draft(rid, type_, label_zh, quote, *, value=None, unit=None, qualifier=None, status="reported", anchor=None):
    start = TEXT.index(quote)
    row = {
        "id": rid,
        "source": SOURCE,
        "city": "dong",
        "type": type_,
        "label_zh": label_zh,
        "label_en": "",
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "status": status,
        "quote": quote,
        "anchor": anchor,
        "start": start,
        "end": start + len(quote),
        "draft": True,
        "reason": "fixture proposal",
    }
    return {k: v for k, v in row.items() if v is not None}


DRAFTS = [
    _draft("fxc-stations", "service_centers", "党群服务驿站", "新建党群服务驿站6个", value=6, unit="个"),
    _draft("fxc-grid-workers", "staffing", "网格员", "配备网格员45名", value=45, unit="名"),
    _draft("fxc-relief", "funding", "慰问金", "发放慰问金3.5万元", value=3.5, unit="万元"),
    _draft(
        "fxc-teams",
        "organizations",
        "志愿服务队",
        "共组建志愿服务队个",
        unit="个",
        status="blank",
        anchor="共组建志愿服务队",
    ),
    _draft(
        "fxc-activities", "services_delivered", "活动", "开展活动120余次", value=120, unit="次", qualifier="more_than"
    ),
    _draft(
        "fxc-people",
        "services_delivered",
        "参与群众",
        "参与群众近2000人次",
        value=2000,
        unit="人次",
        qualifier="at_most",
    ),
]


def make(tmp_path: Path, *, drafts: list[dict] | None = None) -> tuple[Path, str]:
    """A copy of the fixture in tmp_path/data with SOURCE registered and drafted; returns (metrics file, id)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    text = tmp_path / "brief.txt"
    text.write_text(TEXT, encoding="utf-8")
    metrics = data / "metrics.yaml"
    added = add_source.add_source(metrics, text, SOURCE, title_en="Fixture brief of East Subdistrict")
    rows = DRAFTS if drafts is None else drafts
    added.figures_file.write_text(figure_file.render(rows), encoding="utf-8")
    return metrics, SOURCE
