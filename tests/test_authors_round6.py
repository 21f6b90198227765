"""Author values that are page furniture or another kind of credit, not a person (authors round 6): a date label
("Publiziert am"), a button or link label ("Follow", "… Alle Artikel"), the outlet and a role after the name
("… PhillyVoice Staff"), a dateline city after the name ("Markus Balser, Berlin"), a broadcaster's initials
("ARD"), the initials of the page's own outlet ("JF" on Junge Freiheit), a photo credit ("zvg", "Фото из …"),
a URL ("facebook.com/vegolosi", "Name - http://…" keeps the name) and the site before the name ("unocero - …")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

from cleaning.lines import author_names, latin_name
from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 1, 1, tzinfo=UTC)
DE_TITLE = "Neue Förderung für energieeffiziente Gebäude"
DE_PARAGRAPH = (
    "Die Bundesregierung hat am Dienstag ein neues Förderprogramm für energieeffiziente Wohngebäude "
    "vorgestellt. Eigentümer sollen künftig höhere Zuschüsse für Wärmepumpen und Dämmung erhalten."
)


def _de(top: str, head: str = "") -> ExtractedArticle:
    body = "".join(f"<p>{DE_PARAGRAPH}</p>" for _ in range(3))
    page = (
        f"<html><head><title>{DE_TITLE}</title>{head}</head><body>"
        f'<div class="article"><h1>{DE_TITLE}</h1>{top}{body}</div></body></html>'
    )
    return extract(html_raw(page, "https://www.example.de/news/1", read_at=READ_AT))


# ------------------------------------------------------------------------------- labels and buttons


@pytest.mark.parametrize("label", ["Publiziert am", "Publiziert von", "Follow", "Folgen", "Alle Artikel"])
def test_a_label_or_button_alone_names_no_one(label: str) -> None:
    assert author_names(label) is None


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("Johanna Kropfitsch Alle Artikel", "Johanna Kropfitsch"),
        ("Inga Hoeltmann Follow Transformationsbegleiterin und Expertin für Neue Arbeit", "Inga Hoeltmann"),
        ("Jane Doe Folgen", "Jane Doe"),
        ("Jane Doe More from this author", "Jane Doe"),
    ],
)
def test_a_button_after_the_name_is_cut(byline: str, name: str) -> None:
    assert latin_name(byline) == name


def test_a_byline_element_with_a_button_gives_the_name() -> None:
    article = _de('<div class="author">Johanna Kropfitsch <a href="/search?author=jk">Alle Artikel</a></div>')
    assert article.author == "Johanna Kropfitsch"


def test_a_date_label_in_a_byline_element_is_no_author() -> None:
    article = _de('<span class="meta-prep-author">Publiziert am</span><span class="entry-date">13. Januar 2014</span>')
    assert article.author != "Publiziert am"


# ------------------------------------------------------------------------------- outlet, role, place


@pytest.mark.parametrize(
    ("value", "outlets", "name"),
    [
        ("Adam Aaronson PhillyVoice Staff", ("PhillyVoice",), "Adam Aaronson"),
        ("Jane Doe Example News Staff Writer", ("Example News",), "Jane Doe"),
        ("unocero - Alberto Ávila", ("unocero",), "Alberto Ávila"),
        ("Alberto Ávila | unocero", ("unocero",), "Alberto Ávila"),
    ],
)
def test_the_outlet_beside_the_name_is_cut(value: str, outlets: tuple[str, ...], name: str) -> None:
    assert author_names(value, outlets=outlets) == name


def test_a_role_after_a_name_that_is_no_outlet_stays() -> None:
    # "Editorial Staff" and a name with no outlet beside it are left as printed
    assert author_names("Editorial Staff", outlets=("St. Lucia Times News",)) == "Editorial Staff"


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("Markus Balser, Berlin", "Markus Balser"),
        ("Von Markus Balser, Berlin", "Markus Balser"),
        ("Jane Doe, New York", "Jane Doe"),
        ("Anna Muster, Zürich", "Anna Muster"),
    ],
)
def test_a_dateline_city_after_the_name_is_cut(value: str, name: str) -> None:
    assert author_names(value) == name


def test_a_name_list_is_not_taken_for_a_place() -> None:
    assert author_names("Harm, Robert") == "Harm, Robert"


# ------------------------------------------------------------------------------- outlets' initials


@pytest.mark.parametrize(
    ("value", "outlets"),
    [
        ("JF", ("JUNGE FREIHEIT", "@junge_freiheit")),
        ("LN", ("Lübecker Nachrichten",)),
        ("LN", ("LN - Lübecker Nachrichten",)),
        ("SZ", ("Süddeutsche Zeitung",)),
    ],
)
def test_the_initials_of_the_pages_outlet_name_no_person(value: str, outlets: tuple[str, ...]) -> None:
    assert author_names(value, outlets=outlets) is None


def test_initials_that_are_not_the_outlets_stay() -> None:
    # a blogger signing "DT" on "Ein Hundetagebuch"
    assert author_names("DT", outlets=("Ein Hundetagebuch",)) == "DT"


@pytest.mark.parametrize("value", ["ARD", "ZDF", "BBC", "ORF"])
def test_a_broadcasters_initials_name_no_person(value: str) -> None:
    assert author_names(value, outlets=("hessenschau.de",)) is None


# ------------------------------------------------------------------------------- credits and URLs


@pytest.mark.parametrize(
    "value", ["zvg", "zVg", "Foto: dpa", "Photo: Jane Doe", "Фото из Инстаграма Лукаша Подольски", "Bild: privat"]
)
def test_a_photo_credit_names_no_author(value: str) -> None:
    assert author_names(value) is None


def test_a_photo_credit_in_a_byline_element_is_no_author() -> None:
    assert _de('<span class="author">zvg</span>').author is None


@pytest.mark.parametrize(
    "value", ["facebook.com/vegolosi", "https://twitter.com/janedoe", "www.example.com/about", "http://bueltge.de"]
)
def test_a_url_names_no_author(value: str) -> None:
    assert author_names(value) is None


@pytest.mark.parametrize(
    ("value", "name"),
    [("Frank Bueltge - http://bueltge.de", "Frank Bueltge"), ("Jane Doe (https://janedoe.net)", "Jane Doe")],
)
def test_a_url_after_a_name_keeps_the_name(value: str, name: str) -> None:
    assert author_names(value) == name


def test_a_meta_author_that_is_a_url_is_no_author() -> None:
    article = _de("", head='<meta name="author" content="facebook.com/vegolosi">')
    assert article.author is None
