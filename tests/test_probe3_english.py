"""English official, multilateral, think-tank and corporate pages: numbered part headings of policy texts,
view counters of English site versions, institution names in title tags, press-release trailers (safe
harbor, notes to editors), bylines run into a reading time and press-release datelines."""

from __future__ import annotations

from datetime import UTC, date, datetime

from builders import html_raw

from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
URL = "https://example.org/en/news/detail?id=8812"
PROSE = "".join(
    f"<p>Paragraph {n}: near-zero energy buildings and heat pumps spread across northern China this year, as "
    "retrofits cut heating demand and emissions in many counties, officials said.</p>"
    for n in range(1, 5)
)


def _extract(html: str, url: str = URL) -> ExtractedArticle:
    return extract(html_raw(html, url, read_at=READ_AT))


def _page(article: str, *, title: str = "Green buildings expand", head: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        '<div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>'
        f'<div class="article">{article}</div>'
        '<div class="footer">Copyright 2024 Example Institute. All rights reserved.</div></body></html>'
    )


def _texts(article: ExtractedArticle) -> list[str]:
    return [p.text for p in article.paragraphs]


# --- numbered part headings of a policy text, printed as plain paragraphs -------------------------------


def test_first_chapter_heading_of_a_regulation_stays() -> None:
    articles = "".join(
        f"<p>Article {n} These Measures apply to the application, review, awarding and supervision of green "
        "building labels for civil buildings within the territory of the country.</p>"
        for n in (1, 2, 3)
    )
    html = _page(
        "<h1>Measures for the Administration of Green Building Labels</h1>"
        f"<p><b>Chapter I General Provisions</b></p>{articles}<p><b>Chapter II Review</b></p>{articles}"
    )
    texts = _texts(_extract(html))
    assert texts[0] == "Chapter I General Provisions"
    assert "Chapter II Review" in texts


def test_first_chinese_chapter_heading_stays() -> None:
    clause = (
        "<p>第{n}条 城乡建设领域碳排放达到峰值，城乡建设绿色低碳发展政策体系和体制机制基本建立，"
        "建筑能效水平大幅提升，可再生能源应用更加充分。</p>"
    )
    clauses = "".join(clause.format(n=n) for n in "一二三四")
    html = _page(f"<h1>绿色建筑标识管理办法</h1><p>第一章 总则</p>{clauses}<p>第二章 申报和审查</p>{clauses}")
    texts = _texts(_extract(html))
    assert texts[0] == "第一章 总则"


def test_roman_numbered_section_heading_before_the_first_sentence_stays() -> None:
    html = _page(
        f"<h1>Implementation Plan for Carbon Peaking</h1><p><strong>I. General Requirements</strong></p>{PROSE}"
    )
    assert _texts(_extract(html))[0] == "I. General Requirements"


def test_a_kicker_before_the_first_sentence_still_goes() -> None:
    html = _page(f"<p>Policy Watch</p><h1>China charts path for near-zero energy buildings</h1>{PROSE}")
    assert "Policy Watch" not in _texts(_extract(html))


# --- view counters on English versions of Chinese sites ------------------------------------------------


def test_view_count_label_in_its_own_span_run_on_from_the_source() -> None:
    info = (
        '<div class="news-info"><span class="time">2024-03-20</span><span class="source">Source: JinkoSolar</span>'
        '<span class="views">Views: 1,284</span></div>'
    )
    article = _extract(_page(f"<h1>JinkoSolar supplies BIPV modules</h1>{info}{PROSE}"))
    assert article.view_count == 1284
    assert article.publisher == "JinkoSolar"


def test_day_of_a_date_before_a_views_label_is_no_view_count() -> None:
    info = '<div class="news-info">2024-03-20 Views: 1284</div>'
    assert _extract(_page(f"<h1>Green buildings expand in Jiangsu</h1>{info}{PROSE}")).view_count == 1284


