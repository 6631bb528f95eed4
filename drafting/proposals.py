"""Draft the figures of a text: every number and every deleted number proposed as a figure row.

The recogniser (loaders.recognise) says where the numbers are and what they are; this module
turns each mention into a proposal with the fields of a curated row (place, type, labels, quote,
anchor) plus `draft: true` and a `reason`, and lists every number it did not propose, with why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from curation import places
from drafting import labels
from loaders import numerals, recognise
from loaders.derive import normalise_unit
from loaders.models import Figure
from loaders.quotes import Once, occurs_once

QUOTE_MAX = 2000
MAX_PROPOSALS = 2000  # numbers drafted per text: more is a sheet no curator reviews and a minute per validation
CLAUSE_END = set(",，。;；!！?？\n")
SENTENCE_END = set("。;；!！?？\n")
LABEL_STOP = set(",，、。;；:：“”《》!！?？\n")
# Words that end the noun a number counts (2名专职人员和4名…, 68家物业企业建立*组织).
LABEL_STOP_WORDS = (
    "和",
    "及",
    "与",
    "建立",
    "成立",
    "担任",
    "进行",
    "联系",
    "按照",
    "全部",
    "实现",
    "参与",
    "陆续",
    "以上",
    "在",
    "到",
    "为",
    "等",
    "中有",
    "被",
    "把",
    "已",
    "共",
    "的",
)
# Verbs and adverbs that open a clause before the counted noun (全市共配备*建指导员名).
LABEL_LEAD_WORDS = (
    "新建",
    "配备",
    "建立",
    "成立",
    "建成",
    "设立",
    "组建",
    "选派",
    "选聘",
    "发展",
    "开展",
    "涌现出",
    "培育",
    "打造",
    "推动",
    "出台",
    "制定",
    "明确",
    "实现",
    "覆盖",
    "达到",
    "达",
    "保留",
    "列支",
    "办理",
    "解决",
    "规范",
    "提供",
    "新增",
    "发放",
    "投入",
    "筹集",
    "拨付",
    "募集",
    "争取",
    "走访",
    "慰问",
    "招募",
    "吸纳",
    "累计",
    "目前",
    "全市",
    "全区",
    "全县",
    "共",
    "其中",
    "将",
    "占",
    "为",
    "有",
)
# Measure words that stand before the noun they count (18个行业*委); other units follow their noun.
COUNTERS = set("个名项家处类条级所支座批位台套栋幢间篇份册本期轮种组队户场件次人")
# Compounds in which * masks 政, not 党 (labels only: quotes stay verbatim).
ZHENG = ("**", "行*", "执*", "财*", "民*", "*府", "*治", "*策", "*务服务", "*法")
PLACE_SUFFIX = (("街道", "street"), ("社区", "community"), ("市", "city"), ("区", "district"), ("县", "county"))
PLACE_SUFFIX += (("镇", "town"), ("省", "province"))
# Lines "X:…" where X is a speaker or a desk, not a place (an interview's 记者:, 部长:).
NOT_HEADINGS = ("记者", "部长", "书记", "主任", "局长", "市长", "区长", "县长", "主持人", "编者按", "编者", "组织部")
NOT_HEADINGS += ("问", "答", "本报讯", "导语", "按")
# Characters of a clause, not of a place name, before 市/区/街道 (全市现有街道, 其中市, 吸纳驻区).
# Verbs and prepositions after which a bare 镇/区/市 is the place the text is about (按照镇*委部署, 家住镇东): no new name.
NOT_PLACE_STEM_END = (
    "按照",
    "根据",
    "依照",
    "依据",
    "家住",
    "住在",
    "来自",
    "经过",
    "通过",
    "关于",
    "对于",
    "配合",
    "协助",
)
# Words before a former name (原来的红枫村, 原红枫乡): that place no longer holds figures.
FORMER = ("原来的", "以前的", "过去的", "从前的", "原")
NOT_IN_PLACE_NAME = set("全各本该每其驻现共有在个的和与及将把对为从向级我你他她们咱是抓")


@dataclass(frozen=True)
class PlaceInfo:
    id: str
    zh: str
    names: tuple[str, ...]  # every way the text may write it (zh, announced_as)
    level: str | None = None


@dataclass
class Context:
    """What the registry knows that the drafter needs, for one source."""

    source: str
    places: list[PlaceInfo] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (place id, verbatim heading)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (place id, announced as), no section
    main_place: str | None = None
    types: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (type id, keywords)
    glossary: dict[str, str] = field(default_factory=dict)
    # a text drafted without registering it: a place not in the registry gets an id from its name (pinyin)
    preview: bool = False
    named: dict = field(default_factory=dict, repr=False, compare=False)  # paragraph start -> places it names


@dataclass
class Proposal:
    id: str
    source: str
    city: str
    type: str
    label_zh: str
    label_en: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    value_norm: float | None
    unit_norm: str | None
    qualifier: str
    status: str
    quote: str
    anchor: str | None
    start: int
    end: int
    reason: str
    digits_shown: str | None = None
    draft: bool = True
    confidence: float | None = None  # how likely a curator keeps it (recogniser's rule, 0-1)
    rule: str | None = None  # the recogniser's rule that fired
    at: int = 0  # where the number is (or belongs); not a row field
    span: tuple[int, int] = (0, 0)  # what the recogniser read: qualifier, number, unit; not a row field

    def row(self) -> dict:
        """The figure-file row: the fields of Metric, in the curated order, without empty optionals."""
        out = {
            "id": self.id,
            "source": self.source,
            "city": self.city,
            "type": self.type,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "status": self.status,
            "quote": self.quote,
            "anchor": self.anchor,
            "digits_shown": self.digits_shown,
            "draft": True,
            "reason": self.reason,
            "confidence": self.confidence,
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
        }
        keep = {"id", "source", "city", "type", "label_zh", "label_en", "qualifier", "status", "quote", "unit"}
        return {k: v for k, v in out.items() if v is not None or k in keep}

    def record(self) -> dict:
        """The JSON record: the row's keys plus the normalised value and unit, always present."""
        out = {k: getattr(self, k) for k in Figure.model_fields if hasattr(self, k)}
        factor, _ = normalise_unit(self.unit)
        out.update(
            value_norm=self.value_norm,
            low_norm=None if self.low is None else _round(self.low * factor),
            high_norm=None if self.high is None else _round(self.high * factor),
            unit_norm=self.unit_norm,
            draft=True,
        )
        return out


