"""Publish dates from text: absolute and relative phrases, labelled lines, dates stated in prose.

The vocabulary (formats, labels, relative words) lives in `cleaning.date_formats`; this module only
matches, scores and resolves. The clock is never read: relative phrases resolve against the
`reference` passed in (the document's read time).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from cleaning import date_formats as vocab
from cleaning.lines import screen_for, screen_text

Precision = Literal["second", "minute", "day", "month", "year", "approximate"]


@dataclass(frozen=True)
class ParsedDate:
    value: datetime  # timezone-aware
    precision: Precision
    text: str  # the phrase exactly as found
    source: str  # a schemas.common.DateSource: "text_line", "relative", "inferred", ...


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    match: re.Match[str]
    fmt: vocab.DateFormat | None  # None for a relative phrase


_ABSOLUTE = tuple((fmt, re.compile(fmt.pattern, re.IGNORECASE)) for fmt in vocab.ABSOLUTE_FORMATS)
_YEARLESS = tuple((fmt, re.compile(fmt.pattern, re.IGNORECASE)) for fmt in vocab.YEARLESS_FORMATS)
_RELATIVE_COUNT = tuple(re.compile(p, re.IGNORECASE) for p in vocab.RELATIVE_COUNT_PATTERNS)
_RELATIVE_WORD = re.compile(
    "|".join(
        (r"\b" + re.escape(w) + r"\b") if w.isascii() else re.escape(w)
        for w in sorted(vocab.RELATIVE_WORDS, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
# Screens (see `cleaning.lines.screen_for`): most texts hold no month name, no "ago", no "前", so
# most formats are skipped after one fast search instead of a regex attempt at every position.
_ABSOLUTE_SCREENED = tuple((fmt, regex, screen_for(regex)) for fmt, regex in _ABSOLUTE)
_RELATIVE_SCREENED = tuple((regex, screen_for(regex)) for regex in (*_RELATIVE_COUNT, _RELATIVE_WORD))
_YEAR_MENTION = re.compile(vocab.YEAR_MENTION)
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=\.)\s+(?=[A-Z\"“'‘(])")
_STRONG = tuple(label.lower() for label in vocab.STRONG_DATE_LABELS)
_WEAK = tuple(label.lower() for label in vocab.WEAK_DATE_LABELS)
_UPDATE_LABEL = re.compile(
    "|".join(
        (r"\b" + re.escape(label) + r"\b") if label.isascii() else re.escape(label)
        for label in sorted(vocab.WEAK_DATE_LABELS, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
_EARLIEST = datetime(vocab.EARLIEST_YEAR, 1, 1, tzinfo=UTC)
_FUTURE = timedelta(days=vocab.FUTURE_TOLERANCE_DAYS)

# Scores of a date phrase by what surrounds it on its line.
_SCORE_STRONG_LABEL = 3
_SCORE_ALONE_OR_SOURCE = 2
_SCORE_WEAK_LABEL = 1
_SCORE_PROSE = 0


def _zh_number(text: str) -> int:
    """二〇二三 -> 2023, 十一 -> 11, 二十三 -> 23, 三 -> 3."""
    digits = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | dict.fromkeys(vocab.ZH_ZERO_DIGITS, 0)
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + digits[ch]
        return value
    tens, _, ones = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def _count(text: str) -> int:
    lowered = text.lower()
    if lowered.isdigit():
        return int(lowered)
    if lowered in vocab.COUNT_WORDS:
        return vocab.COUNT_WORDS[lowered]
    return _zh_number(text)


def _zone(tz: str) -> ZoneInfo:
    return ZoneInfo(tz)


def _offset(tz_text: str, tz: str) -> timezone | ZoneInfo:
    """The zone an explicit suffix names; local names ("CST", "北京时间") mean the source zone."""
    named = vocab.ZONE_ABBREVIATIONS.get(" ".join(tz_text.split()))
    if named is not None and named[0] in "+-":
        return _offset(named, tz)
    if named is not None:
        return _zone(named)
    text = tz_text.strip().upper()
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign_match = re.search(r"([+-])(\d{1,2}):?(\d{2})?$", text)
    if sign_match:
        sign = -1 if sign_match.group(1) == "-" else 1
        minutes = int(sign_match.group(2)) * 60 + int(sign_match.group(3) or 0)
        return timezone(sign * timedelta(minutes=minutes))
    return _zone(tz)


def _plausible(value: datetime, reference: datetime) -> bool:
    return _EARLIEST <= value <= reference + _FUTURE


def _aware(reference: datetime, tz: str) -> datetime:
    return reference if reference.tzinfo is not None else reference.replace(tzinfo=_zone(tz))


def _full_year(groups: dict[str, str]) -> int:
    """The year group, or a two-digit `year2` read within the century window starting at EARLIEST_YEAR."""
    if "roc_year" in groups:
        return int(groups["roc_year"]) + vocab.ROC_YEAR_OFFSET
    if "year2" not in groups:
        return int(groups["year"])
    short = int(groups["year2"])
    century_start = vocab.EARLIEST_YEAR - vocab.EARLIEST_YEAR % 100
    year = century_start + short
    return year if year >= vocab.EARLIEST_YEAR else year + 100


def _build_absolute(match: re.Match[str], tz: str, year: int | None = None) -> tuple[datetime, Precision] | None:
    """The datetime a format match names (None when the fields make no calendar date)."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    try:
        if "zh_year" in groups:
            year_value = _zh_number(groups["zh_year"])
            month = _zh_number(groups["zh_month"])
            day = _zh_number(groups["zh_day"])
        else:
            year_value = year if year is not None else _full_year(groups)
            month = vocab.MONTH_NAMES[groups["month_name"].lower()] if "month_name" in groups else int(groups["month"])
            day = int(groups.get("day", 1))
        hour = int(groups.get("hour", 0))
        minute = int(groups.get("minute", 0))
        second = int(groups.get("second", 0))
        ampm = groups.get("ampm", "").lower()
        if ampm == "p" and hour < 12:
            hour += 12
        elif ampm == "a" and hour == 12:
            hour = 0
        zone = _offset(groups["tz"], tz) if "tz" in groups else _zone(tz)
        value = datetime(year_value, month, day, hour, minute, second, tzinfo=zone)
    except (KeyError, ValueError):
        return None
    precision: Precision
    if "second" in groups:
        precision = "second"
    elif "hour" in groups:
        precision = "minute"
    elif "day" in groups or "zh_day" in groups:
        precision = "day"
    elif "month" in groups or "month_name" in groups:
        precision = "month"
    else:
        precision = "year"
    return value, precision


