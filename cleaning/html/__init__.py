"""The HTML path of the cleaning stage: decoded page -> ExtractedArticle (body, metadata, audit).

    from cleaning.html import extract_html
    article = extract_html(decoded_text, raw_document, site_rules_or_None)

Raises cleaning.errors.ExtractionError("not_article" | "empty") for pages that hold no article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement
from pydantic import ValidationError

from cleaning.errors import ExtractionError
from cleaning.html import metadata as meta
from cleaning.html import vocab
from cleaning.html.body import BodyBlock, BodyResult, clip, extract_body, trim_head, trim_tail
from cleaning.html.dom import collapse_spaces, parse_html, weighted_length
from cleaning.html.second_opinion import apply_second_opinion, is_uncertain, trafilatura_blocks
from cleaning.lines import author_names, dateline_author, is_signing_date, outlet_name, split_closing_credit
from cleaning.normalize import is_cjk
from cleaning.version import EXTRACTOR_VERSION
from schemas import ExtractedArticle, Image, Link, Paragraph, RawDocument, RemovedBlock, SiteRules

__all__ = ["extract_html"]

LINE_RULE_PREFIX = "line."
ARTICLE_ENDING_LINE_KINDS = frozenset({"footer", "publisher"})
MAX_LINE_RULE_CHARS = 200  # longer blocks are never boilerplate lines; skip the rule engine for them
MAX_REMOVED_LINES_READ = 120  # removed short lines searched for dates and credits (page order)
DATELINE_BLOCKS = 3  # leading body blocks searched for a wire dateline naming the reporter
MAX_DATELINE_LINE_CHARS = 40  # a removed line this short may be the dateline alone (not a teaser's lead)
MAX_SECTION_CHARS = 200  # the schema's limit: a run-on breadcrumb must not reject the article


@dataclass
class LineFindings:
    """What the line rules saw while judging body blocks: used for metadata."""

    lines: list[str] = field(default_factory=list)  # every matched line, in order
    publisher: str | None = None


def _base_url(raw: RawDocument) -> str | None:
    if raw.final_url:
        return raw.final_url
    return raw.uri if raw.uri.startswith(("http://", "https://")) else None


def _select(root: HtmlElement, selector: str | None) -> list[HtmlElement]:
    if not selector:
        return []
    try:
        return list(root.cssselect(selector))
    except Exception:  # an invalid selector in sources.toml must not take the page down
        return []


def _selected_text(root: HtmlElement, selector: str | None) -> str | None:
    for element in _select(root, selector):
        text = collapse_spaces(element.text_content())
        if text:
            return text
    return None


def _line_judge(findings: LineFindings):  # type: ignore[no-untyped-def]
    def judge(text: str) -> tuple[str, bool] | None:
        if len(text) > MAX_LINE_RULE_CHARS:
            return None
        match = meta.classify_line_cached(text)
        if match is None:
            return None
        findings.lines.append(text)
        if match.rule.kind == "publisher" and findings.publisher is None:
            holder = match.captures.get("holder")
            if holder:
                findings.publisher = holder
        ends = match.rule.kind in ARTICLE_ENDING_LINE_KINDS or match.rule.name in vocab.ARTICLE_ENDING_LINE_RULES
        return LINE_RULE_PREFIX + match.rule.name, ends

    return judge


def _is_not_found(title: str | None, h1s: list[str]) -> bool:
    for text in [title or "", *h1s[:2]]:
        lowered = text.lower().strip()
        if not lowered:
            continue
        for marker in vocab.NOT_FOUND_TITLES:
            if lowered == marker or lowered.startswith(marker + " ") or (len(marker) > 3 and marker in lowered):
                return True
    return False


def extract_html(text: str, raw: RawDocument, rules: SiteRules | None) -> ExtractedArticle:
    root = parse_html(text)
    base_url = _base_url(raw)
    signals = meta.collect_signals(root, base_url)
    # The HTML parser keeps one <body>, right under the root: found as a child, where `root.body` runs an XPath
    # over the whole document.
    body = root.find("body")
    if body is None:
        body = root

    rule_title = _selected_text(root, rules.title) if rules else None
    rule_date = _selected_text(root, rules.date) if rules else None
    rule_author = _selected_text(root, rules.author) if rules else None
    content_override = _select(root, rules.content) if rules and rules.content else []
    drop_override = [(selector, el) for selector in (rules.drop if rules else ()) for el in _select(root, selector)]
    used_rules = bool(rule_title or rule_date or rule_author or content_override or drop_override)

    title, title_source = meta.choose_title(signals, rule_title)
    if title_source in (None, "title_tag"):
        # no h1 or declared title: an <h2> or <td class="title"> headline, read before the tree is pruned
        heading = meta.headline_without_h1(root, signals, title)
        if heading and heading != title:
            title, title_source = heading[: meta.MAX_TITLE_CHARS], "heading"
        elif title_source == "title_tag" and title == collapse_spaces(signals.title_tag or ""):
            # the whole tag: a site's name after the headline the page prints alone is split off
            title = meta.headline_printed_in_title_tag(root, signals) or title

    findings = LineFindings()
    judge = _line_judge(findings)
    result = extract_body(
        body,
        base_url=base_url,
        judge_line=judge,
        content_override=content_override or None,
        drop_override=drop_override or None,
    )
    second_opinion = is_uncertain(result.signals) and apply_second_opinion(
        result, trafilatura_blocks(text, base_url), judge
    )
    _drop_title_heading(result, title)
    trim_tail(result)
    trim_head(result)
    _drop_title_heading(result, title)  # a headline that a kicker trimmed above it had hidden
    _split_closing_credits(result)

    body_weight = sum(weighted_length(b.text) for b in result.blocks)
    if not result.blocks:
        if not collapse_spaces(body.text_content() if len(body) or body.text else ""):
            raise ExtractionError("empty", "the page has no text")
        raise ExtractionError("not_article", "no article body found")
    if _is_not_found(signals.title_tag, signals.h1s) and body_weight < vocab.NOT_FOUND_MAX_BODY_CHARS:
        raise ExtractionError("not_article", "an error page (not found) served as a page")
    if body_weight < vocab.MIN_ARTICLE_CHARS:
        raise ExtractionError("not_article", f"too little body ({body_weight:.0f} weighted characters)")
    if body_weight < vocab.LIST_CHECK_MAX_CHARS and _sentence_weight(result.blocks) < vocab.MIN_ARTICLE_CHARS:
        raise ExtractionError("not_article", "no sentences: a list or index page")

    body_text = "\n".join(b.text for b in result.blocks)
    tz, reference = raw.timezone, raw.read_at
    head_lines = signals.date_texts + [b.text for b in result.blocks[:6] if not is_signing_date(b.text)]
    removed_lines = [text for _rule, text in result.removed if len(text) <= MAX_LINE_RULE_CHARS][
        :MAX_REMOVED_LINES_READ
    ]
    credit_lines = findings.lines + signals.byline_texts + removed_lines

    date_lines = findings.lines + head_lines + removed_lines
    # A document's signing date (kept in its closing block) dates it only when nothing else does.
    signing_dates = [b.text for b in result.blocks if is_signing_date(b.text)]
    found = None
    if rule_date:
        found = meta._parse(rule_date, reference=reference, tz=tz, source="text_line")
    found = (
        found
        or meta.date_from_structured(signals, reference=reference, tz=tz)
        or meta.date_from_lines(date_lines, reference=reference, tz=tz, labelled_only=True)
        or meta.date_from_url(base_url, reference=reference, tz=tz)
        or meta.date_from_dateline([b.text for b in result.blocks[:DATELINE_BLOCKS]], reference=reference, tz=tz)
        # The labelled pass above found nothing on these lines: only an unlabelled date remains.
        or meta.unlabelled_date_from_lines(date_lines + signing_dates, reference=reference, tz=tz)
    )
    # A day-only date (meta tag, URL) takes the time the page prints for that same day.
    time_texts = [text for _attr, text, _marked in signals.time_tags if text]
    found = meta.with_page_time(found, time_texts + date_lines, reference=reference, tz=tz)

    line_author, editors = meta.credits_from_lines(credit_lines)
    outlets: list[tuple[str, ...]] = []
    printed_source = meta.trim_run_on_source(meta.clean_source(_source_from_lines(date_lines)), signals, root)

    def named_author(value: str | None) -> str | None:
        """`value` without what names no one: a site that names itself as the author names no one, nor does
        the source the page names (来源：参考消息 with author 参考消息). The names are read once, and only for a
        page that offers a value."""
        if not value:
            return None
        if not outlets:
            sources = (printed_source, meta.source_from_meta(signals), meta.source_from_elements(signals))
            outlets.append(meta.outlet_names(signals, title) + tuple(name for name in sources if name))
        return author_names(value, outlets=outlets[0])

    author = (
        rule_author
        or named_author(line_author)
        # a wire dateline's reporter beats a meta tag, which often holds the site or a user id
        or _dateline_author(
            [b.text for b in result.blocks[:DATELINE_BLOCKS]]
            + [line for line in removed_lines if len(line) <= MAX_DATELINE_LINE_CHARS]  # a dateline on its own
        )
        or named_author(meta.author_from_structured(signals))
    )
    if author is None:
        for byline in signals.byline_texts:
            candidate = named_author(_plain_byline(byline))
            if candidate:
                author = candidate
                break
    site_name = meta.site_name_of(signals, title)
    # The 来源 line printed on the page beats a meta source tag: editors set it per article, while meta
    # values are often template defaults. A copyright holder names the site's owner, not the source: it
    # beats only a site name guessed from the title tag, not one the meta tags declare.
    publisher = (
        meta.publisher_from_structured(signals)
        or printed_source
        or signals.platform.get("publisher")  # a WeChat account: its og:site_name is the platform's
        or meta.source_from_meta(signals)
        or meta.source_from_elements(signals)
        or meta.declared_site_name(signals)
        # the outlet a byline names ("第一财经 马晓华 李文", "经济日报记者 王三"): what the reporters write for
        or _outlet_from_lines(date_lines)
        or meta.clean_copyright_holder(findings.publisher)
        # the site named in the <title> before a footer's copyright holder: the holder is often the
        # platform's or theme's owner (Tencent on a QQ page, a WordPress theme's author)
        or site_name
        or meta.copyright_holder_of(signals)
    )

    scalars = dict(
        title=title,
        title_source=title_source,  # type: ignore[arg-type]
        published_at=found.value if found else None,
        date_precision=found.precision if found else None,  # type: ignore[arg-type]
        date_text=found.text if found else None,
        date_source=found.source if found else None,  # type: ignore[arg-type]
        language=meta.language_of(signals, body_text),
        author=author[:200] if author else None,
        editors=editors,
        publisher=publisher[:300] if publisher else None,
        site_name=site_name[:300] if site_name else None,
        section=_clipped(meta.section_of(signals, title), MAX_SECTION_CHARS),
        view_count=meta.view_count_from_lines(findings.lines + head_lines + removed_lines[:50]),
        canonical_url=signals.canonical,
        extractor=("html+rules" if used_rules else "html") + ("+trafilatura" if second_opinion else ""),
        extractor_version=EXTRACTOR_VERSION,
    )
    children = {
        "paragraphs": [
            {"position": i, "kind": b.kind, "level": b.level if b.kind == "heading" else None, "text": b.text}
            for i, b in enumerate(result.blocks)
        ],
        "images": [
            {"position": p, "src": src, "alt": alt, "caption": caption} for p, src, alt, caption in result.images
        ],
        "links": [{"position": p, "href": href, "text": label} for p, href, label in result.links],
        "removed": [{"position": i, "rule": rule, "text": text} for i, (rule, text) in enumerate(result.removed)],
    }
    try:
        # One validation call for the article and all its children (pydantic builds each child model
        # from its dict as the constructors below would, without a Python-level call per child).
        return ExtractedArticle(**scalars, **children)
    except ValidationError:
        pass  # rebuilt one child at a time below, so the error raised names the child model, as it always has
    models = {"paragraphs": Paragraph, "images": Image, "links": Link, "removed": RemovedBlock}
    return ExtractedArticle(
        **scalars, **{name: tuple(models[name](**row) for row in rows) for name, rows in children.items()}
    )


def _clipped(value: str | None, limit: int) -> str | None:
    return value[:limit].rstrip() or None if value else None


def _drop_title_heading(result: BodyResult, title: str | None) -> None:
    """The headline repeated as the body's first block is metadata, not body."""
    if not title or not result.blocks:
        return
    first = result.blocks[0]
    if first.text == title or (first.kind == "heading" and first.level == 1 and first.text in title):
        result.removed.append(("html.title", clip(first.text)))
        del result.blocks[0]
        result.images[:] = [(max(p - 1, 0), s, a, c) for p, s, a, c in result.images]
        result.links[:] = [(p - 1, h, t) for p, h, t in result.links if p > 0]


