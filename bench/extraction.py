"""Extraction benchmark: our pipeline vs trafilatura on the shared devsets, one process.

    python bench/extraction.py                 # ingest mode: each devset through `greenwire ingest DIR`
    python bench/extraction.py --direct        # call cleaning.pipeline.extract() on each page in-process
    python bench/extraction.py --direct --set devset-zh --show-misses

Scoring rule (../shared/devset/README.md): a snippet of `expect_in_body` found in the body is a
true positive, one missing a false negative; a snippet of `expect_not_in_body` found is a false
positive. Precision, recall and F1 over all snippets of all pages. A page whose extraction fails
counts as an empty body.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEVSETS = ("devset", "devset-zh")
FIXED_CLOCK = datetime(2025, 1, 1, tzinfo=UTC)  # read_at for every page: results must not drift with the day


@dataclass(frozen=True)
class Page:
    name: str
    path: Path
    url: str | None
    content: bytes
    expect_in_body: tuple[str, ...]
    expect_not_in_body: tuple[str, ...]


@dataclass
class Score:
    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    true_negatives: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (page, "missing"|"leaked", snippet)

    def add(self, page: Page, body: str) -> None:
        for snippet in page.expect_in_body:
            if snippet in body:
                self.true_positives += 1
            else:
                self.false_negatives += 1
                self.misses.append((page.name, "missing", snippet))
        for snippet in page.expect_not_in_body:
            if snippet in body:
                self.false_positives += 1
                self.misses.append((page.name, "leaked", snippet))
            else:
                self.true_negatives += 1

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Result:
    devset: str
    extractor: str
    pages: int
    score: Score
    seconds: float
    flow_seconds: float | None = None  # the ingest run's own time (ingest_runs), without process start-up

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def flow_pages_per_second(self) -> float | None:
        return self.pages / self.flow_seconds if self.flow_seconds else None


def load_devset(name: str, root: Path = SHARED) -> list[Page]:
    directory = root / name
    expectations = json.loads((directory / "expectations.json").read_text(encoding="utf-8"))
    pages = []
    for file_name, expected in sorted(expectations.items()):
        path = directory / "pages" / file_name
        pages.append(
            Page(
                name=file_name,
                path=path,
                url=expected.get("url"),
                content=gzip.decompress(path.read_bytes()),
                expect_in_body=tuple(expected.get("expect_in_body", ())),
                expect_not_in_body=tuple(expected.get("expect_not_in_body", ())),
            )
        )
    return pages


def _raw_document(page: Page, source_name: str) -> object:
    from schemas import RawDocument

    return RawDocument(
        source_name=source_name,
        uri=str(page.path),
        key=page.name,
        content=page.content,
        media_type="text/html",
        declared_encoding=None,
        final_url=page.url,
        read_at=FIXED_CLOCK,
    )


def bodies_direct(pages: list[Page], source_name: str) -> dict[str, str]:
    """Body per page through cleaning.pipeline.extract(), in this process."""
    from cleaning.errors import ExtractionError
    from cleaning.pipeline import extract

    bodies: dict[str, str] = {}
    for page in pages:
        try:
            bodies[page.name] = extract(_raw_document(page, source_name)).body_text  # type: ignore[arg-type]
        except ExtractionError:
            bodies[page.name] = ""
    return bodies


INGEST_FLOW_SECONDS: dict[str, float] = {}  # devset dir -> the last ingest run's in-flow seconds


def bodies_ingest(pages: list[Page], source_name: str, devset_dir: Path) -> dict[str, str]:
    """Body per page through the real pipeline: `greenwire ingest DIR` into a fresh warehouse."""
    import duckdb

    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.duckdb"
        command = [str(ROOT / ".venv" / "bin" / "greenwire"), "ingest", str(devset_dir / "pages"), "--db", str(db)]
        subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        with duckdb.connect(str(db), read_only=True) as connection:
            rows = connection.execute("select source_uri, body_text from articles").fetchall()
            (flow_seconds,) = connection.execute("select max(duration_s) from ingest_runs").fetchone()
    INGEST_FLOW_SECONDS[str(devset_dir)] = float(flow_seconds)
    by_file = {Path(uri).name: body or "" for uri, body in rows}
    return {page.name: by_file.get(page.name, "") for page in pages}


def bodies_trafilatura(pages: list[Page]) -> dict[str, str]:
    """trafilatura.extract() with default settings on the pages as our decoder read them."""
    import trafilatura

    from cleaning.decode import decode_document

    bodies: dict[str, str] = {}
    for page in pages:
        text = decode_document(page.content, declared=None, is_html=True).text
        bodies[page.name] = trafilatura.extract(text, url=page.url) or ""
    return bodies


def timed(run: Callable[[], dict[str, str]]) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    bodies = run()
    return bodies, time.perf_counter() - started


def score(devset: str, extractor: str, pages: list[Page], bodies: dict[str, str], seconds: float) -> Result:
    result = Score()
    for page in pages:
        result.add(page, bodies.get(page.name, ""))
    return Result(devset, extractor, len(pages), result, seconds)


def print_table(results: Iterable[Result]) -> None:
    print(
        f"{'set':<10} {'extractor':<12} {'pages':>5} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8}"
        f" {'in-flow pages/s':>16}"
    )
    for r in results:
        s = r.score
        flow = f"{r.flow_pages_per_second:>16.1f}" if r.flow_pages_per_second else f"{'':>16}"
        print(
            f"{r.devset:<10} {r.extractor:<12} {r.pages:>5} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}"
            f" {r.pages_per_second:>8.1f} {flow}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--direct", action="store_true", help="call cleaning.pipeline.extract() in-process")
    parser.add_argument("--set", choices=DEVSETS, action="append", help="devset(s) to run (default: both)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding the devsets")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura")
    parser.add_argument("--show-misses", action="store_true", help="list missing and leaked snippets")
    args = parser.parse_args(argv)

    results: list[Result] = []
    for devset in args.set or DEVSETS:
        pages = load_devset(devset, args.shared)
        source_name = f"bench-{devset}"
        if args.direct:
            ours, seconds = timed(lambda pages=pages, name=source_name: bodies_direct(pages, name))
        else:
            ours, seconds = timed(
                lambda pages=pages, name=source_name, d=devset: bodies_ingest(pages, name, args.shared / d)
            )
        mine = score(devset, "greenwire", pages, ours, seconds)
        if not args.direct:  # wall time includes interpreter and Prefect start-up; in-flow does not
            mine = Result(
                devset, "greenwire", len(pages), mine.score, seconds, INGEST_FLOW_SECONDS.get(str(args.shared / devset))
            )
        results.append(mine)
        if args.show_misses:
            for page_name, kind, snippet in mine.score.misses:
                print(f"{devset}/{page_name}\t{kind}\t{snippet[:100]}", file=sys.stderr)
        if not args.no_baseline:
            theirs, seconds = timed(lambda pages=pages: bodies_trafilatura(pages))
            results.append(score(devset, "trafilatura", pages, theirs, seconds))
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