def _resolve_relative(match: re.Match[str], reference: datetime, tz: str) -> datetime | None:
    local_reference = reference.astimezone(_zone(tz))
    if "unit" in match.groupdict():
        unit = vocab.RELATIVE_UNITS.get(match.group("unit").lower())
        if unit is None:
            return None
        amount = _count(match.group("count"))
    else:
        phrase = " ".join(match.group(0).lower().split())
        unit, amount = vocab.RELATIVE_WORDS[phrase]
    return local_reference - relativedelta(**{unit: amount})


def _matches(text: str) -> list[_Match]:
    """All date phrases in `text`, left to right; at one place the longest wins, no overlaps."""
    found: list[_Match] = []
    lowered = screen_text(text)
    for fmt, regex, screen in _ABSOLUTE_SCREENED:
        if screen is None or not lowered or screen.search(lowered):
            found.extend(_Match(m.start(), m.end(), m, fmt) for m in regex.finditer(text))
    for regex, screen in _RELATIVE_SCREENED:
        if screen is None or not lowered or screen.search(lowered):
            found.extend(_Match(m.start(), m.end(), m, None) for m in regex.finditer(text))
    found.sort(key=lambda item: (item.start, -(item.end - item.start)))
    kept: list[_Match] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def _resolve(item: _Match, *, reference: datetime, tz: str, source: str) -> ParsedDate | None:
    text = item.match.group(0).strip()
    if item.fmt is None:
        value = _resolve_relative(item.match, reference, tz)
        if value is None or not _plausible(value, reference):
            return None
        return ParsedDate(value=value, precision="approximate", text=text, source="relative")
    built = _build_absolute(item.match, tz)
    if built is None or not _plausible(built[0], reference):
        return None
    return ParsedDate(value=built[0], precision=built[1], text=text, source=source)


def _label_score(line: str, start: int, end: int, others: tuple[tuple[int, int], ...] = ()) -> int:
    """How strongly the line around a date phrase says "this is the publish date".

    `others` are the spans of the line's other date phrases: a date that shares its line only with
    "Updated <date>" ("March 5, 2024 10:12 AM Updated 2 hours ago") still stands alone.
    """
    before = line[:start].rstrip(vocab.LABEL_SEPARATORS).lower()
    if before.endswith(_STRONG):
        return _SCORE_STRONG_LABEL
    if before.endswith(_WEAK):
        return _SCORE_WEAK_LABEL
    if any(marker.lower() in line.lower() for marker in vocab.SOURCE_LINE_MARKERS):
        return _SCORE_ALONE_OR_SOURCE
    rest = (line[:start] + line[end:]).strip(vocab.LABEL_SEPARATORS)
    if not rest:
        return _SCORE_ALONE_OR_SOURCE
    if others:
        rest = _UPDATE_LABEL.sub("", _without_spans(line, ((start, end), *others)))
        if not rest.strip(vocab.LABEL_SEPARATORS):
            return _SCORE_ALONE_OR_SOURCE
    return _SCORE_PROSE


def _without_spans(line: str, spans: tuple[tuple[int, int], ...]) -> str:
    kept: list[str] = []
    position = 0
    for start, end in sorted(spans):
        kept.append(line[position:start])
        position = max(position, end)
    kept.append(line[position:])
    return " ".join(kept)


