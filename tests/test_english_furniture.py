"""English page furniture: consent banners, newsletter boxes, rights notices, list labels, citation
blocks and end marks, in pasted text and in HTML."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from builders import html_raw, text_raw

from cleaning.pipeline import extract
from schemas import RawDocument

READ_AT = datetime(2024, 3, 6, tzinfo=UTC)
FIXTURES = Path(__file__).parent / "fixtures" / "html"
HEAD = "Green materials certification expands to rural housing\n2024-03-12\n"
LEAD = (
    "China will extend its green building materials certification and government procurement program to rural "
    "housing projects this year, in a move aimed at improving homes.\n\n"
)
LAST = (
    "The pilot will start in about 50 counties in Hebei, Shanxi, Gansu and Sichuan provinces, he said, adding "
    "that more would follow next year if it works."
)


def _text(text: str) -> RawDocument:
    return text_raw(text, read_at=READ_AT)


@pytest.mark.parametrize(
    "tail",
    [
        "Copyright 1995 - 2024 . All rights reserved. The content (including but not limited to text, photo, "
        "multimedia information, etc) published in this site belongs to China Daily Information Co (CDIC). Without "
        "written authorization from CDIC, such content shall not be republished or used in any form.",
        'We use cookies to improve your experience on our site. By clicking "Accept all cookies", you agree to the '
        "storing of cookies on your device.\nAccept all cookies\nCookie settings",
        "Subscribe to our newsletter\nGet the latest research delivered to your inbox.\nSubscribe",
        "Share this:\nTwitter\nFacebook\nLike this:\nLike Loading...",
        "Related Stories\nNear-zero energy buildings gain ground in north\nMost Viewed in 24 Hours\nChina sets GDP "
        "growth target of around 5%",
    ],
)
def test_pasted_page_furniture_after_the_story_is_not_body(tail: str) -> None:
    """A sentence-like furniture line at the very end used to keep every pasted menu line above it."""
    article = extract(_text(HEAD + LEAD + LAST + "\nRelated insights\nAsia Pacific Office Outlook 2024\n" + tail))
    assert article.paragraphs[-1].text == LAST
    assert len(article.paragraphs) == 2


def test_a_xinhua_end_mark_keeps_the_last_paragraph_and_a_photo_credit_goes() -> None:
    text = HEAD + "[Photo/VCG]\n" + LEAD + LAST + " ■\nBACK TO THE TOP\n"
    texts = [p.text for p in extract(_text(text)).paragraphs]
    assert texts[-1] == LAST + " ■"
    assert "[Photo/VCG]" not in "\n".join(texts)


def test_a_most_read_label_inside_a_syndicated_story_is_dropped_without_ending_it() -> None:
    html = (FIXTURES / "en_syndicated_most_read.html").read_text(encoding="utf-8")
    article = extract(html_raw(html, "https://finance.example.com/news/a.html", read_at=READ_AT))
    assert "Most Read" not in article.body_text
    assert article.paragraphs[-1].text.startswith("“Falling construction is not a climate policy")


def test_a_commentary_page_keeps_its_header_and_drops_its_citation_block() -> None:
    html = (FIXTURES / "en_commentary.html").read_text(encoding="utf-8")
    article = extract(html_raw(html, "https://www.iea.org/commentaries/a", read_at=READ_AT))
    assert not any(r.rule == "html.class:comment" for r in article.removed)
    body = article.body_text
    assert "Hotter summers and rising incomes are pushing up demand for space cooling in China" in body
    assert "valuable for other emerging economies facing the same challenge." in body
    for furniture in ("Cite commentary", "Licence: CC BY 4.0", "Subscribe to our newsletters"):
        assert furniture not in body


def test_a_headline_below_a_kicker_is_not_repeated_as_the_first_paragraph() -> None:
    html = (FIXTURES / "en_kicker_headline.html").read_text(encoding="utf-8")
    article = extract(html_raw(html, "https://www.globaltimes.cn/page/202403/1308213.shtml", read_at=READ_AT))
    assert article.title == "Shanghai pilots zero-carbon office parks as developers race to meet green targets"
    assert article.paragraphs[0].text.startswith("Shanghai has launched its first batch of zero-carbon office park")
    assert article.title not in article.body_text


@pytest.mark.parametrize(
    "holder",
    [
        # a cookie notice whose class holds "position", with links
        '<div class="cookie-notice cn-position-bottom" role="dialog"><span>We use cookies to give you the best '
        "experience on our website. Some are essential, others help us understand how the site is used.</span>"
        '<a href="#">Accept all</a><a href="#">Essential only</a><a href="/privacy/">Privacy policy</a></div>',
        # an author's job title
        '<div class="news-author"><span class="news-author-name">Hou Yangfang</span>'
        '<span class="news-author-position">CGTN</span></div>',
    ],
)
def test_an_element_named_like_a_breadcrumb_gives_no_section_unless_it_reads_as_one(holder: str) -> None:
    paragraph = "<p>Heat pumps are replacing coal boilers across northern China as cities push cleaner heating.</p>"
    html = f"<html><head><title>Heat pumps</title></head><body>{holder}<article><h1>Heat pumps</h1>{paragraph * 4}"
    html += "</article></body></html>"
    assert extract(html_raw(html, "https://news.example.com/a.html", read_at=READ_AT)).section is None
    crumb = (
        '<div class="position"><a href="/">Home</a> &gt; <a href="/news/">News</a> &gt; <a href="/c/">Climate</a></div>'
    )
    with_crumb = html.replace("<article>", crumb + "<article>")
    assert extract(html_raw(with_crumb, "https://news.example.com/a.html", read_at=READ_AT)).section == "Climate"
