"""Author values that name no person, or a person with more than the name (QA pass 4, finding 3): a label kept
with the value ("责任编辑：张申" is an editor, "Auteur: Anna Kubišta", "von Ulrike", "Veröffentlicht am"), the
outlet itself ("参考消息" printed as the 来源 too, "新浪财经-自媒体综合", "南都" glued to its reporter's role),
a name glued to its affiliation (<a>王文</a><span>…执行院长</span>) and a company ("… GmbH, Munich, Germany")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

from cleaning.lines import author_names, parse_credits
from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
ZH_TITLE = "超低能耗建筑进入规模化推广阶段"
ZH_PARAGRAPH = (
    "记者从住房和城乡建设部了解到，今年以来各地新建超低能耗建筑面积持续增长，"
    "北方地区清洁取暖改造与既有建筑节能改造同步推进，建筑领域碳排放强度稳步下降。"
)
DE_TITLE = "Neue Förderung für energieeffiziente Gebäude"
DE_PARAGRAPH = (
    "Die Bundesregierung hat am Dienstag ein neues Förderprogramm für energieeffiziente Wohngebäude "
    "vorgestellt. Eigentümer sollen künftig höhere Zuschüsse für Wärmepumpen und Dämmung erhalten."
)


def _page(title: str, paragraph: str, *, head: str = "", top: str = "", title_tag: str | None = None) -> str:
    body = "".join(f"<p>{paragraph}</p>" for _ in range(3))
    return (
        f"<html><head><title>{title_tag or title}</title>{head}</head><body>"
        f'<div class="article"><h1>{title}</h1>{top}{body}</div></body></html>'
    )


def _zh(**parts: str) -> ExtractedArticle:
    return extract(
        html_raw(_page(ZH_TITLE, ZH_PARAGRAPH, **parts), "https://news.example.com/a/1.html", read_at=READ_AT)
    )


def _de(**parts: str) -> ExtractedArticle:
    return extract(html_raw(_page(DE_TITLE, DE_PARAGRAPH, **parts), "https://www.example.de/news/1", read_at=READ_AT))


# ------------------------------------------------------------------------------- labels kept in the value


def test_an_editor_credit_in_a_byline_element_is_no_author() -> None:
    # sina: <div class="show_author">责任编辑：张申</div>
    article = _zh(top='<div class="show_author">责任编辑：张申</div>')
    assert article.author is None
    assert article.editors == ("张申",)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Auteur: Anna Kubišta", "Anna Kubišta"),
        ("von Ulrike", "Ulrike"),
        ("Erstellt von Andri Bryner", "Andri Bryner"),
        ("veröffentlicht von stylegart", "stylegart"),
        ("Von Markus Balser", "Markus Balser"),
        ("Veröffentlicht am", None),
    ],
)
def test_a_byline_label_is_not_part_of_the_author(byline: str, author: str | None) -> None:
    assert _de(top=f'<div class="entry-author">{byline}</div>').author == author


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Auteur: Anna Kubišta", "Anna Kubišta"),
        ("Erstellt von Andri Bryner", "Andri Bryner"),
        ("Veröffentlicht am", None),
        ("Veröffentlicht am 12.03.2024", None),
        ("责任编辑：张申", None),
        ("作者：王明", "王明"),
        ("网络整理", None),  # EDN China: 作者：网络整理
        ("Autor: www.koffergepackt.com", None),  # a host names no person
        ("buchmesse.ARD.de", None),
        ("Bild © hr", None),  # a picture's credit
        ("J.R.R. Tolkien", "J.R.R. Tolkien"),
        # a name that only starts like a label stays whole
        ("Vonda Shepard", "Vonda Shepard"),
        ("Parker Lewis", "Parker Lewis"),
    ],
)
def test_author_names_without_labels(value: str, expected: str | None) -> None:
    assert author_names(value) == expected


# ------------------------------------------------------------------------------- the outlet as the author


def test_a_meta_author_that_is_the_printed_source_names_no_person() -> None:
    # sina: <meta name="author" content="参考消息"> and the page's 来源 line names 参考消息 too
    article = _zh(
        head='<meta name="author" content="参考消息">',
        top="<div>2019-11-20 08:12 来源：参考消息</div>",
        title_tag=f"{ZH_TITLE}|公园_新浪新闻",
    )
    assert article.author is None
    assert article.publisher == "参考消息"


def test_an_outlets_channel_as_author_names_no_person() -> None:
    # sina finance: <meta property="article:author" content="新浪财经-自媒体综合">
    article = _zh(
        head='<meta property="article:author" content="新浪财经-自媒体综合">',
        title_tag=f"{ZH_TITLE}_新浪财经_新浪网",
    )
    assert article.author is None


@pytest.mark.parametrize(
    ("credit", "author"),
    [
        ("采写：南都记者 余毅菁 向雪妮", "余毅菁、向雪妮"),
        ("采写：南都见习记者 林子沛", "林子沛"),
        ("文/南方日报记者 张三", "张三"),
        # reporters glued to the next role stay reporters
        ("记者张三通讯员李四", "张三、李四"),
        ("本报记者张三 通讯员李四", "张三、李四"),
    ],
)
def test_an_outlet_glued_to_its_reporters_role_is_no_name(credit: str, author: str) -> None:
    assert parse_credits(credit)[0] == author


def test_an_outlet_credit_at_the_storys_end() -> None:
    html = _page(ZH_TITLE, ZH_PARAGRAPH).replace("</div></body>", "<p>采写：南都见习记者 林子沛</p></div></body>")
    article = extract(html_raw(html, "https://news.example.com/a/2.html", read_at=READ_AT))
    assert article.author == "林子沛"


# --------------------------------------------------------------------------- a name glued to its affiliation


def test_a_name_and_its_affiliation_in_sibling_elements() -> None:
    # guancha: <ul class="author"><li><div class="author-intro"><p><a>王文</a><span>…执行院长</span></p>
    byline = (
        '<ul class="author fix"><li><div class="author-intro fix"><a href="/WangWen"><img alt="王文"></a>'
        '<p><a href="/WangWen">王文</a><span>中国人民大学重阳金融研究院执行院长</span></p></div></li></ul>'
    )
    assert _zh(top=byline).author == "王文"


# ----------------------------------------------------------------------------------- companies are no authors


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta name="author" content="Süddeutsche.de GmbH, Munich, Germany">', None),
        ('<meta name="author" content="Perform Media Deutschland GmbH">', None),
        (
            '<meta property="og:site_name" content="GIROMATCH">'
            '<script type="application/ld+json">{"@type": "Article", "author": '
            '{"@type": "Organization", "name": "GIROMATCH, Frankfurt a. M., Germany"}}</script>',
            None,
        ),
        ('<meta name="author" content="Jane Doe, Berlin, Germany">', "Jane Doe"),
        ('<meta name="author" content="Hanns-Seidel-Stiftung e.V.">', "Hanns-Seidel-Stiftung e.V."),
    ],
)
def test_a_company_is_no_author(head: str, expected: str | None) -> None:
    assert _de(head=head).author == expected


def test_a_byline_after_a_company_meta_author() -> None:
    # Süddeutsche: meta author is the company, the byline element names the reporter
    article = _de(
        head='<meta name="author" content="Süddeutsche.de GmbH, Munich, Germany">',
        top='<p class="sz-article-byline">Von Markus Balser</p>',
    )
    assert article.author == "Markus Balser"


def test_a_byline_ending_in_a_colon_names_no_author() -> None:
    # sina blog sidebar: <li><a><span class="author fright">超级感悟：</span>时间节点跨越 市场强于预期</a></li>
    sidebar = (
        '<ul class="blog-list"><li><a href="/s/blog_1.html"><span class="author fright">超级感悟：</span>'
        "时间节点跨越 市场强于预期</a></li></ul>"
    )
    html = _page(ZH_TITLE, ZH_PARAGRAPH).replace("</div></body>", f"</div>{sidebar}</body>")
    assert extract(html_raw(html, "https://news.example.com/a/3.html", read_at=READ_AT)).author is None
