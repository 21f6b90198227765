"""Where pages keep their metadata: meta tag names, JSON-LD types, URL date patterns, title separators.

Edit these tables to teach the HTML metadata reader a new convention; lower-cased names.
"""

from __future__ import annotations

# <meta name|property|itemprop=... content=...>, in order of trust.
TITLE_META: tuple[str, ...] = ("twitter:title", "title", "dc.title", "articletitle", "headline")
# A page without an h1 or a declared title may print its headline in an <h2> or in an element named as the title
# (old government pages: <td class="title">, <div class="biaoti">): class/id tokens, whole-token match.
HEADLINE_TOKENS: frozenset[str] = frozenset(
    {"title", "biaoti", "bt", "headline", "arttitle", "articletitle", "newstitle", "contenttitle", "detailtitle",
     "wztitle", "xxtitle", "wzbt"}
)  # fmt: skip
# Lower-cased pieces one of which every token above holds: a class/id value without any is not split into tokens.
HEADLINE_TOKEN_SCREEN: tuple[str, ...] = ("title", "biaoti", "bt", "headline")
HEADLINE_TAGS: tuple[str, ...] = ("h2",)  # headline tags read whatever their class
MIN_HEADLINE_CHARS = 6  # shorter headings are section labels ("最新动态", "News")
MAX_HEADLINE_CHARS = 150  # a longer text in a title-named element is a wrapper, not a headline
# <title> texts that name nothing: an editor's template left as it was.
PLACEHOLDER_TITLES: frozenset[str] = frozenset(
    {"无标题文档", "无标题页", "无标题", "未命名", "未命名文档", "新建网页 1", "untitled", "untitled document",
     "untitled page", "new page 1", "document", "home", "首页"}
)  # fmt: skip
OG_TITLE = "og:title"
PUBLISHED_META: tuple[str, ...] = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "firstpublishedtime",
    "publishedtime",
    "release_date",
    "date",
    "created",
    "weibo:article:create_at",
    "bytedance:published_time",
    "apub:time",
)
MODIFIED_META: tuple[str, ...] = ("article:modified_time", "og:updated_time", "datemodified", "lastmodifiedtime")
AUTHOR_META: tuple[str, ...] = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "parsely-author",
    "sailthru.author",
    "citation_author",
    "contentsource_author",
)
SITE_NAME_META: tuple[str, ...] = ("og:site_name", "application-name", "sitename", "site_name", "twitter:site")
# Publisher resolution, most trusted first: a declared publisher (these tags, JSON-LD), the source the page
# prints (来源：…, a source element), the source its meta tags name, the copyright holder, the site name.
PUBLISHER_META: tuple[str, ...] = ("publisher", "article:publisher", "dc.publisher")
# A source named in meta tags: CMS template values ("来源：人民网－人民日报 原创稿"), cleaned of the label
# and the origin tag; the 来源 line printed on the page wins over them when both exist.
# 新浪 and 搜狐 name the article's outlet or 搜狐号 account in `mediaid` ("证券日报", "建筑节能观察").
SOURCE_META: tuple[str, ...] = ("source", "contentsource", "mediaid")
# Copyright notices ("网易版权所有", "© 2024 Green Media"): only their holder is a publisher, and only
# when the page names no source.
COPYRIGHT_META: tuple[str, ...] = ("copyright", "dc.rights")
# A label and an origin tag around a source value: "来源：人民网－人民日报 原创稿", "信息来源: 新华社（转载）".
SOURCE_LABELS: tuple[str, ...] = ("信息来源", "文章来源", "稿件来源", "稿源", "来源", "出处")
# Page buttons a source's text runs into when printed right after it ("新京报举报": 举报 ends like 报, a
# newspaper's name): a value ending so is checked against the element after its label.
RUN_ON_WORDS: tuple[str, ...] = ("举报", "分享", "分享到", "打印", "收藏", "纠错", "关注", "评论", "字号", "订阅")
SOURCE_VALUE_LABEL = r"^\s*(?:信息来源|文章来源|稿件来源|稿源|来源|出处|Source)\s*[:：]\s*"
SOURCE_VALUE_TAG = (
    r"\s*[(（【\[]?\s*(?:原创稿件|原创稿|原创|转载|转自|综合|整理)\s*[)）】\]]?\s*$"
    # ... and the self-media channel a platform names after itself: "澎湃新闻·澎湃号·政务", "…·湃客"
    r"|\s*[·・]\s*(?:[\u4e00-\u9fff]{1,4}号|湃客)(?:\s*[·・]\s*[\u4e00-\u9fff]{1,4})?\s*$"
)
# Publishers (copyright holders, sources) that name no one: "本站版权所有", "本站原创", a template's "Your Website".
NOT_PUBLISHER_NAMES: frozenset[str] = frozenset(
    {"本站", "本网", "本网站", "本平台", "网站", "本刊", "版权", "著作权", "all rights reserved", "copyright",
     "your website", "your company", "company name", "website", "text", "policy", "notice", "statement", "information",
     "阅读原文", "查看原文", "原文链接", "原文", "网络", "互联网", "未知", "佚名"}
)  # fmt: skip
MAX_COPYRIGHT_HOLDER_CHARS = 40
# What surrounds a holder in a copyright notice, besides years and ©: cut away, the first piece left is the name.
# Labels a footer prints before the site's owner, on its copyright line ("主办单位：山西医科大学纪检监察室 版权所有"):
# cut from the holder's start (with their colon).
OWNER_LABELS: tuple[str, ...] = (
    "主办单位", "承办单位", "主管单位", "运营单位", "维护单位", "建设单位", "网站主办", "主办", "承办", "主管",
    "Herausgeber", "Betreiber", "Publisher", "Operator",
)  # fmt: skip
# Unrendered template placeholders a CMS leaves in a meta tag's content ("{$plugin.tx_news.opengraph.site_name}",
# "{{ site.name }}", "${siteName}", "<%= title %>"): the whole value is one, so the tag names nothing.
TEMPLATE_PLACEHOLDER = r"^\s*(?:\{\{.*\}\}|\{%.*%\}|\$\{.*\}|\{\$.*\}|<%.*%>|%%[^%]*%%|\[\[.*\]\])\s*$"
COPYRIGHT_NOISE: tuple[str, ...] = (
    "copyright", "all rights reserved", "some rights reserved", "alle rechte vorbehalten", "tous droits réservés",
    "todos los derechos reservados", "版权所有", "保留所有权利",
)  # fmt: skip
# Leading column tags that an og:title or meta title keeps ("权威发布 | 广东…"): hanzi only, this short.
MAX_COLUMN_TAG_CHARS = 10
# Parts of a copyright notice's words, matched case-sensitively in text nodes ("opyright" finds
# Copyright, copyright and CopyRight).
COPYRIGHT_WORDS: tuple[str, ...] = (
    "版权所有", "版 权 所 有", "©", "opyright", "OPYRIGHT", "ights reserved", "ights Reserved", "IGHTS RESERVED",
)  # fmt: skip
SECTION_META: tuple[str, ...] = ("article:section", "section", "parsely-section", "category", "columnname", "channel")
LANGUAGE_META: tuple[str, ...] = ("og:locale", "content-language", "language", "dc.language")

