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
