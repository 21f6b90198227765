"""One Prefect deployment per declared source, each on the source's cron schedule."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import EntrypointType, RunnerDeployment

from flows.ingest import IngestParams, ingest
from schemas import SourceConfig

DEPLOYMENT_PREFIX = "ingest-"
ONE_RUN_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)


def deployment_name(source: SourceConfig) -> str:
    return f"{DEPLOYMENT_PREFIX}{source.name}"


def build_deployments(
    sources: Sequence[SourceConfig], *, db_path: str, lock_timeout: float = 300.0, **params: Any
) -> list[RunnerDeployment]:
    """Deployments for `flow.serve` locally, or `.deploy(work_pool_name=...)` against a remote server.

    Two runs of one source never overlap: each deployment has a concurrency limit of one, and a
    run that arrives while another is active is cancelled (its slot shows as Cancelled, and a
    run that could not start on time shows as Late).
    """
    deployments = []
    for source in sources:
        parameters = IngestParams(sources=[source], db_path=db_path, lock_timeout=lock_timeout, **params)
        deployments.append(
            ingest.to_deployment(
                name=deployment_name(source),
                cron=source.schedule,
                parameters={"params": parameters.model_dump(mode="json")},
                concurrency_limit=ConcurrencyLimitConfig(
                    limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW
                ),
                tags=["greenwire", f"source:{source.name}"],
                description=f"Ingest source {source.name!r} ({source.adapter}) into {db_path}",
                entrypoint_type=EntrypointType.MODULE_PATH,
            )
        )
    return deployments
