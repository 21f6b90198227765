"""A JSON-Lines adapter: each line {"id": ..., "title": ..., "text": ...} is one article."""

import json
from collections.abc import Iterator
from pathlib import Path

from adapters.base import FetchContext, register
from schemas import FetchFailure, FetchResult, ItemRef, RawDocument, SourceConfig


@register("jsonl")
class JsonLinesAdapter:
    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterator[ItemRef]:
        for path in source.paths:
            with (ctx.root / path).open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    if line.strip():
                        key = f"{Path(path).name}:{json.loads(line).get('id', number)}"
                        yield ItemRef(source_name=source.name, uri=f"{path}#L{number}", key=key)

    def fetch(self, ref: ItemRef, source: SourceConfig, ctx: FetchContext) -> FetchResult:
        ids = {"source_name": source.name, "uri": ref.uri, "key": ref.key}
        path, _, number = ref.uri.rpartition("#L")
        lines = (ctx.root / path).read_text(encoding="utf-8").splitlines()
        if not number.isdigit() or not 0 < int(number) <= len(lines):
            return FetchFailure(**ids, transient=False, reason="gone", detail="the line is no longer there")
        record = json.loads(lines[int(number) - 1])
        text = f"{record.get('title', '')}\n\n{record.get('text', '')}".encode()
        return RawDocument(**ids, content=text, media_type="text/plain", read_at=ctx.clock())
