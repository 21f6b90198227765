"""Operator-facing guarantees, tested through the real `greenwire` command in subprocesses:
crashes lose nothing, a held lock fails fast and cleanly, hostile input never stops a run,
private addresses are refused before any request."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from pytest_httpserver import HTTPServer

pytestmark = pytest.mark.slow


def _count(db: Path, query: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).fetchone()[0]


def _assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-2000:]


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    root = tmp_path / "seeds"
    shutil.copytree(seeds_dir, root)
    return root


@pytest.mark.parametrize("point", ["after_fetch", "after_extract", "before_load", "mid_load", "after_load"])
def test_kill_at_any_stage_then_rerun_loses_nothing(
    tmp_path: Path, corpus: Path, cli_env: dict, run_cli, point: str
) -> None:
    db = tmp_path / "w.duckdb"
    crashed = run_cli(
        ["ingest", str(corpus), "--db", str(db), "--batch-size", "2", "--workers", "1"],
        env={**cli_env, "GREENWIRE_CRASH_AT": point},
    )
    assert crashed.returncode == -9, (crashed.returncode, crashed.stderr[-1500:])

    rerun = run_cli(["ingest", str(corpus), "--db", str(db), "--batch-size", "2", "--workers", "1"], env=cli_env)
    assert rerun.returncode == 0, rerun.stderr[-1500:]
    _assert_no_traceback(rerun)
    assert _count(db, "select count(*) from articles") == 5
    assert _count(db, "select count(*) - count(distinct source_uri) from articles") == 0
    completed = (
        "select discovered, new + updated + unchanged + rejected + deferred from ingest_runs where status = 'completed'"
    )
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(completed).fetchall() == [(5, 5)]
    doctor = run_cli(["doctor", "--db", str(db)], env=cli_env)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr


def test_held_write_lock_fails_fast_with_one_line_then_succeeds(
    tmp_path: Path, corpus: Path, cli_env: dict, run_cli
) -> None:
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        blocked = run_cli(["ingest", str(corpus), "--db", str(db), "--lock-timeout", "5"], env=cli_env)
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert blocked.returncode != 0
    assert elapsed < 60
    message = blocked.stderr.strip().splitlines()
    assert len(message) == 1, blocked.stderr
    assert "lock" in message[0] and str(db.name) in message[0] and str(holder.pid) in message[0]
    _assert_no_traceback(blocked)

    again = run_cli(["ingest", str(corpus), "--db", str(db), "--lock-timeout", "5"], env=cli_env)
    assert again.returncode == 0, again.stderr
    assert _count(db, "select count(*) from articles") == 5


def _hostile_corpus(root: Path) -> int:
    root.mkdir()
    rng = random.Random(7)
    article = "<p>" + "绿色建筑是实现碳达峰碳中和目标的重要举措，各地正在加快推进既有建筑节能改造。" * 4 + "</p>"
    page = "<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace.txt": b"   \n\t\n",
        "junk.bin": bytes(rng.getrandbits(8) for _ in range(4096)),
        "truncated.html": page.format(title="被截断的页面", body=article)[:300].encode("utf-8"),
        "unclosed.html": ("<html><body><div><p>" + "建筑节能改造持续推进，" * 40).encode("utf-8"),
        "declares-utf8-is-gbk.html": (
            '<html><head><meta charset="utf-8"><title>住房和城乡建设部发布绿色建筑新标准</title></head><body>'
            "<h1>住房和城乡建设部发布绿色建筑新标准</h1>" + article + "</body></html>"
        ).encode("gbk"),
        "not-found-200.html": page.format(title="404 页面不存在", body="<p>抱歉，您访问的页面不存在。</p>").encode(),
        "list-page.html": page.format(
            title="新闻列表",
            body="<ul>"
            + "".join(f'<li><a href="/n/{i}.html">新闻标题第{i}条</a> 2024-01-0{i % 9 + 1}</li>' for i in range(40))
            + "</ul>",
        ).encode("utf-8"),
        "controls.txt": ("控制字符测试标题\n\n" + "正文\x00包含\x07控制字符和\ufeff零宽字符，" * 10 + "。\n").encode(
            "utf-8"
        ),
        "lone-surrogate.txt": b"Surrogate test title\n\n"
        + b"The body has a lone surrogate \xed\xa0\x80 in the middle of a long enough sentence. " * 5,
        "future-date.txt": (
            "Future dated article\n2099-01-01\n\n"
            + "This article claims to be published far in the future, which cannot be right. " * 5
        ).encode(),
        "ancient-date.txt": (
            "Ancient dated article\n1970-01-01\n\n"
            + "This article claims to be published before the web existed, which is odd. " * 5
        ).encode(),
        "long-title.txt": (
            "T" * 5000 + "\n\n" + "A body that follows a title of five thousand characters, which no editor wrote. " * 5
        ).encode(),
        "ok.txt": (
            "A normal article\n2024-03-05\n\n"
            + "Green buildings in Shenzhen cut energy use by a fifth last year, officials said. " * 5
        ).encode(),
    }
    big_paragraph = "<p>" + "超大页面中的正文段落，用于测试五十兆字节的输入不会拖垮一次运行。" * 20 + "</p>\n"
    repeat = (50 * 1024 * 1024) // len(big_paragraph.encode("utf-8")) + 1
    files["huge-50mb.html"] = (
        "<html><head><title>超大页面</title></head><body>" + big_paragraph * repeat + "</body></html>"
    ).encode()
    for name, data in files.items():
        (root / name).write_bytes(data)
    return len(files)


def test_hostile_inputs_each_end_as_article_or_reject(tmp_path: Path, cli_env: dict, run_cli) -> None:
    root = tmp_path / "hostile"
    total = _hostile_corpus(root)
    db = tmp_path / "w.duckdb"
    result = run_cli(["ingest", str(root), "--db", str(db)], env=cli_env, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    _assert_no_traceback(result)
    with duckdb.connect(str(db), read_only=True) as con:
        run = con.execute("select discovered, new, rejected, deferred from ingest_runs").fetchone()
        articles = {Path(u).name for (u,) in con.execute("select source_uri from articles").fetchall()}
        rejects = {Path(u).name: r for u, r in con.execute("select source_uri, reason from rejects").fetchall()}
    assert run == (total, len(articles), len(rejects), 0)
    assert articles | set(rejects) == {p.name for p in root.iterdir()}
    assert not articles & set(rejects)
    assert {"empty.txt", "junk.bin", "not-found-200.html", "list-page.html"} <= set(rejects)
    assert "ok.txt" in articles
    assert all(reason for reason in rejects.values())
    with duckdb.connect(str(db), read_only=True) as con:
        bodies = " ".join(b for (b,) in con.execute("select body_text from articles").fetchall())
    assert "\x00" not in bodies and "\x07" not in bodies


def test_private_address_is_refused_before_any_request(
    tmp_path: Path, httpserver: HTTPServer, cli_env: dict, run_cli
) -> None:
    html = (
        "<html><head><title>Loopback page</title></head><body><article><h1>Loopback page</h1>"
        + ("<p>Shanghai opened a near-zero-energy office tower this week, its builders said on Monday.</p>" * 5)
        + "</article></body></html>"
    )
    httpserver.expect_request("/page").respond_with_data(html, content_type="text/html; charset=utf-8")
    db = tmp_path / "w.duckdb"
    refused = run_cli(["ingest", httpserver.url_for("/page"), "--db", str(db)], env=cli_env)
    assert refused.returncode != 0
    assert "loopback" in refused.stderr and "--allow-private-network" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert len(httpserver.log) == 0

    allowed = run_cli(["ingest", httpserver.url_for("/page"), "--db", str(db), "--allow-private-network"], env=cli_env)
    assert allowed.returncode == 0, allowed.stderr
    assert _count(db, "select count(*) from articles") == 1


def test_sql_is_read_only_unless_write(tmp_path: Path, corpus: Path, cli_env: dict, run_cli) -> None:
    db = tmp_path / "w.duckdb"
    assert run_cli(["ingest", str(corpus), "--db", str(db)], env=cli_env).returncode == 0
    denied = run_cli(["sql", "delete from articles", "--db", str(db)], env=cli_env)
    assert denied.returncode != 0 and "read-only" in denied.stderr.lower()
    assert _count(db, "select count(*) from articles") == 5
    shown = run_cli(["sql", "select count(*) as n from articles", "--db", str(db), "--format", "csv"], env=cli_env)
    assert shown.stdout.split() == ["n", "5"]
    assert os.path.exists(db)
