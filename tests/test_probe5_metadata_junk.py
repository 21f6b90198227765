"""Labels and template junk kept in metadata (QA pass 4, finding 6): a footer's "主办单位：X 版权所有" gives the
publisher X; a metadata line with an empty source ("来源: | 发布时间: 2018-05-17 | 浏览次数: 2168") is no body; an
unrendered template placeholder ("{$plugin.tx_news.opengraph.site_name}") or a URL is no site name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

from cleaning.lines import classify_line
from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
ZH_TITLE = "中华人民共和国监察法学习要点"
ZH_PARAGRAPH = (
    "《中华人民共和国监察法》是为了推进全面依法治国，实现国家监察全面覆盖，深入开展反腐败工作而制定的法律。"
    "2018年3月20日，第十三届全国人大一次会议表决通过了《中华人民共和国监察法》。"
)
DE_TITLE = "Neuer Blick auf das Blue-Marble-Foto"
DE_PARAGRAPH = (
    "Die frühen 1970er Jahre werden oft mit der Entstehung der modernen Umweltbewegung in Verbindung gebracht. "
    "Ein unbestreitbar einflussreicher Moment war das Foto der Erde, aufgenommen von der Besatzung von Apollo 17."
)


def _zh(top: str = "", footer: str = "") -> ExtractedArticle:
    html = (
        f"<html><head><title>{ZH_TITLE}</title></head><body><div class='content'><h1>{ZH_TITLE}</h1>{top}"
        f"<div id='vsb_content'><p>{ZH_PARAGRAPH}</p><p>{ZH_PARAGRAPH}</p><p>{ZH_PARAGRAPH}</p></div></div>"
        f"{footer}</body></html>"
    )
    return extract(html_raw(html, "https://jjjc.example.edu.cn/info/1081/2018.htm", read_at=READ_AT))


def _de(head: str) -> ExtractedArticle:
    html = (
        f"<html><head><title>{DE_TITLE}</title>{head}</head><body><article><h1>{DE_TITLE}</h1>"
        f"<p>{DE_PARAGRAPH}</p><p>{DE_PARAGRAPH}</p></article></body></html>"
    )
    return extract(html_raw(html, "https://www.example.de/aktuelles/blue-marble", read_at=READ_AT))


@pytest.mark.parametrize(
    ("notice", "publisher"),
    [
        ("主办单位：山西医科大学纪检监察室 版权所有", "山西医科大学纪检监察室"),
        ("主办：某某市住房和城乡建设局 版权所有", "某某市住房和城乡建设局"),
    ],
)
def test_a_footers_owner_label_is_not_the_publisher(notice: str, publisher: str) -> None:
    footer = f"<table><tr><td>{notice}<br>地址：太原市新建南路56号 邮编：030001 电话：0351-3985088</td></tr></table>"
    assert _zh(footer=footer).publisher == publisher


def test_a_metadata_line_with_an_empty_source_is_no_body() -> None:
    # VSB: the line printed in the article's own cell, the count filled in by a script
    line = "来源:      | 发布时间: 2018-05-17 | 浏览次数: 2168"
    html = (
        f"<html><head><title>{ZH_TITLE}</title></head><body><table><tr><td class='titlestyle'>{ZH_TITLE}</td></tr>"
        f"<tr><td><div id='vsb_content'><p>{line}</p><p>{ZH_PARAGRAPH}</p><p>{ZH_PARAGRAPH}</p><p>{ZH_PARAGRAPH}</p>"
        "</div></td></tr></table></body></html>"
    )
    article = extract(html_raw(html, "https://jjjc.example.edu.cn/info/1081/2018.htm", read_at=READ_AT))
    assert "浏览次数" not in article.body_text
    assert article.body_text.startswith("《中华人民共和国监察法》")
    assert article.published_at is not None and article.published_at.date().isoformat() == "2018-05-17"
    assert article.view_count == 2168


@pytest.mark.parametrize(
    "line",
    ["来源: | 发布时间: 2018-05-17 | 浏览次数: 2168", "来源： 作者： 发布时间：2024-03-12 点击：35"],
)
def test_a_metadata_line_with_empty_fields_is_a_metadata_line(line: str) -> None:
    match = classify_line(line)
    assert match is not None and match.rule.kind == "meta"


@pytest.mark.parametrize(
    "placeholder",
    [
        "{$plugin.tx_news.opengraph.site_name}",
        "{{ site.name }}",
        "${siteName}",
        "https://twitter.com/onmeda_de",
        "www.example.de",
    ],
)
def test_a_placeholder_or_url_is_no_site_name(placeholder: str) -> None:
    article = _de(f'<meta property="og:site_name" content="{placeholder}">')
    assert article.site_name is None
    assert article.publisher != placeholder


def test_a_real_site_name_stays() -> None:
    assert _de('<meta property="og:site_name" content="Max-Planck-Institut für Meteorologie">').site_name == (
        "Max-Planck-Institut für Meteorologie"
    )
