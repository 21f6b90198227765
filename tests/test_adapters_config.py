"""sources.toml: the shipped default, and errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.config import DEFAULT_SOURCES_PATH, SourcesError, load_sources

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def write_toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_sources_toml_declares_the_seeds_corpus() -> None:
    (seeds,) = load_sources(PROJECT_ROOT / DEFAULT_SOURCES_PATH)
    assert (seeds.name, seeds.adapter, seeds.paths) == ("seeds", "files", (str(PROJECT_ROOT / "seeds"),))
    assert (seeds.schedule, seeds.language, seeds.timezone) == ("0 * * * *", None, "Asia/Shanghai")


def test_web_sources_with_rules_load(tmp_path: Path) -> None:
    path = write_toml(
        tmp_path,
        """
[[sources]]
name = "mohurd-news"
adapter = "listing"
urls = ["https://www.example.gov.cn/xinwen/index.html"]
link_selector = "ul.news-list li a"
next_selector = "a.next"
max_pages = 3
language = "zh"
rate_limit = 0.5
[sources.rules]
content = "div.article-content"
drop = ["div.share"]

[[sources]]
name = "feed"
adapter = "rss"
urls = ["https://example.org/feed.xml"]
timezone = "UTC"
""",
    )
    listing, feed = load_sources(path)
    assert listing.rules.content == "div.article-content"
    assert listing.rules.drop == ("div.share",)
    assert (listing.max_pages, listing.rate_limit, listing.language) == (3, 0.5, "zh")
    assert (feed.adapter, feed.urls, feed.timezone) == ("rss", ("https://example.org/feed.xml",), "UTC")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[sources]\nname=", "not valid TOML"),
        ('[[sources]]\nname = "a"\nadapter = "files"\npaths = ["x"]\nratelimit = 2\n', "entry 1 ('a'): ratelimit"),
        ('[[sources]]\nname = "bad name!"\nadapter = "files"\npaths = ["x"]\n', "entry 1 ('bad name!'): name"),
        ('[[sources]]\nname = "a"\nadapter = "gopher"\n', "entry 1 ('a'): unknown adapter 'gopher'"),
        ('[[sources]]\nname = "a"\nadapter = "files"\npaths = ["x"]\ntimezone = "Mars/Olympus"\n', "timezone"),
        (
            '[[sources]]\nname = "a"\nadapter = "files"\npaths = ["x"]\nschedule = "0 * * *"\n',
            "entry 1 ('a'): schedule: invalid cron expression '0 * * *'",
        ),
        ('[[sources]]\nname = "a"\nadapter = "files"\npaths = ["x"]\nschedule = "61 * * * *"\n', "invalid cron"),
        ('[[sources]]\nname = "a"\nadapter = "files"\npaths = ["x"]\nschedule = "H * * * *"\n', "invalid cron"),
        (
            '[[sources]]\nname = "a"\nadapter = "files"\npaths = ["x"]\n[[sources]]\nname = "a"\nadapter = "files"\n'
            'paths = ["y"]\n',
            "entry 2 ('a'): name 'a' is already used by entry 1",
        ),
        ('[[sources]]\nname = "l"\nadapter = "listing"\nurls = ["https://e.org/"]\n', "needs link_selector"),
        ('[[sources]]\nname = "f"\nadapter = "rss"\n', "needs urls"),
        (
            '[[sources]]\nname = "l"\nadapter = "listing"\nurls = ["https://e.org/"]\nlink_selector = "ul >> a"\n',
            "entry 1 ('l'): link_selector: not a CSS selector",
        ),
        ('[[sources]]\nname = "f"\nadapter = "files"\n', "needs paths"),
        ('[source]\nname = "x"\n', "unknown top-level key(s) source"),
    ],
)
def test_errors_name_the_file_and_the_entry(tmp_path: Path, text: str, message: str) -> None:
    path = write_toml(tmp_path, text)
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="no such file"):
        load_sources(tmp_path / "absent.toml")
