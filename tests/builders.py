"""Record builders shared by tests (imported as `builders`: pytest puts tests/ on sys.path)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from schemas import Article, Paragraph, RawDocument, SiteRules


def html_raw(html: str, url: str, *, read_at: datetime) -> RawDocument:
    """A UTF-8 HTML page as if fetched from `url` (no redirect) at `read_at`, zone Asia/Shanghai."""
    return RawDocument(
        source_name="test",
        uri=url,
        key=url,
        content=html.encode("utf-8"),
        media_type="text/html",
        final_url=url,
        read_at=read_at,
        timezone="Asia/Shanghai",
    )


def text_raw(text: str, *, read_at: datetime, uri: str = "file:///copy.txt") -> RawDocument:
    """A UTF-8 plain-text file (a page saved by copy-paste) read at `read_at`, zone Asia/Shanghai."""
    return RawDocument(
        source_name="test",
        uri=uri,
        key=uri.rsplit("/", 1)[-1],
        content=text.encode("utf-8"),
        media_type="text/plain",
        read_at=read_at,
        timezone="Asia/Shanghai",
    )


REEXTRACTED_MARKER = "[re-extracted]"


def marking_extractor(original: Callable[..., Article]) -> Callable[..., Article]:
    """`cleaning.pipeline.extract` changed the way a new extractor release would change it: every
    body gains a last paragraph REEXTRACTED_MARKER (monkeypatch it over `flows.batch.extract`)."""

    def changed_extract(raw: RawDocument, rules: SiteRules | None = None) -> Article:
        article = original(raw, rules)
        marker = Paragraph(position=len(article.paragraphs), text=REEXTRACTED_MARKER)
        return article.model_copy(update={"paragraphs": (*article.paragraphs, marker)})

    return changed_extract


def article_page(title: str) -> str:
    """A small English article page (six paragraphs under an h1) that extracts as one article."""
    sentence = f"{title} is part of this week's coverage of low-carbon construction in Chinese cities."
    paragraphs = "".join(
        f"<p>{sentence} Detail number {i} follows from the ministry's new rules.</p>" for i in range(6)
    )
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )
