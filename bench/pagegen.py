"""Synthetic but realistic news / policy pages for the throughput benchmark.

    python bench/pagegen.py OUT_DIR --pages 1000 --seed 42

Pages imitate the sites GreenWire reads: Chinese government notices (breadcrumb, 【打印本页】,
上一篇/下一篇, ICP footer; some encoded GBK), association news pages (浏览量, 扫码关注公众号),
Chinese portal articles (share bar, related news, ads, comments), English news sites (nav, byline,
<time>, og:/JSON-LD, newsletter box, cookie banner), English blog/policy pages with a sidebar,
and pages carrying a language-selector bar; a few plain-text articles as crawled. Body text is
assembled from green-building / low-carbon vocabularies, so every page is distinct.

Each page draws from its own random.Random seeded by (seed, index): the output is byte-identical
for a seed, whatever the order or the number of pages generated, and nothing is held in memory
beyond one page. The vocabularies and site tables are plain constants at the top of the module.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

PAGES_PER_FOLDER = 1000
MIN_PAGE_BYTES = 8 * 1024
MAX_PAGE_BYTES = 40 * 1024
FIRST_DATE = datetime(2015, 1, 1)
LAST_DATE = datetime(2026, 12, 31, 23, 59)

# --------------------------------------------------------------------------------------------
# Vocabularies (edit freely: the generator only picks from these tables)
# --------------------------------------------------------------------------------------------

ZH_CITIES = (
    ("重庆市", "cq"),
    ("北京市", "beijing"),
    ("上海市", "sh"),
    ("深圳市", "sz"),
    ("成都市", "chengdu"),
    ("大连市", "dl"),
    ("杭州市", "hangzhou"),
    ("南京市", "nanjing"),
    ("武汉市", "wuhan"),
    ("西安市", "xa"),
    ("天津市", "tj"),
    ("苏州市", "suzhou"),
    ("青岛市", "qingdao"),
    ("长沙市", "cs"),
    ("郑州市", "zhengzhou"),
    ("合肥市", "hefei"),
    ("昆明市", "km"),
    ("沈阳市", "shenyang"),
    ("厦门市", "xm"),
    ("贵阳市", "gy"),
)
ZH_PROVINCES = ("江苏省", "浙江省", "广东省", "四川省", "山东省", "河北省", "湖北省", "辽宁省", "福建省", "陕西省")
ZH_REGIONS = (
    "全市",
    "全省",
    "长三角地区",
    "京津冀地区",
    "成渝地区双城经济圈",
    "粤港澳大湾区",
    "西部地区",
    "城市副中心",
    "雄安新区",
    "各区县",
    "全国",
    "东北地区",
)
ZH_ORGS = (
    "住房和城乡建设部",
    "国家发展改革委",
    "生态环境部",
    "工业和信息化部",
    "国家能源局",
    "中国建筑节能协会",
    "中国建筑科学研究院",
    "中国城市科学研究会绿色建筑研究中心",
    "市住房和城乡建设委员会",
    "市生态环境局",
    "市发展和改革委员会",
    "市规划和自然资源局",
    "省住房和城乡建设厅",
    "市绿色建筑行业协会",
    "市建设工程质量监督站",
    "市建筑节能中心",
    "区人民政府",
    "市机关事务管理局",
)
ZH_TOPICS = (
    "绿色建筑",
    "超低能耗建筑",
    "近零能耗建筑",
    "装配式建筑",
    "既有建筑节能改造",
    "建筑光伏一体化",
    "绿色建材",
    "公共建筑能效提升",
    "清洁取暖",
    "海绵城市",
    "建筑垃圾资源化利用",
    "可再生能源建筑应用",
    "绿色低碳社区",
    "碳排放核算",
    "智能建造",
    "城市更新",
    "绿色施工",
    "地热能供暖",
    "合同能源管理",
    "零碳园区",
)
ZH_DOCUMENTS = (
    "绿色建筑创建行动方案",
    "城乡建设领域碳达峰实施方案",
    "建筑节能与绿色建筑发展规划",
    "绿色建材产品认证实施细则",
    "超低能耗建筑技术导则",
    "既有公共建筑节能改造管理办法",
    "装配式建筑评价标准",
    "绿色建筑标识管理办法",
    "可再生能源建筑应用专项资金管理办法",
    "建筑领域节能降碳工作方案",
    "绿色低碳社区建设指南",
)
ZH_NOTICE_ACTIONS = (
    "开展",
    "做好",
    "组织申报",
    "加强",
    "印发",
    "公布",
    "征求",
    "推进",
    "启动",
    "进一步规范",
)
ZH_NOTICE_OBJECTS = (
    "年度绿色建筑标识评价工作",
    "建筑节能专项检查",
    "超低能耗建筑示范项目申报",
    "绿色建材推广应用",
    "既有建筑节能改造项目验收",
    "建筑领域碳达峰试点",
    "装配式建筑产业基地认定",
    "建筑能耗统计工作",
    "绿色施工示范工程评选",
    "光伏建筑一体化试点",
)
ZH_TIME_PHRASES = (
    "近日",
    "日前",
    "今年以来",
    "近年来",
    "{month}月{day}日",
    "{month}月{day}日上午",
    "{month}月{day}日下午",
    "截至目前",
    "“十四五”以来",
    "{year}年上半年",
)
ZH_VERBS = (
    "印发了",
    "召开了",
    "发布了",
    "启动了",
    "组织开展了",
    "部署推进",
    "深入实施",
    "加快推进",
    "全面推广",
    "联合举办了",
    "审议通过了",
    "验收了",
)
ZH_EVENTS = (
    "绿色建筑发展推进会",
    "建筑节能宣传周活动",
    "城乡建设绿色低碳发展论坛",
    "超低能耗建筑技术交流会",
    "绿色建材下乡活动",
    "碳达峰碳中和专题培训班",
    "装配式建筑观摩会",
    "建筑领域节能降碳工作会议",
)
ZH_PURPOSES = (
    "为深入贯彻落实党中央、国务院关于碳达峰碳中和的决策部署",
    "为进一步推动城乡建设绿色低碳发展",
    "为加快构建绿色低碳循环发展经济体系",
    "为全面提升建筑能效水平",
    "为推动建筑业转型升级和高质量发展",
    "为落实《{doc}》有关要求",
    "为切实做好{topic}相关工作",
    "为更好发挥行业协会桥梁纽带作用",
)
ZH_CLAIMS = (
    "要把绿色发展理念贯穿城乡建设全过程",
    "下一步将持续完善政策标准体系，强化技术支撑",
    "要坚持问题导向，统筹推进{topic}和{topic2}",
    "新建民用建筑已全面执行绿色建筑标准",
    "将加大财政资金支持力度，对示范项目给予奖励",
    "要压实各方责任，确保各项任务按期完成",
    "各参建单位要严格落实节能设计标准，加强施工过程监管",
    "将推动建立覆盖全生命周期的碳排放核算体系",
    "{topic}是实现城乡建设领域碳达峰的重要路径",
    "要充分发挥示范项目的引领带动作用",
    "要加强宣传引导，营造全社会共同参与的良好氛围",
    "将进一步优化营商环境，服务企业绿色转型",
)
ZH_FACTS = (
    "截至{year}年底，{region}累计建成{topic}{num}万平方米",
    "{region}城镇新建建筑中绿色建筑占比达到{pct}%",
    "{year}年{region}共完成{topic}项目{small}个，总投资约{num}亿元",
    "项目建成后预计每年可节约标准煤{num}吨，减少二氧化碳排放{num2}吨",
    "示范项目综合节能率超过{pct}%，室内环境质量明显改善",
    "{region}已有{small}家企业获得{topic}认证，产品涵盖{small2}个类别",
    "活动累计吸引{num}余人次线上观看",
)
ZH_CONNECTIVES = (
    "同时，",
    "此外，",
    "据了解，",
    "会议指出，",
    "与会专家认为，",
    "据统计，",
    "记者了解到，",
    "",
    "",
    "",
)
ZH_SUBHEADINGS = (
    "一、总体要求",
    "二、重点任务",
    "三、保障措施",
    "四、工作安排",
    "（一）强化组织领导",
    "（二）加大政策支持",
    "（三）加强技术创新",
    "（四）做好宣传引导",
    "工作成效",
    "下一步工作",
    "项目概况",
    "专家观点",
)
ZH_LIST_ITEMS = (
    "严格执行建筑节能强制性标准",
    "推广应用高性能门窗和保温材料",
    "开展既有建筑能效诊断",
    "建立项目储备库",
    "落实绿色建材采信应用",
    "完善建筑能耗监测平台",
    "推进可再生能源规模化应用",
    "加强施工扬尘治理",
    "培育一批龙头企业",
    "开展绿色社区创建行动",
    "推进建筑垃圾减量化",
    "加快智能建造试点",
)
ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
ZH_GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "晓东",
    "建华",
    "海燕",
    "志强",
    "丽娟",
    "文博",
    "梦洁",
    "春银",
    "静怡",
    "宇航",
    "子涵",
    "浩然",
)
ZH_MEDIA = (
    "新华网",
    "人民网",
    "中国建设报",
    "中国环境报",
    "经济日报",
    "本站",
    "市住建委",
    "新京报",
    "中国建筑节能协会",
)
ZH_COMMENT_TEXT = (
    "支持绿色建筑，希望政策早日落地！",
    "我们小区什么时候能改造？",
    "节能改造后冬天确实暖和多了。",
    "光伏屋顶的补贴标准是多少？",
    "好文，转发了。",
    "希望多出这样的示范项目。",
    "造价会不会太高？",
)

EN_CITIES = (
    "Beijing",
    "Shanghai",
    "Shenzhen",
    "Chongqing",
    "Chengdu",
    "Dalian",
    "Hangzhou",
    "Nanjing",
    "Wuhan",
    "Xi'an",
    "Tianjin",
    "Suzhou",
    "Qingdao",
    "Xiong'an",
    "Tongzhou",
    "Guangzhou",
)
EN_ORGS = (
    "the Ministry of Housing and Urban-Rural Development",
    "the National Development and Reform Commission",
    "the Ministry of Ecology and Environment",
    "the China Building Energy Conservation Association",
    "the municipal housing bureau",
    "the Dalian Green Building Industry Association",
    "the city government",
    "the China Academy of Building Research",
    "the provincial energy administration",
    "local developers",
    "the Beijing Municipal Commission of Planning",
    "state-owned construction groups",
)
EN_TOPICS = (
    "green buildings",
    "ultra-low energy buildings",
    "near-zero energy buildings",
    "prefabricated construction",
    "building retrofits",
    "rooftop solar",
    "building-integrated photovoltaics",
    "green building materials",
    "district heating reform",
    "sponge cities",
    "construction waste recycling",
    "heat pumps",
    "carbon accounting",
    "low-carbon communities",
    "geothermal heating",
    "energy performance contracting",
)
EN_VERBS = (
    "unveils",
    "launches",
    "expands",
    "accelerates",
    "tightens rules on",
    "pilots",
    "doubles down on",
    "sets targets for",
    "completes",
    "announces funding for",
)
EN_HEADLINE_TAILS = (
    "as carbon peak deadline nears",
    "in push for carbon neutrality",
    "under new five-year plan",
    "to cut heating emissions",
    "amid property slowdown",
    "with new subsidy scheme",
    "",
    "",
    "",
)
EN_PURPOSES = (
    "To meet the country's 2030 carbon peak target",
    "In response to climate change",
    "As part of the 14th Five-Year Plan",
    "To cut energy use in public buildings",
    "Following new national standards",
    "To support the green transformation of the construction sector",
)
EN_CLAIMS = (
    "new public buildings must meet the green building standard from next year",
    "the programme will be extended to existing residential compounds",
    "the subsidies cover up to 30 percent of retrofit costs",
    "{topic} are now the fastest-growing segment of the market",
    "local officials will be assessed on energy-intensity targets",
    "developers have been slow to adopt {topic} because of higher upfront costs",
    "the pilot has already reduced heating bills for thousands of households",
    "{topic} and {topic2} will be promoted together in the next phase",
    "standards for embodied carbon are still being drafted",
)
EN_FACTS = (
    "By the end of {year}, {city} had built {num} million square meters of {topic}",
    "Green buildings accounted for {pct} percent of new urban construction in {year}",
    "The project is expected to save {num} tonnes of standard coal a year",
    "{small} demonstration projects were completed in {year}, with total investment of {num} million yuan",
    "Emissions from building operations fell {pct} percent compared with {year}",
    "More than {num} thousand households have joined the scheme so far",
)
EN_SPEECH_VERBS = ("said", "told reporters", "noted", "added", "according to a statement from", "stressed")
EN_CONNECTIVES = ("Meanwhile, ", "In addition, ", "However, ", "Officials said ", "Analysts expect that ", "", "", "")
EN_SUBHEADINGS = (
    "Policy background",
    "What changes for developers",
    "Costs and subsidies",
    "Next steps",
    "Industry reaction",
    "Key targets",
    "How the pilot works",
    "Challenges ahead",
)
EN_LIST_ITEMS = (
    "mandatory energy audits for large public buildings",
    "higher insulation standards for new homes",
    "subsidies for heat pump installations",
    "a registry of certified green materials",
    "carbon reporting for construction firms",
    "solar panels on new industrial roofs",
    "green mortgages for certified homes",
    "training for building inspectors",
)
EN_FIRST_NAMES = ("Jane", "John", "Li", "Wang", "Emily", "Michael", "Sarah", "David", "Chen", "Laura", "James", "Mei")
EN_LAST_NAMES = ("Doe", "Smith", "Zhang", "Liu", "Brown", "Wilson", "Chen", "Taylor", "Huang", "Walker", "Lee")
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
LANGUAGE_BAR = (
    "中文",
    "English",
    "한어",
    "Русский язык",
    "Français",
    "日本語",
    "Deutsch",
    "Português",
    "español",
    "Italiano",
)

# Site tables: the boilerplate vocabulary of each template.
ZH_GOV_SECTIONS = ("通知公告", "政策文件", "工作动态", "媒体聚焦", "政策解读")
ZH_ASSOC_SECTIONS = ("行业动态", "协会动态", "通知公告", "政策法规", "会员风采")
ZH_PORTAL_CHANNELS = ("首页", "新闻", "财经", "地产", "科技", "能源", "环保", "汽车", "视频", "图片")
EN_NEWS_SECTIONS = ("World", "China", "Business", "Climate", "Energy", "Cities", "Opinion", "Video")
EN_BLOG_SECTIONS = ("Insights", "Policy", "Research", "Events", "About us")
SHARE_TARGETS_ZH = ("微信", "微博", "QQ空间", "豆瓣")
SHARE_TARGETS_EN = ("Facebook", "X", "LinkedIn", "WhatsApp", "Email")
ASSOCIATIONS = (
    ("重庆市绿色建筑与建筑产业化协会", "cqgba", "渝ICP备14007730号-1", "渝公网安备50011202500489号", "023"),
    ("大连市绿色建筑行业协会", "dlgba", "辽ICP备12003456号-2", "辽公网安备21020302000123号", "0411"),
    ("四川省建筑节能协会", "scjn", "蜀ICP备15012345号-1", "川公网安备51010402000456号", "028"),
    ("上海市绿色建筑协会", "shgba", "沪ICP备11007788号-3", "沪公网安备31010102003210号", "021"),
)
ICP_PREFIX = {"cq": "渝", "beijing": "京", "sh": "沪", "sz": "粤", "chengdu": "蜀", "dl": "辽", "tj": "津"}


# --------------------------------------------------------------------------------------------
# Article content
# --------------------------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # "p" | "h2" | "ul" | "img"
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass
class Article:
    language: str  # "zh" | "en"
    title: str
    published: datetime
    author: str
    editor: str
    source: str
    city: str
    city_slug: str
    blocks: list[Block] = field(default_factory=list)
    views: int = 0
    article_id: str = ""

    @property
    def summary(self) -> str:
        first = next((b.text for b in self.blocks if b.kind == "p"), "")
        return first[:120]


@dataclass(frozen=True)
class GeneratedPage:
    path: Path
    template: str
    language: str
    charset: str
    title: str
    size: int


def _fill(rng: random.Random, pattern: str, published: datetime) -> str:
    """Substitute the {placeholders} of a vocabulary phrase."""
    if "{" not in pattern:
        return pattern
    return pattern.format(
        year=rng.randint(2015, published.year),
        month=rng.randint(1, 12),
        day=rng.randint(1, 28),
        region=rng.choice(ZH_REGIONS),
        topic=rng.choice(ZH_TOPICS),
        topic2=rng.choice(ZH_TOPICS),
        doc=rng.choice(ZH_DOCUMENTS),
        num=rng.randint(12, 9800),
        num2=rng.randint(100, 99000),
        pct=rng.randint(8, 98),
        small=rng.randint(3, 160),
        small2=rng.randint(2, 60),
    )


def _fill_en(rng: random.Random, pattern: str, published: datetime) -> str:
    if "{" not in pattern:
        return pattern
    return pattern.format(
        year=rng.randint(2015, published.year),
        city=rng.choice(EN_CITIES),
        topic=rng.choice(EN_TOPICS),
        topic2=rng.choice(EN_TOPICS),
        num=f"{rng.randint(2, 980)}.{rng.randint(0, 9)}",
        pct=rng.randint(5, 95),
        small=rng.randint(3, 160),
    )


def _local_org(rng: random.Random, city: str) -> str:
    """An organisation name, made local ("市生态环境局" -> "重庆市生态环境局")."""
    org = rng.choice(ZH_ORGS)
    if org[0] == "市":
        return city + org[1:]
    if org[0] == "省":
        return rng.choice(ZH_PROVINCES) + org[1:]
    if org[0] == "区":
        return city + rng.choice(("渝中", "朝阳", "高新", "滨海", "浦东", "南山")) + org
    return org


def _zh_sentence(rng: random.Random, published: datetime, city: str) -> str:
    kind = rng.random()
    if kind < 0.3:
        time_phrase = _fill(rng, rng.choice(ZH_TIME_PHRASES), published)
        return (
            f"{time_phrase}，{_local_org(rng, city)}{rng.choice(ZH_VERBS)}{rng.choice(ZH_TOPICS)}"
            f"{rng.choice(('工作', '专项行动', '试点', '示范工程', '推进会'))}，"
            f"{_fill(rng, rng.choice(ZH_PURPOSES), published)}。"
        )
    if kind < 0.55:
        return f"{rng.choice(ZH_CONNECTIVES)}{_fill(rng, rng.choice(ZH_FACTS), published)}。"
    if kind < 0.8:
        speaker = rng.choice(ZH_SURNAMES) + rng.choice(ZH_GIVEN)
        return f"{_local_org(rng, city)}负责人{speaker}表示，{_fill(rng, rng.choice(ZH_CLAIMS), published)}。"
    return f"{_fill(rng, rng.choice(ZH_PURPOSES), published)}，{city}{_fill(rng, rng.choice(ZH_CLAIMS), published)}。"


def _en_sentence(rng: random.Random, published: datetime, city: str) -> str:
    kind = rng.random()
    if kind < 0.3:
        return (
            f"{rng.choice(EN_PURPOSES)}, {rng.choice(EN_ORGS)} in {city} {rng.choice(EN_VERBS)} "
            f"{rng.choice(EN_TOPICS)} across {rng.randint(3, 40)} districts."
        )
    if kind < 0.55:
        connective, fact = rng.choice(EN_CONNECTIVES), _fill_en(rng, rng.choice(EN_FACTS), published)
        return f"{connective}{fact[0].lower() + fact[1:] if connective else fact}."
    if kind < 0.8:
        speaker = f"{rng.choice(EN_FIRST_NAMES)} {rng.choice(EN_LAST_NAMES)}"
        claim = _fill_en(rng, rng.choice(EN_CLAIMS), published)
        verb = rng.choice(EN_SPEECH_VERBS)
        if verb.startswith("according"):
            return f"{claim[0].upper()}{claim[1:]}, {verb} {rng.choice(EN_ORGS)}."
        return f'"{claim[0].upper()}{claim[1:]}," {speaker}, an official at {rng.choice(EN_ORGS)}, {verb}.'
    claim = _fill_en(rng, rng.choice(EN_CLAIMS), published)
    return f"{claim[0].upper()}{claim[1:]}."


def _paragraph(rng: random.Random, article: Article) -> str:
    make = _zh_sentence if article.language == "zh" else _en_sentence
    sentences = [make(rng, article.published, article.city) for _ in range(rng.randint(2, 6))]
    return ("" if article.language == "zh" else " ").join(sentences)


def _random_datetime(rng: random.Random) -> datetime:
    span = int((LAST_DATE - FIRST_DATE).total_seconds() // 60)
    moment = FIRST_DATE + timedelta(minutes=rng.randrange(span))
    return moment.replace(second=0)


def _zh_title(rng: random.Random, city: str) -> str:
    kind = rng.randrange(6)
    year = rng.randint(2015, 2026)
    if kind == 0:
        bureau = rng.choice(ZH_ORGS[8:12])[1:]
        task = rng.choice(ZH_NOTICE_OBJECTS).removeprefix("年度")
        return f"{city}{bureau}关于{rng.choice(ZH_NOTICE_ACTIONS)}{year}年度{task}的通知"
    if kind == 1:
        return f"关于印发《{city}{rng.choice(ZH_DOCUMENTS)}》的通知"
    if kind == 2:
        return f"{city}{rng.choice(ZH_TOPICS)}工作取得新进展 累计完成{rng.randint(10, 900)}个项目"
    if kind == 3:
        return f"{year}{rng.choice(ZH_EVENTS)}在{city.removesuffix('市')}召开"
    if kind == 4:
        return f"{rng.choice(ZH_REGIONS)}{rng.choice(ZH_TOPICS)}协调推进行动在{city.removesuffix('市')}启动"
    return f"{city}加快推进{rng.choice(ZH_TOPICS)}和{rng.choice(ZH_TOPICS)}发展"


def _en_title(rng: random.Random, city: str) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        tail = rng.choice(EN_HEADLINE_TAILS)
        return f"{city} {rng.choice(EN_VERBS)} {rng.choice(EN_TOPICS)} {tail}".strip()
    if kind == 1:
        return f"{city} has built {rng.randint(2, 90)} million square meters of {rng.choice(EN_TOPICS)}"
    if kind == 2:
        return f"How {city} plans to cut emissions from {rng.choice(EN_TOPICS)}"
    return f"{rng.choice(EN_TOPICS).capitalize()}: {city} pilot reaches {rng.randint(100, 9000)} homes"


def make_article(rng: random.Random, language: str, index: int) -> Article:
    """One article's content (title, people, dates and body blocks)."""
    published = _random_datetime(rng)
    if language == "zh":
        city, slug = rng.choice(ZH_CITIES)
        title = _zh_title(rng, city)
        author = rng.choice(ZH_SURNAMES) + rng.choice(ZH_GIVEN)
        editor = rng.choice(ZH_SURNAMES) + rng.choice(ZH_GIVEN)
        source = rng.choice(ZH_MEDIA)
    else:
        city = rng.choice(EN_CITIES)
        slug = re.sub(r"[^a-z]", "", city.lower())
        title = _en_title(rng, city)
        author = f"{rng.choice(EN_FIRST_NAMES)} {rng.choice(EN_LAST_NAMES)}"
        editor = f"{rng.choice(EN_FIRST_NAMES)} {rng.choice(EN_LAST_NAMES)}"
        source = rng.choice(("China Daily", "Xinhua", "Global Times", "Reuters", "Staff report"))
    article = Article(
        language=language,
        title=title,
        published=published,
        author=author,
        editor=editor,
        source=source,
        city=city,
        city_slug=slug,
        views=rng.randint(30, 25000),
        article_id=f"{published:%Y%m%d}_{index:07d}{rng.randrange(1000):03d}",
    )
    subheadings = ZH_SUBHEADINGS if language == "zh" else EN_SUBHEADINGS
    list_items = ZH_LIST_ITEMS if language == "zh" else EN_LIST_ITEMS
    for position in range(rng.randint(4, 15)):
        if position > 1 and rng.random() < 0.15:
            article.blocks.append(Block("h2", rng.choice(subheadings)))
        article.blocks.append(Block("p", _paragraph(rng, article)))
        roll = rng.random()
        if position > 0 and roll < 0.08:
            article.blocks.append(Block("ul", items=tuple(rng.sample(list_items, rng.randint(3, 5)))))
        elif position > 0 and roll < 0.16:
            if language == "zh":
                caption = f"图为{city}{rng.choice(ZH_TOPICS)}示范项目现场。（{rng.choice(ZH_MEDIA)}供图）"
            else:
                caption = f"A {rng.choice(EN_TOPICS)} project in {city}. (Photo: {rng.choice(EN_LAST_NAMES)}/Xinhua)"
            article.blocks.append(Block("img", caption))
    return article