# Chinese government pages (Hanweb/TRS CMS) carry their own names.
GOV_META: dict[str, str] = {
    "articletitle": "title",
    "pubdate": "published",
    "contentsource": "publisher",
    "columnname": "section",
    "sitename": "site_name",
}

JSONLD_ARTICLE_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenews",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "webpage",
        "itempage",
        "creativework",
        "governmentpermit",
        "pressrelease",
    }
)

# Dates in URLs: /2023/11/03/, /2023-11-03/, /20231103/, t20231103_123.html, /202311/03/, /2023/11/.
URL_DATE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(?<!\d)(?P<year>(?:19|20)\d{2})[/_-](?P<month>0[1-9]|1[0-2])[/_-](?P<day>0[1-9]|[12]\d|3[01])(?!\d)", "day"),
    (r"(?<![\d])(?P<year>(?:19|20)\d{2})(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?![\d])", "day"),
    (r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>0[1-9]|1[0-2])/(?P<day>0[1-9]|[12]\d|3[01])(?!\d)", "day"),
    (r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>0[1-9]|1[0-2])/", "month"),
)

# Separators between a page title and the site name in <title> / og:title.
TITLE_SEPARATORS: tuple[str, ...] = (
    " | ", " - ", " – ", " — ", " :: ", " » ", "_", "｜", "|", "－", "--", "——", " · ",
    " ─ ",  # a box-drawing line, set between spaces by Taiwan CMSs ("標題 ─ 財團法人台灣建築中心")
)  # fmt: skip
# Separators that also join a headline to its subtitle or a site name to its tagline ("主标题——解读之二",
# "中国经济网——国家经济门户"), and a bare hyphen between hanzi ("标题-中国建筑节能协会"): a title is split
# there only when the part dropped reads as a site name (SITE_NAME_ENDINGS).
NAME_CHECKED_SEPARATORS: tuple[str, ...] = ("——",)
# What a declared title may add right after the page's h1 ("Headline – Analysis", "Headline | IEA"); not
# a colon, which more often opens a subtitle ("Coinbase vs. Coinbase Pro: How do they compare?").
TITLE_SEPARATOR_STARTS = frozenset(sep.strip()[0] for sep in TITLE_SEPARATORS) - {":"}
TAGLINE_SEPARATORS: tuple[str, ...] = ("——",)
# A site's tagline printed as the title tag's last part, after its name ("… - 经济观察网 - 专业财经新闻网站",
# "…_和讯网_中国领先的财经门户"): the name is the part before it. Matched against the whole part.
SITE_TAGLINE_PATTERNS: tuple[str, ...] = (
    r"^(?:专业|领先|权威|一流|首选|最具|最大|最权威|最专业|中国领先|国内领先|全球领先|中国最大|中国最具)"
    r"[\u4e00-\u9fff]{0,14}(?:网站|门户|平台|媒体)$",
)
# How a site's name ends ("中国建筑节能网", "中国建筑节能协会", "Green Building News", "cctv.com)").
SITE_NAME_ENDINGS: tuple[str, ...] = (
    "网", "平台", "门户", "在线", "官网", "日报", "晚报", "早报", "时报", "周刊", "报社", "报", "杂志社", "杂志",
    "协会", "学会", "研究会", "研究院", "委员会", "中心", "政府", "办公室", "局", "厅", "部", "委", "集团", "公司",
    "频道",
    ".com", ".cn", ".org", ".net", ".com)", ".cn)", "Network", "Net", "Online", "Portal", "News", "Daily", "Times",
    "Post", "Weekly", "Website",
)  # fmt: skip
# The official name of an institution, which a title tag may add after a shorter headline ("…_National
# Development and Reform Commission (NDRC) People's Republic Of China", "… | Ministry of Ecology and Environment
# of the People's Republic of China"): Title Case words up to an institution word, perhaps "of/for/on …" and an
# acronym after it. Read case-sensitively.
INSTITUTION_NAME_PATTERNS: tuple[str, ...] = (
    r"People['’]s Republic (?i:of) China\)?$",
    r"^(?:The\s+)?(?:[A-Z][\w.&'’-]*\s+){0,6}"
    r"(?:Ministry|Commission|Council|Administration|Agency|Bureau|Department|Office|Institute|Programme|Program"
    r"|Foundation|Association|Federation|Organi[sz]ation|Bank|Government|Authority|Society|Academy|Centre|Center)"
    r"(?:\s+(?:of|for|on)\s+[A-Z].*)?(?:\s*\([A-Z]{2,10}\))?$",
)
MAX_INSTITUTION_NAME_CHARS = 120

