"""Article metadata from an HTML page: title, publish date, people, publisher, section, language, URL.

Signals are gathered in one pass over the parsed tree *before* the body is pruned (bylines and
date lines often sit in elements the body extractor removes), then resolved in order of trust:
site rule > structured data (meta tags, JSON-LD, <time>) > labelled text lines > URL > prose.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from lxml import etree
from lxml.html import HtmlElement

from cleaning.dates import ParsedDate, find_date, find_standalone_date, follows_update_label, parse_date
from cleaning.hanzi_variants import to_simplified
from cleaning.html import meta_vocab as vocab
from cleaning.html import vocab as body_vocab
from cleaning.html.dom import collapse_spaces, element_text, element_tokens
from cleaning.language import detect_language
from cleaning.lines import (
    LineMatch,
    author_names,
    classify_line,
    classify_line_of_kinds,
    parse_credits,
    rules_tried_for_kinds,
    screen_for,
    screen_text,
)
from cleaning.normalize import is_cjk, normalize_text, without_unmatched_closer

MAX_SIGNAL_TEXTS = 12  # byline / date elements read per page
MAX_TITLE_CHARS = 300
LANGUAGE_SAMPLE_CHARS = 2000


@dataclass
class PageSignals:
    meta: dict[str, str] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    title_tag: str | None = None
    h1s: list[str] = field(default_factory=list)
    canonical: str | None = None
    html_lang: str | None = None
    time_tags: list[tuple[str | None, str, bool]] = field(default_factory=list)  # (datetime attr, text, marked)
    byline_texts: list[str] = field(default_factory=list)
    date_texts: list[str] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    itemprop_author: list[str] = field(default_factory=list)
    source_texts: list[str] = field(default_factory=list)  # elements named as the article's source
    copyright_texts: list[str] = field(default_factory=list)  # short texts holding a copyright notice
    source_links: list[str] = field(default_factory=list)  # element texts right after a 来源 label
    platform: dict[str, str] = field(default_factory=dict)  # field -> value from a platform's markup (WeChat)


@dataclass(frozen=True)
class DateFound:
    value: datetime
    precision: str
    text: str
    source: str


def collect_signals(root: HtmlElement, base_url: str | None) -> PageSignals:
    """One pass over the whole tree, before any pruning."""
    signals = PageSignals()
    signals.html_lang = root.get("lang") or root.get("xml:lang")
    for element in root.iter("meta", "link", "script", "title", "h1", "time"):
        tag = element.tag
        if tag == "meta":
            key = (
                (
                    element.get("property")
                    or element.get("name")
                    or element.get("itemprop")
                    or element.get("http-equiv")
                    or ""
                )
                .strip()
                .lower()
            )
            content = element.get("content")
            if key and content and content.strip() and key not in signals.meta and not _is_placeholder(content):
                signals.meta[key] = content.strip()
        elif tag == "link":
            if (element.get("rel") or "").lower() == "canonical" and element.get("href") and signals.canonical is None:
                href = element.get("href", "").strip()
                signals.canonical = urljoin(base_url, href) if base_url else href
        elif tag == "script":
            if (element.get("type") or "").lower() == "application/ld+json" and element.text:
                signals.jsonld.extend(_jsonld_objects(element.text))
        elif tag == "title":
            if signals.title_tag is None:
                signals.title_tag = collapse_spaces(element_text(element)) or None
        elif tag == "h1":
            text = collapse_spaces(element_text(element))
            if text:
                signals.h1s.append(text)
        elif tag == "time" and len(signals.time_tags) < MAX_SIGNAL_TEXTS:
            marked = element.get("pubdate") is not None or (element.get("itemprop") or "").lower() == "datepublished"
            signals.time_tags.append((element.get("datetime"), _date_element_text(element), marked))
    for element in _SIGNAL_ELEMENTS(root):
        itemprop = (element.get("itemprop") or "").lower()
        if itemprop == "author" and len(signals.itemprop_author) < 3:
            name = element.find(".//*[@itemprop='name']")
            text = collapse_spaces((name if name is not None else element).text_content())
            if text:
                signals.itemprop_author.append(text)
        if itemprop == "datepublished" and element.get("content"):
            signals.meta.setdefault("datepublished", element.get("content", ""))
        tokens = element_tokens(element)
        if not tokens:
            continue
        if tokens & vocab.BREADCRUMB_TOKENS and not signals.breadcrumb:
            signals.breadcrumb = _breadcrumb(element)
        elif tokens & vocab.DATE_TOKENS and len(signals.date_texts) < MAX_SIGNAL_TEXTS:
            text = _date_element_text(element)
            if 4 <= len(text) <= 200:
                signals.date_texts.append(text)
        elif (
            tokens & vocab.BYLINE_TOKENS
            and len(signals.byline_texts) < MAX_SIGNAL_TEXTS
            and not tokens & vocab.BYLINE_ROLE_TOKENS  # "news-author-position": a job or outlet, no name
            and not in_comment_area(element)
        ):
            text = _spaced_text(element)
            if 2 <= len(text) <= 200:
                signals.byline_texts.append(_byline_names(element) or text)
        elif tokens & vocab.SOURCE_TOKENS and len(signals.source_texts) < MAX_SIGNAL_TEXTS:
            text = collapse_spaces(element.text_content())
            if 2 <= len(text) <= 200:
                signals.source_texts.append(text)
    if _is_wechat_page(signals, base_url):
        signals.platform = wechat_fields(root)
    if _may_need_copyright(signals):
        signals.copyright_texts, signals.source_links = _notice_texts(root)
    return signals


_TEMPLATE_PLACEHOLDER = re.compile(vocab.TEMPLATE_PLACEHOLDER, re.DOTALL)


def _is_placeholder(content: str) -> bool:
    """An unrendered template expression in a meta tag's place (`vocab.TEMPLATE_PLACEHOLDER`)."""
    return ("{" in content or "%" in content or "[[" in content) and _TEMPLATE_PLACEHOLDER.match(content) is not None


def _may_need_copyright(signals: PageSignals) -> bool:
    """A copyright holder is the publisher's last resort: not looked for (a scan of the page's text)
    when the page already names a publisher or a site some other way than by a printed 来源 line."""
    title, _source = choose_title(signals, None)
    return not (
        publisher_from_structured(signals)
        or signals.platform.get("publisher")
        or source_from_meta(signals)
        or source_from_elements(signals)
        or declared_site_name(signals)
        or site_name_of(signals, title)
    )


def _date_element_text(element: HtmlElement) -> str:
    """A date element's text, with a space where child elements run numbers together: the parts of
    `<span>March 5, 2024</span><span>10:12 AM</span>` or `<span>2024</span><span>03/15</span>` would
    otherwise read "202410:12" or "202403/15"; and where a name meets a month (`<a>Lauri Chen</a><div>Apr 02,
    2024</div>`, "ChenApr"). Other letters meeting letters stay joined ("Pub<b>lished</b>")."""
    pieces: list[str] = []
    for piece in element.itertext():
        if pieces and piece and pieces[-1] and _runs_fields_together(pieces[-1][-1], piece[0]):
            pieces.append(" ")
        pieces.append(piece)
    return collapse_spaces("".join(pieces))