@dataclass(frozen=True)
class Skipped:
    start: int
    end: int
    written: str
    reason: str

    def describe(self, text: str) -> str:
        ctx = text[max(0, self.start - 8) : self.end + 8].replace("\n", " ")
        return f"offset {self.start}: {self.written!r} skipped ({self.reason}) in …{ctx}…"


@dataclass
class Draft:
    proposals: list[Proposal]
    skipped: list[Skipped]
    new_places: list[dict]


# 1/ CONTEXT FROM THE REGISTRY ---------------------------------------------------------------------


def context(ds, source: str) -> Context:
    """The registry facts for one source of a loaded Dataset: places, the source's appearances, types, glossary."""
    src = ds.sources.get(source)
    appearances = list(src.appearances) if src is not None else []
    written = {a.place: (a.announced_as, *a.named_as) for a in appearances}
    places = [
        PlaceInfo(pid, c.zh, tuple(dict.fromkeys(n for n in (c.zh, *written.get(pid, ())) if n)), c.level)
        for pid, c in ds.cities.items()
    ]
    # "announced without a section" only where the source gives places headed sections (the seed's form)
    sectioned = any(a.has_section for a in appearances)
    return Context(
        source=source,
        places=places,
        sections=[(a.place, a.section_heading) for a in appearances if a.has_section and a.section_heading],
        missing=[(a.place, a.announced_as) for a in appearances if sectioned and not a.has_section and a.announced_as],
        main_place=src.main_place if src is not None else None,
        types=[(tid, tuple(t.keywords)) for tid, t in ds.metric_types.items()],
        glossary={g.zh: g.en for g in ds.glossary},
    )


# 2/ DRAFTING --------------------------------------------------------------------------------------


