"""Synthetic data that looks like the real thing at N times today's size: N sources, each its own text and file.

Scale 1 is the curated data unchanged. Scale N keeps the curated source and adds N - 1 synthetic ones:
- a place registry of a few hundred places (min(400, N // 2 + 10) beside the curated ones) at every level,
  each with a parent one level up, so that popular places appear in many sources;
- each synthetic source its own text (source/syn-K.txt, sentences written here in the genre's style, `*`
  masking 党) and its own figure file (figures/syn-K.yaml), with about 100 figures (60 to 140);
- most are forums announcing 3-5 places, each with a section (speaker line, paragraphs of figures); one in
  five also announces a place it has no section for (a missing_section figure, as the curated text does);
  the rest are surveys of one or two places;
- shared indicators (the curated ones and more) so the same indicator is reported across sources and places;
- the curated share of blanks (about 26%) and partials (2%), qualifiers and Chinese numerals included.
Every figure validates: its quote occurs once in its own text (each starts with its place's name, and a
place uses a phrase once per source), its number follows its anchor, its quote lies in its place's section.
Deterministic (one seed); a few seconds at 1000x (figure files are written directly, not through a YAML
dumper).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from loaders import numerals

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "metrics.yaml"
SEED = 20201201
MAX_PLACES = 400
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Name syllables (none of them a level suffix, a digit or a Chinese numeral, so a name never hides a number
# and never ends inside another name: every name is two syllables and a suffix).
_SYLLABLES = [
    ("安", "An"),
    ("宁", "Ning"),
    ("和", "He"),
    ("平", "Ping"),
    ("兴", "Xing"),
    ("华", "Hua"),
    ("福", "Fu"),
    ("清", "Qing"),
    ("丰", "Feng"),
    ("永", "Yong"),
    ("泰", "Tai"),
    ("长", "Chang"),
    ("乐", "Le"),
    ("临", "Lin"),
    ("江", "Jiang"),
    ("阳", "Yang"),
    ("春", "Chun"),
    ("云", "Yun"),
    ("岭", "Ling"),
    ("桂", "Gui"),
    ("林", "Lin"),
    ("松", "Song"),
    ("柏", "Bai"),
    ("金", "Jin"),
    ("石", "Shi"),
    ("玉", "Yu"),
    ("川", "Chuan"),
    ("溪", "Xi"),
    ("源", "Yuan"),
    ("泉", "Quan"),
    ("德", "De"),
    ("仁", "Ren"),
    ("昌", "Chang"),
    ("盛", "Sheng"),
    ("康", "Kang"),
    ("宏", "Hong"),
    ("达", "Da"),
    ("通", "Tong"),
    ("瑞", "Rui"),
    ("祥", "Xiang"),
    ("嘉", "Jia"),
    ("秀", "Xiu"),
    ("明", "Ming"),
    ("新", "Xin"),
]
# level: (share of the registry, zh suffix, en suffix, the level its parent is at)
_LEVELS = {
    "province": (0.06, "省", "Province", None),
    "city": (0.30, "市", "City", "province"),
    "district": (0.22, "区", "District", "city"),
    "county": (0.12, "县", "County", "city"),
    "street": (0.14, "街道", "Subdistrict", "district"),
    "town": (0.08, "镇", "Town", "county"),
    "community": (0.08, "社区", "Community", "street"),
}


@dataclass(frozen=True)
class Phrase:
    """How a figure is written: '<place><text><number><unit>'; an indicator when it is one."""

    text: str
    label_zh: str
    label_en: str
    type: str
    unit: str
    low: int
    high: int
    indicator: str | None = None
    decimals: bool = False


def _ind(ind, text, zh, en, type_, unit, low, high, decimals=False) -> Phrase:
    return Phrase(text, zh, en, type_, unit, low, high, ind, decimals)


# Indicators: the curated ones (ids already in the registry) and synthetic ones added to it.
CURATED_INDICATORS = [
    _ind("industry_party_committees", "成立行业*委", "行业党委数", "Industry Party committees", "organizations", "个", 3, 40),
    _ind("party_service_centers_streets", "建成街道*群服务中心", "街道党群服务中心数", "Street-level Party-mass service centres", "service_centers", "个", 5, 120),
    _ind("party_service_centers_communities", "建成社区*群服务中心", "社区党群服务中心数", "Community-level Party-mass service centres", "service_centers", "个", 20, 900),
    _ind("community_duty_items", "梳理社区职责事项", "社区职责事项数", "Community duty items", "responsibility_lists", "项", 20, 150),
    _ind("community_assistance_items", "明确社区协助事项", "社区协助事项数", "Community assistance items", "responsibility_lists", "项", 10, 80),
    _ind("street_fulltime_party_staff", "每个街道配备专职*务工作者", "街道专职党务人员配备", "Full-time Party staff per street", "staffing", "名", 3, 15),
    _ind("list_systems", "制定清单", "清单类别数", "List systems", "responsibility_lists", "类", 2, 6),
]  # fmt: skip
SYNTHETIC_INDICATORS = [
    _ind("grids", "划分网格", "网格数", "Grids", "organizations", "个", 100, 5000),
    _ind("grid_party_branches", "建立网格*支部", "网格党支部数", "Grid Party branches", "organizations", "个", 50, 2000),
    _ind("registered_members", "组织在职*员到社区报到", "报到在职党员数", "Serving Party members registered in communities", "members", "名", 1000, 90000),
    _ind("volunteers_registered", "注册志愿者", "注册志愿者数", "Registered volunteers", "volunteers", "名", 500, 80000),
    _ind("volunteer_teams", "组建志愿服务队", "志愿服务队数", "Volunteer teams", "volunteers", "支", 20, 900),
    _ind("lawyers_assigned", "选派律师进社区", "选派律师数", "Lawyers assigned to communities", "staffing", "名", 10, 600),
    _ind("police_assigned", "下沉社区民警", "下沉民警数", "Police officers assigned to communities", "staffing", "名", 10, 900),
    _ind("party_instructors", "配备*建指导员", "党建指导员数", "Party-building instructors", "staffing", "名", 20, 1500),
    _ind("community_workers", "招聘社区专职工作者", "社区专职工作者数", "Full-time community workers", "staffing", "名", 50, 5000),
    _ind("special_funds", "投入专项资金", "专项资金", "Special funds", "funding", "万元", 100, 50000),
    _ind("community_funds_floor", "每个社区每年工作经费保障", "社区工作经费", "Working funds per community", "funding", "万元", 5, 30),
    _ind("service_posts", "设立红色驿站", "红色驿站数", "Red service posts", "service_centers", "个", 10, 800),
    _ind("center_area", "社区服务阵地面积达到", "社区服务阵地面积", "Community service space", "service_centers", "平方米", 200, 3000),
    _ind("requests_resolved", "协调解决群众诉求", "解决群众诉求数", "Residents' requests resolved", "services_delivered", "件", 100, 60000),
    _ind("activities_held", "开展主题活动", "主题活动数", "Themed activities held", "services_delivered", "场", 20, 3000),
    _ind("households_visited", "走访群众", "走访户数", "Households visited", "services_delivered", "户", 500, 90000),
    _ind("new_sector_orgs", "在新兴领域建立*组织", "新兴领域党组织数", "Party organisations in new sectors", "organizations", "个", 10, 2000),
    _ind("org_coverage_rate", "*组织覆盖率达到", "党组织覆盖率", "Party organisation coverage", "coverage", "%", 60, 100, True),
    _ind("enterprises_covered", "实现*建覆盖的非公企业", "党建覆盖非公企业数", "Private firms with Party building", "coverage", "家", 50, 9000),
    _ind("supporting_documents", "出台配套文件", "配套文件数", "Supporting documents", "policy_documents", "个", 2, 20),
    _ind("work_measures", "制定工作措施", "工作措施数", "Work measures", "policy_documents", "条", 5, 40),
    _ind("training_classes", "举办专题培训班", "专题培训班数", "Training classes", "members", "期", 3, 200),
    _ind("cadres_trained", "培训基层干部", "培训基层干部人次", "Grassroots cadres trained", "members", "人次", 200, 30000),
    _ind("joint_meetings", "召开*建联席会议", "党建联席会议数", "Joint Party-building meetings", "organizations", "次", 2, 300),
    _ind("resident_councils", "成立居民议事会", "居民议事会数", "Residents' councils", "organizations", "个", 10, 900),
    _ind("task_lists", "形成任务清单", "任务清单事项数", "Task-list items", "responsibility_lists", "项", 10, 300),
    _ind("powers_devolved", "向街道下放权力事项", "下放权力事项数", "Powers devolved to streets", "responsibility_lists", "项", 10, 200),
]  # fmt: skip
INDICATORS = CURATED_INDICATORS + SYNTHETIC_INDICATORS

# Figures that are no indicator: a verb and a noun, once per place and source.
_VERBS = [
    ("新建", "New"),
    ("整合", "Merged"),
    ("培育", "Fostered"),
    ("打造", "Built"),
    ("推出", "Launched"),
    ("评选", "Selected"),
    ("挂牌", "Certified"),
    ("提升", "Upgraded"),
]
_NOUNS = [
    ("示范点", "model sites", "organizations", "个"), ("特色品牌", "signature brands", "organizations", "个"),
    ("书记工作室", "secretary studios", "service_centers", "个"), ("服务项目", "service projects", "services_delivered", "项"),
    ("先锋岗", "vanguard posts", "members", "个"), ("共建单位", "partner units", "organizations", "家"),
    ("议事平台", "consultation platforms", "organizations", "个"), ("便民服务点", "convenience service points", "service_centers", "处"),
    ("活动阵地", "activity venues", "service_centers", "处"), ("示范社区", "model communities", "coverage", "个"),
    ("楼栋长", "building heads", "staffing", "名"), ("*员志愿服务岗", "member volunteer posts", "volunteers", "个"),
]  # fmt: skip
_MODIFIERS = [("", ""), ("累计", " (to date)"), ("今年以来", " (this year)")]
_LOCALS = [(m, v, n) for m in _MODIFIERS for v in _VERBS for n in _NOUNS]
_EVENTS = [
    ("召开城市基层*建工作推进会", "urban Party-building meeting"),
    ("启动“红色物业”试点", "red property-management pilot"),
    ("出台社区治理实施意见", "community-governance opinion issued"),
    ("开展街道管理体制改革", "street management reform begun"),
    ("成立*建引领基层治理领导小组", "leading group set up"),
    ("组织赴外地学习考察", "study visit elsewhere"),
]
_TAILS = [
    "推动资源力量向基层下沉", "形成上下联动的工作格局", "基层治理效能明显提升", "群众获得感不断增强",
    "实现*的组织和工作全覆盖", "打通服务群众“最后一公里”", "切实减轻基层负担", "凝聚起共建共治的合力",
]  # fmt: skip
_FILLERS = [
    "坚持以*建引领基层治理,推动各类组织同频共振。",
    "聚焦群众急难愁盼,把服务送到家门口。",
    "坚持问题导向,注重制度创新,持续健全长效机制。",
    "各级*组织主动担当作为,在急难险重任务中发挥战斗堡垒作用。",
    "通过典型引路、以点带面,带动整体工作提质增效。",
    "建立健全考核评价机制,压紧压实各级责任。",
]
_SLOGANS = [
    "让*旗在基层一线高高飘扬", "织密城市基层治理网络", "把服务送到群众心坎上", "激活基层治理“神经末梢”",
    "以组织振兴引领社区发展", "构建共建共治共享新格局", "推动*建与治理深度融合", "建强城市基层战斗堡垒",
]  # fmt: skip
_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"]
_GIVEN = ["建国", "海燕", "志强", "丽华", "文博", "晓东", "春梅", "卫东", "红霞", "国平", "雪松", "立新"]


@dataclass(frozen=True)
class Place:
    id: str
    zh: str
    en: str
    level: str
    parent: str | None
    announced: str  # the parent's name and its own, as an introduction names it


def make(scale: int, out_dir: str | Path, curated: str | Path = CURATED, seed: int = SEED) -> Path:
    """Write metrics.yaml, its texts and figure files at `scale` sources into out_dir; return the YAML path."""
    curated = Path(curated)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = yaml.load(curated.read_text(encoding="utf-8"), Loader=_Loader)
    for src in doc["sources"]:  # the curated files, byte for byte
        for name in (src["file"], src.get("figures")):
            if name:
                (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(curated.parent / name, out_dir / name)
    if scale > 1:
        rng = random.Random(seed)
        places = _places(min(MAX_PLACES, scale // 2 + 10), rng, taken={c["zh"] for c in doc["cities"]})
        known = {i["id"] for i in doc.get("indicators") or []}
        doc["indicators"] = (doc.get("indicators") or []) + [
            {"id": p.indicator, "zh": p.label_zh, "en": p.label_en, "description_en": f"{p.label_en} (synthetic)."}
            for p in INDICATORS
            if p.indicator not in known
        ]
        doc["cities"] = doc["cities"] + [
            {"id": p.id, "zh": p.zh, "en": p.en, "level": p.level, "parent": p.parent} for p in places
        ]
        weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(places))))
        (out_dir / "source").mkdir(exist_ok=True)
        (out_dir / "figures").mkdir(exist_ok=True)
        for k in range(1, scale):
            doc["sources"].append(_source(k, places, weights, random.Random(seed * 1_000_003 + k), out_dir))
    path = out_dir / "metrics.yaml"
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(doc, fh, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return path


def _places(n: int, rng: random.Random, taken: set[str]) -> list[Place]:
    """n places over every level, each level's parent drawn from the level above; shuffled so popularity
    (the order) is not the level."""
    pairs = [(a, b) for a in _SYLLABLES for b in _SYLLABLES if a != b]
    rng.shuffle(pairs)
    by_level: dict[str, list[Place]] = {}
    out: list[Place] = []
    for level, (share, zh_suffix, en_suffix, up) in _LEVELS.items():
        for _ in range(max(1, round(share * n))):
            (a, pa), (b, pb) = pairs.pop()
            zh = a + b + zh_suffix
            if zh in taken:
                continue
            parent = rng.choice(by_level[up]) if up else None
            announced = (parent.zh if parent else "") + zh
            pid = f"{level}-{len(out):03d}"
            p = Place(pid, zh, f"{pa}{pb.lower()} {en_suffix}", level, parent and parent.id, announced)
            by_level.setdefault(level, []).append(p)
            out.append(p)
    rng.shuffle(out)
    return out


def _pick(places: list[Place], weights: list[float], rng: random.Random, n: int, levels: set[str]) -> list[Place]:
    """n distinct places at these levels, popular ones more often (weights are cumulative)."""
    n = min(n, sum(p.level in levels for p in places))
    chosen: list[Place] = []
    while len(chosen) < n:
        p = rng.choices(places, cum_weights=weights)[0]
        if p.level in levels and p not in chosen:
            chosen.append(p)
    return chosen


def _source(k: int, places: list[Place], weights: list[float], rng: random.Random, out_dir: Path) -> dict:
    sid = f"syn-{k:04d}"
    forum = rng.random() < 0.75
    if forum:
        sections = _pick(places, weights, rng, rng.randint(3, 5), {"city", "district", "county", "province"})
        absent = _pick(places, weights, rng, 1, {"city", "district", "county"}) if rng.random() < 0.2 else []
        absent = [p for p in absent if p not in sections]
    else:
        sections = _pick(places, weights, rng, rng.randint(1, 2), {"district", "county", "street", "town", "community"})
        absent = []
    announced = sections + absent
    rng.shuffle(announced)
    n_figures = rng.randint(60, 140)
    share = [n_figures // len(sections) + (i < n_figures % len(sections)) for i in range(len(sections))]

    lines = [
        "近年来,各地坚持*建引领,持续推动力量下沉、管理下沉、服务下沉,城市基层治理体系不断完善。",
        f"本期“基层治理论坛”邀请了来自{'、'.join(p.announced for p in announced)}等地的组织部门负责同志,"
        "就城市基层*建工作展开交流。"
        if forum
        else f"为了解{announced[0].announced}基层治理情况,调研组近期开展了专题调研,现将有关情况报告如下。",
    ]
    figures: list[dict] = []
    appearances = []
    for place, n in zip(sections, share, strict=True):
        heading = f"{place.announced}:{rng.choice(_SLOGANS)}"
        speaker = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        role = f"{place.zh}委组织部部长"
        lines += [heading, f"■{role}{speaker}"]
        appearances.append(
            {"place": place.id, "announced_as": place.announced, "has_section": True, "section_heading": heading}
            | ({"speaker_zh": speaker, "role_zh": role} if forum else {})
        )
        lines += _section(sid, place, n, rng, figures)
    for place in absent:
        appearances.append({"place": place.id, "announced_as": place.announced, "has_section": False})
        figures.append(
            _row(sid, f"{sid}-{len(figures):03d}", place, "other", "章节缺失", "Section announced but absent", None)
            | {"unit": None, "status": "missing_section", "quote": place.announced}
        )
    appearances.sort(key=lambda a: [p.id for p in announced].index(a["place"]))
    text = "\n".join(lines) + "\n"
    raw = text.encode("utf-8")
    (out_dir / "source" / f"{sid}.txt").write_bytes(raw)
    (out_dir / "figures" / f"{sid}.yaml").write_text(_figure_file(figures), encoding="utf-8")
    names = "、".join(p.zh for p in sections)
    return {
        "id": sid,
        "file": f"source/{sid}.txt",
        "sha256": hashlib.sha256(raw).hexdigest(),
        "title_en": f"Synthetic {'forum' if forum else 'survey'} #{k}: grassroots Party building in {', '.join(p.en for p in sections)}",
        "title_zh": f"“基层治理论坛”:{names}谈城市基层*建" if forum else f"{names}基层治理调查",
        "publisher_zh": "合成数据",
        "publisher_en": "Synthetic data",
        "published": f"{2015 + k % 8}-{1 + k % 12:02d}-{1 + k % 28:02d}",
        "url": f"https://example.org/synthetic/{sid}",
        "language": "zh",
        "masking_note_en": "`*` masks 党, as in the curated text.",
        "main_place": None if forum else sections[0].id,
        "figures": f"figures/{sid}.yaml",
        "appearances": appearances,
    }


def _section(sid: str, place: Place, n: int, rng: random.Random, figures: list[dict]) -> list[str]:
    """Paragraphs of sentences for one place: n figures, each sentence starting with the place's name."""
    phrases = [p for p in INDICATORS if rng.random() < 0.5]
    rng.shuffle(phrases)
    locals_ = rng.sample(_LOCALS, min(len(_LOCALS), n))
    events = list(_EVENTS)
    rng.shuffle(events)
    sentences: list[str] = []
    while n > 0:
        fid = lambda: f"{sid}-{len(figures):03d}"  # noqa: E731
        roll = rng.random()
        if roll < 0.06 and events and n >= 2:  # a date: year (often deleted) and month share one quote
            (ev_zh, ev_en), year, month = events.pop(), rng.randint(2015, 2020), rng.randint(1, 12)
            blank = rng.random() < 0.5
            quote = f"{'' if blank else year}年{month}月,{place.zh}{ev_zh}"
            y = _row(sid, fid(), place, "dates", f"{ev_zh.replace('*', '党')}年份", f"Year: {ev_en}", None)
            y |= {"unit": "年", "quote": quote, "anchor": ""}
            y |= {"status": "blank"} if blank else {"value": year, "status": "reported"}
            figures.append(y)
            m = _row(sid, fid(), place, "dates", f"{ev_zh.replace('*', '党')}月份", f"Month: {ev_en}", None)
            figures.append(m | {"value": month, "unit": "月", "status": "reported", "quote": quote, "anchor": "年"})
            sentences.append(quote + "。")
            n -= 2
            continue
        if phrases and (roll < 0.55 or not locals_):
            p = phrases.pop()
        else:
            (mod, mod_en), (verb, verb_en), (noun, noun_en, type_, unit) = locals_.pop()
            zh = mod + verb + noun
            p = Phrase(zh, zh.replace("*", "党"), f"{verb_en} {noun_en}{mod_en}", type_, unit, 2, 300)
        sentences.append(_figure(sid, fid(), place, p, rng, figures) + f",{rng.choice(_TAILS)}。")
        n -= 1
        if rng.random() < 0.15:
            sentences.append(rng.choice(_FILLERS))
    paragraphs, i = [], 0
    while i < len(sentences):
        step = rng.randint(3, 6)
        paragraphs.append("".join(sentences[i : i + step]))
        i += step
    return paragraphs


def _figure(sid: str, fid: str, place: Place, p: Phrase, rng: random.Random, figures: list[dict]) -> str:
    """Append one figure's row; return its quote (the sentence up to its tail)."""
    row = _row(sid, fid, place, p.type, p.label_zh, p.label_en, p.indicator) | {"unit": p.unit}
    head = place.zh + p.text
    value = rng.randint(p.low, p.high)
    roll = rng.random()
    if roll < 0.255:  # deleted: the unit follows the phrase directly
        quote = head + p.unit
        figures.append(row | {"status": "blank", "quote": quote, "anchor": p.text})
        return quote
    if roll < 0.275 and value >= 10:  # cut: only the trailing digits survive
        shown = str(value)[-1:] if value < 100 else str(value)[-2:]
        quote = f"{head}{shown}余{p.unit}"
        figures.append(row | {"status": "partial", "quote": quote, "anchor": p.text, "digits_shown": shown})
        return quote
    row |= {"status": "reported", "anchor": p.text}
    if p.decimals and rng.random() < 0.5:
        value = round(value - rng.random(), 1) if value > p.low else value
        value = int(value) if float(value).is_integer() else value
    q, written = rng.random(), numerals.arabic(value)
    if q < 0.07:
        quote, row["qualifier"] = f"{head}不少于{written}{p.unit}", "at_least"
        row["anchor"] = p.text + "不少于"
    elif q < 0.16:
        quote, row["qualifier"] = f"{head}{written}余{p.unit}", "more_than"
    elif q < 0.17:
        quote, row["qualifier"] = f"{head}不超过{written}{p.unit}", "at_most"
        row["anchor"] = p.text + "不超过"
    elif q < 0.19 and float(value).is_integer() and value < p.high:
        high = rng.randint(int(value) + 1, p.high)
        quote = f"{head}{value}至{high}{p.unit}"
        figures.append(row | {"low": value, "high": high, "qualifier": "range", "quote": quote})
        return quote
    elif q < 0.25 and float(value).is_integer() and value < 100:  # a small number in Chinese numerals
        quote = f"{head}{numerals.chinese(int(value))[-1]}{p.unit}"
    else:
        quote = f"{head}{written}{p.unit}"
    figures.append(row | {"value": value, "quote": quote})
    return quote


