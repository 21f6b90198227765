"""Date phrase vocabulary: the formats, labels and relative expressions `cleaning.dates` reads.

Edit this table to teach the cleaner a new date form; the engine never needs to change.

Each absolute format is a regex with named groups:
  year, month (number), month_name (English, full or abbreviated), day, hour, minute, second,
  ampm ("am"/"pm"), tz ("Z", "+08:00", "+0800", "GMT+8", "UTC"),
  zh_year / zh_month / zh_day (Chinese numerals, e.g. 二〇二三 / 十一 / 三).
The precision of a match is the finest unit whose group matched (second, minute, day, month, year).
"""

from __future__ import annotations

from dataclasses import dataclass

MONTH_NAMES: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Longest names first so "June" is not read as "Jun" + "e".
_MONTH = "(?P<month_name>" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# Zone names printed after a clock, and the zone each means: an IANA name (daylight saving follows the
# date) or a fixed offset. Matched case-sensitively, as printed. "CST" is absent on purpose: on Chinese
# sites it is China Standard Time, which is the source's own zone (see `_TZ`).
ZONE_ABBREVIATIONS: dict[str, str] = {
    "ET": "America/New_York", "Eastern Time": "America/New_York", "EST": "-05:00", "EDT": "-04:00",
    "Eastern Standard Time": "-05:00", "Eastern Daylight Time": "-04:00",
    "CT": "America/Chicago", "Central Time": "America/Chicago", "CDT": "-05:00", "Central Daylight Time": "-05:00",
    "MT": "America/Denver", "Mountain Time": "America/Denver", "MST": "-07:00", "MDT": "-06:00",
    "PT": "America/Los_Angeles", "Pacific Time": "America/Los_Angeles", "PST": "-08:00", "PDT": "-07:00",
    "Pacific Standard Time": "-08:00", "Pacific Daylight Time": "-07:00",
    "GMT": "+00:00", "UTC": "+00:00", "BST": "+01:00", "British Summer Time": "+01:00", "CET": "+01:00",
    "CEST": "+02:00", "HKT": "+08:00", "SGT": "+08:00", "JST": "+09:00", "KST": "+09:00",
    "AEST": "+10:00", "AEDT": "+11:00",
}  # fmt: skip
_ZONE_NAMES = "|".join(
    sorted((name for name in ZONE_ABBREVIATIONS if name not in ("GMT", "UTC")), key=len, reverse=True)
)
_TZ = (
    r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|CST|北京时间"
    rf"|(?-i:(?:{_ZONE_NAMES})\b)))?"
)
_CLOCK = r"(?P<hour>[01]?\d|2[0-3])[:：](?P<minute>[0-5]\d)(?:[:：](?P<second>[0-5]\d)(?:\.\d+)?)?"
_EN_CLOCK = rf"(?:,?\s+(?:at\s+)?{_CLOCK}(?:\s*(?P<ampm>[AaPp])\.?\s*[Mm]\.?)?{_TZ})?"
_ZH_CLOCK = (
    r"(?:\s*(?:上午|下午|晚上)?\s*(?P<hour>[01]?\d|2[0-3])\s*[:：时点]\s*(?P<minute>[0-5]\d)\s*分?"
    r"(?:\s*[:：]\s*(?P<second>[0-5]\d)\s*秒?)?)?"
)
_EN_DMY_DASHED = rf"(?P<day>0?[1-9]|[12]\d|3[01])(?P<dsep>[-/]){_MONTH}(?P=dsep){_YEAR}(?!\d)"
# A time printed before its date ("13:14, 05-Mar-2024"): the clock, then a comma or space.
_CLOCK_FIRST = rf"{_CLOCK}(?:\s*(?P<ampm>[AaPp])\.?\s*[Mm]\.?)?{_TZ},?\s+"
_DAY_MONTH_DOTTED = r"(?P<day>0?[1-9]|[12]\d|3[01])\.(?P<month>0?[1-9]|1[0-2])"
# Zero is printed 〇 (U+3007), 零, or ○ (U+25CB, white circle: Hong Kong and Macau government pages,
# "二○二四年三月五日").
ZH_ZERO_DIGITS = "〇零○"
_ZH_DIGIT = "〇零○一二三四五六七八九"
_ZH_NUMBER = f"[{_ZH_DIGIT}十]"
# Taiwan dates count years of the Republic of China (民國): 民國1年 = 1912. Three digits only (2011-2060):
# two-digit ones ("88年") read as often as a count of years.
ROC_YEAR_OFFSET = 1911
_ROC_YEAR = r"(?P<roc_year>1[0-4]\d)"


@dataclass(frozen=True)
class DateFormat:
    name: str
    pattern: str
    # Only trusted when labelled ("日期：20231103") or when it is the whole phrase: a bare
    # eight-digit number in prose is more often an id than a date.
    needs_context: bool = False


