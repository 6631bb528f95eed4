"""Recognise the figures of Chinese official prose: numbers, deleted numbers, and what is no figure.

One recogniser for two jobs: the completeness scan (loaders.scan) asks it where the deleted numbers
are, and the drafter (drafting.proposals) asks it for every mention with its value, unit and qualifier.
Every run of digits in a text ends up in exactly one Mention: a figure, a cut figure, or a skip
with the reason it is no figure, so nothing is silently dropped.

The rules are written for the genre (reports of Party and government bodies), not for one article;
each rule has a name that the drafter writes into the proposal's `reason`.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from loaders import segment
from loaders.numerals import SCALES

# 1/ LEXICON ---------------------------------------------------------------------------------------

# Measure words and units, longest first so 平方米 wins over 米 and 人次 over 人.
UNITS = (
    "个月",  # before 个: 1个月内 is a month, not a count of 个
    "平方公里",
    "平方米",
    "公里",
    "千米",
    "公斤",
    "千克",
    "分钟",
    "分贝",
    "小时",
    "人次",
    "户次",
    "场次",
    "班次",
    "批次",
    "册次",  # 借出图书1200册次: loans, not volumes
    "件次",
    "元",
    "人",
    "名",
    "个",
    "项",
    "条",
    "类",
    "级",
    "家",
    "处",
    "件",
    "起",  # incidents (纠纷19起); 一起 "together" is an idiom
    "次",
    "年",
    "月",
    "日",
    "天",
    "周岁",  # before 周: 年满18周岁 is an age, not weeks
    "周",
    "岁",
    "米",
    "亩",
    "吨",
    "户",
    "所",
    "支",
    "座",
    "场",
    "批",
    "位",
    "台",
    "套",
    "栋",
    "幢",
    "间",
    "篇",
    "份",
    "册",
    "本",
    "期",
    "轮",
    "倍",
    "辆",
    "张",
    "种",
    "组",
    "队",
    "部",  # 加装电梯17部 (部门, 干部, 全部 are no slot: see NOT_MEASURE and WORD_AFTER)
    "盏",
    "架",
    "艘",
    "趟",  # round 4: 跑了3趟 (trips), 走一遍 (times through)
    "遍",
    "块",  # 挂牌17块
    "只",  # 储备沙袋500只 (只 "only" before a word is no slot: see _weak_slot_rule)
    "%",
    "％",
    "成",  # 八成 = 80%: a share in tenths
)

# Where a deleted number leaves a visible slot: a unit that (in this genre) never stands without one.
SLOT_UNITS = ("平方米", "人次", "户次", "元", "名", "个", "项", "家", "处", "%", "％")
# Units that stand without a number in ordinary prose (再次, 文件, 人民) are slots only after 余/多 (开展余次).
SLOT_UNITS_AFTER_MORE = ("小时", "次", "件", "人", "户", "场", "批", "条")
# Measure words of things (电梯17部, 床位300张, 车辆20辆): they stand without a number in words (部门, 张贴, 台账,
# 套餐), so they are slots only where a count must stand: after 余/多, a hedge or an existential 有 (另有部正在施工),
# or closing a clause after a noun (廉价床位张。; not 台: see CLAUSE_END_WORDS).
OBJECT_UNITS = ("部", "张", "台", "辆", "套", "栋", "幢", "座", "间", "盏", "架", "艘", "份", "组", "只")
SLOT_UNITS_AFTER_MORE += OBJECT_UNITS + ("场次", "位", "本", "支", "趟", "遍", "块", "吨", "篇", "册", "亩")
# 起 counts incidents (纠纷19起) but closes verbs everywhere (从我做起, 建起来, 多起来): a slot only closing a clause
# right after a noun of incidents, which is counted in 起 and in nothing else (调解家庭矛盾起, 邻里纠纷多起).
SLOT_UNITS_AFTER_MORE += ("起",)
INCIDENT_NOUNS = ("纠纷", "矛盾", "事故", "案件", "警情", "火情", "险情", "隐患", "投诉", "事件", "案", "冲突", "问题")
# 有 that states how many there are (另有部正在施工, 共有台设备): an object unit after it stands for a deleted count.
HAVE_SLOT = ("另有", "共有", "还有", "尚有", "现有", "已有", "仍有", "均有", "的有", "中有", "计有", "拥有")
HAVE_RULE = "deleted number after 有 (仍有名, 另有部正在施工)"
# 有名 is "famous" after a degree word (很有名, 小有名气, 榜上有名) or before a word it makes (有名的, 有名气);
# otherwise 名 after 有 counts people whose number was deleted (仍有名, 全区已有名骑手, 东湖区有名网格员). Characters
# that start the genre's person nouns are left out on purpose, a count being likelier there: 流(动), 医(生), 优(秀),
# 人(员), 副(书记), 城(管), 下(岗), 特(困), 校(长), 义(务) (so 有名医, 有名流 would be taken for deleted counts).
FAMOUS_BEFORE = set("很最挺较颇更小真太蛮上")
FAMOUS_AFTER = set("的气声望无有额单称片誉牌录师次字列目号品胜言贵将著作画曲剧菜茶酒")
# 个 after a colloquial verb and before a noun is 一个 with 一 elided (搭个台子, 打个电话, 举个例子, 是个老社区),
# unless the verb is the end of a word that takes a count (列举个案例 is 列举12个案例 with the number deleted).
ARTICLE_VERBS = set("搭打举是找讲说做提算像吃喝睡聊唱洗")
ARTICLE_VERB_WORDS = ("列举", "检举", "选举", "推举", "枚举")
# Nouns ending in 单 (清单, 工单): 单 before a measure word is then no "single" (梳理需求清单项 lost a number).
NOUNS_IN_DAN = set("清名菜订账帐表传保工罚派接抢下晒床")
# An office's ordinal name (省委组织部组织二处): a numeral + 处 after the office's field, or 二 (a count says 两).
OFFICE_BEFORE = ("组织", "干部", "人才", "综合", "宣传", "秘书", "办公", "规划", "财务", "人事", "政策", "督查")
# A duration stated with 一 (为期一个月, 历时一年) is a figure: 一 is no article there.
DURATION_BEFORE = ("为期", "历时", "持续", "用时", "耗时", "长达")
# A heading line (no clause punctuation) names a place and then the year: 东湖区年社区工作要点 lost 2023.
PLACE_ENDS = set("市区县省州旗镇乡")
# Words in which a slot unit is no measure word at all (项目 = project, 国家 = country, 报名 = sign up ...).
NOT_MEASURE = (
    "项目",
    "事项",
    "专项",
    "分项",
    "款项",
    "立项",
    "强项",
    "弱项",
    "选项",
    "个人",
    "个性",
    "个体",
    "个别",
    "个案",
    "名义",
    "名称",
    "名单",
    "名片",
    "名额",
    "名誉",
    "名牌",
    "名录",
    "名人",
    "名师",
    "名校",
    "名城",
    "报名",
    "排名",
    "提名",
    "命名",
    "实名",
    "署名",
    "著名",
    "知名",
    "签名",
    "姓名",  # round 4: 请注明姓名和联系方式
    "点名",
    "闻名",
    "有名",
    "冠名",
    "匿名",
    "家庭",
    "家门",
    "家长",
    "家属",
    "家园",
    "家风",
    "家乡",
    "家政",
    "家里",
    "国家",
    "大家",
    "专家",
    "作家",
    "商家",
    "农家",
    "厂家",
    "人家",
    "自家",
    "回家",
    "居家",
    "处理",
    "处置",
    "处于",
    "处长",
    "处室",
    "实处",
    "到处",
    "好处",
    "难处",
    "相处",
    "所处",
    "深处",
    "之处",
    "办事处",
    "处负责人",  # an office (建设处负责人): the 处 of a department, before its head
    # measure words inside words of the genre's prose (issue 21): no number was deleted before them
    "老家",
    "挨家",
    "家住",
    "家人",
    "管家",
    "的家",
    "处处有家",
    "安家",
    "全家",
    "娘家",
    "家门口",
    "家务",
    "家访",
    "家事",
    "家底",
    "地处",
    "处突",
    "处处",
    "身处",
    "住处",
    "出处",
    "用处",
    "长处",
    "益处",
    "去处",
    "此处",
    "何处",
    "处罚",
    "处分",
    "处境",
    "处在",
    "处事",
    "小个专",
    "个餐",
    "个税",
    "个子",
    "个头",
    # object units inside words (部门, 台账, 张贴, 套餐 …): 推动多部门联动 has no deleted number
    "部门",
    "部分",
    "部署",
    "全部",
    "干部",
    "支部",
    "内部",
    "外部",
    "局部",
    "俱乐部",
    "台账",
    "台阶",
    "平台",
    "舞台",
    "出台",
    "张贴",
    "紧张",
    "主张",
    "套餐",
    "配套",
    "车辆",
    "时间",
    "空间",
    "期间",
    "之间",
    "中间",
    "座谈",
    "讲座",
    "框架",
    "张家港",
    "张家口",
    "张家界",
    # round 2 (t9–t12): 家 as home, 处 as place, 名 in words, 小时 after 个多
    "之家",
    "己家",
    "们家",
    "我家",
    "你家",
    "他家",
    "她家",
    "咱家",
    "谁家",
    "家在",
    "家的",
    "不了家",
    "得了家",
    "随处",
    "无处",
    "别处",
    "远处",
    "高处",
    "低处",
    "暗处",
    "明处",
    "痛处",
    "坏处",
    "共处",
    "独处",
    "名列",
    "名字",
    "名气",
    "名声",
    "名望",
    "名次",
    "个多小时",
    "个小时",  # 一个小时: the 个 of the count (一 is the article there)
    "元素",
    "单元",
    "多元",
    "元旦",
    # round 3 (t13–t16): 元, 家, 名 inside words
    "状元",
    "元件",
    "元宵",
    "元首",
    "元老",
    "家电",
    "家具",
    "家居",
    "家用",
    "化名",
    "假名",
    "笔名",
    "别名",
    "公元",
    "纪元",
)
# Characters that legitimately stand right before a unit without any number (各个, 每名, 这项 ...).
NUMBER_LIKE = set(
    "0123456789０１２３４５６７８９零〇一二三四五六七八九十百千万亿两几多余每各数半整这那某哪该本此其逐单首挨上下"
)
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"

# Qualifiers: written before the number, or after it (with or without the unit between).
BEFORE = (
    ("不少于", "at_least"),
    ("不低于", "at_least"),
    ("至少", "at_least"),
    ("超过", "at_least"),
    ("不超过", "at_most"),
    ("不到", "at_most"),
    ("不足", "at_most"),
    ("将近", "at_most"),
    ("接近", "at_most"),
    ("近", "at_most"),
    ("突破", "at_least"),
    ("超", "at_least"),
    ("最高可达", "at_most"),  # 补贴最高可达5万元: a ceiling
    ("最高", "at_most"),
    ("最多", "at_most"),
    ("不满", "at_most"),  # 不满18周岁: under
    ("未满", "at_most"),
    ("满", "at_least"),  # 任职满10年: at least that long
    ("大约", "approx"),
    ("约", "approx"),
)
AFTER_UNIT = (
    ("以上", "at_least"),
    ("以下", "at_most"),
    ("以内", "at_most"),
    ("之内", "at_most"),
    ("左右", "approx"),
    ("内", "at_most"),  # 1个月内: within
)
MORE = ("余", "多")  # 20余名, 6万余人次: more than

QUALIFIER_WORDS = {
    "at_least": "不少于/至少/超过/以上: at least",
    "at_most": "近/不超过/以内/以下: at most (近 'nearly' is read as just under)",
    "more_than": "余/多: more than",
    "approx": "约/左右: about; recorded as exact because the qualifier set has no 'about' (check)",
}

# Fixed names that hold a numeral but count nothing a curator records (两新 = new economic and social
# organisations, 两委 = the two village committees ...).
NAMES = ("两新", "两委", "两学一做", "三会一课", "两代表一委员", "三重一大", "四个意识", "两个维护", "四风")
# Idioms and words that happen to contain numerals.
IDIOMS = (
    "四梁八柱",
    "千方百计",
    "五湖四海",
    "七上八下",
    "四面八方",
    "千家万户",
    "家家户户",
    "三令五申",
    "一心一意",
    "十全十美",
    "五花八门",
    "万无一失",
    "千丝万缕",
    "三番五次",
    "四通八达",
    "千条线",
    "成百上千",
    "数十年如一日",
    "几十年如一日",
    "成千上万",
    "数以百计",
    "数以千计",
    "数以万计",
    "一起",  # together (发生一起事故 is the article 'a' anyway)
    "百姓",
    "十分",
    "十足",
    "万一",
    "千万",
    "万众",
    "百花",
    "千里",
    "万里",
    "五彩",
    "七彩",
    "九州",
    # idioms of two numerals (X数Y数) not to be read as a slogan's counts
    "三心二意",
    "七嘴八舌",
    "四分五裂",
    "三长两短",
    "五颜六色",
    "三言两语",
    "千军万马",
    "接二连三",
    "颠三倒四",
    "说三道四",
    "朝三暮四",
    "丢三落四",
    "四平八稳",
    "一清二楚",
    "独一无二",
    "三五成群",
    "一五一十",
    "乱七八糟",
    "横七竖八",
    "七零八落",
    "三三两两",
    "一干二净",
    "九牛一毛",
    "一举两得",
    "一分为二",
    "三头六臂",
    "五脏六腑",
    "七手八脚",
    "十拿九稳",
    "一成不变",
    "千辛万苦",
    "千头万绪",
    "千差万别",
    "千变万化",
    "万家灯火",
    "零距离",
    "零容忍",
    "零门槛",
    "零星",
    "零散",
    "零碎",
    "零售",
    "零件",
    "一次性",  # one-off (一次性补助2万元): no count of times
)
# An idiom that is a numeral's word only when the character after it does not make a unit with it: 十分 is "very",
# 十分钟 ten minutes.
IDIOM_UNLESS_BEFORE = {"十分": "钟"}
# A time of day after a numeral (4点半, “四点半课堂”): no count.
TIME_OF_DAY = ("点半", "点钟", "点整")
# 点 counts the points of a speech or plan (讲三点意见, 提出两点要求) before these words.
POINTS_AFTER = ("意见", "建议", "要求", "体会", "看法", "想法", "思考", "希望", "打算", "做法")
# A numeral in a named mechanism or slogan (四议两公开, 一征三议两公开) is counted, marked as a slogan number:
# the words that name a mechanism before or after it.
MECHANISM_BEFORE = ("推行", "推广", "实行", "落实", "坚持", "实施", "建立", "探索", "创新", "运用", "严格", "执行")
MECHANISM_AFTER = ("工作法", "机制", "制度", "模式", "标准", "要求", "体系", "做法", "程序", "流程", "工作")
# 一次 right after a verb that holds an event is a count of events (开展一次专项督查, 召开一次联席会).
EVENT_VERBS = ("召开", "开展", "组织", "举办", "举行", "进行")
# Rules stated with a number: 给予一次提醒, 暂停评优一年 (一 + a unit of time or frequency).
RULE_VERBS = ("给予", "暂停", "停止", "取消", "延长", "限期", "扣发", "扣减", "予以", "提醒", "警告", "约谈", "招标")
RULE_UNITS = ("次", "年", "个月", "月", "天", "周", "日", "小时")
# Place names that begin with a numeral (the registry's names are masked as well).
NUMERAL_PLACES = ("四川", "三亚", "三明", "九江", "六安", "十堰", "七台河", "五家渠", "万宁", "万州", "三门峡", "四平")
YEAR_NOT_SLOT = set("底初内度来均龄轻终会代货限前后里份中末收薪检报假级纪鉴满久画")
# A year slot after a preposition or verb (自年起, 建成于年, 在年“…”评选中, 荣获年“…”奖, (年度)):
# the word before, and what must follow 年 for a year to have stood there (年底 after 到 is "the end of the year").
YEAR_BEFORE = (
    "截至",
    "截止",
    "荣获",
    "获评",
    "自",
    "在",
    "于",
    "到",
    "至",
    "从",
    "比",
    "是",
    "获",
    "由",
    "及",
    "和",
    "与",
)
YEAR_AFTER = ("起", "以来", "来", "“", "的", "至", "到", "、", "和", "—", ",", "，", "。", ";", "；")
# 到年底 is "by the end of the year", or 到2025年底 with its year deleted: a slot only in a text that
# deleted other years (one found by the rules above), after a word that takes a date.
YEAR_PART = ("底", "初", "末")
YEAR_END_BEFORE = ("到", "至", "截至", "截止", "于")
YEAR_PART_RULE = "deleted year before 底/初/末 in a text that deletes years (力争到年底)"
ANNUAL_RULE = "deleted year before 度 in a text that deletes years (召开年度…会议)"
ANNUAL_AFTER = ("召开", "表扬", "表彰", "印发", "发布", "公布", "通报")
# Last characters of units after which a deleted year may stand (10万平方米年9月).
UNIT_ENDS = set("米元个名项件户人次家处所支座场")
# Characters that stand before 年 in words (今年, 去年, 当年, 多年 ...): no year was deleted there.
YEAR_WORD_BEFORE = set("今去明当同前近多历常成青少老全上新往次翌逐连半周元长晚中童壮暮末本该那这某每数几整") | set(
    "零〇一二两三四五六七八九十百千"
)
# Hedges after which a unit stands in for a deleted number (累计开展活动近场), and words a hedge is part of.
HEDGE_SLOT = ("不少于", "不低于", "超过", "至少", "达到", "突破", "多达", "高达", "不到", "近", "约", "逾", "超")
# round 4: 不到 is a hedge after what stands before a count (只填了不到户, 仅不到人), not in 找不到人 ("nobody found");
# 超 alone only after a quantity (人数超人,) where the count closes the clause, 超人 and 超市 being words.
HEDGE_BEFORE_BUDAO = set("了仅只还才均共")
HEDGE_WORDS = set("最附就邻靠亲贴走临将接平易")
# Verbs right before a person count whose number was deleted (帮助人通过考核).
PERSON_VERBS = (
    "帮助",
    "带动",
    "吸引",
    "培训",
    "动员",
    "招募",
    "惠及",
    "转移",
    "安置",
    "救助",
    "慰问",
    "吸纳",
    "发动",
    "培养",
    "选拔",
    "表彰",
    "推荐",
    "覆盖",
)
# Round 3 (t13–t16): a unit closing a clause is a slot for these units only when a verb that takes a count stands
# earlier in the sentence (签订共建协议份, 加装晾衣架组、, 再安装台。, 开展志愿服务场次。, 覆盖独居老人户。), because
# nouns end in them without end (小组, 平台, 服务台, 农户); the words that end in them are in CLAUSE_END_WORDS.
VERB_GATED_UNITS = ("份", "组", "台", "盏", "只", "场次", "户", "部", "块")
COUNT_VERBS = PERSON_VERBS + (
    "开展",
    "举办",
    "组织",
    "签订",
    "发放",
    "加装",
    "安装",
    "更换",
    "配备",
    "配置",
    "购置",
    "添置",
    "新增",
    "储备",
    "建成",
    "新建",
    "维修",
    "修好",
    "收集",
    "服务",
    "走访",
    "接待",
    "调解",
    "化解",
    "受理",
    "办结",
    # round 4
    "回收",
    "办理",
    "清理",
    "印发",
    "上报",
)
COUNT_RULE = "deleted number before a unit closing a clause after a verb that counts (签订协议份, 加装晾衣架组)"
# Nouns for people or households: 人/户 closing a clause right after them is a head count whose number was
# deleted (转移群众人, 常住人口人, 职工家属户, 居民户, 社区新迁入户).
PEOPLE_NOUNS = ("群众", "居民", "人口", "村民", "职工", "家属", "老人", "党员", "学员", "迁入", "住着")
PEOPLE_RULE = "deleted head count after a noun for people (转移群众人, 居民户)"
# N栋 before a part or a resident of the building is its number, an address (12栋的下水管道, 7栋3单元, 5栋住户).
BUILDING_AFTER = ("的", "单元", "住户", "居民", "门口", "楼道", "楼下", "楼顶", "楼上", "业主", "老人")
# A number right after a verb of calling, with no unit, is the number called (叫120, 拨打110).
CALL_VERBS = ("拨打", "拨", "叫", "打", "呼叫")
# Round 4 (t17–t20): slots by the grammar of what stands before the gap.
# A verb with 了 takes its count right after 了 (组建了支队伍, 记满了本, 跑了趟): a measure word there lost its number.
LE_UNITS = ("本", "支", "趟", "遍", "块", "件", "场", "批", "份", "套", "辆", "台", "盏", "间", "座", "栋", "部", "组")
LE_NOT_VERB = ("为了", "除了", "罢了", "极了", "了了")
LE_RULE = "deleted count after a verb with 了 (组建了支, 记满了本)"
# Round 6 (t25–t28): an aspect marker (了, 着) between a verb that counts and 人/户 does not change the slot
# (接待了人, 服务着户); nor does it after a total (一共住了户,): the count closes the clause. 着 after a
# preposition is no aspect marker (沿着, 随着).
ASPECT_MARKERS = "了着"
ZHE_NOT_VERB = (
    "随着",
    "沿着",
    "顺着",
    "朝着",
    "向着",
    "对着",
    "照着",
    "接着",
    "本着",
    "为着",
    "冲着",
    "当着",
    "凭着",
    "趁着",
)
ASPECT_RULE = "deleted head count after a verb with 了/着 (接待了人, 一共住了户,)"
# A determiner that picks part of a set (其中, 另外) stands where a clause would start: 其中人考取 is a count.
PART_OF = ("其中", "另外", "此外")
# 共/一共/共计 + (a verb) + a measure word closing the clause: a total whose number was deleted (共印份, 一共把).
TOTAL_BEFORE = ("一共", "共计", "合计", "总计", "共")
TOTAL_RULE = "deleted total after 共 (共印份, 一共把)"
# A verb of change before a head count closing the clause (比年初增加人, 涨到了人), or a unit before one in a
# from-to frame (由户降到, 由上年的天缩短到).
CHANGE_VERBS = (
    "增加",
    "减少",
    "新增",
    "增长",
    "增至",
    "涨到",
    "涨至",
    "升至",
    "降至",
    "降到",
    "减至",
    "达到",
    "增加到",
)
CHANGE_TO = ("降到", "降至", "降低到", "下降到", "减少到", "减到", "减至", "缩短到", "缩短至", "缩减到", "压缩到")
CHANGE_TO += ("增加到", "增至", "增长到", "提高到", "提升到", "上升到", "升至", "涨到", "扩大到", "延长到")
CHANGE_UNITS = ("人", "户", "件", "场", "次", "批", "条", "份", "套", "支", "本", "块")
# 到 after a verb of quantity takes a number (达到家, 增加到户: deleted); after any other verb 到 + unit is where
# the action arrives (送到家, 落实到户, 服务到人): a result complement, no number deleted.
COUNT_TO = tuple(w for w in CHANGE_TO + CHANGE_VERBS if w.endswith("到")) + ("达到", "发展到", "翻到", "攀升到")
ARRIVE_UNITS = set("家户人位场处")  # units that also name where an action arrives (a home, a household, a person)
CHANGE_RULE = "deleted count beside a verb of change (增加人, 由户降到)"
# Households before a noun for people or families (帮户居民, 帮助户困难家庭, 网格里的户老人).
HOUSEHOLD_AFTER = ("老人", "居民", "村民", "群众", "党员", "困难", "家庭", "人家", "低保", "独居", "空巢")
HOUSEHOLD_RULE = "deleted household count before a noun for people (帮户居民)"
# Suffixes of nouns for people (网格员, 志愿者, 骑手): 人 closing a clause right after one is a head count.
PERSON_SUFFIX = set("员者手")
# 位 is a slot only before a person after a preposition or a verb of giving (给位老人量血压).
PERSON_AFTER = ("老人", "居民", "志愿者", "党员", "群众", "村民", "老党员", "专家", "骑手", "家长", "职工", "同志")
# Characters that make a word with a weak unit after it (人民, 户籍, 场所, 条件, 批准, 次日): no slot there.
WORD_AFTER = {
    "人": set("民员才们口大家士群生格数力身心文气物社居均事人次类选工性情手间际权道品造脉设证像头治"),
    "户": set("口籍外型主数均内头"),
    "件": set("件"),
    "场": set("所地景馆合面次域站部长"),
    "条": set("件例款理幅形线目"),
    "批": set("准评复示次发量判注"),
    "次": set("日年要序数月生级"),
    "部": set("分门署长委位队件属下级落"),
    "张": set("贴挂扬罗开望力"),
    "台": set("账阶湾风上下前"),
    "套": set("餐路用话"),
    "间": set("隔断接歇隙距或"),
    "座": set("谈位"),
    "栋": set("梁"),
    "架": set("构设势子"),
    "小时": set("候工"),
    "份": set("额子量内儿外"),
    "组": set("织成建合长员件别委团图"),
    # round 4
    "本": set("次年月届级地市区县镇村身人部单职土领着质来科轮期季周日色能报外书钱事"),
    "支": set("持部援付出撑队书柱配委招点线"),
    "遍": set("布及地历览"),
    "块": set("头儿钱状"),
}


def _words(s: str) -> tuple[str, ...]:
    return tuple(s.split())


# Words that end in a weak unit (文件, 广场, 层次): at the end of a clause the unit after any other noun
# stands for a deleted count (化解矛盾纠纷件。开展活动场;).
CLAUSE_END_WORDS: dict[str, tuple[str, ...]] = {
    "件": _words(
        "文件 案件 事件 条件 邮件 物件 软件 硬件 证件 稿件 配件 零件 信件 函件 急件 快件 要件 部件 附件 组件 原件 来件 "
        "办件 构件 元件"
    ),
    "场": _words(
        "广场 市场 现场 会场 操场 剧场 商场 农场 战场 立场 机场 球场 考场 赛场 官场 职场 登场 到场 在场 出场 收场 "
        "开场 散场 专场 主场 全场 当场 道场 牧场 林场 渔场 磁场 气场 排场 片场 捧场 下场 上场 冷场 卖场 菜场 "
        "停车场 运动场 游乐场 训练场 养殖场 屠宰场 垃圾场 体育场 过场"
    ),
    "次": _words("依次 其次 层次 档次 名次 班次 初次 再次 屡次 历次 席次 车次 人次 户次 场次 批次 等次 位次 频次 架次"),
    "条": _words("面条 金条 纸条 欠条 便条 收条 借条 链条 线条 枝条 发条 头条 教条 萧条 苗条"),
    "批": _words("审批 报批 特批"),
    "张": _words("纸张 紧张 主张 扩张 开张 夸张 慌张 嚣张 铺张 伸张 舒张 乖张 小张 老张 大张"),
    "辆": _words("车辆"),
    "套": _words("配套 成套 全套 客套 俗套 外套 手套 圈套 老套 整套 被套 枕套 封套 头套 鞋套 袖套"),
    "栋": _words("楼栋 雕梁画栋"),
    # 台 is left out: 服务台, 咨询台, 平台, 舞台 … name desks and platforms without end
    "座": _words("讲座 星座 宝座 底座 客座 满座 在座 入座 就座 上座 专座 插座 基座 茶座 对号入座"),
    "小时": (),  # 服务时长小时。 (半小时, 每小时, 个多小时 are caught before: 半/每 are number-like)
    # round 3: only after a verb that counts (VERB_GATED_UNITS)
    "份": _words("身份 股份 月份 年份 省份 部份 成份 缘份 辈份 备份 过份 充份 本份 双份 等份 县份"),
    "组": _words(
        "小组 班组 分组 编组 机组 改组 重组 工作组 专家组 督导组 巡查组 调研组 考核组 检查组 指导组 评审组 宣讲组 "
        "课题组 互助组 服务组 专班组 攻坚组 联络组 协调组 帮扶组 突击组 党小组"
    ),
    "台": _words(
        "平台 舞台 讲台 站台 前台 后台 柜台 阳台 窗台 灶台 吧台 展台 看台 主席台 服务台 咨询台 电视台 电台 上台 "
        "下台 出台 登台 同台 搭台 擂台 戏台 楼台 烟台 邢台 天台 高台 炮台 月台 工作台 操作台 控制台 接待台"
    ),
    "盏": (),
    # round 5: 志愿服务队支, (a count of teams closing the clause, after 队/伍/团 only: 列支, 开支 are words)
    "支": (),
    "起": (),  # gated on a noun of incidents in _slot_positions
    # round 4: 加装电梯部, 清理挂牌块 (only after a verb that counts, like the units above)
    "部": _words(
        "全部 干部 内部 外部 局部 本部 总部 支部 北部 南部 东部 西部 中部 头部 底部 顶部 后部 前部 上部 下部 分部 "
        "俱乐部 组织部 宣传部 统战部 工作部 政法部 武装部 指挥部 司令部 编辑部 服务部 财务部 人事部 市场部 营业部 "
        "机关部 各部 该部 细部 面部 胸部 腹部 背部 腿部 脚部 颈部 腰部"
    ),
    "块": _words("板块 地块 方块 砖块 冰块 石块 肉块 土块 大块 小块 整块 色块 模块 区块 一块"),
    "只": _words("船只 不只 何只 岂只 非只"),
    "场次": (),
    "户": _words(
        "住户 农户 用户 客户 商户 账户 窗户 门户 入户 落户 开户 散户 大户 贫困户 低保户 困难户 专业户 钉子户 "
        "个体户 五保户 特困户 重点户 联系户 中心户 示范户 租户 家家户户 千家万户"
    ),
}
# 多 + unit with no number is "several" (约谈多次, 组织多次培训) after a verb; a blank after a noun (志愿者多名).
MANY_AFTER_VERB = set("谈训访开织展行加与过了有设建立派进到等很许好众诸调及接合盖括含")  # 协调/涉及/对接多个部门
# 零 + a word is zero as a figure (零事故, 零投诉); 为零 too.
ZERO_BEFORE = ("为", "是", "至", "到")
CLAUSE_START = set("\n,，。;；、:：!！?？")

_DIGIT_RUN = re.compile(r"\d+")
_NUMBER = re.compile(r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?(?![\d])|\d+(?:[.．]\d+)?")
_CN_RUN = CN_RUN = re.compile(f"[{CN_DIGITS}]+")  # CN_RUN: what scan.number_count counts
_RANGE_SEP = re.compile(r"\s*(?:至|到|~|～|-|—{1,2}|–|－)\s*")
_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
_FORMULA = re.compile(r"\d+(?:\+\d*)+")
_HOURS = re.compile(r"点(?:到|至)(\d{1,2})点")
_DOOR = re.compile(r"\d+(?:单元|室|号)")  # 7栋3单元, 5幢201室: the rest of an address
_PHONE = re.compile(r"\d{3,4}[-－—]\d{7,8}|\d{7,}")


@dataclass
class Mention:
    """One number, deleted number or skipped number in a text."""

    kind: str  # "reported", "blank", "partial" or "skip"
    start: int  # span of everything the mention covers (qualifier words, number, scale, unit)
    end: int
    at: int  # where the value's written form starts, or where the deleted number belongs
    rule: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: str = "exact"
    digits_shown: str | None = None
    written: str = ""  # the number as written
    slogan: bool = False  # a count inside a quoted slogan (“五有”)
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.0  # how likely a curator keeps it as a figure (set by _confidence)

    @property
    def reason(self) -> str:
        return "; ".join([self.rule, *self.notes])


# 2/ HELPERS ---------------------------------------------------------------------------------------


def ascii_number(written: str) -> str | None:
    """'１２' -> '12', '1,200' -> '1200'; None for digits of another script."""
    out = []
    for c in written:
        if c in ",，":
            continue
        if c in ".．":
            out.append(".")
            continue
        d = unicodedata.digit(c, None)
        if d is None:
            return None
        if not ("0" <= c <= "9" or "０" <= c <= "９"):
            return None
        out.append(str(d))
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def cn_value(written: str) -> float | None:
    """A Chinese numeral's value via cn2an ('二十六' -> 26, '两' -> 2); None if it is not one."""
    import cn2an  # imported on first use: its import costs about 0.3 s, which the scan need not pay

    try:
        v = cn2an.cn2an(written, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(v)


def _unit_at(text: str, pos: int) -> str | None:
    for u in UNITS:
        if text.startswith(u, pos):
            return u
    return None


def _quoted(text: str, pos: int, limit: int = 12) -> tuple[int, int] | None:
    """Span of the “…” term that contains pos, if it is short (a slogan or a name)."""
    left = max(text.rfind("“", max(0, pos - limit), pos + 1), -1)
    if left < 0 or "”" in text[left:pos]:
        return None
    right = text.find("”", pos, pos + limit)
    if right < 0:
        return None
    return left, right + 1


def in_title(text: str, pos: int) -> bool:
    """Whether pos lies inside a 《document title》 on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    left = text.rfind("《", line_start, pos)
    return left >= 0 and "》" not in text[left:pos] and "》" in text[pos : text.find("\n", pos) % (len(text) + 1)]


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_START:
        i -= 1
    return i


def _tail(text: str, pos: int, m: Mention) -> None:
    """Read scale, 余/多, unit and trailing qualifier after the number ending at pos; fill m."""
    p = pos
    scale = ""
    if p < len(text) and text[p] in SCALES and not text.startswith(("万一", "万众"), p):
        scale, p = text[p], p + 1
    if p < len(text) and text[p] in MORE:
        m.qualifier, p = "more_than", p + 1
        if not scale and p < len(text) and text[p] in SCALES:  # 200余万元
            scale, p = text[p], p + 1
    unit = _unit_at(text, p)
    if unit:
        p += len(unit)
        m.unit = scale + ("%" if unit == "％" else unit)
    elif scale:
        m.unit = scale
    if m.qualifier == "exact" and p < len(text) and text[p] in MORE and m.unit:  # 20个多 is rare; 3年多 is not
        m.qualifier, p = "more_than", p + 1
    for word, q in AFTER_UNIT:
        if text.startswith(word, p) and m.qualifier == "exact":
            m.qualifier, p = q, p + len(word)
            break
    m.end = p


def _head(text: str, pos: int, m: Mention) -> None:
    """Read a qualifier written just before the number at pos."""
    for word, q in sorted(BEFORE, key=lambda wq: -len(wq[0])):  # 不超过 before 超过
        if pos >= len(word) and text.startswith(word, pos - len(word)):
            if m.qualifier == "exact":
                m.qualifier = q
            m.start = pos - len(word)
            return
    # 至少 is an adverb: 每月至少开展3次 hedges the number across a short verb.
    window = text[max(0, pos - 6) : pos]
    for word in ("至少", "最少"):
        i = window.rfind(word)
        if i >= 0 and not any(c in CLAUSE_START for c in window[i:]) and m.qualifier == "exact":
            m.qualifier = "at_least"
            m.notes.append(f"{word} stands before the verb")
            return


def _finish_qualifier(m: Mention) -> None:
    if m.qualifier == "approx":
        m.qualifier = "exact"
        m.notes.append(QUALIFIER_WORDS["approx"])
    elif m.qualifier != "exact" and m.qualifier != "range":
        m.notes.append(QUALIFIER_WORDS[m.qualifier])


# 3/ THE RECOGNISER --------------------------------------------------------------------------------


def recognise(text: str, names: tuple[str, ...] = ()) -> list[Mention]:
    """Every number, deleted number and skipped number in text, in text order.

    names: place names of the registry; numerals inside them are part of the name (四川, 九江).
    """
    masked = _masks(text, names)
    out: list[Mention] = []
    taken = _Spans()  # what numbers already read cover (the second half of a range, a phone number)
    for m in _NUMBER.finditer(text):
        if taken.covers(m.start()):
            continue
        mention = _arabic(text, m, masked)
        out.append(mention)
        if mention.kind != "skip" or mention.end > m.end():
            taken.add(mention.start, mention.end)
    for m in _CN_RUN.finditer(text):
        if taken.covers(m.start()):
            continue
        mention = _chinese(text, m, masked)
        if mention is not None:
            out.append(mention)
            if mention.kind != "skip" or mention.end > m.end():
                taken.add(mention.start, mention.end)
    out.extend(find_slots(text, out))
    out.sort(key=lambda x: (x.at, x.kind))
    _dedupe_slogans(text, out)
    for m in out:
        m.confidence = _confidence(m)
    return out


# How likely a curator keeps each kind of mention as a figure; ordered so the surest come first in review.
CONFIDENCE = (
    ("cut formula", 0.6),
    ("slogan", 0.5),
    ("rule stated with a number", 0.6),
    ("zero as a figure", 0.75),
    ("approximate count", 0.8),
    ("multiple stated with 一", 0.8),
    ("duration stated with 一", 0.75),
    ("household count after a noun in 户", 0.7),
    ("share in tenths", 0.85),
    ("per-unit provision", 0.7),
    ("deleted year before 底", 0.55),
    ("deleted year before 度", 0.55),
    ("deleted number of years opening a clause", 0.75),
    ("deleted number of years after a verb", 0.7),
    ("deleted decade", 0.7),
    ("deleted year after", 0.75),
    ("deleted year", 0.8),
    ("deleted number after a hedge", 0.7),
    ("deleted number after 有", 0.7),
    ("deleted person count", 0.6),
    ("deleted number at a clause start", 0.6),
    ("deleted number before 万/亿", 0.9),
    ("compound figure", 0.7),
    ("leading digits cut", 0.85),
    # round 3 (t13–t16)
    ("closing a clause after a verb that counts", 0.65),
    ("deleted head count after a noun for people", 0.65),
    ("deleted number of years after 了/有", 0.6),
    ("period stated with 一", 0.75),
    ("count of points", 0.8),
    ("count of events stated with 一", 0.6),
    ("span of hours", 0.7),
    # round 4 (t17–t20)
    ("deleted count after a verb with 了", 0.65),
    ("deleted count after 的 before 都", 0.6),
    ("deleted total after 共", 0.7),
    ("deleted count beside a verb of change", 0.65),
    ("deleted count before a verb of change", 0.65),
    ("deleted household count before a noun for people", 0.65),
    ("deleted ordinal after 第", 0.7),
    ("deleted count coordinated", 0.7),
    ("deleted score after a noun in 分", 0.6),
    ("deleted year before a month", 0.75),
    ("deleted year after a place before an award", 0.7),
    ("deleted year after 关于", 0.6),
    # rounds 7 and 8: the segmenter's second opinion (395 proposals on t1–t68 and twins, 377 matched a key figure)
    ("measure word standing as a word of its own", 0.85),
)


def _confidence(m: Mention) -> float:
    if m.kind == "skip":
        return 0.0
    rule = m.rule
    if m.slogan:
        rule = "slogan"
    for key, c in CONFIDENCE:
        if key in rule:
            base = c
            break
    else:
        if m.kind == "blank":
            base = 0.9
        elif m.unit is None:
            base = 0.6
        elif m.rule == "Chinese numeral":
            base = 0.9
        else:
            base = 0.95
    if any("多 may also mean" in n for n in m.notes):
        base = min(base, 0.55)
    return base


class _Spans:
    """Disjoint spans, sorted, looked up by bisection (a long text has thousands of numbers)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _masks(text: str, names: tuple[str, ...]) -> list[tuple[int, int, str]]:
    spans = []
    for group, why in ((names, "part of a place name"), (NUMERAL_PLACES, "part of a place name")):
        for n in group:
            if n and any(c in CN_DIGITS or c.isdigit() for c in n):
                for hit in re.finditer(re.escape(n), text):
                    spans.append((hit.start(), hit.end(), why))
    for n in IDIOMS:
        for hit in re.finditer(re.escape(n), text):
            if text.startswith(IDIOM_UNLESS_BEFORE.get(n, "\0"), hit.end()):
                continue
            spans.append((hit.start(), hit.end(), f"idiom or word {n}, not a count"))
    for n in NAMES:
        several = sum(c in CN_DIGITS for c in n) > 1
        for hit in re.finditer(re.escape(n), text):
            if several and text[hit.start() - 1 : hit.start()] == "“" and text[hit.end() : hit.end() + 1] == "”":
                continue  # “三会一课” quoted whole is a slogan: its numerals count, ranked low (unquoted, a name)
            spans.append((hit.start(), hit.end(), f"fixed name {n}, not a count"))
    return spans


def _mask_reason(masked, start: int) -> str | None:
    for s, e, why in masked:
        if s <= start < e:
            return why
    return None


def _skip(start: int, end: int, rule: str, written: str) -> Mention:
    return Mention("skip", start, end, start, rule, written=written)


def _arabic(text: str, m: re.Match, masked) -> Mention:
    written, start, end = m.group(), m.start(), m.end()
    digits = ascii_number(written)
    prev = text[start - 1] if start else ""
    nxt = text[end] if end < len(text) else ""
    if digits is None:
        return _skip(start, end, "digits of another script", written)
    why = _mask_reason(masked, start)
    if why:
        return _skip(start, end, why, written)
    if prev == "第":
        return _skip(start - 1, end, "ordinal (第N)", written)
    if in_title(text, start):
        return _skip(start, end, "inside a 《document title》, not a claim", written)
    line_start = (
        start == 0 or text[start - 1] == "\n" or (prev in "(（[［" and _clause_start(text, start - 1) == start - 1)
    )
    if prev in "(（" and nxt in ")）" and len(digits) <= 2:
        return _skip(start - 1, end + 1, "list ordinal ((1))", written)
    if prev in "[［" and nxt in "]］":
        return _skip(start - 1, end + 1, "footnote marker ([1])", written)
    if line_start and nxt in "、.．" and len(digits) <= 2:
        return _skip(start, end + 1, "list ordinal (1、 at the start of a line)", written)
    if prev in ";；。" and nxt in ".．" and len(digits) <= 2 and _cjk(text[end + 1 : end + 2]):
        return _skip(start, end + 1, "list ordinal (;5.北塘区: an item run on after the one before)", written)
    if text.endswith(CALL_VERBS, 0, start) and _unit_at(text, end) is None:
        return _skip(start, end, "a number called (叫120, 拨打110): a phone number, not a count", written)
    for ph in _PHONE.finditer(text, max(0, start - 5), min(len(text), end + 10)):
        if ph.start() <= start < ph.end():
            return _skip(min(start, ph.start()), max(end, ph.end()), "phone number", written)
    if (prev and _LETTER.match(prev)) or (nxt and _LETTER.match(nxt)):
        return _skip(start, end, "part of a code or name with letters (14N, 5G, 6X)", written)
    q = _quoted(text, start)
    if q and text[q[0] + 1 : q[1] - 1] == written:
        return _skip(start, end, "the whole quoted term is the number: a name (“12345”热线), not a count", written)
    if text.startswith("热线", end):
        return _skip(start, end, "hotline number, a name", written)
    if ":" in text[end : end + 1] and text[end + 1 : end + 3].isdigit():
        return _skip(start, end + 3, "time of day", written)
    if text.startswith(TIME_OF_DAY, end):
        return _skip(start, end + 2, "time of day (4点半, “四点半课堂”)", written)
    span = _HOURS.match(text, end)
    if span and ascii_number(span.group(1)) is not None:
        mention = Mention("reported", start, span.end(), start, "span of hours (每晚9点到11点)", written=written)
        mention.low, mention.high, mention.unit, mention.qualifier = float(digits), float(span.group(1)), "点", "range"
        return mention
    if text.startswith("分之", end):
        return _fraction(text, start, end, written)
    formula = _FORMULA.match(text, start)
    if formula and (formula.group().endswith("+") or "++" in formula.group()):
        mention = Mention("partial", start, formula.end(), start, "cut formula: a term of N+N+… was deleted")
        mention.written, mention.digits_shown = formula.group(), digits
        mention.notes.append("the terms that survive are in the quote; one figure for the whole formula")
        return mention
    mention = Mention("reported", start, end, start, "number", written=written, value=float(digits))
    # a range: 1至3名, 2—3人, 3~5个
    sep = _RANGE_SEP.match(text, end)
    if sep and sep.end() > end:
        second = _NUMBER.match(text, sep.end())
        if second and ascii_number(second.group()) is not None:
            low, high = float(digits), float(ascii_number(second.group()))
            if low < high:
                mention.low, mention.high, mention.value = low, high, None
                mention.qualifier = "range"
                mention.rule = "range"
                end = second.end()
    _tail(text, end, mention)
    if mention.unit in ("栋", "幢") and mention.qualifier == "exact":
        door = _DOOR.match(text, mention.end)
        if door or text.startswith(BUILDING_AFTER, mention.end):
            span_end = door.end() if door else mention.end
            return _skip(start, span_end, "a building's number, an address (12栋的管道, 7栋3单元)", written)
    if q and mention.unit is None:
        return _skip(start, max(end, mention.end), "inside a quoted name, no unit (“7办5中心”)", written)
    _head(text, start, mention)
    if mention.unit == "年" and mention.value is not None and 1900 <= mention.value <= 2100 and "." not in digits:
        mention.rule = "year"
    elif mention.unit in ("月", "日") and mention.qualifier == "exact":
        mention.rule = "date"
    if len(digits) > 1 and digits.startswith("0") and not digits.startswith("0."):
        _partial(mention, digits, "leading digits cut: a number cannot start with 0")
    elif digits == "0" and mention.qualifier == "more_than":
        _partial(mention, digits, "leading digits cut: 0余/0多 is the tail of a longer number")
    if mention.kind == "reported" and mention.unit is None:
        mention.notes.append("no measure word or unit follows the number (check)")
    if mention.kind == "reported" and mention.unit and mention.unit[0] in SCALES:
        mention.notes.append(f"scale {mention.unit[0]}: {_norm(mention)}")
    _finish_qualifier(mention)
    return mention


def _norm(m: Mention) -> str:
    v = m.value if m.value is not None else m.low
    if v is None:
        return ""
    n = v * SCALES[m.unit[0]]
    return f"{n:,.0f} {m.unit[1:] or ''}".strip() if float(n).is_integer() else f"{n:,} {m.unit[1:]}"


def _partial(m: Mention, digits: str, why: str) -> None:
    m.kind, m.rule = "partial", why
    m.value = m.low = m.high = None
    m.digits_shown = digits
    if m.qualifier == "range":
        m.qualifier = "exact"


def _chinese(text: str, m: re.Match, masked) -> Mention | None:
    written, start, end = m.group(), m.start(), m.end()
    why = _mask_reason(masked, start)
    if why:
        return _skip(start, end, why, written)
    # 万 or 亿 alone is a scale word whose number may be deleted (不少于万元): the slot rules judge it.
    if written in SCALES:
        return None
    if written == "百" and text.startswith("百分之", start):
        return None  # the 百 of 百分之八十: read with the numeral after it
    if text.startswith("分之", end):
        return _fraction(text, start, end, written)
    if written in ("百", "千") and text[end : end + 1] in MORE and _unit_at(text, end + 1):
        mention = Mention("reported", start, end, start, f"{written}余: a round number", written=written)
        mention.value = 100.0 if written == "百" else 1000.0
        _tail(text, end, mention)
        _head(text, start, mention)
        _finish_qualifier(mention)
        return mention
    if written in ("百", "千") and _unit_at(text, end):
        found = _round_hundred(text, start, end, written)
        if found is not None:
            return found
    if written in ("百", "千"):
        return _skip(start, end, f"{written} alone is a word or hyperbole (千条线, 百花), not a count", written)
    prev = text[start - 1] if start else ""
    nxt = text[end] if end < len(text) else ""
    if prev == "第":
        return _skip(start - 1, end, "ordinal (第N)", written)
    if in_title(text, start):
        return _skip(start, end, "inside a 《document title》, not a claim", written)
    if nxt == "是" or (nxt in "、" and (start == 0 or text[start - 1] == "\n")):
        return _skip(start, end + 1, f"list ordinal ({written}{nxt})", written)
    if text.startswith(("届", "中全会", "次全会", "大"), end):
        return _skip(start, end, "name of a Party congress or plenum (十九届四中全会)", written)
    if written in ("零", "〇"):
        return _zero(text, start, end, prev, nxt, written)
    if text.startswith(TIME_OF_DAY, end):
        return _skip(start, end + 2, "time of day (4点半, “四点半课堂”)", written)
    if text.startswith("点", end) and text.startswith(POINTS_AFTER, end + 1) and cn_value(written) is not None:
        mention = Mention("reported", start, end + 1, start, "count of points (三点意见)", written=written)
        mention.value, mention.unit = cn_value(written), "点"
        _head(text, start, mention)
        _finish_qualifier(mention)
        return mention
    if written == "一" and end + 2 < len(text) and text[end + 1] == "一" and text[end] == text[end + 2] != "一":
        return _skip(start, end + 3, "一件一件: 'one by one', not a count", written)
    paired = _paired(text, start, written)
    if paired is not None:
        if segment.frequency(paired):
            return _skip(start, end, f"idiom {paired} (a word of the dictionary), not a count", written)
        return _slogan_numeral(text, start, end, written)  # 一楼一策, 三问三评: a slogan's numerals
    if _in_mechanism(text, start, end):
        return _slogan_numeral(text, start, end, written)
    if len(written) == 1 and text.startswith("处", end) and (written == "二" or text.endswith(OFFICE_BEFORE, 0, start)):
        return _skip(start, end + 1, "an office's ordinal name (组织二处), not a count", written)
    if len(written) in (2, 3) and _unit_at(text, end) and _adjacent(written):
        return _adjacent_range(text, start, end, written)
    # two different numerals in an X数Y数 pattern are an idiom (四梁八柱); the same one twice is a slogan.
    pair = text[end + 1] if end + 2 < len(text) else ""
    idiom = len(written) == 1 and pair and pair in CN_DIGITS and pair != written and pair not in "十百千万亿"
    if idiom and _unit_at(text, end) is None:
        return _skip(start, end + 3, "idiom of two numerals (四梁八柱)", written)
    scale = ""
    body = written
    if len(body) > 1 and body[-1] in SCALES and cn_value(body[:-1]) is not None:
        body, scale = body[:-1], body[-1]
    value = cn_value(body)
    if value is None:
        return _skip(start, end, "not a well-formed numeral", written)
    if not scale and (nxt == "几" or prev in ("几", "数")) and written != "一":
        return _approximate(text, start, end, prev, written, value)
    if prev in "这那" and written in ("两", "几") and _unit_at(text, end) in ("年", "天"):
        return _skip(start, end, "这两年, 这几天: 'these last years or days', no count", written)
    if not scale and text.startswith("来", end) and _unit_at(text, end + 1) and written[-1] in "十百千":
        mention = Mention("reported", start, end, start, "approximate count (一百来起): about the round number")
        mention.written, mention.value = written, value
        _tail(text, end + 1, mention)
        _head(text, start, mention)
        mention.qualifier = "approx"
        _finish_qualifier(mention)
        return mention
    mention = Mention("reported", start, end, start, "Chinese numeral", written=written, value=value)
    q = _quoted(text, start)
    if text.startswith("百分之", start - 3) and not scale:  # 百分之九十: a percentage in words
        mention.start, mention.unit, mention.end, mention.rule = start - 3, "%", end, "percentage in words"
        _head(text, mention.start, mention)
        _finish_qualifier(mention)
        return mention
    _tail(text, start + len(body), mention)
    if scale and not (mention.unit or "").startswith(scale):
        mention.unit = scale + (mention.unit or "")
    if written == "一" and mention.unit:
        clause = text[_clause_start(text, start) : start]
        if prev == "每":
            return _skip(start, end, "每一个 means 'every', not a count", written)
        unit_word = text[end : end + len(mention.unit)]
        if text.startswith("一" + unit_word, end + len(unit_word)) or text.endswith("一" + unit_word, 0, start):
            return _skip(start, end, "一件一件: 'one by one', not a count", written)
        earlier = text[q[0] : start] if q else ""
        if mention.unit == "成" and text[mention.end : mention.end + 1] not in SHARE_NOT_AFTER:
            mention.rule = "share in tenths stated with 一 (将近一成)"
        elif mention.unit in RULE_UNITS and (mention.qualifier == "at_most" or text.startswith("来", mention.end)):
            mention.rule = "period stated with 一 (一个月内, 一年来)"
        elif mention.unit == "次" and text.endswith(EVENT_VERBS, 0, start):
            mention.rule = "count of events stated with 一 (开展一次专项督查)"
        elif mention.unit in RULE_UNITS and any(v in clause for v in RULE_VERBS):
            mention.rule = "rule stated with a number (给予一次提醒, 暂停…一年)"
        elif mention.unit == "倍":
            mention.rule = "multiple stated with 一 (增长一倍, 相差近一倍)"
        elif mention.unit in RULE_UNITS and any(
            text.endswith(w, 0, k) for w in DURATION_BEFORE for k in (start, start - 1)
        ):
            mention.rule = "duration stated with 一 (为期一个月, 历时一年)"
        elif any(earlier[i] == "一" and _unit_at(earlier, i + 1) for i in range(len(earlier))) or (
            q is None and _one_each(text, start)
        ):
            mention.rule = "per-unit provision (“一个支部一件实事”)"
        elif "每" not in clause:
            return _skip(
                start, end, "一 + measure word is an article ('a'), not a count, unless per unit (每…一个)", written
            )
        else:
            mention.rule = "per-unit provision (每…一个)"
    elif written == "一":
        return _skip(start, end, "一 is part of a word or slogan (一线, 一体化, 一肩挑), not a count", written)
    if mention.unit is None or mention.unit[-1] in SCALES:
        if q is None or q[0] != start - 1 or q[1] - q[0] > 10 or nxt == "”" or not nxt:
            return _skip(start, end, "numeral not followed by a measure word: part of a word or name", written)
        mention.unit = nxt  # “五有”, “四治”, “六呼六应”: N things named by the character after it
        mention.end = end + 1
        mention.slogan = True
        mention.rule = "count in a quoted slogan"
    elif q is not None and q[0] == start - 1:
        mention.slogan = True
        mention.rule = "count in a quoted slogan"
    _head(text, start, mention)
    _finish_qualifier(mention)
    return mention


_SMALL = set("一二两三四五六七八九十")
# 一成 is a share (将近一成) unless it starts a word (一成立就, 一成为): the character after it decides.
SHARE_NOT_AFTER = set("立为了功绩效本果员熟型长就交")


def _in_mechanism(text: str, start: int, end: int) -> bool:
    """Whether the numeral at start..end is one of several in a named mechanism (四议两公开, “一键四响”)."""
    i = start
    while i >= 2 and text[i - 2] in _SMALL and text[i - 1] not in CN_DIGITS and _cjk(text[i - 1]):
        i -= 2
    j = end
    while j + 1 < len(text) and _cjk(text[j]) and text[j] not in CN_DIGITS and text[j + 1] in _SMALL:
        j += 2
        while j < len(text) and text[j] in _SMALL:
            j += 1
    if i == start and j == end:
        return False  # one numeral alone: the ordinary rules judge it
    q = _quoted(text, start)
    if q and q[1] - q[0] <= 12:
        return True
    after = text[j + 1 : j + 8].lstrip("”")
    return any(w in text[max(0, i - 6) : i] for w in MECHANISM_BEFORE) or after.startswith(MECHANISM_AFTER)


_ONE_EACH = re.compile(
    r"一([个名件项家户张条位支座间套台本面份块])[\u4e00-\u9fff]{1,6}?一([个名件项家户张条位支座间套台本面份块])"
)


def _one_each(text: str, start: int) -> bool:
    """Whether the 一 at start is one of 一个X一件Y, X a noun (一个支部一件实事, 一个社区一张名片): a rule per unit."""
    for hit in _ONE_EACH.finditer(text, max(0, start - 9), start + 10):
        if start in (hit.start(), hit.end() - 2):
            middle = segment.cut(text[hit.start(1) + 1 : hit.end() - 2])
            nouns = sum(len(w) for _, w, tag in middle if tag.startswith("n"))  # 一个人带着一个孩子: no rule
            return nouns >= 2 and nouns == hit.end() - 2 - hit.start(1) - 1  # 办一件成一件: no rule either
    return False


def _paired(text: str, start: int, written: str) -> str | None:
    """The four characters NXNY around a one-character numeral N written twice with a character after each
    (一楼一策, 三问三评, 两荤两素), or None. 一X一Y with Y a unit (一年一次) is a rule, read elsewhere."""
    if len(written) != 1:
        return None
    for s in (start, start - 2):
        four = text[s : s + 4] if s >= 0 else ""
        if len(four) == 4 and four[0] == four[2] == written and _cjk(four[1]) and _cjk(four[3]):
            if four[1] in CN_DIGITS or four[3] in CN_DIGITS or four[1] == four[3]:
                continue  # 一五一十, 一件一件
            if written == "一" and _unit_at(text, s + 3) is not None:
                continue
            return four
    return None


def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _slogan_numeral(text: str, start: int, end: int, written: str) -> Mention:
    value = cn_value(written)
    if value is None:
        return _skip(start, end, "not a well-formed numeral", written)
    m = Mention("reported", start, end, start, "numeral in a named mechanism or slogan (四议两公开)", written=written)
    m.value, m.slogan = value, True
    unit = _unit_at(text, end)
    if unit:
        _tail(text, end, m)
    elif end < len(text) and _cjk(text[end]):
        m.unit, m.end = text[end], end + 1  # 四议: four things named by the character after the numeral
    else:
        return _skip(start, end, "numeral closing a slogan names it, counts nothing", written)
    m.notes.append("a slogan's count: keep it if the curated table counts its slogans")
    return m


def _zero(text: str, start: int, end: int, prev: str, nxt: str, written: str) -> Mention:
    """零事故, 零投诉, 为零: zero is a figure; 零 before a word it makes (零星) is masked as an idiom."""
    if (prev in ZERO_BEFORE and (not nxt or nxt in CLAUSE_START or nxt in "”)）")) or (
        _cjk(nxt) and nxt not in CN_DIGITS
    ):
        m = Mention("reported", start, end, start, "zero as a figure (零事故, 为零)", written=written, value=0.0)
        m.notes.append("no unit: the thing counted follows 零")
        return m
    return _skip(start, end, "零 alone, not a count", written)


def _approximate(text: str, start: int, end: int, prev: str, written: str, value: float) -> Mention:
    """十几公里, 几十个, 数十名: an approximate count, recorded as more than the round number."""
    s = start - 1 if prev in ("几", "数") else start
    m = Mention(
        "reported", s, end, start, "approximate count (十几, 几十): more than the round number", written=written
    )
    m.value, m.qualifier = value, "more_than"
    _tail(text, end + 1 if text[end : end + 1] == "几" else end, m)
    if m.unit is None:
        return _skip(s, end, "approximate numeral not followed by a measure word", written)
    _finish_qualifier(m)
    return m


def _round_hundred(text: str, start: int, end: int, written: str) -> Mention | None:
    """近百名, 上百起, 数千名: a round number named by a hedge; None for 百/千 alone (百花, 千条线)."""
    lead = {"上": "at_least", "数": "more_than", "几": "more_than"}.get(text[start - 1 : start])
    if lead is None and not text.endswith(("近", "将近", "接近"), 0, start):
        return None
    if lead is None and not text.endswith(("将近", "接近"), 0, start) and text[start - 2 : start - 1] in HEDGE_WORDS:
        return None  # 最近百日, 附近百姓: 近 is part of a word
    m = Mention(
        "reported", start - (1 if lead else 0), end, start, "approximate count (近百, 上百, 数千)", written=written
    )
    m.value = 100.0 if written == "百" else 1000.0
    _tail(text, end, m)
    if lead:
        m.qualifier = lead
    else:
        _head(text, start, m)
    _finish_qualifier(m)
    return m


_SMALL_VALUE = {c: i for i, c in enumerate("一二三四五六七八九", 1)} | {"两": 2}


# Two numerals that name a rough range (三四个, 两三天, 三五个, 二三十名 = 20–30, 一二百户 = 100–200).
_RANGE_PAIRS = {(a, a + 1) for a in range(1, 9)} | {(3, 5)}
_RANGE_POWER = {"十": 10, "百": 100, "千": 1000}


def _adjacent(written: str) -> tuple[float, float] | None:
    """The range two numerals name (三四 -> 3–4, 二三十 -> 20–30), or None."""
    body, power = written, 1
    if len(body) == 3 and body[-1] in _RANGE_POWER:
        body, power = body[:2], _RANGE_POWER[body[-1]]
    if len(body) != 2:
        return None
    pair = (_SMALL_VALUE.get(body[0]), _SMALL_VALUE.get(body[1]))
    return (float(pair[0] * power), float(pair[1] * power)) if pair in _RANGE_PAIRS else None


def _adjacent_range(text: str, start: int, end: int, written: str) -> Mention:
    """三四个, 两三天, 二三十名: adjacent numerals are a range (cn2an would read 三四 as 34, 三五 as 35)."""
    m = Mention(
        "reported", start, end, start, "approximate count: adjacent numerals as a range (三四个)", written=written
    )
    m.low, m.high = _adjacent(written)
    m.qualifier = "range"
    _tail(text, end, m)
    _head(text, start, m)
    _finish_qualifier(m)
    return m


def _fraction(text: str, start: int, end: int, written: str) -> Mention:
    """三分之一, 2分之1: a share the validator cannot check as written; skipped, with its whole span."""
    tail = re.compile(rf"分之(?:[{CN_DIGITS}]+|\d+)").match(text, end)
    return _skip(start, tail.end() if tail else end, "a fraction (三分之一): not proposed, record it by hand", written)


def _dedupe_slogans(text: str, mentions: list[Mention]) -> None:
    """A slogan says its count once: a repeat of the same numeral and word in the text, or of the same
    numeral inside one slogan (六呼六应), is skipped."""
    seen: set[str] = set()
    for m in mentions:
        if m.kind == "skip" or not m.slogan:
            continue
        q = _quoted(text, m.start)
        # one slogan may hold several counts (“四议两公开”): each numeral's place in it is its own term
        term = f"{text[q[0] : q[1]]}@{m.start - q[0]}" if q else text[m.start : m.end]
        if term in seen:
            m.kind, m.rule, m.notes = "skip", "repeats a slogan already counted in this text", []
            continue
        seen.add(term)
    # the second 六 of “六呼六应”
    for m in mentions:
        if m.kind != "reported" or not m.slogan:
            continue
        q = _quoted(text, m.start)
        if q is None:
            continue
        for other in mentions:
            same = other.kind == "reported" and other.written == m.written
            if same and m.start < other.start < q[1]:
                other.kind, other.rule, other.notes = "skip", "repeats the count of the same slogan", []


def find_slots(text: str, mentions: list[Mention] | None = None) -> list[Mention]:
    """Deleted numbers: a unit with no number before it, a year slot, a scale word (万/亿) with no number.

    mentions: numbers already read; a slot right after one (35类项) is the cut half of a compound figure.
    """
    ends = {m.end: m for m in mentions or () if m.kind == "reported"}
    covered = _Spans()
    # idioms and fixed names hold no slot (千家万户), whether or not the caller read the numbers first
    spans = [(m.start, m.end) for m in mentions or ()] + [(s, e) for s, e, _ in _masks(text, ())]
    for s, e in sorted(spans):
        if e > s and not covered.covers(s):
            covered.add(s, e)
    out: list[Mention] = []
    word_at = _word_index(text)
    for unit_pos, unit, qualifier, scale, gap, rule in _slot_positions(text):
        prev = text[gap - 1] if gap else "\n"
        if _number_like(text, gap) or covered.covers(unit_pos) or covered.covers(gap):
            continue
        if gap == unit_pos and _no_count_word(word_at, unit_pos, unit):
            continue  # 帮个忙, 开个会: 一个 with 一 elided; 调处, 空白处: 处 inside a word; 走家串户: an idiom
        if gap == unit_pos and _every(text, unit_pos, unit):
            continue  # “家家有人联、户户有人帮”: every household
        if unit == "名" and prev == "为" and "以" in text[_clause_start(text, gap) : gap]:
            continue  # 以举办活动为名: "in the name of", no count
        if _LETTER.match(prev) or (prev in '”"' and gap >= 2 and _LETTER.match(text[gap - 2])):
            continue  # “N”个制度: a letter stands for an open number; nothing was deleted
        if prev == "个" and gap not in ends:
            continue  # 第二个家, 一个家: the noun 个 counts, not a unit whose number was deleted
        if prev in "“‘「" or text.endswith(("多少", "几多"), 0, gap):
            continue  # 一个“家”: a quoted word; 建了多少个: "how many"
        m = Mention("blank", gap, unit_pos + len(unit), gap, rule)
        m.written = text[gap : unit_pos + len(unit)]
        m.unit = (scale + ("%" if unit == "％" else unit)) or None
        m.qualifier = qualifier
        _tail_qualifier(text, m)
        _head(text, gap, m)
        if m.qualifier == "more_than" and scale == "" and text[gap] == "多":
            m.notes.append("多 may also mean 'several' with no number deleted (check)")
        before = ends.get(gap)
        if before is not None:
            m.kind, m.rule = "partial", "compound figure whose second number is deleted (35类…项)"
        _finish_qualifier(m)
        out.append(m)
    taken = {m.at for m in out}
    for gap, end, unit, rule in _frame_slots(text):
        if gap in taken or covered.covers(gap) or _number_like(text, gap) or text[gap - 1 : gap].isdigit():
            continue
        out.append(Mention("blank", gap, end, gap, rule, unit=unit, written=text[gap:end]))
    maybe: list[int] = []  # 到年底: the end of this year, or of a deleted year
    maybe_annual: list[int] = []  # 召开年度: "annual", or a deleted year before 度
    years = 0
    for hit in re.finditer("年", text):
        p = hit.start()
        prev = text[p - 1] if p else "\n"
        rule = None
        if (p == 0 or prev in CLAUSE_START) and p + 1 < len(text) and text[p + 1] not in YEAR_NOT_SLOT:
            rule = "deleted year: 年 opens a clause with no number"
        elif (p == 0 or prev in CLAUSE_START) and text.startswith(("来", "以来"), p + 1):
            rule = "deleted number of years opening a clause before 来 (,年来: for N years)"
        elif text.startswith("来", p + 1) and _cjk(prev) and prev not in YEAR_WORD_BEFORE and prev not in CN_DIGITS:
            rule = "deleted number of years after a verb before 来 (成立年来: for N years)"
        elif text.endswith("世纪", 0, p) and text.startswith("代", p + 1):
            rule = "deleted decade after 世纪 (上世纪年代)"
        elif prev == "第" and text[p - 2 : p - 1] not in ("次", "府", "门", "宅", "及", "落"):
            rule = "deleted ordinal after 第 (连续第年)"
        elif prev not in YEAR_WORD_BEFORE and not prev.isdigit() and _year_slot_after(text, p):
            rule = "deleted year after a preposition or verb (自年起, 在年“…”中)"
        elif _MONTH_AFTER.match(text, p + 1) and prev not in YEAR_WORD_BEFORE and not prev.isdigit():
            rule = "deleted year before a month (年1月8日)"
        elif prev in PLACE_ENDS and text.startswith("度“", p + 1):
            rule = "deleted year after a place before an award (临江区年度“…”)"
        elif text.endswith("关于", 0, p) and text.startswith("度", p + 1):
            rule = "deleted year after 关于 in a title (关于年度…的通报)"
        elif prev in "了有" and _years_count(text, p):
            rule = "deleted number of years after 了/有 (开展了年, 已经有年了)"
        elif (prev in PLACE_ENDS or text.endswith(("街道", "社区"), 0, p)) and _heading_year(text, p):
            rule = "deleted year after a place name in a heading (东湖区年工作要点)"
        elif (
            prev not in YEAR_WORD_BEFORE and text.startswith(YEAR_PART, p + 1) and text.endswith(YEAR_END_BEFORE, 0, p)
        ):
            maybe.append(p)
        elif text.startswith("度", p + 1) and (prev in "《:：将" or text.endswith(ANNUAL_AFTER, 0, p)):
            maybe_annual.append(p)  # 召开年度…会议, 现将年度…, 附件:年度 (纳入年度考核 is "annual")
        if rule and not covered.covers(p):
            out.append(Mention("blank", p, p + 1, p, rule, unit="年", written="年"))
            years += 1
    if years:  # a text that deleted its years: 力争到年底 lost its year too (to 2025's end), 召开年度 its 2025年度
        for p in maybe:
            if not covered.covers(p):
                out.append(Mention("blank", p, p + 1, p, YEAR_PART_RULE, unit="年", written="年"))
        for p in maybe_annual:
            if not covered.covers(p):
                out.append(Mention("blank", p, p + 1, p, ANNUAL_RULE, unit="年", written="年"))
    taken = {p for m in out for p in range(m.start, max(m.end, m.start + 1))}
    for gap, end, unit in segmenter_slots(text, covered, taken):
        out.append(Mention("blank", gap, end, gap, SEGMENTER_RULE, unit=unit, written=text[gap:end]))
    return out


_MONTH_AFTER = re.compile(r"\d{1,2}月")
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True) if u not in ("成", "年", "月", "日"))
# 第 + a measure word with no numeral: an ordinal whose number was deleted (第期, 第批).
_ORDINAL = re.compile(f"第({_UNIT_ALT})")
# A count coordinated with a count of the same unit (4.5分和分, 3天至天): the second lost its number.
_PAIR = re.compile(f"\\d(分|{_UNIT_ALT})(?:和|与|及|或|、|至|到|-)(\\1)(?![\u4e00-\u9fff])")
# A unit before a verb of change in a from-to frame (由户降到, 由上年的天缩短到).
_FROM_TO = re.compile(f"(天|{_UNIT_ALT})(?:{'|'.join(CHANGE_TO)})")
# A noun ending in its own unit then the unit closing the clause (得分分;): the score was deleted.
_DOUBLED = re.compile(r"(?<![分十])分(分)(?=[,，。;；、)）]|$)")
# 共/一共 + 把 closing a clause (一共把,): 把 is a measure word only there (万把人, 把关 are not).
_TOTAL_BA = re.compile(r"(?:一共|共计|合计|总计|(?<![公中总])共)(把)(?=[,，。;；、)）]|$)")

