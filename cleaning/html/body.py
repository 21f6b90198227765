"""Generic main-content extraction: prune furniture, flatten to blocks, pick the densest container.

1. prune: drop non-content tags, hidden elements, furniture tags (nav, footer, aside) and elements
   whose class/id names furniture (vocab.BOILERPLATE_TOKENS) — unless they hold most of the text.
2. flatten: one walk of the tree emits text blocks (paragraph, heading, list item, quote, pre,
   table row) with their link share, images and links in page order.
3. score: each block votes for its ancestors with its punctuation count and weighted length
   (hanzi weigh more than latin letters), readability-style; a container's score is damped by its
   link density and adjusted by its tag and class vocabulary. The best container and its strong
   siblings are the article.
4. filter: inside the article, link lists and end-of-article sections go; every block that goes is
   recorded with the rule that removed it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from cleaning.html import vocab
from cleaning.html.dom import (
    class_tokens,
    collapse_spaces,
    count_punctuation,
    element_text,
    element_tokens,
    strip_controls,
    weighted_length,
    weighted_length_uncached,
)
from cleaning.lines import (
    closing_block_length,
    is_contact_line,
    is_document_issuer,
    is_signing_date,
    without_link_notes,
)

MAX_REMOVED_TEXT = 300


@dataclass(slots=True)
class Block:
    kind: str
    level: int | None
    text: str
    link_chars: int
    element: HtmlElement
    order: int
    prose: bool | None = None  # memo of _is_prose: several passes ask


@dataclass
class PendingImage:
    after_block: int  # number of blocks emitted before it
    src: str
    alt: str | None
    caption: str | None


@dataclass
class PendingLink:
    block: int  # index of the block the link text falls in
    href: str
    text: str | None


@dataclass
class Flattened:
    blocks: list[Block] = field(default_factory=list)
    images: list[PendingImage] = field(default_factory=list)
    links: list[PendingLink] = field(default_factory=list)


@dataclass
class BodyBlock:
    kind: str
    level: int | None
    text: str


@dataclass
class BodyResult:
    blocks: list[BodyBlock]
    images: list[tuple[int, str, str | None, str | None]]  # (position, src, alt, caption)
    links: list[tuple[int, str, str | None]]  # (position, href, text)
    removed: list[tuple[str, str]]  # (rule, text)
    signals: ChoiceSignals = field(default_factory=lambda: ChoiceSignals())


@dataclass
class ChoiceSignals:
    """How sure the container choice is; the caller reads it to decide whether to ask for a second opinion."""

    best_score: float = 0.0  # score of the chosen container
    runner_up_score: float = 0.0  # best container outside the chosen region (not nested with it)
    prose_total: float = 0.0  # weighted characters of prose blocks on the whole page
    prose_kept: float = 0.0  # ... of which inside the chosen region
    kept_weight: float = 0.0  # weighted characters kept as body
    kept_blocks: int = 0
    short_kept_blocks: int = 0  # kept blocks that are neither prose nor headings (captions, bylines, widgets)
    overridden: bool = False  # site rules chose the content: no doubt


def clip(text: str) -> str:
    return text if len(text) <= MAX_REMOVED_TEXT else text[: MAX_REMOVED_TEXT - 1] + "…"


# --------------------------------------------------------------------------------------------- prune


def _is_hidden(element: HtmlElement) -> bool:
    return _hidden_by(element.get("hidden"), element.get("aria-hidden"), element.get("style"))


def _hidden_by(hidden: str | None, aria_hidden: str | None, style: str | None) -> bool:
    if hidden is not None or aria_hidden == "true":
        return True
    if style:
        compact = style.replace(" ", "").lower()
        return any(marker in compact for marker in vocab.HIDDEN_STYLE_MARKERS)
    return False


def _furniture_rule(element: HtmlElement, tag: str) -> tuple[str, bool] | None:
    """(rule name, strong) when this element looks like furniture, else None.

    Strong rules remove the element outright; weak ones only when it holds no real paragraphs.
    """
    return _furniture_verdict(tag, element.get("role"), element.get("class"), element.get("id"))


@lru_cache(maxsize=16384)
def _furniture_verdict(tag: str, role: str | None, class_: str | None, id_: str | None) -> tuple[str, bool] | None:
    """`_furniture_rule` with the element's role, class and id already read. The verdict depends on nothing
    but these four strings, and a site repeats them on every page: memoised."""
    if tag in vocab.FURNITURE_TAGS:
        return f"html.{tag}", False
    if role and role.lower() in vocab.BOILERPLATE_ROLES:
        return f"html.role:{role.lower()}", False
    if tag in vocab.HEADING_TAGS:  # a heading's id is an anchor made from its words ("nav_nur_die_folie"), not a role
        tokens = class_tokens(class_) if class_ else frozenset()
    else:
        value = f"{class_ or ''} {id_ or ''}".strip()
        tokens = class_tokens(value) if value else frozenset()
    if not tokens:
        return None
    if tag in ("article", "main", "body"):
        return None
    content = bool(tokens & vocab.CONTENT_TOKENS)
    hit = tokens & vocab.STRONG_BOILERPLATE_TOKENS
    if hit:
        return f"html.class:{min(hit)}", not content
    hit = tokens & vocab.WEAK_BOILERPLATE_TOKENS
    if hit & vocab.LEADING_ONLY_TOKENS:
        hit = _drop_trailing_only(hit, class_, id_)
    if hit:
        return f"html.class:{min(hit)}", False
    joined = f"{class_ or ''} {id_ or ''}".lower()
    for word in vocab.NOT_BOILERPLATE_WORDS:
        joined = joined.replace(word, " ")
    for fragment in vocab.BOILERPLATE_SUBSTRINGS:
        if fragment in joined:
            return f"html.class:{fragment}", False  # a fragment may sit in a wrapper's name
    return None


_CLASS_PARTS = re.compile(r"[-_]+")
_SPELLED_OUT_ADDRESS = re.compile(r"^(?:https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$")


def _drop_trailing_only(hit: frozenset[str], class_: str | None, id_: str | None) -> frozenset[str]:
    """ "hidden-xs" and "u-hide-from-desktop" hide an element, "field-label-hidden" only says that its label
    is hidden: these tokens count as a whole class word or before another part of one, never as its last part."""
    words = f"{class_ or ''} {id_ or ''}".lower().split()
    leading: set[str] = set()
    for word in words:
        parts = _CLASS_PARTS.split(word)
        leading.update(parts[:-1] if len(parts) > 1 else parts)
    return frozenset(token for token in hit if token not in vocab.LEADING_ONLY_TOKENS or token in leading)


def _holds_paragraphs(element: HtmlElement, full_text: str | None = None, link_share: float | None = None) -> bool:
    """True when the element contains real paragraphs: long, mostly non-link text blocks.

    `full_text` and `link_share` are the element's text and `_link_share` when the caller has them already."""
    if full_text is None:
        full_text = element.text_content()
    # A hanzi weighs CJK_CHAR_WEIGHT at most: shorter texts cannot reach the threshold, skip measuring them.
    if len(full_text) * max(vocab.CJK_CHAR_WEIGHT, 1.0) >= vocab.MIN_CONTENT_CHARS_THAT_PROTECT:
        total = weighted_length_uncached(full_text)
        if total >= vocab.MIN_CONTENT_CHARS_THAT_PROTECT:
            if link_share is None:
                link_share = _link_share(element, full_text)
            if link_share < 0.25:
                return True
    found = 0
    for inner in element.iter("p", "div", "td", "li", "section", "pre", "blockquote"):
        text = inner.text or ""
        for child in inner:
            if isinstance(child.tag, str) and child.tag not in vocab.BLOCK_TAGS and child.tag != "a":
                text += element_text(child)
            text += child.tail or ""
        if weighted_length_uncached(text.strip()) >= vocab.MIN_PARAGRAPH_CHARS:
            found += 1
            if found >= vocab.PARAGRAPHS_THAT_PROTECT:
                return True
    return False


