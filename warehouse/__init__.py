"""The DuckDB warehouse: migrations, batch loads, incremental state, analyst views, integrity checks.

The public names are imported on first use: extraction workers import `warehouse.rows` (pure
Python) and must not pay for DuckDB and Arrow (~33 and ~35 MB per process) by importing this package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_PUBLIC = {
    "Finding": "warehouse.doctor",
    "format_report": "warehouse.doctor",
    "run_checks": "warehouse.doctor",
    "BatchResult": "warehouse.loader",
    "LoadBatch": "warehouse.loader",
    "begin_run": "warehouse.loader",
    "CommittedOutcomes": "warehouse.loader",
    "committed_outcomes": "warehouse.loader",
    "export_parquet": "warehouse.loader",
    "finish_run": "warehouse.loader",
    "iter_inputs_for_replay": "warehouse.loader",
    "load_batch": "warehouse.loader",
    "loaded_state": "warehouse.loader",
    "mark_interrupted_runs": "warehouse.loader",
    "register_sources": "warehouse.loader",
    "CURRENT_SCHEMA_VERSION": "warehouse.store",
    "WarehouseLocked": "warehouse.store",
    "migrate": "warehouse.store",
    "open_warehouse": "warehouse.store",
}

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "BatchResult",
    "CommittedOutcomes",
    "Finding",
    "LoadBatch",
    "WarehouseLocked",
    "begin_run",
    "committed_outcomes",
    "export_parquet",
    "finish_run",
    "format_report",
    "iter_inputs_for_replay",
    "load_batch",
    "loaded_state",
    "mark_interrupted_runs",
    "migrate",
    "open_warehouse",
    "register_sources",
    "run_checks",
]

if TYPE_CHECKING:
    from warehouse.doctor import Finding, format_report, run_checks
    from warehouse.loader import (
        BatchResult,
        CommittedOutcomes,
        LoadBatch,
        begin_run,
        committed_outcomes,
        export_parquet,
        finish_run,
        iter_inputs_for_replay,
        load_batch,
        loaded_state,
        mark_interrupted_runs,
        register_sources,
    )
    from warehouse.store import CURRENT_SCHEMA_VERSION, WarehouseLocked, migrate, open_warehouse


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'warehouse' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
