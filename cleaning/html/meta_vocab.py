"""Where pages keep their metadata: meta tag names, JSON-LD types, URL date patterns, title separators.

Edit these tables to teach the HTML metadata reader a new convention; lower-cased names.
"""

from __future__ import annotations

# <meta name|property|itemprop=... content=...>, in order of trust.
TITLE_META: tuple[str, ...] = ("twitter:title", "title", "dc.title", "articletitle", "headline")
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
PUBLISHER_META: tuple[str, ...] = (
    "publisher",
    "article:publisher",
    "dc.publisher",
    "copyright",
    "source",
    "contentsource",
)
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
TITLE_SEPARATORS: tuple[str, ...] = (" | ", " - ", " – ", " — ", " :: ", " » ", "_", "｜", "|", "－", "——", " · ")

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

# View counters stated on the page ("阅读 1,234", "1234 views").
VIEW_COUNT_PATTERNS: tuple[str, ...] = (
    r"(?:浏览量|浏览次数|浏览|阅读量|阅读数|阅读|点击量|点击数|点击|访问量|人气)\s*(?:次数)?\s*[:：]?\s*(?P<views>\d[\d,]*)",
    r"(?P<views>\d[\d,]*)\s*(?:次浏览|次阅读|人阅读|views?\b|reads?\b)",
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
MAX_SITE_NAME_CHARS = 40
MAX_SITE_NAME_WORDS = 5  # more words than this read as a headline, not a name
SITE_NAME_EDGE = " -_|·–—:：｜»>"
