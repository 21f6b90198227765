"""A second opinion on the article body, asked only when our own container choice looks uncertain.

The density scorer in body.py is fast and right on most pages; where it hesitates (two containers
score alike, much prose is left outside the chosen one, little text was kept) we ask trafilatura
(fast mode, no comments) and combine both answers:

- blocks both extractors kept are anchors; the region from the first to the last anchor is the
  article they agree on, and every block either kept inside it stays, in page order;
- outside that region, a block only one of them kept stays only when it reads as prose (long,
  punctuated, few links): the edges of an article are where menus, share bars and teasers sit.

When the two share nothing, the union of their prose is kept. Every block of ours that does not
survive is recorded as removed with rule CHOICE_RULE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.etree import _Element

from cleaning.html import vocab
from cleaning.html.body import BodyBlock, BodyResult, ChoiceSignals, LineJudge, clip, is_signing_line
from cleaning.html.dom import collapse_spaces, weighted_length
from cleaning.lines import closing_block_length, without_link_notes

CHOICE_RULE = "choice.trafilatura"
_KEY_DROP = re.compile(r"\s+")


def is_uncertain(signals: ChoiceSignals) -> bool:
    """True when our container choice deserves a second opinion (see vocab.SECOND_OPINION_*)."""
    if signals.overridden:
        return False
    if signals.kept_weight < vocab.SECOND_OPINION_MIN_KEPT_CHARS:
        return True
    if signals.best_score and signals.runner_up_score >= signals.best_score * vocab.SECOND_OPINION_RUNNER_UP_SHARE:
        return True
    return bool(signals.prose_total) and signals.prose_kept < signals.prose_total * vocab.SECOND_OPINION_MIN_PROSE_KEPT


# ------------------------------------------------------------------------------------ trafilatura


def trafilatura_blocks(html_text: str, url: str | None) -> list[BodyBlock]:
    """trafilatura's body (fast mode, comments off) as our blocks: headings, paragraphs, list items,
    quotes, code and table rows. Empty when it finds nothing."""
    import trafilatura  # imported on first use: most pages never need it

    try:
        document = trafilatura.bare_extraction(
            html_text, url=url, fast=True, include_comments=False, include_tables=True, output_format="python"
        )
    except Exception:  # a crash in the second opinion must never take the page down
        return []
    body = getattr(document, "body", None)
    if body is None:
        return []
    return blocks_from_trafilatura_xml(body)


def _lines(element: _Element) -> list[str]:
    """Text of an element split at <lb/> (trafilatura's <br>), each line whitespace-collapsed."""
    parts: list[str] = [element.text or ""]
    for inner in element.iterdescendants():
        if inner.tag == "lb":
            parts.append("\n")
        elif inner.text:
            parts.append(inner.text)
        if inner.tail:
            parts.append(inner.tail)
    lines = [without_link_notes(collapse_spaces(line)) for line in "".join(parts).split("\n")]
    return [line for line in lines if line]


def blocks_from_trafilatura_xml(body: _Element) -> list[BodyBlock]:
    blocks: list[BodyBlock] = []
    for child in body:
        tag = child.tag
        if tag == "head":
            rend = child.get("rend") or "h2"
            level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
            text = collapse_spaces("".join(child.itertext()))
            if text:
                blocks.append(BodyBlock("heading", max(1, min(level, 6)), text))
        elif tag == "list":
            for item in child.iter("item"):
                text = without_link_notes(collapse_spaces("".join(item.itertext())))
                if text:
                    blocks.append(BodyBlock("list_item", None, text))
        elif tag == "table":
            for row in child.iter("row"):
                cells = [collapse_spaces("".join(cell.itertext())) for cell in row.iter("cell")]
                text = " | ".join(cell for cell in cells if cell)
                if text:
                    blocks.append(BodyBlock("table_row", None, text))
        elif tag == "code":
            text = "".join(child.itertext()).strip("\n")
            if text.strip():
                blocks.append(BodyBlock("preformatted", None, text))
        elif tag == "graphic":
            continue
        else:
            kind = "quote" if tag == "quote" else "paragraph"
            blocks.extend(BodyBlock(kind, None, line) for line in _lines(child))
    return blocks


# ------------------------------------------------------------------------------------------ merge


def _key(text: str) -> str:
    return _KEY_DROP.sub("", text)


def _reads_as_prose(text: str) -> bool:
    punctuation = sum(1 for ch in text if ch in vocab.PUNCTUATION)
    return weighted_length(text) >= vocab.SECOND_OPINION_PROSE_CHARS and punctuation >= vocab.PROSE_MIN_PUNCTUATION


@dataclass
class _Slot:
    block: BodyBlock
    ours: int | None  # index in our kept blocks, None for a block only trafilatura kept
    anchor: bool = False


def _filter_theirs(theirs: list[BodyBlock], judge_line: LineJudge | None) -> list[BodyBlock]:
    """trafilatura's blocks through the same line rules and end-of-article headings as ours."""
    kept: list[BodyBlock] = []
    weight = 0.0
    for block in theirs:
        lowered = block.text.lower().strip(" :：>»›→|-")
        if len(lowered) <= 30 and lowered in vocab.END_OF_ARTICLE_HEADINGS:
            if weight >= vocab.MIN_CHARS_BEFORE_ARTICLE_END:
                break
            continue
        if judge_line is not None and block.kind != "preformatted" and not is_signing_line(kept, block.text):
            verdict = judge_line(block.text)
            if verdict is not None and not (
                block.kind == "table_row" and verdict[0] in vocab.TABLE_ROW_EXEMPT_LINE_RULES
            ):
                if verdict[1] and weight >= vocab.MIN_CHARS_BEFORE_ARTICLE_END:
                    break
                continue
        kept.append(block)
        weight += weighted_length(block.text)
    return kept


def merge(ours: list[BodyBlock], theirs: list[BodyBlock]) -> list[_Slot]:
    """Combine two block lists of the same page (see the module docstring); page order is ours,
    with trafilatura-only blocks placed after the last anchor that precedes them."""
    our_keys = [_key(b.text) for b in ours]
    their_keys = [_key(b.text) for b in theirs]
    our_all = "\n".join(our_keys)
    their_all = "\n".join(their_keys)
    min_anchor = vocab.SECOND_OPINION_MIN_ANCHOR_CHARS

    our_anchor = [len(k) >= min_anchor and k in their_all for k in our_keys]
    # where each of their blocks sits in ours: the first of our blocks at or after the previous one
    # that holds it or that it holds
    their_position: list[int | None] = []
    cursor = 0
    for key in their_keys:
        found = None
        if len(key) >= min_anchor and key in our_all:
            for index in range(cursor, len(ours)):
                if key in our_keys[index] or (len(our_keys[index]) >= min_anchor and our_keys[index] in key):
                    found = index
                    break
        their_position.append(found)
        if found is not None:
            cursor = found

    def repeats_ours(key: str, kept: list[str]) -> bool:
        """A block of theirs inside one of ours, or mostly made of the blocks of ours that are kept
        (a layout table row read as one cell repeats the article around a few labels)."""
        if key in our_all:
            return True
        rest = key
        for ours_key in kept:
            if len(ours_key) >= min_anchor and ours_key in rest:
                rest = rest.replace(ours_key, "")
        return len(rest) < len(key) * vocab.SECOND_OPINION_NEW_TEXT_SHARE

    anchors = [i for i, flag in enumerate(our_anchor) if flag]
    their_anchors = [j for j, pos in enumerate(their_position) if pos is not None]
    if not anchors or not their_anchors:
        slots = [_Slot(b, i) for i, b in enumerate(ours) if _reads_as_prose(b.text)]
        kept = [our_keys[slot.ours] for slot in slots if slot.ours is not None]
        slots += [
            _Slot(b, None)
            for b, key in zip(theirs, their_keys, strict=True)
            if _reads_as_prose(b.text) and not repeats_ours(key, kept)
        ]
        return slots

    first, last = anchors[0], anchors[-1]
    # An official document's closing block (issuer, signing date, ...) after the agreed region is
    # short and unpunctuated, yet the document's own text.
    last += closing_block_length([b.text for b in ours[last + 1 :]])
    if first > 0 and ours[first - 1].kind == "paragraph" and ours[first - 1].text.endswith(vocab.LEAD_IN_ENDINGS):
        first -= 1  # a notice's addressee line ("各市住房和城乡建设局：") opens the agreed article
    kept = [key for i, key in enumerate(our_keys) if first <= i <= last or _reads_as_prose(ours[i].text)]
    inserted_after: dict[int, list[BodyBlock]] = {}  # our index -> their-only blocks that follow it
    leading: list[BodyBlock] = []
    previous: int | None = None
    for j, block in enumerate(theirs):
        position = their_position[j]
        if position is not None:
            previous = position
            continue
        if repeats_ours(their_keys[j], kept):
            continue
        if previous is None:
            leading.append(block)
        else:
            inserted_after.setdefault(previous, []).append(block)

    trailing = inserted_after.pop(last, []) + [b for i in sorted(inserted_after) if i > last for b in inserted_after[i]]
    slots: list[_Slot] = [_Slot(b, None) for b in _edge_segment(leading)]
    for i, block in enumerate(ours):
        inside = first <= i <= last
        if inside or _reads_as_prose(block.text):
            slots.append(_Slot(block, i, anchor=our_anchor[i]))
        if i == last:
            slots.extend(_Slot(b, None) for b in _edge_segment(trailing))
        elif first <= i < last:
            slots.extend(_Slot(extra, None) for extra in inserted_after.get(i, ()))
    return slots


def _edge_segment(blocks: list[BodyBlock]) -> list[BodyBlock]:
    """Their blocks before or after the agreed region: all of them when the run is mostly prose
    (trafilatura saw more of the article than we did), else only its prose blocks."""
    if not blocks:
        return []
    total = sum(weighted_length(b.text) for b in blocks)
    prose = sum(weighted_length(b.text) for b in blocks if _reads_as_prose(b.text))
    if total and prose >= total * vocab.SECOND_OPINION_EDGE_PROSE_SHARE:
        return blocks
    return [b for b in blocks if _reads_as_prose(b.text)]


def apply_second_opinion(result: BodyResult, theirs: list[BodyBlock], judge_line: LineJudge | None) -> bool:
    """Replace result's blocks by the combination with trafilatura's; images and links follow their
    paragraphs. False (and result untouched) when trafilatura found nothing."""
    theirs = _filter_theirs(theirs, judge_line)
    if not theirs:
        return False
    slots = merge(result.blocks, theirs)
    if not slots:
        return False
    new_index: dict[int, int] = {}
    for position, slot in enumerate(slots):
        if slot.ours is not None:
            new_index[slot.ours] = position
    for index, block in enumerate(result.blocks):
        if index not in new_index:
            result.removed.append((CHOICE_RULE, clip(block.text)))
    kept_old = sorted(new_index)

    def place(old: int) -> int:
        before = [o for o in kept_old if o <= old]
        return new_index[before[-1]] if before else 0

    result.images[:] = [(place(p), src, alt, caption) for p, src, alt, caption in result.images] if kept_old else []
    result.links[:] = [(new_index[p], href, text) for p, href, text in result.links if p in new_index]
    result.blocks[:] = [slot.block for slot in slots]
    return True