def test_hits_label_gives_the_view_count() -> None:
    info = '<div class="info">Date: 2024-03-20 | Hits: 532</div>'
    assert _extract(_page(f"<h1>Green buildings expand in Jiangsu</h1>{info}{PROSE}")).view_count == 532


# --- a title tag whose site part (an institution's official name) is longer than the headline -----------


def _headline_in_h2(title_tag: str, headline: str) -> str:
    return _page(f'<h2 class="article_title">{headline}</h2>{PROSE}', title=title_tag)


def test_long_ministry_name_after_an_underscore_is_not_the_title() -> None:
    title_tag = "Green plan issued_National Development and Reform Commission (NDRC) People's Republic Of China"
    assert _extract(_headline_in_h2(title_tag, "Green plan issued")).title == "Green plan issued"


def test_ministry_of_the_peoples_republic_after_a_bar_is_not_the_title() -> None:
    title_tag = "MEE holds press conference | Ministry of Ecology and Environment of the People's Republic of China"
    assert _extract(_headline_in_h2(title_tag, "MEE holds press conference")).title == "MEE holds press conference"


def test_long_chinese_ministry_name_is_not_the_title() -> None:
    title_tag = "住建部召开会议_中华人民共和国住房和城乡建设部"
    assert _extract(_headline_in_h2(title_tag, "住建部召开会议")).title == "住建部召开会议"


def test_title_case_headline_after_a_short_site_name_stays_the_title() -> None:
    headline = "Zero Carbon Buildings Accelerator Expands to Six Chinese Cities"
    assert _extract(_headline_in_h2(f"WRI | {headline}", headline)).title == headline


# --- press-release trailers ----------------------------------------------------------------------------

SAFE_HARBOR = (
    "This press release contains forward-looking statements. These statements constitute forward-looking "
    "statements within the meaning of Section 21E of the Securities Exchange Act of 1934, as amended."
)


def test_safe_harbor_statement_and_contacts_after_it_leave_the_body() -> None:
    html = _page(
        f"<h1>JinkoSolar supplies BIPV modules</h1>{PROSE}<p><strong>Safe Harbor Statement</strong></p>"
        f"<p>{SAFE_HARBOR}</p><p><strong>For investor and media inquiries, please contact:</strong></p>"
        "<p>Ms. Stella Wang<br>Email: ir@example.com</p>"
    )
    texts = _texts(_extract(html))
    assert texts[-1].startswith("Paragraph 4:")
    assert not any("forward-looking" in text for text in texts)


def test_forward_looking_statements_heading_ends_the_article() -> None:
    html = _page(
        f"<h1>Cement maker unveils low-carbon plant</h1>{PROSE}<h3>Forward-Looking Statements</h3><p>{SAFE_HARBOR}</p>"
    )
    assert not any("Securities Exchange Act" in text for text in _texts(_extract(html)))


def test_notes_to_editors_and_what_follows_leave_the_body() -> None:
    about = (
        "UNEP is the leading global voice on the environment. It provides leadership and encourages partnership "
        "in caring for the environment by inspiring, informing and enabling nations and peoples."
    )
    html = _page(
        f"<h1>China and UNEP launch partnership</h1>{PROSE}<p><strong>NOTES TO EDITORS</strong></p>"
        f"<p><strong>About the UN Environment Programme (UNEP)</strong></p><p>{about}</p>"
    )
    texts = _texts(_extract(html))
    assert texts[-1].startswith("Paragraph 4:")