# A month with its number then 日 with none (11月日进驻, 十一月日前): the day of a date was deleted. 日 starting a
# word (日均, 日常, 日本, 日益) is no day.
_DAY = re.compile(
    r"(?:\d{1,2}|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,2})月(日)(?![均常益夜间报记志程用子期历光照晒本元])"
)
DAY_RULE = "deleted day after a month (11月日)"
# 连续 (in a row) takes a count of a duration or of times (连续3年, 连续5次): with the unit right after it, the count
# was deleted (连续年获评, 连续次排名第一). 年度 is "annual" (连续年度考核), no gap.
_RUN_OF = re.compile(r"连续(年(?!度)|个月|天|次|周|届|轮|期)")
RUN_RULE = "deleted count after 连续 (连续年获评)"


def _frame_slots(text: str):
    """(gap, end, unit, rule) of the slots found by the frame around them rather than by the unit alone."""
    for m in _ORDINAL.finditer(text):
        if text[m.start() - 1 : m.start()] not in ("次", "府", "门", "宅", "及", "落"):
            yield m.start(1), m.end(1), m.group(1), "deleted ordinal after 第 (第期)"
    for m in _PAIR.finditer(text):
        unit = m.group(2)
        if unit in UNITS or unit == "分":
            yield m.start(2), m.end(2), unit, "deleted count coordinated with a count of its unit (4.5分和分)"
    for m in _FROM_TO.finditer(text):
        unit = m.group(1)
        clause = text[_clause_start(text, m.start()) : m.start()]
        word = any(text.startswith(w, m.start() - len(w) + len(unit)) for w in NOT_MEASURE)
        if ("由" in clause or "从" in clause) and unit not in ("个", "成") and not word:
            yield m.start(1), m.end(1), unit, "deleted count before a verb of change (由户降到)"
    for m in _DOUBLED.finditer(text):
        yield m.start(1), m.end(1), "分", "deleted score after a noun in 分 (得分分)"
    for m in _TOTAL_BA.finditer(text):
        yield m.start(1), m.end(1), "把", TOTAL_RULE
    for m in _DAY.finditer(text):
        yield m.start(1), m.end(1), "日", DAY_RULE
    for m in _RUN_OF.finditer(text):
        yield m.start(1), m.end(1), m.group(1), RUN_RULE


