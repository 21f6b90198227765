"""The validate stage: extracted article + raw document -> Article, or a Reject naming the field."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from pydantic import ValidationError

from schemas.article import Article, ExtractedArticle
from schemas.documents import RawDocument
from schemas.identity import article_id, canonical_url
from schemas.records import Reject


def identity_key(raw: RawDocument, extracted: ExtractedArticle) -> str:
    """The article's canonical key.

    Web pages: the page's `rel=canonical` when it names one on the host that served it, else the
    URL after redirects, normalised. Files: the input key (path relative to the source root).
    """
    if not raw.final_url:
        return raw.key
    served = canonical_url(raw.final_url)
    if extracted.canonical_url:
        try:
            declared = canonical_url(extracted.canonical_url)
        except ValueError:
            return served
        declared_parts = urlsplit(declared)
        if declared_parts.scheme in ("http", "https") and declared_parts.hostname == urlsplit(served).hostname:
            return declared
    return served


def to_article(raw: RawDocument, extracted: ExtractedArticle, *, run_id: str, now: datetime) -> Article | Reject:
    key = identity_key(raw, extracted)
    try:
        return Article(
            article_id=article_id(raw.source_name, key),
            source_name=raw.source_name,
            source_uri=raw.uri,
            canonical_key=key,
            canonical_url=extracted.canonical_url,
            final_url=raw.final_url,
            raw_sha256=raw.sha256,
            read_at=raw.read_at,
            etag=raw.etag,
            last_modified=raw.last_modified,
            title=extracted.title,
            title_source=extracted.title_source,
            published_at=extracted.published_at,
            date_precision=extracted.date_precision,
            date_text=extracted.date_text,
            date_source=extracted.date_source,
            language=extracted.language or raw.language_hint,
            author=extracted.author,
            editors=extracted.editors,
            publisher=extracted.publisher,
            site_name=extracted.site_name,
            section=extracted.section,
            view_count=extracted.view_count,
            body_text=extracted.body_text,
            paragraphs=extracted.paragraphs,
            images=extracted.images,
            links=extracted.links,
            removed=extracted.removed,
            extractor=extracted.extractor,
            extractor_version=extracted.extractor_version,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(part) for part in first["loc"]) or None
        message = first["msg"]
        if loc is None and ":" in message:  # model-level checks name their field first
            loc, _, message = message.removeprefix("Value error, ").partition(": ")
        return Reject(
            run_id=run_id,
            source_name=raw.source_name,
            source_uri=raw.uri,
            stage="validate",
            reason="validation",
            field=loc,
            detail=message[:500],
            raw_sha256=raw.sha256,
            occurred_at=now,
        )