def _row(sid, fid, place: Place, type_, label_zh, label_en, indicator) -> dict:
    row = {"id": fid, "source": sid, "city": place.id, "type": type_}
    if indicator:
        row["indicator"] = indicator
    return row | {"label_zh": label_zh, "label_en": label_en}


_ORDER = ("id", "source", "city", "type", "indicator", "label_zh", "label_en", "value", "low", "high", "unit")
_ORDER += ("qualifier", "status", "quote", "anchor", "digits_shown")


_quoted = json.JSONEncoder(ensure_ascii=False).encode  # a JSON string is a YAML double-quoted scalar
_PLAIN = {"id", "source", "city", "type", "indicator", "qualifier", "status"}  # slugs and words: plain scalars


def _figure_file(rows: list[dict]) -> str:
    """The rows as YAML, written directly: a dumper takes longer than the rest of the generator."""
    out = ["# yaml-language-server: $schema=../figures.schema.json", "metrics:"]
    for row in rows:
        first = True
        for key in _ORDER:
            if key not in row:
                continue
            v = row[key]
            text = "null" if v is None else (v if key in _PLAIN else _quoted(v)) if isinstance(v, str) else str(v)
            out.append(f"  - {key}: {text}" if first else f"    {key}: {text}")
            first = False
    return "\n".join(out) + "\n"