SEGMENTER_RULE = "deleted number before a measure word standing as a word of its own (清理杂物吨)"
# Measure words the segmenter may place (months and days have their own rules; 成 is a share).
SEGMENTER_UNITS = {u for u in UNITS if u not in ("月", "日", "成", "%", "％", "周")}
SEGMENTER_UNITS |= {"门", "分", "课时", "对", "题", "面", "页", "笔", "段", "节", "道"}
# Measure words that are seldom anything else: a slot also before the noun they count (全省名城市, 的位老人).
PURE_MEASURE = set("篇册吨名项件份套辆盏架艘趟遍块位岁米亩元倍天题页笔段道") | {
    u for u in SEGMENTER_UNITS if len(u) > 1
}
# Measure words that end nouns (巡查队, 建设处, 楼栋, 自己的家, 免租期) or are verbs as often (做起, 轮到, 种菜, 对于):
# a slot only where the frame leaves no other reading (the next word is the noun counted, after 的/了/着).
NOUN_ENDS = set("起轮种队处所部级类组支家栋对面节")
# What may close a count: the clause ends, or a hedge follows (户以上, 人左右).
COUNT_CLOSERS = ("以上", "左右", "之多", "以内", "以下", "多", "余", "上下")
# Words after which any measure word counts something whose number was deleted (其中条已经办结, 超人次).
COUNT_OPENERS = (
    "其中",
    "一共",
    "不足",
    "另外",
    "此外",
    "共",
    "共有",
    "另有",
    "还有",
    "已有",
    "约",
    "近",
    "超",
    "超过",
    "达",
    "达到",
    "为",
    "于",
    "计",
    "合计",
    "累计",
    "总计",
    "共计",
    "用",
    "后",
    "逾",
    "至少",
    "不少",
    "多达",
    "高达",
)
# Words after which a measure word before a noun is a count (一星的家企业, 开了场“板凳会”, 滚动着条信息).
NOUN_OPENERS = ("的", "了", "着", "全部", "所有")
# Measure words that are also common surnames (的张大姐): a slot only closing a clause or after a word opening a count.
SURNAME_UNITS = ("张",)
# Tags of a word that is no measure word: a name (张 as a surname), an adverb (只), a conjunction, a particle, a
# pronoun.
SEGMENTER_NOT = ("nr", "d", "c", "u", "r")


