"""An official document's closing block (落款: attachments, issuer, signing date, publication note) is body."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw, text_raw

from cleaning.lines import closing_block_length, is_document_issuer, is_signing_date
from cleaning.pipeline import extract
from schemas import RawDocument

READ_AT = datetime(2024, 1, 1, tzinfo=UTC)
CLOSING = ["附件：“十四五”建筑节能与绿色建筑发展规划", "住房和城乡建设部", "2022年3月1日", "（此件公开发布）"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([*CLOSING, "相关附件：", "网站地图 | 联系我们"], 4),
        (["住房和城乡建设部办公厅 国家发展改革委办公厅", "二〇二二年三月一日"], 2),
        (["附件：1.申报表", "2.汇总表", "某某市住房和城乡建设委员会", "2024年3月5日"], 4),
        (["2024年3月5日", "（此件主动公开）"], 2),
        (["（此件公开发布）"], 1),
        # not a document's closing: a bare date, an attachment list, furniture with a date
        (["2024年3月5日"], 0),
        (["附件：申报表.docx", "附件：汇总表.xls"], 0),
        (["关于我们", "2024年3月5日"], 0),
        (["住房和城乡建设部", "网站地图"], 0),
    ],
)
def test_closing_block_length(lines: list[str], expected: int) -> None:
    assert closing_block_length(lines) == expected


def test_issuer_and_signing_date_lines() -> None:
    assert is_document_issuer("上海市住房和城乡建设管理委员会")
    assert is_document_issuer("中国建筑节能协会")
    assert not is_document_issuer("联系我们")
    assert not is_document_issuer("住房和城乡建设部关于印发规划的通知，请遵照执行。")
    assert is_signing_date("2022年3月1日") and is_signing_date("二〇二二年三月一日")
    assert not is_signing_date("2022年3月1日 10:20") and not is_signing_date("发布时间：2022年3月1日")


NOTICE_TEXT = """首页 > 政策发布
住房和城乡建设部关于印发“十四五”建筑节能与绿色建筑发展规划的通知
建标〔2022〕24号
发布时间：2022-03-11 17:05 来源：标准定额司
各省、自治区住房和城乡建设厅，直辖市住房和城乡建设（管）委，新疆生产建设兵团住房和城乡建设局：
　　现将《“十四五”建筑节能与绿色建筑发展规划》印发给你们，请结合本地区实际，认真贯彻执行。
　　附件：“十四五”建筑节能与绿色建筑发展规划
住房和城乡建设部
2022年3月1日
（此件公开发布）
相关附件：
1.“十四五”建筑节能与绿色建筑发展规划.pdf
网站地图 | 联系我们 | 网站声明
主办：中华人民共和国住房和城乡建设部 版权所有
京ICP备05003366号 京公网安备11010802034579号
"""

NOTICE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>住房和城乡建设部关于印发“十四五”建筑节能与绿色建筑发展规划的通知_政策发布_中华人民共和国住房和城乡建设部</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/xxgk">信息公开</a> <a href="/zcfb">政策发布</a></div>
<div class="article"><h1>住房和城乡建设部关于印发“十四五”建筑节能与绿色建筑发展规划的通知</h1>
<div class="info">发布时间：2022-03-11 17:05　来源：标准定额司</div>
<div class="content"><p>各省、自治区住房和城乡建设厅，直辖市住房和城乡建设（管）委，新疆生产建设兵团住房和城乡建设局：</p>
<p>现将《“十四五”建筑节能与绿色建筑发展规划》印发给你们，请结合本地区实际，认真贯彻执行。</p>
<p>附件：“十四五”建筑节能与绿色建筑发展规划</p>
<p style="text-align:right">住房和城乡建设部</p><p style="text-align:right">2022年3月1日</p>
<p>（此件公开发布）</p></div></div>
<div class="footer"><p>网站地图 | 联系我们 | 网站声明</p><p>主办：中华人民共和国住房和城乡建设部 版权所有</p>
<p>京ICP备05003366号 京公网安备11010802034579号</p></div></body></html>"""


def _text_raw(text: str) -> RawDocument:
    return text_raw(text, read_at=READ_AT, uri="file:///notice.txt")


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_notice_keeps_its_closing_block_and_drops_the_page_footer(kind: str) -> None:
    raw = (
        _text_raw(NOTICE_TEXT)
        if kind == "text"
        else html_raw(NOTICE_HTML, "https://www.mohurd.gov.cn/a.html", read_at=READ_AT)
    )
    article = extract(raw)
    texts = [p.text for p in article.paragraphs]
    assert texts[-4:] == CLOSING
    assert all(p.kind == "paragraph" for p in article.paragraphs[-4:])
    assert texts[-5] == "现将《“十四五”建筑节能与绿色建筑发展规划》印发给你们，请结合本地区实际，认真贯彻执行。"
    for furniture in ("相关附件", "网站地图", "版权所有", "ICP"):
        assert furniture not in article.body_text
    # the page's publication time, not the signing date, is the article's date
    assert article.published_at is not None and article.published_at.date().isoformat() == "2022-03-11"