def _runs_fields_together(left: str, right: str) -> bool:
    return (
        (left.isdigit() and right.isascii() and right.isalnum())
        or (right.isdigit() and left.isascii() and left.isalnum())
        or (left.isascii() and left.islower() and right.isascii() and right.isupper())
    )


# Elements whose class/id/itemprop may name a date, byline or breadcrumb: attribute holders are found
# by XPath in C, screened by one regex, then checked token by token.
_SIGNAL_HOLDERS = etree.XPath("//body//*[@class or @id or @itemprop]")
_SIGNAL_TOKENS = vocab.BYLINE_TOKENS | vocab.DATE_TOKENS | vocab.BREADCRUMB_TOKENS | vocab.SOURCE_TOKENS
_SIGNAL_WORDS = re.compile(
    "|".join(sorted(_SIGNAL_TOKENS | vocab.SIGNAL_SCREEN_PARTS, key=len, reverse=True)), re.IGNORECASE
)


@lru_cache(maxsize=8192)
def _names_a_signal(names: str) -> bool:
    return _SIGNAL_WORDS.search(names) is not None  # class names repeat a lot within and across pages


# The same holders' attribute values, in document order (each element's before its descendants'): a
# value is screened as a string, and only a holder that passes becomes a Python element object.
# The HTML parser puts the one <body> right under the root (a misplaced <body> tag only lends its attributes):
# "/*/body" finds it without the three scans of the whole document "//body" costs.
_SIGNAL_ATTRIBUTES = etree.XPath(
    "/*/body/descendant::*/@class | /*/body/descendant::*/@id | /*/body/descendant::*/@itemprop"
)
# Words of letters and digits never match across the space joining class and id, so screening the
# two values apart says what screening "class id" says.
_SCREEN_VALUES_APART = all(word.isalnum() for word in _SIGNAL_TOKENS | vocab.SIGNAL_SCREEN_PARTS)

MAX_COPYRIGHT_TEXTS = 4
MAX_SOURCE_NAME_CHARS = 40
MAX_COPYRIGHT_TEXT_CHARS = 200
_ENDS_WITH_SOURCE_LABEL = re.compile(
    r"(?:" + "|".join(re.escape(label) for label in vocab.SOURCE_LABELS) + r")\s*[:：]\s*$", re.IGNORECASE
)
# Hanzi printed one by one with spaces between them ("人 民 网 股 份 有 限 公 司 版 权 所 有").
_LETTER_SPACED = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?: [\u4e00-\u9fff](?![\u4e00-\u9fff])){2,}")
_ALL_NOTICE_WORDS = tuple(dict.fromkeys((*vocab.COPYRIGHT_WORDS, *vocab.SOURCE_LABELS)))
# A word holding another one adds nothing to the search ("文章来源" holds "来源"), yet costs a scan.
_NOTICE_WORDS = tuple(w for w in _ALL_NOTICE_WORDS if not any(o != w and o in w for o in _ALL_NOTICE_WORDS))
_SOURCE_WORDS = tuple(w for w in _NOTICE_WORDS if w in vocab.SOURCE_LABELS)


@lru_cache(maxsize=256)
def _text_nodes_holding(words: tuple[str, ...]) -> etree.XPath:
    return etree.XPath("//body//text()[" + " or ".join(f"contains(., '{word}')" for word in words) + "]")


def _notice_texts(root: HtmlElement, *, copyright: bool = True) -> tuple[list[str], list[str]]:
    """(copyright notices, source names) read from the text nodes that hold their words: the element
    around a copyright notice (when short; "经济日报社 版权所有"), and the element printed right after a
    source label (来源：<a>中国建设报</a>), whose bounds are exact where a line's text runs on."""
    body = root.find("body")  # the parser's one <body> (see extract_html)
    page_text = body.text_content() if body is not None else ""
    # Only the words on the page are searched for, node by node: most pages hold two or three of them.
    words = tuple(word for word in (_NOTICE_WORDS if copyright else _SOURCE_WORDS) if word in page_text)
    notices: list[str] = []
    sources: list[str] = []
    if not words:
        return notices, sources
    for node in _text_nodes_holding(words)(root):
        parent = node.getparent()
        if parent is None:
            continue
        if _ENDS_WITH_SOURCE_LABEL.search(node):
            following = parent.getnext() if node.is_tail else (parent[0] if len(parent) else None)
            if following is not None and isinstance(following.tag, str) and len(sources) < MAX_SIGNAL_TEXTS:
                text = collapse_spaces(following.text_content())
                if 2 <= len(text) <= MAX_SOURCE_NAME_CHARS and text not in sources:
                    sources.append(text)
            continue
        if len(notices) >= MAX_COPYRIGHT_TEXTS or not any(word in node for word in vocab.COPYRIGHT_WORDS):
            continue
        holder = parent.getparent() if node.is_tail else parent
        text = collapse_spaces(holder.text_content()) if holder is not None else ""
        if not text or len(text) > MAX_COPYRIGHT_TEXT_CHARS:
            text = collapse_spaces(str(node))  # the surrounding element is a whole footer: the notice alone
        text = _LETTER_SPACED.sub(lambda run: run.group(0).replace(" ", ""), text)  # "人 民 网 … 版 权 所 有"
        if text and len(text) <= MAX_COPYRIGHT_TEXT_CHARS and text not in notices and _SITE_NOTICE.search(text):
            notices.append(text)
    return notices, sources


def _SIGNAL_ELEMENTS(root: HtmlElement) -> Iterator[HtmlElement]:
    if not _SCREEN_VALUES_APART:
        for element in _SIGNAL_HOLDERS(root):
            if element.get("itemprop") or _names_a_signal(f"{element.get('class') or ''} {element.get('id') or ''}"):
                yield element
        return
    previous = None
    for value in _SIGNAL_ATTRIBUTES(root):
        if value and (value.attrname == "itemprop" or _names_a_signal(value)):
            element = value.getparent()
            if element is not previous:  # an element's attributes come one after another
                previous = element
                yield element


def _jsonld_objects(payload: str) -> Iterator[dict[str, Any]]:
    try:
        data = json.loads(payload.strip().rstrip(";"))
    except ValueError:
        return
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.append(item["@graph"])
            types = item.get("@type")
            names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            if any(isinstance(t, str) and t.lower() in vocab.JSONLD_ARTICLE_TYPES for t in names):
                yield item


MAX_BYLINE_NAMES = 6


def _spaced_text(element: HtmlElement) -> str:
    """An element's text with a space where two of its elements' texts meet word to word: a byline's
    "<a>王文</a><span>中国人民大学…执行院长</span>" reads "王文 中国人民大学…执行院长", not one run-on name."""
    pieces = [piece for piece in element.itertext() if piece]
    if len(pieces) <= 1:
        return collapse_spaces(pieces[0]) if pieces else ""
    joined = pieces[0]
    for piece in pieces[1:]:
        if joined and joined[-1].isalnum() and piece[0].isalnum():
            joined += " "
        joined += piece
    return collapse_spaces(joined)


