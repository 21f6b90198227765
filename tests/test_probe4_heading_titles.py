"""Pages without an h1 or meta title: the headline is an <h2> or a table cell named as the title
(`<td class="title">` on old government pages). It is the title when the <title> names only the site, is a
placeholder ("无标题文档"), is missing, or holds the headline with more around it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
HEADLINE = "关于开展2024年度绿色建筑标识评价工作的通知"
PARAGRAPH = (
    "各区住房和城乡建设局：为贯彻落实绿色建筑创建行动方案，进一步规范绿色建筑标识管理，"
    "现就开展2024年度绿色建筑标识评价工作有关事项通知如下，请各单位认真组织申报。"
)
BODY = f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>"
URL = "http://zjj.example.gov.cn/art/2024/3/5/art_1229_77881.html"


def _extract(html: str) -> ExtractedArticle:
    return extract(html_raw(html, URL, read_at=READ_AT))


def _head(title: str | None) -> str:
    return f"<head><title>{title}</title></head>" if title is not None else "<head></head>"


def _h2_page(title: str | None) -> str:
    return (
        f"<html>{_head(title)}<body><div class='top'>某市住房和城乡建设局</div>"
        f"<div class='content'><h2>{HEADLINE}</h2><div class='info'>发布日期：2024-03-05</div>{BODY}</div>"
        "<div class='bottom'>主办单位：某市住房和城乡建设局</div></body></html>"
    )


def _table_page(title: str | None) -> str:
    return (
        f"<html>{_head(title)}<body><table width='960'><tr><td><img src='/images/banner.jpg'></td></tr>"
        f"<tr><td class='title' align='center'>{HEADLINE}</td></tr>"
        "<tr><td class='time' align='center'>发布时间：2024-03-05 来源：市住建局</td></tr>"
        f"<tr><td class='content'>{BODY}</td></tr></table>"
        "<table><tr><td>主办单位：某市住房和城乡建设局</td></tr></table></body></html>"
    )


@pytest.mark.parametrize("page", [_h2_page, _table_page])
@pytest.mark.parametrize("title_tag", ["某市住房和城乡建设局", "无标题文档", None])
def test_heading_is_the_title_when_the_title_tag_names_no_headline(page, title_tag: str | None) -> None:  # type: ignore[no-untyped-def]
    article = _extract(page(title_tag))
    assert article.title == HEADLINE
    assert HEADLINE not in article.body_text


@pytest.mark.parametrize("page", [_h2_page, _table_page])
def test_title_tag_with_the_headline_gives_the_headline(page) -> None:  # type: ignore[no-untyped-def]
    article = _extract(page(f"{HEADLINE}_某市住房和城乡建设局"))
    assert article.title == HEADLINE


def test_a_title_tag_headline_beats_sidebar_h2s() -> None:
    html = (
        "<html><head><title>超低能耗建筑示范项目通过验收</title></head><body>"
        f"<div class='content'><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>"
        "<div class='side'><h2>本市召开建筑节能工作推进会议</h2><h2>关于征集绿色建材应用案例的通知</h2></div>"
        "</body></html>"
    )
    assert _extract(html).title == "超低能耗建筑示范项目通过验收"


def test_several_candidate_headings_and_a_site_name_title_keep_the_title_tag() -> None:
    html = (
        "<html><head><title>某市住房和城乡建设局</title></head><body>"
        "<div class='side'><h2>本市召开建筑节能工作推进会议</h2><h2>关于征集绿色建材应用案例的通知</h2></div>"
        f"<div class='content'>{BODY}</div></body></html>"
    )
    assert _extract(html).title == "某市住房和城乡建设局"


def test_an_h1_still_wins() -> None:
    html = (
        f"<html><head><title>某市住房和城乡建设局</title></head><body><h1>{HEADLINE}</h1>"
        f"<div class='content'><h2>一、申报范围</h2>{BODY}</div></body></html>"
    )
    assert _extract(html).title == HEADLINE


@pytest.mark.parametrize("page", [_h2_page, _table_page])
def test_a_heading_title_is_recorded_as_such_not_as_an_h1(page) -> None:  # type: ignore[no-untyped-def]
    article = _extract(page("某市住房和城乡建设局"))
    assert (article.title, article.title_source) == (HEADLINE, "heading")