def test_pasted_release_loses_its_safe_harbor_notice_and_contacts() -> None:
    from builders import text_raw

    text = (
        "Cement maker unveils low-carbon plant\n\n"
        "SHANGHAI, March 20, 2024 /PRNewswire/ -- A cement maker today opened a plant that uses calcined clay to "
        "cut clinker use by a third, the company said.\n\n"
        "The plant in Anhui province will produce 2 million tonnes of blended cement a year for building projects "
        "in the Yangtze River Delta, cutting emissions by about 400,000 tonnes.\n\n"
        f"Safe Harbor Statement\n\n{SAFE_HARBOR}\n\nFor media inquiries, please contact:\n\n"
        "Ms. Stella Wang\nEmail: ir@example.com\n"
    )
    article = extract(text_raw(text, read_at=READ_AT))
    texts = _texts(article)
    assert texts[-1].startswith("The plant in Anhui province")
    assert article.published_at is not None and article.published_at.date() == date(2024, 3, 20)


# --- a byline run into the reading time printed next to it --------------------------------------------


def test_byline_run_into_a_reading_time_names_the_author() -> None:
    html = _page(f'<h1>Heat pumps in northern China</h1><div class="info">By Jennifer Zhang 5 min read</div>{PROSE}')
    article = _extract(html)
    assert article.author == "Jennifer Zhang"
    assert not any("min read" in text for text in _texts(article))


def test_written_by_run_into_a_minute_read_names_the_author() -> None:
    info = '<div class="info">Published on 27 Feb 2024 Written by Jennifer Zhang 4 minute read</div>'
    article = _extract(_page(f"<h1>Shanghai tower earns LEED Platinum</h1>{info}{PROSE}"))
    assert article.author == "Jennifer Zhang"
    assert article.published_at is not None and article.published_at.date() == date(2024, 2, 27)


# --- a press release dated only by its dateline ---------------------------------------------------------


def _dated_by_dateline(lead: str) -> ExtractedArticle:
    return _extract(_page(f"<h1>Loan approved for green buildings</h1><p>{lead}</p>{PROSE}"))


def test_press_release_dateline_dates_an_otherwise_undated_page() -> None:
    article = _dated_by_dateline(
        "<b>WASHINGTON, March 21, 2024 </b>— The World Bank today approved a $300 million loan to help China "
        "scale up green and energy-efficient buildings in three provinces."
    )
    assert article.published_at is not None and article.published_at.date() == date(2024, 3, 21)


def test_bracketed_day_month_dateline_with_a_country() -> None:
    article = _dated_by_dateline(
        "<strong>MANILA, PHILIPPINES (2 April 2024)</strong> — The Asian Development Bank has signed a $200 "
        "million loan to help Gansu Province replace coal-fired heating."
    )
    assert article.published_at is not None and article.published_at.date() == date(2024, 4, 2)


def test_wire_dateline_with_the_wire_between_slashes() -> None:
    article = _dated_by_dateline(
        "SHANGHAI, March 20, 2024 /PRNewswire/ -- JinkoSolar today announced that it has supplied 120 MW of "
        "modules for building-integrated photovoltaic projects."
    )
    assert article.published_at is not None and article.published_at.date() == date(2024, 3, 20)


def test_a_date_inside_the_first_sentence_is_no_dateline() -> None:
    article = _dated_by_dateline(
        "China said on March 21, 2024 that it would scale up green and energy-efficient buildings in three "
        "provinces, officials said."
    )
    assert article.published_at is None


# --- a name and a date in sibling elements of a date element, with no space between them ----------------


def test_name_run_into_the_date_in_a_date_element_still_dates_the_page() -> None:
    meta = '<div class="post-date"><a href="/@laurichen">Lauri Chen</a><span>Apr 02, 2024</span></div>'
    article = _extract(_page(f"<h1>Why China's cement demand has peaked</h1>{meta}{PROSE}"))
    assert article.published_at is not None and article.published_at.date() == date(2024, 4, 2)


# --- converted PDF pages: the article's later pages, printed page numbers ---------------------------------


def _pdf_page(number: int, lines: list[str]) -> str:
    texts = "".join(f'<div class="t m0 x2 h3 y{i} ff1 fs2">{line}</div>' for i, line in enumerate(lines))
    return (
        f'<div id="pf{number}" class="pf w0 h0" data-page-no="{number}"><div class="pc pc{number} w0 h0">'
        f'{texts}<div class="t m0 x3 h2 y99 ff1 fs0">- {number} -</div></div></div>'
    )


