"""A small registry for drafter tests: places, sections, types with keywords, a glossary."""

from __future__ import annotations

from drafting import proposals as draft

TYPES = [
    ("funding", ("经费", "资金", "收入", "万元", "元")),
    ("volunteers", ("志愿者", "志愿服务队")),
    ("members", ("党员",)),
    ("service_centers", ("驿站", "服务中心", "服务站", "阵地", "平方米")),
    ("staffing", ("书记", "网格员", "楼长", "干部")),
    ("organizations", ("党委", "支部", "工作组", "级")),
    ("coverage", ("%", "覆盖")),
    ("dates", ("年份", "月份", "月")),
    ("services_delivered", ("次",)),
    ("other", ("岁", "年")),
]
PLACES = [
    draft.PlaceInfo("jia", "甲市", ("甲市", "东省甲市")),
    draft.PlaceInfo("yi", "乙市", ("乙市", "西省乙市")),
    draft.PlaceInfo("bing", "丙县", ("丙县", "南省丙县")),
]
GLOSSARY = {"行业党委": "Industry Party committees", "网格员": "Grid workers"}


def context(**over) -> draft.Context:
    # a main place, as the Places step sets one: figures outside every place's passage go there
    kw = dict(source="t", places=list(PLACES), types=list(TYPES), glossary=dict(GLOSSARY), main_place="jia")
    kw.update(over)
    return draft.Context(**kw)


def run(text: str, **over) -> draft.Draft:
    return draft.draft(text, context(**over))


def at(text: str, before: str) -> int:
    """Offset just after `before` (where the number, or the gap, is)."""
    assert text.count(before) == 1, f"{before!r} must occur once in {text!r}"
    return text.index(before) + len(before)


def proposal_at(d: draft.Draft, pos: int, status: str | None = None):
    found = [p for p in d.proposals if p.at == pos and (status is None or p.status == status)]
    assert len(found) == 1, f"expected one proposal at {pos}, got {[(p.at, p.status) for p in d.proposals]}"
    return found[0]


def seed_copy(tmp_path, metrics: list | None = None):
    """A copy of data/metrics.yaml, its texts and figure files in tmp_path; with metrics, the seed's figures
    are replaced by them, kept in the entry file (the seed then has no figure file of its own)."""
    import shutil
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parent.parent / "data"
    doc = yaml.safe_load((root / "metrics.yaml").read_text(encoding="utf-8"))
    if metrics is not None:
        doc["metrics"] = metrics
        for src in doc["sources"]:
            if src["id"] == "dangjian-forum-urban-2020":
                src.pop("figures", None)
    shutil.copytree(root / "source", tmp_path / "source", dirs_exist_ok=True)
    figures = {s["figures"] for s in doc["sources"] if s.get("figures")}
    for name in figures:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / name, tmp_path / name)
    path = tmp_path / "metrics.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
