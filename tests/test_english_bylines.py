"""English bylines: the outlet, place or job printed next to the reporter's name, bylines with a date
field ("By X | China Daily | Updated: …", "By X / Mar 05, 2024 04:46 PM"), WordPress "Posted on … by …",
author blocks with a name and a role part, and commenters who are no authors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw, text_raw

from cleaning.lines import classify_line, latin_name, parse_credits
from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
URL = "https://news.example.com/a/green-labels.html"  # no date in the URL: the page must give it
PARAGRAPHS = (
    "<p>China now has more certified green buildings than any other country, with more than 10 billion square "
    "meters of floor space carrying a green label, research shows.</p>"
    "<p>The main reason, experts say, is that most certifications are awarded at the design stage, based on "
    "drawings and simulations rather than data.</p>"
    "<p>Investors are starting to notice the difference between design labels and measured performance in "
    "operation, consultants say.</p>"
)
TEXT_BODY = (
    "China will extend its green building materials certification and government procurement program to rural "
    "housing projects this year, in a move aimed at improving homes.\n\n"
    "The pilot will start in about 50 counties in Hebei, Shanxi, Gansu and Sichuan provinces, he said, adding "
    "that more would follow next year if it works.\n"
)


def _page(header: str, *, after: str = "") -> str:
    return (
        "<html><head><title>Green labels spread - Example News</title></head><body>"
        f"<h1>Green labels spread</h1>{header}<div id='c'>{PARAGRAPHS}</div>{after}</body></html>"
    )


def _extract(html: str) -> ExtractedArticle:
    return extract(html_raw(html, URL, read_at=READ_AT))


def _extract_text(text: str) -> ExtractedArticle:
    return extract(text_raw(text, read_at=READ_AT))


# ------------------------------------------------------------------ outlet, place and role next to the name


@pytest.mark.parametrize(
    ("line", "author"),
    [
        # China Daily sets names in capitals: stored in title case, as the story and other outlets write them
        ("By ZHAO YIMENG and WANG XIAODONG | China Daily | Updated: 2024-03-05 07:22", "Zhao Yimeng, Wang Xiaodong"),
        ("By Zhao Yimeng in Shijiazhuang | China Daily | Updated: 2024-03-05 07:22", "Zhao Yimeng"),
        ("By Jane Doe | Reuters", "Jane Doe"),
        ("By Wang Xiaoxia and Denise Jia / Mar 05, 2024 04:46 PM / Environment", "Wang Xiaoxia, Denise Jia"),
        ("By Wang Xiaoxia / Mar 05, 2024 04:46 PM", "Wang Xiaoxia"),
        ("Author: Julia Hitz (eg)", "Julia Hitz"),
        ("8. Januar 2020 · by Aureliana · in Gefühle", "Aureliana"),
        ("By AFP", "AFP"),  # one word in capitals is an agency's name, kept as printed
    ],
)
def test_credit_lines_name_only_the_people(line: str, author: str) -> None:
    assert parse_credits(line)[0] == author


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Vivian Tsui in Beijing", "Vivian Tsui"),
        ("Jane Doe (Reuters)", "Jane Doe"),
        ("LI HONGYANG", "Li Hongyang"),
        ("Perry Bacon Jr.", "Perry Bacon Jr."),
        ("CGTN", "CGTN"),
    ],
)
def test_latin_name_drops_what_follows_the_name(text: str, name: str) -> None:
    assert latin_name(text) == name


def test_a_line_opening_with_by_is_no_credit_unless_names_follow() -> None:
    match = classify_line("By contrast, emissions fell sharply last year.")
    assert match is None or match.rule.kind != "credit"


def test_china_daily_byline_with_a_place_names_the_reporter() -> None:
    header = "<span class='info_l'>By Zhao Yimeng in Shijiazhuang | China Daily | Updated: 2024-03-05 07:22</span>"
    article = _extract(_page(header))
    assert article.author == "Zhao Yimeng"
    assert article.published_at == datetime(2024, 3, 5, 7, 22, tzinfo=article.published_at.tzinfo)


def test_china_daily_byline_with_two_reporters_leaves_the_outlet_out() -> None:
    header = "<span class='info_l'>By ZHAO YIMENG and WANG XIAODONG | China Daily | Updated: 2024-03-05 07:22</span>"
    assert _extract(_page(header)).author == "Zhao Yimeng, Wang Xiaodong"


def test_author_block_with_a_position_part_names_the_person() -> None:
    header = (
        "<div class='news-author'><span class='news-author-name'>Hou Yangfang</span>"
        "<span class='news-author-position'>CGTN</span></div>"
    )
    assert _extract(_page(header)).author == "Hou Yangfang"


def test_author_blocks_with_roles_name_every_author() -> None:
    header = (
        "<div class='o-hero__authors'>"
        "<div class='m-author'><div class='m-author__name'>Yu Mingwei</div>"
        "<div class='m-author__role'>Energy Efficiency Analyst</div></div>"
        "<div class='m-author'><div class='m-author__name'>Laura Fischer</div>"
        "<div class='m-author__role'>Head of Buildings Unit</div></div></div>"
    )
    assert _extract(_page(header)).author == "Yu Mingwei, Laura Fischer"


def test_byline_with_the_place_in_its_own_element() -> None:
    header = "<div class='css-author'><a href='/author/vt'>Vivian Tsui</a> <span>in Beijing</span></div>"
    assert _extract(_page(header)).author == "Vivian Tsui"


def test_author_element_with_a_label_and_initials() -> None:
    assert _extract(_page("", after="<p class='author'> Author: Julia Hitz (eg) </p>")).author == "Julia Hitz"


# ------------------------------------------------------------------ slash bylines and WordPress "Posted on … by"


def test_slash_separated_byline_gives_the_authors_and_the_date() -> None:
    header = (
        "<div class='cons-date'>By <a href='/a/1'>Wang Xiaoxia</a> and <a href='/a/2'>Denise Jia</a> / "
        "Mar 05, 2024 04:46 PM / <a href='/env'>Environment</a></div>"
    )
    article = _extract(_page(header))
    assert article.author == "Wang Xiaoxia, Denise Jia"
    assert article.published_at is not None and article.published_at.date().isoformat() == "2024-03-05"


def test_slash_byline_with_one_author() -> None:
    assert _extract(_page("<div class='cons-date'>By Wang Xiaoxia / Mar 05, 2024 04:46 PM</div>")).author == (
        "Wang Xiaoxia"
    )


def test_wordpress_posted_on_by_gives_the_author() -> None:
    header = "<div class='meta'>Posted on March 5, 2024 by <a href='/author/sl'>Sarah Lin</a></div>"
    article = _extract(_page(header))
    assert article.author == "Sarah Lin"
    assert article.published_at is not None and article.published_at.date().isoformat() == "2024-03-05"


def test_posted_on_line_captures_the_author_before_a_category() -> None:
    match = classify_line("Posted on March 5, 2024 by Sarah Lin in Green Building")
    assert match is not None and match.captures.get("author") == "Sarah Lin"


# ------------------------------------------------------------------ commenters are no authors


def test_a_commenters_name_is_not_the_author() -> None:
    comments = (
        "<ol class='comment-list'><li class='comment'><div class='comment-author vcard'>"
        "<b class='fn'>Kevin Tam</b> <span class='says'>says:</span></div><p>Great piece.</p></li></ol>"
    )
    assert _extract(_page("", after=comments)).author is None


def test_a_comment_forms_name_field_is_not_the_author() -> None:
    form = "<form id='commentform'><p class='comment-form-author'><label>Name (required)</label><input></p></form>"
    assert _extract(_page("", after=form)).author is None


def test_a_body_class_about_comments_does_not_hide_the_byline() -> None:
    html = _page("<div class='byline'>By Helen Fahr</div>").replace("<body>", "<body class='showing-comments'>")
    assert _extract(html).author == "Helen Fahr"


# ------------------------------------------------------------------ copy-pasted China Daily text


def test_pasted_china_daily_byline_gives_author_date_and_publisher() -> None:
    article = _extract_text(
        "Green materials certification expands to rural housing\n"
        "By LI HONGYANG | China Daily | Updated: 2024-03-12 07:35\n"
        "Share - WeChat\n" + TEXT_BODY
    )
    assert article.title == "Green materials certification expands to rural housing"
    assert article.author == "Li Hongyang"
    assert article.publisher == "China Daily"
    assert article.published_at is not None and article.published_at.isoformat() == "2024-03-12T07:35:00+08:00"
    assert "Share - WeChat" not in "\n".join(p.text for p in article.paragraphs)


def test_a_share_bar_line_is_furniture() -> None:
    match = classify_line("Share - WeChat")
    assert match is not None and match.rule.kind == "drop"


def test_a_byline_with_its_date_after_on_is_a_credit_line() -> None:
    from cleaning.lines import classify_line, parse_credits

    line = "By Jane Slaughter on Thu, Nov 9, 2023 at 4:00 am"
    match = classify_line(line)
    assert match is not None and match.rule.name == "credit.author"
    assert parse_credits(line)[0] == "Jane Slaughter"
    assert classify_line("By March on the river we walked") is None
