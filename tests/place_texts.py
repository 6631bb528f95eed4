"""Three texts of our own in the genre, for the Places step: each names real divisions and places below them."""

from __future__ import annotations

# A subdistrict's report naming its district and city; the subdistrict's Party body is named too (not a place).
SUBDISTRICT = (
    "青岛市城阳区城阳街道：网格连着万家灯火\n"
    "今年以来，城阳街道在古庙社区、后桃林社区试点“红色网格”，全街道共划分网格86个，配备专职网格员名。\n"
    "城阳街道党工委组织社区干部走访居民1200户，城阳区为每个社区列支经费不少于15万元。\n"
)
# A county news story naming towns, villages and communities; the country too; one number deleted.
COUNTY = (
    "汶上县：村社联动见实效\n"
    "近日，山东省济宁市汶上县在南站镇西郭村等12个村推行“村社联动”，新建便民服务站9个。\n"
    "中都街道东门社区组织志愿者300余名上门服务，全国已有20多个县前来学习。\n"
    "汶上县今年为每个村配备专职网格员名。\n"  # a deleted number, the county's own
)
# A survey of several cities in different provinces, one of them a 城区 (told apart by the city before it).
SURVEY = (
    "三地社区治理调查\n"
    "记者走访了山西晋城城区、福建福州市鼓楼区和四川成都市金牛区。\n"
    "晋城城区新建党群服务中心15个。鼓楼区配备网格员名。金牛区社区工作经费不少于20万元。\n"
)
TEXTS = {"subdistrict": SUBDISTRICT, "county": COUNTY, "survey": SURVEY}