# --------------------------------------------------------------------------------------------
# Page templates: Article -> HTML text
# --------------------------------------------------------------------------------------------


def E(text: str) -> str:
    """Escape element text (quotes stay as typed, like most CMSs write them)."""
    return html.escape(text, quote=False)


A = html.escape  # attribute values: quotes escaped too
INDENTED = ' style="text-indent:2em"'


def _body_html(article: Article, rng: random.Random, paragraph_attrs: str = "") -> str:
    parts: list[str] = []
    for block in article.blocks:
        if block.kind == "p":
            parts.append(f"<p{paragraph_attrs}>{E(block.text)}</p>")
        elif block.kind == "h2":
            parts.append(
                f"<h2>{E(block.text)}</h2>" if article.language == "en" else f"<p><strong>{E(block.text)}</strong></p>"
            )
        elif block.kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{E(item)}</li>" for item in block.items) + "</ul>")
        else:
            image = f"/uploads/{article.published:%Y%m}/{rng.getrandbits(48):012x}.jpg"
            parts.append(
                '<figure class="img-wrap">'
                f'<img src="{image}" alt="{A(block.text[:30])}" width="{rng.choice((600, 640, 800))}">'
                f"<figcaption>{E(block.text)}</figcaption></figure>"
            )
    return "\n".join(parts)


