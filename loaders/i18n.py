"""UI strings in English and Chinese. City, type and indicator names come from metrics.yaml."""

from __future__ import annotations

GAP_MARK = "【?】"
"""Drawn in text where the source deleted a number (a cut number keeps its surviving digits after it)."""

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Reported figures: urban grassroots Party building", "zh": "报道数据:城市基层党建"},
    "language": {"en": "Language", "zh": "语言"},
    "filters": {"en": "Filters", "zh": "筛选"},
    "city": {"en": "City", "zh": "城市"},
    "type": {"en": "Metric type", "zh": "指标类型"},
    "status": {"en": "Status", "zh": "状态"},
    "qualifier": {"en": "Qualifier", "zh": "限定"},
    "indicator": {"en": "Indicator", "zh": "指标"},
    "all": {"en": "All", "zh": "全部"},
    "only_blanks": {"en": "Only blanks", "zh": "仅显示空缺"},
    "page_overview": {"en": "Overview", "zh": "概览"},
    "page_compare": {"en": "Compare cities", "zh": "城市比较"},
    "page_gaps": {"en": "Gaps in the source", "zh": "原文空缺"},
    "page_city": {"en": "City profile", "zh": "城市概况"},
    "page_reader": {"en": "Source reader", "zh": "原文阅读"},
    "page_data": {"en": "Data", "zh": "数据表"},
    "no_selection": {
        "en": "No figures match the current filters. Widen the selection.",
        "zh": "当前筛选条件下没有数据,请放宽筛选。",
    },
    "not_in_source": {"en": "not in source", "zh": "原文缺失"},
    "errors_title": {"en": "The metrics file has problems", "zh": "数据文件有错误"},
    "errors_intro": {
        "en": "The dashboard cannot show figures until these are fixed. Each line gives file:line: field: message.",
        "zh": "修正以下错误后才能显示数据。每行格式为 文件:行号: 字段: 说明。",
    },
    "chart_overview": {"en": "Figures by city and metric type, by status", "zh": "各城市各类指标数量(按状态)"},
    "figures": {"en": "Figures", "zh": "数据条目"},
    "cities_with_section": {"en": "Cities with a section", "zh": "有专门章节的城市"},
    "blanks": {"en": "Blank figures", "zh": "空缺数据"},
    "share_blank": {"en": "Share blank or cut", "zh": "空缺或残缺占比"},
    "missing_sections": {
        "en": "Announced in the introduction, but the article has no section for:",
        "zh": "导语中提及、但正文没有对应章节的城市:",
    },
    "notice_ignored": {"en": "Ignored in the address", "zh": "地址中被忽略的参数"},
    "status_reported": {"en": "Reported", "zh": "已报道"},
    "status_blank": {"en": "Blank (number deleted)", "zh": "空缺(数字被删)"},
    "status_partial": {"en": "Partial (digits cut)", "zh": "残缺(数字不全)"},
    "status_missing_section": {"en": "Section missing", "zh": "缺少章节"},
    # -- compare/gaps strings (add below) --
    # -- city/reader/data strings (add below) --
    "qualifier_exact": {"en": "exact", "zh": "确数"},
    "qualifier_at_least": {"en": "at least (≥)", "zh": "不少于(≥)"},
    "qualifier_more_than": {"en": "more than (>)", "zh": "余/多(>)"},
    "qualifier_at_most": {"en": "nearly (≤)", "zh": "近(≤)"},
    "qualifier_range": {"en": "range", "zh": "区间"},
}


def t(key: str, lang: str) -> str:
    """The UI string for key in lang (English when a translation is missing)."""
    entry = STRINGS[key]
    return entry.get(lang) or entry["en"]


def name(entry: dict, lang: str) -> str:
    """Display name of a registry entry (city, type, indicator) in lang."""
    return entry.get(lang) or entry["en"]


def both(entry: dict, lang: str) -> str:
    """A registry label in both languages, the UI language first: 'Guangzhou · 广州'."""
    first, second = (entry["zh"], entry["en"]) if lang == "zh" else (entry["en"], entry["zh"])
    return f"{first} · {second}" if second and second != first else first


def status_label(status: str, lang: str) -> str:
    return t(f"status_{status}", lang)


def qualifier_label(qualifier: str, lang: str) -> str:
    return t(f"qualifier_{qualifier}", lang)
