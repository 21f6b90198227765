"""Throughput benchmark: `greenwire ingest` over N synthetic pages, a re-run, and trafilatura.

    .venv/bin/python bench/throughput.py                       # 10,000 pages, seed 42
    .venv/bin/python bench/throughput.py --pages 2000 --workers 2 --keep
    .venv/bin/python bench/throughput.py --prefect-server running   # runs share one Prefect server

Steps (page generation is timed but not counted):
1. generate N pages (bench/pagegen.py) under WORKDIR/pages;
2. `greenwire ingest WORKDIR/pages --db WORKDIR/bench.duckdb --no-progress` in a fresh warehouse,
   timed from outside (wall: includes interpreter start, imports and, by default, the start of the
   command's temporary Prefect server; with `--prefect-server running` the runs share one server
   started beforehand, as scheduled runs under `greenwire serve` do)
   and from inside (the run's started_at/finished_at in ingest_runs: the flow's own processing);
   the whole process tree's resident memory is sampled every 0.2 s from /proc;
3. the same command again over the unchanged pages (everything should be "unchanged");
4. trafilatura.extract() in this process over K of the same pages (decoded with their declared
   charset first; only the extract calls are timed).

Prints a table, then one JSON line with every figure. Exits 1 if an ingest fails, 2 if the
run's counts do not add up (first run: new + rejected = N; re-run: unchanged = N).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pagegen import declared_charset, iter_generated

SAMPLE_INTERVAL_S = 0.2
PSS_EVERY_N_SAMPLES = 5  # smaps_rollup makes the kernel walk page tables: read it once a second only
TIMELINE_EVERY_S = 5.0


# --------------------------------------------------------------------------------------------
# Memory of a process tree, from /proc (no psutil)
# --------------------------------------------------------------------------------------------


def _parent_pids() -> dict[int, int]:
    """pid -> parent pid of every visible process."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue  # exited meanwhile
        # The command name (field 2) may hold spaces and parentheses: fields resume after the last ")".
        fields = stat[stat.rfind(b")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    return parents


def process_tree(root: int) -> list[int]:
    """root and all its descendants alive now."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parent_pids().items():
        children.setdefault(parent, []).append(pid)
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, ()))
    return tree


def _cpu_seconds(pid: int) -> float:
    """user + system CPU seconds a live process has used so far."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return 0.0
    fields = stat[stat.rfind(b")") + 2 :].split()  # fields[0] is field 3 (state): utime is 14, stime 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _status_kb(pid: int, field_name: bytes) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(field_name):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def machine_busy_seconds() -> float:
    """CPU seconds all processes have spent busy since boot (the first line of /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as handle:
        fields = [int(v) for v in handle.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    with open("/proc/loadavg", encoding="ascii") as handle:
        return float(handle.read().split()[0])


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class MachineShare:
    """How much of the machine a measured span had: others' CPU use contaminates timings."""

    load_before: float
    load_after: float
    own_cpu_s: float  # CPU the measured processes used
    others_cpu_s: float  # CPU every other process on the machine used meanwhile
    capacity_cpu_s: float  # wall x cores

    @property
    def others_share(self) -> float:
        return self.others_cpu_s / self.capacity_cpu_s if self.capacity_cpu_s else 0.0


class MachineWatch:
    def __init__(self) -> None:
        self.load_before = load_average()
        self.busy_before = machine_busy_seconds()
        self.started = time.perf_counter()

    def finish(self, own_cpu_s: float) -> MachineShare:
        wall = time.perf_counter() - self.started
        busy = machine_busy_seconds() - self.busy_before
        return MachineShare(
            load_before=self.load_before,
            load_after=load_average(),
            own_cpu_s=own_cpu_s,
            others_cpu_s=max(0.0, busy - own_cpu_s),
            capacity_cpu_s=wall * (os.cpu_count() or 1),
        )


@dataclass
class MemoryPeak:
    rss_sum_kb: int = 0  # max over samples of the SUM of VmRSS over the tree (shared pages counted per process)
    pss_sum_kb: int = 0  # max over (sparser) samples of the sum of Pss (shared pages split between sharers)
    largest_process_kb: int = 0  # max VmRSS of one process seen in the samples
    processes: int = 0  # most processes alive at once in the tree
    samples: int = 0
    # (seconds since start, MiB summed over the tree, MiB of the root process), every TIMELINE_EVERY_S:
    # shows whether memory grows with the number of pages processed.
    timeline: list[tuple[float, int, int]] = field(default_factory=list)


class TreeMemorySampler(threading.Thread):
    """Samples the resident memory of a process tree until stopped."""

    def __init__(self, root_pid: int, also: Sequence[int] = ()) -> None:
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.also = list(also)  # other trees counted with it (a Prefect server the runs share)
        self.peak = MemoryPeak()
        # Last CPU reading of every process seen: pool workers may not be waited for by us, so
        # getrusage(RUSAGE_CHILDREN) misses them; this misses only a process's last 0.2 s.
        self.cpu_by_pid: dict[int, float] = {}
        self._t0 = time.perf_counter()
        self._next_timeline = 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(SAMPLE_INTERVAL_S)

    def sample(self) -> None:
        tree = process_tree(self.root_pid) + [pid for root in self.also for pid in process_tree(root)]
        rss = [_status_kb(pid, b"VmRSS:") for pid in tree]
        for pid in tree:
            self.cpu_by_pid[pid] = max(self.cpu_by_pid.get(pid, 0.0), _cpu_seconds(pid))
        peak = self.peak
        peak.rss_sum_kb = max(peak.rss_sum_kb, sum(rss))
        peak.largest_process_kb = max(peak.largest_process_kb, max(rss, default=0))
        peak.processes = max(peak.processes, sum(1 for kb in rss if kb))
        if peak.samples % PSS_EVERY_N_SAMPLES == 0:
            peak.pss_sum_kb = max(peak.pss_sum_kb, sum(_pss_kb(pid) for pid in tree))
        peak.samples += 1
        elapsed = time.perf_counter() - self._t0
        if elapsed >= self._next_timeline and rss:
            peak.timeline.append((round(elapsed, 1), sum(rss) // 1024, rss[0] // 1024))
            self._next_timeline += TIMELINE_EVERY_S

    def stop(self) -> MemoryPeak:
        self._stop_event.set()
        self.join()
        return self.peak


# --------------------------------------------------------------------------------------------
# Running greenwire
# --------------------------------------------------------------------------------------------


@dataclass
class RunFigures:
    label: str
    exit_code: int
    wall_s: float
    in_flow_s: float | None
    counts: dict[str, int]
    articles_in_warehouse: int
    memory: MemoryPeak
    children_max_rss_kb: int  # getrusage(RUSAGE_CHILDREN).ru_maxrss after the run: the largest single process
    machine: MachineShare | None = None
    stderr_tail: str = ""
    pages_per_s_wall: float = 0.0
    pages_per_s_in_flow: float | None = None


PREFECT_SERVER_MODES = {
    "per-command": "each ingest starts its own temporary server (wall time includes its start-up)",
    "running": "one server started before the runs, shared through PREFECT_API_URL (as under serve)",
}


def start_shared_server() -> Any:
    """A Prefect server for every run of this benchmark: what an operator's `prefect server start`
    (or `greenwire serve`) gives the runs. Started and healthy before the first run is timed."""
    from flows.api_server import DEFAULT_STARTUP_TIMEOUT_S, TemporaryServer

    server = TemporaryServer()
    server.start()
    server.wait_until_healthy(DEFAULT_STARTUP_TIMEOUT_S)
    os.environ["PREFECT_API_URL"] = server.api_url
    return server


def greenwire_executable() -> Path:
    """The `greenwire` script of the interpreter running this benchmark (the project's venv)."""
    candidate = Path(sys.executable).parent / "greenwire"
    if not candidate.exists():
        raise SystemExit(f"no greenwire next to {sys.executable}: run this with the project's .venv/bin/python")
    return candidate


def greenwire_sql(db: Path, query: str, cwd: Path) -> list[dict[str, object]]:
    command = [str(greenwire_executable()), "sql", query, "--db", str(db), "--format", "json"]
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(completed.stdout or "[]")


def run_ingest(
    label: str, pages_dir: Path, db: Path, workdir: Path, extra_args: list[str], shared_server_pid: int | None = None
) -> RunFigures:
    command = [str(greenwire_executable()), "ingest", str(pages_dir), "--db", str(db), "--no-progress", *extra_args]
    print(f"[{label}] {' '.join(command)}", file=sys.stderr, flush=True)
    stderr_path = workdir / f"{label}.stderr.txt"
    cpu_before = children_cpu_seconds()
    watch = MachineWatch()
    started = time.perf_counter()
    with stderr_path.open("wb") as stderr_file:
        # cwd=workdir: no sources.toml there, so only the pages directory is ingested.
        process = subprocess.Popen(command, cwd=workdir, stdout=subprocess.PIPE, stderr=stderr_file)
        sampler = TreeMemorySampler(process.pid, also=[shared_server_pid] if shared_server_pid else [])
        sampler.start()
        stdout, _ = process.communicate()
        wall = time.perf_counter() - started
        memory = sampler.stop()
    machine = watch.finish(max(children_cpu_seconds() - cpu_before, sum(sampler.cpu_by_pid.values())))
    children_max_rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    stderr_text = stderr_path.read_text(encoding="utf-8", errors="replace")
    print(stdout.decode("utf-8", errors="replace").rstrip(), file=sys.stderr, flush=True)
    figures = RunFigures(
        label=label,
        exit_code=process.returncode,
        wall_s=wall,
        in_flow_s=None,
        counts={},
        articles_in_warehouse=0,
        memory=memory,
        children_max_rss_kb=children_max_rss_kb,
        machine=machine,
        stderr_tail="\n".join(stderr_text.splitlines()[-15:]),
    )
    if process.returncode != 0 or not db.exists():
        return figures
    runs = greenwire_sql(
        db,
        "select started_at, finished_at, status, discovered, new, updated, unchanged, rejected, deferred "
        "from ingest_runs order by started_at desc limit 1",
        workdir,
    )
    if runs:
        run = runs[0]
        if run.get("finished_at"):
            finished = datetime.fromisoformat(str(run["finished_at"]))
            figures.in_flow_s = (finished - datetime.fromisoformat(str(run["started_at"]))).total_seconds()
        figures.counts = {
            key: int(run[key])  # type: ignore[call-overload]
            for key in ("discovered", "new", "updated", "unchanged", "rejected", "deferred")
        }
        figures.counts["completed"] = int(run.get("status") == "completed")
    figures.articles_in_warehouse = int(greenwire_sql(db, "select count(*) as n from articles", workdir)[0]["n"])  # type: ignore[call-overload]
    return figures


# --------------------------------------------------------------------------------------------
# trafilatura baseline
# --------------------------------------------------------------------------------------------


@dataclass
class TrafilaturaFigures:
    pages: int
    seconds: float
    pages_per_s: float
    empty_results: int
    bytes_per_page: float
    machine: MachineShare | None = None


def python_codec(charset: str) -> str:
    # Pages that say gbk/gb2312 are decoded the way browsers do: as GB18030, GBK's superset.
    return "gb18030" if charset in ("gbk", "gb2312", "gb18030", "cp936") else charset


def run_trafilatura(paths: list[Path]) -> TrafilaturaFigures:
    import trafilatura

    texts = []
    total_bytes = 0
    for path in paths:
        content = path.read_bytes()
        total_bytes += len(content)
        texts.append(content.decode(python_codec(declared_charset(content)), errors="replace"))
    trafilatura.extract(texts[0])  # first call loads trafilatura's lazy parts; not counted
    empty = 0
    watch = MachineWatch()
    cpu_before = time.process_time()
    started = time.perf_counter()
    for text in texts:
        if not trafilatura.extract(text):
            empty += 1
    seconds = time.perf_counter() - started
    machine = watch.finish(time.process_time() - cpu_before)
    return TrafilaturaFigures(
        pages=len(texts),
        seconds=seconds,
        pages_per_s=len(texts) / seconds if seconds else 0.0,
        empty_results=empty,
        bytes_per_page=total_bytes / len(texts) if texts else 0.0,
        machine=machine,
    )


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


@dataclass
class Report:
    pages: int
    seed: int
    generation_s: float
    generated_bytes: int
    templates: dict[str, int]
    charsets: dict[str, int]
    prefect_server: str = "per-command"
    first: RunFigures | None = None
    rerun: RunFigures | None = None
    trafilatura: TrafilaturaFigures | None = None
    problems: list[str] = field(default_factory=list)

    def ratios(self) -> dict[str, float | None]:
        ratios: dict[str, float | None] = {
            "rerun_over_first_wall": None,
            "rerun_over_first_in_flow": None,
            "speedup_vs_trafilatura_wall": None,
            "speedup_vs_trafilatura_in_flow": None,
        }
        if self.first and self.rerun:
            ratios["rerun_over_first_wall"] = self.rerun.wall_s / self.first.wall_s
            if self.first.in_flow_s and self.rerun.in_flow_s is not None:
                ratios["rerun_over_first_in_flow"] = self.rerun.in_flow_s / self.first.in_flow_s
        if self.first and self.trafilatura and self.trafilatura.pages_per_s:
            ratios["speedup_vs_trafilatura_wall"] = self.first.pages_per_s_wall / self.trafilatura.pages_per_s
            if self.first.pages_per_s_in_flow:
                ratios["speedup_vs_trafilatura_in_flow"] = self.first.pages_per_s_in_flow / self.trafilatura.pages_per_s
        return ratios


def _mib(kb: int) -> str:
    return f"{kb / 1024:,.0f} MiB"


def _num(value: float | None, spec: str = ",.1f") -> str:
    return "-" if value is None else format(value, spec)


def print_table(report: Report) -> None:
    print()
    print(
        f"GreenWire throughput: {report.pages:,} pages (seed {report.seed}), "
        f"{report.generated_bytes / 1e6:,.1f} MB, generated in {report.generation_s:.1f}s (not counted)"
    )
    print("templates: " + ", ".join(f"{name} {n}" for name, n in sorted(report.templates.items())))
    print("charsets:  " + ", ".join(f"{name} {n}" for name, n in sorted(report.charsets.items())))
    print(f"prefect server: {PREFECT_SERVER_MODES[report.prefect_server]}")
    print()
    header = (
        f"{'run':<8} {'exit':>4} {'wall s':>8} {'in-flow s':>9} {'pages/s wall':>12} {'pages/s flow':>12} "
        f"{'peak RSS sum':>12} {'peak PSS sum':>12} {'max 1 proc':>10} {'procs':>5}  counts"
    )
    print(header)
    print("-" * len(header))
    for run in (report.first, report.rerun):
        if run is None:
            continue
        counts = " ".join(f"{k}={v}" for k, v in run.counts.items() if k != "completed")
        print(
            f"{run.label:<8} {run.exit_code:>4} {run.wall_s:>8.1f} {_num(run.in_flow_s):>9} "
            f"{run.pages_per_s_wall:>12.1f} {_num(run.pages_per_s_in_flow):>12} "
            f"{_mib(run.memory.rss_sum_kb):>12} {_mib(run.memory.pss_sum_kb):>12} "
            f"{_mib(max(run.memory.largest_process_kb, run.children_max_rss_kb)):>10} {run.memory.processes:>5}  "
            f"{counts} articles={run.articles_in_warehouse}"
        )
    if report.trafilatura:
        t = report.trafilatura
        print(
            f"{'trafilat':<8} {'':>4} {t.seconds:>8.1f} {'':>9} {t.pages_per_s:>12.1f} {'':>12}  "
            f"(single process, {t.pages} pages of the same set, {t.empty_results} empty)"
        )
    print()
    if report.first and report.first.memory.timeline:
        points = report.first.memory.timeline
        step = max(1, len(points) // 12)
        shown = ", ".join(f"{t:.0f}s {tree}/{root}" for t, tree, root in points[::step])
        print(f"memory over the first run (MiB, tree/greenwire process): {shown}")
    shares = [(r.label, r.machine) for r in (report.first, report.rerun) if r and r.machine]
    if report.trafilatura and report.trafilatura.machine:
        shares.append(("trafilatura", report.trafilatura.machine))
    for label, share in shares:
        print(
            f"machine during {label:<11}: load {share.load_before:.1f} -> {share.load_after:.1f}, "
            f"own CPU {share.own_cpu_s:.1f}s, rest of the machine {share.others_cpu_s:.1f}s "
            f"({share.others_share:.0%} of {os.cpu_count()} cores' time)"
        )
    print()
    ratios = report.ratios()
    print(
        f"re-run / first run:          wall {_num(ratios['rerun_over_first_wall'], '.3f')}"
        f"   in-flow {_num(ratios['rerun_over_first_in_flow'], '.3f')}"
    )
    print(
        f"greenwire / trafilatura:     wall {_num(ratios['speedup_vs_trafilatura_wall'], '.2f')}x"
        f"   in-flow {_num(ratios['speedup_vs_trafilatura_in_flow'], '.2f')}x"
    )
    for problem in report.problems:
        print(f"PROBLEM: {problem}")


def report_json(report: Report) -> str:
    payload = asdict(report)
    for key in ("first", "rerun"):
        if payload.get(key):
            payload[key].pop("stderr_tail", None)
    payload["ratios"] = report.ratios()
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def check_counts(report: Report) -> None:
    n = report.pages
    first, rerun = report.first, report.rerun
    if first is not None:
        c = first.counts
        if c.get("discovered") != n:
            report.problems.append(f"first run discovered {c.get('discovered')} inputs, expected {n}")
        if c.get("new", 0) + c.get("rejected", 0) != n:
            report.problems.append(f"first run: new {c.get('new')} + rejected {c.get('rejected')} != {n}")
        if first.articles_in_warehouse + c.get("rejected", 0) != n:
            report.problems.append(
                f"first run: {first.articles_in_warehouse} articles + {c.get('rejected')} rejects != {n}"
            )
    if rerun is not None:
        c = rerun.counts
        if c.get("unchanged") != n:
            report.problems.append(f"re-run reported {c.get('unchanged')} unchanged, expected {n} (counts {c})")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def evenly_spaced(count: int, total: int) -> set[int]:
    if count >= total:
        return set(range(total))
    return {i * total // count for i in range(count)}


def _tree_bytes(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000, help="pages to generate (default 10,000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", type=Path, help="where pages and the warehouse go (kept; default a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workdir")
    parser.add_argument("--trafilatura-sample", type=int, help="pages for the trafilatura baseline (min(N, 2000))")
    parser.add_argument("--batch-size", type=int, help="passed to greenwire ingest")
    parser.add_argument("--workers", type=int, help="passed to greenwire ingest")
    parser.add_argument("--json-out", type=Path, help="also write the JSON figures to this file")
    parser.add_argument(
        "--prefect-server",
        choices=sorted(PREFECT_SERVER_MODES),
        default="per-command",
        help="per-command: each ingest starts its own temporary server (a plain CLI run); running: one server,"
        " started before the runs and shared by them through PREFECT_API_URL (as under `greenwire serve`"
        " or `prefect server start`); its memory is counted with each run's",
    )
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be positive")

    if args.workdir:
        workdir = args.workdir.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        if (workdir / "pages").exists() or (workdir / "bench.duckdb").exists():
            parser.error(f"{workdir} already holds pages/ or bench.duckdb: give a fresh --workdir")
    else:
        workdir = Path(tempfile.mkdtemp(prefix="greenwire-bench-"))
    pages_dir, db = workdir / "pages", workdir / "bench.duckdb"
    extra_args: list[str] = []
    if args.batch_size:
        extra_args += ["--batch-size", str(args.batch_size)]
    if args.workers:
        extra_args += ["--workers", str(args.workers)]
    sample_size = args.trafilatura_sample if args.trafilatura_sample is not None else min(args.pages, 2000)

    stack = contextlib.ExitStack()
    try:
        print(f"generating {args.pages:,} pages under {pages_dir}", file=sys.stderr, flush=True)
        sampled = evenly_spaced(sample_size, args.pages)
        sample_paths: list[Path] = []
        templates: Counter[str] = Counter()
        charsets: Counter[str] = Counter()
        total_bytes = 0
        started = time.perf_counter()
        for index, page in enumerate(iter_generated(pages_dir, args.pages, args.seed)):
            templates[page.template] += 1
            charsets[page.charset] += 1
            total_bytes += page.size
            if index in sampled:
                sample_paths.append(page.path)
        report = Report(
            pages=args.pages,
            seed=args.seed,
            generation_s=time.perf_counter() - started,
            generated_bytes=total_bytes,
            templates=dict(templates),
            charsets=dict(charsets),
        )

        report.prefect_server = args.prefect_server
        server_pid = None
        if args.prefect_server == "running":
            server = start_shared_server()
            stack.callback(server.stop)
            server_pid = server.process.pid
        for label in ("first", "rerun"):
            figures = run_ingest(label, pages_dir, db, workdir, extra_args, shared_server_pid=server_pid)
            figures.pages_per_s_wall = args.pages / figures.wall_s
            if figures.in_flow_s:
                figures.pages_per_s_in_flow = args.pages / figures.in_flow_s
            setattr(report, label, figures)
            if figures.exit_code != 0:
                report.problems.append(f"{label} ingest exited {figures.exit_code}:\n{figures.stderr_tail}")
                break

        if sample_paths and not report.problems:
            print(f"trafilatura over {len(sample_paths):,} of the pages", file=sys.stderr, flush=True)
            report.trafilatura = run_trafilatura(sample_paths)
        check_counts(report)

        print_table(report)
        line = report_json(report)
        print(line)
        if args.json_out:
            args.json_out.write_text(line + "\n", encoding="utf-8")
    finally:
        stack.close()
        if args.workdir is None and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            # A 100k run leaves ~5 GB (pages, warehouse, archive): say so, a full disk fails the next install.
            size_gib = _tree_bytes(workdir) / 2**30
            print(f"workdir kept: {workdir} ({size_gib:.1f} GiB; remove it when done)", file=sys.stderr)

    if any(run is not None and run.exit_code != 0 for run in (report.first, report.rerun)):
        return 1
    return 2 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