def _byline_names(element: HtmlElement) -> str | None:
    """A byline element's text read by its named parts: the texts of its name parts ("news-author-name",
    "m-author__name", the hCard "fn"; one per author block) joined the way credits join names, else its
    text without the parts that give a job, an outlet or a place ("news-author-position",
    "m-author__role"). None when it has neither kind of part: its whole text stands."""
    names: list[str] = []
    name_parts: list[HtmlElement] = []
    role_parts: list[HtmlElement] = []
    for part in element.iterdescendants():
        kinds = _part_kinds(part) if isinstance(part.tag, str) else frozenset()
        if not kinds or _inside_any(part, name_parts, element):
            continue
        if kinds & vocab.BYLINE_ROLE_TOKENS:
            role_parts.append(part)
        elif kinds & vocab.BYLINE_NAME_TOKENS:
            name_parts.append(part)
            text = collapse_spaces(part.text_content())
            if text and text not in names and len(names) < MAX_BYLINE_NAMES:
                names.append(text)
    if names:
        return ("、" if any(is_cjk(ch) for ch in names[0]) else ", ").join(names)
    if role_parts:
        return collapse_spaces(_text_without(element, role_parts)) or None
    return None


_CLASS_WORD_PIECES = re.compile(r"[-_]+")


def _part_kinds(part: HtmlElement) -> frozenset[str]:
    """What each class / id word of a byline's part ends with: "news-author-name" -> name, "m-author__role"
    -> role ("name-desp", "name-ip" name no person: the word must end so)."""
    words = f"{part.get('class') or ''} {part.get('id') or ''}".split()
    return frozenset(_CLASS_WORD_PIECES.split(word.lower())[-1] for word in words)


def in_comment_area(element: HtmlElement) -> bool:
    """Is `element` a comment's or a comment form's (its own or an enclosing class / id word has a piece
    in `vocab.COMMENT_AREA_PIECES`: "comment-author", "post_comment", "commentlist")? A commenter's name
    is no byline. The <body>'s classes say what the page shows ("showing-comments"): not read."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        for word in f"{node.get('class') or ''} {node.get('id') or ''}".split():
            word = word.lower()
            if word not in vocab.COMMENT_STATE_WORDS and any(
                piece in vocab.COMMENT_AREA_PIECES for piece in _CLASS_WORD_PIECES.split(word)
            ):
                return True
    return False


def _inside_any(part: HtmlElement, containers: list[HtmlElement], stop: HtmlElement) -> bool:
    """Does `part` sit inside one of `containers` (looking up no further than `stop`)?"""
    if not containers:
        return False
    for ancestor in part.iterancestors():
        if ancestor is stop:
            return False
        if any(ancestor is container for container in containers):
            return True
    return False


def _text_without(element: HtmlElement, skipped: list[HtmlElement]) -> str:
    """`element`'s text content without the subtrees in `skipped` (their tails are kept); a block element's
    text stays apart from its neighbours' (<h3>Author</h3><h4>Jane Doe</h4>)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not any(child is s for s in skipped):
            gap = " " if child.tag in body_vocab.BLOCK_TAGS else ""
            parts.append(gap + _text_without(child, skipped) + gap)
        parts.append(child.tail or "")
    return "".join(parts)


def _breadcrumb(element: HtmlElement) -> list[str]:
    """The trail of an element named like a breadcrumb, or [] when its text is not one: a trail is
    short, and without links it is labelled (当前位置：), has several parts, or the element's whole
    class or id is the name (<div class="position">政策法规</div>); a job title in
    "news-author-position" and a cookie notice in "cn-position-bottom" are only named alike."""
    text = collapse_spaces(element.text_content())
    if len(text) > vocab.MAX_BREADCRUMB_CHARS:
        return []
    links = [collapse_spaces(element_text(a)) for a in element.iter("a")]
    crumbs = [c for c in links if c]
    if not crumbs:
        unlabelled = text
        for label in vocab.BREADCRUMB_LABELS:
            text = re.sub(rf"^{re.escape(label)}\s*[:：]?\s*", "", text)
        crumbs = [c for c in re.split(vocab.BREADCRUMB_SEPARATORS, text) if c]
        whole_names = {name.lower() for name in (element.get("class") or "").split()}
        whole_names.add((element.get("id") or "").lower())
        if len(crumbs) < 2 and text == unlabelled and not whole_names & vocab.BREADCRUMB_TOKENS:
            return []
    return crumbs


# ---------------------------------------------------------------------------------- platform pages


def _is_wechat_page(signals: PageSignals, base_url: str | None) -> bool:
    if signals.meta.get("og:site_name") in vocab.WECHAT_SITE_NAMES:
        return True
    hosts = (urlsplit(url).hostname for url in (base_url, signals.meta.get("og:url")) if url)
    return any((host or "").lower() in vocab.WECHAT_HOSTS for host in hosts)


_JS_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|(.))")


def _js_unescape(value: str) -> str:
    """A JavaScript string literal's value: "\\x26amp;" -> "&amp;" -> "&"."""

    def unescaped(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2)
        return chr(int(code, 16)) if code else match.group(3)

    return html.unescape(_JS_ESCAPE.sub(unescaped, value))


@lru_cache(maxsize=1)
def _wechat_script_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """`var NAME = "…"`, `window.NAME = '…'`, `NAME: JsDecode('…')`, `var NAME = htmlDecode("…")`."""
    value = r"(?P<quote>[\"'])(?P<value>(?:\\.|(?!(?P=quote))[^\\\n])*)(?P=quote)"
    return tuple(
        (re.compile(rf"(?<![\w$-]){re.escape(name)}\s*[:=]\s*(?:[A-Za-z_$][\w$.]*\(\s*)?{value}"), field_name)
        for name, field_name in vocab.WECHAT_SCRIPT_FIELDS
    )


def _unix_instant(value: str) -> str | None:
    """Unix seconds (ten digits) as an ISO instant in UTC, else None."""
    if len(value) == 10 and value.isdigit():
        return datetime.fromtimestamp(int(value), UTC).isoformat()
    return None


def _reads_as_name(text: str) -> bool:
    return 2 <= len(text) <= MAX_PLATFORM_NAME_CHARS and _YEAR.search(text) is None


_YEAR = re.compile(r"(?:19|20)\d{2}")
MAX_PLATFORM_NAME_CHARS = 40


def wechat_fields(root: HtmlElement) -> dict[str, str]:
    """A WeChat article's account name ("publisher"), author and publish time ("published"), from its named
    elements, else its script variables (a time in Unix seconds becomes an ISO instant in UTC)."""
    found: dict[str, str] = {}
    for attribute, name, field_name in vocab.WECHAT_ELEMENT_FIELDS:
        if field_name in found:
            continue
        if attribute == "id":
            elements = root.xpath("//*[@id=$name]", name=name)
        else:  # by class, and only without an id: WeChat's date and region elements share the author's class
            elements = root.xpath(
                "//*[not(@id) and contains(concat(' ', normalize-space(@class), ' '), $name)]", name=f" {name} "
            )
        for element in elements:
            text = collapse_spaces(element.text_content())
            if _reads_as_name(text):
                found[field_name] = text
                break
    scripts = [element.text for element in root.iter("script") if element.text and not element.get("src")]
    for pattern, field_name in _wechat_script_patterns():
        if field_name in found:
            continue
        for match in (match for script in scripts for match in pattern.finditer(script)):
            value = collapse_spaces(_js_unescape(match.group("value")))
            if field_name == "published":
                value = _unix_instant(value) or value
            elif not _reads_as_name(value):
                continue
            if value:
                found[field_name] = value
                break
    return found


