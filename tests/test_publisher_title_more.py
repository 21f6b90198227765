"""Publisher, site name and title on Chinese portal and government pages (probe findings, round 2)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

from cleaning.lines import classify_line
from cleaning.pipeline import extract
from schemas import Article

READ_AT = datetime(2026, 11, 26, tzinfo=UTC)
URL = "https://www.example.cn/news/2024/0301/123.html"
PARAGRAPHS = "".join(
    f"<p>这是第{i}段正文，介绍建筑节能和绿色建筑的发展情况，各地持续推进超低能耗建筑和既有建筑节能改造工作，取得明显成效。</p>"
    for i in range(1, 6)
)


def _page(*, title: str = "绿色建筑发展提速", head: str = "", top: str = "", after: str = "", h1: bool = True) -> str:
    heading = "<h1>绿色建筑发展提速</h1>" if h1 else ""
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>{heading}{top}"
        f"<div class='article'>{PARAGRAPHS}</div>{after}</body></html>"
    )


def _extract(html: str, url: str = URL) -> Article:
    return extract(html_raw(html, url, read_at=READ_AT))


# ------------------------------------------------------------ fields of a metadata line run together


@pytest.mark.parametrize(
    ("top", "publisher"),
    [
        ("<div><span>时间：2024年06月05日</span>\n<span>来源：建筑环境与能源研究院</span>\n<span>作者：刘思远</span></div>",
         "建筑环境与能源研究院"),
        ("<div><span>时间：2024年06月05日</span>\n<span>来源：建筑环境与能源研究院</span>\n<span>编辑：周琳</span></div>",
         "建筑环境与能源研究院"),
        ("<div><span>发布日期：2024-05-20 09:41</span>\n<span>信息来源：建筑节能与科技处</span>\n"
         "<span>浏览次数：1286</span></div>", "建筑节能与科技处"),
        ("<p><span>来源：住房和城乡建设部</span><span>2024/2/28 9:12:36</span><span>我要投稿</span></p>",
         "住房和城乡建设部"),
        ("<div><small>时间:</small>2024-01-15 09:46<small>来源:</small>中国建设报<small>作者:</small>王喆"
         "<small>点击:</small>1286 次</div>", "中国建设报"),
    ],
)  # fmt: skip
def test_source_value_stops_where_the_next_field_starts(top: str, publisher: str) -> None:
    assert _extract(_page(top=top)).publisher == publisher


def test_author_first_on_a_run_together_line_is_read() -> None:
    top = "<div><span>时间：2024年06月05日</span>\n<span>作者：刘思远</span>\n<span>来源：建筑环境与能源研究院</span></div>"
    article = _extract(_page(top=top))
    assert (article.author, article.publisher) == ("刘思远", "建筑环境与能源研究院")


def test_author_lead_line_without_spaces_is_a_meta_line() -> None:
    match = classify_line("作者：刘思远来源：建筑环境与能源研究院时间：2024年06月05日")
    assert match is not None and match.rule.kind == "meta"
    assert match.captures["author"] == "刘思远"
    assert match.captures["source"] == "建筑环境与能源研究院"


def test_source_line_running_into_a_share_bar_is_cut_at_its_link() -> None:
    top = (
        "<div class='info'>2024-04-18 16:05　来源：<a href='/'>中国新闻网</a>\n"
        "<div><span>分享到：</span><a>微信</a><a>微博</a></div></div>"
    )
    assert _extract(_page(top=top)).publisher == "中国新闻网"


def test_source_line_running_into_an_ip_region_is_cut_at_its_link() -> None:
    top = (
        "<div class='post_info'>2024-05-10 08:32:15　来源: <a href='/m/1'>中国建设报</a>\n<img src='i.png'>\n北京</div>"
    )
    assert _extract(_page(top=top)).publisher == "中国建设报"


# ------------------------------------------------------------------------------ meta source, copyright


@pytest.mark.parametrize(
    "content",
    ["来源：人民网－人民日报 原创稿", "来源：人民网－人民日报", "人民网－人民日报（转载）", "人民网－人民日报"],
)
def test_meta_source_is_cleaned_of_its_label_and_origin_tag(content: str) -> None:
    head = f"<meta name='source' content='{content}'>"
    assert _extract(_page(head=head)).publisher == "人民网－人民日报"


def test_visible_source_line_beats_a_meta_source() -> None:
    head = "<meta name='source' content='来源：人民网－浙江频道 原创稿'>"
    top = "<div>2024年05月21日07:38 | 来源：<a href='/'>人民网－人民日报</a></div>"
    assert _extract(_page(head=head, top=top)).publisher == "人民网－人民日报"


def test_meta_copyright_loses_to_the_visible_source() -> None:
    head = "<meta name='copyright' content='网易版权所有'>"
    top = "<div>2024-05-10 08:32:15　来源: <a>中国建设报</a></div>"
    assert _extract(_page(head=head, top=top)).publisher == "中国建设报"


def test_meta_copyright_gives_its_holder_when_nothing_else_names_a_source() -> None:
    assert _extract(_page(head="<meta name='copyright' content='网易版权所有'>")).publisher == "网易"


@pytest.mark.parametrize(
    ("footer", "publisher"),
    [
        ("<p>经济日报社 版权所有 未经授权禁止复制或建立镜像</p>", "经济日报社"),
        ("<p>版权所有：经济日报社</p>", "经济日报社"),
        ("<p>Copyright © 2024 Economic Daily. All rights reserved.</p>", "Economic Daily"),
        ("<p>Copyright © 1996-2024 SINA Corporation, All Rights Reserved新浪公司 版权所有</p>", "SINA Corporation"),
        ("<p>网站地图 | 联系我们</p><p>人 民 网 股 份 有 限 公 司 版 权 所 有 ，未 经 书 面 授 权 禁 止 使 用</p>",
         "人民网股份有限公司"),
        ("<p>本站版权所有 京ICP备11036834号-1</p>", None),
    ],
)  # fmt: skip
def test_copyright_holder_in_the_footer_is_the_fallback_publisher(footer: str, publisher: str | None) -> None:
    after = f"<div class='footer'>{footer}<p>地址：北京市西城区白纸坊东街2号 邮编：100054</p></div>"
    assert _extract(_page(after=after)).publisher == publisher


def test_copyright_holder_loses_to_the_source_line() -> None:
    after = "<div class='footer'><p>经济日报社 版权所有</p></div>"
    assert _extract(_page(top="<div>来源：中国建设报 2024-03-01</div>", after=after)).publisher == "中国建设报"


# ------------------------------------------------------------------------------------ source elements


@pytest.mark.parametrize(
    "top",
    [
        "<div class='date-source'><span class='date'>2024年03月08日 10:21</span>"
        "<a class='source ent-source' href='http://www.jjckb.cn/'>经济参考报</a></div>",
        "<div class='post_info'><span>2024-03-08 10:21</span><span class='ne_article_source'>经济参考报</span></div>",
        "<div><span class='media-name'>经济参考报</span><span>2024-03-08 10:21</span></div>",
        "<div><span class='article-source'>来源：经济参考报</span></div>",
    ],
)
def test_an_element_named_source_gives_the_publisher(top: str) -> None:
    assert _extract(_page(title="绿色建筑发展提速_新浪财经_新浪网", top=top)).publisher == "经济参考报"


def test_a_source_element_holding_a_date_is_not_a_name() -> None:
    top = "<div><span class='source'>2024-03-08 10:21</span></div>"
    assert _extract(_page(title="绿色建筑发展提速_新浪网", top=top)).publisher == "新浪网"


def test_a_site_name_beats_the_footer_copyright_holder_which_comes_last() -> None:
    """The footer's holder is often the platform's or the theme's owner, not the site's publisher."""
    after = "<div class='footer'><p>Copyright © 2024 Cision US Inc.</p></div>"
    declared = _page(head="<meta property='og:site_name' content='PR Newswire'>", after=after)
    assert _extract(declared).publisher == "PR Newswire"
    assert _extract(_page(title="绿色建筑发展提速_21经济网", after=after)).publisher == "21经济网"
    assert _extract(_page(title="绿色建筑发展提速", after=after)).publisher == "Cision US Inc"


def test_a_picture_credit_is_not_the_copyright_holder() -> None:
    after = "<figure><img src='a.jpg'><figcaption>© Kurt Wessolek</figcaption></figure><div class='footer'><p>© 2021 Bundesamt für Naturschutz</p></div>"
    assert _extract(_page(after=after)).publisher == "Bundesamt für Naturschutz"


# --------------------------------------------------------------------------------------- site name, title


@pytest.mark.parametrize(
    ("title_tag", "site_name"),
    [
        ("绿色建筑发展提速_建筑_标准_能耗", None),  # keyword tags, no site name
        ("绿色建筑发展提速_中国经济网——国家经济门户", "中国经济网"),  # the name, then its tagline
        ("绿色建筑发展提速--能源--人民网", "人民网"),
        ("绿色建筑发展提速|既有建筑|节能改造_网易订阅", "网易订阅"),  # tags, then the site after another separator
        ("绿色建筑发展提速_新闻频道_央视网(cctv.com)", "央视网(cctv.com)"),
    ],
)
def test_site_name_from_the_title_tag(title_tag: str, site_name: str | None) -> None:
    article = _extract(_page(title=title_tag))
    assert (article.title, article.site_name) == ("绿色建筑发展提速", site_name)


@pytest.mark.parametrize(
    "title_tag",
    ["协会发布建筑能耗与碳排放研究报告-中国建筑节能协会", "协会发布建筑能耗与碳排放研究报告--中国绿色建筑与节能网"],
)
def test_title_tag_suffix_after_a_bare_or_double_hyphen_is_dropped(title_tag: str) -> None:
    html = _page(title=title_tag, h1=False, top="<h3 class='con-title'>协会发布建筑能耗与碳排放研究报告</h3>")
    assert _extract(html).title == "协会发布建筑能耗与碳排放研究报告"


def test_title_tag_suffix_after_a_book_title_mark_is_dropped() -> None:
    html = _page(title="协会发布《中国建筑能耗研究报告（2023）》-中国建筑节能协会", h1=False)
    assert _extract(html).title == "协会发布《中国建筑能耗研究报告（2023）》"


@pytest.mark.parametrize(
    "head",
    [
        "<meta name='ArticleTitle' content='以节能降碳推动绿色转型——《建筑领域节能降碳工作方案》解读'>",
        "<meta property='og:title' content='以节能降碳推动绿色转型——《建筑领域节能降碳工作方案》解读'>",
    ],
)
def test_a_subtitle_after_a_double_dash_stays_in_the_title(head: str) -> None:
    html = _page(
        title="以节能降碳推动绿色转型——《建筑领域节能降碳工作方案》解读_国家发展和改革委员会", head=head, h1=False
    )
    assert _extract(html).title == "以节能降碳推动绿色转型——《建筑领域节能降碳工作方案》解读"


def test_a_site_name_after_a_double_dash_is_still_dropped() -> None:
    html = _page(title="绿色建筑发展提速——中国建筑节能网", h1=False)
    assert _extract(html).title == "绿色建筑发展提速"


def test_a_column_tag_before_an_og_title_stays() -> None:
    head = "<meta property='og:title' content='权威发布 | 广东省绿色建筑条例正式施行'>"
    assert _extract(_page(head=head, h1=False)).title == "权威发布 | 广东省绿色建筑条例正式施行"


def test_an_unread_labelled_line_in_a_source_element_is_not_a_name() -> None:
    top = "<p class='ep-source'>本文来源：本站 责任编辑：刘军_NF2372</p>"
    assert _extract(_page(title="绿色建筑发展提速_某某网", top=top)).publisher == "某某网"


@pytest.mark.parametrize(
    "after_link",
    ["<span class='report'>举报</span>", "<span>分享到：微信 微博</span>", "<em>北京</em>"],
)
def test_a_source_running_into_the_next_element_is_cut_at_the_link(after_link: str) -> None:
    top = f"<div class='post_info'>2024-03-08 10:21:09　来源: <a href='https://www.bjnews.com.cn/'>新京报</a>{after_link}</div>"
    assert _extract(_page(title="绿色建筑发展提速_网易订阅", top=top)).publisher == "新京报"
