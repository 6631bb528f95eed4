"""UI strings in English and Chinese. City, type and indicator names come from metrics.yaml."""

from __future__ import annotations

from collections import Counter

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
    "no_section_marker": {"en": "no section in the source", "zh": "原文无此章节"},
    "errors_title": {"en": "The metrics file has problems", "zh": "数据文件有错误"},
    "errors_intro": {
        "en": "The dashboard cannot show figures until these are fixed. Each line gives file:line: field: message.",
        "zh": "修正以下错误后才能显示数据。每行格式为 文件:行号: 字段: 说明。",
    },
    "chart_overview": {"en": "Figures by city and metric type, by status", "zh": "各城市各类指标数量(按状态)"},
    "figures": {"en": "Figures", "zh": "数据条目"},
    "cities_with_section": {"en": "Places with a section in their source", "zh": "在来源中有专门章节的地区"},
    "places_named": {"en": "Places the figures concern", "zh": "数据涉及的地点"},
    "places_named_help": {
        "en": "No source in this selection gives places headed sections (a news story or a survey simply names "
        "its places), so no place here can lack a section: this counts the places its figures are about.",
        "zh": "所选来源均未为各地设专门章节(新闻或调查只是提及地点),因此不存在缺少章节的地点:此处统计数据涉及的地点数。",
    },
    "blanks": {"en": "Blank figures", "zh": "空缺数据"},
    "share_blank": {"en": "Share blank or cut", "zh": "空缺或残缺占比"},
    "overview_counts_note": {
        "en": "Figures counts every row, as the Data page does: {figures} with a number reported, blank or cut, "
        "and {absent} for a place announced without a section (no number was deleted there). The share blank "
        "or cut leaves those {absent} out: it is over the {figures}.",
        "zh": "数据条目统计全部条目(与“数据”页一致):{figures} 条为已报道、空缺或残缺的数字,{absent} 条为导语提及但没有章节的"
        "地区(该处并无被删除的数字)。空缺或残缺占比不计这 {absent} 条,以 {figures} 条为分母。",
    },
    "missing_sections": {
        "en": "Announced in the introduction, but the source has no section for:",
        "zh": "导语中提及、但该来源正文没有对应章节的地区:",
    },
    "notice_ignored": {"en": "Ignored in the address", "zh": "地址中被忽略的参数"},
    "status_reported": {"en": "Reported", "zh": "已报道"},
    "status_blank": {"en": "Blank (number deleted)", "zh": "空缺(数字被删)"},
    "status_partial": {"en": "Partial (digits cut)", "zh": "残缺(数字不全)"},
    "status_missing_section": {"en": "Section missing", "zh": "缺少章节"},
    # -- compare/gaps strings (add below) --
    "cmp_pick": {"en": "Indicator to compare", "zh": "比较的指标"},
    "cmp_all_shared": {"en": "All indicators reported by several cities", "zh": "多个城市均有的全部指标"},
    "cmp_n_cities": {"en": "{n} cities", "zh": "{n}个城市"},
    "cmp_view_indicator": {
        "en": "One indicator, every city that reports it. Blank figures are marked “not in source”, never drawn as 0.",
        "zh": "单一指标在各城市的数据。原文缺失的数字标为“原文缺失”,不画作0。",
    },
    "cmp_view_type": {
        "en": "Every figure of the chosen metric types, grouped by shared indicator (or by type). Blanks are marked, never 0.",
        "zh": "所选指标类型的全部数据,按共同指标(或类型)分组。空缺数字单独标出,不画作0。",
    },
    "cmp_view_shared": {
        "en": "Indicators reported by several cities. Pick one above, or a metric type in the sidebar to see all its figures. Blanks are marked, never 0.",
        "zh": "多个城市均有的指标。可在上方选择单一指标,或在侧栏选择指标类型查看其全部数据。空缺数字单独标出,不画作0。",
    },
    "cmp_chart": {"en": "Figures compared across cities", "zh": "各城市数据比较"},
    "cmp_unit": {"en": "unit: {unit}", "zh": "单位:{unit}"},
    "cmp_no_unit": {"en": "no unit", "zh": "无单位"},
    "cmp_log": {"en": "log scale", "zh": "对数坐标"},
    "cmp_scale_note": {
        "en": "Each panel has one unit; values written in 万 (10,000) are converted to the base unit (10 万元 → 100000 元). Ranges show their midpoint with a bar to each end.",
        "zh": "每个子图只含一种单位;以“万”为单位的数值换算为基本单位(10万元 → 100000元)。区间以中点绘制,误差线标出两端。",
    },
    "cmp_table": {"en": "The figures as written in the source", "zh": "原文中的数据"},
    "cmp_col_city": {"en": "City", "zh": "城市"},
    "cmp_col_group": {"en": "Indicator or type", "zh": "指标或类型"},
    "cmp_col_label": {"en": "Figure", "zh": "数据项"},
    "cmp_col_value": {"en": "As written", "zh": "原文写法"},
    "cmp_col_status": {"en": "Status", "zh": "状态"},
    "cmp_col_quote": {"en": "Quote", "zh": "原文引文"},
    "cmp_open_reader": {"en": "Open a figure in the Source reader", "zh": "在原文阅读中打开"},
    "cmp_no_section": {
        "en": "No section in its source, so nothing to compare for: {cities}",
        "zh": "以下地区在其来源中没有章节,无数据可比较:{cities}",
    },
    "gaps_matrix": {"en": "Where numbers are missing", "zh": "数字缺失分布"},
    "gaps_nothing_missing": {
        "en": "Nothing is missing in this selection: every figure is reported, and every announced place has its section.",
        "zh": "当前选择中没有缺失:所有数据均有报道,导语提及的地区均有章节。",
    },
    "cmp_unshared": {
        "en": "Nothing here is shared with another place to compare like with like; the selection's own figures, by metric type:",
        "zh": "所选地区没有可与其他地区对比的共同指标;以下按指标类型列出其自身数据:",
    },
    "cmp_one_colour": {
        "en": "{n} places in the chart, more than {most} colours tell apart: bars are coloured by status (reported, "
        "or hatched where not in the source), not by place; each row names its place.",
        "zh": "图中有 {n} 个地区,超过 {most} 种颜色所能区分:柱形按状态着色(已报道,或原文缺失处以斜线标出),不按地区着色;"
        "每行注明地区。",
    },
    "cmp_levels": {
        "en": "Places of different levels side by side ({levels}): each name says its level; a subdistrict is not a city.",
        "zh": "不同层级的地区并列({levels}):名称后注明层级,街道不等同于城市。",
    },
    "source_id": {"en": "Source id", "zh": "来源编号"},
    "source_publisher": {"en": "Publisher", "zh": "发布者"},
    "source_author": {"en": "Author", "zh": "作者"},
    "source_published": {"en": "Published", "zh": "发布日期"},
    "source_url": {"en": "Address", "zh": "网址"},
    "source_accessed": {"en": "Accessed", "zh": "访问日期"},
    "source_file": {"en": "Text file", "zh": "原文文件"},
    "source_notes": {"en": "Notes", "zh": "备注"},
    "include_drafts": {"en": "Include unreviewed drafts", "zh": "包含未审核的草稿"},
    "include_drafts_help": {
        "en": "Rows the drafter proposed that no curator has reviewed yet; marked [draft] wherever shown.",
        "zh": "自动起草、尚未经人工审核的数据;显示时标注[草稿]。",
    },
    "draft_mark": {"en": "[draft]", "zh": "[草稿]"},
    "gaps_col_elsewhere": {"en": "Reported elsewhere (another source)", "zh": "其他来源的报道"},
    "gaps_evidence_source": {"en": "Evidence from the text of", "zh": "依据的原文"},
    "gaps_heatmap": {
        "en": "Missing figures (blank + cut + no section) by city and metric type",
        "zh": "各城市各类指标的缺失数(空缺+残缺+缺章节)",
    },
    "gaps_cell": {"en": "missing / figures", "zh": "缺失数 / 条目数"},
    "gaps_matrix_note": {
        "en": "Each cell: missing / figures. An empty cell: the place reports nothing of that type.",
        "zh": "每格为 缺失数 / 条目数。空格表示该城市没有此类数据。",
    },
    "gaps_completeness": {"en": "Completeness: share of figures reported", "zh": "完整度:已报道数据占比"},
    "gaps_completeness_note": {
        "en": "Figures: the rows with a number, reported, blank or cut; a place announced without a section is "
        "counted under Section missing only, and left out of Figures and of the share.",
        "zh": "条目数:有数字的条目(已报道、空缺或残缺);导语提及但没有章节的地区只计入“章节缺失”,不计入条目数和占比。",
    },
    "gaps_col_figures": {"en": "Figures", "zh": "条目数"},
    "gaps_col_share": {"en": "Share reported", "zh": "已报道占比"},
    "gaps_no_figures": {"en": "no section", "zh": "无章节"},
    "gaps_listing": {"en": "Every figure in its sentence", "zh": "各条数据及其原句"},
    "gaps_listing_note": {
        "en": "{mark} marks where the source deleted a number; digits after it survived a cut.",
        "zh": "{mark} 表示原文删去数字的位置;其后的数字为残留部分。",
    },
    "gaps_col_context": {"en": "Sentence", "zh": "原句"},
    "gaps_col_around": {"en": "Around the figure", "zh": "数字前后"},
    "gaps_missing": {"en": "missing", "zh": "缺失数"},
    "gaps_digit_one": {"en": "1 digit", "zh": "1位"},
    "gaps_col_near": {"en": "Surviving numbers in the paragraph (digits)", "zh": "同段残存数字(位数)"},
    "gaps_col_longest": {"en": "Longest (digits)", "zh": "最长位数"},
    "gaps_evidence": {"en": "What was removed (evidence, not data)", "zh": "被删去的是什么(线索,而非数据)"},
    "gaps_evidence_intro": {
        "en": "Nothing here is a figure from the source. It counts the digits of the Arabic numbers that survive, as a clue to which numbers were deleted.",
        "zh": "此处不是原文数据,只统计残存阿拉伯数字的位数,作为推测被删数字的线索。",
    },
    "gaps_evidence_summary": {
        "en": "{n} Arabic numbers survive in the source; the longest has {longest} digits. {blanks} numbers are blank and {partial} cut.",
        "zh": "原文残存阿拉伯数字{n}个,最长{longest}位;空缺{blanks}处,残缺{partial}处。",
    },
    "gaps_hist": {
        "en": "Evidence, not data: digit lengths of surviving numbers vs deleted numbers",
        "zh": "线索而非数据:残存数字的位数与被删数字的数量",
    },
    "gaps_hist_near": {"en": "Surviving, in a paragraph with a gap", "zh": "残存(同段有空缺)"},
    "gaps_hist_elsewhere": {"en": "Surviving, elsewhere", "zh": "残存(其他段落)"},
    "gaps_hist_deleted": {"en": "Deleted or cut (length unknown)", "zh": "被删或残缺(位数未知)"},
    "gaps_digits": {"en": "{n} digits", "zh": "{n}位"},
    "gaps_digits_more": {"en": "{n}+ digits", "zh": "{n}位以上"},
    "gaps_numbers": {"en": "Numbers", "zh": "数字个数"},
    # -- city/reader/data strings (add below) --
    "digits_cut": {"en": "digits cut", "zh": "数字残缺"},
    "col_label": {"en": "Figure", "zh": "数据项"},
    "col_written": {"en": "As written", "zh": "原文写法"},
    "col_written_help": {
        "en": "Qualifier, number and unit as the text gives them; 【?】 where the number was deleted",
        "zh": "原文中的限定词、数字和单位;数字被删处标为【?】",
    },
    "col_value": {"en": "Value", "zh": "数值"},
    "col_value_help": {"en": "Empty when the source gives no number (never 0)", "zh": "原文没有数字时留空(不记为0)"},
    "col_low": {"en": "Low", "zh": "下限"},
    "col_high": {"en": "High", "zh": "上限"},
    "col_unit": {"en": "Unit", "zh": "单位"},
    "col_unit_help": {
        "en": "Unit or measure word as written (个, 名, 万元, %, …)",
        "zh": "原文中的单位或量词(个、名、万元、%等)",
    },
    "col_quote": {"en": "Quote", "zh": "原文引文"},
    "col_quote_help": {"en": "Verbatim from the source; * masks a character", "zh": "原文照录;*为遮盖字符"},
    "col_note": {"en": "Note", "zh": "备注"},
    "col_reader": {"en": "In the text", "zh": "原文位置"},
    "open_reader": {"en": "open in reader", "zh": "在原文中查看"},
    "speaker": {"en": "Speaker", "zh": "发言人"},
    "role": {"en": "Role", "zh": "职务"},
    "city_figures": {"en": "Figures by metric type", "zh": "按指标类型分列的数据"},
    "untranslated_mark": {"en": "(untranslated)", "zh": "(未翻译)"},
    "city_section": {"en": "The place's section of the article", "zh": "文章中该地的章节"},
    "city_within": {"en": "{level} in {chain}", "zh": "{level},上级:{chain}"},
    "no_section": {
        "en": "“{source}” announces {city} in its introduction but has no section for it: no speaker, no figures.",
        "zh": "《{source}》导语提及{city},但正文没有该地的章节:没有发言人,也没有数据。",
    },
    "no_section_named": {
        "en": "“{source}” names {city} but has no section for it.",
        "zh": "《{source}》提及{city},但没有该地的章节。",
    },
    "city_source": {"en": "Source about this place", "zh": "关于该地的来源"},
    "announcing_sentence": {"en": "The sentence that announces it", "zh": "导语中提及该地的句子"},
    "figures_shown": {"en": "{n} of {total} figures", "zh": "{total} 条数据中的 {n} 条"},
    "table_page": {"en": "Page (of {pages})", "zh": "页码(共 {pages} 页)"},
    "table_rows": {
        "en": "Rows {start}–{stop} of {n}: the download below holds every row.",
        "zh": "第 {start}–{stop} 行,共 {n} 行:下方下载包含全部行。",
    },
    "reader_figure": {"en": "Open the text at a figure", "zh": "定位到数据项"},
    "reader_none": {"en": "(none)", "zh": "(不选)"},
    "reader_source": {"en": "Source text", "zh": "原文"},
    "reader_jump": {"en": "Jump to it in the text ↓", "zh": "跳到原文位置 ↓"},
    "reader_hover": {
        "en": "Hover a highlight for its label and id; a darker underline means several figures share the words.",
        "zh": "鼠标悬停可查看数据项名称和编号;下划线表示多个数据项共用同一段文字。",
    },
    "reader_filtered_out": {
        "en": "This figure is outside the current filters; it is highlighted anyway.",
        "zh": "该数据项不在当前筛选范围内,仍予以高亮。",
    },
    "gap_legend": {"en": "where a number was deleted", "zh": "数字被删处"},
    "downloads": {"en": "Download", "zh": "下载"},
    "download_filtered_csv": {"en": "Filtered table, CSV ({n} rows)", "zh": "筛选后的表格 CSV({n} 行)"},
    "download_filtered_json": {"en": "Filtered table, JSON ({n} rows)", "zh": "筛选后的表格 JSON({n} 行)"},
    "download_full_csv": {"en": "Full table, CSV ({n} rows)", "zh": "完整表格 CSV({n} 行)"},
    "download_full_json": {"en": "Full table, JSON ({n} rows)", "zh": "完整表格 JSON({n} 行)"},
    "download_view": {"en": "Download this view", "zh": "下载本视图"},
    "download_view_csv": {"en": "This view, CSV", "zh": "本视图 CSV"},
    "download_view_json": {"en": "This view, JSON", "zh": "本视图 JSON"},
    "download_view_overview": {
        "en": "the counts behind the chart, per place and metric type",
        "zh": "图表背后的计数(按地区和指标类型)",
    },
    "download_view_compare": {"en": "the table of the figures compared", "zh": "所比较数据的表格"},
    "download_view_gaps": {"en": "the listing of figures in their sentences", "zh": "各条数据及其原句的列表"},
    "download_view_city": {"en": "the place's figures, by metric type", "zh": "该地的数据(按指标类型)"},
    "download_view_reader": {"en": "the figures highlighted in the text shown", "zh": "所示原文中高亮的数据"},
    "download_view_data": {"en": "the table as shown, headings in this language", "zh": "所示表格(本语言的列名)"},
    "download_tables": {
        "en": "The tidy table, with the documented columns (README)",
        "zh": "整洁表格(列见 README 说明)",
    },
    "download_package_note": {
        "en": "Data package (zip): the figures with their schema, sources and source texts; a deleted number is an "
        "empty value with status blank, never 0",
        "zh": "数据包(zip):数据及其结构说明、来源和原文;被删除的数字为空值且状态为 blank,绝不记为 0",
    },
    "download_package_filtered": {
        "en": "Data package of the selection, zip ({n} rows)",
        "zh": "筛选结果的数据包 zip({n} 行)",
    },
    "download_package_full": {
        "en": "Data package of the full table, zip ({n} rows)",
        "zh": "完整表格的数据包 zip({n} 行)",
    },
    "total": {"en": "Total", "zh": "合计"},
    "source_meta": {"en": "Source", "zh": "来源"},
    "source_title": {"en": "Title", "zh": "标题"},
    "source_language": {"en": "Language", "zh": "语言"},
    "masking_note": {"en": "Masked characters", "zh": "遮盖字符"},
    "deletion_note": {"en": "Deleted numbers", "zh": "被删除的数字"},
    "qualifier_exact": {"en": "exact", "zh": "确数"},
    "qualifier_at_least": {"en": "at least (≥)", "zh": "不少于(≥)"},
    "qualifier_more_than": {"en": "more than (>)", "zh": "余/多(>)"},
    "qualifier_at_most": {"en": "nearly (≤)", "zh": "近(≤)"},
    "qualifier_range": {"en": "range", "zh": "区间"},
    "source": {"en": "Source", "zh": "来源"},
    "level": {"en": "Level", "zh": "层级"},
    "level_country": {"en": "country", "zh": "国家"},
    "level_province": {"en": "province", "zh": "省"},
    "level_city": {"en": "city", "zh": "市"},
    "level_district": {"en": "district", "zh": "区"},
    "level_county": {"en": "county", "zh": "县"},
    "level_street": {"en": "subdistrict", "zh": "街道"},
    "level_town": {"en": "town", "zh": "镇"},
    "level_community": {"en": "community", "zh": "社区"},
    "level_village": {"en": "village", "zh": "村"},
    "places_shown": {"en": "Places in the chart", "zh": "图中地区"},
    "cmp_groups_left": {
        "en": "The chart shows the first {shown} of {n} indicators (at most {most} figures); pick one above to chart it.",
        "zh": "图中显示{n}项指标中的前{shown}项(最多{most}条数据);在上方选择指标可单独查看。",
    },
    "and_n_more": {"en": "and {n} more", "zh": "等另外{n}个"},
    "cmp_places_capped": {
        "en": "The chart shows the {shown} places with most of these figures (at most {most} figures); the table "
        "below has them all.",
        "zh": "图中仅显示此类数据最多的{shown}个地区(最多{most}条数据);下表列出全部。",
    },
    "cmp_places_left": {
        "en": "{shown} of {n} places charted, those with most figures; the {rest} others are in the table below."
        " Pick places in the sidebar to chart them.",
        "zh": "图中为数据最多的{shown}个地区(共{n}个),其余{rest}个见下表;在侧栏选择地区可在图中查看。",
    },
    "missing_many": {
        "en": "{sources} sources announce {places} places in their introduction but have no section for them:",
        "zh": "{sources}个来源在导语中提及、但正文没有对应章节的地区共{places}个:",
    },
    "col_place": {"en": "Place", "zh": "地区"},
    "places_top": {"en": "The {n} with most figures", "zh": "数据最多的{n}个"},
    "places_all": {"en": "All {n}", "zh": "全部{n}个"},
    "other_places": {"en": "{n} other places", "zh": "其他{n}个地区"},
    "places_folded": {
        "en": "{shown} of {n} places shown, the {rest} others summed in one row; pick places in the sidebar to see them.",
        "zh": "显示{n}个地区中的{shown}个,其余{rest}个合为一行;在侧栏选择地区可单独查看。",
    },
    "col_source": {"en": "Source", "zh": "来源"},
    "col_level": {"en": "Level", "zh": "层级"},
    "in_source": {"en": "In “{source}”", "zh": "在《{source}》中"},
    "elsewhere": {
        "en": "deleted here; reported as {written} in “{source}”: “{quote}”",
        "zh": "此处被删;《{source}》报道为{written}:“{quote}”",
    },
    "elsewhere_title": {"en": "Reported elsewhere (another source's figure)", "zh": "其他来源的报道(非本来源数据)"},
}