# Breadcrumb separators in text ("首页 > 新闻 > 行业动态").
BREADCRUMB_SEPARATORS = r"\s*(?:>|»|›|/|→|＞|>>|\|)\s*"
BREADCRUMB_LABELS: tuple[str, ...] = (
    "当前位置",
    "您的位置",
    "你的位置",
    "您现在的位置",
    "所在位置",
    "位置",
    "You are here",
)
BREADCRUMB_HOME_WORDS: frozenset[str] = frozenset(
    {"首页", "主页", "网站首页", "home", "homepage", "正文", "正文内容", "详情"}
)

# Class/id tokens of elements that carry a byline or a publish date in the article header.
BYLINE_TOKENS: frozenset[str] = frozenset({"byline", "author", "authors", "writer", "reporter", "zuozhe"})
# Inside a byline element, class/id tokens of the parts that hold a person's name ("news-author-name",
# "m-author__name", the hCard "fn"): when there are some, they are the names (one per author block) ...
BYLINE_NAME_TOKENS: frozenset[str] = frozenset({"name", "fn"})
# ... else the byline's text is read without the parts that give the person's job, outlet or place
# ("news-author-position" CGTN, "m-author__role" Energy Efficiency Analyst, "css-author-role" in Beijing).
# An element named like this is no byline itself.
BYLINE_ROLE_TOKENS: frozenset[str] = frozenset(
    {"role", "position", "job", "jobtitle", "location", "bio", "description", "desc"}
)
# Pieces of a class / id word (split at - and _) that mark a comment thread or a comment form: a byline
# element there names a commenter ("comment-author vcard", "comment-form-author", NetEase's "post_comment").
# The words a theme puts on the article to say comments are open or closed are no comment area.
COMMENT_AREA_PIECES: frozenset[str] = frozenset({"comment", "comments", "commentlist", "respond"})
COMMENT_STATE_WORDS: frozenset[str] = frozenset({"comments-open", "comments-closed", "comment-status"})
# Class/id tokens of an element that names the article's source, often with no label: sina's
# <a class="source">经济参考报</a>, 网易 ne_article_source, media-name.
SOURCE_TOKENS: frozenset[str] = frozenset({"source", "medianame", "laiyuan"})
# Words that class/id values are screened for besides the tokens themselves: the first part of a token
# that pages write in parts ("media-name", "media_name" give the token "medianame").
SIGNAL_SCREEN_PARTS: frozenset[str] = frozenset({"media"})
DATE_TOKENS: frozenset[str] = frozenset(
    {
        "date",
        "time",
        "pubdate",
        "pubtime",
        "published",
        "timestamp",
        "dateline",
        "posted",
        "postdate",
        "publish",
        "fbsj",
    }
)
BREADCRUMB_TOKENS: frozenset[str] = frozenset(
    {"breadcrumb", "breadcrumbs", "crumb", "crumbs", "position", "location", "weizhi", "dqwz"}
)
MAX_BREADCRUMB_CHARS = 150  # longer text in an element named like a breadcrumb is something else (a notice)