MAX_CLASSIFIED_LINES = 8192  # lines whose full classification is remembered (the least recently used go)
_classified_lines: OrderedDict[str, LineMatch | None] = OrderedDict()


def classify_line_cached(line: str) -> LineMatch | None:
    """The line-rule engine, memoised: the same short lines are judged for body, date and credits. An LRU
    memo of its own rather than lru_cache, so `classify_read_line_cached` can reuse a line's verdict."""
    memo = _classified_lines
    try:
        match = memo[line]
        memo.move_to_end(line)
        return match
    except KeyError:  # not judged yet (or dropped by another thread meanwhile)
        pass
    match = memo[line] = classify_line(line)
    if len(memo) > MAX_CLASSIFIED_LINES:
        with contextlib.suppress(KeyError):  # another thread emptied it meanwhile
            memo.popitem(last=False)
    return match


_READ_LINE_KINDS = frozenset({"meta", "credit"})
_READ_LINE_RULES = frozenset(rules_tried_for_kinds(_READ_LINE_KINDS))


@lru_cache(maxsize=8192)
def classify_read_line_cached(line: str) -> LineMatch | None:
    """`classify_line_cached(line)` when it is a metadata or credit line (the kinds read for dates, sources
    and people), else None: cheaper, since the rules after the last of those kinds are not tried. A line the
    body already judged (most lines read for metadata) is not judged again."""
    if line in _classified_lines:
        match = _classified_lines[line]
        return match if match is not None and match.rule in _READ_LINE_RULES else None
    return classify_line_of_kinds(line, _READ_LINE_KINDS)


# ------------------------------------------------------------------------------------------- title


def reads_as_site_name(text: str) -> bool:
    """True when `text` ends like a site's name ("中国建筑节能协会", "央视网(cctv.com)", "Green Daily")."""
    text = text.strip(vocab.SITE_NAME_EDGE)
    if not vocab.MIN_SITE_NAME_CHARS <= len(text) <= vocab.MAX_SITE_NAME_CHARS or "《" in text:
        return False
    lowered = to_simplified(text).lower()  # 協會 ends like 协会
    return any(lowered.endswith(ending.lower()) for ending in vocab.SITE_NAME_ENDINGS)


def _names_institution(text: str) -> bool:
    """A site name, or the long official name of a ministry, bank or institute ("National Development and
    Reform Commission (NDRC) People's Republic Of China") that a title tag adds after a shorter headline."""
    return reads_as_site_name(text) or (
        len(text) <= vocab.MAX_INSTITUTION_NAME_CHARS and _institution_name_pattern().search(text) is not None
    )


@lru_cache(maxsize=1)
def _institution_name_pattern() -> re.Pattern[str]:
    return re.compile("|".join(vocab.INSTITUTION_NAME_PATTERNS))


def _is_column_tag(text: str) -> bool:
    return len(text) <= vocab.MAX_COLUMN_TAG_CHARS and all(map(is_cjk, text))


def strip_site_suffix(title: str, site_name: str | None = None, *, keep_prefix: bool = False) -> str:
    """'Some headline - Site Name' -> 'Some headline' (keeps the longest part between separators).

    `keep_prefix` (for og:title and meta titles, which hold the headline as the page states it): a leading
    part is a column tag ("权威发布 | 广东…"), not a site to drop, unless it is `site_name`."""
    title = collapse_spaces(title)
    if site_name:
        for sep in vocab.TITLE_SEPARATORS:
            suffix = f"{sep}{site_name}"
            if title.endswith(suffix) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
            prefix = f"{site_name}{sep}"
            if title.startswith(prefix) and len(title) > len(prefix):
                return title[len(prefix) :].strip()
    for sep in vocab.TITLE_SEPARATORS:
        if sep not in title:
            continue
        parts = [p.strip() for p in title.split(sep) if p.strip()]
        if len(parts) < 2:
            continue
        longest = max(parts, key=len)
        if keep_prefix and parts[0] is not longest and _is_column_tag(parts[0]):
            continue
        if sep in vocab.NAME_CHECKED_SEPARATORS:
            if all(map(reads_as_site_name, parts[1:])):
                return parts[0]  # "标题——中国建筑节能网"
            continue  # 主标题——副标题: the whole is the headline
        if longest is parts[-1] and _names_institution(longest) and not _names_institution(parts[0]):
            return max(parts[:-1], key=len)  # "Short headline_Ministry of … of the People's Republic of China"
        # Only when the rest looks like a name, not half of the headline.
        if len(longest) >= 0.5 * len(title) or (len(parts) >= 3 and len(longest) >= 6):
            return longest
    headline, hyphen, rest = title.rpartition("-")  # "标题-中国建筑节能协会": a bare hyphen between hanzi
    if hyphen and _CJK_HYPHEN.search(title[len(headline) - 1 : len(headline) + 2]) and reads_as_site_name(rest):
        return headline.strip()
    return title


def choose_title(signals: PageSignals, rule_title: str | None) -> tuple[str | None, str | None]:
    site_name = signals.meta.get("og:site_name")
    if rule_title:
        return rule_title[:MAX_TITLE_CHARS], "rule"
    og = signals.meta.get(vocab.OG_TITLE)
    if og:
        printed = _h1_heading(og, signals)  # og "Headline – Analysis" over the page's h1 "Headline"
        if printed:
            return printed[:MAX_TITLE_CHARS], "h1"
        if _printed_whole(og, signals):  # "Heat pumps – the key to clean heating" is the headline, dash and all
            return collapse_spaces(og)[:MAX_TITLE_CHARS], "og"
        return strip_site_suffix(og, site_name, keep_prefix=True)[:MAX_TITLE_CHARS], "og"
    for item in signals.jsonld:
        headline = item.get("headline") or item.get("name")
        if isinstance(headline, str) and headline.strip() and item.get("@type") != "WebPage":
            return collapse_spaces(headline)[:MAX_TITLE_CHARS], "jsonld"
    for key in vocab.TITLE_META:
        value = signals.meta.get(key)
        if value and len(value) >= 4:
            if _printed_whole(value, signals):
                return collapse_spaces(value)[:MAX_TITLE_CHARS], "meta"
            return strip_site_suffix(value, site_name, keep_prefix=True)[:MAX_TITLE_CHARS], "meta"
    h1 = _best_h1(signals)
    if h1:
        return h1[:MAX_TITLE_CHARS], "h1"
    if signals.title_tag:
        return strip_site_suffix(signals.title_tag, site_name)[:MAX_TITLE_CHARS], "title_tag"
    return None, None


# Class and id values of the body's elements (each with its element), screened before they are split into tokens.
_NAMED_ATTRIBUTES = etree.XPath("//body//*/@class | //body//*/@id")
_HEADLINE_SCREEN = re.compile("|".join(vocab.HEADLINE_TOKEN_SCREEN), re.IGNORECASE)