def _scored(text: str, *, reference: datetime, tz: str, source: str) -> Iterator[tuple[int, ParsedDate]]:
    for line in text.splitlines():
        items = _matches(line)
        for item in items:
            others = tuple((other.start, other.end) for other in items if other is not item)
            score = _label_score(line, item.start, item.end, others)
            # A bare eight-digit number or a relative phrase in running prose is not a publish date.
            weak_form = item.fmt is None or item.fmt.needs_context
            if weak_form and score < _SCORE_WEAK_LABEL:
                continue
            if item.fmt is not None and item.fmt.needs_context and score == _SCORE_WEAK_LABEL:
                continue
            parsed = _resolve(item, reference=reference, tz=tz, source=source)
            if parsed is not None:
                yield score, parsed


def parse_date(phrase: str, *, reference: datetime, tz: str, source: str = "text_line") -> ParsedDate | None:
    """One date phrase (absolute or relative, possibly behind a label) -> ParsedDate, or None.

    Naive values take zone `tz`; explicit offsets are kept; relative phrases resolve against
    `reference` (precision "approximate", source "relative"); implausible dates give None.
    """
    reference = _aware(reference, tz)
    stripped = phrase.strip()
    # An absolute date first: "March 5, 2024 10:12 AM Updated 2 hours ago" was published on March 5.
    for item in sorted(_matches(stripped), key=lambda found: found.fmt is None):
        if item.fmt is not None and item.fmt.needs_context:
            before = stripped[: item.start].rstrip(vocab.LABEL_SEPARATORS).lower()
            after = stripped[item.end :].strip(vocab.LABEL_SEPARATORS)
            if after or (before and not before.endswith(_STRONG + _WEAK)):
                continue
        parsed = _resolve(item, reference=reference, tz=tz, source=source)
        if parsed is not None:
            return parsed
    return None


def follows_update_label(line: str, phrase: str) -> bool:
    """Whether `phrase` stands on `line` right behind an "updated" label (Updated, Last modified, 更新时间)."""
    position = line.find(phrase)
    return position >= 0 and line[:position].rstrip(vocab.LABEL_SEPARATORS).lower().endswith(_WEAK)


def find_date(text: str, *, reference: datetime, tz: str) -> ParsedDate | None:
    """The best publish-date phrase in a longer text.

    A date behind a publish label (发布时间, Release Time, Published, ...) wins; then a date alone
    on its line or on a 来源/Source line; then one behind an "updated" label; then the first
    plausible date in prose.
    """
    reference = _aware(reference, tz)
    best: tuple[int, ParsedDate] | None = None
    for score, parsed in _scored(text, reference=reference, tz=tz, source="text_line"):
        if best is None or score > best[0]:
            best = (score, parsed)
    return best[1] if best else None


def find_standalone_date(text: str, *, reference: datetime, tz: str) -> ParsedDate | None:
    """Like `find_date`, but only a date that is labelled (an "Updated:" label too), alone on its line or on
    a source line: never one in a run of other words ("2024-03-05 10:00 Other headline" in a story list)."""
    reference = _aware(reference, tz)
    best: tuple[int, ParsedDate] | None = None
    for score, parsed in _scored(text, reference=reference, tz=tz, source="text_line"):
        if score > _SCORE_PROSE and (best is None or score > best[0]):
            best = (score, parsed)
    return best[1] if best else None


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s and s.strip()]


def _nearest_year(sentence: str, start: int, end: int, reference: datetime) -> int | None:
    best: tuple[int, int] | None = None
    for m in _YEAR_MENTION.finditer(sentence):
        if start <= m.start() < end:
            continue
        year = int(m.group("year"))
        if not vocab.EARLIEST_YEAR <= year <= reference.year:
            continue
        distance = start - m.end() if m.end() <= start else m.start() - end
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def infer_date_from_text(text: str, *, reference: datetime, tz: str) -> ParsedDate | None:
    """A date stated in prose, e.g. "On the morning of November 1, the 2023 ... Forum" -> 2023-11-01.

    Sentence by sentence: a full date, or a month and day whose year is stated nearby in the same
    sentence, else the reference year if that does not put the date in the future. Only the
    opening of the text is read (`date_formats.INFER_SCAN_CHARS`).
    """
    reference = _aware(reference, tz)
    local_year = reference.astimezone(_zone(tz)).year
    for sentence in _sentences(text[: vocab.INFER_SCAN_CHARS]):
        candidates: list[tuple[int, ParsedDate]] = []
        for item in _matches(sentence):
            if item.fmt is None or item.fmt.needs_context:
                continue
            parsed = _resolve(item, reference=reference, tz=tz, source="inferred")
            if parsed is not None:
                candidates.append((item.start, parsed))
        for _fmt, regex in _YEARLESS:
            for m in regex.finditer(sentence):
                month_name = m.groupdict().get("month_name")
                if month_name and not month_name[0].isupper():  # "may", "march" as words
                    continue
                if any(start <= m.start() < start + len(p.text) for start, p in candidates):
                    continue  # part of a full date already found
                year = _nearest_year(sentence, m.start(), m.end(), reference) or local_year
                built = _build_absolute(m, tz, year=year)
                if built is None or not _plausible(built[0], reference):
                    continue
                candidates.append(
                    (m.start(), ParsedDate(value=built[0], precision="day", text=m.group(0).strip(), source="inferred"))
                )
                break
        if candidates:
            return min(candidates, key=lambda pair: pair[0])[1]
    return None