# View counters stated on the page ("阅读 1,234", "1234 views").
VIEW_COUNT_PATTERNS: tuple[str, ...] = (
    # 阅读：2517 / 阅读 (2517) / 浏览次数[2517]; Taiwan: 點閱數：1,542 (matched on the Simplified fold). Not 瀏覽人次:
    # Taiwan sites print it in the footer as the whole site's visitor count.
    r"(?:浏览量|浏览次数|浏览|阅读量|阅读数|阅读|点击量|点击数|点击|点阅次数|点阅数|点阅|访问量|人气)\s*(?:次数)?\s*[:：]?"
    r"\s*[(（\[【]?\s*"
    r"(?P<views>\d[\d,]*)(?![\d.万])",
    # English versions of Chinese sites: "Views: 1,284" / "Hits: 532" / "Page views: 87" (the colon is required:
    # "views 2030 as" in a sentence is no counter), also run on from the field before ("Source: XViews: 12")
    r"(?:\b|(?<=[a-z])(?-i:(?=[A-Z])))(?:page\s?views|views?|viewed|hits|clicks|visits|reads|read count)"
    r"\s*[:：]\s*[(\[]?\s*(?P<views>\d[\d,]*)(?![\d.])",
    # "1234 views"; not the day of a date before a "Views:" label ("2024-03-20 Views: 1284")
    r"(?<![\d\-/.:])(?P<views>\d[\d,]*)\s*(?:次浏览|次阅读|人阅读|views?\b(?!\s*[:：])|reads?\b(?!\s*[:：]))",
)