def prune(
    body: HtmlElement, removed: list[tuple[str, str]], extra_drop: list[tuple[str, HtmlElement]] | None = None
) -> None:
    """Remove furniture in place, recording what went. Weakly-named elements with paragraphs stay.

    `extra_drop` holds (selector, element) pairs a site rule asked to drop ("rules.drop:<selector>").
    """
    _prune(body, removed, extra_drop)


# The attributes the pruning rules read: an element with none of them (most links and paragraphs) is kept
# unless its tag names furniture, as `_hidden_by` and `_furniture_verdict` would say with them all None.
_PRUNING_ATTRIBUTES = frozenset({"hidden", "aria-hidden", "style", "role", "class", "id"})


def _prune(
    body: HtmlElement, removed: list[tuple[str, str]], extra_drop: list[tuple[str, HtmlElement]] | None
) -> list[HtmlElement]:
    """`prune`, returning the elements that stayed. Holding them keeps lxml from building (and classifying)
    a fresh Python proxy each time a later pass meets the same element."""
    apply_drops(extra_drop or [], removed)
    drop_tags = vocab.DROP_TAGS
    furniture_tags = vocab.FURNITURE_TAGS
    survivors: list[HtmlElement] = []
    stack: list[HtmlElement] = [body]
    while stack:
        parent = stack.pop()
        kept: list[HtmlElement] = []
        for child in list(parent):
            tag = child.tag
            if tag.__class__ is not str:
                child.drop_tree()
                continue
            tag = tag.lower()
            if tag in drop_tags:
                child.drop_tree()
                continue
            names = child.keys()
            if names and not _PRUNING_ATTRIBUTES.isdisjoint(names):
                get = dict(child.items()).get
                if _hidden_by(get("hidden"), get("aria-hidden"), get("style")) and (
                    get("id") not in vocab.SHOWN_BY_SCRIPT_IDS
                ):
                    text = _removed_text(child.text_content())
                    if text:
                        removed.append(("html.hidden", text))
                    _drop_block(child, tag)
                    continue
                verdict = _furniture_verdict(tag, get("role"), get("class"), get("id"))
            elif tag in furniture_tags:  # none of those attributes: only the tag can name furniture
                verdict = f"html.{tag}", False
            else:
                kept.append(child)
                continue
            if verdict is not None:
                rule, strong = verdict
                full_text = child.text_content()
                if strong or _removable(child, full_text):
                    text = _removed_text(
                        _spaced_text(child, full_text) if len(full_text) <= MAX_SPACED_TEXT else full_text
                    )
                    if text:
                        removed.append((rule, text))
                    _drop_block(child, tag)
                    continue
            kept.append(child)
        if kept:
            survivors += kept
            kept.reverse()
            stack += kept  # document order, so the audit reads like the page
    return survivors