def _headline_holders(root: HtmlElement) -> Iterator[HtmlElement]:
    """Elements that may print a page's headline: HEADLINE_TAGS, and elements named by a HEADLINE_TOKENS token."""
    yield from root.iter(*vocab.HEADLINE_TAGS)
    previous = None
    for value in _NAMED_ATTRIBUTES(root):
        if _HEADLINE_SCREEN.search(value) is None:
            continue
        element = value.getparent()
        if element is not previous and element.tag not in vocab.HEADLINE_TAGS:
            previous = element
            if element_tokens(element) & vocab.HEADLINE_TOKENS:
                yield element


def headline_without_h1(root: HtmlElement, signals: PageSignals, title: str | None) -> str | None:
    """The headline a page prints in an <h2> or a title-named element (`<td class="title">`) when it has no h1
    or declared title and its <title> (`title`, as read so far) holds no headline: it names only the site, is a
    placeholder ("无标题文档") or is missing. Only a page's one such candidate is taken (a sidebar's h2s are many);
    with a <title>, the candidate it extends ("Headline_Site") is. Read on the tree before pruning."""
    candidates: list[str] = []
    for element in _headline_holders(root):
        text = collapse_spaces(element.text_content())
        if vocab.MIN_HEADLINE_CHARS <= len(text) <= vocab.MAX_HEADLINE_CHARS and text not in candidates:
            candidates.append(text)
    if not candidates:
        return None
    site_names = {name for name in (signals.meta.get(key) for key in vocab.SITE_NAME_META) if name}
    headlines = [text for text in candidates if text not in site_names and not reads_as_site_name(text)]
    tag = signals.title_tag
    if tag and tag.strip().lower() not in vocab.PLACEHOLDER_TITLES:
        extended = [text for text in headlines if _extends(tag, text)]
        if extended:
            return max(extended, key=len)
        if title and not (title in site_names or reads_as_site_name(title)):
            return None  # the <title> holds a headline of its own
    return headlines[0] if len(headlines) == 1 else None


def _declared_site_names(signals: PageSignals) -> set[str]:
    return {name for name in (signals.meta.get(key) for key in vocab.SITE_NAME_META) if name}


_BODY_TEXT_NODES = etree.XPath("//body//text()[not(ancestor::a)]")  # a link's text is a menu's or a list's
_TITLE_SPLIT_CHARACTERS = frozenset(vocab.TITLE_SPLIT_CHARACTERS)


def _title_tag_splits(tag: str) -> Iterator[tuple[str, str]]:
    """(headline, rest) for each place a title tag may join a headline to a site's name, the shortest rest
    first: a separator character ("-", "_", "|", ...), or a space between hanzi ("…大赛 湖南省…医院"). Only
    rests a site's name can be, with a headline at least as long before them."""
    for index in range(len(tag) - 1, 0, -1):
        char = tag[index]
        if char not in _TITLE_SPLIT_CHARACTERS and not (
            char == " " and is_cjk(tag[index + 1 : index + 2] or "a") and _ends_hanzi_like(tag[:index])
        ):
            continue
        head = tag[:index].rstrip(vocab.SITE_NAME_EDGE)
        rest = tag[index:].strip(vocab.SITE_NAME_EDGE)
        if len(rest) > vocab.MAX_SITE_NAME_CHARS:
            return
        if (
            len(rest) >= vocab.MIN_SITE_NAME_CHARS
            and len(head) >= max(len(rest), vocab.MIN_HEADLINE_CHARS)
            and (any(map(is_cjk, rest)) or len(rest.split()) <= vocab.MAX_SITE_NAME_WORDS)
        ):
            yield head, rest


def _ends_hanzi_like(text: str) -> bool:
    return bool(text) and (is_cjk(text[-1]) or text[-1] in "》」』】）”")


def headline_printed_in_title_tag(root: HtmlElement, signals: PageSignals) -> str | None:
    """The headline of a title tag that adds the site's name after it with no h1 to tell them apart
    ("中华人民共和国监察法-纪检", "…GPU-EDN 电子技术设计"): the part before a separator that the page prints alone,
    as a text of its own (a table cell, an h4, the body's first line). A headline with a dash of its own
    stays whole: its first part is not printed alone, or is shorter than the rest. Read before pruning."""
    tag = signals.title_tag
    if not tag:
        return None
    splits = list(_title_tag_splits(tag))
    if not splits:
        return None
    printed = {collapse_spaces(text) for text in _BODY_TEXT_NODES(root) if len(text) >= vocab.MIN_HEADLINE_CHARS}
    return next((head for head, _rest in splits if head in printed), None)


def _printed_whole(title: str, signals: PageSignals) -> bool:
    """Does the page print this declared title as its h1? Then a dash or bar inside it is the headline's own."""
    return collapse_spaces(title) in signals.h1s


def _extends(longer: str, head: str) -> bool:
    """`longer` is `head` plus a separator and more ("Headline | IEA" extends "Headline")."""
    return (
        len(longer) > len(head)
        and longer.startswith(head)
        and longer[len(head) :].lstrip()[:1] in vocab.TITLE_SEPARATOR_STARTS
    )


def _h1_heading(title: str, signals: PageSignals) -> str | None:
    """The page's h1 when a declared title is that h1 plus what sites add after a separator."""
    title = collapse_spaces(title)
    return next((h1 for h1 in signals.h1s if len(h1) >= 8 and _extends(title, h1)), None)


def _best_h1(signals: PageSignals) -> str | None:
    """The h1 that the <title> repeats, else the only long-enough h1 (logos are h1s on many sites). A short h1
    counts when the <title> is that h1 plus what sites add after a separator ("蔡健雅_百度百科" over <h1>蔡健雅</h1>)
    and it is no site's name itself (a logo "新华网" over "新华网 - headline")."""
    if signals.title_tag:
        for h1 in signals.h1s:
            if (
                vocab.MIN_EXTENDED_H1_CHARS <= len(h1) < 4
                and _extends(signals.title_tag, h1)
                and not reads_as_site_name(h1)
                and h1 not in _declared_site_names(signals)
            ):
                return h1
    candidates = [h for h in signals.h1s if 4 <= len(h) <= MAX_TITLE_CHARS]
    if not candidates:
        return None
    if signals.title_tag:
        for h1 in candidates:
            if h1 in signals.title_tag or signals.title_tag in h1:
                return h1
    if len(candidates) == 1 and not signals.title_tag:
        return candidates[0]
    longest = max(candidates, key=len)
    return longest if len(longest) >= 8 and len(candidates) <= 2 else None


# -------------------------------------------------------------------------------------------- date


def _parse(phrase: str, *, reference: datetime, tz: str, source: str) -> DateFound | None:
    phrase = phrase.strip()
    if not phrase or len(phrase) > 200:
        return None
    parsed = parse_date(phrase, reference=reference, tz=tz, source=source)
    if parsed is None:
        return None
    return DateFound(parsed.value, parsed.precision, parsed.text, parsed.source)