def _split_closing_credits(result: BodyResult) -> None:
    """A credit run on to a paragraph's last sentence ("…淨零轉型。（編輯：張三）1130305") leaves the paragraph:
    the sentence stays, the credit is removed as the credit line it is (and read with the removed lines)."""
    for block in result.blocks:
        if block.kind != "paragraph":
            continue
        parts = split_closing_credit(block.text)
        if parts is None:
            continue
        sentence, credit = parts
        match = meta.classify_line_cached(credit)
        if match is None or match.rule.kind != "credit":
            continue
        block.text = sentence
        result.removed.append((LINE_RULE_PREFIX + match.rule.name, credit))


def _sentence_weight(blocks: list[BodyBlock]) -> float:
    """Weighted characters in blocks that read as sentences (not menu items or headlines)."""
    total = 0.0
    for block in blocks:
        if block.kind in ("heading", "table_row"):
            continue
        weight = weighted_length(block.text)
        punctuation = sum(1 for ch in block.text if ch in vocab.PUNCTUATION)
        if weight >= vocab.SENTENCE_MIN_CHARS or punctuation >= 2:
            total += weight
    return total


def _source_from_lines(lines: list[str]) -> str | None:
    for line in lines:
        if len(line) > MAX_LINE_RULE_CHARS:
            continue
        match = meta.classify_read_line_cached(line)
        if match is not None and match.rule.kind == "meta" and match.captures.get("source"):
            return match.captures["source"]
    return None


