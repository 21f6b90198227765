"""Vocabulary of the generic HTML extractor: edit these tables, not the algorithm.

Tag sets say what a tag is; class/id token tables say what page furniture is usually called; the
numbers are the tunables of the density scorer. Tokens are matched against class and id values
split on "-", "_", spaces and camelCase humps, lower-cased (so "post-share-bar" yields post,
share, bar) — whole tokens only, so "ad" never matches "head" or "download".
"""

from __future__ import annotations

# Removed before anything else is looked at: never text a reader sees as the article.
DROP_TAGS: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "label",
        "map",
        "audio",
        "video",
        "head",
        "title",
        "link",
        "meta",
        "dialog",
        "rt",  # ruby annotations (furigana, pinyin) would split every word
        "rp",
    }
)

# Structural furniture: removed with its own rule name ("html.<tag>") unless it holds the article.
FURNITURE_TAGS: frozenset[str] = frozenset({"nav", "footer", "aside", "menu"})

# Block-level tags: text on either side of them belongs to different paragraphs.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "address",
        "hr",
        "br",
        "center",
        "body",
        "html",
        "details",
        "summary",
        "legend",
    }
)

HEADING_TAGS: dict[str, int] = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
PARAGRAPH_KIND_BY_TAG: dict[str, str] = {
    "li": "list_item",
    "dd": "list_item",
    "dt": "list_item",
    "blockquote": "quote",
    "pre": "preformatted",
}

# class/id tokens of page furniture (whole-token match), removed as "html.class:<token>" wherever they
# appear, unless the element also carries a content token and holds real paragraphs.
STRONG_BOILERPLATE_TOKENS: frozenset[str] = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menubar",
        "breadcrumb",
        "breadcrumbs",
        "crumbs",
        "crumb",
        "skiplink",
        "pagination",
        "pager",
        "pagenav",
        "sitemap",
        "footer",
        "copyright",
        "share",
        "sharing",
        "sharebar",
        "social",
        "socials",
        "sns",
        "bdshare",
        "jiathis",
        "comment",
        "comments",
        "commentlist",
        "respond",
        "reply",
        "disqus",
        "discuss",
        "related",
        "relate",
        "recommend",
        "recommended",
        "recommendation",
        "recirculation",
        "outbrain",
        "taboola",
        "promotion",
        "sponsor",
        "sponsored",
        "ad",
        "ads",
        "adv",
        "advert",
        "advertisement",
        "advertising",
        "login",
        "signin",
        "signup",
        "register",
        "subscribe",
        "subscription",
        "newsletter",
        "popup",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "searchbox",
        "tagcloud",
        "qrcode",
        "ewm",
        "erweima",
        "caption_credit",
        "fenxiang",
        "xgyd",
        "xgxw",
        "xgwz",
        "tuijian",
        "paihang",
    }
)

# Tokens that also appear on layout wrappers ("side-of-rail", "hidden-xs"): they remove an element only
# when it holds no real paragraphs (see MIN_PARAGRAPH_CHARS) or is mostly links.
WEAK_BOILERPLATE_TOKENS: frozenset[str] = frozenset(
    {
        "side",
        "aside",
        "widget",
        "widgets",
        "sidebar",
        "foot",
        "meta",
        "postmeta",
        "entrymeta",
        "author",
        "bio",
        "hot",
        "popular",
        "tags",
        "hidden",
        "hide",
        "rank",
        "ranking",
        "like",
        "likes",
        "print",
        "search",
        "banner",
        "skip",
        "sr",
        "visually",
        "screenreader",
        "byline",
        "gg",
        "prev",
        "next",
        "prevnext",
        "topbar",
        "toolbar",
        "masthead",
        "trending",
        "promo",
        "modal",
        "overlay",
    }
)

BOILERPLATE_TOKENS: frozenset[str] = STRONG_BOILERPLATE_TOKENS | WEAK_BOILERPLATE_TOKENS
MIN_PARAGRAPH_CHARS = 120  # weighted characters of non-link text that make a block a real paragraph
PARAGRAPHS_THAT_PROTECT = 2  # this many real paragraphs keep a weakly-named element
MIN_CONTENT_CHARS_THAT_PROTECT = 600  # ... and so does this much text that is mostly not links

# Tokens that mark the article itself; an element carrying one is never pruned by token and
# its score gets a bonus.
CONTENT_TOKENS: frozenset[str] = frozenset(
    {
        "article",
        "articlebody",
        "body",
        "content",
        "contents",
        "entry",
        "entrycontent",
        "main",
        "post",
        "postbody",
        "postcontent",
        "story",
        "storybody",
        "text",
        "blog",
        "zoom",
        "detail",
        "details",
        "news",
        "newscontent",
        "zw",
        "zhengwen",
        "nr",
        "wenzhang",
        "con",
        "cont",
        "txt",
        "rich",
        "richtext",
        "markdown",
        "prose",
        "artibody",
    }
)

