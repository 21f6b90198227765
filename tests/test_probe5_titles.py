"""Titles read from the <title> tag keep neither the site's name nor lose the headline (QA pass 4, finding 5):
"蔡健雅_百度百科" with the h1 "蔡健雅" is 蔡健雅; "中华人民共和国监察法-纪检", "…GPU-EDN 电子技术设计" and "…大赛 湖南省…医院"
are the headline the page prints alone, and what the tag adds after it is the site_name. A dash inside a
headline the page does not print apart stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
PARAGRAPH = (
    "《中华人民共和国监察法》是为了推进全面依法治国，实现国家监察全面覆盖，深入开展反腐败工作而制定的法律。"
    "2018年3月20日，第十三届全国人大一次会议表决通过了《中华人民共和国监察法》。"
)
EN_PARAGRAPH = (
    "Heat pumps move heat rather than burning fuel, so a well-installed unit delivers three to four units of "
    "heat for every unit of electricity it uses, even in a cold northern winter."
)


def _extract(html: str) -> ExtractedArticle:
    return extract(html_raw(html, "https://www.example.cn/info/1081/2018.htm", read_at=READ_AT))


def test_a_short_h1_that_the_title_tag_extends_is_the_title() -> None:
    # baike: <title>蔡健雅_百度百科</title> ... <h1>蔡健雅</h1>
    html = (
        "<html><head><title>蔡健雅_百度百科</title></head><body><div class='main-content'>"
        f"<h1>蔡健雅</h1><div class='para'>{PARAGRAPH}</div><div class='para'>{PARAGRAPH}</div></div></body></html>"
    )
    article = _extract(html)
    assert article.title == "蔡健雅"
    assert article.site_name == "百度百科"


@pytest.mark.parametrize(
    ("title_tag", "printed", "holder", "site_name"),
    [
        # a school's VSB page: the headline in a table cell, the tag adds the site's short name
        ("中华人民共和国监察法-纪检", "中华人民共和国监察法", "<td class='titlestyle'>{}</td>", "纪检"),
        # EDN China: the headline in an h4
        (
            "阿里发布最强AI芯片：性能“吊打”同行，一块顶十块GPU-EDN 电子技术设计",
            "阿里发布最强AI芯片：性能“吊打”同行，一块顶十块GPU",
            "<div class='cover-text'><h4>{}</h4></div>",
            "EDN 电子技术设计",
        ),
        # a hospital's CMS: the headline and the site's name set apart by a space
        (
            "【不忘初心 牢记使命】我院医技药剂党支部举办2019年中药、药学理论知识与专业技能大赛 湖南省中医药研究院附属医院",
            "【不忘初心 牢记使命】我院医技药剂党支部举办2019年中药、药学理论知识与专业技能大赛",
            "<div class='title'>{}</div>",
            "湖南省中医药研究院附属医院",
        ),
    ],
)
def test_the_headline_printed_alone_splits_the_site_name_off(
    title_tag: str, printed: str, holder: str, site_name: str
) -> None:
    html = (
        f"<html><head><title>{title_tag}</title></head><body><table><tr>{holder.format(printed)}</tr></table>"
        f"<div id='vsb_content'><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div></body></html>"
    )
    article = _extract(html)
    assert article.title == printed
    assert article.site_name == site_name


def test_a_dash_inside_a_headline_stays_when_the_part_printed_alone_is_the_shorter() -> None:
    # a menu prints "碳达峰" alone: the title tag's longer rest is the headline's, no site name
    title_tag = "碳达峰-碳中和目标下的建筑节能路径与政策建议"
    html = (
        f"<html><head><title>{title_tag}</title></head><body><div class='nav'><a href='/tdf'>碳达峰</a></div>"
        f"<div class='content'><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div></body></html>"
    )
    article = _extract(html)
    assert article.title == title_tag
    assert article.site_name is None


def test_a_hyphenated_word_in_a_headline_stays() -> None:
    title_tag = "Blue-Marble-Foto: ICON simuliert das gekoppelte Klimasystem"
    html = (
        f"<html><head><title>{title_tag}</title></head><body><span>Blue</span>"
        f"<div class='content'><p>{EN_PARAGRAPH}</p><p>{EN_PARAGRAPH}</p></div></body></html>"
    )
    assert _extract(html).title == title_tag


def test_a_headline_part_printed_only_as_a_link_splits_nothing() -> None:
    # TYPO3: the start-page link repeats the tag's first part; the article's headline is another text
    title_tag = "Neubau Werkstattgebäude - Neubau WSL Birmensdorf"
    html = (
        f"<html><head><title>{title_tag}</title></head><body>"
        "<div id='startpageLink'><a href='/de/index.html'>Neubau Werkstattgebäude</a></div>"
        f"<div class='content'><p>{EN_PARAGRAPH}</p><p>{EN_PARAGRAPH}</p></div></body></html>"
    )
    assert _extract(html).site_name is None