def _drop_block(element: HtmlElement, tag: str) -> None:
    """Remove `element`; a block element leaves a space, so the inline texts around it do not run together
    ("5 min read" and "Mar 11, 2024" either side of a hidden "·" div)."""
    if tag in vocab.BLOCK_TAGS:
        element.tail = " " + (element.tail or "")
    element.drop_tree()


def apply_drops(drops: list[tuple[str, HtmlElement]], removed: list[tuple[str, str]]) -> None:
    for selector, element in drops:
        if element.getparent() is not None:
            removed.append((f"rules.drop:{selector}", _removed_text(element.text_content())))
            element.drop_tree()


def _removable(element: HtmlElement, full_text: str) -> bool:
    """A weakly-named furniture element goes when it is mostly links or holds no real paragraphs."""
    link_share = _link_share(element, full_text)
    return link_share > 0.5 or not _holds_paragraphs(element, full_text, link_share)


def _link_share(element: HtmlElement, full_text: str | None = None) -> float:
    text_len = len(element.text_content() if full_text is None else full_text) or 1
    # A link inside a link counts once per link, as its text is in both. Links hold few children: their texts
    # are read one by one (`element_text`), cheaper than XPath calls over the element.
    link_len = sum(len(element_text(a)) for a in element.iter("a"))
    return link_len / text_len


# A removed element's text is only kept clipped: cleaning its first characters is enough. A short prefix
# first (most texts fold little whitespace), a longer one for pages indented with runs of spaces.
_REMOVED_TEXT_PREFIXES = (2 * MAX_REMOVED_TEXT, 8 * MAX_REMOVED_TEXT)


MAX_SPACED_TEXT = 200  # a removed element this short may be a metadata line: its blocks' texts are kept apart


def _spaced_text(element: HtmlElement, full_text: str | None = None) -> str:
    """The element's text with a space where a block element starts or ends: `<div><a>Lauri Chen</a></div>
    <div>Apr 02, 2024</div>` reads "Lauri Chen Apr 02, 2024", not "Lauri ChenApr 02, 2024".

    `full_text`: the element's `text_content()` when the caller has it; with no block element inside (most
    removed elements: a link, a short line) that is already the answer, found without walking the subtree."""
    block_tags = vocab.BLOCK_TAGS
    if full_text is not None:
        # A plain loop over the (few) descendants: filtering by 40 tag names makes lxml look each name up
        # in the document's dictionary on every call, several times the cost of the loop itself.
        for node in element.iterdescendants():
            if node.tag in block_tags:
                break
        else:
            return full_text
    parts: list[str] = []
    if element.text:
        parts.append(element.text)
    _append_spaced(element, block_tags, parts)
    return "".join(parts)


def _append_spaced(parent: HtmlElement, block_tags: frozenset[str], parts: list[str]) -> None:
    """`_spaced_text`'s walk below `parent`: each child element's text (a space either side of a block element,
    its own texts inside them) and then its tail, in document order."""
    for node in parent:
        tag = node.tag
        if tag.__class__ is not str:
            continue  # the walk this replaced (etree.iterwalk) passes comments by, their tails too
        if tag in block_tags:
            parts.append(" ")
            if node.text:
                parts.append(node.text)
            if len(node):
                _append_spaced(node, block_tags, parts)
            parts.append(" ")
        else:
            if node.text:
                parts.append(node.text)
            if len(node):
                _append_spaced(node, block_tags, parts)
        if node.tail:
            parts.append(node.tail)


def _removed_text(text: str) -> str:
    """clip(collapse_spaces(text)) without cleaning all of a long text.

    collapse_spaces works on whitespace runs and single characters, so the cleaned form of a prefix is a
    prefix of the cleaned whole; once it is longer than the clip it decides the clipped result alone."""
    for prefix in _REMOVED_TEXT_PREFIXES:
        if len(text) <= prefix:
            break
        head = collapse_spaces(text[:prefix])
        if len(head) > MAX_REMOVED_TEXT:
            return clip(head)
    return clip(collapse_spaces(text))


# ------------------------------------------------------------------------------------------- flatten