def draft(text: str, ctx: Context) -> Draft:
    """Proposals for every figure of text and the numbers skipped, each with its reason."""
    names = tuple(n for p in ctx.places for n in p.names)
    # counted in C first: far too many never reach the rules. Runs of Chinese numerals count too (第一节 half a
    # million times took 10 s and 430 MB to read, for no figure; issue 22).
    n = len(re.findall(r"[0-9０-９]+", text)) + len(recognise.CN_RUN.findall(text))
    mentions = recognise.recognise(text, names) if n <= 10 * MAX_PROPOSALS else None
    if (n := n if mentions is None else sum(m.kind != "skip" for m in mentions)) > MAX_PROPOSALS:
        from drafting.write import DraftInputError  # imported here: drafting.write imports this module

        raise DraftInputError(f"this text has {n:,} numbers; drafting stops at {MAX_PROPOSALS:,}; split it")
    new_places: dict[str, dict] = {}
    if not any(h and h in text for _, h in ctx.sections):  # no known heading: find the text's own
        ctx = replace(ctx, sections=_infer_sections(text, ctx, new_places))
    sections = _sections(text, ctx)
    proposals: list[Proposal] = []
    skipped: list[Skipped] = []
    used_ids: set[str] = set()
    once = Once(text)  # one per text: a repeat found for one number is often the next one's too
    for m in mentions:
        if m.kind == "skip":
            skipped.append(Skipped(m.start, m.end, text[m.start : m.end], m.rule))
            continue
        p = _propose(text, m, ctx, sections, new_places, used_ids, once)
        if isinstance(p, str):
            skipped.append(Skipped(m.start, m.end, text[m.start : m.end], p))
        else:
            proposals.append(p)
    proposals.extend(_missing_sections(text, ctx, sections, used_ids))
    proposals.sort(key=lambda p: (p.at, p.status != "blank"))
    return Draft(proposals, skipped, list(new_places.values()))


def _names_a_place(name: str) -> bool:
    """A heading's name that is no registry place opens a section only if it reads as a place: a division the
    gazetteer knows (江西九江) or a name with a place's suffix (东湖街道)."""
    if name.endswith(tuple(suf for suf, _ in PLACE_SUFFIX)):
        return True
    return any(not p.implied and name.endswith(p.written[-1]) for p in places.resolve(name, {}).proposals)


_HEADING = re.compile(r"^[ \t]*([\u4e00-\u9fff]{2,10})[:：][^\n。，,;；]{1,40}$", re.M)


def _infer_sections(text: str, ctx: Context, new_places: dict) -> list[tuple[str, str]]:
    """Headings like 江西九江:标题 on a line of their own open a place's section (the genre's layout); one
    heading alone is the text's title (a news story), not a section."""
    out = []
    hits = list(_HEADING.finditer(text))
    if len(hits) < 2:
        return []
    for hit in hits:
        name, line = hit.group(1), hit.group().strip()
        if text.count(line) != 1 or name.endswith(NOT_HEADINGS) or line.endswith(("?", "？")):
            continue
        pid = next((p.id for p in ctx.places if name in p.names or (len(p.zh) >= 2 and name.endswith(p.zh))), None)
        if pid is None:
            if not _names_a_place(name):
                continue  # 时间:…, 地点:…, 出席:…: a record's header fields, not places
            _new_place(name, new_places, hit.start(1))
            pid = UNREGISTERED + name
        out.append((pid, line))
    # one such line is the text's title (桐江市委组织部:…), not a section among several places
    return out if len(out) >= 2 else []


def _new_place(name: str, new_places: dict, at: int | None = None) -> dict:
    """A name the registry does not know: listed by the name as written (no placeholder id); its figures are
    skipped until the curator accepts the place in the Places step."""
    entry = new_places.get(name)
    if entry is None:
        level = next((lv for suf, lv in PLACE_SUFFIX if name.endswith(suf)), None)
        entry = {"id": None, "zh": name, "level": level}
        if at is not None:
            entry["at"] = at
        new_places[name] = entry
    return entry


# Words before a place name that make it a person's origin (来自江西的*员, 老家在四川).
ORIGIN_BEFORE = ("来自", "老家", "老家在", "家乡", "家乡在", "祖籍", "原籍", "出生于", "生于")
UNREGISTERED = "?"
"""Prefix of a section's place when its heading names a place not in the registry (?北省子市)."""


def _sections(text: str, ctx: Context) -> list[tuple[int, int, str]]:
    """(start, end, place id) of each section whose heading occurs once in the text."""
    heads = sorted((text.find(h), pid) for pid, h in ctx.sections if h and text.count(h) == 1)
    return [(pos, heads[i + 1][0] if i + 1 < len(heads) else len(text), pid) for i, (pos, pid) in enumerate(heads)]


