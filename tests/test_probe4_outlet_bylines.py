"""Bylines naming the outlet and its reporters with no role word ("第一财经 马晓华 李文") or with one
("经济日报记者 王三 李四"): the reporters are the author (joined as every multi-author credit is, "马晓华、李文"),
the outlet is the publisher when nothing else names one, and the line is not body."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw, text_raw

from cleaning.lines import classify_line
from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
TITLE = "超低能耗建筑进入规模化推广阶段"
PARAGRAPH = (
    "记者从住房和城乡建设部了解到，今年以来各地新建超低能耗建筑面积持续增长，"
    "北方地区清洁取暖改造与既有建筑节能改造同步推进，建筑领域碳排放强度稳步下降。"
)
BYLINES = [
    ("第一财经 马晓华 李文", "马晓华、李文", "第一财经"),
    ("第一财经 马晓华", "马晓华", "第一财经"),
    ("经济日报记者 王三 李四", "王三、李四", "经济日报"),
    ("《经济参考报》记者 王璐", "王璐", "经济参考报"),
]


def _html(article_html: str, head: str = "") -> ExtractedArticle:
    html = (
        f"<html><head><title>{TITLE}</title>{head}</head><body>"
        f'<div class="content"><h1>{TITLE}</h1>{article_html}</div></body></html>'
    )
    return extract(html_raw(html, "https://news.example.com/a/20240305/778899.html", read_at=READ_AT))


@pytest.mark.parametrize(("byline", "author", "publisher"), BYLINES)
def test_text_outlet_byline(byline: str, author: str, publisher: str) -> None:
    article = extract(text_raw(f"{TITLE}\n\n{byline}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n", read_at=READ_AT))
    assert article.title == TITLE
    assert article.author == author
    assert article.publisher == publisher
    assert byline not in article.body_text


@pytest.mark.parametrize(("byline", "author", "publisher"), BYLINES)
def test_html_outlet_byline_paragraph(byline: str, author: str, publisher: str) -> None:
    article = _html(f"<p>{byline}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>")
    assert article.author == author
    assert article.publisher == publisher
    assert byline not in article.body_text


@pytest.mark.parametrize(("byline", "author", "publisher"), BYLINES)
def test_html_outlet_byline_in_an_author_element(byline: str, author: str, publisher: str) -> None:
    article = _html(f'<div class="article-author">{byline}</div><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>')
    assert article.author == author
    assert byline not in article.body_text


def test_a_named_source_beats_the_byline_outlet() -> None:
    article = extract(
        text_raw(f"{TITLE}\n\n第一财经 马晓华 李文\n\n来源：新浪财经\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n", read_at=READ_AT)
    )
    assert article.author == "马晓华、李文"
    assert article.publisher == "新浪财经"


def test_html_declared_publisher_beats_the_byline_outlet() -> None:
    article = _html(
        f"<p>第一财经 马晓华 李文</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>",
        head='<meta property="og:site_name" content="新浪财经">',
    )
    assert article.author == "马晓华、李文"
    assert article.publisher == "新浪财经"


@pytest.mark.parametrize(
    "line",
    [
        "央视新闻 两会时间",  # a column, not a reporter: 两 is no surname
        "新华网 评论",
        "人民日报 评论员文章",
        "中国建设报 专题报道",
        "绿色建筑 节能 环保 低碳",  # tags
    ],
)
def test_outlet_and_words_that_name_no_reporter_is_no_byline(line: str) -> None:
    match = classify_line(line)
    assert match is None or "author" not in match.captures
