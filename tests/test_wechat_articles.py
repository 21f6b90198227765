"""WeChat official-account articles (mp.weixin.qq.com): fetched pages, whose header is filled in by script,
and operators' copy-paste of an article as plain text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw, text_raw

from cleaning.lines import classify_line
from cleaning.pipeline import extract
from schemas import RawDocument

READ_AT = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
URL = "https://mp.weixin.qq.com/s/Qx7nR2kLm9vT3pYw8sZ1cA"
# 2023-11-30 23:30 UTC: 2023-12-01 07:30 in Beijing, the day the page shows.
CREATE_TIME = "1701387000"
PARAGRAPHS = (
    "去年11月，位于河北省石家庄市的一栋超低能耗住宅楼正式交付入住。经过一个完整的采暖季，项目团队拿到了第一手的运行监测数据。",
    "该项目为18层剪力墙结构住宅，建筑面积约1.2万平方米。外墙采用250毫米厚石墨聚苯板外保温，外窗为三玻两腔被动窗。",
    "监测数据显示，全楼采暖季单位面积供暖耗热量为9.6千瓦时每平方米，仅为当地同类节能75%标准住宅的约四分之一。",
)
# What WeChat prints around an article: none of it is the article's text.
FURNITURE = (
    "预览时标签不可点",
    "微信扫一扫",
    "关注该公众号",
    "阅读原文",
    "轻触阅读原文",
    "喜欢此内容的人还喜欢",
    "继续滑动看下一个",
    "向上滑动看下一个",
    "知道了",
    "轻点两下取消赞",
)


def _wechat_page(*, head_script: str, tail_script: str, publish_time_text: str = "", header: str = "") -> str:
    body = "".join(
        f'<section style="font-size: 15px;"><span style="color: rgb(62, 62, 62);">{text}</span></section>'
        for text in PARAGRAPHS
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="一个采暖季下来，这栋超低能耗住宅到底省了多少能？">
<meta property="og:site_name" content="微信公众平台"><meta property="og:type" content="article">
<title>一个采暖季下来，这栋超低能耗住宅到底省了多少能？</title>
<script>{head_script}</script></head>
<body id="activity-detail" class="zh_CN wx_wap_page">
<div id="js_article" class="rich_media"><div class="rich_media_inner"><div id="img-content" class="rich_media_wrp">
<h1 class="rich_media_title" id="activity-name">一个采暖季下来，这栋超低能耗住宅到底省了多少能？</h1>
<div id="meta_content" class="rich_media_meta_list">{header}
<em id="publish_time" class="rich_media_meta rich_media_meta_text">{publish_time_text}</em>
<em id="js_ip_wording_wrp" class="rich_media_meta rich_media_meta_text" style="display: none;"><span id="js_ip_wording"></span></em>
</div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">
<section style="text-align: center;"><span style="font-size: 17px;"><strong>01 项目概况</strong></span></section>
{body}</div>
<div id="js_tags_preview_toast" class="article-tag__error-tips">预览时标签不可点</div>
<div class="rich_media_tool_area"><a class="media_tool_meta meta_primary" id="js_view_source" href="##">阅读原文</a>
<span>轻触阅读原文</span></div></div>
<div class="rich_media_area_extra"><div class="qr_code_pc"><p>微信扫一扫<br>关注该公众号</p></div></div>
<div id="js_related_area" class="related_area"><div class="related_title">喜欢此内容的人还喜欢</div>
<a class="related_item" href="#">北方农村清洁取暖，超低能耗农房能帮上多大忙？</a></div>
<div class="wx_stream_article_slide_tip">继续滑动看下一个</div><div>向上滑动看下一个</div>
<div class="weui-dialog"><a>知道了</a></div>
<div class="interaction_bar">赞，轻点两下取消赞 在看，轻点两下取消在看 分享 留言 收藏</div>
</div></div>
<script>{tail_script}</script></body></html>"""


def _body(article: object) -> str:
    return "\n".join(p.text for p in article.paragraphs)  # type: ignore[attr-defined]


def test_fetched_page_reads_account_author_and_script_date() -> None:
    """As served, `#publish_time` is empty: the date is only in the scripts (Unix seconds, a UTC instant)."""
    header = (
        '<span id="copyright_logo" class="rich_media_meta icon_appmsg_tag">原创</span>'
        '<span class="rich_media_meta rich_media_meta_text">陈晓峰</span>'
        '<span class="rich_media_meta rich_media_meta_nickname" id="profileBt">'
        '<a href="javascript:void(0);" id="js_name">超低能耗建筑联盟</a>'
        '<div id="js_profile_qrcode" class="profile_container" style="display:none;">'
        '<strong class="profile_nickname">超低能耗建筑联盟</strong>'
        "<p>功能介绍 推动超低能耗建筑发展</p></div></span>"
    )
    page = _wechat_page(
        head_script=f'var nickname = htmlDecode("超低能耗建筑联盟"); var ct = "{CREATE_TIME}";',
        tail_script=f'var publish_time = "2023-12-01" || ""; var create_time = "{CREATE_TIME}" * 1;',
        header=header,
    )
    article = extract(html_raw(page, URL, read_at=READ_AT))
    assert article.publisher == "超低能耗建筑联盟"
    assert article.site_name == "微信公众平台"
    assert article.author == "陈晓峰"
    assert article.published_at == datetime(2023, 11, 30, 23, 30, tzinfo=UTC)
    assert article.published_at is not None and article.published_at.date().isoformat() == "2023-12-01"  # Beijing
    body = _body(article)
    assert all(text in body for text in PARAGRAPHS)
    # WeChat serves the article hidden (its script shows it): read as hidden, the article would be lost and
    # the page's furniture taken for the body.
    assert [text for text in FURNITURE if text in body] == []