# The Curate page (make curate only).
STRINGS.update(
    {
        "page_curate": {"en": "Curate", "zh": "整理"},
        "curate_intro": {
            "en": "Review the proposals beside the text: accept, fix or reject each, then save. Saving writes this source's figure file only, after validating everything; the previous version is kept and can be restored.",
            "zh": "对照原文审核候选数据:接受、修改或拒绝,然后保存。保存只写入本来源的数据文件,并先校验全部数据;上一版本会保留,可撤销。",
        },
        "curate_source": {"en": "Source", "zh": "来源"},
        "curate_register": {"en": "Register a new text", "zh": "登记新文本"},
        "curate_register_id": {
            "en": "Source id (a plain slug: it becomes the file names)",
            "zh": "来源编号(小写字母、数字、-、_)",
        },
        "curate_register_title_en": {"en": "Title (English)", "zh": "标题(英文)"},
        "curate_register_title_zh": {"en": "Title (Chinese)", "zh": "标题(中文)"},
        "curate_register_url": {"en": "Address (url), if known", "zh": "网址(如有)"},
        "curate_register_author": {"en": "Author", "zh": "作者"},
        "curate_register_language": {"en": "Language of the text", "zh": "文本语言"},
        "curate_register_publisher_zh": {"en": "Publisher (Chinese)", "zh": "发布者(中文)"},
        "curate_register_publisher_en": {"en": "Publisher (English)", "zh": "发布者(英文)"},
        "curate_register_published": {"en": "Published (date)", "zh": "发布日期"},
        "curate_register_accessed": {"en": "Accessed (date; today if empty)", "zh": "访问日期(空则为今天)"},
        "curate_register_paste": {"en": "Paste the text", "zh": "粘贴文本"},
        "curate_register_upload": {"en": "…or upload a UTF-8 text file", "zh": "……或上传 UTF-8 文本文件"},
        "curate_register_go": {"en": "Register", "zh": "登记"},
        "curate_registered": {"en": "Registered {id}.", "zh": "已登记 {id}。"},
        "curate_draft": {"en": "Draft proposals", "zh": "生成候选"},
        "curate_drafted": {
            "en": "Drafted: {n} new proposals written to the figure file as drafts ({skipped} left out, below).",
            "zh": "已起草:{n} 条新候选以草稿写入数据文件(另有 {skipped} 条未加入,见下)。",
        },
        "curate_held": {
            "en": "{id}: its place is not among this source's appearances yet (add it, then draft again)",
            "zh": "{id}:其地点尚未列入本来源的 appearances(先添加,再重新起草)",
        },
        "curate_no_drafter": {
            "en": "The drafter (python -m drafting draft) is not part of this version yet; load drafts written by it instead.",
            "zh": "此版本尚无自动起草功能(python -m drafting draft)。",
        },
        "curate_counts": {
            "en": "Accepted {accepted} · Unreviewed {unreviewed} · Rejected {rejected}",
            "zh": "已接受 {accepted} · 待审 {unreviewed} · 已拒绝 {rejected}",
        },
        "curate_uncovered_short": {"en": "Uncovered numbers", "zh": "未覆盖的数字"},
        "curate_problems_short": {"en": "Problems", "zh": "问题"},
        "curate_row_problems": {"en": "Problems by row", "zh": "各条目的问题"},
        "curate_uncovered": {
            "en": "Numbers in the text that no row covers and no exclusion explains: {n}",
            "zh": "原文中未被任何条目覆盖或排除的数字:{n}",
        },
        "curate_uncovered_too_many": {
            "en": (
                "Completeness scan: this text has {n} numbers (digits and Chinese numerals such as 第一); "
                "the scan stops at {m}. Split the text."
            ),
            "zh": "完整性扫描:此文本有 {n} 个数字(阿拉伯数字和中文数字,如“第一”),扫描上限为 {m}。请拆分文本。",
        },
        "curate_text_window": {
            "en": (
                "This text is long ({n} characters): shown are characters {a} to {b}, around the row in focus. "
                "Every row is still checked and counted; focusing another row shows the text around it."
            ),
            "zh": "此文本较长(共 {n} 个字符):此处显示第 {a} 至 {b} 个字符,即当前条目附近的内容。所有条目仍会被检查和计数;选择其他条目即显示其附近的原文。",
        },
        "curate_uncovered_more": {
            "en": (
                "… and {n} more, not listed here: the list shows the first {m} in text order. Cover or exclude "
                "these first, or run `python -m loaders scan` for all of them."
            ),
            "zh": "……另有 {n} 个未在此列出:此处按原文顺序列出前 {m} 个。请先处理这些,或运行 `python -m loaders scan` 查看全部。",
        },
        "curate_untranslated": {
            "en": (
                "Accepted figures without an English label: {n}. The English pages will show their Chinese label "
                "marked (untranslated); type an English label in the form or the table to translate one."
            ),
            "zh": "没有英文名称的已接受条目:{n}。英文页面将显示其中文名称,并标注“(untranslated)”;可在表单或表格中填写英文名称。",
        },
        "curate_uncovered_unknown": {
            "en": "Completeness scan: fix the problems first.",
            "zh": "完整性扫描:请先修正问题。",
        },
        "curate_only_unreviewed": {"en": "Only unreviewed", "zh": "仅待审"},
        "curate_only_blanks": {"en": "Only blanks", "zh": "仅空缺"},
        "curate_types": {"en": "Types", "zh": "类型"},
        "curate_focus": {"en": "Show in the text", "zh": "在原文中定位"},
        "curate_none": {"en": "(none)", "zh": "(无)"},
        "curate_save": {"en": "Save", "zh": "保存"},
        "curate_undo": {"en": "Undo last save", "zh": "撤销上次保存"},
        "curate_rebase": {
            "en": "Reload and re-apply my changes",
            "zh": "重新载入并保留我的修改",
        },
        "curate_rebased": {
            "en": "Reloaded; your {n} change(s) are applied to the file as it is now. Check them, then save.",
            "zh": "已重新载入;你的 {n} 处修改已应用到当前文件上。请检查后保存。",
        },
        "curate_rebase_dropped": {
            "en": "row {id} is no longer in the file: your change to it was dropped",
            "zh": "条目 {id} 已不在文件中:对它的修改已放弃",
        },
        "curate_reload": {"en": "Reload from disk (drops unsaved changes)", "zh": "从磁盘重新载入(放弃未保存的修改)"},
        "curate_saved": {
            "en": "Saved {file}; the previous version is kept in {history}.",
            "zh": "已保存 {file};上一版本保存在 {history}。",
        },
        "curate_nothing": {"en": "Nothing to save: no change.", "zh": "没有修改,无需保存。"},
        "curate_undone": {
            "en": "Restored {file} as it was before the last save.",
            "zh": "已将 {file} 恢复到上次保存之前。",
        },
        "curate_unsaved": {"en": "{n} unsaved change(s).", "zh": "{n} 处未保存的修改。"},
        "curate_problems": {
            "en": "{n} problem(s): nothing can be saved until they are fixed.",
            "zh": "{n} 个问题:修正之前无法保存。",
        },
        "curate_other_problems": {"en": "Problems outside this source's rows", "zh": "本来源条目之外的问题"},
        "curate_rejected_list": {
            "en": "Rejected (remembered: re-drafting will not propose them again)",
            "zh": "已拒绝(已记录,重新起草时不再提出)",
        },
        "curate_no_undo": {
            "en": "Undo is off: no save by this page produced {file} as it is now (it was never saved here, or it "
            "changed on disk since, or that save was undone already).",
            "zh": "无法撤销:{file} 当前内容不是本页面某次保存的结果(从未在此保存,或其后在磁盘上被修改,或已撤销)。",
        },
        "curate_make_row": {"en": "Make a row of this", "zh": "据此新增条目"},
        "curate_add_quote": {"en": "Add a figure from a quote", "zh": "从引文新增数据"},
        "curate_add_quote_field": {
            "en": "Quote (typed or pasted; it must occur once in the text)",
            "zh": "引文(输入或粘贴;须在原文中只出现一次)",
        },
        "curate_row_made": {
            "en": "Made row {id} from the text: check its fields, then accept it (not saved yet).",
            "zh": "已从原文新增条目 {id}:请核对字段后接受(尚未保存)。",
        },
        "curate_layout": {"en": "Layout", "zh": "布局"},
        "curate_layout_focus": {"en": "One at a time", "zh": "逐条审核"},
        "curate_layout_table": {"en": "Table", "zh": "表格"},
        "curate_progress": {"en": "{done} of {total} reviewed", "zh": "已审核 {done} / {total}"},
        "curate_prev": {"en": "Previous", "zh": "上一条"},
        "curate_next": {"en": "Next", "zh": "下一条"},
        "curate_undo_step": {"en": "Undo last step", "zh": "撤销上一步"},
        "curate_step_undone": {"en": "Undid the last step (not saved yet).", "zh": "已撤销上一步(尚未保存)。"},
        "curate_nothing_to_review": {"en": "No row to review.", "zh": "没有可审核的条目。"},
        "curate_confidence": {"en": "confidence", "zh": "置信度"},
        "curate_rule": {"en": "rule", "zh": "规则"},
        "curate_draft_reason": {"en": "Why the drafter proposed it", "zh": "候选理由"},
        "curate_label_zh": {"en": "Label (Chinese)", "zh": "名称(中文)"},
        "curate_label_en": {"en": "Label (English)", "zh": "名称(英文)"},
        "curate_unit": {"en": "unit", "zh": "单位"},
        "curate_reject_reason": {"en": "Why reject", "zh": "拒绝理由"},
        "curate_reject_other": {"en": "…or another reason", "zh": "……或其他理由"},
        "curate_accept": {"en": "Accept", "zh": "接受"},
        "curate_reject": {"en": "Reject", "zh": "拒绝"},
        "curate_keep_edits": {"en": "Keep edits", "zh": "保留修改"},
        "curate_keys": {
            "en": "Keys: A accept (Enter in a field accepts with the edits) · X reject · E keep edits, undecided · "
            "N next · P previous · U undo last step · Tab moves through the fields.",
            "zh": "快捷键:A 接受(在输入框中按 Enter 即连同修改一起接受)· X 拒绝 · E 仅保留修改 · N 下一条 · P 上一条 · "
            "U 撤销上一步 · Tab 在字段间移动。",
        },
        "curate_bulk": {"en": "Bulk actions (each one undoable step)", "zh": "批量操作(每次可一步撤销)"},
        "curate_bulk_threshold": {"en": "Confidence at least", "zh": "置信度不低于"},
        "curate_bulk_accept": {"en": "Accept all unreviewed at or above it", "zh": "接受所有达到该置信度的待审条目"},
        "curate_bulk_rule": {"en": "Drafting rule", "zh": "生成规则"},
        "curate_bulk_reject": {"en": "Reject all unreviewed of this rule", "zh": "拒绝该规则的所有待审条目"},
        "curate_bulk_accepted": {"en": "Accepted {n} proposal(s) (not saved yet).", "zh": "已接受 {n} 条(尚未保存)。"},
        "curate_bulk_rejected": {
            "en": "Rejected {n} proposal(s) of rule {rule} (not saved yet).",
            "zh": "已拒绝规则 {rule} 的 {n} 条(尚未保存)。",
        },
        "curate_glossary_undone": {
            "en": "The English labels that save taught the glossary were taken back too.",
            "zh": "该次保存加入术语表的英文名称也已撤销。",
        },
        "curate_glossary_learnt": {
            "en": "Glossary ({file}): learnt {n} English label(s).",
            "zh": "术语表({file}):新增 {n} 个英文名称。",
        },
        "curate_no_figure_file": {
            "en": "No source has a figure file yet: register a text first.",
            "zh": "还没有带数据文件的来源:请先登记文本。",
        },
        "curate_off": {
            "en": "The Curate page is only served by `make curate` (loopback only); this server is the read-only viewer.",
            "zh": "整理页面只在 `make curate`(仅本机)下提供;此服务器为只读浏览模式。",
        },
    }
)