def _propose(text, m, ctx: Context, sections, new_places, used_ids, once: Once) -> Proposal | str:
    bounds = _section_of(sections, m.at, len(text))
    place, place_why = _place(text, m.at, ctx, bounds, new_places)
    if place is None:
        return place_why
    quote_span = _quote(text, m.start, m.end, bounds, once)
    if quote_span is None:
        return f"no quote around it is unique within {QUOTE_MAX} characters"
    qs, qe = quote_span
    quote = text[qs:qe]
    anchor = _anchor(quote, m.at - qs)
    while anchor and not occurs_once(quote, anchor) and qs > bounds[0] and qe - qs < QUOTE_MAX:
        qs -= 1  # 有24名…没有参加: no text before the number is unique in the clause; take the clause before too
        while qs > bounds[0] and text[qs - 1] not in CLAUSE_END:
            qs -= 1
        quote = text[qs:qe]
        anchor = _anchor(quote, m.at - qs)
    label, label_why = _label(text, m)
    label, label_why = labels.settle([_without_place(label, ctx), _phrase_before(text, m.start)], label_why)
    type_id, type_why = _type(ctx, label, m, text)
    label_en = ctx.glossary.get(label, "")
    reasons = [m.reason, place_why, type_why, label_why]
    if not label_en:
        reasons.append(f"label_en: no glossary entry for {label}")
    status = m.kind
    factor, unit_norm = normalise_unit(m.unit)
    p = Proposal(
        id=_id(ctx.source, status, m.at, used_ids),
        source=ctx.source,
        city=place,
        type=type_id,
        label_zh=label,
        label_en=label_en,
        value=m.value,
        low=m.low,
        high=m.high,
        unit=m.unit,
        value_norm=None if m.value is None else _round(m.value * factor),
        unit_norm=unit_norm,
        qualifier=m.qualifier,
        status=status,
        quote=quote,
        anchor=anchor,
        start=qs,
        end=qe,
        reason=_clip("; ".join(r for r in reasons if r), 2000),
        digits_shown=m.digits_shown,
        confidence=m.confidence,
        rule=_clip(m.rule, 200),
        at=m.at,
        span=(m.start, m.end),
    )
    problem = _self_check(text, p, once)
    if problem:
        used_ids.discard(p.id)
        return problem
    return p


def _round(v: float) -> float:
    return float(round(v, 6))


def _id(source: str, status: str, at: int, used: set[str]) -> str:
    base = f"{source[:60]}-{status[0]}{at}"
    out, n = base, 1
    while out in used:
        n += 1
        out = f"{base}-{n}"
    used.add(out)
    return out


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _section_of(sections, pos: int, n: int) -> tuple[int, int, str | None]:
    """(start, end, place) of the section holding pos; outside every section, the stretch before the next."""
    for s, e, pid in sections:
        if s <= pos < e:
            return s, e, pid
    nxt = min((s for s, _, _ in sections if s > pos), default=n)
    return 0, nxt, None