# A press release's dateline: the place in capitals or Title Case, the date (perhaps in brackets), a wire's
# name between slashes, then a dash: "WASHINGTON, March 21, 2024 — …", "MANILA, PHILIPPINES (2 April 2024) —",
# "Beijing, 10 April 2024 –", "SHANGHAI, March 20, 2024 /PRNewswire/ --". Read case-sensitively.
_EN_MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
PRESS_DATELINE_PATTERN = (
    r"^[A-Z][A-Za-z.'’-]*(?:,?\s+[A-Z][A-Za-z.'’-]*){0,4}\s*,?\s*[(（]?\s*"
    rf"(?P<date>{_EN_MONTH_NAME}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}|\d{{1,2}}\s+{_EN_MONTH_NAME},?\s+(?:19|20)\d{{2}})"
    r"\s*[)）]?\s*(?:/[^/]{2,40}/\s*)?(?:--|[–—-])\s"
)

# Labels that introduce a publish date anywhere on a line ("作者：张三 发布时间：2023年11月8日 点击数：532").
# A date after one of these beats a date pattern in the URL (often a folder or creation date).
PUBLISH_DATE_LABELS: tuple[str, ...] = (
    "发布时间", "发布日期", "发表时间", "发表日期", "发文日期", "成文日期", "发稿时间", "印发日期", "日期", "时间",
    "Published on", "Published", "Posted on", "Posted", "Release date", "Publication date", "Date",
)  # fmt: skip
PUBLISH_DATE_WINDOW = 40  # characters after the label searched for the date

# A site name read from what the title tag adds after the headline ("Headline - Site"): its bounds,
# and the separator characters trimmed from its edges ("标题-半月谈" leaves "-半月谈").
MIN_SITE_NAME_CHARS = 2
# An h1 this short (a person's or a place's name, "蔡健雅") is the title only when the <title> is it plus a site.
MIN_EXTENDED_H1_CHARS = 2
# Characters at which a title tag may join the headline the page prints alone to the site's name, with no
# spaces around them ("中华人民共和国监察法-纪检", "…GPU-EDN 电子技术设计"); a space between hanzi counts too.
TITLE_SPLIT_CHARACTERS: tuple[str, ...] = ("-", "_", "|", "｜", "－", "—", "–", "·", "»")
MAX_SITE_NAME_CHARS = 40
MAX_SITE_NAME_WORDS = 5  # more words than this read as a headline, not a name
SITE_NAME_EDGE = " -_|·–—:：｜»>"
# How many of the title tag's last parts after the headline name the site ("…_新浪财经_新浪网"); earlier
# parts are tags ("…|建材|碳达峰_…").
OUTLET_TITLE_PARTS = 2

# WeChat official-account articles (mp.weixin.qq.com). The page as served fills its header by script:
# og:site_name is the platform's name on every article, `#publish_time` is empty, and the account name,
# author and publish time sit in script variables and named elements. A page is read this way when its
# og:site_name or its host is one of these.
WECHAT_SITE_NAMES: frozenset[str] = frozenset({"微信公众平台"})
WECHAT_HOSTS: frozenset[str] = frozenset({"mp.weixin.qq.com"})
# (attribute, value, field): elements whose text gives a field, in order of trust (the first with text wins).
# "rich_media_meta_text" holds the author, and also the date and IP region: only an element without an id
# that reads as a name is taken from it.
WECHAT_ELEMENT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("id", "js_name", "publisher"),
    ("class", "wx_follow_nickname", "publisher"),
    ("class", "profile_nickname", "publisher"),
    ("id", "post-user", "publisher"),
    ("id", "js_author_name", "author"),
    ("class", "rich_media_meta_text", "author"),
)
# (script variable or object key, field), in order of trust: `var ct = "1701389100";`,
# `window.ct = '…'`, `var nickname = htmlDecode("…");`, `nick_name: JsDecode('…')`,
# `var publish_time = "2023-12-01" || "";`. Ten-digit values are Unix seconds (UTC instants).
WECHAT_SCRIPT_FIELDS: tuple[tuple[str, str], ...] = (
    ("nickname", "publisher"),
    ("nick_name", "publisher"),
    ("author", "author"),
    ("ct", "published"),
    ("create_time", "published"),
    ("ori_create_time", "published"),
    ("publish_time", "published"),
)
