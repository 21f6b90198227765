"""HTML metadata: each form of title, date, people, publisher, section, language, URL — Chinese and English."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from builders import html_raw

from cleaning.html import extract_html
from cleaning.html.metadata import strip_site_suffix
from schemas import ExtractedArticle

READ_AT = datetime(2024, 1, 1, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH_BODY = (
    "<p>住房和城乡建设部发布建筑节能新规，明确新建居住建筑和公共建筑平均设计能耗水平分别降低百分之三十和百分之二十。</p>"
    "<p>业内专家表示，这一规范的实施将推动建筑领域碳达峰工作，对实现城乡建设绿色低碳发展具有重要意义。</p>"
)
EN_BODY = (
    "<p>Buildings account for close to 40 percent of energy-related carbon emissions, and cities are writing "
    "some of the strictest efficiency codes in the world.</p>"
    "<p>Critics say the deadlines are too tight for owners of older buildings, but supporters argue that the "
    "savings from lower energy bills will cover much of the cost.</p>"
)


def extract(
    *, head: str = "", before: str = "", after: str = "", zh: bool = True, url: str = "https://example.org/a.html"
) -> ExtractedArticle:
    body = ZH_BODY if zh else EN_BODY
    html = (
        f"<html><head><meta charset='utf-8'>{head}</head><body>"
        f"<div class='page'>{before}<div class='article'>{body}{after}</div></div></body></html>"
    )
    return extract_html(html, html_raw(html, url, read_at=READ_AT), None)


# ---------------------------------------------------------------------------------------------- title


@pytest.mark.parametrize(
    ("head", "before", "zh", "title", "source"),
    [
        ("<meta property='og:title' content='住建部发布建筑节能新规'>", "", True, "住建部发布建筑节能新规", "og"),
        ("<meta property='og:title' content='Cities cut emissions'>", "", False, "Cities cut emissions", "og"),
        ("<title>首页</title>", "<h1>住建部发布建筑节能新规</h1>", True, "住建部发布建筑节能新规", "h1"),
        ("", "<h1>Cities race to cut building emissions</h1>", False, "Cities race to cut building emissions", "h1"),
        ("<title>住建部发布建筑节能新规_绿色建筑网</title>", "", True, "住建部发布建筑节能新规", "title_tag"),
        ("<title>Cities race to cut building emissions | Green Daily</title>", "", False,
         "Cities race to cut building emissions", "title_tag"),
        ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Heat pumps go mainstream"}</script>',
         "", False, "Heat pumps go mainstream", "jsonld"),
    ],
)  # fmt: skip
def test_title_forms(head: str, before: str, zh: bool, title: str, source: str) -> None:
    article = extract(head=head, before=before, zh=zh)
    assert (article.title, article.title_source) == (title, source)


def test_site_suffix_stripping() -> None:
    assert strip_site_suffix("标题内容在这里 - 新华网") == "标题内容在这里"
    assert strip_site_suffix("Headline here | Site", "Site") == "Headline here"
    assert strip_site_suffix("Green Daily - Headline of the day", "Green Daily") == "Headline of the day"
    assert strip_site_suffix("A-B testing explained for everyone") == "A-B testing explained for everyone"


# ----------------------------------------------------------------------------------------------- date


@pytest.mark.parametrize(
    ("kwargs", "value", "precision", "source"),
    [
        ({"head": "<meta property='article:published_time' content='2023-11-03T08:15:00Z'>", "zh": False},
         datetime(2023, 11, 3, 8, 15, tzinfo=UTC), "second", "meta"),
        ({"head": "<meta name='PubDate' content='2023-11-03 10:30'>"},
         datetime(2023, 11, 3, 10, 30, tzinfo=SHANGHAI), "minute", "meta"),
        ({"head": '<script type="application/ld+json">'
                  '{"@type":"NewsArticle","datePublished":"2023-11-03T10:00:00+08:00"}</script>', "zh": False},
         datetime(2023, 11, 3, 10, 0, tzinfo=timezone(timedelta(hours=8))), "second", "jsonld"),
        ({"before": "<time datetime='2023-11-03'>Nov. 3, 2023</time>", "zh": False},
         datetime(2023, 11, 3, tzinfo=SHANGHAI), "day", "time_tag"),
        ({"before": "<div class='info'>发布时间：2023-11-03 10:30　来源：新华网</div>"},
         datetime(2023, 11, 3, 10, 30, tzinfo=SHANGHAI), "minute", "text_line"),
        ({"before": "<div class='info'>2023年11月3日 来源：人民日报</div>"},
         datetime(2023, 11, 3, tzinfo=SHANGHAI), "day", "text_line"),
        ({"before": "<p class='dateline'>Published: Nov. 3, 2023</p>", "zh": False},
         datetime(2023, 11, 3, tzinfo=SHANGHAI), "day", "text_line"),
        ({"url": "https://example.org/news/2023/11/03/heat-pumps.html", "zh": False},
         datetime(2023, 11, 3, tzinfo=SHANGHAI), "day", "url"),
        ({"url": "http://www.example.gov.cn/zwgk/202311/t20231103_123.html"},
         datetime(2023, 11, 3, tzinfo=SHANGHAI), "day", "url"),
        ({"before": "<span class='time'>3天前</span>"},
         datetime(2023, 12, 29, 8, 0, tzinfo=SHANGHAI), "approximate", "relative"),
        ({"before": "<span class='date'>3 months ago</span>", "zh": False},
         datetime(2023, 10, 1, 8, 0, tzinfo=SHANGHAI), "approximate", "relative"),
    ],
)  # fmt: skip
def test_publish_date_forms(kwargs: dict[str, object], value: datetime, precision: str, source: str) -> None:
    article = extract(**kwargs)  # type: ignore[arg-type]
    assert article.published_at == value
    assert article.published_at is not None and article.published_at.tzinfo is not None
    assert (article.date_precision, article.date_source) == (precision, source)
    assert article.date_text


def test_structured_date_wins_over_url_and_text() -> None:
    article = extract(
        head="<meta property='article:published_time' content='2023-11-05T00:00:00+08:00'>",
        before="<div class='info'>发布时间：2023-11-04</div>",
        url="https://example.org/2023/11/03/x.html",
    )
    assert article.published_at == datetime(2023, 11, 5, tzinfo=timezone(timedelta(hours=8)))
    assert article.date_source == "meta"


# --------------------------------------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("kwargs", "author", "editors"),
    [
        ({"before": "<p>作者：张三</p>", "after": "<p>（责任编辑：李四）</p>"}, "张三", ("李四",)),
        ({"before": "<p>本报记者 王五 赵六</p>", "after": "<p>编辑：钱七</p>"}, "王五、赵六", ("钱七",)),
        ({"before": "<p>文/孙八</p>"}, "孙八", ()),
        ({"before": "<p>By Jane Doe</p>", "zh": False}, "Jane Doe", ()),
        ({"before": "<p>By Chen Jing, Staff Reporter</p>", "zh": False}, "Chen Jing", ()),
        ({"before": "<p class='meta'>By Chen Wei · March 4, 2024</p>", "zh": False}, "Chen Wei", ()),
        ({"before": "<p>By Jane Doe and John Roe</p>", "after": "<p>Edited by Mary Major</p>", "zh": False},
         "Jane Doe, John Roe", ("Mary Major",)),
        ({"head": "<meta name='author' content='Jane Doe'>", "zh": False}, "Jane Doe", ()),
        ({"head": '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"A. Writer"}]}</script>',
          "zh": False}, "A. Writer", ()),
        ({"before": "<div class='info'>发布时间：2022-03-11　来源：标准定额司　作者：王明</div>"}, "王明", ()),
        ({"before": "<div class='info'>来源：新华社 作者：李华</div><p>记者：张三</p>"}, "张三", ()),
    ],
)  # fmt: skip
def test_author_and_editors_are_kept_apart(kwargs: dict[str, object], author: str, editors: tuple[str, ...]) -> None:
    article = extract(**kwargs)  # type: ignore[arg-type]
    assert article.author == author
    assert article.editors == editors
    assert "编辑" not in article.body_text and "Edited by" not in article.body_text


# ---------------------------------------------------------------------------- publisher, site, section


def test_publisher_and_site_name_from_structured_data() -> None:
    article = extract(
        head="<meta property='og:site_name' content='Green Daily'>"
        '<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"Green Media Ltd"}}</script>',
        zh=False,
    )
    assert (article.publisher, article.site_name) == ("Green Media Ltd", "Green Daily")


def test_publisher_from_source_line_and_copyright_holder() -> None:
    assert extract(before="<div class='info'>来源：中国建设报　发布日期：2023-11-03</div>").publisher == "中国建设报"
    holder = extract(after="<p>Copyright © 2023 重庆市绿色建筑协会 版权所有</p>")
    assert holder.publisher == "重庆市绿色建筑协会"
    assert "版权所有" not in holder.body_text
    assert extract(head="<meta property='og:site_name' content='Green Daily'>", zh=False).publisher == "Green Daily"


@pytest.mark.parametrize(
    ("head", "before", "zh", "site_name"),
    [
        ("<title>Chengdu terminal goes zero-carbon - Green Building Daily</title>", "<h1>Chengdu terminal goes zero-carbon</h1>",
         False, "Green Building Daily"),
        ("<title>关于推进绿色建筑发展的实施意见_政策文件_某某省住房和城乡建设厅</title>", "<h1>关于推进绿色建筑发展的实施意见</h1>",
         True, "某某省住房和城乡建设厅"),
        ("<title>益阳：“数字”是优长-半月谈</title>", "<h1>益阳：“数字”是优长</h1>", True, "半月谈"),
        ("<title>北京发布超低能耗建筑发展行动计划-新闻频道-某某网</title>", "<h1>北京发布超低能耗建筑发展行动计划</h1>", True, "某某网"),
        # what follows the headline reads as another headline, not a name: no site name
        ("<title>Blog - Interning of Small Integers in Python Explained</title>", "<h1>Blog</h1>", False, None),
    ],
)  # fmt: skip
def test_site_name_and_publisher_from_what_the_title_tag_adds(
    head: str, before: str, zh: bool, site_name: str | None
) -> None:
    article = extract(head=head, before=before, zh=zh)
    assert (article.site_name, article.publisher) == (site_name, site_name)


@pytest.mark.parametrize(
    ("kwargs", "section"),
    [
        ({"before": "<div class='breadcrumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/n'>行业动态</a></div>"},
         "行业动态"),
        ({"before": "<nav class='breadcrumbs'><a href='/'>Home</a> <a href='/climate'>Climate</a></nav>", "zh": False},
         "Climate"),
        ({"head": "<meta property='article:section' content='Energy'>", "zh": False}, "Energy"),
    ],
)  # fmt: skip
def test_section_forms(kwargs: dict[str, object], section: str) -> None:
    assert extract(**kwargs).section == section  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ language, URL, counts


def test_language_canonical_and_view_count() -> None:
    zh = extract(
        head="<link rel='canonical' href='/news/123.html'>",
        before="<div class='info'>发布时间：2023-11-03　浏览量：1908</div>",
        url="https://example.cn/news/123.html?from=timeline",
    )
    assert zh.language == "zh"
    assert zh.canonical_url == "https://example.cn/news/123.html"
    assert zh.view_count == 1908
    en = extract(head="<link rel='canonical' href='https://example.org/x'>", zh=False)
    assert en.language == "en"
    assert en.canonical_url == "https://example.org/x"
    assert en.view_count is None
