"""Traditional-Chinese pages (Hong Kong, Taiwan, Macau): the Simplified vocabulary also matches them, and
their own date, credit and copyright forms are read."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from builders import html_raw

from cleaning.dates import find_date
from cleaning.hanzi_variants import to_simplified
from cleaning.lines import author_names, dateline_author
from cleaning.pipeline import extract
from schemas import RawDocument

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
PARAGRAPH = (
    "建築能效評估及標示制度自去年起受理申請，新建公有建築物須取得建築能效1級以上標示，"
    "並透過外殼隔熱、自然通風、高效率空調及智慧照明等手段提升等級，以落實淨零排放目標。"
)
BODY = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(3))


def _page(article: str, *, head: str = "<title>綠建築新聞</title>", footer: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><h1>綠建築新聞</h1>"
        f'<div class="article">{article}</div><div class="footer">{footer}</div></body></html>'
    )


def _extract(html: str, url: str = "https://www.example.org.tw/news/content.aspx?id=1234"):  # type: ignore[no-untyped-def]
    return extract(html_raw(html, url, read_at=READ_AT))


def _body(article) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(p.text for p in article.paragraphs)


def test_fold_is_one_to_one_and_leaves_simplified_text_alone() -> None:
    traditional = "來源：中央社 責任編輯：林恕暉 發佈日期 瀏覽次數 著作權"
    assert to_simplified(traditional) == "来源：中央社 责任编辑：林恕晖 发布日期 浏览次数 著作权"
    assert len(to_simplified(traditional)) == len(traditional)
    simplified = "建筑节能与绿色建筑发展取得积极进展，著作权归原作者所有，乾坤"
    assert to_simplified(simplified) == simplified


def test_traditional_metadata_line_labels_end_the_author() -> None:
    article = _extract(_page('<div class="newsinfo">作者：秘書處　　發佈日期：2024-03-05　　點閱：512</div>' + BODY))
    assert article.author == "秘書處"
    assert article.view_count == 512
    assert "點閱" not in _body(article)


def test_traditional_copyright_notice_names_the_publisher() -> None:
    article = _extract(_page(BODY, footer="<p>版權所有 © 2024 建造業議會</p><p>地址：香港九龍觀塘巧明街100號</p>"))
    assert article.publisher == "建造業議會"


@pytest.mark.parametrize(
    ("footer", "publisher"),
    [
        ("2024 © 機電工程署", "機電工程署"),  # Hong Kong departments print the year first
        ("財團法人台灣建築中心　Copyright © 2024 Taiwan Architecture &amp; Building Center. All rights reserved.",
         "財團法人台灣建築中心"),
    ],
)  # fmt: skip
def test_copyright_notice_forms_of_hong_kong_and_taiwan_sites(footer: str, publisher: str) -> None:
    assert _extract(_page(BODY, footer=f"<p>{footer}</p>")).publisher == publisher


def test_traditional_reprint_notice_leaves_the_body() -> None:
    notice = "本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。"
    article = _extract(_page(BODY + f'<div class="articleEnd">{notice}</div>'))
    assert notice not in _body(article)
    assert PARAGRAPH in _body(article)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二○二四年三月五日（星期二）", date(2024, 3, 5)),  # ○ (U+25CB) for zero: Hong Kong / Macau government
        ("二〇二四年三月五日", date(2024, 3, 5)),
        ("發布日期：113年3月5日", date(2024, 3, 5)),  # Republic of China year: 113 = 2024
        ("民國113年3月5日", date(2024, 3, 5)),
        ("發布日期：113-03-05", date(2024, 3, 5)),
        ("113/03/05", date(2024, 3, 5)),
        ("自88年推動綠建築標章制度以來", None),
        ("說明會於113年3月至6月間辦理", None),
        ("案件編號113-03-05的審查已完成，請業者留意後續通知。", None),
    ],
)
def test_taiwan_and_hong_kong_date_forms(text: str, expected: date | None) -> None:
    found = find_date(text, reference=READ_AT, tz="Asia/Shanghai")
    assert (found.value.date() if found else None) == expected


def test_roc_date_on_a_page_without_any_other_date() -> None:
    article = _extract(_page('<dl class="meta"><dt>發布日期</dt><dd>113年3月5日</dd></dl>' + BODY))
    assert article.published_at is not None and article.published_at.date() == date(2024, 3, 5)


def test_taiwan_view_count_label_but_not_the_site_visitor_counter() -> None:
    counted = _extract(_page('<ul class="info"><li>發布日期：113-03-05</li><li>點閱數：1,542</li></ul>' + BODY))
    assert counted.view_count == 1542
    footer_only = _extract(_page(BODY, footer="<p>瀏覽人次：26,731,118　更新日期：113年3月5日</p>"))
    assert footer_only.view_count is None


@pytest.mark.parametrize(
    ("paragraph", "author"),
    [
        ("（中央社記者陳俊華台北5日電）內政部建築研究所今天表示", "陳俊華"),
        ("（中央社記者張茗喧、陳俊華台北5日電）內政部今天表示", "張茗喧、陳俊華"),
        ("（中央社記者陳俊華華盛頓4日專電）美國能源部今天表示", "陳俊華"),
        ("〔記者吳柏軒／台北報導〕環境部推動產品碳足跡標籤", "吳柏軒"),
        ("〔記者吳柏軒、林曉雲／台北報導〕環境部表示", "吳柏軒、林曉雲"),
        ("新华社北京3月26日电（记者王优玲）记者从住房和城乡建设部获悉", "王优玲"),
        ("（中央社台北5日電）內政部今天表示", None),  # no reporter named
    ],
)
def test_taiwan_dateline_reporters(paragraph: str, author: str | None) -> None:
    assert dateline_author(paragraph) == author


def test_cna_story_author_from_its_dateline() -> None:
    first = f"<p>（中央社記者陳俊華台北5日電）{PARAGRAPH}</p>"
    article = _extract(_page(first + BODY), "https://www.cna.com.tw/news/ahel/202403050187.aspx")
    assert article.author == "陳俊華"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("記者洪欣慈", "洪欣慈"),
        ("记者王优玲", "王优玲"),
        ("本报记者张三 李四", "张三、李四"),
        ("撰稿人李明", "撰稿人李明"),
    ],
)
def test_role_glued_to_a_name_in_a_meta_value(value: str, expected: str) -> None:
    assert author_names(value) == expected


def test_jsonld_author_with_reporter_role() -> None:
    head = (
        '<title>綠建築新聞</title><script type="application/ld+json">{"@type":"NewsArticle",'
        '"headline":"綠建築新聞","author":{"@type":"Person","name":"記者洪欣慈"}}</script>'
    )
    assert _extract(_page(BODY, head=head)).author == "洪欣慈"


@pytest.mark.parametrize(
    "title",
    ["綠建築協會舉辦隱含碳研討會-台灣綠建築發展協會", "綠建築協會舉辦隱含碳研討會 ─ 台灣綠建築發展協會"],
)
def test_traditional_site_name_suffix_is_cut_from_the_title(title: str) -> None:
    html = f'<html><head><title>{title}</title></head><body><div class="article">{BODY}</div></body></html>'
    article = _extract(html)
    assert article.title == "綠建築協會舉辦隱含碳研討會"
    assert article.site_name == "台灣綠建築發展協會"


def test_big5_page_with_traditional_labels() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5">'
        "<title>綠建築新聞</title></head><body><h1>綠建築新聞</h1>"
        '<div class="article"><div class="info">來源：台灣綠建築發展協會　作者：秘書處　發佈日期：113-03-05</div>'
        f"{BODY}</div></body></html>"
    )
    url = "http://www.example.org.tw/news_detail.php?id=587"
    raw = RawDocument(
        source_name="test", uri=url, key=url, content=html.encode("cp950"), media_type="text/html",
        final_url=url, read_at=READ_AT, timezone="Asia/Shanghai",
    )  # fmt: skip
    article = extract(raw)
    assert article.author == "秘書處"
    assert article.publisher == "台灣綠建築發展協會"
    assert article.published_at is not None and article.published_at.date() == date(2024, 3, 5)
    assert PARAGRAPH in _body(article)
