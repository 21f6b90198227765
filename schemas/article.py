"""Extracted and validated article records."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

from schemas.common import AwareDatetime, DatePrecision, DateSource, Language, TitleSource
from schemas.identity import content_hash

ParagraphKind = Literal["paragraph", "heading", "list_item", "quote", "preformatted", "table_row"]

# C0/C1 controls other than tab/newline, and lone surrogates, never belong in stored text.
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
EARLIEST_PUBLISH_DATE = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(days=2)
MAX_TITLE_CHARS = 500


def _clean_text(value: str) -> str:
    if _FORBIDDEN_CHARS.search(value):
        raise ValueError("contains control characters or lone surrogates")
    return value


class Paragraph(BaseModel):
    model_config = ConfigDict(frozen=True)

    position: int = Field(ge=0)
    kind: ParagraphKind = "paragraph"
    level: int | None = Field(default=None, ge=1, le=6)  # heading level
    text: str = Field(min_length=1)

    _no_controls = field_validator("text")(classmethod(lambda cls, v: _clean_text(v)))


class Image(BaseModel):
    model_config = ConfigDict(frozen=True)

    position: int = Field(ge=0)  # index of the paragraph the image follows (page order)
    src: str = Field(min_length=1)
    alt: str | None = None
    caption: str | None = None


class Link(BaseModel):
    model_config = ConfigDict(frozen=True)

    position: int = Field(ge=0)  # paragraph index the link appears in
    href: str = Field(min_length=1)
    text: str | None = None


class RemovedBlock(BaseModel):
    """A piece of the page the cleaner removed, and the rule that removed it."""

    model_config = ConfigDict(frozen=True)

    position: int = Field(ge=0)  # order of removal within the document
    rule: str = Field(min_length=1)  # e.g. "footer.icp", "nav.language_bar", "html.drop:.share"
    text: str


class ExtractedArticle(BaseModel):
    """What the cleaning stage read out of one raw document (not yet validated for loading)."""

    model_config = ConfigDict(frozen=True)

    title: str | None
    title_source: TitleSource | None = None
    published_at: datetime | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None  # the phrase the date came from, kept verbatim
    date_source: DateSource | None = None
    language: str | None = None
    author: str | None = None
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    site_name: str | None = None
    section: str | None = None
    view_count: int | None = None
    canonical_url: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    images: tuple[Image, ...] = ()
    links: tuple[Link, ...] = ()
    removed: tuple[RemovedBlock, ...] = ()
    extractor: str  # which path produced it: "text", "html", "html+rules", ...
    extractor_version: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def body_text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


class Article(BaseModel):
    """A validated article, ready to load. Constructing one is the validation step."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    article_id: str = Field(min_length=1)
    source_name: str = Field(min_length=1)
    source_uri: str = Field(min_length=1)
    canonical_key: str = Field(min_length=1)
    canonical_url: str | None = None
    final_url: str | None = None
    raw_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    read_at: AwareDatetime
    etag: str | None = None
    last_modified: str | None = None
    title: str = Field(min_length=1, max_length=MAX_TITLE_CHARS)
    title_source: TitleSource
    published_at: AwareDatetime | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    date_source: DateSource | None = None
    language: Language
    author: str | None = Field(default=None, max_length=200)
    editors: tuple[str, ...] = ()
    publisher: str | None = Field(default=None, max_length=300)
    site_name: str | None = Field(default=None, max_length=300)
    section: str | None = Field(default=None, max_length=200)
    view_count: int | None = Field(default=None, ge=0)
    body_text: str = Field(min_length=1)
    paragraphs: tuple[Paragraph, ...] = Field(min_length=1)
    images: tuple[Image, ...] = ()
    links: tuple[Link, ...] = ()
    removed: tuple[RemovedBlock, ...] = ()
    extractor: str
    extractor_version: str

    @field_validator("title", "body_text", "author", "publisher", "section", "date_text")
    @classmethod
    def _no_control_chars(cls, value: str | None) -> str | None:
        return None if value is None else _clean_text(value)

    @field_validator("title", "body_text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is blank")
        return value

    @model_validator(mode="after")
    def _plausible_date(self) -> Article:
        if self.published_at is not None:
            if self.published_at < EARLIEST_PUBLISH_DATE:
                raise ValueError("published_at: before 1990")
            if self.published_at > self.read_at + FUTURE_TOLERANCE:
                raise ValueError("published_at: in the future")
            if self.date_precision is None:
                raise ValueError("date_precision: required when published_at is set")
        return self

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle as plain tuples: articles cross from extraction workers to the warehouse writer by
        the thousand, and pydantic's default pickling of ~30 nested models per article cost the
        writer more than loading them. Rebuilt without validating again: it was validated when
        constructed (the pickle protocol's own `__setstate__` restores each model)."""
        values = []
        for name in _ARTICLE_FIELDS:
            value = self.__dict__[name]
            if name in _CHILD_MODELS:
                names = _CHILD_FIELDS[name]
                value = tuple(
                    (tuple(child.__dict__[field] for field in names), tuple(child.__pydantic_fields_set__))
                    for child in value
                )
            values.append(value)
        return _restore_article, (tuple(values), tuple(self.__pydantic_fields_set__))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def content_hash(self) -> str:
        """What the article says; excludes view counts and a relative date's resolution."""
        date_key: object = self.date_text if self.date_source == "relative" else self.published_at
        return content_hash(
            {
                "title": self.title,
                "body": self.body_text,
                "date": date_key,
                "precision": self.date_precision,
                "language": self.language,
                "author": self.author,
                "editors": list(self.editors),
                "publisher": self.publisher,
                "section": self.section,
                "images": [i.src for i in self.images],
            }
        )


_CHILD_MODELS: dict[str, type[BaseModel]] = {
    "paragraphs": Paragraph,
    "images": Image,
    "links": Link,
    "removed": RemovedBlock,
}
_CHILD_FIELDS = {name: tuple(model.model_fields) for name, model in _CHILD_MODELS.items()}
_ARTICLE_FIELDS = tuple(Article.model_fields)


def _restored(model: type[BaseModel], values: dict[str, object], fields_set: set[str]) -> BaseModel:
    instance = model.__new__(model)
    state = {"__dict__": values, "__pydantic_fields_set__": fields_set}
    instance.__setstate__({**state, "__pydantic_extra__": None, "__pydantic_private__": None})
    return instance


def _restore_article(values: tuple[object, ...], fields_set: tuple[str, ...]) -> Article:
    fields = dict(zip(_ARTICLE_FIELDS, values, strict=True))
    for name, model in _CHILD_MODELS.items():
        names = _CHILD_FIELDS[name]
        fields[name] = tuple(
            _restored(model, dict(zip(names, row, strict=True)), set(row_set))
            for row, row_set in fields[name]  # type: ignore[attr-defined]
        )
    return _restored(Article, fields, set(fields_set))  # type: ignore[return-value]