def _simple_row(row: HtmlElement) -> list[str] | None:
    """Cells of a table row that is data, not layout: 2+ cells and no block content inside."""
    cells = [cell for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
    if len(cells) < 2:
        return None
    for cell in cells:
        for inner in cell.iterdescendants():
            if isinstance(inner.tag, str) and inner.tag in ("table", "p", "div", "ul", "ol", "br", "li"):
                return None
    texts = [collapse_spaces(element_text(cell)) for cell in cells]
    return texts if any(texts) else None


# Pages of one site repeat their menu and footer links: resolve each (base, href) once.
_resolve = lru_cache(maxsize=8192)(urljoin)


def flatten(body: HtmlElement, base_url: str | None) -> Flattened:
    """One walk in document order: text blocks, images and links."""
    out = Flattened()
    blocks = out.blocks
    buffer: list[str] = []
    link_chars = 0
    link_depth = 0
    stack: list[HtmlElement] = []  # open block elements
    quote_depth = 0
    pre_depth = 0
    pending_links: list[tuple[str, str]] = []  # (href, text) in the current buffer
    block_tags = vocab.BLOCK_TAGS
    heading_tags = vocab.HEADING_TAGS
    kind_by_tag = vocab.PARAGRAPH_KIND_BY_TAG

    def flush() -> None:  # only called with a non-empty buffer
        nonlocal link_chars
        raw = "".join(buffer)
        buffer.clear()
        chars = link_chars
        link_chars = 0
        if not raw.strip(" \t\n\r"):  # markup indentation between blocks: both cleanings give ""
            pending_links.clear()
            return
        if pre_depth:
            text = strip_controls("\n".join(line.rstrip() for line in raw.strip("\n").splitlines()).strip())
        else:
            text = collapse_spaces(raw)
            if pending_links:  # "the report, opens new tab": screen-reader text inside a link
                text = without_link_notes(text)
        if not text:
            pending_links.clear()
            return
        owner = stack[-1] if stack else body
        tag = owner.tag if isinstance(owner.tag, str) else "div"
        level = heading_tags.get(tag)
        if level is not None:
            kind = "heading"
        elif pre_depth:
            kind = "preformatted"
        elif quote_depth:
            kind = "quote"
        else:
            kind = kind_by_tag.get(tag, "paragraph")
        index = len(blocks)
        blocks.append(Block(kind, level, text, min(chars, len(text)), owner, index))
        if pending_links:
            out.links.extend(PendingLink(index, href, label or None) for href, label in pending_links)
            pending_links.clear()

    walker = etree.iterwalk(body, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag in block_tags:
                # An empty buffer makes no block; the links it collected (around images) go with it.
                if buffer and (len(buffer) > 1 or buffer[0].strip(" \t\n\r")):
                    flush()
                else:
                    buffer.clear()
                    pending_links.clear()
                if tag == "tr":
                    cells = _simple_row(element)
                    if cells is not None:
                        text = " | ".join(cell for cell in cells if cell)
                        blocks.append(Block("table_row", None, text, 0, element, len(blocks)))
                        walker.skip_subtree()
                        stack.append(element)
                        continue
                stack.append(element)
                if tag == "blockquote":
                    quote_depth += 1
                elif tag == "pre":
                    pre_depth += 1
            if tag == "a":
                link_depth += 1
                href = element.get("href")
                if href and not href.startswith(("javascript:", "#", "mailto:")):
                    label = without_link_notes(collapse_spaces(element_text(element)))
                    pending_links.append((_resolve(base_url, href) if base_url else href, label))
            elif tag == "img":
                src = element.get("src") or element.get("data-src") or element.get("data-original")
                if src and not src.startswith("data:"):
                    alt = collapse_spaces(element.get("alt") or "") or None
                    out.images.append(
                        PendingImage(
                            len(blocks) + (1 if buffer else 0),
                            _resolve(base_url, src) if base_url else src,
                            alt,
                            None,
                        )
                    )
            text = element.text
            if text:
                buffer.append(text)
                if link_depth:
                    link_chars += len(text.strip())
        else:  # end
            if tag == "a":
                link_depth -= 1
            if tag in block_tags:
                if buffer and (len(buffer) > 1 or buffer[0].strip(" \t\n\r")):
                    flush()
                else:  # nothing but markup indentation: no block
                    buffer.clear()
                    pending_links.clear()
                if stack and stack[-1] is element:
                    stack.pop()
                if tag == "blockquote":
                    quote_depth -= 1
                elif tag == "pre":
                    pre_depth -= 1
            tail = element.tail
            if tail and element is not body:
                buffer.append(tail)
                if link_depth:
                    link_chars += len(tail.strip())
    if buffer:
        flush()
    _attach_captions(out)
    return out


def _attach_captions(out: Flattened) -> None:
    """A figcaption block right after an image becomes the image's caption."""
    for image in out.images:
        if image.after_block < len(out.blocks):
            block = out.blocks[image.after_block]
            if block.element.tag == "figcaption" or any(a.tag == "figcaption" for a in block.element.iterancestors()):
                image.caption = block.text


# --------------------------------------------------------------------------------------------- score


def _block_score(block: Block) -> float:
    """A block's vote: prose (long, punctuated, few links) votes; link lists and bare names do not."""
    text = block.text
    # The cheap refusals first; each one alone makes the vote 0.
    if block.kind == "heading" or block.link_chars > len(text) * vocab.MAX_LINK_DENSITY:
        return 0.0
    length = weighted_length(text)
    if length < vocab.MIN_BLOCK_CHARS_FOR_SCORE:
        return 0.0
    punctuation = count_punctuation(text)
    if punctuation == 0 and length < vocab.SENTENCE_MIN_CHARS:
        return 0.0
    return 1.0 + punctuation * vocab.PUNCTUATION_SCORE + min(length / vocab.LENGTH_SCORE_PER, vocab.LENGTH_SCORE_MAX)


def _class_weight(element: HtmlElement) -> float:
    tokens = element_tokens(element)
    if not tokens:
        return 0.0
    weight = 0.0
    if tokens & vocab.CONTENT_TOKENS:
        weight += vocab.SCORE_CONTENT_TOKEN_BONUS
    if tokens & vocab.BOILERPLATE_TOKENS:
        weight -= vocab.SCORE_BOILERPLATE_TOKEN_PENALTY
    return weight


@dataclass(slots=True)
class Candidate:
    element: HtmlElement
    votes: float = 0.0
    chars: int = 0
    link_chars: int = 0
    _score: float | None = field(default=None, repr=False, compare=False)

    @property
    def score(self) -> float:
        """Read only once the votes and characters are final (after `score_containers`): memoised."""
        score = self._score
        if score is None:
            score = self._score = self._compute_score()
        return score

    def _compute_score(self) -> float:
        tag = self.element.tag if isinstance(self.element.tag, str) else ""
        # Names and tags adjust a container's own evidence; they cannot stand in for it.
        adjustment = vocab.SCORE_TAG_BONUS.get(tag, 0.0) + _class_weight(self.element)
        base = self.votes + max(-self.votes, min(adjustment, self.votes))
        density = self.link_chars / self.chars if self.chars else 0.0
        return base * (1.0 - density)


class _Ancestry:
    """Ancestor chains of the page's elements, each walked once: (parent, grandparent, ..., top).

    A chain ends at `top` (the scored body) or at the document root. The memo also holds the element
    proxies alive, so lxml does not rebuild them for every later question about the same element."""

    __slots__ = ("_chains", "captions")

    def __init__(self, top: HtmlElement | None) -> None:
        self._chains: dict[HtmlElement, tuple[HtmlElement, ...]] = {} if top is None else {top: ()}
        self.captions: dict[HtmlElement, object] = {}  # memo of _caption_verdict

    def of(self, element: HtmlElement) -> tuple[HtmlElement, ...]:
        chains = self._chains
        chain = chains.get(element)
        if chain is not None:
            return chain
        path: list[HtmlElement] = []
        node = element
        while node not in chains:
            parent = node.getparent()
            if parent is None:
                chains[node] = ()
                break
            path.append(node)
            node = parent
        for node in reversed(path):
            parent = node.getparent()
            chains[node] = (parent, *chains[parent])
        return chains[element]


def score_containers(
    blocks: list[Block], body: HtmlElement, ancestry: _Ancestry | None = None
) -> dict[HtmlElement, Candidate]:
    """Every container a block sits in (up to `body`) gets the block's characters and link characters;
    the nearest ones (vocab.ANCESTOR_DECAY) its vote. Candidates are listed in order of first vote."""
    candidates: dict[HtmlElement, Candidate] = {}
    decay = vocab.ANCESTOR_DECAY
    reach = len(decay)
    # Chains stop at `body`: it is the last container a block votes for.
    chains = ancestry if ancestry is not None else _Ancestry(body)
    # Each candidate's parent candidate and depth, known when it is listed: its chain is the rest of the block's.
    parents: dict[HtmlElement, Candidate | None] = {}
    depths: dict[HtmlElement, int] = {}
    for block in blocks:
        vote = _block_score(block)
        element = block.element
        # A block's own element is its first container unless it is a paragraph-level tag.
        chain = chains.of(element)
        if element.tag not in _LEAF_BLOCKS:
            chain = (element, *chain)
        if not chain:
            continue
        # Once a container is listed, so are all above it: list only the new ones.
        last = len(chain) - 1
        child: HtmlElement | None = None
        for index, ancestor in enumerate(chain):
            known = candidates.get(ancestor)
            if known is not None:
                if child is not None:
                    parents[child] = known
                break
            candidate = candidates[ancestor] = Candidate(ancestor)
            depths[ancestor] = last - index
            parents[ancestor] = None
            if child is not None:
                parents[child] = candidate
            child = ancestor
        first = candidates[chain[0]]
        first.chars += len(block.text)  # summed up the chain below
        first.link_chars += block.link_chars
        if vote:
            for depth in range(min(reach, len(chain))):
                candidates[chain[depth]].votes += vote * decay[depth]
    # Children before parents: each container passes its total to its parent.
    for candidate in sorted(candidates.values(), key=lambda c: depths[c.element], reverse=True):
        parent = parents[candidate.element]
        if parent is not None:
            parent.chars += candidate.chars
            parent.link_chars += candidate.link_chars
    return candidates


_LEAF_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "tr", "br"})


