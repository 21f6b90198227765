"""View counters portals print next to the date or alone: "瀏覽人次：1234" (Taiwan), "阅读 1.6万", "1.6万阅读",
"阅读量：2.3万" (counts rounded to 万). None of them is body; a rounded count is not read as the view count (it
is not a count), nor is a 瀏覽人次 (often the whole site's visitors)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw, text_raw

from cleaning.lines import classify_line
from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
TITLE = "住建部部署推进既有建筑节能改造工作"
PARAGRAPH = (
    "住房和城乡建设部近日印发通知，要求各地加快推进既有建筑节能改造，提升新建建筑绿色低碳水平，"
    "推动建筑领域碳达峰工作取得实效，并定期通报各地工作进展情况。"
)
COUNTERS = ["瀏覽人次：1234", "浏览人次：1234", "阅读 1.6万", "1.6万阅读", "阅读量：2.3万", "阅读 10万+", "1.2w阅读"]


def _html(article_html: str) -> ExtractedArticle:
    html = (
        f"<html><head><title>{TITLE}_中国建设新闻网</title></head><body>"
        '<div class="nav"><a href="/">首页</a> <a href="/news/">新闻</a></div>'
        f'<div class="main"><h1>{TITLE}</h1>{article_html}</div>'
        '<div class="footer">版权所有 中国建设新闻网</div></body></html>'
    )
    return extract(html_raw(html, "https://www.example.cn/news/2024/0305/12345.html", read_at=READ_AT))


@pytest.mark.parametrize("counter", COUNTERS)
def test_counter_line_alone_is_metadata(counter: str) -> None:
    match = classify_line(counter)
    assert match is not None
    assert match.rule.kind == "meta"
    assert "views" not in match.captures


@pytest.mark.parametrize("counter", COUNTERS)
def test_counter_after_the_date_is_metadata(counter: str) -> None:
    match = classify_line(f"2024-03-05 10:21 {counter}")
    assert match is not None
    assert match.rule.kind == "meta"
    assert match.captures["date"] == "2024-03-05 10:21"


@pytest.mark.parametrize("counter", COUNTERS)
def test_text_counter_under_the_title_is_not_the_title_nor_body(counter: str) -> None:
    article = extract(text_raw(f"{TITLE}\n\n{counter}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n", read_at=READ_AT))
    assert article.title == TITLE
    assert counter not in article.body_text
    assert article.view_count is None


@pytest.mark.parametrize("counter", COUNTERS)
def test_text_counter_on_the_date_line(counter: str) -> None:
    article = extract(
        text_raw(f"{TITLE}\n\n2024-03-05 10:21 {counter}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n", read_at=READ_AT)
    )
    assert article.title == TITLE
    assert article.published_at is not None and article.published_at.date().isoformat() == "2024-03-05"
    assert "阅读" not in article.body_text and "人次" not in article.body_text


@pytest.mark.parametrize("counter", COUNTERS)
def test_html_counter_after_the_article_is_not_body(counter: str) -> None:
    article = _html(f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{counter}</p>")
    assert counter not in article.body_text
    assert article.paragraphs[-1].text == PARAGRAPH


@pytest.mark.parametrize("counter", COUNTERS)
def test_html_counter_in_the_info_line_is_not_body(counter: str) -> None:
    article = _html(
        f'<div class="info"><span>2024-03-05 10:21</span> <span>{counter}</span></div>'
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>"
    )
    assert counter not in article.body_text
    assert article.view_count is None
    assert article.published_at is not None and article.published_at.date().isoformat() == "2024-03-05"


def test_a_plain_counter_on_the_date_line_is_still_read() -> None:
    article = extract(
        text_raw(f"{TITLE}\n\n2024-03-05 10:21 阅读 1234\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n", read_at=READ_AT)
    )
    assert article.view_count == 1234
    assert "阅读" not in article.body_text


def test_a_sentence_about_readers_stays() -> None:
    sentence = "该系列科普文章累计阅读量超过2.3万，受到广大读者欢迎。"
    assert classify_line(sentence) is None
