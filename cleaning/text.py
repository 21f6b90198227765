"""The plain-text cleaning path: crawled text (one paragraph a line, page boilerplate still in it)
-> ExtractedArticle.

The document is read as three zones. The header runs up to the first real sentence: section
labels, the site name, the title and metadata lines live there. The body runs from the first real
sentence to the last one: boilerplate lines inside it (image placeholders, credits, widgets) are
removed by the shared line rules, and a footer rule after the last paragraph cuts the rest. What
comes after the last sentence is trailing boilerplate. Every removed line is recorded with its rule.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from cleaning import line_rules as vocabulary
from cleaning.dates import ParsedDate, find_date, infer_date_from_text, parse_date
from cleaning.errors import ExtractionError
from cleaning.html.meta_vocab import NOT_PUBLISHER_NAMES
from cleaning.language import detect_language
from cleaning.lines import (
    LineMatch,
    author_names,
    classify_line,
    closing_block_length,
    dateline_author,
    is_contact_line,
    outlet_name,
    parse_credits,
    split_closing_credit,
    without_link_notes,
)
from cleaning.normalize import cjk_ratio, cjk_run_length, fold_spaces, normalize_text, without_unmatched_closer
from cleaning.version import EXTRACTOR_VERSION
from schemas import ExtractedArticle, Image, Paragraph, RawDocument, RemovedBlock

# Sentence ends, after any closing quotes or brackets.
_TERMINAL = "。！？!?.…"
_CLOSERS = "\"'”’」』）)】]》"
_INNER_SENTENCE_END = re.compile(r"[。！？!?](?=.)|\.(?=\s+[A-Z\"“])")
# A line without a closing mark still counts as prose when it is this long and has a sentence end inside.
LONG_PROSE_CHARS = 120
# A footer line starts the page footer only when no paragraph of at least this length follows it.
SUBSTANTIAL_CHARS_LATIN = 80
SUBSTANTIAL_CHARS_CJK = 30
# Subheadings: short, no closing punctuation, no trailing comma/colon.
MAX_HEADING_CHARS_LATIN = 200
MAX_HEADING_CHARS_CJK = 60
_NOT_HEADING_ENDINGS = ",，;；:：、-—"
# A line above the first sentence ending like this addresses the reader ("各有关单位：") and is body.
_LEAD_IN_ENDINGS = ":："
# Titles: an explicit title line is at most this long; a derived one is trimmed to this.
MAX_TITLE_LINE_CHARS = 300
MIN_TITLE_CHARS = 4
MAX_DERIVED_TITLE_CHARS = 150
# A headline's space between two CJK clauses of at least this many characters each is the headline's own
# ("…进入攻坚期 企业加快…", "住房城乡建设部 国家发展改革委关于…"), not a layout space ("西部地 区").
MIN_HEADLINE_CLAUSE_CJK = 4
# The self-description on a repost's account card is at most this long (WeChat allows 120; most are short).
REPOST_CARD_INTRO_MAX_CHARS = 60
DATELINE_PARAGRAPHS = 3  # leading paragraphs searched for a wire dateline naming the reporter
MAX_SITE_NAME_CHARS = 60
# A footer-like line (a contact line) is read with this many lines after it to see whether it opens
# an official document's closing block.
CLOSING_LOOKAHEAD_LINES = 12
# Less body text than this is not an article (a list page, an error page).
MIN_BODY_CHARS = 20
# How many leading paragraphs may state the date when no labelled date is found.
LEAD_PARAGRAPHS_FOR_DATE = 2
# Hard-wrapped English: a line at least this long that stops mid-sentence continues on the next.
MIN_WRAPPED_LINE_CHARS = 50

_NOT_TITLE_LINE = re.compile(vocabulary.NOT_TITLE_LINE)
_SECTION_WORDS = frozenset(w.casefold() for w in vocabulary.SECTION_WORDS)
_FIRST_SENTENCE = re.compile(r"^(.+?(?:[。！？!?]|\.(?=\s+[A-Z\"“]|$)))")


@dataclass
class _Line:
    text: str  # normalised (layout spaces around CJK removed)
    folded: str  # spaces folded only: keeps "张三 李四" apart for credit parsing
    match: LineMatch | None


@dataclass
class _Collected:
    paragraphs: list[Paragraph] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)
    meta_lines: list[str] = field(default_factory=list)
    views: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    holders: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)  # a byline's outlet ("第一财经 马晓华"): the last resort
    breadcrumb_sections: list[str] = field(default_factory=list)
    author: str | None = None  # from a credit line
    author_on_meta_line: str | None = None  # "来源：X 作者：王明": used when no credit line names one
    editors: list[str] = field(default_factory=list)

    def remove(self, text: str, rule: str) -> None:
        self.removed.append(RemovedBlock(position=len(self.removed), rule=rule, text=text))

    def add_paragraph(self, text: str, *, heading: bool) -> None:
        self.paragraphs.append(
            Paragraph(
                position=len(self.paragraphs),
                kind="heading" if heading else "paragraph",
                level=2 if heading else None,
                text=text,
            )
        )


def _split_lines(text: str) -> list[_Line]:
    """Non-empty lines, normalised; hard-wrapped English lines joined back into paragraphs."""
    joined: list[str] = []
    previous_blank = True
    for raw_line in text.splitlines():
        folded = without_link_notes(fold_spaces(raw_line))  # "By Jane Doe, opens new tab": screen-reader text
        if not folded:
            previous_blank = True
            continue
        if joined and not previous_blank and _continues(joined[-1], folded):
            joined[-1] = joined[-1] + ("" if joined[-1].endswith("-") else " ") + folded
        else:
            joined.append(folded)
        previous_blank = False
    lines = []
    for folded in joined:
        normalised = normalize_text(folded)
        if not normalised:
            continue
        match = classify_line(folded)
        # "…淨零轉型。（編輯：張三）1130305": the sentence is body, the credit run on to it a credit line
        parts = split_closing_credit(folded) if match is None else None
        credit_match = classify_line(parts[1]) if parts is not None else None
        if parts is not None and credit_match is not None and credit_match.rule.kind == "credit":
            sentence, credit = parts
            lines.append(_Line(text=normalize_text(sentence), folded=sentence, match=None))
            lines.append(_Line(text=normalize_text(credit), folded=credit, match=credit_match))
        else:
            lines.append(_Line(text=normalised, folded=folded, match=match))
    return lines


def _continues(previous: str, line: str) -> bool:
    return (
        len(previous) >= MIN_WRAPPED_LINE_CHARS
        and previous[-1] not in _TERMINAL + _CLOSERS
        and (previous[-1].isalpha() or previous[-1] in ",;-")
        and line[0].islower()
    )


_END_MARKS = tuple(vocabulary.END_MARKS)


def _is_sentence(text: str) -> bool:
    """Does the line read as prose (as opposed to a title, label or heading)?"""
    stripped = text.rstrip(" ")
    for mark in _END_MARKS:
        stripped = stripped.removesuffix(mark).rstrip(" ")
    stripped = stripped.rstrip(_CLOSERS + " ")
    if stripped and stripped[-1] in _TERMINAL:
        return True
    return len(text) >= LONG_PROSE_CHARS and _INNER_SENTENCE_END.search(text) is not None


def _is_substantial(text: str) -> bool:
    """A sentence long enough that a footer rule above it cannot be the start of the page footer."""
    limit = SUBSTANTIAL_CHARS_CJK if cjk_ratio(text) > 0.5 else SUBSTANTIAL_CHARS_LATIN
    return _is_sentence(text) and len(text) >= limit


def _is_heading(text: str) -> bool:
    limit = MAX_HEADING_CHARS_CJK if cjk_ratio(text) > 0.5 else MAX_HEADING_CHARS_LATIN
    return not _is_sentence(text) and len(text) <= limit and text[-1] not in _NOT_HEADING_ENDINGS


def _is_section_word(text: str) -> bool:
    return text.strip(" :：|｜>»·-—").casefold() in _SECTION_WORDS


def _is_site_name(text: str) -> bool:
    if len(text) > MAX_SITE_NAME_CHARS or _is_sentence(text):
        return False
    lowered = text.casefold()
    return any(hint.casefold() in lowered for hint in vocabulary.SITE_NAME_HINTS)


def _absorb(line: _Line, collected: _Collected, rule: str | None = None) -> None:
    """Record a boilerplate line: keep what it says (date, views, people, images), then remove it."""
    match = line.match
    if match is not None:
        captures = match.captures
        kind = match.rule.kind
        if kind == "meta":
            collected.meta_lines.append(line.text)
            if "views" in captures:
                collected.views.append(int(captures["views"].replace(",", "")))
            if "source" in captures:
                collected.sources.append(captures["source"])
            if "origin" in captures:  # a repost names where the article first appeared: that is its publisher
                collected.sources.insert(0, captures["origin"])
            if "author" in captures and collected.author_on_meta_line is None:
                collected.author_on_meta_line = author_names(captures["author"])  # "作者：admin" names no one
            if "outlet" in captures:
                collected.outlets.append(outlet_name(captures["outlet"]))
        elif kind == "credit":
            author, editors = parse_credits(line.folded)
            if author and collected.author is None:
                collected.author = author
            # "By X | China Daily | Updated: 2024-03-12 07:35": the byline also names the outlet and the date
            if "date" in captures:
                collected.meta_lines.append(captures["date"])
            if "source" in captures:
                collected.sources.append(captures["source"])
            if "outlet" in captures:  # "经济日报记者 王三": the outlet the reporters write for
                collected.outlets.append(outlet_name(captures["outlet"]))
            collected.editors.extend(e for e in editors if e not in collected.editors)
        elif kind == "publisher" and "holder" in captures:
            collected.holders.append(captures["holder"])
        elif kind == "image" and "src" in captures:
            position = max(len(collected.paragraphs) - 1, 0)
            collected.images.append(Image(position=position, src=captures["src"]))
        if "trail" in captures:
            crumbs = [c.strip() for c in re.split(r"[>»›＞→/|]|&gt;", captures["trail"]) if c.strip()]
            if crumbs:
                collected.breadcrumb_sections.append(crumbs[-1])
    # The removed text is the line as it was (spaces folded only), not the normalised form.
    collected.remove(line.folded, rule or (match.rule.name if match else "body.unknown"))


def _headline(line: _Line) -> str:
    """The title line normalised, keeping the spaces that separate its clauses."""
    pieces = line.folded.split(" ")
    clauses = [pieces[0]]
    for previous, piece in itertools.pairwise(pieces):
        if min(cjk_run_length(previous), cjk_run_length(piece)) >= MIN_HEADLINE_CLAUSE_CJK:
            clauses.append(piece)
        else:
            clauses[-1] += " " + piece
    return " ".join(normalize_text(clause) for clause in clauses)


def _without_repost_cards(lines: list[_Line], collected: _Collected) -> list[_Line]:
    """Drop the account card under a repost's origin line (WeChat's "以下文章来源于中国建设报 ，作者王琳"):
    the account's name as its link prints it ("中国建设报."), then its short self-description."""
    kept: list[_Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        kept.append(line)
        i += 1
        origin = line.match.captures.get("origin") if line.match is not None else None
        if origin is None or i >= len(lines) or lines[i].text.rstrip(".。 ") != origin:
            continue
        collected.remove(lines[i].folded, "meta.repost_card_name")
        i += 1
        if i < len(lines) and lines[i].match is None and len(lines[i].text) <= REPOST_CARD_INTRO_MAX_CHARS:
            collected.remove(lines[i].folded, "meta.repost_card_intro")
            i += 1
    return kept


def _read_header(lines: list[_Line], collected: _Collected) -> tuple[str | None, str | None, str | None]:
    """(title, section, site_name) from the lines above the first sentence; removes them all."""
    plain = [i for i, line in enumerate(lines) if line.match is None]
    counts: dict[str, int] = {}
    for i in plain:
        counts[lines[i].text.casefold()] = counts.get(lines[i].text.casefold(), 0) + 1
    sections = {i for i in plain if _is_section_word(lines[i].text) or counts[lines[i].text.casefold()] > 1}
    lead_ins = {i for i in plain if i not in sections and lines[i].text[-1] in _LEAD_IN_ENDINGS}
    candidates = [
        i
        for i in plain
        if i not in sections
        and i not in lead_ins
        and MIN_TITLE_CHARS <= len(lines[i].text) <= MAX_TITLE_LINE_CHARS
        and not _NOT_TITLE_LINE.search(lines[i].text)
    ]
    first_meta = next(
        (i for i, line in enumerate(lines) if line.match is not None and line.match.rule.kind == "meta"), None
    )
    title_index: int | None = None
    if candidates:
        before_meta = [i for i in candidates if first_meta is None or i < first_meta]
        title_index = before_meta[-1] if before_meta else candidates[-1]
    # The label nearest the title: a menu above it may hold the same word, or a broader one.
    section = lines[max(sections)].text if sections else None
    site_name: str | None = None
    for i, line in enumerate(lines):
        if line.match is not None:
            _absorb(line, collected)
        elif i in sections:
            collected.remove(line.text, "header.section")
        elif i == title_index:
            continue  # the title is kept, as the title
        elif i in lead_ins:
            collected.add_paragraph(line.text, heading=False)  # "各有关单位：" opens the body
        elif title_index is not None and i < title_index and site_name is None and _is_site_name(line.text):
            site_name = line.text
            collected.remove(line.folded, "header.site_name")
        else:
            collected.remove(line.folded, "header.extra")
    title = _headline(lines[title_index]) if title_index is not None else None
    return title, section, site_name


def _read_body(lines: list[_Line], collected: _Collected, *, title: str | None, section: str | None) -> None:
    """Paragraphs, headings and images from the first sentence on; boilerplate removed with its rule."""
    substantial = [i for i, line in enumerate(lines) if line.match is None and _is_substantial(line.text)]
    last_substantial = substantial[-1] if substantial else -1
    footer_from = next(
        (
            i
            for i, line in enumerate(lines)
            if i > last_substantial
            and line.match is not None
            and line.match.rule.kind in ("footer", "publisher")
            # a notice's contact line before its closing block (issuer, date) is the notice's
            and not (
                is_contact_line(line.text)
                and closing_block_length([later.text for later in lines[i : i + CLOSING_LOOKAHEAD_LINES]])
            )
        ),
        len(lines),
    )
    sentences = [i for i, line in enumerate(lines[:footer_from]) if line.match is None and _is_sentence(line.text)]
    last_sentence = sentences[-1] if sentences else -1
    # An official document's closing block (issuer, signing date, ...) follows its last sentence.
    closing_end = (
        last_sentence + 1 + closing_block_length([line.text for line in lines[last_sentence + 1 : footer_from]])
    )
    for i, line in enumerate(lines):
        if i >= footer_from:
            _absorb(line, collected, rule=None if line.match else "footer.tail")
        elif last_sentence < i < closing_end:
            if line.match is not None and line.match.rule.kind == "meta":
                collected.meta_lines.append(line.text)  # the signing date: the date when no other is given
            collected.add_paragraph(line.text, heading=False)
        elif line.match is not None:
            _absorb(line, collected)
        elif i > last_sentence:
            _absorb(line, collected, rule="body.trailing")
        elif title is not None and line.text == normalize_text(title):
            _absorb(line, collected, rule="header.title_repeat")
        elif section is not None and line.text.casefold() == section.casefold():
            _absorb(line, collected, rule="header.section")
        else:
            collected.add_paragraph(line.text, heading=_is_heading(line.text))


def _dateline_author(paragraphs: list[Paragraph]) -> str | None:
    """The reporter a wire dateline names at the start of one of the first paragraphs (the paragraph
    stays body): "新华社北京3月26日电（记者王优玲）记者从…" -> "王优玲"."""
    for paragraph in paragraphs[:DATELINE_PARAGRAPHS]:
        author = dateline_author(paragraph.text)
        if author:
            return author
    return None


def _derive_title(paragraphs: list[Paragraph]) -> str:
    """A title from the first sentence of the first paragraph, trimmed at a word or clause boundary."""
    first = next((p.text for p in paragraphs if p.kind == "paragraph"), paragraphs[0].text)
    match = _FIRST_SENTENCE.match(first)
    sentence = (match.group(1) if match else first).rstrip("。.！!？? ")
    if len(sentence) <= MAX_DERIVED_TITLE_CHARS:
        return sentence
    cut = sentence[:MAX_DERIVED_TITLE_CHARS]
    boundary = max(cut.rfind(mark) for mark in (" ", "，", ",", "、", "；"))
    if boundary > MAX_DERIVED_TITLE_CHARS // 2:
        cut = cut[:boundary]
    return cut.rstrip(" ,，、；;:：") + "…"


def _publisher(collected: _Collected) -> str | None:
    """The first named source, else the copyright holder, else the outlet a byline names: "来源：本站" names the
    site, not who it is."""
    # "（来源：人民日报）" captures "人民日报）"; "来源：http://www.mohurd.gov.cn" names no one
    names = (without_unmatched_closer(name) for name in (*collected.sources, *collected.holders, *collected.outlets))
    return next(
        (
            name
            for name in names
            if name
            and name.casefold() not in NOT_PUBLISHER_NAMES
            and not name.casefold().startswith(("http://", "https://", "www."))
        ),
        None,
    )


def _publish_date(collected: _Collected, raw: RawDocument) -> ParsedDate | None:
    reference, tz = raw.read_at, raw.timezone
    if collected.meta_lines:
        found = find_date("\n".join(collected.meta_lines), reference=reference, tz=tz)
        if found is not None:
            return found
    if raw.hint_published:
        hinted = parse_date(raw.hint_published, reference=reference, tz=tz, source="feed")
        if hinted is not None:
            return hinted
    lead = [p.text for p in collected.paragraphs if p.kind == "paragraph"][:LEAD_PARAGRAPHS_FOR_DATE]
    return infer_date_from_text("\n".join(lead), reference=reference, tz=tz)


def extract_text(text: str, raw: RawDocument) -> ExtractedArticle:
    """Clean a plain-text document into an article. Raises ExtractionError("empty" | "not_article")."""
    lines = _split_lines(text)
    if not lines:
        raise ExtractionError("empty", "the text has no visible characters")
    collected = _Collected()
    lines = _without_repost_cards(lines, collected)
    body_start = next((i for i, line in enumerate(lines) if line.match is None and _is_sentence(line.text)), None)
    if body_start is None:
        raise ExtractionError("not_article", "no line of the text reads as a sentence")

    title, section, site_name = _read_header(lines[:body_start], collected)
    _read_body(lines[body_start:], collected, title=title, section=section)
    body_chars = sum(len(p.text) for p in collected.paragraphs)
    if body_chars < MIN_BODY_CHARS:
        raise ExtractionError("not_article", f"only {body_chars} characters of body text")

    title_source = "first_line"
    if title is None:
        title, title_source = _derive_title(collected.paragraphs), "derived"
    if section is None and collected.breadcrumb_sections:
        section = collected.breadcrumb_sections[0]
    published = _publish_date(collected, raw)
    body_text = "\n\n".join(p.text for p in collected.paragraphs)
    return ExtractedArticle(
        title=title,
        title_source=title_source,
        published_at=published.value if published else None,
        date_precision=published.precision if published else None,
        date_text=published.text if published else None,
        date_source=published.source if published else None,
        language=detect_language(body_text) or raw.language_hint,
        author=collected.author or collected.author_on_meta_line or _dateline_author(collected.paragraphs),
        editors=tuple(collected.editors),
        publisher=_publisher(collected),
        site_name=site_name,
        section=section,
        view_count=collected.views[0] if collected.views else None,
        paragraphs=tuple(collected.paragraphs),
        images=tuple(collected.images),
        removed=tuple(collected.removed),
        extractor="text",
        extractor_version=EXTRACTOR_VERSION,
    )