def _every(text: str, pos: int, unit: str) -> bool:
    """Whether the unit at pos, doubled and opening a clause (家家有, “户户通”), means "every", not a deleted count."""
    prev = text[pos - 1] if pos else "\n"
    doubled = text.startswith(unit * 2, pos) or text.endswith(unit, 0, pos)
    start = pos - len(unit) if text.endswith(unit, 0, pos) else pos
    opens = start == 0 or text[start - 1] in CLAUSE_START or text[start - 1] in "“‘「"
    return doubled and opens and prev not in NUMBER_LIKE


def _word_index(text: str):
    """A lookup: (word before, word covering pos, word after, where the covering word starts), each word as
    (word, tag) and None where there is none; the words before and after only when a word starts at pos."""
    found = segment.words(text) or ()
    starts = [w[0] for w in found]

    def at(pos: int):
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0:
            return None, None, None, pos
        if found[i][0] != pos:
            return None, found[i][1:], None, found[i][0]
        after = found[i + 1][1:] if i + 1 < len(found) else None
        return (found[i - 1][1:] if i > 0 else None), found[i][1:], after, pos

    return at


def _no_count_word(word_at, pos: int, unit: str) -> bool:
    """Whether the segmenter reads the unit at pos as no count: 个 after a one-character verb before the word it
    introduces (帮个忙, 开个会: 一个 with 一 elided; 有个 is left to the rules), or 处 inside a word (调处, 空白处)."""
    before, word, after, start = word_at(pos)
    if word is None:
        return False
    if word[1] in ("i", "l") and len(word[0]) >= 4:
        return True  # 走家串户, 千家万户: an idiom of the dictionary (a deletion does not make one)
    if len(word[0]) >= 3 and start < pos and pos + len(unit) < start + len(word[0]):
        return True  # 私家车: the unit inside a longer word (a deletion makes words that end in it: 企业家)
    if unit == "处":
        return len(word[0]) > 1
    if word[0] != "个" or before is None or after is None:
        return False
    one_verb = len(before[0]) == 1 and before[1].startswith("v") and before[0] != "有"
    return one_verb and _cjk(after[0][0]) and after[0] not in COUNT_CLOSERS and not after[1].startswith(("m", "q"))