def _place(text: str, at: int, ctx: Context, bounds, new_places) -> tuple[str | None, str]:
    """The section's place, else the nearest place named before it in the paragraph, else the main place;
    (None, why) when that place is not registered yet or there is none (never a guess)."""
    s, e, pid = bounds
    if pid and pid.startswith(UNREGISTERED):
        return _unregistered(pid[len(UNREGISTERED) :], ctx, "its section's place")
    if pid:
        return pid, ""
    line_start = text.rfind("\n", 0, at) + 1
    para = text[line_start:at]
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, line_start, at)), default=line_start)
    if whole := _whole_of(text, line_start, at, ctx, clause_start):
        return whole[:2]
    best = None
    for p in ctx.places:
        for n in p.names:
            i = para.rfind(n)
            if i >= 0 and (best is None or i + len(n) > best[0]):
                best = (i + len(n), p.id)
    # 全街道共划分网格86个,配备专职网格员名: an earlier clause's 全X holds the sentence's later clauses too,
    # unless a place is named after it
    sentence_start = max(line_start, *(text.rfind(c, line_start, at) + 1 for c in SENTENCE_END))
    if (whole := _whole_of(text, line_start, at, ctx, sentence_start)) and (
        best is None or best[0] + line_start <= whole[2]
    ):
        return whole[:2]
    new = None
    for hs, he, name in _named_in(text, line_start, ctx):  # the Places step's own reading of the paragraph
        if he > at:
            break
        if any(name in p.names or p.zh in name for p in ctx.places):
            continue
        if any(c in NOT_IN_PLACE_NAME for c in name[:-1]):
            continue  # 全市现有街道, 吸纳驻区, 在个重点片区: a clause, not a name
        if recognise._quoted(text, hs) and recognise._quoted(text, hs)[0] < hs:
            continue  # “店长沙龙”: a place name inside a short quoted name is part of that name
        if text.startswith("人", he) and text[he + 1 : he + 2] not in "口民大社力才":
            continue  # 小周是河南人: where a person comes from, not where the figures after it stand (河南人口 is)
        if text.startswith(("籍", "老乡"), he) or text.endswith(ORIGIN_BEFORE, 0, hs):
            continue  # 湖南籍工人, 来自江西的*员, 老家在四川: a person's origin, not where the figures stand
        if text.endswith(FORMER, 0, hs):
            continue  # 从原来的红枫村改为社区: a former name, not where the figures after it stand
        if name[:-1].endswith(NOT_PLACE_STEM_END):
            continue  # 按照镇*委, 家住镇东: a verb or preposition before the town the text is about, no name
        if _counted_noun(text, he, name):
            continue  # 撤销村9个, 石门村、下坝村和东岗村三个村: the level word is the noun counted, not a name
        if name.endswith(("街道", "社区")):
            # 街道 and 社区 stand bare all through the genre (超大社区, 带领社区, 部分社区): a street or community the
            # registry lacks is no guess that holds a figure back; register it in the Places step to place its figures
            continue
        new = (he - line_start, name, hs)
    if best and (new is None or best[0] >= new[0]):
        return best[1], "place: nearest place named before it in the paragraph"
    if new:
        _new_place(new[1], new_places, new[2])
        return _unregistered(new[1], ctx, "its place")
    if ctx.main_place:
        return ctx.main_place, "place: the source's main place (no section or place named nearby): confirm"
    return None, "no place: no section, no place named nearby, and the source has no main place (Places step)"


_LEVEL_WORDS = ("街道", "社区", "村", "镇", "乡", "区", "县", "市", "省")
_COUNT_AFTER = re.compile(r"(?:\d[\d,，.]*|[一二两三四五六七八九十百千]+)?[余多]?(?:个|所|座|处)")


def _counted_noun(text: str, he: int, name: str) -> bool:
    """A place word followed by its own count is the noun counted, not where the figures after it stand: a tally
    (撤销村9个, 撤销村个, with a clause end after the measure word) or an enumeration of names counted by their
    level word (甲村、乙村和丙村三个村). A count of another noun (白沙镇14个村) leaves the name a name."""
    level = next((w for w in _LEVEL_WORDS if name.endswith(w)), None)
    if level is None:
        return False
    pos = he
    # the rest of an enumeration of the same level: 、乙村和丙村
    while (m := re.match(f"[、和及与][\u4e00-\u9fff]{{1,6}}?{level}", text[pos : pos + 12])) is not None:
        pos += m.end()
    m = _COUNT_AFTER.match(text, pos)
    if m is None:
        return False
    nxt = text[m.end() : m.end() + len(level)]
    if nxt == level:
        return True  # 三个村: the names before are counted
    return pos == he and (m.end() == len(text) or text[m.end()] in recognise.CLAUSE_START)


# 全街道共划分网格86个: the whole of the nearest place of that level named before (or the country)
_WHOLE = {"全街道": "street", "全镇": "town", "全乡": "town", "全县": "county", "全区": "district", "全市": "city"}
_WHOLE |= {"全村": "village", "全社区": "community", "全国": "country", "全省": "province"}
_CLAUSE_END = re.compile(r"[，,。;；:：！？!?]")


def _whole_of(text: str, line_start: int, at: int, ctx: Context, since: int) -> tuple[str, str, int] | None:
    """(place, why, where the 全X starts) for the last 全X in text[since:at]: the nearest place of that level named
    in the paragraph before at (or the main place of that level, or the country)."""
    where, level = max(((text.rfind(w, since, at), lv) for w, lv in _WHOLE.items()), default=(-1, None))
    if where < 0:
        return None
    best = None
    for p in ctx.places:
        if p.level != level:
            continue
        if level == "country":
            return p.id, "place: the whole country (全国)", where
        for n in p.names:
            i = text.rfind(n, line_start, at)
            if i >= 0 and (best is None or i > best[0]):
                best = (i, p.id)
    if best is None and ctx.main_place and any(p.id == ctx.main_place and p.level == level for p in ctx.places):
        best = (0, ctx.main_place)
    return (best[1], f"place: the whole of the {level} named before it", where) if best else None


