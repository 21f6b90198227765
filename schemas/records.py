"""Rejects and run summaries."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.common import AwareDatetime, Stage


class Reject(BaseModel):
    """An input that did not become an article, with the stage, the field and the reason."""

    model_config = ConfigDict(frozen=True)

    run_id: str
    source_name: str
    source_uri: str
    stage: Stage
    reason: str = Field(min_length=1)  # short code: encoding, empty, not_article, validation, http_404, ...
    field: str | None = None  # for validation failures: the field that failed
    detail: str = ""
    raw_sha256: str | None = None
    occurred_at: AwareDatetime


class Deferral(BaseModel):
    """An input (or a listing: feed, sitemap, listing page) a run could not read for a transient
    reason, retried next run; a row of `deferrals`, written with the batch that met it."""

    model_config = ConfigDict(frozen=True)

    source_name: str
    source_uri: str
    input_key: str | None = None  # None for a listing
    stage: Literal["fetch", "discover"] = "fetch"
    reason: str = Field(min_length=1)  # connection, timeout, http_503, http_429, ...
    detail: str = ""
    occurred_at: AwareDatetime


class RunCounts(BaseModel):
    """Every discovered input ends in exactly one outcome."""

    discovered: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    deferred: int = 0

    @model_validator(mode="after")
    def _adds_up(self) -> RunCounts:
        total = self.new + self.updated + self.unchanged + self.rejected + self.deferred
        if total != self.discovered:
            raise ValueError(f"outcomes ({total}) do not add up to discovered ({self.discovered})")
        return self


class DeferredInput(BaseModel):
    """An input whose fetch failed transiently (retried next run): its URL or path, reason code and detail."""

    model_config = ConfigDict(frozen=True)

    uri: str
    reason: str
    detail: str = ""


class RunSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    run_id: str
    flow_run_id: str | None = None
    sources: tuple[str, ...]
    status: str  # running, completed, failed, interrupted
    started_at: AwareDatetime
    finished_at: AwareDatetime | None = None
    counts: RunCounts
    extractor_version: str
    rejects_by_reason: dict[str, int] = {}
    message: str | None = None
    deferred_inputs: tuple[DeferredInput, ...] = ()  # the first few (flows.report.DEFERRED_KEPT), for the reports
