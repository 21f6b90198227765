"""QA4 finding 7: the adapter guide's JSONL example stays correct when lines move, and reads each
file once per run instead of once per record."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.base import FetchContext, get_adapter
from schemas import RawDocument, SourceConfig

NOW = datetime(2024, 3, 20, 8, 0, tzinfo=UTC)
EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "jsonl_adapter.py"
SOURCE = SourceConfig(name="press", adapter="jsonl", paths=("press.jsonl",))

spec = importlib.util.spec_from_file_location("greenwire_guide_jsonl_adapter", EXAMPLE)
assert spec is not None and spec.loader is not None
spec.loader.exec_module(importlib.util.module_from_spec(spec))  # registers "jsonl"


def _record(record_id: str, title: str) -> str:
    return json.dumps({"id": record_id, "title": title, "text": f"{title} body."}) + "\n"


def test_records_keep_their_uri_when_lines_are_inserted_above_them(tmp_path: Path) -> None:
    export = tmp_path / "press.jsonl"
    export.write_text(_record("a1", "Green roofs") + _record("a2", "Heat pumps"), encoding="utf-8")
    ctx = FetchContext(clock=lambda: NOW, root=tmp_path, on_discovery_problem=lambda name, problem: None)
    adapter = get_adapter("jsonl")
    first = {ref.key: ref.uri for ref in adapter.discover(SOURCE, ctx)}
    export.write_text(_record("a0", "New first") + "{not json\n" + export.read_text(encoding="utf-8"), encoding="utf-8")
    refs = list(adapter.discover(SOURCE, ctx))
    second = {ref.key: ref.uri for ref in refs}
    assert {key: second[key] for key in first} == first  # a warehouse keeping the old source_uri stays right
    assert len(set(second.values())) == len(second)  # one uri per record: doctor's duplicates check passes
    fetched = {ref.key: adapter.fetch(ref, SOURCE, ctx) for ref in refs}
    assert {key: doc.content for key, doc in fetched.items()} == {
        "press.jsonl:a0": b"New first\n\nNew first body.",
        "press.jsonl:a1": b"Green roofs\n\nGreen roofs body.",
        "press.jsonl:a2": b"Heat pumps\n\nHeat pumps body.",
    }


@pytest.fixture
def opens_of() -> Iterator[dict[str, int]]:
    """How often each watched file is opened (Python's `open` audit event), whatever the code calls."""
    counts: dict[str, int] = {}

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], str | Path) and str(args[0]) in counts:
            counts[str(args[0])] += 1

    sys.addaudithook(hook)  # audit hooks cannot be removed: this one only counts what the test names
    yield counts
    counts.clear()


def test_a_run_reads_the_export_once_not_once_per_record(tmp_path: Path, opens_of: dict[str, int]) -> None:
    export = tmp_path / "press.jsonl"
    export.write_text("".join(_record(f"r{i}", f"Title {i}") for i in range(500)), encoding="utf-8")
    ctx = FetchContext(clock=lambda: NOW, root=tmp_path)
    adapter = get_adapter("jsonl")
    opens_of[str(export)] = 0
    documents = [adapter.fetch(ref, SOURCE, ctx) for ref in adapter.discover(SOURCE, ctx)]
    assert all(isinstance(doc, RawDocument) for doc in documents) and len(documents) == 500
    assert documents[499].content == b"Title 499\n\nTitle 499 body."
    assert opens_of[str(export)] <= 2


def test_an_edited_export_is_read_again(tmp_path: Path) -> None:
    export = tmp_path / "press.jsonl"
    export.write_text(_record("a1", "Old"), encoding="utf-8")
    ctx = FetchContext(clock=lambda: NOW, root=tmp_path)
    adapter = get_adapter("jsonl")
    (ref,) = adapter.discover(SOURCE, ctx)
    assert adapter.fetch(ref, SOURCE, ctx).content == b"Old\n\nOld body."
    export.write_text(_record("a1", "Newer title"), encoding="utf-8")  # another size: another version
    assert adapter.fetch(ref, SOURCE, ctx).content == b"Newer title\n\nNewer title body."