def _unregistered(name: str, ctx: Context, what: str) -> tuple[str | None, str]:
    if ctx.preview:
        pid = places.slug(name, set())
        return pid, f"place: {name} is not in the registry (id {pid} from its name)"
    return None, f"{what} {name} is not in the registry: accept it in the Places step"


def _named_in(text: str, line_start: int, ctx: Context) -> list[tuple[int, int, str]]:
    """(start, end, name as written) of every place the paragraph names, once per paragraph."""
    if line_start not in ctx.named:
        end = text.find("\n", line_start)
        res = places.resolve(text[line_start : len(text) if end < 0 else end], {})
        ctx.named[line_start] = sorted(
            (line_start + a, line_start + b, w)
            for p in res.proposals
            if not p.implied and p.entry.get("level") != "country"
            for (a, b), w in zip(p.spans, p.written, strict=True)
        )
    return ctx.named[line_start]


def _quote(text: str, start: int, end: int, bounds, once: Once | None = None) -> tuple[int, int] | None:
    """The clause holding [start, end), extended clause by clause until it occurs once in the text."""
    once = once or Once(text)
    lo, hi = bounds[0], bounds[1]
    s = start
    while s > lo and text[s - 1] not in CLAUSE_END:
        s -= 1
    e = end
    while e < hi and text[e] not in CLAUSE_END:
        e += 1
    while s < start and text[s].isspace():  # once: a quote need not start with the indentation
        s += 1
    while True:
        q = text[s:e]
        if e - s > QUOTE_MAX:
            return _window(text, start, end, lo, once)
        if q and once(s, e):
            return s, e
        can_left, can_right = s > lo, e < hi
        if not (can_left or can_right):
            return None
        # Grow on the side that stays in the sentence, then on the side with less context so far.
        left_cost = (text[s - 1] in SENTENCE_END, start - s) if can_left else (True, 10**9)
        right_cost = (text[e] in SENTENCE_END, e - end) if can_right else (True, 10**9)
        if can_left and (not can_right or left_cost < right_cost):
            s -= 1
            while s > lo and text[s - 1] not in CLAUSE_END:
                s -= 1
        else:
            e += 1
            while e < hi and text[e] not in CLAUSE_END:
                e += 1


def _window(text: str, start: int, end: int, lo: int, once: Once) -> tuple[int, int] | None:
    """A long clause: the shortest window around the number that is unique (prose without punctuation)."""
    for width in (8, 16, 32, 64, 128, 256, 512):
        s, e = max(lo, start - width), min(len(text), end + width)
        if e - s <= QUOTE_MAX and once(s, e):
            return s, e
    return None


def _anchor(quote: str, offset: int) -> str:
    """The shortest text ending where the number starts that occurs once in the quote ('' at its start)."""
    if offset == 0:
        return ""
    head = quote[:offset]
    for n in range(min(2, len(head)), len(head) + 1):
        a = head[-n:]
        if occurs_once(quote, a):
            return a
    return head


def _without_place(label: str, ctx: Context) -> str:
    """广州市新建楼宇党群服务站 -> 楼宇党群服务站: the place is the row's city, not part of its label."""
    for p in ctx.places:
        for name in sorted({*p.names, p.zh + "市", p.zh + "区", p.zh + "县"}, key=len, reverse=True):
            if label.startswith(name) and len(label) - len(name) >= 2:
                rest = label[len(name) :]
                for w in LABEL_LEAD_WORDS:
                    if rest.startswith(w) and len(rest) - len(w) >= 2:
                        return rest[len(w) :]
                return rest
    return label


def _restore(s: str) -> str:
    """Labels read better with the masked character restored (党, or 政 in 行政/财政 ...); quotes never are."""
    s = s.replace("**", "党政")
    for z in ZHENG[1:]:
        s = s.replace(z, z.replace("*", "政"))
    return s.replace("*", "党")