def _self_and_ancestors(element: HtmlElement):  # type: ignore[no-untyped-def]
    yield element
    yield from element.iterancestors()


def choose_content(candidates: dict[HtmlElement, Candidate], body: HtmlElement) -> list[HtmlElement]:
    """The best container plus siblings that score well; empty when nothing scored."""
    scored = [c for c in candidates.values() if c.votes > 0]
    if not scored:
        return []
    best = max(scored, key=lambda c: c.score)
    top = best.element
    # Climb while the parent holds the same text (a lone wrapper) or is clearly the better article.
    while top is not body:
        parent = top.getparent()
        if parent is None:
            break
        parent_candidate = candidates.get(parent)
        if parent_candidate is None:
            break
        own = candidates[top]
        if parent_candidate.chars <= own.chars * 1.05 and parent is not body:
            top = parent
            continue
        break
    chosen = [top]
    parent = top.getparent()
    if parent is None or top is body:
        return chosen
    threshold = max(vocab.SIBLING_MIN_SCORE, candidates[top].score * vocab.SIBLING_SCORE_SHARE)
    for sibling in parent:
        if sibling is top or not isinstance(sibling.tag, str):
            continue
        candidate = candidates.get(sibling)
        if candidate is None:
            continue
        if candidate.score >= threshold:
            chosen.append(sibling)
            continue
        if sibling.tag == "p" and candidate.chars > 80 and candidate.link_chars < candidate.chars * 0.25:
            chosen.append(sibling)
            continue
        # The article's next page or part in a twin container (pdf2htmlEX's "pf" pages, a long text split
        # in "section" divs): the same tag and class as the chosen one, with text rather than links.
        if (
            sibling.tag == top.tag
            and top.get("class")
            and sibling.get("class") == top.get("class")
            and candidate.chars >= vocab.TWIN_CONTAINER_MIN_CHARS
            and candidate.link_chars < candidate.chars * vocab.TWIN_CONTAINER_MAX_LINK_SHARE
        ):
            chosen.append(sibling)
    return chosen


