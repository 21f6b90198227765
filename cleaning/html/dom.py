"""Parsing and small DOM helpers shared by the body and metadata readers (lxml only, parse once)."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree, html
from lxml.html import HtmlElement

from cleaning.html.vocab import CJK_CHAR_WEIGHT, PUNCTUATION

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_TOKEN_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
_SPACES_BUT_IDEOGRAPHIC = re.compile(r"[ \t\r\n\f\v\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\ufeff]+")
_CJK_CLASS = "[\u3001-\u303f\u3400-\u9fff\uff00-\uffef]"
# Whitespace with a line break between two CJK characters is a source-code line wrap, not a word gap. The CJK
# character before it is matched (and put back) rather than looked behind for: the regex engine then skips
# to the CJK characters instead of trying a lookbehind at every position.
_CJK_WRAP_CJK = re.compile(rf"({_CJK_CLASS})[ \t]*[\r\n][ \t\r\n]*(?={_CJK_CLASS})")
# Counting runs instead of single characters: Chinese text is long runs, so far fewer matches.
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


_ASCII_PUNCTUATION = tuple(sorted(mark for mark in PUNCTUATION if mark.isascii()))
_ANY_PUNCTUATION = re.compile("[" + "".join(re.escape(mark) for mark in sorted(PUNCTUATION)) + "]")

# Body blocks are measured by several stages (scoring, prose checks, trims, sentence weight): memoise.
_TEXT_MEMO_SIZE = 16384


@lru_cache(maxsize=_TEXT_MEMO_SIZE)
def count_punctuation(text: str) -> int:
    """Sentence punctuation marks in `text` (the vocabulary is `vocab.PUNCTUATION`)."""
    if text.isascii():  # a few str.count scans beat a regex over the whole mark set
        return sum(map(text.count, _ASCII_PUNCTUATION))
    return len(_ANY_PUNCTUATION.findall(text))


# C0/C1 controls (other than whitespace) and lone surrogates never belong in stored text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u200c\u200d\u2060]")

_PARSER = html.HTMLParser(remove_comments=True, remove_pis=True, recover=True, default_doctype=False)
# lxml.html's own class lookup runs Python code each time a node gets its Python object (some hundred times
# a page), only to give form controls their form classes, which nothing here uses: a lookup done in C.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity
    )
)


def parse_html(text: str) -> HtmlElement:
    """Parse decoded HTML once. lxml refuses str input that carries an XML encoding declaration."""
    text = _XML_DECLARATION.sub("", text, count=1)
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        root = html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        root = html.document_fromstring("<html><body></body></html>", parser=_PARSER)
    return root


_NOT_TOKEN_CHARACTER = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=16384)
def class_tokens(value: str) -> frozenset[str]:
    """'post-shareBar ad_box' -> {post, share, bar, ad, box, postsharebar...}: whole tokens, lower-cased."""
    tokens = {part.lower() for part in _TOKEN_SPLIT.split(value) if part}
    for word in value.split():  # the undivided class names too ("sharebar", "articlebody")
        word = word.lower()
        tokens.add(word if word.isascii() and word.isalnum() else _NOT_TOKEN_CHARACTER.sub("", word))
    tokens.discard("")
    return frozenset(tokens)


def element_text(element: HtmlElement) -> str:
    """`element.text_content()`; an element without children (most links, cells, titles) holds only its own
    text, read without the XPath call text_content() makes."""
    if len(element):
        return element.text_content()
    return element.text or ""


_NO_TOKENS: frozenset[str] = frozenset()


def element_tokens(element: HtmlElement) -> frozenset[str]:
    class_ = element.get("class")
    id_ = element.get("id")
    if class_ is None and id_ is None:  # most elements: no name at all
        return _NO_TOKENS
    value = f"{class_ or ''} {id_ or ''}".strip()
    return class_tokens(value) if value else _NO_TOKENS


def _has_ascii_separator(text: str) -> bool:
    """File, group, record and unit separators: str.split counts them as whitespace, collapse_spaces as controls."""
    return "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text  # four scans beat one char loop


# The lookbehind only stops the engine from retrying inside a long run of plain whitespace (quadratic on
# deeply indented pages): a match starting mid-run would have started at the run's first character.
_DELIBERATE_SPACE = re.compile(r"(?<![ \t\r\n])[ \t\r\n]*[\u3000\u00a0][\s\u3000\u00a0]*")


def collapse_spaces(text: str) -> str:
    """Fold whitespace runs to one space; drop whitespace between CJK characters that only comes from
    source line wraps. Ideographic and no-break spaces are kept (as one space): Chinese pages use
    them to separate fields ("来源：新华社　浏览量：12")."""
    if text.isprintable() and "  " not in text:  # no tab, newline, odd space or control: nothing to fold
        return text.strip(" ")
    if text.isascii() and not _has_ascii_separator(text):
        # No ideographic, no-break or odd spaces, no hanzi to join: str.split folds the same runs as the regex.
        text = " ".join(text.split())
        return text if text.isprintable() else _CONTROLS.sub("", text)
    if "\u3000" in text or "\u00a0" in text:
        text = _DELIBERATE_SPACE.sub("\u3000", text)
    if "\n" in text or "\r" in text:
        text = _CJK_WRAP_CJK.sub(r"\1", text)
    text = _SPACES_BUT_IDEOGRAPHIC.sub(" ", text).strip(" \u3000")
    if not text.isprintable() and _CONTROLS.search(text):  # every control is unprintable
        text = _CONTROLS.sub("", text)
    return text.replace("\u3000", " ") if "\u3000" in text else text


# The high bytes (in UTF-16) of the _CJK_RUN characters: U+3400-U+4DBF, U+4E00-U+9FFF, U+F900-U+FAFF. Only
# high byte 4D also holds other characters (U+4DC0-U+4DFF, hexagram symbols).
_CJK_HIGH_BYTES = bytes(range(0x34, 0xA0)) + b"\xf9\xfa"
_MIXED_HIGH_BYTE = b"\x4d"


def weighted_length_uncached(text: str) -> float:
    """`weighted_length` without the memo: for one-off texts (a whole container's text)."""
    if text.isascii():
        return float(len(text))
    length = len(text)
    # Hanzi counted at memory speed: every other byte of the UTF-16 encoding is a character's high byte
    # (surrogate halves have their own, D8-DF), and deleting bytes is far cheaper than a regex pass.
    high = text.encode("utf-16-le", "surrogatepass")[1::2]
    if _MIXED_HIGH_BYTE in high:
        cjk = length - len(_CJK_RUN.sub("", text))  # deleting the runs is cheaper than listing them
    else:
        cjk = len(high) - len(high.translate(None, _CJK_HIGH_BYTES))
    return length - cjk + cjk * CJK_CHAR_WEIGHT


@lru_cache(maxsize=_TEXT_MEMO_SIZE)
def weighted_length(text: str) -> float:
    """Length that weighs a hanzi like ~2.5 latin letters so thresholds serve both scripts."""
    return weighted_length_uncached(text)


def strip_controls(text: str) -> str:
    return _CONTROLS.sub("", text)