def date_from_structured(signals: PageSignals, *, reference: datetime, tz: str) -> DateFound | None:
    for key in vocab.PUBLISHED_META:
        value = signals.meta.get(key)
        if value:
            found = _parse(value, reference=reference, tz=tz, source="meta")
            if found:
                return found
    platform_date = signals.platform.get("published")
    found = _parse(platform_date, reference=reference, tz=tz, source="meta") if platform_date else None
    if found:
        # A UTC instant (Unix seconds) is stated in the source's zone, so its calendar day is the page's.
        local = found.value.astimezone(ZoneInfo(tz))
        return DateFound(local, found.precision, local.isoformat(), found.source)
    for item in signals.jsonld:
        value = item.get("datePublished") or item.get("dateCreated")
        if isinstance(value, str):
            found = _parse(value, reference=reference, tz=tz, source="jsonld")
            if found:
                return found
    ordered = sorted(signals.time_tags, key=lambda t: not t[2])
    for attr, text, _marked in ordered:
        for phrase in (attr, text):
            if phrase:
                found = _parse(phrase, reference=reference, tz=tz, source="time_tag")
                if found:
                    return found
    return None


@lru_cache(maxsize=1)
def _url_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), precision) for p, precision in vocab.URL_DATE_PATTERNS)


def date_from_url(url: str | None, *, reference: datetime, tz: str) -> DateFound | None:
    if not url:
        return None
    path = urlsplit(url).path
    for pattern, precision in _url_patterns():
        match = pattern.search(path)
        if match is None:
            continue
        year, month = int(match.group("year")), int(match.group("month"))
        day = int(match.group("day")) if "day" in match.groupdict() and match.group("day") else 1
        try:
            value = datetime(year, month, day, tzinfo=ZoneInfo(tz))
        except ValueError:
            continue
        if value > reference or year < 1990:
            continue
        return DateFound(value, precision, match.group(0).strip("/"), "url")
    return None


def date_from_dateline(paragraphs: Iterable[str], *, reference: datetime, tz: str) -> DateFound | None:
    """The date of a press release's dateline at the start of one of its first paragraphs ("WASHINGTON,
    March 21, 2024 — …", "MANILA, PHILIPPINES (2 April 2024) — …", "SHANGHAI, March 20, 2024 /PRNewswire/ --")."""
    for paragraph in paragraphs:
        match = _dateline_date_pattern().match(paragraph)
        if match is not None:
            return _parse(match.group("date"), reference=reference, tz=tz, source="text_line")
    return None


@lru_cache(maxsize=1)
def _dateline_date_pattern() -> re.Pattern[str]:
    return re.compile(vocab.PRESS_DATELINE_PATTERN)


