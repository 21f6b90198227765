"""Golden extraction output: prove a speed-up changed nothing.

    .venv/bin/python bench/golden.py dump before.jsonl     # on the old code
    .venv/bin/python bench/golden.py dump after.jsonl      # on the new code
    .venv/bin/python bench/golden.py diff before.jsonl after.jsonl   # exit 1 and examples if any differ
    .venv/bin/python bench/golden.py time                  # extract() ms/page on the generated pages

The pages: devset and devset-zh (../shared), the seeds, and 2,000 pages from bench/pagegen.py
(seed 42, generated into a temporary directory). Each line is one page's `extract()` output
(or its ExtractionError), read at a fixed clock so relative dates resolve the same way.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pagegen import iter_generated  # noqa: E402

from cleaning.errors import ExtractionError  # noqa: E402
from cleaning.pipeline import extract  # noqa: E402
from schemas import RawDocument  # noqa: E402

CLOCK = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
SHARED = ROOT.parent / "shared"
GENERATED_PAGES = 2000


def _raw(name: str, path: Path, content: bytes, url: str | None = None, uri: str | None = None) -> RawDocument:
    media_type = "text/plain" if path.suffix == ".txt" else "text/html"
    return RawDocument(
        source_name=name,
        uri=uri or str(path),
        key=path.name,
        content=content,
        media_type=media_type,
        final_url=url,
        read_at=CLOCK,
    )


def documents(generated_dir: Path) -> Iterator[tuple[str, RawDocument]]:
    for devset in ("devset", "devset-zh"):
        expectations = json.loads((SHARED / devset / "expectations.json").read_text(encoding="utf-8"))
        for file_name, expected in sorted(expectations.items()):
            path = SHARED / devset / "pages" / file_name
            yield f"{devset}/{file_name}", _raw(devset, path, gzip.decompress(path.read_bytes()), expected.get("url"))
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield f"seeds/{path.name}", _raw("seeds", path, path.read_bytes())
    for path in sorted(p for p in generated_dir.rglob("*") if p.is_file()):
        name = f"gen/{path.relative_to(generated_dir)}"  # not the temporary path: dumps must compare
        yield name, _raw("gen", path, path.read_bytes(), uri=name)


def _output(raw: RawDocument) -> dict:
    try:
        return extract(raw, None).model_dump(mode="json")
    except ExtractionError as exc:
        return {"error": [exc.stage, exc.reason]}


def _read(path: Path) -> dict[str, dict]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return {row["name"]: row["out"] for row in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("dump", "diff", "time"))
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "diff":
        before, after = (_read(path) for path in args.files)
        differing = [name for name in before if before[name] != after.get(name)]
        print(f"{len(differing)} of {len(before)} documents differ")
        for name in differing[:10]:
            fields = sorted(
                k
                for k in {*before[name], *(after.get(name) or {})}
                if before[name].get(k) != (after.get(name) or {}).get(k)
            )
            print(f"  {name}: {', '.join(fields)}")
        return 1 if differing else 0
    with tempfile.TemporaryDirectory(prefix="greenwire-golden-") as tmp:
        for _ in iter_generated(Path(tmp), GENERATED_PAGES, seed=42):
            pass
        docs = list(documents(Path(tmp)))
    if args.command == "dump":
        with args.files[0].open("w", encoding="utf-8") as out:
            for name, raw in docs:
                out.write(json.dumps({"name": name, "out": _output(raw)}, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{len(docs)} documents written to {args.files[0]}")
        return 0
    generated = [raw for name, raw in docs if name.startswith("gen/")]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for raw in generated:
            _output(raw)
        best = min(best, time.perf_counter() - started)
    print(f"extract(): {best * 1000 / len(generated):.3f} ms/page over {len(generated)} generated pages (best of 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