def _segmenter_word(chars: str) -> bool:
    """Whether chars is a word of the segmenter's dictionary (事项, not 物吨) with some use (10+)."""
    return segment.frequency(chars) >= 10


def segmenter_slots(text: str, covered: _Spans, taken: set[int]):
    """(gap, end, unit) of measure words the segmenter reads as a word of their own, with no number before them.

    A second opinion beside the rules above: a deleted number leaves its measure word standing alone
    (调研报告篇, 其中条已经), while the same character inside a word (在家, 首个, 联系户) is no slot. Where the
    measure word may also be a noun or a verb's complement, only the frame makes it a slot: it closes the
    clause (杂物吨。, 教师人,), or follows a word that opens a count (其中, 共, 达到), or stands between 的/了/着
    and the noun it counts (的家企业), or is a measure word that is seldom anything else before its noun
    (全省名城市, 的位老人).
    """
    found = segment.words(text)
    if not found:
        return
    for i, (pos, word, tag) in enumerate(found):
        if word not in SEGMENTER_UNITS or i == 0:
            continue
        # 、所学校 after a count (有家企业、所学校): the list goes on counting, whatever the tag says
        listed = found[i - 1][1] == "、" and any(w in SEGMENTER_UNITS for _, w, _ in found[max(0, i - 4) : i - 1])
        if tag.startswith(SEGMENTER_NOT) and word not in "对本" and not listed:
            continue
        prev_word, prev_tag = found[i - 1][1], found[i - 1][2]
        single = len(prev_word) == 1
        if pos in taken or covered.covers(pos) or (single and prev_word in NUMBER_LIKE) or prev_tag in ("m", "q"):
            continue  # 各项, 五六个人, 万把人: a number or a word for one stands before it (报修单张 does not)
        if (single and prev_word in UNITS) or prev_word[-1] + word in UNITS or prev_word in ("多少", "几"):
            continue  # 敲一次门; 万户次: a unit cut in two; 建了多少个
        nxt, nxt_tag = found[i + 1][1:] if i + 1 < len(found) else ("\n", "x")
        closes = nxt[0] in CLAUSE_START or nxt in COUNT_CLOSERS
        named = prev_word == "”" and closes and word != "人"  # “四点半课堂”期。: a count of the named thing
        having = (
            prev_word == "有" and word not in ("人", "个", "名", "家") and (closes or word == "户")
        )  # 民情日记有本。
        tally = prev_word in (",", "，") and closes and word in PURE_MEASURE  # 电梯故障,件;: an item, then its count
        if not (_cjk(prev_word[-1]) or listed or named or tally) or prev_word in ("没", "是", "就是"):
            continue  # a clause start, 5G套, 没人
        if prev_word == "有" and not having:
            continue  # 有位老*员, 有人说: "a", "someone"
        if single and prev_tag.startswith("nr"):
            continue  # 争晋位: a word the dictionary lacks, cut in two (晋 read as a name)
        opened = prev_word in COUNT_OPENERS or listed or named or having or tally
        if single and not opened and prev_word not in NOUN_OPENERS and _segmenter_word(prev_word + word):
            continue  # 健身步道: 步道 is a word the segmenter cut
        before_noun = nxt_tag.startswith(("n", "vn")) and not nxt_tag.startswith("nr") or nxt == "“"
        if word == "年":
            after_le = prev_word == "了" and i >= 2 and found[i - 2][1] not in ("过", "除", "为")  # 用了年时间
            slot = (opened and not nxt_tag.startswith("n")) or prev_tag.startswith(("v", "p")) or after_le
            slot = slot and not nxt.startswith(tuple(YEAR_NOT_SLOT))  # 其中年税收: yearly
        elif word == "个":
            slot = (opened or closes) and not prev_tag.startswith("v")  # 拍个照: 一个 with 一 elided
        elif word in NOUN_ENDS:
            slot = (prev_word in NOUN_OPENERS and before_noun) or (word == "对" and opened and closes)
            incidents = word == "起" and closes and prev_tag in ("n", "vn")  # 突发情况起。
            slot = slot or incidents or named or having or listed
        elif word in SURNAME_UNITS:
            slot = closes  # 还有张书记, 的张大姐: a surname
        elif prev_word in NOUN_OPENERS or prev_tag.startswith("u"):
            # 的人: the people; 本网格: this; 的位老人: a count; 睡了天。, 提高了分。: a duration, a score
            slot = before_noun and word != "人" and not (word == "本" and prev_word in ("的", "了", "着"))
            slot = slot or (prev_word == "了" and closes and word not in ("人", "家", "个"))  # 办了期。, 多了户。
        elif closes:
            if not opened and prev_tag.startswith("v") and _segmenter_word(prev_word[-1] + word):
                continue  # 议事项: 事项 is a word the segmenter cut (社区分 is no 区分)
            # after a verb only a measure word that is seldom anything else (派人, 找对人: an object)
            slot = opened or word in PURE_MEASURE | {"本", "户"} or prev_tag.startswith(("n", "vn", "zg"))
        else:
            slot = opened or (word in PURE_MEASURE and before_noun and not prev_tag.startswith("v"))
        if slot:
            yield pos, pos + len(word), word


