"""The adapter guide's example: it works, and docs/adapters.md shows exactly this code."""

from __future__ import annotations

import importlib.util
import re
from datetime import UTC, datetime
from pathlib import Path

from adapters.base import FetchContext, get_adapter
from schemas import SourceConfig

NOW = datetime(2024, 3, 20, 8, 0, tzinfo=UTC)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
GUIDE = PROJECT_ROOT / "docs" / "adapters.md"
EXAMPLE = PROJECT_ROOT / "docs" / "examples" / "jsonl_adapter.py"

spec = importlib.util.spec_from_file_location("greenwire_guide_jsonl_adapter", EXAMPLE)
assert spec is not None and spec.loader is not None
spec.loader.exec_module(importlib.util.module_from_spec(spec))  # registers "jsonl"


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


def test_jsonl_adapter_discovers_and_fetches(tmp_path: Path) -> None:
    (tmp_path / "press.jsonl").write_text(
        '{"id": "a1", "title": "Green roofs", "text": "Shenzhen adds 100 green roofs."}\n\n'
        '{"id": "a2", "title": "Heat pumps", "text": "Heat pumps spread north."}\n',
        encoding="utf-8",
    )
    source = SourceConfig(name="press", adapter="jsonl", paths=("press.jsonl",))
    ctx = FetchContext(clock=lambda: NOW, root=tmp_path)
    adapter = get_adapter("jsonl")
    refs = list(adapter.discover(source, ctx))
    found = [(r.uri, r.key) for r in refs]
    assert found == [("press.jsonl#a1", "press.jsonl:a1"), ("press.jsonl#a2", "press.jsonl:a2")]
    document = adapter.fetch(refs[1], source, ctx)
    assert document.content == b"Heat pumps\n\nHeat pumps spread north."
    assert (document.media_type, document.read_at) == ("text/plain", NOW)


def test_a_vanished_line_is_a_permanent_failure(tmp_path: Path) -> None:
    (tmp_path / "press.jsonl").write_text('{"id": "a1", "title": "t", "text": "x"}\n', encoding="utf-8")
    source = SourceConfig(name="press", adapter="jsonl", paths=("press.jsonl",))
    ctx = FetchContext(clock=lambda: NOW, root=tmp_path)
    (ref,) = get_adapter("jsonl").discover(source, ctx)
    (tmp_path / "press.jsonl").write_text("", encoding="utf-8")
    failure = get_adapter("jsonl").fetch(ref, source, ctx)
    assert (failure.reason, failure.transient) == ("gone", False)


def test_the_guide_shows_the_example_file_verbatim() -> None:
    blocks = python_blocks(GUIDE.read_text(encoding="utf-8"))
    assert EXAMPLE.read_text(encoding="utf-8") in blocks
    assert len(EXAMPLE.read_text(encoding="utf-8").splitlines()) <= 55  # "about 50 lines"


def test_the_guide_shows_this_test_verbatim() -> None:
    blocks = python_blocks(GUIDE.read_text(encoding="utf-8"))
    shown = next(block for block in blocks if block.startswith("def test_jsonl_adapter_discovers_and_fetches"))
    assert shown in Path(__file__).read_text(encoding="utf-8")