# -------------------------------------------------------------------------------------------- select


# text -> (rule name that removes it, whether the article ends there), or None to keep it
LineJudge = Callable[[str], tuple[str, bool] | None]


_END_OF_ARTICLE_HEADINGS = frozenset(vocab.END_OF_ARTICLE_HEADINGS)


def _is_end_heading(text: str) -> bool:
    # Stripping before lower-casing gives the same string (no letter lower-cases to a stripped mark), and
    # lower-casing never shortens a text: a long one is refused without lower-casing it.
    stripped = text.strip(" :：>»›→|-")
    return len(stripped) <= 30 and len(lowered := stripped.lower()) <= 30 and lowered in _END_OF_ARTICLE_HEADINGS


class _Region:
    """Whether an element lies inside (or is) one of the chosen containers, answered once per element."""

    __slots__ = ("_ancestry", "_answers", "_roots")

    def __init__(self, roots: list[HtmlElement], ancestry: _Ancestry) -> None:
        self._roots = set(roots)
        self._ancestry = ancestry
        self._answers: dict[HtmlElement, bool] = {}

    def holds(self, element: HtmlElement) -> bool:
        answer = self._answers.get(element)
        if answer is None:
            roots = self._roots
            answer = self._answers[element] = element in roots or not roots.isdisjoint(self._ancestry.of(element))
        return answer


def _opens_closing_block(blocks: list[Block], index: int, chosen: set[HtmlElement] | None) -> bool:
    """Does the block at `index` (a footer-like contact line) start an official document's closing
    block, read with the chosen blocks after it?"""
    if not is_contact_line(blocks[index].text):
        return False
    following = [
        b.text for b in blocks[index : index + vocab.CLOSING_LOOKAHEAD_BLOCKS] if chosen is None or b.element in chosen
    ]
    return closing_block_length(following) > 0


def is_signing_line(kept: list[BodyBlock], text: str) -> bool:
    """An official document's signing date right after its issuer (落款): the document's own text,
    not a date line for the line rules to remove."""
    return bool(kept) and is_signing_date(text) and is_document_issuer(kept[-1].text)


def extract_body(
    body: HtmlElement,
    *,
    base_url: str | None,
    judge_line: LineJudge | None = None,
    content_override: list[HtmlElement] | None = None,
    drop_override: list[tuple[str, HtmlElement]] | None = None,
) -> BodyResult:
    removed: list[tuple[str, str]] = []
    chosen: set[HtmlElement] | None
    if content_override:
        apply_drops(drop_override or [], removed)  # drops first: they may sit inside the content element
        survivors = [_prune(element, removed, None) for element in content_override]
        chosen_roots = content_override
        flat_parts = [flatten(element, base_url) for element in content_override]
        flat = _concat(flat_parts)
        chosen = None
        signals = ChoiceSignals(overridden=True)
        ancestry = _Ancestry(None)  # captions may sit above the content element: walk to the root
    else:
        survivors = [_prune(body, removed, drop_override)]
        flat = flatten(body, base_url)
        ancestry = _Ancestry(body)
        candidates = score_containers(flat.blocks, body, ancestry)
        chosen_roots = choose_content(candidates, body)
        region = _Region(chosen_roots, ancestry)
        chosen = {block.element for block in flat.blocks if region.holds(block.element)}
        _extend_with_adjacent_prose(flat.blocks, chosen)
        signals = _choice_signals(candidates, chosen_roots, region, flat.blocks, chosen)

    kept: list[BodyBlock] = []
    new_index: dict[int, int] = {}
    ended = False
    kept_weight = 0.0
    captions: dict[HtmlElement, bool] = {}
    for index, block in enumerate(flat.blocks):
        if chosen is not None and block.element not in chosen:
            removed.append(("density.low", clip(block.text)))
            continue
        if ended:
            removed.append(("html.end_of_article", clip(block.text)))
            continue
        in_caption = captions.get(block.element)
        if in_caption is None:
            in_caption = captions[block.element] = _in_caption_along(block.element, ancestry)
        if in_caption:
            removed.append(("html.caption", clip(block.text)))  # kept as the image's caption
            continue
        if _is_end_heading(block.text):
            # Before much article text, such a line is a widget inside the header: drop only it.
            ended = kept_weight >= vocab.MIN_CHARS_BEFORE_ARTICLE_END
            removed.append(("html.end_of_article", clip(block.text)))
            continue
        length = len(block.text)
        if (
            block.link_chars > length * vocab.MAX_LINK_DENSITY
            and length <= vocab.LINK_BLOCK_MAX_CHARS
            and not _SPELLED_OUT_ADDRESS.match(block.text)  # a printed URL or e-mail is a reference, not a menu
        ):
            removed.append(("density.links", clip(block.text)))
            continue
        if judge_line is not None and block.kind != "preformatted" and not is_signing_line(kept, block.text):
            verdict = judge_line(block.text)
            if verdict is not None and not (
                (block.kind == "table_row" and verdict[0] in vocab.TABLE_ROW_EXEMPT_LINE_RULES)
                # a notice's contact line before its issuer and signing date is the notice's text
                or (verdict[1] and _opens_closing_block(flat.blocks, index, chosen))
            ):
                rule, ends_article = verdict
                removed.append((rule, clip(block.text)))
                if ends_article and kept_weight >= vocab.MIN_CHARS_BEFORE_ARTICLE_END:
                    ended = True
                continue
        new_index[block.order] = len(kept)
        kept.append(BodyBlock(block.kind, block.level, block.text))
        kept_weight += weighted_length(block.text)

    images = _place_images(flat, new_index, None)
    links = [
        (new_index[link.block], link.href, link.text) for link in flat.links if link.block in new_index and link.href
    ]
    signals.kept_weight = kept_weight
    signals.kept_blocks = len(kept)
    signals.short_kept_blocks = sum(
        1 for b in kept if b.kind != "heading" and weighted_length(b.text) < vocab.PROSE_MIN_CHARS
    )
    del survivors  # held until here so lxml keeps one proxy per element for the whole extraction
    return BodyResult(kept, images, links, removed, signals)