def test_a_news_story_ending_in_a_bare_date_does_not_keep_it() -> None:
    text = "绿色建筑新闻\n某市新增绿色建筑面积120万平方米，占新建建筑的比例超过九成。\n" + (
        "市住建委表示，下一步将继续推动既有建筑节能改造，扩大超低能耗建筑试点范围。\n2024年3月5日\n"
    )
    article = extract(_text_raw(text))
    assert "2024年3月5日" not in article.body_text


NOTICE_WITH_CONTACT = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于开展近零能耗建筑示范申报的通知</title></head>
<body><div class="main"><h1>关于开展近零能耗建筑示范申报的通知</h1><div class="info">发布时间：2024-03-15</div>
<div class="content"><p>各市住房和城乡建设局：</p>
<p>为落实城乡建设领域碳达峰实施方案要求，推动超低能耗、近零能耗建筑规模化发展，决定组织开展示范项目申报工作，现将有关事项通知如下。</p>
<p>一、申报项目应为已竣工验收的新建居住建筑和公共建筑，建筑能效指标应符合近零能耗建筑技术标准的相关要求。</p>
<p>二、申报项目应采用高性能围护结构、高效新风热回收系统和可再生能源利用技术，具备完整的能耗监测系统，并已连续运行不少于一个采暖季。</p>
<p>联系人：王工　　电话：0311-87654321</p>
<p>附件：示范项目申报书</p>
<p style="text-align:right">某省住房和城乡建设厅</p><p style="text-align:right">2024年3月12日</p></div></div>
<div class="footer"><p>地址：某市某路1号　邮编：050000　电话：0311-12345678</p><p>冀ICP备05000000号</p></div>
</body></html>"""

CONTACT_TAIL = ["联系人：王工 电话：0311-87654321", "附件：示范项目申报书", "某省住房和城乡建设厅", "2024年3月12日"]


@pytest.mark.parametrize("paragraphs", [4, 2])
def test_a_contact_line_before_the_closing_block_does_not_end_the_notice(paragraphs: int) -> None:
    """With four paragraphs our own choice stands; with two, trafilatura's second opinion is asked."""
    html = NOTICE_WITH_CONTACT
    if paragraphs == 2:
        html = html.replace("<p>一、", "<!-- <p>一、").replace("采暖季。</p>", "采暖季。</p> -->")
    article = extract(html_raw(html, "https://zjt.example.gov.cn/tzgg/1.html", read_at=READ_AT))
    texts = [p.text for p in article.paragraphs]
    assert texts[0] == "各市住房和城乡建设局："  # the addressee opens the notice
    assert texts[-4:] == CONTACT_TAIL
    assert "邮编" not in article.body_text and "ICP" not in article.body_text


def test_a_contact_line_in_a_text_notice_before_its_closing_block_is_kept() -> None:
    text = NOTICE_TEXT.replace("　　附件：", "联系人：王工 电话：010-58933432\n　　附件：")
    texts = [p.text for p in extract(_text_raw(text)).paragraphs]
    assert texts[-5:] == ["联系人：王工电话：010-58933432", *CLOSING]  # text folds spaces between CJK


def test_a_site_footer_contact_line_still_ends_the_article() -> None:
    html = NOTICE_WITH_CONTACT.replace('<p style="text-align:right">某省住房和城乡建设厅</p>', "").replace(
        '<p style="text-align:right">2024年3月12日</p>', ""
    )
    article = extract(html_raw(html, "https://zjt.example.gov.cn/tzgg/1.html", read_at=READ_AT))
    assert "联系人" not in article.body_text and "附件" not in article.body_text


@pytest.mark.parametrize(
    "statement",
    [
        "【纠错】【责任编辑:赵文涵】",
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。",
        "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of "
        "NetEase Hao, which is a social media platform and only provides information storage services.",
    ],
)
def test_portal_statements_after_a_long_article_are_not_body(statement: str) -> None:
    sentence = "该负责人表示，下一步将持续推动城乡建设领域碳达峰各项任务落实，加快发展超低能耗建筑和近零能耗建筑。"
    paragraphs = "".join(f"<p>{sentence}第{i}段。</p>" for i in range(12))
    html = (
        '<html><head><meta charset="utf-8"><title>住建部：推动建筑节能降碳</title></head><body>'
        f'<div id="detail"><h1>住建部：推动建筑节能降碳</h1>{paragraphs}<div>{statement}</div></div></body></html>'
    )
    article = extract(html_raw(html, "https://www.example.com/2024-03/26/c_1.htm", read_at=READ_AT))
    assert len(article.paragraphs) == 12
    assert statement[:6] not in article.body_text
