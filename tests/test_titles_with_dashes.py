"""A headline with a dash or bar of its own is kept whole; what a site adds after the headline is not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw

from cleaning.pipeline import extract

READ_AT = datetime(2024, 3, 6, tzinfo=UTC)
BODY = "<p>Heat pumps are replacing coal boilers across northern China as cities push for cleaner heating.</p>" * 4


def _title(head: str, h1: str | None) -> str | None:
    heading = f"<h1>{h1}</h1>" if h1 else ""
    html = f"<html><head>{head}</head><body><article>{heading}{BODY}</article></body></html>"
    return extract(html_raw(html, "https://www.example.org/news/a.html", read_at=READ_AT)).title


@pytest.mark.parametrize("dash", [" – ", " - ", " — ", " | "])
def test_an_og_title_printed_as_the_h1_keeps_its_dash(dash: str) -> None:
    headline = f"Heat pumps{dash}the key to clean heating"
    assert _title(f'<meta property="og:title" content="{headline}">', headline) == headline


def test_without_an_h1_an_og_title_is_split_as_before() -> None:
    head = (
        '<meta property="og:title" content="China’s green building area tops 11.8 bln sq m – ministry">'
        "<title>China’s green building area tops 11.8 bln sq m – ministry | Reuters</title>"
    )
    assert _title(head, None) == "China’s green building area tops 11.8 bln sq m"  # no h1 tells the dash apart


def test_an_og_title_with_a_content_type_after_the_h1_gives_the_h1() -> None:
    headline = "China’s cooling demand is surging – efficient air conditioners can keep it in check"
    head = f'<meta property="og:title" content="{headline} – Analysis"><title>{headline} – Analysis - IEA</title>'
    assert _title(head, headline) == headline


def test_an_og_title_with_the_site_name_after_it_still_loses_the_site_name() -> None:
    head = '<meta property="og:title" content="Heat pumps warm rural homes - Green Building Daily">'
    assert _title(head, None) == "Heat pumps warm rural homes"