def _choice_signals(
    candidates: dict[HtmlElement, Candidate],
    chosen_roots: list[HtmlElement],
    region: _Region,
    blocks: list[Block],
    chosen: set[HtmlElement],
) -> ChoiceSignals:
    signals = ChoiceSignals()
    if not chosen_roots:
        return signals
    above = {element for root in chosen_roots for element in root.iterancestors()}
    for candidate in candidates.values():
        if candidate.votes <= 0:
            continue
        element = candidate.element
        if element in above or region.holds(element):
            signals.best_score = max(signals.best_score, candidate.score)
            continue
        signals.runner_up_score = max(signals.runner_up_score, candidate.score)
    for block in blocks:
        if _is_prose(block):
            weight = weighted_length(block.text)
            signals.prose_total += weight
            if block.element in chosen:
                signals.prose_kept += weight
    return signals


def _in_caption(element: HtmlElement) -> bool:
    """The block sits in a figure caption or a picture credit (figcaption, class "wp-caption", "credit")."""
    return _in_caption_along(element, None)


def _in_caption_along(element: HtmlElement, ancestry: _Ancestry | None) -> bool:
    if ancestry is None:
        nodes = _self_and_ancestors(element)
        for depth, node in enumerate(nodes):
            if depth > vocab.CAPTION_MAX_DEPTH:
                return False
            verdict = _caption_verdict(node)
            if verdict is not None:
                return verdict
        return False
    verdicts = ancestry.captions
    verdict = verdicts.get(element, _UNSEEN)
    if verdict is _UNSEEN:
        verdict = verdicts[element] = _caption_verdict(element)
    if verdict is not None:
        return verdict
    for node in ancestry.of(element)[: vocab.CAPTION_MAX_DEPTH]:
        verdict = verdicts.get(node, _UNSEEN)
        if verdict is _UNSEEN:
            verdict = verdicts[node] = _caption_verdict(node)
        if verdict is not None:
            return verdict
    return False


_UNSEEN = object()


def _caption_verdict(node: HtmlElement) -> bool | None:
    """True: a caption container; False: a container no caption reaches beyond; None: look further up."""
    tag = node.tag
    if tag in ("figcaption", "figure"):
        return True
    if tag in ("article", "main", "body"):
        return False
    if element_tokens(node) & vocab.CAPTION_TOKENS:
        return True
    return None


def _is_prose(block: Block) -> bool:
    prose = block.prose
    if prose is None:
        prose = block.prose = _text_is_prose(block.text) if _few_links(block) else False
    return prose


def _few_links(block: Block) -> bool:
    return block.link_chars <= len(block.text) * vocab.PROSE_MAX_LINK_DENSITY


def _extend_with_adjacent_prose(blocks: list[Block], chosen: set[HtmlElement]) -> None:
    """Articles split over several containers (an ad or a widget in between): prose blocks right
    before, after or between the chosen ones join them; a run of non-prose blocks stops the walk."""
    inside = [i for i, block in enumerate(blocks) if block.element in chosen]
    if not inside:
        return
    first, last = inside[0], inside[-1]
    for index in range(first + 1, last):
        if blocks[index].element not in chosen and _is_prose(blocks[index]):
            chosen.add(blocks[index].element)
    for direction, start in ((1, last + 1), (-1, first - 1)):
        gap = 0
        index = start
        while 0 <= index < len(blocks) and gap <= vocab.PROSE_GAP_BLOCKS:
            block = blocks[index]
            if _is_prose(block):
                chosen.add(block.element)
                gap = 0
            else:
                gap += 1
            index += direction


def _place_images(
    flat: Flattened, new_index: dict[int, int], chosen_ids: set[int] | None
) -> list[tuple[int, str, str | None, str | None]]:
    placed: list[tuple[int, str, str | None, str | None]] = []
    kept_orders = sorted(new_index)
    if not kept_orders:
        return placed
    first, last = kept_orders[0], kept_orders[-1]
    for image in flat.images:
        # Only images within the article's span of blocks; position = index of the kept paragraph before it.
        if image.after_block <= first - 1 or image.after_block > last + 1:
            continue
        before = bisect_left(kept_orders, image.after_block)  # kept blocks that come before the image
        position = new_index[kept_orders[before - 1]] if before else 0
        placed.append((position, image.src, image.alt, image.caption))
    del chosen_ids
    return placed


