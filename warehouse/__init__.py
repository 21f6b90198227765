"""The DuckDB warehouse: migrations, batch loads, incremental state, analyst views, integrity checks."""

from warehouse.doctor import Finding, format_report, run_checks
from warehouse.loader import (
    BatchResult,
    LoadBatch,
    begin_run,
    export_parquet,
    finish_run,
    iter_inputs_for_replay,
    load_batch,
    loaded_state,
    mark_interrupted_runs,
    register_sources,
)
from warehouse.store import CURRENT_SCHEMA_VERSION, WarehouseLocked, migrate, open_warehouse

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "BatchResult",
    "Finding",
    "LoadBatch",
    "WarehouseLocked",
    "begin_run",
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