def _years_count(text: str, p: int) -> bool:
    """年 after 了/有 closing a clause or before 了: a count of years whose number was deleted (开展了年,)."""
    nxt = text[p + 1 : p + 2]
    if text.endswith(("过了", "除了", "为了"), 0, p):
        return False  # 过了年 is "after New Year"
    return not nxt or nxt in CLAUSE_START or nxt == "了"


def _number_like(text: str, gap: int) -> bool:
    """Whether the character before gap stands for a number (各, 每, 这 …); 单 ending a noun (清单项) does not,
    nor 数 ending a noun (总数名, 人数) or 余 in 其余/剩余 (其余件: the rest, whose number was deleted)."""
    prev = text[gap - 1] if gap else "\n"
    if prev == "单" and gap >= 2 and text[gap - 2] in NOUNS_IN_DAN:
        return False
    if gap >= 2 and ((prev == "数" and text[gap - 2] in "总人户件次") or (prev == "余" and text[gap - 2] in "其剩")):
        return False
    return prev in NUMBER_LIKE


def _heading_year(text: str, p: int) -> bool:
    """年 after a place in a heading line (no clause punctuation, short) before a word a year may head."""
    nxt = text[p + 1 : p + 2]
    if not _cjk(nxt) or nxt in YEAR_NOT_SLOT:
        return False
    line = text[text.rfind("\n", 0, p) + 1 : (text.find("\n", p) + 1 or len(text) + 1) - 1]
    return len(line) <= 40 and not any(c in line for c in "。,，;；:：!！?？")


