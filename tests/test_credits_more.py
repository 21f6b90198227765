"""Authors from Chinese news and institution pages: wire datelines, outlet-first bylines, junk meta
authors, "北京报道" suffixes, several names, and 作者 values that are offices or CMS accounts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

from cleaning.lines import author_names, classify_line, dateline_author, parse_credits
from cleaning.pipeline import extract
from schemas import ExtractedArticle, RawDocument

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
URL = "https://news.example.cn/a/2024/0326/1.html"
PARAGRAPHS = "".join(
    f"<p>这是第{i}段正文，介绍建筑节能和绿色建筑的发展情况，各地持续推进超低能耗建筑和既有建筑节能改造工作，取得明显成效。</p>"
    for i in range(1, 6)
)


def _page(
    *, head: str = "", top: str = "", lead: str = "", after: str = "", title_tag: str = "绿色建筑发展提速-示例网"
) -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>{title_tag}</title>{head}</head><body>"
        f"<h1>绿色建筑发展提速</h1>{top}<div class='article'>{lead}{PARAGRAPHS}</div>{after}</body></html>"
    )


def _extract(html: str) -> ExtractedArticle:
    return extract(html_raw(html, URL, read_at=READ_AT))


def _body(article: ExtractedArticle) -> str:
    return "\n".join(p.text for p in article.paragraphs)


# ------------------------------------------------------------------------------------- wire datelines


@pytest.mark.parametrize(
    ("lead", "author"),
    [
        (
            "新华社北京3月26日电（记者王优玲）记者从住房和城乡建设部获悉，全国城镇累计建成绿色建筑面积超过100亿平方米。",
            "王优玲",
        ),
        ("　　中新网上海4月18日电 (记者 缪璐)光伏组件不再只是装在屋顶上的“大板子”，而是直接变成建筑的幕墙。", "缪璐"),
        (
            "本报讯（记者 张立 通讯员 李华）近日，全市首个近零能耗住宅小区通过验收，建筑节能率达到百分之八十以上。",
            "张立、李华",
        ),
        (
            "新华社北京3月1日电（记者王优玲、高敬）记者从住房和城乡建设部获悉，全国城镇累计建成绿色建筑面积超过100亿平方米。",
            "王优玲、高敬",
        ),
    ],
)
def test_a_dateline_names_the_author_and_stays_in_the_body(lead: str, author: str) -> None:
    article = _extract(_page(top="<div>2024-03-26 10:00 来源：新华网</div>", lead=f"<p>{lead}</p>"))
    assert article.author == author
    assert lead.strip("　")[:12] in _body(article)


def test_a_dateline_beats_a_meta_author_but_not_a_credit_line() -> None:
    lead = "<p>新华社北京3月26日电（记者王优玲）记者从住房和城乡建设部获悉，全国城镇累计建成绿色建筑面积超过100亿平方米。</p>"
    meta_author = "<meta name='author' content='张编辑'>"
    assert _extract(_page(head=meta_author, lead=lead)).author == "王优玲"
    credited = _extract(_page(head=meta_author, top="<div>本报记者 刘明</div>", lead=lead))
    assert credited.author == "刘明"


def test_a_dateline_on_its_own_line_names_the_author() -> None:
    top = "<p class='sou'>人民网杭州4月11日电（记者 方堃）</p><div>2024年04月11日08:20 | 来源：人民网</div>"
    assert _extract(_page(head="<meta name='author' content='102384'>", top=top)).author == "方堃"


def test_a_dateline_in_a_text_document_names_the_author() -> None:
    text = (
        "我国城乡建设领域碳达峰工作稳步推进\n"
        "发布时间：2024-03-26 16:42\n"
        "新华社北京3月26日电（记者王优玲）记者从住房和城乡建设部获悉，我国城乡建设领域碳达峰工作稳步推进。\n"
        "截至2023年底，全国城镇累计建成绿色建筑面积超过100亿平方米。\n"
    )
    raw = RawDocument(
        source_name="test", uri="file:///a.txt", key="a.txt", content=text.encode(), media_type="text/plain",
        read_at=READ_AT,
    )  # fmt: skip
    article = extract(raw)
    assert article.author == "王优玲"
    assert article.paragraphs[0].text.startswith("新华社北京3月26日电")


@pytest.mark.parametrize(
    ("paragraph", "author"),
    [
        ("本报北京3月5日讯（记者王优玲）近日，", "王优玲"),
        ("央视网消息（记者 李明）近日，", "李明"),
        ("他说（记者 王明）这里不是电头。", None),
        ("据悉，新华社电（记者 王明）不在段首。", None),
        ("新华社北京3月26日电 记者从住房和城乡建设部获悉", None),
    ],
)
def test_dateline_author(paragraph: str, author: str | None) -> None:
    assert dateline_author(paragraph) == author


# ------------------------------------------------------------------------------- outlet-first bylines


@pytest.mark.parametrize(
    ("markup", "author"),
    [
        ("<div><div>澎湃新闻记者 邹娟</div><div>2024-06-05 09:12 来源：澎湃新闻</div></div>", "邹娟"),
        ("<div>2024-06-05 09:12</div><div>经济参考报记者 王璐</div>", "王璐"),
        ("<div>2024-06-05 09:12</div><div>21世纪经济报道记者 曹恩惠 上海报道</div>", "曹恩惠"),
    ],
)
def test_a_byline_naming_the_outlet_first_names_the_reporter(markup: str, author: str) -> None:
    assert _extract(_page(top=markup)).author == author


def test_an_outlet_first_byline_in_the_body_names_the_reporter_and_leaves_the_body() -> None:
    article = _extract(_page(top="<div>2024年03月08日 10:21</div>", lead="<p>　　《经济参考报》记者 王璐</p>"))
    assert article.author == "王璐"
    assert "记者" not in _body(article)


def test_a_byline_with_the_outlet_after_the_label_names_the_reporter() -> None:
    top = "<div class='artInfo'><span>文｜财新 陈雪</span> <span>2024年07月02日 18:21</span> <span>来源：财新网</span></div>"
    head = "<meta name='author' content='财新网'>"
    article = _extract(_page(head=head, top=top, title_tag="建筑行业将纳入碳市场_财新网"))
    assert article.author == "陈雪"
    assert article.published_at is not None and article.published_at.date().isoformat() == "2024-07-02"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("澎湃新闻记者 邹娟", "邹娟"),
        ("《经济参考报》记者 王璐", "王璐"),
        ("本报记者 曹恩惠 北京报道", "曹恩惠"),
        ("作者 张三", "张三"),
    ],
)
def test_credit_lines(line: str, author: str) -> None:
    match = classify_line(line)
    assert match is not None and match.rule.kind == "credit"
    assert parse_credits(line)[0] == author


@pytest.mark.parametrize("line", ["作者最新文章", "他告诉记者王明", "接受记者采访", "新华社记者看河北"])
def test_not_credit_lines(line: str) -> None:
    match = classify_line(line)
    assert match is None or match.rule.kind != "credit"


# ---------------------------------------------------------------------------------- junk authors


@pytest.mark.parametrize(
    ("head", "title_tag"),
    [
        ("<meta name='author' content='102384'>", "绿色建筑发展提速-示例网"),
        ("<meta name='author' content='财新网'><meta property='og:site_name' content='财新网'>", "绿色建筑发展提速"),
        ("<meta name='author' content='网易'>", "绿色建筑发展提速|既有建筑|节能改造_网易订阅"),
        ("<meta property='article:author' content='新浪财经'>", "绿色建筑发展提速|建材|水泥_新浪财经_新浪网"),
        ("<meta name='author' content='admin'>", "绿色建筑发展提速-示例网"),
    ],
)
def test_a_meta_author_naming_no_person_is_not_the_author(head: str, title_tag: str) -> None:
    assert _extract(_page(head=head, top="<div>2024-03-26 10:00</div>", title_tag=title_tag)).author is None


def test_a_meta_author_naming_a_person_or_an_office_is_kept() -> None:
    assert _extract(_page(head="<meta name='author' content='缪璐'>")).author == "缪璐"
    assert _extract(_page(head="<meta name='author' content='住房和城乡建设部'>")).author == "住房和城乡建设部"


def test_a_sidebar_heading_is_not_the_author() -> None:
    after = "<div class='god-article-bottom'><div class='title'>作者最新文章</div><ul><li><a>既有建筑节能改造的五大误区</a></li></ul></div>"
    assert _extract(_page(top="<div>2024-04-02 14:40</div>", after=after)).author is None


@pytest.mark.parametrize(
    ("value", "outlets", "expected"),
    [
        ("王喆 李树林", (), "王喆、李树林"),
        ("张明、李华", (), "张明、李华"),
        ("102384", (), None),
        ("Admin", (), None),
        ("D.E.", (), None),
        ("name, email@gmail.com", (), None),
        ("Hanns-Seidel-Stiftung e.V.", (), "Hanns-Seidel-Stiftung e.V."),
        ("陈智 整合", (), "陈智"),
        ("曹恩惠 上海报道", (), "曹恩惠"),
        ("财新、陈雪", ("财新网",), "陈雪"),
        ("Jane Doe, John Roe", ("Reuters",), "Jane Doe, John Roe"),
        ("Apple Smith", ("AP",), "Apple Smith"),
        ("Reuters", ("Reuters",), None),
        (None, (), None),
    ],
)
def test_author_names(value: str | None, outlets: tuple[str, ...], expected: str | None) -> None:
    assert author_names(value, outlets=outlets) == expected


# ------------------------------------------------------------------------ 作者 on a metadata line


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("时间: 2024-01-15 09:46 来源: 中国建设报 作者: 王喆 李树林 点击: 1286 次", "王喆、李树林"),
        ("作者：张明、李华 来源：中国建设报 发布时间：2024-01-15", "张明、李华"),
    ],
)
def test_every_name_on_a_metadata_line_is_kept(line: str, author: str) -> None:
    article = _extract(_page(top=f"<div>{line}</div>"))
    assert article.author == author
    assert article.publisher == "中国建设报"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("时间:2024-01-15 09:46来源:中国建设报作者:王喆 李树林点击:1286 次", "王喆、李树林"),  # fields run together
        ("来源：浙江省建筑节能协会    作者：王明    发布日期：2024年5月12日", "王明"),
        ("作者：研究院办公室来源：中国建筑科学研究院 时间：2024年06月05日", "研究院办公室"),
    ],
)
def test_the_author_named_on_a_metadata_line(line: str, author: str) -> None:
    match = classify_line(line)
    assert match is not None and match.rule.kind == "meta"
    assert author_names(match.captures.get("author")) == author


@pytest.mark.parametrize(
    ("value", "author"),
    [
        ("绿建委秘书处", "绿建委秘书处"),
        ("研究院办公室", "研究院办公室"),
        ("中国建筑节能协会", "中国建筑节能协会"),
        ("Zhang Ming", "Zhang Ming"),
        ("admin", None),
    ],
)
def test_an_info_line_whose_author_is_no_short_name_is_still_a_metadata_line(value: str, author: str | None) -> None:
    info = (
        f"<div class='info'>作者：{value}&nbsp;&nbsp;&nbsp;来源：中国城市科学研究会绿色建筑与节能专业委员会"
        "&nbsp;&nbsp;&nbsp;发布时间：2024-4-10 16:22:05&nbsp;&nbsp;&nbsp;浏览次数：1875</div>"
    )
    article = _extract(_page(lead=info))
    assert article.author == author
    assert article.publisher == "中国城市科学研究会绿色建筑与节能专业委员会"
    assert article.published_at is not None and article.published_at.date().isoformat() == "2024-04-10"
    assert "来源" not in _body(article)
