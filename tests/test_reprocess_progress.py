"""`greenwire reprocess` reports to the progress display as ingest does: what it will replay, and
what it loaded (the bar had no total: the flow never reported what it discovered)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows import progress
from flows.runner import run_ingest, run_reprocess
from schemas import SourceConfig

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]


class Recorder:
    def __init__(self) -> None:
        self.discovered_total = 0
        self.processed_total = 0

    def discovered(self, count: int) -> None:
        self.discovered_total += count

    def processed(self, count: int) -> None:
        self.processed_total += count


def test_reprocess_reports_what_it_replays_and_loads(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "w.duckdb"
    run_ingest(
        sources=[SourceConfig(name="seeds", adapter="files", paths=(str(seeds_dir),))], db_path=str(db), workers=1
    )
    recorder = Recorder()
    progress.set_sink(recorder)
    try:
        summary = run_reprocess(db_path=str(db), source=None, lock_timeout=30.0, workers=1)
    finally:
        progress.set_sink(None)
    assert summary.counts.discovered == 5
    assert (recorder.discovered_total, recorder.processed_total) == (5, 5)
