"""View counters as portals print them."""

from __future__ import annotations

import pytest

from cleaning.html.metadata import view_count_from_lines


@pytest.mark.parametrize(
    ("line", "views"),
    [
        ("阅读 (2517)", 2517),
        ("阅读：2,517", 2517),
        ("浏览次数[88]", 88),
        ("点击数：532 次", 532),
        ("1,234 views", 1234),
        # a count in 万 is not read as its leading digit
        ("阅读 1.2万", None),
        ("1.2万阅读", None),
    ],
)
def test_view_counts(line: str, views: int | None) -> None:
    assert view_count_from_lines([line]) == views
