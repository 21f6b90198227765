"""Article metadata from an HTML page: title, publish date, people, publisher, section, language, URL.

Signals are gathered in one pass over the parsed tree *before* the body is pruned (bylines and
date lines often sit in elements the body extractor removes), then resolved in order of trust:
site rule > structured data (meta tags, JSON-LD, <time>) > labelled text lines > URL > prose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from lxml import etree
from lxml.html import HtmlElement

from cleaning.dates import find_date, parse_date
from cleaning.html import meta_vocab as vocab
from cleaning.html.dom import collapse_spaces, element_tokens
from cleaning.language import detect_language
from cleaning.lines import LineMatch, classify_line, classify_line_of_kinds, parse_credits, screen_for, screen_text
from cleaning.normalize import is_cjk

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
            if key and content and content.strip() and key not in signals.meta:
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
                signals.title_tag = collapse_spaces(element.text_content()) or None
        elif tag == "h1":
            text = collapse_spaces(element.text_content())
            if text:
                signals.h1s.append(text)
        elif tag == "time" and len(signals.time_tags) < MAX_SIGNAL_TEXTS:
            marked = element.get("pubdate") is not None or (element.get("itemprop") or "").lower() == "datepublished"
            signals.time_tags.append((element.get("datetime"), collapse_spaces(element.text_content()), marked))
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
            text = collapse_spaces(element.text_content())
            if 4 <= len(text) <= 200:
                signals.date_texts.append(text)
        elif tokens & vocab.BYLINE_TOKENS and len(signals.byline_texts) < MAX_SIGNAL_TEXTS:
            text = collapse_spaces(element.text_content())
            if 2 <= len(text) <= 200:
                signals.byline_texts.append(text)
    return signals


# Elements whose class/id/itemprop may name a date, byline or breadcrumb: attribute holders are found
# by XPath in C, screened by one regex, then checked token by token.
_SIGNAL_HOLDERS = etree.XPath("//body//*[@class or @id or @itemprop]")
_SIGNAL_WORDS = re.compile(
    "|".join(sorted(vocab.BYLINE_TOKENS | vocab.DATE_TOKENS | vocab.BREADCRUMB_TOKENS, key=len, reverse=True)),
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def _names_a_signal(names: str) -> bool:
    return _SIGNAL_WORDS.search(names) is not None  # class names repeat a lot within and across pages


# The same holders' attribute values, in document order (each element's before its descendants'): a
# value is screened as a string, and only a holder that passes becomes a Python element object.
_SIGNAL_ATTRIBUTES = etree.XPath("//body//*/@class | //body//*/@id | //body//*/@itemprop")
# Words of letters and digits never match across the space joining class and id, so screening the
# two values apart says what screening "class id" says.
_SCREEN_VALUES_APART = all(word.isalnum() for word in vocab.BYLINE_TOKENS | vocab.DATE_TOKENS | vocab.BREADCRUMB_TOKENS)


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


def _breadcrumb(element: HtmlElement) -> list[str]:
    links = [collapse_spaces(a.text_content()) for a in element.iter("a")]
    crumbs = [c for c in links if c]
    if not crumbs:
        text = collapse_spaces(element.text_content())
        for label in vocab.BREADCRUMB_LABELS:
            text = re.sub(rf"^{re.escape(label)}\s*[:：]?\s*", "", text)
        crumbs = [c for c in re.split(vocab.BREADCRUMB_SEPARATORS, text) if c]
    return crumbs


@lru_cache(maxsize=8192)
def classify_line_cached(line: str) -> LineMatch | None:
    """The line-rule engine, memoised: the same short lines are judged for body, date and credits."""
    return classify_line(line)


_READ_LINE_KINDS = frozenset({"meta", "credit"})


@lru_cache(maxsize=8192)
def classify_read_line_cached(line: str) -> LineMatch | None:
    """`classify_line_cached(line)` when it is a metadata or credit line (the kinds read for dates, sources
    and people), else None: cheaper, since the rules after the last of those kinds are not tried."""
    return classify_line_of_kinds(line, _READ_LINE_KINDS)


# ------------------------------------------------------------------------------------------- title


def strip_site_suffix(title: str, site_name: str | None = None) -> str:
    """'Some headline - Site Name' -> 'Some headline' (keeps the longest part between separators)."""
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
        # Only when the rest looks like a name, not half of the headline.
        if len(longest) >= 0.5 * len(title) or (len(parts) >= 3 and len(longest) >= 6):
            return longest
    return title


def choose_title(signals: PageSignals, rule_title: str | None) -> tuple[str | None, str | None]:
    site_name = signals.meta.get("og:site_name")
    if rule_title:
        return rule_title[:MAX_TITLE_CHARS], "rule"
    og = signals.meta.get(vocab.OG_TITLE)
    if og:
        return strip_site_suffix(og, site_name)[:MAX_TITLE_CHARS], "og"
    for item in signals.jsonld:
        headline = item.get("headline") or item.get("name")
        if isinstance(headline, str) and headline.strip() and item.get("@type") != "WebPage":
            return collapse_spaces(headline)[:MAX_TITLE_CHARS], "jsonld"
    for key in vocab.TITLE_META:
        value = signals.meta.get(key)
        if value and len(value) >= 4:
            return strip_site_suffix(value, site_name)[:MAX_TITLE_CHARS], "meta"
    h1 = _best_h1(signals)
    if h1:
        return h1[:MAX_TITLE_CHARS], "h1"
    if signals.title_tag:
        return strip_site_suffix(signals.title_tag, site_name)[:MAX_TITLE_CHARS], "title_tag"
    return None, None


def _best_h1(signals: PageSignals) -> str | None:
    """The h1 that the <title> repeats, else the only long-enough h1 (logos are h1s on many sites)."""
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


def unlabelled_date_from_lines(lines: Iterable[str], *, reference: datetime, tz: str) -> DateFound | None:
    """What `date_from_lines` gives for lines already known to hold no labelled date (a
    `labelled_only=True` call on them found none): the first date on a short line, without judging
    every line for labels a second time."""
    for line in lines:
        if len(line) <= 120:
            parsed = find_date(line, reference=reference, tz=tz)
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
            on_meta_line = match.captures.get("author")
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


def author_from_structured(signals: PageSignals) -> str | None:
    name = _structured_name(signals, "author", vocab.AUTHOR_META, ("http://", "https://", "@"))
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
    return _structured_name(signals, "publisher", vocab.PUBLISHER_META, ("http://", "https://"))


_CJK_HYPHEN = re.compile(r"(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fff])")


def site_name_of(signals: PageSignals, title: str | None = None) -> str | None:
    """The site's name from its meta tags, else from what the title tag adds after the headline
    ("Headline - Green Building Daily", "标题_政策文件_某某省住房和城乡建设厅": the last part)."""
    for key in vocab.SITE_NAME_META:
        value = signals.meta.get(key)
        if value and not value.startswith("@"):
            return collapse_spaces(value)
    tag = signals.title_tag
    if not tag or not title or tag == title or not tag.startswith(title):
        return None
    rest = _CJK_HYPHEN.sub("\n", tag[len(title) :])  # "标题-新闻频道-某某网": a bare hyphen between CJK
    for sep in vocab.TITLE_SEPARATORS:
        rest = rest.replace(sep, "\n")
    parts = [part.strip(vocab.SITE_NAME_EDGE) for part in rest.split("\n") if part.strip(vocab.SITE_NAME_EDGE)]
    if not parts:
        return None
    name = parts[-1]
    if not vocab.MIN_SITE_NAME_CHARS <= len(name) <= vocab.MAX_SITE_NAME_CHARS:
        return None
    if not any(is_cjk(ch) for ch in name) and len(name.split()) > vocab.MAX_SITE_NAME_WORDS:
        return None  # a headline's worth of words, not a name
    return name


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