# Substrings (not tokens) that mark comments/furniture wherever they appear in class/id.
BOILERPLATE_SUBSTRINGS: tuple[str, ...] = (
    "comment",
    "share",
    "social",
    "related",
    "sidebar",
    "breadcrumb",
    "newsletter",
    "cookie",
    "advert",
    "recommend",
)

# Words that hold a boilerplate substring but name content ("o-hero--commentary" is an opinion
# piece's header, not its comments): removed from a class/id before the substrings are looked for.
NOT_BOILERPLATE_WORDS: tuple[str, ...] = ("commentary", "commentaries", "commentator", "commentators")

# ARIA roles that are furniture.
BOILERPLATE_ROLES: frozenset[str] = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alert"}
)

# Inline styles that hide an element.
HIDDEN_STYLE_MARKERS: tuple[str, ...] = ("display:none", "visibility:hidden")
# Elements a platform serves hidden and its own script shows once the page loads: the article itself
# (WeChat's `<div id="js_content" style="visibility: hidden;">`), never removed as hidden.
SHOWN_BY_SCRIPT_IDS: frozenset[str] = frozenset({"js_content"})

# Density scorer tunables.
SCORE_TAG_BONUS: dict[str, float] = {
    "article": 10.0,
    "main": 6.0,
    "div": 5.0,
    "section": 3.0,
    "td": 3.0,
    "pre": 3.0,
    "blockquote": 3.0,
    "form": -3.0,
    "ul": -3.0,
    "ol": -3.0,
    "dl": -3.0,
    "li": -3.0,
    "th": -5.0,
    "address": -3.0,
}
SCORE_CONTENT_TOKEN_BONUS = 25.0
SCORE_BOILERPLATE_TOKEN_PENALTY = 25.0
MIN_BLOCK_CHARS_FOR_SCORE = 20  # shorter blocks do not vote for a container
CJK_CHAR_WEIGHT = 2.5  # a hanzi carries about as much as 2.5 latin letters
PUNCTUATION = frozenset(",.;:!?，。；：！？、“”「」《》")
PUNCTUATION_SCORE = 1.0  # per punctuation mark in a block
LENGTH_SCORE_PER = 100  # one point per this many weighted characters ...
LENGTH_SCORE_MAX = 3.0  # ... up to this many
ANCESTOR_DECAY: tuple[float, ...] = (1.0, 0.5, 0.33)  # share of a block's score its parent, grandparent, ... get

# Sibling merging: siblings of the best container that score at least this share of it join it.
SIBLING_SCORE_SHARE = 0.2
SIBLING_MIN_SCORE = 10.0
# A sibling of the chosen container with its very tag and class (the next page of a converted PDF) joins it
# when it holds this much text, few of it in links.
TWIN_CONTAINER_MIN_CHARS = 80
TWIN_CONTAINER_MAX_LINK_SHARE = 0.2

# Prose next to the chosen container joins it (articles split by ads or widgets).
PROSE_MIN_CHARS = 100  # weighted characters
PROSE_MIN_PUNCTUATION = 2
PROSE_MAX_LINK_DENSITY = 0.2
PROSE_GAP_BLOCKS = 1  # non-prose blocks tolerated between prose blocks when walking out of the container

# Blocks inside the chosen container.
MAX_LINK_DENSITY = 0.5  # share of a block's characters inside <a> above which it is a link list
LINK_BLOCK_MAX_CHARS = 400  # link-dense blocks longer than this are kept (prose with many links)
MIN_ARTICLE_CHARS = 120  # weighted characters below which a page is not an article
MIN_CHARS_BEFORE_ARTICLE_END = 400  # an end-of-article line only ends the article after this much text
LIST_CHECK_MAX_CHARS = 800  # shorter bodies must hold some sentences, or the page is a list / index
SENTENCE_MIN_CHARS = 80  # a block this long (weighted) reads as prose even without punctuation
NOT_FOUND_MAX_BODY_CHARS = 1500  # an error-titled page with less body than this is an error page

# Headings that end the article: what follows them in the container is furniture.
END_OF_ARTICLE_HEADINGS: tuple[str, ...] = (
    "related",
    "related articles",
    "related posts",
    "related stories",
    "read more",
    "more stories",
    "recommended",
    "you may also like",
    "comments",
    "leave a reply",
    "leave a comment",
    "share this",
    "see also",
    "more on this topic",
    "more from",
    "recommended for you",
    "cite commentary",
    "cite this article",
    "cite this page",
    "cite this",
    "how to cite",
    "how to cite this article",
    "related insights",
    # press-release trailers: the legal notice of a listed company and the notes for journalists
    "safe harbor statement",
    "safe harbour statement",
    "forward-looking statements",
    "forward-looking statement",
    "cautionary statement regarding forward-looking statements",
    "cautionary note regarding forward-looking statements",
    "notes to editors",
    "note to editors",
    "notes for editors",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "weitere artikel",
    "ähnliche artikel",
    "ähnliche beiträge",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "kommentare",
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "sur le même sujet",
    "articles similaires",
    "commentaires",
    "notas relacionadas",
    "te puede interesar",
    "lee también",
    "artículos relacionados",
    "comentarios",
    "leggi anche",
    "articoli correlati",
    "相关阅读",
    "相关新闻",
    "相关文章",
    "相关推荐",
    "延伸阅读",
    "推荐阅读",
    "热门推荐",
    "猜你喜欢",
    "网友评论",
    "热点新闻",
    "精彩推荐",
)

