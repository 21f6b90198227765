"""Records between discovery, fetching and cleaning."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from schemas.common import AwareDatetime, Language
from schemas.identity import sha256_hex


class Validators(BaseModel):
    """What the warehouse loaded last time for one input: decides skips and conditional GETs."""

    model_config = ConfigDict(frozen=True)

    raw_sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    extractor_version: str | None = None


class ItemRef(BaseModel):
    """One discovered input: a file or a URL, before it is read."""

    model_config = ConfigDict(frozen=True)

    source_name: str
    uri: str  # file path as given, or the URL as discovered
    key: str  # identity key: path relative to the source root, or the canonical URL
    hint_title: str | None = None  # from a feed entry
    hint_published: str | None = None  # from a feed entry or sitemap lastmod (raw text)
    validators: Validators | None = None  # filled from the warehouse before fetching
    # A change marker seen while discovering, in the form fetch records as RawDocument.etag (files:
    # size and mtime). Equal to what the warehouse loaded (same extractor version): not even fetched.
    signature: str | None = None


class RawDocument(BaseModel):
    """The bytes of one input exactly as read, and how they were read."""

    model_config = ConfigDict(frozen=True)

    source_name: str
    uri: str
    key: str
    content: bytes = Field(repr=False)
    media_type: str  # "text/plain", "text/html", ...
    declared_encoding: str | None = None  # from the Content-Type header, if any
    final_url: str | None = None  # after redirects (web sources)
    http_status: int | None = None
    headers: dict[str, str] = {}
    etag: str | None = None
    last_modified: str | None = None
    read_at: AwareDatetime
    timezone: str = "Asia/Shanghai"
    language_hint: Language | None = None
    hint_title: str | None = None
    hint_published: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sha256(self) -> str:
        return sha256_hex(self.content)


class NotModified(BaseModel):
    """The source says the input has not changed since the warehouse loaded it (304, same bytes)."""

    model_config = ConfigDict(frozen=True)

    source_name: str
    uri: str
    key: str
    reason: str = "not_modified"


class FetchFailure(BaseModel):
    """An input that could not be read. Transient failures are deferred to the next run."""

    model_config = ConfigDict(frozen=True)

    source_name: str
    uri: str
    key: str
    transient: bool
    reason: str  # short code: timeout, http_5xx, http_404, robots, too_large, private_network, ...
    detail: str = ""
    kind: Literal["fetch_failure"] = "fetch_failure"


FetchResult = RawDocument | NotModified | FetchFailure