def test_script_variables_alone_give_account_author_and_date() -> None:
    """Newer pages: `window.ct`, `nick_name: JsDecode('…')` with JavaScript escapes, `author: JsDecode('…')`."""
    page = _wechat_page(
        head_script="window.ct = '1701387000';",
        tail_script=(
            "window.cgiDataNew = { nick_name: JsDecode('\\x22\\u7eff\\u5efa\\u6750\\x22\\x26amp;\\u89c2\\u5bdf'), "
            "author: JsDecode('林晓'), author_id: JsDecode('ofMoI44F6FAv') };"
        ),
    )
    article = extract(html_raw(page, "file:///saved/article.html", read_at=READ_AT))
    assert article.publisher == '"绿建材"&观察'
    assert article.author == "林晓"
    assert article.published_at == datetime(2023, 11, 30, 23, 30, tzinfo=UTC)


def test_script_publish_day_when_no_unix_time() -> None:
    page = _wechat_page(head_script='var nickname = "未闻Code";', tail_script='var publish_time = "2023-12-01" || "";')
    article = extract(html_raw(page, URL, read_at=READ_AT))
    assert article.publisher == "未闻Code"
    assert article.published_at is not None and article.published_at.date().isoformat() == "2023-12-01"
    assert article.date_precision == "day"


def test_script_time_beats_the_relative_date_a_saved_page_shows() -> None:
    """A page saved from a browser shows "前天" in `#publish_time`; the script's instant is exact."""
    page = _wechat_page(head_script='var ct = "1581418070";', tail_script="", publish_time_text="前天")
    article = extract(html_raw(page, URL, read_at=READ_AT))
    assert article.published_at == datetime(2020, 2, 11, 10, 47, 50, tzinfo=UTC)


def test_repost_names_its_source_line_as_publisher() -> None:
    """A reposted article's 来源 line names the original publisher, not the reposting account."""
    page = _wechat_page(
        head_script='var nickname = htmlDecode("广东省建筑节能协会"); var ct = "1727086320";', tail_script=""
    ).replace('<section style="text-align: center;">', "<p>来源：广东省住房和城乡建设厅</p><section>", 1)
    article = extract(html_raw(page, URL, read_at=READ_AT))
    assert article.publisher == "广东省住房和城乡建设厅"
    assert "来源：广东省住房和城乡建设厅" not in _body(article)


def test_other_sites_script_variables_are_not_read() -> None:
    page = f"""<html><head><meta property="og:site_name" content="绿色建筑网"><title>绿色建筑新闻</title>
<script>var nickname = "访客"; var ct = "1701387000"; var author = "admin";</script></head>
<body><article><h1>绿色建筑新闻</h1>{"".join(f"<p>{text}</p>" for text in PARAGRAPHS)}</article></body></html>"""
    article = extract(html_raw(page, "https://www.example.cn/news/1.html", read_at=READ_AT))
    assert article.publisher == "绿色建筑网"
    assert article.author is None
    assert article.published_at is None


COPIED = """绿色建材产品认证扩围，这些变化值得关注
{byline}
今年以来，市场监管总局、住房城乡建设部、工业和信息化部联合推进绿色建材产品认证扩围工作，认证目录由原来的51类增加至近70类。

绿色建材产品认证采用分级评价，认证结果分为一星级、二星级和三星级，获得认证的产品可以进入绿色建材采信应用数据库。

- END -
审核 | 周宏
阅读原文
微信扫一扫
关注该公众号
继续滑动看下一个
绿建材观察
向上滑动看下一个
喜欢此内容的人还喜欢
政府采购支持绿色建材试点城市名单汇总
知道了
：，。视频小程序赞，轻点两下取消赞在看，轻点两下取消在看分享留言收藏听过
"""


def _text_raw(text: str) -> RawDocument:
    return text_raw(text, read_at=READ_AT, uri="https://mp.weixin.qq.com/s/Lm3Kp8Qw2Xz7Rt5Yv1Nb4g")


@pytest.mark.parametrize(
    ("byline", "author", "published"),
    [
        ("原创 林晓 绿建材观察 2024年05月08日 09:30 北京", "林晓", datetime(2024, 5, 8, 1, 30, tzinfo=UTC)),
        ("原创 绿建材观察 2024-05-08 09:30", None, datetime(2024, 5, 8, 1, 30, tzinfo=UTC)),
        ("绿建材观察 2024年05月08日 09:30 广东", None, datetime(2024, 5, 8, 1, 30, tzinfo=UTC)),
    ],
)
def test_copied_text_byline_gives_date_author_and_account(byline: str, author: str | None, published: datetime) -> None:
    article = extract(_text_raw(COPIED.format(byline=byline)))
    assert article.title == "绿色建材产品认证扩围，这些变化值得关注"
    assert article.published_at == published
    assert article.author == author
    assert article.publisher == "绿建材观察"
    body = _body(article)
    assert body.startswith("今年以来") and body.endswith("采信应用数据库。")
    assert "2024" not in body
    assert [text for text in FURNITURE if text in body] == []


@pytest.mark.parametrize(
    "line",
    [
        "新华网 2024-05-08 09:30",  # a name and a date: no region, no 原创
        "住房和城乡建设部 2024年05月08日",
        "原创 我们今天讲 2024",
        "北京 2024年05月08日 09:30 北京市住建委发布通知",
    ],
)
def test_name_and_date_lines_are_not_wechat_bylines(line: str) -> None:
    match = classify_line(line)
    assert match is None or match.rule.name != "meta.wechat_byline"