@lru_cache(maxsize=1)
def _publish_label_pattern() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label in sorted(vocab.PUBLISH_DATE_LABELS, key=len, reverse=True))
    return re.compile(rf"(?:^|[\s|｜【\[(（])(?:{labels})\s*[:：]?\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _publish_label_screen() -> re.Pattern[str] | None:
    return screen_for(_publish_label_pattern())


def _labelled_date(line: str, *, reference: datetime, tz: str) -> DateFound | None:
    """A date right after a publish label anywhere on the line, whatever else the line carries."""
    screen = _publish_label_screen()
    if screen is not None and (lowered := screen_text(line)) and screen.search(lowered) is None:
        return None  # no publish label on the line
    for match in _publish_label_pattern().finditer(line):
        window = line[match.end() : match.end() + vocab.PUBLISH_DATE_WINDOW]
        parsed = find_date(window, reference=reference, tz=tz)
        if parsed is not None and window.find(parsed.text) <= 2:
            return DateFound(parsed.value, parsed.precision, parsed.text, "text_line")
    return None


def date_from_lines(
    lines: Iterable[str], *, reference: datetime, tz: str, labelled_only: bool = False
) -> DateFound | None:
    """A date on a labelled line (发布时间：…, Published: …), else (unless labelled_only) any date on a short line."""

    fallback: DateFound | None = None
    for line in lines:
        if len(line) > 200:
            continue
        match = classify_read_line_cached(line)
        if match is not None and match.rule.kind == "meta" and match.captures.get("date"):
            found = _parse(match.captures["date"], reference=reference, tz=tz, source="text_line")
            if found and follows_update_label(line, found.text):
                # "Last updated: March 7 | Published: March 5": the publish date wins when both are named.
                found = _labelled_date(line, reference=reference, tz=tz) or found
            if found:
                return found
        found = _labelled_date(line, reference=reference, tz=tz)
        if found:
            return found
        if not labelled_only and fallback is None and len(line) <= 120:
            parsed = find_date(line, reference=reference, tz=tz)
            if parsed is not None:
                fallback = DateFound(parsed.value, parsed.precision, parsed.text, parsed.source)
    return fallback


_TIMED_PRECISIONS = frozenset({"minute", "second"})


def with_page_time(found: DateFound | None, lines: list[str], *, reference: datetime, tz: str) -> DateFound | None:
    """A day-only date (a date-only meta tag, the URL) replaced by the page's printed date when that
    names the same day with a time ("publishdate 2024-03-05" + "Updated: 2024-03-05 07:22"). The page
    date is the one a labelled line gives, else the first date standing alone on its line or on a source
    line: never a search for any time of that day. When the days differ the day-only date stands."""
    if found is None or found.precision != "day" or found.source == "text_line":
        return found  # a text_line date already is the page's printed date
    page = date_from_lines(lines, reference=reference, tz=tz, labelled_only=True) or _standalone_date(
        lines, reference=reference, tz=tz
    )
    if page is None or page.precision not in _TIMED_PRECISIONS or page.value.date() != found.value.date():
        return found
    return page


def _standalone_date(lines: Iterable[str], *, reference: datetime, tz: str) -> DateFound | None:
    return _first_date(lines, find_standalone_date, reference=reference, tz=tz)


def unlabelled_date_from_lines(lines: Iterable[str], *, reference: datetime, tz: str) -> DateFound | None:
    """What `date_from_lines` gives for lines already known to hold no labelled date (a
    `labelled_only=True` call on them found none): the first date on a short line, without judging
    every line for labels a second time."""
    return _first_date(lines, find_date, reference=reference, tz=tz)


def _first_date(
    lines: Iterable[str], finder: Callable[..., ParsedDate | None], *, reference: datetime, tz: str
) -> DateFound | None:
    """The first date `finder` reads on a short line."""
    for line in lines:
        if len(line) <= 120:
            parsed = finder(line, reference=reference, tz=tz)
            if parsed is not None:
                return DateFound(parsed.value, parsed.precision, parsed.text, parsed.source)
    return None


# ------------------------------------------------------------------------------------------ people


def credits_from_lines(lines: Iterable[str]) -> tuple[str | None, tuple[str, ...]]:
    """(author, editors) from credit lines; an author named on a date / source line
    ("来源：X  作者：王明") when no credit line names one."""
    author: str | None = None
    on_meta_line: str | None = None
    editors: list[str] = []
    for line in lines:
        if len(line) > 200:
            continue
        match = classify_read_line_cached(line)
        if match is None:
            continue
        if match.rule.kind == "meta" and on_meta_line is None:
            on_meta_line = author_names(match.captures.get("author"))  # "作者：admin" names no one
        if match.rule.kind != "credit":
            continue
        found_author, found_editors = parse_credits(line)
        if author is None and found_author:
            author = found_author
        editors.extend(e for e in found_editors if e not in editors)
    return author or on_meta_line, tuple(editors)


def _structured_name(
    signals: PageSignals, jsonld_key: str, meta_keys: Iterable[str], not_names: tuple[str, ...]
) -> str | None:
    """A person or organisation named by JSON-LD, else by the first meta tag that holds a name
    (not a URL or a handle: `not_names` prefixes)."""
    for item in signals.jsonld:
        name = _jsonld_name(item.get(jsonld_key))
        if name:
            return name
    for key in meta_keys:
        value = signals.meta.get(key)
        if value and not value.startswith(not_names) and len(value) <= 100:
            return collapse_spaces(value)
    return None


def outlet_names(signals: PageSignals, title: str | None) -> tuple[str, ...]:
    """Names the page gives the site or its owner (site-name and publisher meta tags, the last parts of
    the title tag after the headline): an "author" equal to one of them names no person."""
    names = [signals.meta[key] for key in (*vocab.SITE_NAME_META, *vocab.PUBLISHER_META) if signals.meta.get(key)]
    tag = signals.title_tag or ""
    headline_in_tag = bool(title) and title in tag  # else the tag's first part stands for the headline
    rest = tag[tag.index(title) + len(title) :] if title and headline_in_tag else tag
    for sep in vocab.TITLE_SEPARATORS:
        rest = rest.replace(sep, "\n")
    parts = [part for part in (part.strip(vocab.SITE_NAME_EDGE) for part in rest.split("\n")) if part]
    names += (parts if headline_in_tag else parts[1:])[-vocab.OUTLET_TITLE_PARTS :]
    return tuple(dict.fromkeys(collapse_spaces(name) for name in names))


def author_from_structured(signals: PageSignals) -> str | None:
    name = _structured_name(signals, "author", vocab.AUTHOR_META, ("http://", "https://", "@"))
    name = name or signals.platform.get("author")
    if name is None and signals.itemprop_author:
        return signals.itemprop_author[0][:100]
    return name


def _jsonld_name(value: Any) -> str | None:
    if isinstance(value, str):
        return collapse_spaces(value) or None
    if isinstance(value, dict):
        name = value.get("name")
        return collapse_spaces(name) if isinstance(name, str) and name.strip() else None
    if isinstance(value, list):
        names = [n for n in (_jsonld_name(v) for v in value) if n]
        return ", ".join(names) if names else None
    return None


def publisher_from_structured(signals: PageSignals) -> str | None:
    """A publisher the page declares (JSON-LD, meta publisher tags)."""
    return _structured_name(signals, "publisher", vocab.PUBLISHER_META, ("http://", "https://"))


_SOURCE_VALUE_LABEL = re.compile(vocab.SOURCE_VALUE_LABEL, re.IGNORECASE)
_SOURCE_VALUE_TAG = re.compile(vocab.SOURCE_VALUE_TAG)
_DATE_OR_TIME = re.compile(r"\d{1,4}\s*[-/.:：年月]\s*\d")


def clean_source(value: str | None) -> str | None:
    """A source value without its label and origin tag: "来源：人民网－人民日报 原创稿" -> "人民网－人民日报"."""
    if not value:
        return None
    cleaned = without_unmatched_closer(_SOURCE_VALUE_LABEL.sub("", collapse_spaces(value)).strip())
    cleaned = _SOURCE_VALUE_TAG.sub("", cleaned)
    cleaned = cleaned.strip(" ·⋅•|｜-–—:：")
    if cleaned.lower().startswith(("http://", "https://", "www.")):  # "来源：http://www.mohurd.gov.cn" names no one
        return None
    return cleaned if cleaned and cleaned.lower() not in vocab.NOT_PUBLISHER_NAMES else None


def trim_run_on_source(value: str | None, signals: PageSignals, root: HtmlElement | None = None) -> str | None:
    """A source read from a text line, cut back to a name the page bounds exactly (the element after the
    label, the meta source) when the line ran on past it into a sibling element: "中国新闻网分享到：微信",
    "中国建设报北京" (an IP region printed after the link). The page (`root`) is searched for the element
    after the label only when the value does not already end like a name: most pages never need it."""
    if not value:
        return value
    links = signals.source_links
    if not links and root is not None and (not reads_as_site_name(value) or value.endswith(vocab.RUN_ON_WORDS)):
        links = _notice_texts(root, copyright=False)[1]
    meta_source = source_from_meta(signals)
    for known in [*links, *([meta_source] if meta_source else [])]:
        if len(known) < len(value) and value.startswith(known):
            return known
    return value


def source_from_meta(signals: PageSignals) -> str | None:
    """The source a meta tag names (人民网 `source`, Hanweb `ContentSource`), cleaned."""
    for key in vocab.SOURCE_META:
        value = clean_source(signals.meta.get(key))
        if value and not value.startswith(("http://", "https://")) and len(value) <= 100 and not _is_id(value):
            return value
    return None


def _is_id(value: str) -> bool:
    """A numeric or hex id in a name's place (a `mediaid` of "121123917"), not a name."""
    return re.fullmatch(r"[\dA-Fa-f_-]{4,}", value) is not None and any(ch.isdigit() for ch in value)


def source_from_elements(signals: PageSignals) -> str | None:
    """The source named by an element whose class says so: a labelled line ("来源：新华社 2024-03-01") or a
    bare name (sina's <a class="source">经济参考报</a>)."""
    for text in signals.source_texts:
        match = classify_read_line_cached(text)
        if match is not None:
            source = clean_source(match.captures.get("source"))
            if source:
                return source
            continue
        name = clean_source(text)
        if (
            name
            and any(map(is_cjk, name))  # elsewhere "source" names picture credits ("Foto: dpa")
            and len(name) <= MAX_SOURCE_NAME_CHARS
            and len(name.split()) <= vocab.MAX_SITE_NAME_WORDS
            and not _DATE_OR_TIME.search(name)
            and not name.isdigit()
            and ":" not in name
            and "：" not in name  # a labelled line the rules did not read ("本文来源：本站 责任编辑：…") is no name
        ):
            return name
    return None


_COPYRIGHT_NOISE = re.compile(
    "|".join(re.escape(word) for word in vocab.COPYRIGHT_NOISE)
    + r"|©|\(c\)|(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?",
    re.IGNORECASE,
)


def clean_copyright_holder(holder: str | None) -> str | None:
    """A copyright line's holder as a name: "SINA Corporation, All Rights Reserved新浪公司" -> "SINA Corporation",
    "人 民 网 股 份 有 限 公 司" -> "人民网股份有限公司"; None for "本站" and the like."""
    if not holder:
        return None
    parts = [part.strip(" .,，。:：;；-–—|｜") for part in _COPYRIGHT_NOISE.split(holder)]
    name = normalize_text(next((part for part in parts if part), ""))
    name = _OWNER_LABEL.sub("", name)  # "主办单位：山西医科大学纪检监察室" -> the owner
    if (
        not name
        or name.lower() in vocab.NOT_PUBLISHER_NAMES
        or len(name) > vocab.MAX_COPYRIGHT_HOLDER_CHARS
        or not any(ch.isalpha() for ch in name)
    ):
        return None
    return name


_OWNER_LABEL = re.compile(r"^(?:" + "|".join(map(re.escape, vocab.OWNER_LABELS)) + r")\s*[:：]\s*", re.IGNORECASE)
# A site's copyright notice says so in words, or gives a year; a bare "© Name" credits a picture.
_SITE_NOTICE = re.compile(
    "|".join(re.escape(word) for word in vocab.COPYRIGHT_NOISE) + r"|(?<![\d./-])(?:19|20)\d{2}(?![\d./-])",
    re.IGNORECASE,
)


def copyright_holder_of(signals: PageSignals) -> str | None:
    """Who the page's copyright notice names: a meta copyright tag ("网易版权所有"), else a notice on the
    page ("经济日报社 版权所有", "Copyright © 2024 Economic Daily. All rights reserved.")."""
    notices = [signals.meta[key] for key in vocab.COPYRIGHT_META if signals.meta.get(key)]
    for notice in [*notices, *signals.copyright_texts]:
        if not _SITE_NOTICE.search(notice):
            continue  # "© Kurt Wessolek", "©Foto: dpa": a picture's credit, not the site's notice
        match = classify_line_cached(notice)
        if match is None or match.rule.kind != "publisher":
            continue
        holder = clean_copyright_holder(match.captures.get("holder"))
        if holder:
            return holder
    return None


_CJK_HYPHEN = re.compile(r"(?<=[\u4e00-\u9fff》」』）”])-(?=[\u4e00-\u9fff])")  # "标题-站点", "《报告》-站点"


def declared_site_name(signals: PageSignals) -> str | None:
    """The site's name as its meta tags declare it (og:site_name and the like)."""
    for key in vocab.SITE_NAME_META:
        value = signals.meta.get(key)
        if value and not value.startswith("@") and not _is_address(value):
            return collapse_spaces(value)
    return None


def _is_address(value: str) -> bool:
    """A URL or a bare host in a name's place ("https://twitter.com/onmeda_de", "www.example.de")."""
    return value.lower().startswith(("http://", "https://", "www.", "//"))


def site_name_of(signals: PageSignals, title: str | None = None) -> str | None:
    """The site's name from its meta tags, else from what the title tag adds after the headline
    ("Headline - Green Building Daily", "标题_政策文件_某某省住房和城乡建设厅": the last part)."""
    declared = declared_site_name(signals)
    if declared:
        return declared
    tag = signals.title_tag
    if not tag or not title or tag == title or not tag.startswith(title):
        return None
    # "标题-新闻频道-某某网": a bare hyphen between CJK separates too. Each piece is kept with the
    # separator before it.
    pieces = [
        (separator.strip() or "-", piece.strip(vocab.SITE_NAME_EDGE))
        for separator, piece in _title_pieces(_CJK_HYPHEN.sub("\n", tag[len(title) :]))
        if piece.strip(vocab.SITE_NAME_EDGE)
    ]
    if not pieces:
        return None
    if len(pieces) >= 2 and _is_site_tagline(pieces[-1][1]):  # "… - 经济观察网 - 专业财经新闻网站"
        pieces = pieces[:-1]
    last_separator, name = pieces[-1]
    for sep in vocab.TAGLINE_SEPARATORS:  # "中国经济网——国家经济门户": the name, then its tagline
        name = name.split(sep)[0].strip(vocab.SITE_NAME_EDGE) or name.strip(vocab.SITE_NAME_EDGE)
    if len(pieces) >= 3 and {sep for sep, _ in pieces} == {last_separator} and not reads_as_site_name(name):
        return None  # "…_建筑_标准_能耗": keyword tags after the headline, no site name
    if not vocab.MIN_SITE_NAME_CHARS <= len(name) <= vocab.MAX_SITE_NAME_CHARS:
        return None
    if not any(is_cjk(ch) for ch in name) and len(name.split()) > vocab.MAX_SITE_NAME_WORDS:
        return None  # a headline's worth of words, not a name
    return name


def _is_site_tagline(text: str) -> bool:
    """True for a site's slogan in the title tag's last part ("专业财经新闻网站"), not its name."""
    return any(re.search(pattern, text) for pattern in vocab.SITE_TAGLINE_PATTERNS)


@lru_cache(maxsize=1)
def _title_separator_pattern() -> re.Pattern[str]:
    separators = [sep for sep in vocab.TITLE_SEPARATORS if sep not in vocab.TAGLINE_SEPARATORS]
    alternatives = "|".join(re.escape(sep) for sep in sorted(separators, key=len, reverse=True))
    return re.compile(rf"({alternatives}|\n)")


def _title_pieces(rest: str) -> list[tuple[str, str]]:
    """What a title tag adds after its headline, split at separators: (separator before, piece) pairs."""
    split = _title_separator_pattern().split(rest)
    pairs = [("", split[0])]
    pairs += [(split[i], split[i + 1]) for i in range(1, len(split) - 1, 2)]
    return pairs


def section_of(signals: PageSignals, title: str | None) -> str | None:
    for key in vocab.SECTION_META:
        value = signals.meta.get(key)
        if value and len(value) <= 60:
            return collapse_spaces(value)
    for item in signals.jsonld:
        value = item.get("articleSection")
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str) and value.strip():
            return collapse_spaces(value)
    crumbs = [
        c
        for c in signals.breadcrumb
        if c.lower() not in vocab.BREADCRUMB_HOME_WORDS
        and c != title
        and len(c) <= 40
        and not c.startswith(("当前位置", "您的位置"))
    ]
    return crumbs[-1] if crumbs else None


