"""Shared field types: languages, date precision, timezone-aware timestamps."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, StringConstraints

# ISO 639-1. GreenWire's sources are Chinese ("zh") and English ("en"); a page in another
# language is stored with its own code rather than rejected.
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]

# The languages a source may declare in sources.toml (`language = ...`): the extractor's hint, in
# the languages it knows. Narrower than Language, which also holds what detection finds on a page.
SourceLanguage = Literal["zh", "en"]
SOURCE_LANGUAGES: tuple[str, ...] = get_args(SourceLanguage)

# How exact a publish date is: the finest unit the source phrase gave.
DatePrecision = Literal["second", "minute", "day", "month", "year", "approximate"]

# Where a publish date came from (so an analyst can filter weak ones out).
DateSource = Literal["meta", "jsonld", "time_tag", "url", "text_line", "inferred", "relative", "feed", "header"]

# Where a title came from.
# "heading": a page without an h1 or a declared title prints its headline in an <h2> or a title cell.
TitleSource = Literal["rule", "og", "meta", "jsonld", "h1", "heading", "title_tag", "first_line", "derived", "feed"]

Stage = Literal["discover", "fetch", "decode", "extract", "validate", "load"]

Outcome = Literal["new", "updated", "unchanged", "rejected", "deferred"]


def _require_tz(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("timestamp must be timezone-aware")
    return value


AwareDatetime = Annotated[datetime, AfterValidator(_require_tz)]
