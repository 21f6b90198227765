"""An official document's closing block (落款: attachments, issuer, signing date, publication note) is body."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

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
    return RawDocument(
        source_name="t", uri="file:///notice.txt", key="notice.txt", content=text.encode(), media_type="text/plain",
        read_at=READ_AT,
    )  # fmt: skip


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