def view_count_from_lines(lines: Iterable[str]) -> int | None:
    for line in lines:
        if len(line) > 200:
            continue
        count = _view_count_of_line(line)
        if count is not None:
            return count
    return None


@lru_cache(maxsize=8192)
def _view_count_of_line(line: str) -> int | None:
    """The view count one line prints, memoised: a site prints the same meta and footer lines on every page."""
    if _VIEWS_OPEN_WITH_A_DIGIT and _ANY_DIGIT.search(line) is None:
        return None  # no count to read: every pattern's count opens with a digit
    line = to_simplified(line)  # the labels are written in Simplified: 點閱數 -> 点阅数
    lowered = screen_text(line)
    for pattern, screen in _view_patterns():
        if screen is not None and lowered and screen.search(lowered) is None:
            continue  # the line lacks every word a match of the pattern contains
        match = pattern.search(line)
        if match:
            try:
                return int(match.group("views").replace(",", ""))
            except ValueError:
                continue
    return None


_ANY_DIGIT = re.compile(r"\d")
# A line without a digit holds no count: each pattern's "views" group must open with one ("\d[\d,]*").
_VIEWS_OPEN_WITH_A_DIGIT = all(r"(?P<views>\d" in pattern for pattern in vocab.VIEW_COUNT_PATTERNS)


@lru_cache(maxsize=1)
def _view_patterns() -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
    """Each view-count pattern with its screen (`cleaning.lines.screen_for`)."""
    patterns = [re.compile(p, re.IGNORECASE) for p in vocab.VIEW_COUNT_PATTERNS]
    return tuple((pattern, screen_for(pattern)) for pattern in patterns)


def language_of(signals: PageSignals, body_text: str) -> str | None:
    detected = detect_language(body_text[:LANGUAGE_SAMPLE_CHARS]) if body_text else None
    if detected:
        return detected
    declared = (
        signals.html_lang or signals.meta.get("content-language") or signals.meta.get("og:locale") or ""
    ).lower()
    if declared.startswith("zh"):
        return "zh"
    if declared.startswith("en"):
        return "en"
    return None