def _zh_date(moment: datetime) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日"


def _en_date(moment: datetime) -> str:
    return f"{EN_MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def _other_titles(rng: random.Random, article: Article, count: int) -> list[str]:
    if article.language == "zh":
        return [_zh_title(rng, rng.choice(ZH_CITIES)[0]) for _ in range(count)]
    return [_en_title(rng, rng.choice(EN_CITIES)) for _ in range(count)]


def _links(rng: random.Random, titles: list[str], prefix: str, with_dates: bool = False) -> str:
    items = []
    for title in titles:
        href = f"{prefix}/{rng.randint(2015, 2026)}{rng.randint(1, 12):02d}/t{rng.getrandbits(40):010x}.html"
        date = f'<span class="date">{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</span>'
        items.append(f'<li><a href="{href}" title="{A(title)}">{E(title)}</a>{date if with_dates else ""}</li>')
    return "\n".join(items)


def _head(article: Article, charset: str, url: str, site_name: str, css: str, extra_meta: str = "") -> str:
    if charset == "gbk":
        charset_meta = '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    else:
        charset_meta = '<meta charset="utf-8">'
    lang = "zh-CN" if article.language == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n{charset_meta}\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{E(article.title)}_{E(site_name)}</title>\n"
        f'<meta name="description" content="{A(article.summary)}">\n'
        f'<link rel="canonical" href="{url}">\n{extra_meta}'
        f'<link rel="stylesheet" href="/static/css/main.css?v={article.published:%Y%m}">\n'
        f"<style>{css}</style>\n</head>\n"
    )