# Order matters only for ties: at one position the longest match wins.
ABSOLUTE_FORMATS: tuple[DateFormat, ...] = (
    DateFormat(
        "iso_numeric",  # 2023-11-03, 2023/11/03, 2023.11.03, 2023-11-03 13:36, 2023-11-03T13:36:00+08:00
        rf"(?<!\d){_YEAR}(?P<sep>[-/.])(?P<month>0?[1-9]|1[0-2])(?P=sep)(?P<day>0?[1-9]|[12]\d|3[01])(?!\d)"
        rf"(?:(?:T|\s+){_CLOCK}{_TZ})?",
    ),
    DateFormat(
        "zh_ymd",  # 2023年11月3日, 2023年11月3日 14:05
        rf"{_YEAR}\s*年\s*(?P<month>0?[1-9]|1[0-2])\s*月\s*(?P<day>0?[1-9]|[12]\d|3[01])\s*[日号]{_ZH_CLOCK}",
    ),
    DateFormat(
        "zh_ym",  # 2023年11月
        rf"{_YEAR}\s*年\s*(?P<month>0?[1-9]|1[0-2])\s*月(?!\s*\d)",
    ),
    DateFormat(
        "zh_numeral_ymd",  # 二〇二三年十一月三日
        rf"(?P<zh_year>[{_ZH_DIGIT}]{{4}})\s*年\s*(?P<zh_month>{_ZH_NUMBER}{{1,2}})\s*月"
        rf"\s*(?P<zh_day>{_ZH_NUMBER}{{1,3}})\s*[日号]",
    ),
    DateFormat(
        "roc_zh_ymd",  # 113年3月5日, 民國113年3月5日 (Taiwan: Republic of China years, 113 = 2024)
        rf"(?:民[國国]\s*)?(?<!\d){_ROC_YEAR}\s*年\s*(?P<month>0?[1-9]|1[0-2])\s*月"
        rf"\s*(?P<day>0?[1-9]|[12]\d|3[01])\s*日{_ZH_CLOCK}",
    ),
    DateFormat(
        # 113-03-05, 113/03/05, 113.03.05 (Taiwan government sites' 發布日期). Only trusted behind a label or
        # alone on its line: in prose three such numbers are as often a code or a range.
        "roc_numeric",
        rf"(?<![\d.\-/]){_ROC_YEAR}(?P<sep>[-/.])(?P<month>0?[1-9]|1[0-2])(?P=sep)(?P<day>0?[1-9]|[12]\d|3[01])"
        rf"(?![\d.\-/])(?:\s+{_CLOCK})?",
        needs_context=True,
    ),
    DateFormat(
        "en_mdy",  # November 3, 2023 / Nov. 3, 2023 / Fri, Nov 3rd 2023 10:30 AM
        rf"\b{_WEEKDAY}{_MONTH}\s+(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d){_EN_CLOCK}",
    ),
    DateFormat(
        "en_dmy",  # 3 November 2023 / 03 Nov 2023 / Fri, 03 Nov 2023 13:36:00 +0800 (RFC 2822)
        rf"\b{_WEEKDAY}(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)"
        rf"{_EN_CLOCK}",
    ),
    DateFormat(
        "en_dmy_dashed",  # 05-Mar-2024 / 05-Mar-2024 13:14 / 05/Mar/2024 (CGTN, logs)
        rf"\b{_WEEKDAY}{_EN_DMY_DASHED}{_EN_CLOCK}",
    ),
    DateFormat(
        "clock_en_dmy_dashed",  # 13:14, 05-Mar-2024: the time printed first (CGTN "Updated 13:14, 05-Mar-2024")
        rf"(?<![\d:]){_CLOCK_FIRST}{_EN_DMY_DASHED}",
    ),
    DateFormat(
        "clock_en_dmy",  # 1:14 PM 5 March 2024
        rf"(?<![\d:]){_CLOCK_FIRST}(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}(?!\d)",
    ),
    DateFormat(
        "clock_en_mdy",  # 13:14, March 5, 2024
        rf"(?<![\d:]){_CLOCK_FIRST}{_MONTH}\s+(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)",
    ),
    DateFormat(
        # 05.03.2024 / 05.03.2024 10:30: dotted numbers with the year last are day-first wherever they are
        # printed (Europe, UK sites); month-first US dates use slashes, which stay unparsed as ambiguous.
        "dmy_dotted",
        rf"(?<![\d.]){_DAY_MONTH_DOTTED}\.{_YEAR}(?![\d.]\d)(?:\s+{_CLOCK}{_TZ})?",
    ),
    DateFormat(
        # 05.03.24 (Carbon Brief): day-first as above, the two-digit year in 1990-2089. Only trusted behind a
        # label or alone on its line: in prose three dotted numbers are as often a version or clause number.
        "dmy_dotted_short",
        rf"(?<![\d.]){_DAY_MONTH_DOTTED}\.(?P<year2>\d{{2}})(?![\d.]\d|\.\d)",
        needs_context=True,
    ),
    DateFormat(
        # 2024 03/15 21:40:12: 新华网 / Xinhua headers print the year, then month/day, in separate elements.
        # Only trusted alone on its line or behind a label ("in 2024 3/4 of ..." is prose).
        "y_md_slash",
        rf"(?<![\d/]){_YEAR}\s+(?P<month>0?[1-9]|1[0-2])\s*/\s*(?P<day>0?[1-9]|[12]\d|3[01])(?![\d/])"
        rf"(?:\s+{_CLOCK}{_TZ})?",
        needs_context=True,
    ),
    DateFormat(
        "en_my",  # November 2023
        rf"\b{_MONTH}\s+{_YEAR}(?!\d)",
    ),
    DateFormat(
        "compact",  # 20231103, 20231103 1336
        r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?!\d)",
        needs_context=True,
    ),
)