def t(key: str, lang: str) -> str:
    """The UI string for key in lang (English when a translation is missing)."""
    entry = STRINGS[key]
    return entry.get(lang) or entry["en"]


def pair(zh: str | None, en: str | None, lang: str) -> str:
    """Two names of one thing, the UI language first: 'Guangzhou · 广州' (one when they agree or one is empty)."""
    first, second = (zh, en) if lang == "zh" else (en, zh)
    first, second = first or second or "", second or ""
    return f"{first} · {second}" if second and second != first else first


def both(entry, lang: str) -> str:
    """A registry entry (City, MetricType, Indicator: anything with .zh and .en) in both languages."""
    return pair(entry.zh, entry.en, lang)


def name(entry, lang: str) -> str:
    """A registry entry's name in lang alone (chart ticks, where both would not fit)."""
    return entry.zh if lang == "zh" else entry.en


def level_label(level: str, lang: str) -> str:
    return t(f"level_{level}", lang)


def place_name(entry, lang: str, with_level: bool = False, province: str | None = None) -> str:
    """A place in both languages; with its level where places of several levels are listed together, and
    its province (a name in lang) where places of several provinces are."""
    out = both(entry, lang)
    extra = [level_label(entry.level, lang)] if with_level else []
    extra += [province] if province else []
    sep = "，" if lang == "zh" else ", "
    return f"{out} ({sep.join(extra)})" if extra else out


