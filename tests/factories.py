"""Small metrics files and source texts built in tmp_path."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import yaml

SOURCE_TEXT = (
    "本期邀请了甲省甲市、乙省乙市、丙省丙县的部长。\n"
    "甲省甲市:第一节\n"
    "全市共配备指导员名、专职书记12名。年3月,每个街道经费不少于万元,社区经费不少于10万元。\n"
    "乙省乙市:第二节\n"
    "建成7个中心,解决事项0余件,成立三类清单。"
)


def source(**over) -> dict:
    d = {
        "id": "src",
        "file": "source/text.txt",
        "sha256": hashlib.sha256(SOURCE_TEXT.encode("utf-8")).hexdigest(),
        "title_en": "Test source",
        "title_zh": "测试来源",
        "language": "zh",
        "masking_note_en": "none",
        "masking_note_zh": "无",
        "deletion_note_en": "numbers deleted",
        "deletion_note_zh": "数字被删",
        "appearances": copy.deepcopy(APPEARANCES),
    }
    d.update(over)
    return d


CITIES = [
    {"id": "jia", "zh": "甲市", "en": "Jia", "level": "city"},
    {"id": "yi", "zh": "乙市", "en": "Yi", "level": "city"},
    {"id": "bing", "zh": "丙县", "en": "Bing", "level": "county"},
]
APPEARANCES = [
    {"place": "jia", "has_section": True, "section_heading": "甲省甲市:第一节", "announced_as": "甲省甲市"},
    {"place": "yi", "has_section": True, "section_heading": "乙省乙市:第二节"},
    {"place": "bing", "has_section": False, "announced_as": "丙省丙县"},
]
TYPES = [
    {"id": "staffing", "zh": "人员", "en": "Staffing", "description_en": "people"},
    {"id": "funding", "zh": "经费", "en": "Funding", "description_en": "money"},
    {"id": "dates", "zh": "日期", "en": "Dates", "description_en": "dates"},
    {"id": "other", "zh": "其他", "en": "Other", "description_en": "other"},
]
INDICATORS = [{"id": "funding_floor", "zh": "经费下限", "en": "Funding floor"}]
METRICS = [
    {
        "id": "jia-instructors",
        "source": "src",
        "city": "jia",
        "type": "staffing",
        "label_zh": "指导员",
        "label_en": "Instructors",
        "unit": "名",
        "status": "blank",
        "quote": "全市共配备指导员名",
        "anchor": "全市共配备指导员",
    },
    {
        "id": "jia-secretaries",
        "source": "src",
        "city": "jia",
        "type": "staffing",
        "label_zh": "专职书记",
        "label_en": "Secretaries",
        "value": 12,
        "unit": "名",
        "status": "reported",
        "quote": "专职书记12名",
    },
    {
        "id": "jia-year",
        "source": "src",
        "city": "jia",
        "type": "dates",
        "label_zh": "年份",
        "label_en": "Year",
        "unit": "年",
        "status": "blank",
        "quote": "年3月,每个街道",
        "anchor": "",
    },
    {
        "id": "jia-month",
        "source": "src",
        "city": "jia",
        "type": "dates",
        "label_zh": "月份",
        "label_en": "Month",
        "value": 3,
        "unit": "月",
        "status": "reported",
        "quote": "年3月,每个街道",
    },
    {
        "id": "jia-street-floor",
        "source": "src",
        "city": "jia",
        "type": "funding",
        "indicator": "funding_floor",
        "label_zh": "街道经费",
        "label_en": "Street funding floor",
        "unit": "万元",
        "qualifier": "at_least",
        "status": "blank",
        "quote": "每个街道经费不少于万元",
        "anchor": "不少于",
    },
    {
        "id": "jia-community-floor",
        "source": "src",
        "city": "jia",
        "type": "funding",
        "indicator": "funding_floor",
        "label_zh": "社区经费",
        "label_en": "Community funding floor",
        "value": 10,
        "unit": "万元",
        "qualifier": "at_least",
        "status": "reported",
        "quote": "社区经费不少于10万元",
    },
    {
        "id": "yi-centers",
        "source": "src",
        "city": "yi",
        "type": "other",
        "label_zh": "中心",
        "label_en": "Centres",
        "value": 7,
        "unit": "个",
        "status": "reported",
        "quote": "建成7个中心",
    },
    {
        "id": "yi-matters",
        "source": "src",
        "city": "yi",
        "type": "other",
        "label_zh": "事项",
        "label_en": "Matters resolved",
        "unit": "件",
        "qualifier": "more_than",
        "status": "partial",
        "quote": "解决事项0余件",
        "anchor": "解决事项",
        "digits_shown": "0",
    },
    {
        "id": "yi-lists",
        "source": "src",
        "city": "yi",
        "type": "other",
        "label_zh": "清单",
        "label_en": "Lists",
        "value": 3,
        "unit": "类",
        "status": "reported",
        "quote": "成立三类清单",
    },
    {
        "id": "bing-missing",
        "source": "src",
        "city": "bing",
        "type": "other",
        "label_zh": "缺少章节",
        "label_en": "Section missing",
        "status": "missing_section",
        "quote": "丙省丙县",
    },
]


def document(**over) -> dict:
    doc = {
        "sources": [source()],
        "cities": copy.deepcopy(CITIES),
        "metric_types": copy.deepcopy(TYPES),
        "indicators": copy.deepcopy(INDICATORS),
        "metrics": copy.deepcopy(METRICS),
    }
    doc.update(over)
    return doc


def write(tmp_path: Path, doc: dict | None = None, *, text: str | None = None, source_text: str = SOURCE_TEXT) -> Path:
    """Write a metrics file (from doc, or raw text) and its source; return the YAML path."""
    (tmp_path / "source").mkdir(exist_ok=True)
    (tmp_path / "source" / "text.txt").write_text(source_text, encoding="utf-8")
    path = tmp_path / "metrics.yaml"
    if text is None:
        text = yaml.safe_dump(document() if doc is None else doc, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """1-based line of the first line containing needle (after the line containing `after`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if after in line)
    return next(i + 1 for i in range(start, len(lines)) if needle in lines[i])


