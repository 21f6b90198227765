"""Typed records that cross stage boundaries (pydantic v2). Imports nothing else of the project."""

from schemas.article import Article, ExtractedArticle, Image, Link, Paragraph, RemovedBlock
from schemas.documents import FetchFailure, FetchResult, ItemRef, NotModified, RawDocument, Validators
from schemas.identity import article_id, canonical_url, content_hash, sha256_hex
from schemas.records import Deferral, DeferredInput, Reject, RunCounts, RunSummary
from schemas.source import SiteRules, SourceConfig
from schemas.validate import identity_key, to_article

__all__ = [
    "Article",
    "Deferral",
    "DeferredInput",
    "ExtractedArticle",
    "FetchFailure",
    "FetchResult",
    "Image",
    "ItemRef",
    "Link",
    "NotModified",
    "Paragraph",
    "RawDocument",
    "Reject",
    "RemovedBlock",
    "RunCounts",
    "RunSummary",
    "SiteRules",
    "SourceConfig",
    "Validators",
    "article_id",
    "canonical_url",
    "content_hash",
    "identity_key",
    "sha256_hex",
    "to_article",
]