def source_ids(scale: int, curated: str | Path = CURATED) -> list[str]:
    """The sources make(scale) writes, in order: the curated file's, then scale - 1 synthetic ones."""
    doc = yaml.load(Path(curated).read_text(encoding="utf-8"), Loader=_Loader)
    return [src["id"] for src in doc["sources"]] + [f"syn-{k:04d}" for k in range(1, scale)]


def files(scale: int, curated: str | Path = CURATED) -> set[str]:
    """The files make(scale) writes, relative to its folder: the entry, the curated sources' texts and figure
    files, and a text and a figure file per synthetic source."""
    doc = yaml.load(Path(curated).read_text(encoding="utf-8"), Loader=_Loader)
    out = {"metrics.yaml"} | {name for src in doc["sources"] for name in (src["file"], src.get("figures")) if name}
    return out | {f"{folder}/syn-{k:04d}.{ext}" for k in range(1, scale) for folder, ext in _SYNTHETIC_FILES}


_SYNTHETIC_FILES = (("source", "txt"), ("figures", "yaml"))


def rows(path: str | Path) -> int:
    """Number of figures in a metrics file and the figure files it includes (without validating them)."""
    path = Path(path)
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    n = len(doc["metrics"])
    for src in doc["sources"]:
        if src.get("figures"):
            n += len(yaml.load((path.parent / src["figures"]).read_text(encoding="utf-8"), Loader=_Loader)["metrics"])
    return n