# A dozen places from four sources: the viewer with real-looking breadth (several levels and provinces, long
# indicator names, magnitudes from 0.8 to 2,400, blanks). Our own sentences; place names are placeholders.
DOZEN_PLACES = [  # (id, zh, en, level, parent)
    ("p-jia", "甲省", "Jia Province", "province", None),
    ("p-yi", "乙省", "Yi Province", "province", None),
    ("p-bing", "丙省", "Bing Province", "province", None),
    ("c-jia", "甲市", "Jia City", "city", "p-jia"),
    ("c-ding", "丁市", "Ding City", "city", "p-jia"),
    ("c-yi", "乙市", "Yi City", "city", "p-yi"),
    ("c-bing", "丙市", "Bing City", "city", "p-bing"),
    ("d-dong", "东区", "Dong District", "district", "c-jia"),
    ("d-xi", "西区", "Xi District", "district", "c-yi"),
    ("s-nan", "南街道", "Nan Subdistrict", "street", "d-dong"),
    ("s-bei", "北街道", "Bei Subdistrict", "street", "d-xi"),
    ("k-zhong", "中县", "Zhong County", "county", "c-bing"),
    ("t-xin", "新镇", "Xin Town", "town", "k-zhong"),
]
# (source, place, area in 公顷 or None for a deleted number): the long indicator every place reports
DOZEN_AREAS = [
    ("dz-forum", "c-jia", 2400),
    ("dz-forum", "c-yi", 1800),
    ("dz-forum", "c-bing", None),
    ("dz-survey", "d-dong", 45),
    ("dz-survey", "d-xi", 38),
    ("dz-survey", "s-nan", 0.8),
    ("dz-news", "s-bei", 0.9),
    ("dz-news", "k-zhong", 120),
    ("dz-news", "t-xin", 1.5),
    ("dz-report", "p-jia", 900),
    ("dz-report", "p-yi", None),
    ("dz-report", "c-ding", 260),
    ("dz-news", "c-jia", 2350),  # the same place in a second source: side by side, each row naming its source
]
DOZEN_BUILT = [("dz-forum", "c-jia", 14), ("dz-report", "c-ding", 6)]  # a second, short group of long name
DOZEN_STATIONS = ("dz-survey", "d-dong", 3)  # a group of one row, its name longer than two lines