# Month and day without a year: only for dates stated in prose (`infer_date_from_text`).
YEARLESS_FORMATS: tuple[DateFormat, ...] = (
    DateFormat("en_md", rf"\b{_MONTH}\s+(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d:])"),
    DateFormat("en_dm", rf"\b(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b"),
    DateFormat("zh_md", r"(?<!\d)(?P<month>0?[1-9]|1[0-2])\s*月\s*(?P<day>0?[1-9]|[12]\d|3[01])\s*[日号]"),
)

# A year stated near a yearless date ("the 2023 Beijing ... Forum", "2023年").
YEAR_MENTION = r"(?<![\d.,])(?P<year>(?:19|20)\d{2})(?![\d.,]\d)"

# Relative phrases with a count: "3 months ago", "2 hours ago", "3天前", "五分钟前".
# Groups: count (digits, English words or Chinese numerals), unit (a key of RELATIVE_UNITS).
RELATIVE_COUNT_PATTERNS: tuple[str, ...] = (
    r"(?<!\d)(?P<count>\d{1,3}"
    r"|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|several))"
    r"\s*(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
    rf"(?<!\d)(?P<count>\d{{1,3}}|{_ZH_NUMBER}+|几)"
    r"\s*(?P<unit>秒钟|秒|分钟|分|个小时|小时|天|日|周|个星期|星期|个月|年)\s*(?:以)?前",
)
RELATIVE_UNITS: dict[str, str] = {
    "second": "seconds", "seconds": "seconds", "sec": "seconds", "secs": "seconds", "秒": "seconds", "秒钟": "seconds",
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes", "分钟": "minutes", "分": "minutes",
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours", "小时": "hours", "个小时": "hours",
    "day": "days", "days": "days", "天": "days", "日": "days",
    "week": "weeks", "weeks": "weeks", "周": "weeks", "星期": "weeks", "个星期": "weeks",
    "month": "months", "months": "months", "个月": "months", "月": "months",
    "year": "years", "years": "years", "年": "years",
}  # fmt: skip
COUNT_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3, "few": 3, "several": 3,
    "几": 3,
}  # fmt: skip

# Relative phrases without a count -> (unit, amount back in time).
RELATIVE_WORDS: dict[str, tuple[str, int]] = {
    "just now": ("seconds", 0), "刚刚": ("seconds", 0), "刚才": ("seconds", 0),
    "today": ("days", 0), "今天": ("days", 0), "今日": ("days", 0),
    "yesterday": ("days", 1), "昨天": ("days", 1), "昨日": ("days", 1),
    "前天": ("days", 2), "the day before yesterday": ("days", 2),
    "last week": ("weeks", 1), "上周": ("weeks", 1), "上星期": ("weeks", 1),
    "last month": ("months", 1), "上个月": ("months", 1), "上月": ("months", 1),
    "last year": ("years", 1), "去年": ("years", 1),
}  # fmt: skip

# Labels naming the publish date, strongest first. A date right after one of these wins over an
# unlabelled date; "updated" labels are weaker than "published" ones.
STRONG_DATE_LABELS: tuple[str, ...] = (
    "发布时间", "发布日期", "发表时间", "发表日期", "发文日期", "成文日期", "印发日期", "出版日期", "刊发时间",
    "日期", "时间", "Release Time", "Release Date", "Released", "Published on", "Published at", "Published",
    "Publication Date", "Publish Date", "Posted on", "Posted at", "Posted", "Date",
)  # fmt: skip
WEAK_DATE_LABELS: tuple[str, ...] = (
    "更新时间", "更新日期", "修改时间", "最后更新", "Last updated", "Last modified", "Updated on", "Updated",
    "Modified",
)  # fmt: skip
# A line naming the source ("来源：新华社 2023-11-03") usually carries the publish date too.
SOURCE_LINE_MARKERS: tuple[str, ...] = ("来源", "信息来源", "稿源", "Source:", "出处")
# Characters allowed between a label and its date ("发布时间：", "Date -", "【日期】").
LABEL_SEPARATORS = " \t:：-—|｜/【】[]()（）"

# Plausibility window (same as schemas.article): before this, or after reference + tolerance,
# a "date" is a misread number.
EARLIEST_YEAR = 1990
FUTURE_TOLERANCE_DAYS = 2
# A date stated in prose is stated early: `infer_date_from_text` reads only this many characters.
INFER_SCAN_CHARS = 4000
