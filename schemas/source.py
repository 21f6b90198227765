"""Source declarations (`sources.toml`) and per-site extraction rules."""

from __future__ import annotations

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
            raise ValueError(
                f"invalid cron expression {value!r}: expected 5 fields "
                "(minute hour day-of-month month day-of-week), e.g. '0 6 * * *'"
            )
        return value
