"""QA pass 4, finding 9: the deferred inputs a run keeps in its message and prints (no Prefect)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from rich.console import Console

from flows.report import DEFERRED_KEPT, SourceTally, note_deferred, print_summary, summarise

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def test_many_deferrals_keep_the_first_twenty_and_count_the_rest() -> None:
    tally = SourceTally()
    tally.counts["discovered"] = 25
    for i in range(25):
        note_deferred(tally, f"https://site.example/{i}", "timeout", f"read timed out after 20 s ({i})")
    summary = summarise(
        run_id="r1", flow_run_id=None, sources=["site"], started=T0, tallies={"site": tally}, status="completed"
    )
    lines = (summary.message or "").splitlines()
    assert lines[0] == "25 inputs deferred (transient failures, retried next run):"
    assert lines[1] == "https://site.example/0  timeout: read timed out after 20 s (0)"
    assert len(lines) == 1 + DEFERRED_KEPT + 1
    assert lines[-1].startswith("… and 5 more")
    assert (summary.counts.deferred, summary.rejects_by_reason) == (25, {"deferred:timeout": 25})

    out = io.StringIO()
    print_summary(summary, "w.duckdb", Console(file=out, width=100, highlight=False))  # type: ignore[arg-type]
    printed = out.getvalue().splitlines()
    assert "deferred by reason (retried next run): timeout 25" in printed
    assert [line for line in printed if line.startswith("  https://")] == [
        f"  https://site.example/{i}  timeout: read timed out after 20 s ({i})" for i in range(3)
    ]
    assert "  … 22 more" in printed
    assert (
        printed[-1] == "details: greenwire sql \"select source_uri, reason, detail from deferrals where run_id = 'r1'\""
    )
    assert not any("rejects" in line and "select" in line for line in printed)


def test_a_long_detail_keeps_its_cause_and_the_url_whole() -> None:
    tally = SourceTally()
    tally.counts["discovered"] = 1
    url = "https://site.example/a/very/long/path/" + "x" * 80
    detail = "HTTPConnectionPool(host='site.example', port=443): " + "y" * 500 + " [Errno 111] Connection refused"
    note_deferred(tally, url, "connection", detail)
    summary = summarise(
        run_id="r1", flow_run_id=None, sources=["site"], started=T0, tallies={"site": tally}, status="completed"
    )
    kept = (summary.message or "").splitlines()[1]
    assert kept.startswith(f"{url}  connection: HTTPConnectionPool(") and kept.endswith("Connection refused")
    out = io.StringIO()
    print_summary(summary, "w.duckdb", Console(file=out, width=100, highlight=False))  # type: ignore[arg-type]
    [shown] = [line for line in out.getvalue().splitlines() if line.startswith("  https://")]
    assert shown.startswith(f"  {url}  connection: ") and shown.endswith("[Errno 111] Connection refused")
    assert len(shown) < len(url) + 160