def _concat(parts: list[Flattened]) -> Flattened:
    if len(parts) == 1:
        return parts[0]
    out = Flattened()
    for part in parts:
        offset = len(out.blocks)
        for block in part.blocks:
            block.order += offset
            out.blocks.append(block)
        out.images.extend(PendingImage(i.after_block + offset, i.src, i.alt, i.caption) for i in part.images)
        out.links.extend(PendingLink(link.block + offset, link.href, link.text) for link in part.links)
    return out


_TRAILING_CREDIT = re.compile(r"\s*[（(][^（()）]{1,24}[)）]\s*$")  # "……的城！（评论员 罗博）"


def _ends_sentence(text: str) -> bool:
    """Ends with a full stop, possibly followed by closing quotes or a short attribution ("。——汪勇")."""
    tail = _TRAILING_CREDIT.sub("", text).rstrip(" \"'”’)）」』")
    if tail.endswith(vocab.SENTENCE_END):
        return True
    window = tail[-vocab.ATTRIBUTION_MAX_CHARS :]
    return any(dash in window for dash in ("——", " — ", " - ")) and any(end in window for end in vocab.SENTENCE_END)


def _is_bracketed_note(text: str) -> bool:
    """ "（应受访者要求，文中为化名。）", "(Reporting by ...)": an editorial note that belongs to the article."""
    return text[:1] in "(（[【" and text[-1:] in ")）]】" and weighted_length(text) >= vocab.TAIL_NOTE_MIN_CHARS


def trim_tail(result: BodyResult) -> None:
    """After the article's last prose block, short blocks that are not sentences are furniture that
    survived pruning (share prompts, tag lists, "next article", contact labels): they go."""
    blocks = result.blocks
    last_prose = -1
    for index, block in enumerate(blocks):
        if block.kind not in ("heading", "table_row") and _text_is_prose(block.text):
            last_prose = index
    if last_prose < 0:
        return
    cut = len(blocks)
    # An official document's closing block (issuer, signing date, ...) stays after its last sentence.
    closing_end = last_prose + closing_block_length([b.text for b in blocks[last_prose + 1 :]])
    for index in range(len(blocks) - 1, closing_end, -1):
        block = blocks[index]
        if block.kind in ("preformatted", "table_row", "list_item"):
            break
        if block.kind == "heading":  # a heading with no prose after it heads nothing of the article
            cut = index
            continue
        if weighted_length(block.text) >= vocab.TAIL_MIN_CHARS and _ends_sentence(block.text):
            break
        if _is_bracketed_note(block.text):
            break
        cut = index
    if cut == len(blocks):
        return
    for block in blocks[cut:]:
        result.removed.append(("html.after_article", clip(block.text)))
    del blocks[cut:]
    result.links[:] = [link for link in result.links if link[0] < cut]
    result.images[:] = [(min(p, cut - 1), s, a, c) for p, s, a, c in result.images]


def _text_is_prose(text: str) -> bool:
    punctuation = count_punctuation(text)
    return weighted_length(text) >= vocab.PROSE_MIN_CHARS and punctuation >= vocab.PROSE_MIN_PUNCTUATION


def trim_head(result: BodyResult) -> None:
    """Before the article's first prose block, short lines that are not sentences (kickers, section
    names, picture credits, "table of contents") go; a heading right before the prose stays."""
    blocks = result.blocks
    first_prose = next(
        (i for i, b in enumerate(blocks) if b.kind not in ("heading", "table_row") and _text_is_prose(b.text)), -1
    )
    if first_prose <= 0:
        return
    # A run of numbered part headings right before the first sentence ("第一章 总则" / "Chapter I …") opens it.
    opening = first_prose
    while opening > 0 and _is_section_heading(blocks[opening - 1].text):
        opening -= 1
    drop: list[int] = []
    for index in range(first_prose):
        block = blocks[index]
        if block.kind in ("preformatted", "table_row", "list_item") or index >= opening:
            continue
        if block.kind == "heading" and index == first_prose - 1:
            continue
        if (
            index == first_prose - 1
            and block.kind == "paragraph"
            and block.text.rstrip().endswith(vocab.LEAD_IN_ENDINGS)
        ):
            continue
        if weighted_length(block.text) >= vocab.TAIL_MIN_CHARS or _ends_sentence(block.text):
            continue
        drop.append(index)
    if not drop:
        return
    _delete_blocks(result, drop, "html.before_article")


_SECTION_HEADING = re.compile("|".join(vocab.SECTION_HEADING_PATTERNS))


def _is_section_heading(text: str) -> bool:
    return len(text) <= 80 and _SECTION_HEADING.match(text.strip()) is not None


def _delete_blocks(result: BodyResult, indexes: list[int], rule: str) -> None:
    gone = set(indexes)
    new_index: dict[int, int] = {}
    kept: list[BodyBlock] = []
    for index, block in enumerate(result.blocks):
        if index in gone:
            result.removed.append((rule, clip(block.text)))
            continue
        new_index[index] = len(kept)
        kept.append(block)
    result.blocks[:] = kept
    result.links[:] = [(new_index[p], h, t) for p, h, t in result.links if p in new_index]
    if not kept:
        result.images.clear()
        return
    survivors = sorted(new_index)
    placed = []
    for p, src, alt, caption in result.images:
        before = [o for o in survivors if o <= p]
        placed.append((new_index[before[-1]] if before else 0, src, alt, caption))
    result.images[:] = placed
