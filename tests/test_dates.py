"""Date phrases: absolute forms, relative forms, labelled lines, dates stated in prose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta

from cleaning import date_formats
from cleaning.dates import ParsedDate, find_date, infer_date_from_text, parse_date

REFERENCE = datetime(2026, 11, 26, tzinfo=UTC)  # 2026-11-26 08:00 in Shanghai
TZ = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TZ)
UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years"}


def _sh(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=SHANGHAI)  # type: ignore[misc]


def _parse(phrase: str, **kwargs: object) -> ParsedDate | None:
    return parse_date(phrase, reference=REFERENCE, tz=TZ, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("phrase", "expected", "precision", "text"),
    [
        ("2023-11-03", _sh(2023, 11, 3), "day", "2023-11-03"),
        ("2023-11-03 13:36", _sh(2023, 11, 3, 13, 36), "minute", "2023-11-03 13:36"),
        ("2023-11-03 13:36:09", _sh(2023, 11, 3, 13, 36, 9), "second", "2023-11-03 13:36:09"),
        ("2023/11/03", _sh(2023, 11, 3), "day", "2023/11/03"),
        ("2023.11.03", _sh(2023, 11, 3), "day", "2023.11.03"),
        ("2023-1-5", _sh(2023, 1, 5), "day", "2023-1-5"),
        ("2023年11月3日", _sh(2023, 11, 3), "day", "2023年11月3日"),
        ("2023年11月3日 14:05", _sh(2023, 11, 3, 14, 5), "minute", "2023年11月3日 14:05"),
        ("2023年11月03日14时05分", _sh(2023, 11, 3, 14, 5), "minute", "2023年11月03日14时05分"),
        ("2023年11月", _sh(2023, 11, 1), "month", "2023年11月"),
        ("二〇二三年十一月三日", _sh(2023, 11, 3), "day", "二〇二三年十一月三日"),
        ("二〇二四年二月二十九日", _sh(2024, 2, 29), "day", "二〇二四年二月二十九日"),
        ("November 3, 2023", _sh(2023, 11, 3), "day", "November 3, 2023"),
        ("Nov. 3, 2023", _sh(2023, 11, 3), "day", "Nov. 3, 2023"),
        ("Sept 30th 2023", _sh(2023, 9, 30), "day", "Sept 30th 2023"),
        ("3 November 2023", _sh(2023, 11, 3), "day", "3 November 2023"),
        ("03 Nov 2023", _sh(2023, 11, 3), "day", "03 Nov 2023"),
        ("November 2023", _sh(2023, 11, 1), "month", "November 2023"),
        ("March 3, 2024 at 10:30 pm", _sh(2024, 3, 3, 22, 30), "minute", "March 3, 2024 at 10:30 pm"),
        ("20231103", _sh(2023, 11, 3), "day", "20231103"),
        ("日期：20231103", _sh(2023, 11, 3), "day", "20231103"),
        ("发布时间:2023-11-03", _sh(2023, 11, 3), "day", "2023-11-03"),
    ],
)  # fmt: skip
def test_parse_absolute_forms(phrase: str, expected: datetime, precision: str, text: str) -> None:
    parsed = _parse(phrase)
    assert parsed is not None
    assert parsed.value == expected
    assert parsed.value.utcoffset() == timedelta(hours=8)
    assert parsed.precision == precision
    assert parsed.text == text
    assert parsed.source == "text_line"


@pytest.mark.parametrize(
    ("phrase", "expected_utc", "offset"),
    [
        ("2023-11-03T13:36:00+08:00", datetime(2023, 11, 3, 5, 36, tzinfo=UTC), timedelta(hours=8)),
        ("2023-11-03T05:36:00Z", datetime(2023, 11, 3, 5, 36, tzinfo=UTC), timedelta(0)),
        ("2023-11-03T13:36:00.000+0800", datetime(2023, 11, 3, 5, 36, tzinfo=UTC), timedelta(hours=8)),
        ("Fri, 03 Nov 2023 13:36:00 +0800", datetime(2023, 11, 3, 5, 36, tzinfo=UTC), timedelta(hours=8)),
        ("2023-11-03 09:00 -05:00", datetime(2023, 11, 3, 14, 0, tzinfo=UTC), timedelta(hours=-5)),
        ("Nov 3, 2023 13:36 GMT", datetime(2023, 11, 3, 13, 36, tzinfo=UTC), timedelta(0)),
    ],
)
def test_explicit_offsets_are_kept(phrase: str, expected_utc: datetime, offset: timedelta) -> None:
    parsed = _parse(phrase)
    assert parsed is not None
    assert parsed.value == expected_utc
    assert parsed.value.utcoffset() == offset


def test_naive_values_take_the_source_zone() -> None:
    parsed = parse_date("2023-11-03 13:36", reference=REFERENCE, tz="Europe/London")
    assert parsed is not None
    assert parsed.value.utcoffset() == timedelta(0)
    assert parsed.value == datetime(2023, 11, 3, 13, 36, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phrase", "back", "text"),
    [
        ("3 months ago", {"months": 3}, "3 months ago"),
        ("Release Time3 months ago", {"months": 3}, "3 months ago"),
        ("2 hours ago", {"hours": 2}, "2 hours ago"),
        ("an hour ago", {"hours": 1}, "an hour ago"),
        ("5 minutes ago", {"minutes": 5}, "5 minutes ago"),
        ("1 year ago", {"years": 1}, "1 year ago"),
        ("2 weeks ago", {"weeks": 2}, "2 weeks ago"),
        ("yesterday", {"days": 1}, "yesterday"),
        ("just now", {}, "just now"),
        ("3天前", {"days": 3}, "3天前"),
        ("三天前", {"days": 3}, "三天前"),
        ("5分钟前", {"minutes": 5}, "5分钟前"),
        ("2小时前", {"hours": 2}, "2小时前"),
        ("1个月前", {"months": 1}, "1个月前"),
        ("刚刚", {}, "刚刚"),
        ("昨天", {"days": 1}, "昨天"),
        ("前天", {"days": 2}, "前天"),
        ("上周", {"weeks": 1}, "上周"),
        ("去年", {"years": 1}, "去年"),
    ],
)
def test_relative_forms_resolve_against_the_reference(phrase: str, back: dict[str, int], text: str) -> None:
    parsed = _parse(phrase)
    assert parsed is not None
    assert parsed.value == REFERENCE.astimezone(SHANGHAI) - relativedelta(**back)
    assert parsed.precision == "approximate"
    assert parsed.source == "relative"
    assert parsed.text == text


def test_relative_resolution_depends_only_on_the_reference() -> None:
    later = REFERENCE + timedelta(days=10)
    first = _parse("3 days ago")
    second = parse_date("3 days ago", reference=later, tz=TZ)
    assert first is not None and second is not None
    assert second.value - first.value == timedelta(days=10)


@pytest.mark.parametrize(
    "phrase",
    [
        "1989-12-31",  # before 1990
        "2026-11-29",  # more than two days after the reference
        "2030年1月1日",
        "2023-02-30",  # no such day
        "2023-13-01",
        "no date here",
        "",
        "order number 20231103 shipped",  # a bare eight-digit number in prose
        "2023年前",  # "before 2023", not "2023 years ago"
    ],
)
def test_implausible_or_absent_dates_give_none(phrase: str) -> None:
    assert _parse(phrase) is None


def test_two_days_of_clock_skew_are_tolerated() -> None:
    assert _parse("2026-11-27") is not None


def test_source_argument_is_passed_through_for_absolute_dates() -> None:
    parsed = _parse("2023-11-03", source="meta")
    assert parsed is not None and parsed.source == "meta"


def test_find_date_prefers_labelled_phrases() -> None:
    text = "会议于2024年2月3日举行。\n发布时间:2023-11-03    浏览量:1908\n相关：2022-01-01"
    parsed = find_date(text, reference=REFERENCE, tz=TZ)
    assert parsed is not None
    assert parsed.value == _sh(2023, 11, 3)
    assert parsed.text == "2023-11-03"


def test_find_date_published_beats_updated() -> None:
    text = "Updated: March 5, 2024\nPublished: March 3, 2024"
    parsed = find_date(text, reference=REFERENCE, tz=TZ)
    assert parsed is not None and parsed.value == _sh(2024, 3, 3)


def test_find_date_source_line_and_standalone_line() -> None:
    text = "It happened on 5 May 2021 in Beijing.\n来源：新华社 2023-11-03 10:00"
    parsed = find_date(text, reference=REFERENCE, tz=TZ)
    assert parsed is not None and parsed.value == _sh(2023, 11, 3, 10, 0)
    alone = find_date("The plan dates from 5 May 2021.\n2022-06-20 13:36\n", reference=REFERENCE, tz=TZ)
    assert alone is not None and alone.precision == "minute"


def test_find_date_falls_back_to_the_first_plausible_prose_date() -> None:
    text = "In 1985-01-01 nothing. The forum opened on November 1, 2023 and closed on November 3, 2023."
    parsed = find_date(text, reference=REFERENCE, tz=TZ)
    assert parsed is not None and parsed.value == _sh(2023, 11, 1)


def test_find_date_ignores_unlabelled_compact_numbers_and_prose_relative_phrases() -> None:
    assert find_date("Ticket 20231103 was closed.", reference=REFERENCE, tz=TZ) is None
    assert find_date("Three years ago the city had no plan.", reference=REFERENCE, tz=TZ) is None
    labelled = find_date("发布日期：20231103", reference=REFERENCE, tz=TZ)
    assert labelled is not None and labelled.value == _sh(2023, 11, 3)


def test_find_date_glued_label_relative() -> None:
    parsed = find_date("China Carbon Credit Platform\nRelease Time3 months ago", reference=REFERENCE, tz=TZ)
    assert parsed is not None
    assert parsed.text == "3 months ago" and parsed.source == "relative"


@pytest.mark.parametrize(
    ("text", "expected", "phrase"),
    [
        (
            "On the morning of November 1, the 2023 Beijing Sub-center Green Development Forum opened. Later...",
            _sh(2023, 11, 1),
            "November 1",
        ),
        ("11月1日上午，2023北京城市副中心绿色发展论坛在城市绿心开幕。", _sh(2023, 11, 1), "11月1日"),
        ("The 2022 Liaoning week ran from June 13th to 19th in Dalian.", _sh(2022, 6, 13), "June 13th"),
        ("On 22 January the market was launched.", _sh(2026, 1, 22), "22 January"),
        ("On January 22, 2024, the national market was launched.", _sh(2024, 1, 22), "January 22, 2024"),
        ("3月5日，住建部召开会议。", _sh(2026, 3, 5), "3月5日"),
    ],
)  # fmt: skip
def test_infer_date_from_prose(text: str, expected: datetime, phrase: str) -> None:
    parsed = infer_date_from_text(text, reference=REFERENCE, tz=TZ)
    assert parsed is not None
    assert parsed.value == expected
    assert parsed.precision == "day"
    assert parsed.source == "inferred"
    assert parsed.text == phrase


def test_infer_date_refuses_a_future_date_in_the_reference_year() -> None:
    # December 20 of the reference year is after the reference (Nov 26): not a publish date.
    assert infer_date_from_text("On December 20, the forum will open.", reference=REFERENCE, tz=TZ) is None


def test_infer_date_ignores_may_as_a_verb() -> None:
    assert infer_date_from_text("Prices may 3 times rise; we march 5 miles.", reference=REFERENCE, tz=TZ) is None


def test_naive_reference_is_read_in_the_source_zone() -> None:
    parsed = parse_date("昨天", reference=datetime(2026, 11, 26, 12, 0), tz=TZ)
    assert parsed is not None and parsed.value == _sh(2026, 11, 25, 12, 0)


def test_format_table_is_well_formed() -> None:
    names = [fmt.name for fmt in (*date_formats.ABSOLUTE_FORMATS, *date_formats.YEARLESS_FORMATS)]
    assert len(names) == len(set(names))
    assert set(date_formats.RELATIVE_UNITS.values()) <= {
        "seconds",
        "minutes",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
    }
    assert all(
        unit in {"seconds", "days", "weeks", "months", "years"} for unit, _ in date_formats.RELATIVE_WORDS.values()
    )


def test_offset_datetime_is_timezone_object() -> None:
    parsed = _parse("2023-11-03T13:36:00+05:30")
    assert parsed is not None and parsed.value.tzinfo == timezone(timedelta(hours=5, minutes=30))