def _outlet_from_lines(lines: list[str]) -> str | None:
    """The outlet the first byline among `lines` names before its reporters."""
    for line in lines:
        if len(line) > MAX_LINE_RULE_CHARS:
            continue
        match = meta.classify_read_line_cached(line)
        if match is not None and match.captures.get("outlet"):
            return outlet_name(match.captures["outlet"]) or None
    return None


def _dateline_author(lines: list[str]) -> str | None:
    """The reporter named by the first wire dateline among `lines` ("新华社北京3月26日电（记者王优玲）…")."""
    for line in lines:
        author = dateline_author(line)
        if author:
            return author
    return None


def _plain_byline(text: str) -> str | None:
    """A byline element's text when it is just a name ("Jane Doe", "张三")."""
    from cleaning.lines import latin_name, parse_credits

    author, _editors = parse_credits(text)
    if author:
        return author
    if text.rstrip().endswith((":", "：")):
        return None  # "超级感悟：" before a linked headline: a list's author, or a label with no name
    cleaned = text.strip(" |·•-—")
    if not any(is_cjk(ch) for ch in cleaned):
        cleaned = latin_name(cleaned)  # "Vivian Tsui in Beijing" -> "Vivian Tsui"
    if 2 <= len(cleaned) <= 60 and not any(ch.isdigit() for ch in cleaned) and len(cleaned.split()) <= 5:
        return cleaned
    return None
