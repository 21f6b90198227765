"""Dates, round two: absolute beats relative and publish beats update, more printed formats, US zones,
and a day-only date (meta tag, URL) taking the time the page prints for the same day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from builders import html_raw

from cleaning.dates import find_date, parse_date
from cleaning.pipeline import extract
from schemas import Article

READ_AT = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
TZ = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TZ)
NEW_YORK = ZoneInfo("America/New_York")
BODY = "".join(
    f"<p>Paragraph {i}: China now has more certified green buildings than any other country, with more than "
    f"10 billion square meters of floor space carrying a green label, research shows.</p>"
    for i in range(1, 4)
)
UNDATED_URL = "https://example.org/article/12345.html"


def _page(header: str, *, head: str = "", url: str = UNDATED_URL) -> Article:
    html = (
        f"<html><head><title>Heat pumps for the north - Site</title>{head}</head><body>"
        f"<h1>Heat pumps for the north</h1>{header}<div id='c'>{BODY}</div></body></html>"
    )
    return extract(html_raw(html, url, read_at=READ_AT))


def _sh(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=SHANGHAI)  # type: ignore[misc]


# --- an absolute date beats a relative one; a publish label beats an update label -------------------


@pytest.mark.parametrize(
    "header",
    [
        "<time><span>March 5, 2024</span><span>10:12 AM GMT+8</span><span>Updated 2 hours ago</span></time>",
        "<div class='date'>March 5, 2024 10:12 AM GMT+8 Updated 2 hours ago</div>",
    ],
)
def test_printed_date_beats_updated_ago_beside_it(header: str) -> None:
    article = _page(header)
    assert article.published_at == datetime(2024, 3, 5, 10, 12, tzinfo=timezone(timedelta(hours=8)))
    assert article.date_precision == "minute"


def test_published_label_beats_last_updated_on_the_same_line() -> None:
    article = _page("<div class='date'>Last updated: March 7, 2024 | Published: March 5, 2024</div>")
    assert article.published_at == _sh(2024, 3, 5)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "March 5, 2024 10:12 AM GMT+8 Updated 2 hours ago",
            datetime(2024, 3, 5, 10, 12, tzinfo=UTC) - timedelta(hours=8),
        ),
        ("March 5, 2024 | Updated March 7, 2024", _sh(2024, 3, 5)),
        ("Last updated: March 7, 2024 | Published: March 5, 2024", _sh(2024, 3, 5)),
    ],
)
def test_find_date_prefers_the_date_that_is_not_an_update(line: str, expected: datetime) -> None:
    found = find_date(line, reference=READ_AT, tz=TZ)
    assert found is not None and found.value == expected


def test_parse_date_takes_the_absolute_phrase_over_a_relative_one() -> None:
    found = parse_date("Updated 2 hours ago | March 5, 2024", reference=READ_AT, tz=TZ)
    assert found is not None and found.value == _sh(2024, 3, 5) and found.source == "text_line"


def test_relative_update_alone_still_dates_the_page() -> None:
    found = find_date("Updated 2 hours ago", reference=READ_AT, tz=TZ)
    assert found is not None and found.value == READ_AT - timedelta(hours=2)


# --- printed formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected", "precision"),
    [
        ("05-Mar-2024", _sh(2024, 3, 5), "day"),
        ("Updated 13:14, 05-Mar-2024", _sh(2024, 3, 5, 13, 14), "minute"),
        ("8:00am, 5 Mar 2024", _sh(2024, 3, 5, 8, 0), "minute"),
        ("13:14, March 5, 2024", _sh(2024, 3, 5, 13, 14), "minute"),
        ("05.03.2024", _sh(2024, 3, 5), "day"),
        ("19.10.2019 07:49 Uhr", _sh(2019, 10, 19, 7, 49), "minute"),
        ("05.03.24", _sh(2024, 3, 5), "day"),
        ("Date: 05.03.24", _sh(2024, 3, 5), "day"),
        ("2024 03/15 21:40:12", _sh(2024, 3, 15, 21, 40, 12), "second"),
        ("2024.03.05", _sh(2024, 3, 5), "day"),  # year-first dotted is unchanged
    ],
)
def test_more_printed_formats(phrase: str, expected: datetime, precision: str) -> None:
    found = parse_date(phrase, reference=READ_AT, tz=TZ)
    assert found is not None
    assert (found.value, found.precision) == (expected, precision)


@pytest.mark.parametrize(
    "line",
    [
        "Section 3.12.24 of the standard applies to all new public buildings",  # a clause number
        "In 2024 3/4 of the new floor space met the standard",  # a fraction
        "Version 1.2.24 of the tool",
    ],
)
def test_short_dotted_and_split_forms_are_not_read_in_prose(line: str) -> None:
    assert find_date(line, reference=READ_AT, tz=TZ) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Mar 05, 2024, 09:00 ET", datetime(2024, 3, 5, 9, 0, tzinfo=NEW_YORK)),
        ("July 4, 2024 10:00 PM ET", datetime(2024, 7, 4, 22, 0, tzinfo=NEW_YORK)),  # daylight time
        ("March 05, 2024 08:00 AM Eastern Standard Time", datetime(2024, 3, 5, 13, 0, tzinfo=UTC)),
        ("July 4, 2024 10:00 PM EDT", datetime(2024, 7, 5, 2, 0, tzinfo=UTC)),
        ("Jan 3, 2024 9:00 PT", datetime(2024, 1, 3, 17, 0, tzinfo=UTC)),
        ("5 March 2024 10:00 GMT", datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
        ("5 July 2024 10:00 BST", datetime(2024, 7, 5, 9, 0, tzinfo=UTC)),
        ("2024-03-05 10:00 UTC", datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
        ("2024-03-05 10:00 CST", _sh(2024, 3, 5, 10, 0)),  # China Standard Time: the source's own zone
    ],
)
def test_zone_names_set_the_offset(phrase: str, expected: datetime) -> None:
    found = parse_date(phrase, reference=READ_AT, tz=TZ)
    assert found is not None and found.value == expected


def test_late_evening_eastern_release_keeps_its_instant() -> None:
    found = parse_date("Mar 05, 2024, 21:30 ET", reference=READ_AT, tz=TZ)
    assert found is not None
    assert found.value.astimezone(SHANGHAI) == _sh(2024, 3, 6, 10, 30)


def test_lowercase_words_after_a_clock_are_not_zones() -> None:
    found = parse_date("March 5, 2024 10:12 et al", reference=READ_AT, tz=TZ)
    assert found is not None and found.value == _sh(2024, 3, 5, 10, 12)


# --- dates split over elements -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "<div class='header-time'><span class='year'><em>2024</em></span>"
            "<span class='day'><em>03</em>/15</span><span class='time'>21:40:12</span></div>",
            _sh(2024, 3, 15, 21, 40, 12),
        ),
        (
            "<div class='header-time'><span class='year'><em> 2024</em></span><span class='day'><em> 03</em>/"
            "<em>26</em></span><span class='time'> 16:42:08</span></div>",
            _sh(2024, 3, 26, 16, 42, 8),
        ),
        ("<div class='date'><span>Mar</span><span>04</span><span>2013</span></div>", _sh(2013, 3, 4)),
    ],
)
def test_date_split_over_child_elements(header: str, expected: datetime) -> None:
    assert _page(header).published_at == expected


def test_cgtn_updated_clock_first_header() -> None:
    article = _page("<div class='news-date'>Updated 13:14, 05-Mar-2024</div>")
    assert article.published_at == _sh(2024, 3, 5, 13, 14)


# --- a day-only date takes the page's time for the same day ------------------------------------------


def test_date_only_meta_takes_the_byline_time_of_the_same_day() -> None:
    article = _page(
        "<div class='info'>By ZHAO YIMENG | China Daily | Updated: 2024-03-05 07:22</div>",
        head="<meta name='publishdate' content='2024-03-05'>",
    )
    assert article.published_at == _sh(2024, 3, 5, 7, 22)
    assert article.date_precision == "minute"


def test_url_date_takes_the_source_line_time_of_the_same_day() -> None:
    article = _page(
        "<div class='info1'>来源：<a>央视新闻客户端</a> | 2024年04月22日 08:34:19</div>",
        url="https://news.example.cn/2024/04/22/ARTIabc.shtml",
    )
    assert article.published_at == _sh(2024, 4, 22, 8, 34, 19)
    assert article.date_precision == "second"


def test_split_header_time_refines_the_url_date() -> None:
    article = _page(
        "<div class='header-time'><span class='year'><em>2024</em></span>"
        "<span class='day'><em>03</em>/<em>26</em></span><span class='time'>16:42:08</span></div>",
        url="https://www.example.cn/politics/2024-03/26/c_1130097452.htm",
    )
    assert article.published_at == _sh(2024, 3, 26, 16, 42, 8)


def test_page_time_of_another_day_never_replaces_the_meta_date() -> None:
    article = _page(
        "<div class='info'>Updated: 2024-03-07 07:22</div>", head="<meta name='publishdate' content='2024-03-05'>"
    )
    assert article.published_at == _sh(2024, 3, 5)
    assert article.date_precision == "day"


def test_same_day_time_in_a_story_list_line_is_not_taken() -> None:
    article = _page(
        "<ul class='latest'><li>2024-03-05 10:00 Other headline about cement plants</li></ul>",
        head="<meta name='publishdate' content='2024-03-05'>",
    )
    assert article.published_at == _sh(2024, 3, 5)
    assert article.date_precision == "day"


def test_a_timed_meta_date_is_kept() -> None:
    article = _page(
        "<div class='info'>Updated: 2024-03-05 17:00</div>",
        head="<meta property='article:published_time' content='2024-03-05T09:30:00+08:00'>",
    )
    assert article.published_at == _sh(2024, 3, 5, 9, 30)