# Not-an-article signals (HTTP 200 error pages).
NOT_FOUND_TITLES: tuple[str, ...] = (
    "404",
    "not found",
    "page not found",
    "页面不存在",
    "页面没有找到",
    "找不到页面",
    "您访问的页面不存在",
    "抱歉，您访问的页面",
    "error 404",
)

# Second opinion (second_opinion.py): trafilatura is asked only when our container choice is uncertain.
SECOND_OPINION_MIN_KEPT_CHARS = 800
SECOND_OPINION_RUNNER_UP_SHARE = 0.6  # a container outside the chosen one scoring this share of it
SECOND_OPINION_MIN_PROSE_KEPT = 0.85  # share of the page's prose the chosen region must hold
SECOND_OPINION_PROSE_CHARS = 80  # weighted characters that make a block outside the agreed region prose
SECOND_OPINION_MIN_ANCHOR_CHARS = 15  # shorter blocks are too common to prove the two agree
# Line rules that do not apply to a data table's row: its cells are joined with " | ", which is
# what a menu line looks like ("1 | 市民文化中心 | 市城投集团 | 三星级").
TABLE_ROW_EXEMPT_LINE_RULES: frozenset[str] = frozenset({"line.nav.menu"})
# A block of trafilatura's made of ours plus less than this share of its own text adds nothing.
SECOND_OPINION_NEW_TEXT_SHARE = 0.5

# Tail trim: after the last prose block, blocks shorter than this (weighted) or not ending a sentence go.
TAIL_MIN_CHARS = 40
# A short block ending so, right before the first sentence, opens the body: a notice's addressee
# ("各市、县（市、区）住房和城乡建设局：") or a letter's salutation ("Dear members:").
LEAD_IN_ENDINGS: tuple[str, ...] = (":", "：")
# A document's numbered part heading printed as a plain paragraph ("第一章 总则", "一、总体要求",
# "Chapter I General Provisions", "I. General Requirements"): right before the first sentence it opens the body.
SECTION_HEADING_PATTERNS: tuple[str, ...] = (
    r"^第[一二三四五六七八九十百零〇\d]{1,4}[章节编篇部分]\s*\S.{0,24}$",
    r"^[一二三四五六七八九十]{1,3}、\s*\S.{0,30}$",
    r"^(?:Chapter|Part|Section)\s+(?:[IVXLC]{1,6}|\d{1,3}|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\b.{0,60}$",
    r"^[IVX]{1,5}\.\s+[A-Z].{0,60}$",
)
SENTENCE_END: tuple[str, ...] = (".", "!", "?", "。", "！", "？", "…")
TAIL_NOTE_MIN_CHARS = 12  # a bracketed editorial note at least this long (weighted) is kept
ATTRIBUTION_MAX_CHARS = 12  # a full stop this close to the end, before a dash, still ends the sentence

# Line rules (cleaning/line_rules.py) after which, once the article has begun, nothing more is article:
# the editor credit closes a Chinese news article ("责任编辑：张三"), whatever teaser follows it.
ARTICLE_ENDING_LINE_RULES: frozenset[str] = frozenset({"credit.editor", "credit.empty"})
# A line that would end the article (a contact line) is read with this many blocks after it to see
# whether it opens an official document's closing block (issuer, signing date) instead.
CLOSING_LOOKAHEAD_BLOCKS = 12
SECOND_OPINION_EDGE_PROSE_SHARE = 0.6  # their run outside the agreed region is kept whole when this much is prose

# Picture captions and credits: their text goes with the image, not the body.
CAPTION_TOKENS: frozenset[str] = frozenset(
    {"caption", "figcaption", "wpcaption", "credit", "credits", "imgcaption", "photocaption", "imagecaption",
     "photocredit", "imgmetadata", "picture", "pic", "tupian", "imgtitle"}
)  # fmt: skip
CAPTION_MAX_DEPTH = 3  # how many ancestors up a caption container is looked for

# Weak tokens that name furniture only at the start of a class word ("hidden-xs", "print-only"), not at its
# end ("field-label-hidden": the field's label is hidden, not the field).
LEADING_ONLY_TOKENS: frozenset[str] = frozenset({"hidden", "hide"})
