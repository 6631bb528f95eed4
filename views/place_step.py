"""The Curate page's Places step as plain data: one row per place the text names, and the curator's edits back
into proposals for curation.place_save (no Streamlit)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from curation import place_save
from curation.places import PlaceProposal
from loaders.models import LEVELS

COLUMNS = ["accept", "written", "at", "proposal", "appearance", "id", "zh", "en", "level", "parent", "code"]
COLUMNS += ["same_as", "problem"]
EDITABLE = ("accept", "id", "zh", "en", "level", "parent", "code", "same_as")
WORDS = {
    "title": ("Places the text names (before drafting)", "文中地名(起草之前)"),
    "intro": (
        "Each place as written and where (character offsets), with its proposed registry entry: an existing place, "
        "or a new one from China's administrative divisions (code) or from the text (below the county). Accept, "
        "edit, or set “same as” to merge it with a registry place. Saving writes `cities:` and this source's "
        "appearances in the metrics file, validated first; nothing else in that file changes.",
        "逐一列出文中地名的原文写法和位置,以及建议的登记条目:已登记的地点,或依据行政区划(代码)或原文(县以下)新建。"
        "可接受、修改,或在“同为”中选择已登记地点合并。保存时先校验,只写入 `cities:` 和本来源的 appearances。",
    ),
    "main": ("Main place (figures outside every place's passage go here)", "主要地点(不属于任何地点段落的数据归于此)"),
    "none": ("none", "无"),
    "save": ("Save places", "保存地点"),
    "undo": ("Undo last places save", "撤销上次地点保存"),
    "reload": ("Reload places", "重新读取地点"),
    "saved": ("Saved {n} new places and this source's appearances; drafting now writes their figures.", "已保存。"),
    "all_known": (
        "Every place the text names is registered and among its appearances: {names}.",
        "文中地名均已登记:{names}。",
    ),
    "nothing": ("The text names no place the divisions or the registry know.", "文中没有可识别的地名。"),
    "undone": ("Undone: the metrics file is as it was before the last places save.", "已撤销。"),
    "app_named": ("named (no section)", "提及(无章节)"),
    "app_has": ("among its appearances already", "已在本来源中"),
    "app_none": ("none: the text does not name it", "无:文中未提及"),
    "proposal_new": ("new", "新建"),
    "proposal_existing": ("existing", "已登记"),
    "proposal_parent": ("new, parent only (not named)", "新建,仅作上级(文中未提及)"),
}


def word(key: str, lang: str, **kw) -> str:
    en, zh = WORDS[key]
    return (zh if lang == "zh" else en).format(**kw)


def _at(p: PlaceProposal) -> str:
    spans = ", ".join(f"{s}–{e}" for s, e in p.spans[:6])
    return spans + (f" (+{len(p.spans) - 6})" if len(p.spans) > 6 else "")


def table(plan: place_save.Plan, lang: str) -> pd.DataFrame:
    rows = []
    for p in plan.resolution.proposals:
        e = p.entry
        kind = "proposal_existing" if p.existing else ("proposal_parent" if p.implied else "proposal_new")
        rows.append(
            {
                "accept": p.problem is None,
                "written": " / ".join(dict.fromkeys(p.written)),
                "at": _at(p),
                "proposal": word(kind, lang),
                "appearance": word(
                    "app_has" if p.id in plan.appearing else ("app_none" if p.implied else "app_named"), lang
                ),
                "id": e.get("id") or "",
                "zh": e.get("zh") or "",
                "en": e.get("en") or "",
                "level": e.get("level") or "",
                "parent": e.get("parent") or "",
                "code": e.get("code") or "",
                "same_as": "",
                "problem": p.problem or "",
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def options(plan: place_save.Plan) -> dict[str, list[str]]:
    return {"level": list(LEVELS), "same_as": ["", *plan.known]}


def main_choices(plan: place_save.Plan) -> list[str]:
    """Places the text names (never one it does not), the proposed main place first."""
    named = [p.id for p in plan.resolution.proposals if not p.implied and p.id]
    main = plan.resolution.main_place
    return ["", *([main] if main in named else []), *[n for n in named if n != main]]


def accepted(plan: place_save.Plan, edited: pd.DataFrame) -> list[PlaceProposal]:
    """The proposals the curator accepted, with their edits; PlacesError when a choice is not possible."""
    out = []
    taken = set(plan.known)
    original = table(plan, "en").to_dict("records")
    for p, before, (_, row) in zip(plan.resolution.proposals, original, edited.iterrows(), strict=True):
        if not bool(row["accept"]):
            continue
        same = str(row.get("same_as") or "").strip()
        if same:
            out.append(place_save.merge(p, same, plan.known))
            continue
        code = str(row.get("code") or "").strip()
        if p.candidates:
            if not code:
                raise place_save.PlacesError(f"{p.entry['zh']}: {p.problem}")
            p = place_save.choose(p, code, taken)
        entry = dict(p.entry)
        for k in ("id", "zh", "en", "level", "parent", "code"):
            v = str(row.get(k) or "").strip()
            if p.existing or v == before[k]:
                continue  # unchanged (an existing place is kept as registered: merge, or edit the registry)
            entry[k] = v or None
        if not p.existing and not entry.get("id"):
            raise place_save.PlacesError(f"{entry.get('zh')}: give it an id (a plain slug)")
        entry = {k: v for k, v in entry.items() if v is not None or k == "parent"}
        problem = p.problem  # a division chosen (choose() above) or a parent given settles the proposal's problem
        if problem and "parent" in problem and entry.get("parent"):
            problem = None
        out.append(replace(p, entry=entry, problem=problem))
        taken.add(entry["id"])
    return out