def _year_slot_after(text: str, p: int) -> bool:
    before = text[max(0, p - 2) : p]
    if before.endswith(("(", "（")):
        # (2023年度) -> (年度), (2024年第三季度) -> (年第三季度), (2023年) -> (年)
        return text.startswith(("度", "第", "上半", "下半", "一季", "二季", "三季", "四季", ")", "）"), p + 1)
    if text.endswith(("评为", "荣获", "获评"), 0, p) and text.startswith("度", p + 1):
        return True  # 被评为年度优秀社区书记: 被评为2023年度 with its year deleted
    if before[-1:] in UNIT_ENDS and (text[p + 1 : p + 2].isdigit() or text.startswith(("起", "以来", "“"), p + 1)):
        return True  # 建成10万平方米年9月…: a year deleted right after a figure
    if not any(before.endswith(w) for w in YEAR_BEFORE):
        return False
    nxt = text[p + 1 : p + 2]
    if _cjk(nxt) and not text.startswith(("来", "以来"), p + 1):
        return nxt not in YEAR_NOT_SLOT and nxt not in "级轻纪代"  # 力争到年实现, 比年提高 (but 到年底, 在年内)
    return nxt.isdigit() or text.startswith(YEAR_AFTER, p + 1)


_STRONG = "|".join(re.escape(u) for u in sorted(SLOT_UNITS, key=len, reverse=True))
_WEAK = "|".join(re.escape(u) for u in sorted(SLOT_UNITS_AFTER_MORE, key=len, reverse=True))  # 场次 before 场
_ANY = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True) if u not in ("成", "年", "月", "日"))
_SLOT = re.compile(
    f"(?P<pm>余|多)?(?P<sc>[万亿])(?P<m2>余|多)?(?P<u1>{_ANY})?"
    f"|(?P<m>余|多)?(?P<u>{_STRONG})"
    f"|(?P<mw>余|多)(?P<uw>{_WEAK})"
    f"|(?P<uh>{_WEAK})"
)
_SCALE_WORDS = set("一众物象能分岁事千全里家紫水头差变辛军")


def _slot_positions(text: str):
    """(unit position, unit, qualifier, scale, gap, rule) of each slot, not inside a word like 项目."""
    for hit in _SLOT.finditer(text):
        g = hit.groupdict()
        if g["sc"]:
            found = _scale_slot(text, hit)
            if found:
                yield found
            continue
        if g["u"] is not None:
            unit, upos, more = g["u"], hit.start("u"), g["m"]
            rule = "deleted number: a unit with no number before it"
        elif g["uw"] is not None:
            unit, upos, more = g["uw"], hit.start("uw"), g["mw"]
            rule = "deleted number: a unit with no number before it"
        else:
            unit, upos, more = g["uh"], hit.start("uh"), None
            rule = _weak_slot_rule(text, upos, unit)
            if rule is None:
                continue
        after = text[upos + len(unit) : upos + len(unit) + 1]
        if more == "多":
            before = text[hit.start() - 1] if hit.start() else "\n"
            named = before in CLAUSE_START and text.startswith("“", upos + len(unit))  # ,多个“…”: a named item
            listed = before == "、" and _count_before(text, hit.start() - 1)  # 居民多户、多人: a list of counts
            closes = before == "有" and (not after or after in CLAUSE_START)  # 报到的有多名。: how many there are
            if (before in MANY_AFTER_VERB or before in CLAUSE_START) and not (named or listed or closes):
                continue  # 约谈多次, 多个社区, 有多名老师: several
        if unit == "位" and more:
            continue  # 邀请多位专家: several
        if more == "余" and hit.start() and text[hit.start() - 1] in "其剩":
            if text[upos + len(unit) : upos + len(unit) + 1] in WORD_AFTER.get(unit, ()):
                continue  # 其余人员: a word
            more = None  # 其余件正在办理: the rest, whose number was deleted
        have = unit == "名" and more is None and _have_count(text, upos)
        if have:
            rule = HAVE_RULE
        elif _not_measure(text, upos, unit):
            continue
        if unit == "个" and more is None and _article_verb(text, upos, after):
            continue  # 搭个台子, 举个例子: 一个 with 一 elided
        gap = upos - (1 if more else 0)
        if unit == "起" and not ((not after or after in CLAUSE_START) and text.endswith(INCIDENT_NOUNS, 0, gap)):
            continue  # 做起, 多起来: 起 is a verb's complement unless it closes a count of incidents
        if rule != TALLY_RULE and _arrives_at(text, gap):  # 应到25人,实到人: a tally's 到 counts
            continue  # 送到家, 调解到家: 到 + a noun the action reaches
        yield upos, unit, "more_than" if more else "exact", "", gap, rule


def _arrives_at(text: str, gap: int) -> bool:
    """Whether 到 before gap is a result complement (送到家) rather than the 到 of a count (达到家, 由3户到户)."""
    if gap < 2 or text[gap - 1] != "到" or text[gap] not in ARRIVE_UNITS:
        return False  # 报到名, 不到元: 名 and 元 name no destination
    if text.endswith(COUNT_TO, 0, gap) or text.endswith(HEDGE_SLOT, 0, gap):
        return False  # 达到户, 不到户: the 到 of a count or of a hedge
    before = text[gap - 2]
    return _cjk(before) and before not in NUMBER_LIKE and not _count_before(text, gap - 1)


def _article_verb(text: str, upos: int, after: str) -> bool:
    """Whether 个 at upos follows a colloquial verb before a noun (搭个台子): 一个 with 一 elided."""
    if upos < 2 or not (_cjk(after) or after == "“"):
        return False
    prev, verb = text[upos - 1], text[upos - 2]
    if prev == "有":  # 能有个地方, 没有个准数: 有一个 after a modal (共有个社区 keeps its slot)
        return verb in "能会要想没得该"
    if prev == "了":  # 开了个碰头会, 打了个电话 (建成了个驿站, 召开了个座谈会 keep their slot: formal verbs)
        formal = text.endswith(
            ("召开了", "展开了", "公开了", "举办了", "创办了", "开办了", "推出了", "作出了"), 0, upos
        )
        return (verb in ARTICLE_VERBS or verb in "开搞办弄来出") and not formal
    if prev not in ARTICLE_VERBS:
        return False
    return not text.endswith(ARTICLE_VERB_WORDS, 0, upos)