def dozen(tmp_path: Path, thirteen: bool = False) -> Path:
    """Four sources naming a dozen places at six levels in three provinces (thirteen: one more place, Bing
    Province, reports the area too); the entry file's path."""
    place = {p[0]: p for p in DOZEN_PLACES}
    texts: dict[str, list[str]] = {}
    rows = []
    for sid, pid, value in DOZEN_AREAS + ([("dz-report", "p-bing", 700)] if thirteen else []):
        zh = place[pid][1]
        written = "" if value is None else f"{value:g}"
        quote = f"{zh}党群服务阵地总面积{written}公顷"
        texts.setdefault(sid, []).append(f"据统计,{quote}。")
        row = {
            "id": f"{sid}-{pid}-area",
            "source": sid,
            "city": pid,
            "type": "service_centers",
            "indicator": "centre_area",
            "label_zh": "党群服务阵地总面积",
            "label_en": "Total floor area of Party-mass service positions",
            "unit": "公顷",
            "quote": quote,
        }
        if value is None:
            row.update(status="blank", anchor=f"{zh}党群服务阵地总面积")
        else:
            row.update(value=value, status="reported")
        rows.append(row)
    for sid, pid, value in DOZEN_BUILT:
        quote = f"{place[pid][1]}在商务楼宇和产业园区新建区域性党群服务中心{value}个"
        texts[sid].append(f"今年{quote}。")
        rows.append(
            {
                "id": f"{sid}-{pid}-built",
                "source": sid,
                "city": pid,
                "type": "service_centers",
                "indicator": "regional_centres_built",
                "label_zh": "新建区域性党群服务中心",
                "label_en": "Regional centres built",
                "value": value,
                "unit": "个",
                "status": "reported",
                "quote": quote,
            }
        )
    sid, pid, value = DOZEN_STATIONS
    quote = f"{place[pid][1]}在新建住宅小区和商圈设立党建指导站{value}个"
    texts[sid].append(f"此外,{quote}。")
    rows.append(
        {
            "id": f"{sid}-{pid}-stations",
            "source": sid,
            "city": pid,
            "type": "service_centers",
            "indicator": "guidance_stations",
            "label_zh": "党建指导站",
            "label_en": "Guidance stations",
            "value": value,
            "unit": "个",
            "status": "reported",
            "quote": quote,
        }
    )
    (tmp_path / "source").mkdir(exist_ok=True)
    sources = []
    titles = {"dz-forum": "三市座谈", "dz-survey": "街区调查", "dz-news": "县镇新闻", "dz-report": "两省报告"}
    for sid, lines in texts.items():
        body = titles[sid] + "\n" + "".join(lines) + "\n"
        (tmp_path / "source" / f"{sid}.txt").write_text(body, encoding="utf-8")
        used = list(dict.fromkeys(r["city"] for r in rows if r["source"] == sid))
        sources.append(
            source(
                id=sid,
                file=f"source/{sid}.txt",
                sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
                title_zh=titles[sid],
                title_en=f"Fixture {sid[3:]}",
                appearances=[{"place": p} for p in used],
            )
        )
    doc = {
        "sources": sources,
        "cities": [{"id": i, "zh": zh, "en": en, "level": lv, "parent": up} for i, zh, en, lv, up in DOZEN_PLACES],
        "metric_types": [{"id": "service_centers", "zh": "服务阵地", "en": "Service centres", "description_en": "c"}],
        "indicators": [
            {
                "id": "centre_area",
                "zh": "街道和社区党群服务阵地总面积",
                "en": "Total floor area of Party-mass service positions at street and community level",
            },
            {
                "id": "regional_centres_built",
                "zh": "商务楼宇和产业园区新建区域性党群服务中心",
                "en": "Regional Party-mass service centres newly built in office buildings and industrial parks",
            },
            {
                "id": "guidance_stations",
                "zh": "新建住宅小区和商圈党建指导站",
                "en": "Party-building guidance stations opened in newly built residential compounds and business "
                "districts",
            },
        ],
        "metrics": rows,
    }
    path = tmp_path / "metrics.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