def test_every_page_of_a_converted_pdf_is_read_and_page_numbers_go() -> None:
    first = [
        f"Article {n} These Guidelines apply to government-invested hospitals, schools and office buildings "
        "that use government procurement funds for green building materials."
        for n in range(1, 7)
    ]
    second = [
        "Article 7 The housing departments shall include green building materials in drawing reviews.",
        "Article 8 These Guidelines shall take effect on the date of issuance.",
    ]
    html = (
        '<html><head><title></title></head><body><div id="page-container">'
        f"{_pdf_page(1, first)}{_pdf_page(2, second)}</div></body></html>"
    )
    texts = _texts(_extract(html))
    assert texts[-1] == "Article 8 These Guidelines shall take effect on the date of issuance."
    assert "- 1 -" not in texts and "- 2 -" not in texts


def test_teaser_cards_beside_the_article_do_not_join_it() -> None:
    cards = "".join(
        f'<div class="card"><a href="/news/{n}">Related story number {n} about green building finance in China '
        f"and what it means for developers and banks</a></div>"
        for n in range(3)
    )
    html = _page(f'<div class="card"><h1>Green buildings expand</h1>{PROSE}</div>{cards}')
    assert not any("Related story" in text for text in _texts(_extract(html)))


def test_hidden_separator_between_name_and_date_leaves_a_space() -> None:
    meta = (
        '<div class="ab cp"><span>Lauri Chen</span><div aria-hidden="true"><span>·</span></div>'
        "<span>Apr 02, 2024</span></div>"
    )
    article = _extract(_page(f"<h1>Why China's cement demand has peaked</h1>{meta}{PROSE}"))
    assert article.published_at is not None and article.published_at.date() == date(2024, 4, 2)


# --- an English 作者/来源/日期 line that starts with the author -------------------------------------------


def test_author_source_date_line_gives_all_three() -> None:
    info = '<div class="pages-date">Author: Li Wei | Source: MOHURD | Date: 2024-03-12</div>'
    article = _extract(_page(f"<h1>Green buildings expand in Jiangsu</h1>{info}{PROSE}"))
    assert (article.author, article.publisher) == ("Li Wei", "MOHURD")
    assert article.published_at is not None and article.published_at.date() == date(2024, 3, 12)


def test_author_source_release_time_hits_line_in_a_pasted_page() -> None:
    from builders import text_raw

    text = (
        "Green buildings expand in Jiangsu\n"
        "Author: Li Wei  Source: China Academy of Building Research  Release Time: 2024-03-12  Hits: 87\n\n"
        "Jiangsu added 120 million square meters of green buildings last year, the provincial housing department "
        "said, as all new urban buildings now meet the national green building standard.\n\n"
        "Near-zero energy buildings are spreading fastest in Nanjing and Suzhou, where subsidies cover part of the "
        "cost of insulation, triple glazing and heat-recovery ventilation.\n"
    )
    article = extract(text_raw(text, read_at=READ_AT))
    assert (article.author, article.publisher, article.view_count) == (
        "Li Wei",
        "China Academy of Building Research",
        87,
    )
    assert article.published_at is not None and article.published_at.date() == date(2024, 3, 12)
    assert not any("Author:" in text for text in _texts(article))


def test_name_and_date_in_sibling_divs_of_a_removed_meta_box_still_date_the_page() -> None:
    meta = '<div class="post-meta"><div><a href="/@laurichen">Lauri Chen</a></div><div>Apr 02, 2024</div></div>'
    article = _extract(_page(f"<h1>Why China's cement demand has peaked</h1>{meta}{PROSE}"))
    assert article.published_at is not None and article.published_at.date() == date(2024, 4, 2)
