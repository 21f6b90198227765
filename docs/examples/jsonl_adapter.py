"""A JSON-Lines adapter: each line {"id": ..., "title": ..., "text": ...} is one article."""

import json
from collections.abc import Iterator
from pathlib import Path

from adapters.base import DiscoveryProblem, FetchContext, end_discovery, register
from schemas import FetchFailure, FetchResult, ItemRef, RawDocument, SourceConfig


@register("jsonl")
class JsonLinesAdapter:
    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterator[ItemRef]:
        problems = []  # a missing file or a bad line is reported after the rest: it stops nothing
        for path in source.paths:
            try:
                with (ctx.root / path).open(encoding="utf-8") as lines:
                    for number, line in enumerate(lines, start=1):
                        if not line.strip():
                            continue
                        try:  # the record's id is its identity: a line number would shift
                            key = f"{Path(path).name}:{json.loads(line)['id']}"
                        except (ValueError, KeyError, TypeError) as exc:
                            problems.append(DiscoveryProblem(f"{path}#L{number}", "bad_line", False, repr(exc)))
                            continue
                        yield ItemRef(source_name=source.name, uri=f"{path}#L{number}", key=key)
            except OSError as exc:
                problems.append(DiscoveryProblem(str(path), "unreadable", False, str(exc)))
        end_discovery(source.name, problems, ctx)  # to ctx.on_discovery_problem, or raised as DiscoveryError

    def fetch(self, ref: ItemRef, source: SourceConfig, ctx: FetchContext) -> FetchResult:
        ids = {"source_name": source.name, "uri": ref.uri, "key": ref.key}
        path, _, number = ref.uri.rpartition("#L")
        try:
            record = json.loads((ctx.root / path).read_text(encoding="utf-8").splitlines()[int(number) - 1])
        except (OSError, ValueError, IndexError) as exc:
            return FetchFailure(**ids, transient=False, reason="gone", detail=f"the line is no longer there: {exc!r}")
        text = f"{record.get('title', '')}\n\n{record.get('text', '')}".encode()
        return RawDocument(**ids, content=text, media_type="text/plain", read_at=ctx.clock())
