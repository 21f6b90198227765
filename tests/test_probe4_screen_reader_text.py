"""Screen-reader text in links (Reuters prints ", opens new tab" inside every link that opens a new tab, other
sites "(opens in a new window)" or Drupal's "(link is external)"): not what the article says."""

from __future__ import annotations

from datetime import UTC, datetime

from builders import html_raw, text_raw

from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
URL = "https://www.reuters.com/sustainability/climate-energy/china-tightens-building-rules-2024-03-05/"
SENTENCE = (
    "China's building sector accounts for a large share of national carbon emissions, and officials said on "
    "Tuesday that new rules would require stricter energy standards for public buildings."
)


def _link(text: str, note: str = ", opens new tab") -> str:
    return f'<a href="https://example.org/x" target="_blank">{text}<span class="hidden-text">{note}</span></a>'


def _page(article_html: str) -> str:
    return (
        "<html><head><title>China tightens building rules | Reuters</title></head><body>"
        '<nav><a href="/">World</a> <a href="/business/">Business</a></nav>'
        f"<main><article><h1>China tightens building rules</h1>{article_html}</article></main>"
        "<footer>All quotes delayed a minimum of 15 minutes.</footer></body></html>"
    )


def _extract(html: str) -> ExtractedArticle:
    return extract(html_raw(html, URL, read_at=READ_AT))


def test_link_note_inside_a_paragraph_is_removed() -> None:
    article = _extract(
        _page(
            f"<p>{SENTENCE}</p><p>The ministry published {_link('the new standard')} on its website, "
            f"and {_link('a guide', ' (opens in a new window)')} for builders.</p><p>{SENTENCE}</p>"
        )
    )
    assert "The ministry published the new standard on its website, and a guide for builders." in [
        p.text for p in article.paragraphs
    ]
    assert "new tab" not in article.body_text and "new window" not in article.body_text
    assert {link.text for link in article.links} >= {"the new standard", "a guide"}


def test_byline_with_link_notes_names_the_reporters() -> None:
    byline = f'<div class="byline">By {_link("Jane Doe")} and {_link("John Smith")}</div>'
    article = _extract(_page(f"{byline}<p>{SENTENCE}</p><p>{SENTENCE}</p><p>{SENTENCE}</p>"))
    assert article.author == "Jane Doe, John Smith"
    assert "opens new tab" not in article.body_text


def test_drupal_external_link_note_is_removed() -> None:
    article = _extract(
        _page(
            f"<p>{SENTENCE}</p><p>Read {_link('the full report', ' (link is external)')} for the figures "
            f"behind the new rules.</p><p>{SENTENCE}</p>"
        )
    )
    assert "Read the full report for the figures behind the new rules." in [p.text for p in article.paragraphs]


def test_text_copy_with_link_notes() -> None:
    text = (
        "China tightens building rules\n\nBy Jane Doe, opens new tab and John Smith, opens new tab\n\n"
        f"{SENTENCE}\n\nThe ministry published the new standard, opens new tab on its website.\n\n{SENTENCE}\n"
    )
    article = extract(text_raw(text, read_at=READ_AT))
    assert article.author == "Jane Doe, John Smith"
    assert "The ministry published the new standard on its website." in [p.text for p in article.paragraphs]
    assert "opens new tab" not in article.body_text


def test_words_opens_new_tab_in_a_sentence_stay() -> None:
    sentence = "The browser opens new tabs faster since the update, testers found in a study of building portals."
    article = _extract(_page(f"<p>{SENTENCE}</p><p>{sentence}</p><p>{SENTENCE}</p>"))
    assert sentence in [p.text for p in article.paragraphs]