def render_zh_gov(article: Article, rng: random.Random, charset: str, css: str, script: str) -> str:
    city = article.city
    bureau = f"{city}住房和城乡建设委员会"
    domain = f"zjw.{article.city_slug}.gov.cn"
    section = rng.choice(ZH_GOV_SECTIONS)
    url = f"https://{domain}/xwzx/tzgg/{article.published:%Y%m}/t{article.article_id}.html"
    icp = ICP_PREFIX.get(article.city_slug, "京")
    extra = (
        f'<meta name="SiteName" content="{E(bureau)}">\n<meta name="ColumnName" content="{section}">\n'
        f'<meta name="ArticleTitle" content="{A(article.title)}">\n'
        f'<meta name="PubDate" content="{article.published:%Y-%m-%d %H:%M}">\n'
        f'<meta name="ContentSource" content="{A(article.source)}">\n'
    )
    nav = "".join(
        f'<li><a href="/{slug}/">{name}</a></li>'
        for name, slug in (
            ("首页", ""),
            ("机构概况", "jggk"),
            ("新闻中心", "xwzx"),
            ("政务公开", "zwgk"),
            ("政务服务", "zwfw"),
            ("互动交流", "hdjl"),
            ("专题专栏", "ztzl"),
        )
    )
    prev_next = _other_titles(rng, article, 2)
    related = _links(rng, _other_titles(rng, article, rng.randint(5, 10)), "/xwzx/tzgg", with_dates=True)
    return (
        _head(article, charset, url, bureau, css, extra)
        + '<body>\n<div class="top-bar"><div class="w1200"><span>欢迎访问'
        + E(bureau)
        + "网站！</span>"
        '<a href="/wza/">无障碍</a> | <a href="/zgbb/">长者模式</a> | <a href="/en/">English</a>'
        '<form class="search" action="/search/"><input name="q" placeholder="请输入关键词"><button>搜索</button>'
        "</form></div>"
        "</div>\n"
        f'<div class="header"><a href="/" class="logo"><img src="/images/logo.png" alt="{E(bureau)}"></a></div>\n'
        f'<div class="nav"><ul>{nav}</ul></div>\n'
        f'<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; '
        f'<a href="/xwzx/tzgg/">{section}</a></div>\n'
        '<div class="main w1200">\n<div class="article">\n'
        f'<h1 class="article-title">{E(article.title)}</h1>\n'
        f'<div class="article-info"><span>来源：{E(article.source)}</span>&nbsp;&nbsp;'
        f"<span>发布时间：{_zh_date(article.published)}</span>&nbsp;&nbsp;"
        '<span>字号：[<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>]</span>'
        f'<span class="views">浏览次数：{article.views}</span></div>\n'
        f'<div class="article-content" id="zoom">\n{_body_html(article, rng, INDENTED)}\n</div>\n'
        f'<div class="editor">责任编辑：{E(article.editor)}</div>\n'
        '<div class="tools">【<a href="javascript:window.print()">打印本页</a>】'
        '【<a href="javascript:window.close()">关闭窗口</a>】【<a href="#top">返回顶部</a>】</div>\n'
        f'<div class="prev-next"><p>上一篇：<a href="/xwzx/tzgg/prev.html">{E(prev_next[0])}</a></p>'
        f'<p>下一篇：<a href="/xwzx/tzgg/next.html">{E(prev_next[1])}</a></p></div>\n'
        f'</div>\n<div class="side"><h3>相关信息</h3><ul>{related}</ul></div>\n</div>\n'
        '<div class="footer w1200"><div class="links">友情链接：<a href="https://www.mohurd.gov.cn">住房和城乡建设部'
        "</a> "
        '<a href="https://www.gov.cn">中国政府网</a></div>\n'
        f"<p>主办单位：{E(bureau)}　地址：{city}{rng.choice(('渝北区', '朝阳区', '高新区', '市中区'))}"
        f"{rng.choice(('人民路', '建设路', '解放大道'))}{rng.randint(1, 300)}号　邮编：{rng.randint(100000, 650000)}"
        "</p>\n"
        f"<p>电话：0{rng.randint(10, 999)}-{rng.randint(6000000, 89999999)}　"
        f"版权所有：{E(bureau)}　{icp}ICP备{rng.randint(10000000, 99999999)}号-{rng.randint(1, 5)}　"
        f"{icp}公网安备{rng.randint(10000000000000, 99999999999999)}号</p>\n"
        f'<p>网站标识码：{rng.randint(1000000000, 9999999999)}　<a href="/sitemap/">网站地图</a></p></div>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def render_zh_association(article: Article, rng: random.Random, charset: str, css: str, script: str) -> str:
    name, slug, icp, police, area_code = rng.choice(ASSOCIATIONS)
    section = rng.choice(ZH_ASSOC_SECTIONS)
    url = f"http://www.{slug}.org.cn/news/{article.article_id}.html"
    menu = "".join(
        f'<li><a href="/{i}/">{label}</a></li>'
        for i, label in enumerate(
            ("首页", "协会概况", "新闻动态", "政策法规", "会员服务", "绿色建筑", "技术标准", "联系我们")
        )
    )
    side = "".join(f'<li><a href="/list/{i}.html">{s}</a></li>' for i, s in enumerate(ZH_ASSOC_SECTIONS))
    return (
        _head(article, charset, url, name, css)
        + f'<body>\n<div class="header"><img src="/images/logo.jpg" alt="{E(name)}"><span class="site-name">{E(name)}'
        "</span></div>\n"
        f'<div class="menu"><ul>{menu}</ul></div>\n<div class="banner">'
        f'<img src="/images/banner{rng.randint(1, 5)}.jpg"></div>\n'
        f'<div class="container"><div class="left"><h3>{section}</h3><ul>{side}</ul></div>\n'
        f'<div class="right"><div class="position">{section}</div>\n<div class="title-bar">{section}</div>\n'
        f'<div class="news-detail"><h2 class="news-title">{E(article.title)}</h2>\n'
        f'<div class="news-meta">发布时间:{article.published:%Y-%m-%d}&nbsp;&nbsp;&nbsp;&nbsp;浏览量:{article.views}'
        "</div>\n"
        f'<div class="news-body">\n{_body_html(article, rng)}\n</div>\n'
        f'<div class="pages"><a href="/news/prev.html">上一条</a> <a href="/news/next.html">下一条</a> '
        '<a href="javascript:history.back()">返回列表</a></div></div></div></div>\n'
        '<div class="footer">'
        f"<p>地址:{name[:3]}{rng.choice(('渝北区龙溪街道华怡路', '高新区天府大道', '中山区人民路'))}"
        f"{rng.randint(1, 99)}号 联系电话:{area_code}-{rng.randint(60000000, 69999999)}"
        f" {area_code}—{rng.randint(60000000, 69999999)}</p>\n"
        f"<p>CopyRight &copy; {article.published.year} {E(name)} 版权所有</p>\n"
        f"<p>备案号:{icp} {police} 技术支持:{rng.choice(('维尔斯科技', '易网科技', '云创网络'))}</p>\n"
        '<div class="qrcode"><img src="/images/qrcode.jpg" alt="公众号二维码"><p>扫码关注公众号</p></div></div>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def render_zh_portal(article: Article, rng: random.Random, charset: str, css: str, script: str) -> str:
    portal = rng.choice((("绿色家园网", "greenhome"), ("低碳中国网", "ditan"), ("建筑时报网", "jzsb")))
    url = f"https://news.{portal[1]}.com.cn/{article.published:%Y/%m%d}/{article.article_id}.shtml"
    channels = "".join(f'<a href="/{i}/">{c}</a>' for i, c in enumerate(ZH_PORTAL_CHANNELS))
    share = "".join(f'<a class="share-{i}" href="javascript:;">{t}</a>' for i, t in enumerate(SHARE_TARGETS_ZH))
    related = _links(rng, _other_titles(rng, article, rng.randint(6, 12)), "/news")
    hot = _links(rng, _other_titles(rng, article, 10), "/hot")
    comments = "".join(
        f'<div class="comment"><span class="user">网友{rng.randint(10000, 99999)}</span>'
        f'<span class="loc">[{rng.choice(ZH_CITIES)[0]}网友]</span><p>{rng.choice(ZH_COMMENT_TEXT)}</p>'
        f'<span class="time">{rng.randint(1, 59)}分钟前</span><a href="javascript:;">回复</a> '
        f'<a href="javascript:;">顶({rng.randint(0, 999)})</a></div>'
        for _ in range(rng.randint(2, 8))
    )
    og = (
        f'<meta property="og:title" content="{A(article.title)}">\n<meta property="og:type" content="news">\n'
        f'<meta property="article:published_time" content="{article.published:%Y-%m-%dT%H:%M:%S}+08:00">\n'
        f'<meta property="article:author" content="{A(article.source)}">\n'
    )
    return (
        _head(article, charset, url, portal[0], css, og)
        + f'<body>\n<div class="topnav">{channels}<a href="/login">登录</a> <a href="/reg">注册</a></div>\n'
        '<div class="ad ad-top"><a href="https://ad.example.com/c?id=1"><img src="/ad/top.gif" alt="广告"></a></div>\n'
        f'<div class="post-wrap"><div class="post-crumb"><a href="/">{portal[0]}</a> &gt; <a href="/news/">新闻'
        "</a> &gt; 正文</div>\n"
        f'<h1 class="post-title">{E(article.title)}</h1>\n'
        f'<div class="post-info">{article.published:%Y-%m-%d %H:%M:%S}　来源: <a href="#">{E(article.source)}</a>'
        f'　<span class="comment-count">参与评论({rng.randint(0, 800)})</span></div>\n'
        f'<div class="share-bar">分享到：{share}</div>\n'
        f'<div class="post-body" id="endText">\n{_body_html(article, rng)}\n'
        f'<p class="post-editor">（记者：{E(article.author)}）</p>\n'
        f'<p class="ep-source">本文来源：{E(article.source)} 责任编辑：{E(article.editor)}_NF{rng.randint(1000, 9999)}'
        "</p>"
        "</div>\n"
        '<div class="ad ad-mid">广告<a href="https://ad.example.com/c?id=2">节能门窗 厂家直销 限时优惠</a></div>\n'
        f'<div class="related"><h3>相关新闻</h3><ul>{related}</ul></div>\n'
        f'<div class="comments"><h3>网友评论</h3>{comments}<a href="/comments/">查看全部评论</a></div>\n'
        f'</div>\n<div class="sidebar"><h3>热点排行</h3><ol>{hot}</ol>'
        '<div class="ad ad-side"><img src="/ad/side.jpg" alt="推广"></div></div>\n'
        '<div class="footer"><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | <a'
        ' href="/jobs">招聘信息</a>'
        f"<p>Copyright &copy; 2008-{article.published.year} {portal[0]} All Rights Reserved</p>"
        f"<p>京ICP证{rng.randint(100000, 999999)}号 京公网安备{rng.randint(10000000000000, 99999999999999)}号</p>"
        "</div>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def render_en_news(article: Article, rng: random.Random, charset: str, css: str, script: str) -> str:
    site = rng.choice((("Green Building Times", "gbtimes.com"), ("China Climate Daily", "climatedaily.cn")))
    section = rng.choice(EN_NEWS_SECTIONS)
    slug = re.sub(r"[^a-z0-9]+", "-", article.title.lower()).strip("-")
    url = f"https://www.{site[1]}/{section.lower()}/{article.published:%Y/%m/%d}/{slug}-{article.article_id[-6:]}"
    iso = f"{article.published:%Y-%m-%dT%H:%M:%S}+08:00"
    json_ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": iso,
            "author": [{"@type": "Person", "name": article.author}],
            "publisher": {"@type": "Organization", "name": site[0]},
            "mainEntityOfPage": url,
        }
    )
    meta = (
        f'<meta property="og:title" content="{A(article.title)}">\n<meta property="og:type" content="article">\n'
        f'<meta property="og:url" content="{url}">\n<meta property="og:site_name" content="{site[0]}">\n'
        f'<meta property="article:published_time" content="{iso}">\n'
        f'<meta name="author" content="{A(article.author)}">\n'
        f'<script type="application/ld+json">{json_ld}</script>\n'
    )
    nav = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in EN_NEWS_SECTIONS)
    related = _links(rng, _other_titles(rng, article, rng.randint(4, 8)), f"/{section.lower()}")
    trending = _links(rng, _other_titles(rng, article, 5), "/trending")
    share = "".join(f'<a href="#">{target}</a>' for target in SHARE_TARGETS_EN)
    return (
        _head(article, charset, url, site[0], css, meta)
        + '<body>\n<div id="cookie-banner" class="cookie">We use cookies to improve your experience. By continuing to '
        'browse you agree to our <a href="/cookies">cookie policy</a>. <button>Accept all</button> <button>Manage'
        "</button></div>\n"
        f'<header class="site-header"><a class="logo" href="/">{site[0]}</a><nav><ul>{nav}</ul></nav>'
        '<a href="/subscribe" class="btn">Subscribe</a> <a href="/signin">Sign in</a></header>\n'
        f'<main><article class="story"><div class="kicker"><a href="/{section.lower()}/">{section}</a></div>\n'
        f'<h1 class="headline">{E(article.title)}</h1>\n'
        '<div class="byline">By '
        f'<a rel="author" href="/authors/{article.author.lower().replace(" ", "-")}">{E(article.author)}</a>'
        f' | <time datetime="{iso}">{_en_date(article.published)}</time> | Updated {rng.randint(1, 23)} hours ago'
        "</div>\n"
        f'<div class="share"><span>Share</span>{share}</div>\n'
        f'<div class="story-body">\n{_body_html(article, rng)}\n</div>\n'
        f'<p class="tags">Topics: {", ".join(rng.sample(EN_TOPICS, 3))}</p>\n'
        f'<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>\n</article>\n'
        f'<aside class="rail"><h2>Trending</h2><ol>{trending}</ol>'
        '<div class="newsletter"><h3>Sign up for our Climate Brief newsletter</h3><p>Get the week\'s top stories on '
        'green buildings and low-carbon cities in your inbox.</p><form><input type="email" placeholder="Your email">'
        "<button>Sign up</button></form></div></aside></main>\n"
        f'<footer><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>'
        '<li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>'
        f"<p>&copy; {article.published.year} {site[0]}. All rights reserved.</p></footer>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def render_en_blog(article: Article, rng: random.Random, charset: str, css: str, script: str) -> str:
    site = rng.choice((("Low Carbon Cities Institute", "lcci.org"), ("Building Decarbonisation Forum", "bdforum.org")))
    url = f"https://{site[1]}/insights/{article.published:%Y}/{article.article_id}"
    nav = "".join(f'<a href="/{s.lower().replace(" ", "-")}/">{s}</a>' for s in EN_BLOG_SECTIONS)
    recent = _links(rng, _other_titles(rng, article, 6), "/insights")
    archive = "".join(f'<li><a href="/archive/{y}/">{y}</a> ({rng.randint(3, 60)})</li>' for y in range(2026, 2014, -1))
    categories = "".join(f'<li><a href="/category/{i}/">{t.title()}</a></li>' for i, t in enumerate(EN_TOPICS[:8]))
    return (
        _head(article, charset, url, site[0], css, f'<meta name="author" content="{A(article.author)}">\n')
        + f'<body class="single-post">\n<div class="skip"><a href="#content">Skip to content</a></div>\n'
        f'<header><div class="brand">{site[0]}</div><nav class="primary">{nav}<a href="/donate">Donate</a></nav>'
        "</header>\n"
        '<div class="wrap"><div id="content" class="post">\n'
        f'<h1 class="entry-title">{E(article.title)}</h1>\n'
        f'<p class="entry-meta">Posted on {_en_date(article.published)} by {E(article.author)} in '
        f'<a href="/category/policy/">Policy</a> &middot; <a href="#comments">{rng.randint(0, 40)} comments</a></p>\n'
        f'<div class="entry-content">\n{_body_html(article, rng)}\n</div>\n'
        '<div class="post-footer"><p>This analysis reflects the views of the author. Republishing is permitted under '
        'CC BY 4.0 with attribution.</p><p>Filed under: <a href="/tag/policy">policy</a>, <a href="/tag/china">china'
        "</a></p>"
        '<nav class="post-nav"><a href="/prev" rel="prev">&larr; Previous post</a> '
        '<a href="/next" rel="next">Next post &rarr;</a></nav></div>\n'
        f'</div>\n<aside class="sidebar"><section><h3>Search</h3><form><input type="search"></form></section>'
        f"<section><h3>Recent posts</h3><ul>{recent}</ul></section>"
        f"<section><h3>Categories</h3><ul>{categories}</ul></section>"
        f"<section><h3>Archives</h3><ul>{archive}</ul></section>"
        '<section><h3>Follow us</h3><a href="#">LinkedIn</a> <a href="#">WeChat</a> <a href="#">RSS</a></section>'
        "</aside></div>\n"
        f"<footer><p>&copy; {article.published.year} {site[0]} &middot; Registered charity no."
        f" {rng.randint(100000, 999999)}"
        ' &middot; <a href="/privacy">Privacy</a></p></footer>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def render_langbar(article: Article, rng: random.Random, charset: str, css: str, script: str) -> str:
    """A bilingual portal page with a language-selector bar above the article (English or Chinese)."""
    site = rng.choice((("China Carbon Credit Platform", "tanpaifang.com"), ("Tongzhou Today", "bjtzh.gov.cn")))
    url = f"https://en.{site[1]}/news/{article.article_id}.html"
    languages = "".join(f'<a href="/{i}/" hreflang="x-{i}">{E(name)}</a>' for i, name in enumerate(LANGUAGE_BAR))
    if article.language == "zh":
        date_line = f"发布时间：{article.published:%Y-%m-%d %H:%M}"
        label_news, label_more = "新闻", "更多新闻"
        credit = f"<p>记者 {E(article.author)}</p><p>编辑 {E(article.editor)}</p><p>举报/反馈</p>"
    else:
        date_line = f"Release Time {article.published:%Y-%m-%d}"
        label_news, label_more = "news", "More news"
        credit = (
            f"<p>{E(article.source)} reporter {E(article.author)}</p><p>Edited by {E(article.editor)}</p>"
            "<p>Report/Feedback</p>"
        )
    more = _links(rng, _other_titles(rng, article, rng.randint(4, 8)), "/news", with_dates=True)
    return (
        _head(article, charset, url, site[0], css) + f'<body>\n<div class="lang-bar">{languages}</div>\n'
        f'<div class="header"><div class="logo">{site[0]}</div><div class="nav"><a href="/">Home</a> <a href="/news/">'
        f'{label_news}</a> <a href="/policy/">Policy</a> <a href="/market/">Market</a> <a href="/about/">About</a>'
        "</div></div>\n"
        f'<div class="content"><div class="cat">{label_news}</div>\n<h1>{E(article.title)}</h1>\n'
        f'<div class="date">{date_line}</div>\n'
        f'<div class="translate-widget">{"".join(E(n) for n in LANGUAGE_BAR)}</div>\n'
        f'<div class="text">\n{_body_html(article, rng)}\n{credit}</div>\n'
        f'<div class="more"><h3>{label_more}</h3><ul>{more}</ul></div></div>\n'
        f'<div class="footer"><p>&copy; {article.published.year} {site[0]}</p>'
        f"<p>京ICP备{rng.randint(10000000, 99999999)}号</p></div>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def render_zh_legacy(article: Article, rng: random.Random, charset: str, css: str, script: str) -> str:
    """An old table-layout bureau page (the kind still served in GBK)."""
    bureau = f"{article.city}{rng.choice(('建筑节能中心', '墙体材料革新办公室', '建设工程质量监督站'))}"
    url = f"http://www.{article.city_slug}jn.gov.cn/Article/ShowArticle.asp?ArticleID={article.article_id[-9:]}"
    left = "".join(
        f'<tr><td height="26" class="leftlink">·<a href="/Article/ShowClass.asp?ClassID={i}">{s}</a></td></tr>'
        for i, s in enumerate(("工作动态", "通知公告", "政策法规", "办事指南", "下载中心", "在线咨询"))
    )
    paragraphs = "\n".join(
        f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{E(b.text)}</p>"
        if b.kind in ("p", "h2")
        else f"<p>{'；'.join(map(E, b.items))}</p>"
        for b in article.blocks
        if b.kind != "img"
    )
    return (
        _head(article, charset, url, bureau, css) + '<body topmargin="0" leftmargin="0">\n'
        '<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">'
        f'<tr><td><img src="/images/top.jpg" width="980" height="120" alt="{E(bureau)}"></td></tr>'
        '<tr><td class="menu"><a href="/">网站首页</a> | <a href="/Article/">新闻动态</a> | <a href="/zcfg/">政策法规'
        "</a> | "
        '<a href="/bszn/">办事指南</a> | <a href="/lxwm/">联系我们</a></td></tr></table>\n'
        '<table width="980" align="center"><tr><td width="200" valign="top"><table width="100%">'
        f"{left}</table></td>\n"
        '<td valign="top"><table width="100%"><tr><td class="position">您现在的位置：<a href="/">首页</a> &gt;&gt; '
        '<a href="/Article/">新闻中心</a> &gt;&gt; 正文</td></tr>\n<tr><td align="center" class="title">'
        f"<b>{E(article.title)}</b></td></tr>\n"
        f'<tr><td align="center" class="info">作者：{E(article.author)}　来源：{E(article.source)}　'
        f"点击数：{article.views}　更新时间：{_zh_date(article.published)}</td></tr>\n"
        f'<tr><td class="content">\n{paragraphs}\n</td></tr>\n'
        '<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】【<a'
        ' href="javascript:window.close()">关闭窗口'
        "</a>】</td></tr>"
        "</table></td></tr></table>\n"
        f'<table width="980" align="center" class="bottom"><tr><td align="center">版权所有：{E(bureau)}　'
        f"技术支持：{article.city}信息中心"
        f"<br>地址：{article.city}{rng.choice(('新华路', '中山路', '建设大道'))}{rng.randint(1, 200)}号　"
        f"电话：0{rng.randint(10, 999)}-{rng.randint(6000000, 8999999)}<br>"
        f"{ICP_PREFIX.get(article.city_slug, '京')}ICP备{rng.randint(10000000, 99999999)}号</td></tr></table>\n"
        f'<script language="javascript">{script}</script>\n</body>\n</html>\n'
    )


def render_plain_text(article: Article, rng: random.Random) -> str:
    """A page as a crawler saved it: text lines, boilerplate included."""
    lines: list[str] = []
    if article.language == "zh":
        section = rng.choice(ZH_ASSOC_SECTIONS)
        lines += [section, "", article.title, f"发布时间:{article.published:%Y-%m-%d}    浏览量:{article.views}", ""]
    else:
        lines += ["news", "", article.title, "", f"{article.published:%Y-%m-%d %H:%M}", ""]
    for block in article.blocks:
        if block.kind == "ul":
            lines += [f"- {item}" for item in block.items]
        elif block.kind != "img":
            lines.append(("      " if article.language == "zh" and block.kind == "p" else "") + block.text)
        lines.append("")
    if article.language == "zh":
        name, _slug, icp, police, area_code = rng.choice(ASSOCIATIONS)
        lines += [
            "",
            f"地址:{name[:3]}某区某路{rng.randint(1, 99)}号 联系电话:{area_code}-{rng.randint(60000000, 69999999)}",
            f"CopyRight © {article.published.year} {name} 版权所有",
            f"备案号:{icp} {police}",
            "",
            "扫码关注公众号",
        ]
    else:
        lines += [f"{article.source} reporter {article.author}", f"Edited by {article.editor}", "Report/Feedback"]
    return "\n".join(lines) + "\n"


Renderer = Callable[[Article, random.Random, str, str, str], str]


@dataclass(frozen=True)
class Template:
    name: str
    language: str  # "zh" | "en" | "any"
    render: Renderer
    weight: float
    gbk_share: float = 0.0  # fraction of this template's pages encoded GBK


TEMPLATES: tuple[Template, ...] = (
    Template("zh_gov", "zh", render_zh_gov, 0.17, gbk_share=0.4),
    Template("zh_association", "zh", render_zh_association, 0.14),
    Template("zh_portal", "zh", render_zh_portal, 0.15),
    Template("zh_legacy", "zh", render_zh_legacy, 0.06, gbk_share=1.0),
    Template("en_news", "en", render_en_news, 0.20),
    Template("en_blog", "en", render_en_blog, 0.12),
    Template("langbar", "any", render_langbar, 0.13),
)
PLAIN_TEXT_SHARE = 0.03


# --------------------------------------------------------------------------------------------
# Size padding: real pages are mostly inline CSS and scripts; each site has its own
# --------------------------------------------------------------------------------------------

_CSS_PROPERTIES = (
    "margin:{a}px {b}px",
    "padding:{a}px {b}px",
    "color:#{h}",
    "background:#{h}",
    "font-size:{s}px",
    "line-height:{l}",
    "border:1px solid #{h}",
    "width:{w}px",
    "height:{a}px",
    "display:{d}",
    "float:{f}",
    "text-align:{t}",
    "overflow:hidden",
    "position:{p}",
    "z-index:{a}",
)
_SCRIPT_SNIPPETS = (
    'var _hmt=_hmt||[];(function(){{var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?{h}{h}";'
    'var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s);}})();',
    'window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag("js",new Date());'
    'gtag("config","G-{H}");',
    '$(function(){{$(".nav li").hover(function(){{$(this).addClass("on")}},function(){{$(this).removeClass("on")}});'
    '$("#zoom").css("font-size","{s}px");}});',
    'document.querySelectorAll(".share a").forEach(function(a){{a.addEventListener("click",function(e){{'
    'e.preventDefault();window.open(a.href+"?u="+encodeURIComponent(location.href),"share{a}","width={w},height={w}");}});}});',
    'var config_{a}={{"channel":"{d}","slot":{w},"lazy":true,"ratio":{l},"token":"{h}{h}{h}"}};',
)


def _site_stylesheet(rng: random.Random, size: int) -> str:
    rules: list[str] = []
    total = 0
    while total < size:
        selector = "." + "-".join(
            rng.choice(
                (
                    "nav",
                    "main",
                    "list",
                    "item",
                    "box",
                    "hd",
                    "bd",
                    "ft",
                    "tit",
                    "con",
                    "side",
                    "btn",
                    "pic",
                    "txt",
                    "wrap",
                    "col",
                )
            )
            for _ in range(rng.randint(1, 3))
        )
        body = ";".join(
            prop.format(
                a=rng.randint(0, 40),
                b=rng.randint(0, 40),
                h=f"{rng.getrandbits(24):06x}",
                s=rng.randint(12, 24),
                l=rng.choice(("1.5", "1.8", "2", "24px")),
                w=rng.randint(100, 1200),
                d=rng.choice(("block", "flex", "none")),
                f=rng.choice(("left", "right")),
                t=rng.choice(("left", "center")),
                p=rng.choice(("relative", "absolute")),
            )
            for prop in rng.sample(_CSS_PROPERTIES, rng.randint(2, 6))
        )
        rule = f"{selector}{{{body}}}\n"
        rules.append(rule)
        total += len(rule)
    return "".join(rules)


def _site_script(rng: random.Random, size: int) -> str:
    pieces: list[str] = []
    total = 0
    while total < size:
        piece = (
            rng.choice(_SCRIPT_SNIPPETS).format(
                h=f"{rng.getrandbits(32):08x}",
                H=f"{rng.getrandbits(40):010X}",
                s=rng.randint(12, 20),
                a=rng.randint(0, 999),
                w=rng.randint(300, 900),
                l=rng.choice(("0.5", "0.75", "1")),
                d=rng.choice(("news", "policy", "tech", "home")),
            )
            + "\n"
        )
        pieces.append(piece)
        total += len(piece)
    return "".join(pieces)


@dataclass(frozen=True)
class SiteAssets:
    """Per-template stylesheet and script, cut to length per page (pages of one site share them)."""

    css: str
    script: str

    def css_prefix(self, size: int) -> str:
        cut = self.css.rfind("}", 0, max(size, 0))
        return self.css[: cut + 1] if cut >= 0 else ""

    def script_prefix(self, size: int) -> str:
        cut = self.script.rfind(";\n", 0, max(size, 0))
        return self.script[: cut + 2] if cut >= 0 else ""


@functools.lru_cache(maxsize=4)
def build_assets(seed: int) -> dict[str, SiteAssets]:
    assets = {}
    for template in TEMPLATES:
        rng = random.Random(f"{seed}/assets/{template.name}")
        assets[template.name] = SiteAssets(_site_stylesheet(rng, MAX_PAGE_BYTES), _site_script(rng, MAX_PAGE_BYTES))
    return assets


# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------


_CSS_MARK = "\x00css\x00"
_SCRIPT_MARK = "\x00script\x00"


def _pick_template(rng: random.Random) -> Template:
    return rng.choices(TEMPLATES, weights=[t.weight for t in TEMPLATES])[0]


def _encode(text: str, charset: str) -> bytes:
    # GBK has no ©, ·, é...: real GBK pages write them as character references too.
    return text.encode("gbk" if charset == "gbk" else "utf-8", errors="xmlcharrefreplace")


def render_page(
    index: int, seed: int, assets: dict[str, SiteAssets]
) -> tuple[str, Template | None, Article, str, bytes]:
    """(file suffix, template or None for plain text, article, charset, bytes) of page `index`."""
    rng = random.Random(f"{seed}/{index}")
    if rng.random() < PLAIN_TEXT_SHARE:
        article = make_article(rng, rng.choice(("zh", "en")), index)
        return ".txt", None, article, "utf-8", render_plain_text(article, rng).encode("utf-8")
    template = _pick_template(rng)
    language = template.language if template.language != "any" else rng.choice(("zh", "en"))
    article = make_article(rng, language, index)
    charset = "gbk" if rng.random() < template.gbk_share else "utf-8"
    target = rng.randint(MIN_PAGE_BYTES, MAX_PAGE_BYTES)
    css_share = rng.uniform(0.3, 0.7)
    # Render once with markers, then fill the inline style/script up to the target size (both ASCII,
    # so the byte count is the same in UTF-8 and GBK).
    bare = _encode(template.render(article, rng, charset, _CSS_MARK, _SCRIPT_MARK), charset)
    room = target - (len(bare) - len(_CSS_MARK) - len(_SCRIPT_MARK))
    site = assets[template.name]
    css = site.css_prefix(int(room * css_share))
    script = site.script_prefix(room - len(css))
    content = bare.replace(_CSS_MARK.encode(), css.encode(), 1).replace(_SCRIPT_MARK.encode(), script.encode(), 1)
    return ".html", template, article, charset, content


def page_path(out_dir: Path, index: int, suffix: str) -> Path:
    return out_dir / f"{index // PAGES_PER_FOLDER:04d}" / f"page{index:07d}{suffix}"


def iter_generated(out_dir: Path, n: int, seed: int = 42) -> Iterator[GeneratedPage]:
    """Write pages 0..n-1 under out_dir (1,000 per folder) and yield a description of each as written."""
    assets = build_assets(seed)
    made_folders: set[Path] = set()
    for index in range(n):
        suffix, template, article, charset, content = render_page(index, seed, assets)
        path = page_path(out_dir, index, suffix)
        if path.parent not in made_folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            made_folders.add(path.parent)
        path.write_bytes(content)
        yield GeneratedPage(
            path=path,
            template=template.name if template else "plain_text",
            language=article.language,
            charset=charset,
            title=article.title,
            size=len(content),
        )


def generate_pages(out_dir: Path, n: int, seed: int = 42) -> list[Path]:
    """Write n pages under out_dir and return their paths (in index order)."""
    return [page.path for page in iter_generated(out_dir, n, seed)]


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def declared_charset(content: bytes) -> str:
    """The charset a generated page declares in its <meta> (utf-8 when it declares none, e.g. plain text)."""
    match = _DECLARED_CHARSET.search(content[:2048])
    return match.group(1).decode("ascii").lower() if match else "utf-8"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    count = total = 0
    for page in iter_generated(args.out_dir, args.pages, args.seed):
        count += 1
        total += page.size
    print(f"wrote {count} pages ({total / 1e6:.1f} MB) under {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