def _have_count(text: str, upos: int) -> bool:
    """名 after an existential 有 with no number: a deleted person count, unless 有名 means "famous"."""
    if upos < 2 or text[upos - 1] != "有" or text[upos - 2] in FAMOUS_BEFORE:
        return False
    after = text[upos + 1 : upos + 2]
    if after == "*":
        return True  # 有名*员: * masks 党 (a 党员 is counted), never the 名 of "famous"
    return not after or after in CLAUSE_START or (_cjk(after) and after not in FAMOUS_AFTER)


def _count_before(text: str, pos: int) -> bool:
    """Whether the text before pos ends in a count (多户, 12人): the list item before a 、."""
    for u in UNITS:
        if text.endswith(u, 0, pos):
            k = pos - len(u)
            return k > 0 and (text[k - 1] in NUMBER_LIKE or text[k - 1].isdigit())
    return False


def _not_measure(text: str, upos: int, unit: str) -> bool:
    if any(text.startswith(w, upos) or text.startswith(w, upos - len(w) + len(unit)) for w in NOT_MEASURE):
        return True
    return any(text.startswith(w, upos - w.index(unit)) for w in NOT_MEASURE if unit in w)


def _weak_slot_rule(text: str, upos: int, unit: str) -> str | None:
    """A unit that often stands without a number (人, 户, 场 …) is a slot after a hedge, after a verb that
    takes a person count, or opening a clause, when it does not start a word (人民, 场所)."""
    after = text[upos + len(unit) : upos + len(unit) + 1]
    if after in WORD_AFTER.get(unit, ()):
        return None
    total = _total_before(text, upos)
    if total and not _cjk(after):
        return TOTAL_RULE  # 共印份), 提供,共张): the total closes the clause or the note
    if not after or not (_cjk(after) or after in CLAUSE_START):
        return None
    if unit == "只" and after not in CLAUSE_START:
        return None  # 只 before a word is "only" (约只有, 只要)
    before = text[max(0, upos - 3) : upos]
    if unit == "位":
        giving = upos > 0 and text[upos - 1] in "给为帮请与对向跟让把"
        return (
            "deleted person count before a person (给位老人)"
            if giving and text.startswith(PERSON_AFTER, upos + 1)
            else None
        )
    for h in HEDGE_SLOT:
        if before.endswith(h):
            first = upos - len(h)
            if len(h) == 1 and first > 0 and text[first - 1] in HEDGE_WORDS:
                return None
            if h == "不到" and (first == 0 or text[first - 1] not in HEDGE_BEFORE_BUDAO):
                break  # 找不到人: nobody found (other rules judge it)
            if h == "超" and (after not in CLAUSE_START or first == 0 or text[first - 1] not in "数量额计"):
                break  # 超人, 超市: words; 超 hedges a quantity (人数超人,)
            return "deleted number after a hedge (近场, 约人)"
    prev = text[upos - 1] if upos else ""
    verb_le = prev == "了" and upos >= 2 and _cjk(text[upos - 2]) and not text.endswith(LE_NOT_VERB, 0, upos)
    if verb_le and unit in LE_UNITS:
        return LE_RULE
    if prev == "的" and unit in LE_UNITS and after in "都均全已":
        return "deleted count after 的 before 都/均 (需要上报的件都在…)"  # the whole of a counted lot
    if unit in OBJECT_UNITS and unit not in "张只份" and prev == "有" and upos >= 2 and _cjk(text[upos - 2]):
        return HAVE_RULE  # 整条巷子有盏灯: 有 after any noun states how many there are
    if unit in CHANGE_UNITS and _change_before(text, upos) and (after in CLAUSE_START or after == "了"):
        return CHANGE_RULE  # 比年初增加人, 涨到了人。
    closes_have = unit in ("人", "户") and prev == "有" and (not after or after in CLAUSE_START) and upos >= 2
    if closes_have and _cjk(text[upos - 2]) and text[upos - 2] not in "没无也都还就又谁得要会能该需须必":
        return HAVE_RULE  # 兑换过的有人。, 开户的居民有户,: how many there are closes the clause (not 没有人, 谁都有人, 得有人)
    if unit in OBJECT_UNITS and unit != "张" and before.endswith(HAVE_SLOT):  # 还有张书记: 张 is a surname
        return HAVE_RULE
    people_after = unit == "户" and upos and text[upos - 1] not in "户家" and text.startswith(HOUSEHOLD_AFTER, upos + 1)
    if people_after and not any(text.startswith(w, upos - len(w) + 1) for w in CLAUSE_END_WORDS["户"]):
        return HOUSEHOLD_RULE  # 帮户居民, 网格里的户老人 (not 农户居民: 农户 is a word)
    if unit == "户" and before.endswith("户") and before[-2:-1] not in ("户", "家") and after in CLAUSE_START:
        return "deleted household count after a noun in 户 (住户户, 联系户户)"  # not 家家户户, 户户通
    if unit == "人" and any(text.startswith(v, upos - len(v)) for v in PERSON_VERBS):
        return "deleted person count after a verb (帮助人通过…)"  # 培训人。 too
    if unit in ("人", "户") and _aspect_count(text, upos, after):
        return ASPECT_RULE
    opens = upos > 0 and (text[upos - 1] in CLAUSE_START or text.endswith(PART_OF, 0, upos))
    if opens and unit in ("户", "人") and _cjk(after) and after not in CN_DIGITS:
        return "deleted number at a clause start (,户居民)"  # not 人一多 ("once there are many")
    if unit in ("人", "户") and after in CLAUSE_START and text.endswith(PEOPLE_NOUNS, 0, upos):
        return PEOPLE_RULE
    person_noun = upos >= 2 and _cjk(text[upos - 2]) and (prev in PERSON_SUFFIX or text[upos - 2] == "在")
    if unit == "人" and after in CLAUSE_START and person_noun:
        return PEOPLE_RULE  # 专职网格员人, 登记在册人: a noun for people by its suffix, 在册/在岗
    if _tally_sibling(text, upos, unit, after):
        return TALLY_RULE
    prev = text[upos - 1] if upos else ""
    ends_word = any(
        text.startswith(w, upos - len(w) + len(unit)) and not _closes_word(text, upos - len(w) + len(unit))
        for w in CLAUSE_END_WORDS.get(unit, ())
    )
    if ends_word and text.startswith("会场", upos - 1):
        clause = text[_clause_start(text, upos) : upos]
        ends_word = not any(v in clause for v in ("召开", "举办", "举行", "开展", "组织"))  # 召开议事会场: a count
    closing = after in CLAUSE_START and (_cjk(prev) or prev == "”") and unit in CLAUSE_END_WORDS and not ends_word
    if closing and unit == "支" and prev not in "队伍团":
        return None  # 列支, 开支: words; 支 closing a clause counts teams (志愿服务队支。)
    if closing and unit in VERB_GATED_UNITS:
        return COUNT_RULE if _count_verb_before(text, upos) else None
    if closing:
        return "deleted number before a unit closing a clause (解决问题件。)"
    return None


def _aspect_count(text: str, upos: int, after: str) -> bool:
    """人/户 right after verb + 了/着: a count when the verb counts (接待了人) or a total opens the clause and the
    unit closes it (一共住了户,); not after 来了/死了 alone (家里来了人: someone came)."""
    if upos < 3 or text[upos - 1] not in ASPECT_MARKERS or text.endswith(LE_NOT_VERB + ZHE_NOT_VERB, 0, upos):
        return False
    verb_end = upos - 1
    if any(text.endswith(v, 0, verb_end) for v in COUNT_VERBS):
        return True
    if after and after not in CLAUSE_START:
        return False
    clause = text[_clause_start(text, upos) : verb_end]
    return any(w in clause for w in TOTAL_BEFORE + ("累计",))


TALLY_RULE = "deleted count in a tally of the same unit (应到25人,实到人,同意22人)"
_TALLY_SEP = ",，、;；"


def _tally_sibling(text: str, upos: int, unit: str, after: str) -> bool:
    """Whether the unit closes a short clause (实到人) beside a clause that closes on a number and the same unit
    (应到25人, 反对1人): items of one tally, whose gap lost its number."""
    if after not in _TALLY_SEP and after not in "。\n" or upos == 0 or not _cjk(text[upos - 1]):
        return False
    cs = _clause_start(text, upos)
    if upos - cs > 6 or upos == cs:
        return False
    if cs >= 2 and text[cs - 1] in _TALLY_SEP and text.endswith(unit, 0, cs - 1):
        k = cs - 1 - len(unit)
        if k > 0 and (text[k - 1].isdigit() or text[k - 1] in CN_DIGITS):
            return True
    if after in _TALLY_SEP:
        nxt = re.match(
            f"[^,，。;；、\n]{{1,6}}?\\d+{re.escape(unit)}(?=[,，。;；、\n]|$)", text[upos + len(unit) + 1 :]
        )
        return nxt is not None
    return False


def _total_before(text: str, upos: int) -> bool:
    """Whether 共/一共/共计 stands right before upos, or before one verb character before it (共印份)."""
    for k in (upos, upos - 1):
        for w in TOTAL_BEFORE:
            if k - len(w) >= 0 and text.startswith(w, k - len(w)):
                first = k - len(w)
                if w == "共" and first > 0 and text[first - 1] in "公中总一":
                    continue  # 公共场, 中共: words
                if k == upos - 1 and not _cjk(text[k]):
                    continue
                return True
    return False


def _change_before(text: str, upos: int) -> bool:
    """A verb of change right before upos (增加人), or with 了 (涨到了人)."""
    end = upos - 1 if upos and text[upos - 1] == "了" else upos
    return text.endswith(CHANGE_VERBS, 0, end)


def _closes_word(text: str, pos: int) -> bool:
    """Whether the character at pos closes a word of NOT_MEASURE begun before it (修好家电台: 家电 + 台, no 电台)."""
    return any(text.startswith(w, pos - len(w) + 1) for w in NOT_MEASURE if len(w) == 2 and w[0] != text[pos])


# round 5: verbs built on a morpheme of making or fitting things count what they make (新装路灯盏, 代写文书份,
# 计划完成部): X装, X写, 完成, whatever X is
_COUNT_VERB_MORPHEME = re.compile("[\u4e00-\u9fff][装写]|完成")


def _count_verb_before(text: str, upos: int) -> bool:
    """Whether a verb that counts (签订, 加装, 覆盖 …) stands in the sentence before upos (a 、 list continues it)."""
    i = upos
    while i > 0 and (text[i - 1] not in ",，。;；:：!！?？\n" or text[i - 2 : i - 1].isdigit()):
        i -= 1  # a comma after a digit is a thousands separator (2,000只、抽水泵台)
    clause = text[i:upos]
    return any(v in clause for v in COUNT_VERBS) or _COUNT_VERB_MORPHEME.search(clause) is not None


def _scale_slot(text: str, hit: re.Match):
    """万/亿 with no number before it: 处置事件万件, 经营主体突破万户, 资金多万元, 用户超万."""
    sc, spos = hit.group("sc"), hit.start("sc")
    gap = hit.start("pm") if hit.group("pm") else spos
    q = _quoted(text, spos)
    if q and q[1] - q[0] <= 10 and not text.startswith(("万元", "亿元"), spos):
        return None  # “千名干部进万家”, “进万家”: 万 in a short quoted name counts nothing deleted
    prev = text[gap - 1] if gap else "\n"
    if prev in NUMBER_LIKE or prev in "千百万亿" or prev.isdigit():
        return None
    unit = hit.group("u1")
    nxt = text[spos + 1 : spos + 2]
    if unit is None:
        hedged = any(text[max(0, gap - 3) : gap].endswith(h) for h in ("超", "突破", "近", "逾", "达", "超过"))
        if hit.group("m2") and prev == "了" and _cjk(text[hit.end() : hit.end() + 1]):
            # 走了万多步: 了 takes a count, and the word after 万多 is its measure word (步)
            return hit.end(), text[hit.end()], "more_than", sc, gap, "deleted number before 万/亿 (万件, 多万元, 超万)"
        if nxt in _SCALE_WORDS or (_cjk(nxt) and not hit.group("m2")) or not hedged:
            return None
        unit = ""
    elif _not_measure(text, hit.start("u1"), unit):
        return None
    upos = hit.start("u1") if hit.group("u1") else hit.end()
    more = "more_than" if hit.group("pm") or hit.group("m2") else "exact"
    return upos, unit, more, sc, gap, "deleted number before 万/亿 (万件, 多万元, 超万)"


def _tail_qualifier(text: str, m: Mention) -> None:
    for word, q in AFTER_UNIT:
        if text.startswith(word, m.end) and m.qualifier == "exact":
            m.qualifier = q
            m.end += len(word)
            return


def digit_runs(text: str) -> list[tuple[int, int]]:
    """Spans of every run of digits (any script): each must end up inside some Mention."""
    return [(m.start(), m.end()) for m in _DIGIT_RUN.finditer(text)]
