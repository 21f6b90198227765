"""A JSON-Lines adapter: each line {"id": ..., "title": ..., "text": ...} is one article."""

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from adapters.base import DiscoveryProblem, FetchContext, end_discovery, register
from schemas import FetchFailure, FetchResult, ItemRef, RawDocument, SourceConfig


@lru_cache(maxsize=4)  # each version of a file (size, mtime) is parsed once, not once per record
def parse(file: Path, size: int, mtime_ns: int) -> tuple[dict[str, dict], list[tuple[int, str]]]:
    records, bad_lines = {}, []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            if line.strip():
                record = json.loads(line)
                records[str(record["id"])] = record
        except (ValueError, KeyError, TypeError) as exc:
            bad_lines.append((number, repr(exc)))
    return records, bad_lines


def records_in(file: Path) -> tuple[dict[str, dict], list[tuple[int, str]]]:
    info = file.stat()  # an edited file has another size or mtime: it is parsed again
    return parse(file, info.st_size, info.st_mtime_ns)


@register("jsonl")
class JsonLinesAdapter:
    def discover(self, source: SourceConfig, ctx: FetchContext) -> Iterator[ItemRef]:
        problems = []  # a missing file or a bad line is reported after the rest: it stops nothing
        for path in source.paths:
            try:
                records, bad_lines = records_in(ctx.root / path)
            except OSError as exc:
                problems.append(DiscoveryProblem(str(path), "unreadable", False, str(exc)))
                continue
            problems += [DiscoveryProblem(f"{path}#L{n}", "bad_line", False, error) for n, error in bad_lines]
            for record_id in records:  # the id is the identity and names the record: line numbers shift
                yield ItemRef(source_name=source.name, uri=f"{path}#{record_id}", key=f"{Path(path).name}:{record_id}")
        end_discovery(source.name, problems, ctx)  # to ctx.on_discovery_problem, or raised as DiscoveryError

    def fetch(self, ref: ItemRef, source: SourceConfig, ctx: FetchContext) -> FetchResult:
        ids = {"source_name": source.name, "uri": ref.uri, "key": ref.key}
        path, _, record_id = ref.uri.rpartition("#")
        try:
            record = records_in(ctx.root / path)[0][record_id]
        except (OSError, ValueError, KeyError) as exc:
            return FetchFailure(**ids, transient=False, reason="gone", detail=f"the record is no longer there: {exc!r}")
        text = f"{record.get('title', '')}\n\n{record.get('text', '')}".encode()
        return RawDocument(**ids, content=text, media_type="text/plain", read_at=ctx.clock())
