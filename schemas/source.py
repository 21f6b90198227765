"""Source declarations (`sources.toml`) and per-site extraction rules."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.common import Language


class SiteRules(BaseModel):
    """CSS selectors for one site; any left empty falls back to the generic extractor."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    content: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    drop: tuple[str, ...] = ()


class SourceConfig(BaseModel):
    """One entry of `sources.toml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$", max_length=100)
    adapter: str
    urls: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    schedule: str | None = None  # cron expression
    language: Language | None = None
    timezone: str = "Asia/Shanghai"
    rules: SiteRules = SiteRules()
    rate_limit: float = Field(default=1.0, gt=0, description="requests per second per host")
    allow_private_network: bool = False
    # listing adapter
    link_selector: str | None = None
    next_selector: str | None = None
    max_pages: int = Field(default=20, ge=1)
    # free-form options for third-party adapters
    options: dict[str, str | int | float | bool] = {}

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("schedule")
    @classmethod
    def _cron_expression(cls, value: str | None) -> str | None:
        """The cron Prefect's scheduler accepts, checked when sources.toml is read (not when serve starts)."""
        if value is None:
            return None
        from croniter import croniter  # the library Prefect vendors for its CronSchedule

        fields = value.split()
        # Prefect refuses croniter's random (R) and hashed (H) fields; it needs no hash id here either.
        if not croniter.is_valid(value) or any(field.casefold() in {"r", "h"} for field in fields):
            raise ValueError(f"invalid cron expression {value!r}: {_cron_problem(fields)}")
        return value


# Cron fields in order, with the values croniter accepts: 5 fields, then optional seconds and year.
CRON_FIELDS: tuple[tuple[str, int, int], ...] = (
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("day-of-month", 1, 31),
    ("month", 1, 12),
    ("day-of-week", 0, 7),
    ("seconds", 0, 59),
    ("year", 1970, 2099),
)
CRON_FORM = "5 fields (minute hour day-of-month month day-of-week), e.g. '0 6 * * *'"


def _cron_problem(fields: list[str]) -> str:
    """Why croniter refuses these fields: the field to blame when one is, else the expected form."""
    from croniter import croniter

    if not 5 <= len(fields) <= len(CRON_FIELDS):
        return f"got {len(fields)} fields, expected {CRON_FORM}"
    for index, field in enumerate(fields):
        name, low, high = CRON_FIELDS[index]
        alone = ["*"] * len(fields)
        alone[index] = field
        if field.casefold() in {"r", "h"}:
            return f"{name} field {field!r}: random (R) and hashed (H) values are not supported"
        if croniter.is_valid(" ".join(alone)):
            continue
        # The values themselves, not steps (`*/90`) or nth weekdays (`5#2`).
        values = [
            int(number) for part in field.split(",") for number in re.findall(r"\d+", part.split("/")[0].split("#")[0])
        ]
        if any(not low <= number <= high for number in values):
            return f"{name} field {field!r} is out of range ({low}-{high})"
        return f"{name} field {field!r} is not valid"
    return f"expected {CRON_FORM}"