def province_of(place: str, cities: dict):
    """The province-level place a place lies in (itself if it is one), by its parent chain; None when the
    chain reaches no province (a place registered without one)."""
    seen: set[str] = set()
    while place in cities and place not in seen:
        entry = cities[place]
        if entry.level == "province":
            return entry
        seen.add(place)
        place = getattr(entry, "parent", None)
    return None


def place_names(ids, cities: dict, lang: str, short: bool = False) -> dict[str, str]:
    """Names of the places shown together: each with its level when they are of several levels, and with
    its province when they lie in several provinces (a province itself is not repeated). short: the name in
    lang alone (chart ticks), else both languages."""
    ids = list(dict.fromkeys(str(c) for c in ids if c in cities))
    levels = {cities[c].level for c in ids}
    provinces = {c: province_of(c, cities) for c in ids}
    several = len({p.id for p in provinces.values() if p is not None}) > 1
    out = {}
    for c in ids:
        entry, prov = cities[c], provinces[c]
        shown = name(prov, lang) if several and prov is not None and prov.id != c else None
        if short:
            extra = ([level_label(entry.level, lang)] if len(levels) > 1 else []) + ([shown] if shown else [])
            sep = "，" if lang == "zh" else ", "
            out[c] = name(entry, lang) + (f" ({sep.join(extra)})" if extra else "")
        else:
            out[c] = place_name(entry, lang, len(levels) > 1, shown)
    return out


def source_titles(sources: dict, lang: str) -> dict[str, str]:
    """Source id -> its title in lang, with the id after it when two sources share a title."""
    titles = {sid: src.title_zh if lang == "zh" else src.title_en for sid, src in sources.items()}
    n = Counter(titles.values())
    return {sid: f"{x} · {sid}" if n[x] > 1 else x for sid, x in titles.items()}


def status_label(status: str, lang: str) -> str:
    return t(f"status_{status}", lang)


def qualifier_label(qualifier: str, lang: str) -> str:
    return t(f"qualifier_{qualifier}", lang)
