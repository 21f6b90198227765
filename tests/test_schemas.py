"""Schema-level validation."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from schemas import SourceConfig


def test_unknown_timezone_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="unknown time zone"):
        SourceConfig(name="x", adapter="files", paths=("a",), timezone="Mars/Olympus")


from datetime import UTC, datetime, timedelta  # noqa: E402

from schemas import (  # noqa: E402
    Article,
    ExtractedArticle,
    Paragraph,
    RawDocument,
    Reject,
    RunCounts,
    article_id,
    canonical_url,
    to_article,
)

READ_AT = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def _raw(**overrides: object) -> RawDocument:
    fields = {
        "source_name": "web",
        "uri": "https://Example.org/a?utm_source=x",
        "key": "https://example.org/a",
        "content": b"<html></html>",
        "media_type": "text/html",
        "final_url": "https://example.org/a",
        "read_at": READ_AT,
    }
    return RawDocument(**{**fields, **overrides})


def _extracted(**overrides: object) -> ExtractedArticle:
    fields = {
        "title": "绿色建筑新规发布",
        "title_source": "h1",
        "language": "zh",
        "paragraphs": (Paragraph(position=0, text="住房和城乡建设部发布绿色建筑新规。"),),
        "extractor": "html",
        "extractor_version": "test",
    }
    return ExtractedArticle(**{**fields, **overrides})


def test_valid_article_gets_derived_id_and_hash() -> None:
    article = to_article(_raw(), _extracted(), run_id="r", now=READ_AT)
    assert isinstance(article, Article)
    assert article.article_id == article_id("web", "https://example.org/a")
    assert len(article.content_hash) == 64


@pytest.mark.parametrize(
    ("overrides", "field", "detail"),
    [
        ({"title": "T" * 5000}, "title", "at most 500"),
        ({"title": None}, "title", ""),
        ({"language": "French"}, "language", "pattern"),
        ({"published_at": READ_AT + timedelta(days=400), "date_precision": "day"}, "published_at", "future"),
        ({"published_at": datetime(1985, 1, 1, tzinfo=UTC), "date_precision": "day"}, "published_at", "1990"),
        ({"author": "bad\x00name"}, "author", "control"),
    ],
)
def test_invalid_fields_become_rejects_naming_the_field(overrides: dict, field: str, detail: str) -> None:
    result = to_article(_raw(), _extracted(**overrides), run_id="r", now=READ_AT)
    assert isinstance(result, Reject)
    assert (result.stage, result.reason, result.field) == ("validate", "validation", field)
    assert detail in result.detail


def test_canonical_url_normalises_what_does_not_identify_the_page() -> None:
    assert (
        canonical_url("HTTP://News.Example.COM:80/a/../b/?utm_medium=x&z=1&a=2#top")
        == "http://news.example.com/b/?a=2&z=1"
    )
    assert canonical_url("https://example.org:443") == "https://example.org/"
    assert canonical_url("https://例子.中国/新闻") == "https://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB"


def test_rel_canonical_on_the_same_host_sets_identity_but_not_on_another() -> None:
    same = to_article(_raw(), _extracted(canonical_url="https://example.org/canonical"), run_id="r", now=READ_AT)
    other = to_article(_raw(), _extracted(canonical_url="https://elsewhere.com/x"), run_id="r", now=READ_AT)
    assert isinstance(same, Article) and same.canonical_key == "https://example.org/canonical"
    assert isinstance(other, Article) and other.canonical_key == "https://example.org/a"


def test_relative_date_resolution_does_not_change_content_hash() -> None:
    first = _extracted(
        published_at=READ_AT - timedelta(days=90),
        date_precision="approximate",
        date_text="3 months ago",
        date_source="relative",
    )
    later = first.model_copy(update={"published_at": READ_AT - timedelta(days=60)})
    a = to_article(_raw(), first, run_id="r", now=READ_AT)
    b = to_article(_raw(), later, run_id="r", now=READ_AT)
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.content_hash == b.content_hash


def test_run_counts_must_add_up() -> None:
    RunCounts(discovered=3, new=1, unchanged=1, rejected=1)
    with pytest.raises(ValidationError, match="do not add up"):
        RunCounts(discovered=3, new=1)


def test_an_article_survives_pickling_between_processes_exactly() -> None:
    import pickle

    from schemas import Image, Link, RemovedBlock

    extracted = _extracted(
        paragraphs=(Paragraph(position=0, kind="heading", level=2, text="标题"), Paragraph(position=1, text="正文。")),
        images=(Image(position=1, src="https://example.org/1.jpg", caption="图 1"),),
        links=(Link(position=1, href="https://example.org/b"),),
        removed=(RemovedBlock(position=0, rule="footer.icp", text="京ICP备12345678号"),),
        editors=("刘梦洁",),
    )
    article = to_article(_raw(), extracted, run_id="r", now=READ_AT)
    assert isinstance(article, Article)
    copy = pickle.loads(pickle.dumps(article))
    assert copy == article
    assert copy.model_dump(exclude_unset=True) == article.model_dump(exclude_unset=True)
    assert copy.content_hash == article.content_hash
    assert type(copy.paragraphs[0]) is Paragraph and copy.paragraphs[0].level == 2
    assert type(copy.removed[0]) is RemovedBlock and copy.images[0].caption == "图 1"
    with pytest.raises(ValidationError):  # still frozen
        copy.title = "other"  # type: ignore[misc]