def _label(text: str, m) -> tuple[str, str]:
    if m.unit in ("年",) and m.value is None or (m.unit == "年" and m.value and m.value >= 1900):
        return "年份", "label: name the event this year dates"
    if m.unit in ("月", "日"):
        return "月份" if m.unit == "月" else "日期", "label: name the event this date belongs to"
    if m.slogan:
        q = recognise._quoted(text, m.start)
        term = text[q[0] : q[1]] if q else text[m.start : m.end]
        after = _phrase_after(text, q[1] if q else m.end, 6)
        return _restore(term + after), ""
    unit = (m.unit or "")[-1:]
    starts_counter = m.end < len(text) and text[m.end] in COUNTERS
    after = _phrase_after(text, m.end, 12) if not starts_counter else ""
    if after and unit in COUNTERS:
        return _restore(after), ""
    if after and m.unit and m.unit not in ("%", "％", "‰") and not m.unit.endswith("元"):
        # 三年行动计划, 80岁: the number names the thing (a share or a sum never does: 50%上升到…)
        return _restore(text[m.start : m.end] + after), ""
    before = _phrase_before(text, m.start)
    if before:
        return _restore(before), ""
    return _restore(text[m.start : m.end]), "label: no noun found near the number (write one)"


# Words that start nouns right after a measure word, though their first character is a stop word (63个共享书屋).
NOUNS_AFTER_COUNTER = ("共享", "共同体", "共青团", "共建单位", "为民", "在职", "已婚", "到龄")


def _phrase_after(text: str, pos: int, limit: int) -> str:
    if any(text.startswith(w, pos) for w in (*LABEL_STOP_WORDS, *LABEL_LEAD_WORDS)) and not any(
        text.startswith(w, pos) for w in NOUNS_AFTER_COUNTER
    ):
        return ""  # 2.3万名到社区报到: a verb follows, the counted noun stands before the number
    out = []
    i = pos
    while i < len(text) and len(out) < limit and text[i] not in LABEL_STOP:
        if out and any(text.startswith(w, i) for w in LABEL_STOP_WORDS):
            break
        if text[i].isdigit() or (text[i] in recognise.CN_DIGITS and text[i + 1 : i + 2] in COUNTERS):
            break
        out.append(text[i])
        i += 1
    return "".join(out).strip()


TRAIL_WORDS = ("达到", "达", "为", "占", "共", "有", "的", "之", "约", "近", "超过", "至少", "不少于", "不低于", "不到")
TRAIL_WORDS += ("由", "从", "中")  # 满意度由不到50%: 物业企业中有9家


def _phrase_before(text: str, pos: int) -> str:
    i = pos
    while i > 0 and text[i - 1] not in LABEL_STOP and not text[i - 1].isdigit() and pos - i < 16:
        i -= 1
    if i > 0 and text[i - 1].isdigit():  # 12家物业企业中有家, 50%上升到87%: the unit left of here is that number's
        while i < pos and (text[i] in COUNTERS or text[i] in "%％‰余多万亿元"):
            i += 1
    seg = text[i:pos]
    changed = True
    while changed and seg:
        changed = False
        for w in TRAIL_WORDS:
            if seg.endswith(w) and len(seg) > len(w):
                seg, changed = seg[: -len(w)], True
    cut = 0
    for w in LABEL_LEAD_WORDS:
        j = seg.rfind(w)
        if j >= 0 and j + len(w) <= len(seg) - 2:  # keep at least two characters of noun
            cut = max(cut, j + len(w))
    return seg[cut:].strip()


