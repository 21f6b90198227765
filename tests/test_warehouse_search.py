"""warehouse.search: Chinese/English full-text search over articles with the fts extension."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas import Article, ExtractedArticle, Paragraph, RawDocument, to_article
from warehouse import LoadBatch, load_batch, open_warehouse
from warehouse.search import build_search_index, search, search_tokens

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def article_pair(key: str, title: str, body: str) -> tuple[RawDocument, tuple[str, Article]]:
    raw = RawDocument(source_name="s", uri=key, key=key, content=body.encode(), media_type="text/plain", read_at=T0)
    extracted = ExtractedArticle(
        title=title,
        title_source="first_line",
        language="zh",
        paragraphs=(Paragraph(position=0, text=body),),
        extractor="text",
        extractor_version="1.0.0",
    )
    article = to_article(raw, extracted, run_id="r1", now=T0)
    assert isinstance(article, Article)
    return raw, (key, article)


def test_tokens_split_han_runs_into_bigrams_and_keep_words() -> None:
    assert search_tokens("推进绿色建筑, LEED v4 认证") == ["推进", "进绿", "绿色", "色建", "建筑", "leed", "v4", "认证"]
    assert search_tokens("楼") == ["楼"]
    assert search_tokens("——！") == []


def test_search_ranks_matching_articles(tmp_path: Path) -> None:
    pairs = [
        article_pair("a.txt", "绿色建筑评价标准发布", "住房和城乡建设部发布新版绿色建筑评价标准。"),
        article_pair("b.txt", "低碳城市试点", "多个城市开展低碳发展试点工作，推动 carbon peaking。"),
        article_pair("c.txt", "Green building in Shanghai", "Shanghai expands green building incentives."),
    ]
    with open_warehouse(tmp_path / "w.duckdb") as con:
        load_batch(
            con, LoadBatch(run_id="r1", loaded_at=T0, raws=[r for r, _ in pairs], articles=[a for _, a in pairs])
        )
        with pytest.raises(RuntimeError, match="no search index"):
            search(con, "绿色建筑")
        assert build_search_index(con, now=T0) == 3
        assert [title for _, title, _ in search(con, "绿色建筑")] == ["绿色建筑评价标准发布"]
        assert [title for _, title, _ in search(con, "低碳 carbon")] == ["低碳城市试点"]
        assert [title for _, title, _ in search(con, "Green Building")] == ["Green building in Shanghai"]
        assert search(con, "不存在的词语") == []
        assert build_search_index(con, now=T0) == 3  # rebuilding replaces the index
    with open_warehouse(tmp_path / "w.duckdb", read_only=True) as con:
        assert len(search(con, "城市")) == 1