def _type(ctx: Context, label: str, m, text: str) -> tuple[str, str]:
    """The metric type whose keywords match: label, unit and clause, in an order set by the unit.

    A measure word (个, 名) says little, so the counted noun in the label decides; a unit of money,
    time, share or size (万元, 年, %, 平方米) says what is measured, so it decides first. A slogan's
    type is read from the slogan alone; a year from its role (年份).
    """
    if not ctx.types:
        return "other", "type: no metric types in the registry"
    unit = m.unit or ""
    if m.rule.startswith(("year", "deleted year")):
        unit = "年份"
    base = unit.lstrip("万亿") or unit
    counter = base[-1:] in COUNTERS and len(base) == 1
    if m.slogan:
        q = recognise._quoted(text, m.start)
        places = [("slogan", text[q[0] : q[1]] if q else label)]
    else:
        cs = m.start
        while cs > 0 and text[cs - 1] not in CLAUSE_END:
            cs -= 1
        ce = m.end
        while ce < len(text) and text[ce] not in CLAUSE_END:
            ce += 1
        clause = _restore(text[cs:ce])
        places = [("label", _restore(label)), ("unit", base), ("clause", clause)]
        if base == "个月":  # a duration (为期一个月, 3个月内): no date, so the unit says nothing of the type
            places = [("label", _restore(label)), ("clause", clause)]
        elif not counter:
            places = [("unit", base), ("label", _restore(label)), ("clause", clause)]
    for where, hay in places:
        best = None
        for tid, keywords in ctx.types:
            for kw in keywords:
                if _keyword_hit(kw, hay, where == "unit") and (best is None or len(kw) > best[0]):
                    best = (len(kw), tid, kw)
        if best:
            return best[1], f"type: keyword {best[2]} in the {where}"
    fallback = "other" if any(t == "other" for t, _ in ctx.types) else ctx.types[-1][0]
    return fallback, "type: no keyword matched"


def _keyword_hit(kw: str, hay: str, unit: bool) -> bool:
    """A one-character keyword (年, 件, %) names a unit: it matches the unit and the units ending in it
    (次: 场次, 人次), never a word that merely contains it (全年)."""
    if unit:
        return kw == hay or (len(kw) == 1 and hay.endswith(kw))
    return len(kw) > 1 and kw in hay


def _missing_sections(text: str, ctx: Context, sections, used_ids) -> list[Proposal]:
    out = []
    for pid, announced in ctx.missing:
        if text.count(announced) != 1:
            continue
        at = text.find(announced)
        zh = next((p.zh for p in ctx.places if p.id == pid), announced)
        label = f"{zh}章节缺失"
        out.append(
            Proposal(
                id=_id(ctx.source, "missing_section", at, used_ids),
                source=ctx.source,
                city=pid,
                type=_type(ctx, "章节缺失", _Bare(), text)[0],
                label_zh=label,
                label_en=ctx.glossary.get("章节缺失", ""),
                value=None,
                low=None,
                high=None,
                unit=None,
                value_norm=None,
                unit_norm=None,
                qualifier="exact",
                status="missing_section",
                quote=announced,
                anchor=None,
                start=at,
                end=at + len(announced),
                reason="announced in the text, but no section of the text is about it",
                confidence=0.9,  # the registry says so; the text only confirms the name
                rule="missing section",
                at=at,
                span=(at, at + len(announced)),
            )
        )
    return out


class _Bare:
    start = end = 0
    unit = None
    slogan = False
    rule = "missing section"


def _self_check(text: str, p: Proposal, once: Once | None = None) -> str | None:
    """The validator's own placement rules, so a proposal that would not validate is skipped, with why."""
    if not (once(p.start, p.end) if once and text[p.start : p.end] == p.quote else occurs_once(text, p.quote)):
        return "quote is not unique"
    if p.anchor is not None and p.anchor and not occurs_once(p.quote, p.anchor):
        return "no anchor occurs once in the quote"
    at = p.start + (p.quote.find(p.anchor) + len(p.anchor) if p.anchor else 0)
    if at != p.at:
        return "anchor does not end at the number"
    if p.status == "reported":
        for v in (p.value, p.low, p.high):
            if v is not None and numerals.find_number(p.quote, v) is None:
                return f"the validator cannot find {numerals.arabic(v)} as written in the quote"
        first = p.value if p.value is not None else p.low
        if first is None or not numerals.number_at(text, at, first):
            return "the number as written is not one the validator reads"
    elif p.status == "blank" and at < len(text) and text[at].isdigit():
        return "a digit follows the gap"
    try:
        Figure.model_validate(p.row())
    except Exception as exc:  # noqa: BLE001 - any model error means: not a usable row
        return f"not a valid row: {str(exc).splitlines()[0]}"
    return None


def exclusions(text: str, d: Draft, source: str) -> list[dict]:
    """The skipped numbers as entries of scan_exclusions.yaml (context made unique in the text)."""
    out = []
    once = Once(text)
    for s in d.skipped:
        span = _quote(text, s.start, s.end, (0, len(text), None), once)
        if span is None:
            continue
        out.append({"source": source, "context": text[span[0] : span[1]], "finding": s.written, "reason": s.reason})
    return out
