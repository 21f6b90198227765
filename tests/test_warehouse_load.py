"""warehouse.loader and warehouse.doctor: batch loads, incremental state, replay, views, integrity checks."""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from schemas import (
    Article,
    ExtractedArticle,
    Image,
    Paragraph,
    RawDocument,
    Reject,
    RemovedBlock,
    RunCounts,
    RunSummary,
    SourceConfig,
    to_article,
)
from warehouse import (
    LoadBatch,
    begin_run,
    export_parquet,
    finish_run,
    format_report,
    iter_inputs_for_replay,
    load_batch,
    loaded_state,
    mark_interrupted_runs,
    open_warehouse,
    register_sources,
    run_checks,
)

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
SRC = "mohurd"
SCHEMA_DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def make_raw(
    key: str,
    body: str,
    *,
    source: str = SRC,
    read_at: datetime = T0,
    final_url: str | None = None,
    etag: str | None = None,
) -> RawDocument:
    return RawDocument(
        source_name=source,
        uri=final_url or f"/corpus/{key}",
        key=key,
        content=body.encode("utf-8"),
        media_type="text/html" if final_url else "text/plain",
        declared_encoding="utf-8",
        final_url=final_url,
        http_status=200 if final_url else None,
        headers={"Content-Type": "text/html; charset=utf-8"} if final_url else {},
        etag=etag,
        read_at=read_at,
    )


def make_article(
    raw: RawDocument,
    paragraphs: Sequence[str],
    *,
    title: str = "绿色建筑发展报告",
    version: str = "1.0.0",
    views: int | None = None,
    published_at: datetime | None = datetime(2025, 2, 20, 2, 30, tzinfo=UTC),
    date_text: str | None = "2025-02-20 10:30",
    date_source: str | None = "text_line",
    removed: Sequence[tuple[str, str]] = (("footer.icp", "京ICP备05000000号"),),
    images: Sequence[str] = (),
    run_id: str = "r1",
) -> Article:
    extracted = ExtractedArticle(
        title=title,
        title_source="h1",
        published_at=published_at,
        date_precision="minute" if published_at else None,
        date_text=date_text,
        date_source=date_source,  # type: ignore[arg-type]
        language="zh",
        author="张三",
        editors=("李四",),
        publisher="住房和城乡建设部",
        view_count=views,
        paragraphs=tuple(Paragraph(position=i, text=t) for i, t in enumerate(paragraphs)),
        images=tuple(Image(position=0, src=src) for src in images),
        removed=tuple(RemovedBlock(position=i, rule=rule, text=text) for i, (rule, text) in enumerate(removed)),
        extractor="html",
        extractor_version=version,
    )
    article = to_article(raw, extracted, run_id=run_id, now=raw.read_at)
    assert isinstance(article, Article), article
    return article


def pair(key: str, body: str, **kwargs: object) -> tuple[RawDocument, tuple[str, Article]]:
    raw = make_raw(key, body)
    return raw, (key, make_article(raw, body.split("\n"), **kwargs))  # type: ignore[arg-type]


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
    return con.execute(sql, list(params)).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]  # type: ignore[index]


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with open_warehouse(tmp_path / "w.duckdb") as connection:
        register_sources(connection, [SourceConfig(name=SRC, adapter="files", paths=("corpus",))], now=T0)
        begin_run(connection, run_id="r1", sources=[SRC], started_at=T0, extractor_version="1.0.0", flow_run_id="f1")
        yield connection


def load_two(con: duckdb.DuckDBPyConnection, run_id: str = "r1") -> tuple[list[RawDocument], list[tuple[str, Article]]]:
    raw_a, art_a = pair("a.txt", "第一段：绿色建筑。\n第二段：低碳发展。", views=10, images=["https://x.org/1.png"])
    raw_b, art_b = pair("b.txt", "另一篇文章。\n内容不同。")
    load_batch(con, LoadBatch(run_id=run_id, loaded_at=T0, raws=[raw_a, raw_b], articles=[art_a, art_b]))
    return [raw_a, raw_b], [art_a, art_b]


# ---------------------------------------------------------------------------------------------


def test_load_new_articles_writes_every_table(con: duckdb.DuckDBPyConnection) -> None:
    raw_a, art_a = pair("a.txt", "第一段。\n第二段。", views=10, images=["https://x.org/1.png"])
    raw_b, art_b = pair("b.txt", "另一篇。")
    result = load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, raws=[raw_a, raw_b], articles=[art_a, art_b]))

    assert (result.new, result.updated, result.unchanged, result.rejected) == (2, 0, 0, 0)
    assert result.outcomes == {(SRC, "a.txt"): "new", (SRC, "b.txt"): "new"}
    article = art_a[1]
    stored = rows(
        con,
        "SELECT a.source_id, a.title, a.published_at, a.editors, a.view_count, a.content_hash, a.first_run_id,"
        " a.created_at FROM articles a WHERE article_id = ?",
        [article.article_id],
    )
    assert stored == [(1, article.title, article.published_at, ["李四"], 10, article.content_hash, "r1", T0)]
    assert rows(
        con, "SELECT position, text FROM article_paragraphs WHERE article_id = ? ORDER BY 1", [article.article_id]
    ) == [(0, "第一段。"), (1, "第二段。")]
    assert scalar(con, "SELECT count(*) FROM article_images") == 1
    assert scalar(con, "SELECT count(*) FROM boilerplate_removed") == 2
    assert rows(con, "SELECT metric, value FROM article_observations") == [("view_count", 10.0)]
    content, compression, size = rows(
        con, "SELECT content, compression, size_bytes FROM raw_documents WHERE sha256 = ?", [raw_a.sha256]
    )[0]
    assert compression == "zlib" and zlib.decompress(content) == raw_a.content and size == len(raw_a.content)
    assert rows(
        con, "SELECT input_key, article_id, raw_sha256, extractor_version, last_outcome FROM inputs ORDER BY 1"
    ) == [
        ("a.txt", article.article_id, raw_a.sha256, "1.0.0", "new"),
        ("b.txt", art_b[1].article_id, raw_b.sha256, "1.0.0", "new"),
    ]


def test_reloading_the_same_articles_changes_nothing_but_the_run(con: duckdb.DuckDBPyConnection) -> None:
    raws, articles = load_two(con)
    before = rows(con, "SELECT article_id, updated_at, created_at, content_hash FROM articles ORDER BY 1")
    again = [(key, art.model_copy(update={"view_count": 25 if key == "a.txt" else None})) for key, art in articles]

    result = load_batch(con, LoadBatch(run_id="r2", loaded_at=T0 + timedelta(days=1), raws=raws, articles=again))

    assert (result.new, result.updated, result.unchanged, result.rejected) == (0, 0, 2, 0)
    assert rows(con, "SELECT article_id, updated_at, created_at, content_hash FROM articles ORDER BY 1") == before
    assert rows(con, "SELECT DISTINCT last_run_id, first_run_id FROM articles") == [("r2", "r1")]
    assert scalar(con, "SELECT count(*) FROM raw_documents") == 2
    assert scalar(con, "SELECT count(*) FROM article_paragraphs") == 4
    # the volatile view count moved and was observed twice
    assert scalar(con, "SELECT view_count FROM articles WHERE source_uri = '/corpus/a.txt'") == 25
    assert rows(con, "SELECT run_id, value FROM article_observations ORDER BY observed_at") == [
        ("r1", 10.0),
        ("r2", 25.0),
    ]


def test_changed_content_updates_in_place_and_keeps_the_earlier_raw(con: duckdb.DuckDBPyConnection) -> None:
    raws, articles = load_two(con)
    old_id = articles[0][1].article_id
    raw_new, art_new = pair("a.txt", "第一段：修订后。\n第二段。\n第三段：新增。", views=11)
    later = T0 + timedelta(days=2)

    result = load_batch(con, LoadBatch(run_id="r2", loaded_at=later, raws=[raw_new], articles=[art_new]))

    assert (result.new, result.updated, result.unchanged) == (0, 1, 0)
    assert art_new[1].article_id == old_id
    assert rows(
        con,
        "SELECT first_run_id, last_run_id, created_at, updated_at, raw_sha256 FROM articles WHERE article_id = ?",
        [old_id],
    ) == [("r1", "r2", T0, later, raw_new.sha256)]
    assert [
        r[0] for r in rows(con, "SELECT text FROM article_paragraphs WHERE article_id = ? ORDER BY position", [old_id])
    ] == ["第一段：修订后。", "第二段。", "第三段：新增。"]
    assert scalar(con, f"SELECT count(*) FROM article_images WHERE article_id = '{old_id}'") == 0
    assert scalar(con, f"SELECT count(*) FROM boilerplate_removed WHERE article_id = '{old_id}'") == 1
    assert {r[0] for r in rows(con, "SELECT sha256 FROM raw_documents")} == {
        raws[0].sha256,
        raws[1].sha256,
        raw_new.sha256,
    }
    assert loaded_state(con, SRC, ["a.txt"])["a.txt"].raw_sha256 == raw_new.sha256


def test_new_extractor_version_counts_as_updated(con: duckdb.DuckDBPyConnection) -> None:
    raws, articles = load_two(con)
    bumped = [(k, a.model_copy(update={"extractor_version": "1.1.0"})) for k, a in articles]
    result = load_batch(con, LoadBatch(run_id="r2", loaded_at=T0, raws=raws, articles=bumped))
    assert (result.new, result.updated, result.unchanged) == (0, 2, 0)
    assert rows(con, "SELECT DISTINCT extractor_version FROM articles") == [("1.1.0",)]
    assert scalar(con, "SELECT count(*) FROM article_paragraphs") == 4  # replaced, not duplicated


def test_relative_date_is_resolved_once_and_kept(con: duckdb.DuckDBPyConnection) -> None:
    first_read = T0
    raw1 = make_raw("r.txt", "三天前的新闻。", read_at=first_read)
    art1 = make_article(
        raw1, ["三天前的新闻。"], published_at=first_read - timedelta(days=3), date_text="3天前", date_source="relative"
    )
    load_batch(con, LoadBatch(run_id="r1", loaded_at=first_read, raws=[raw1], articles=[("r.txt", art1)]))

    second_read = T0 + timedelta(days=5)
    raw2 = make_raw("r.txt", "三天前的新闻。补充一句。", read_at=second_read)
    art2 = make_article(
        raw2,
        ["三天前的新闻。补充一句。"],
        published_at=second_read - timedelta(days=3),
        date_text="3天前",
        date_source="relative",
    )
    result = load_batch(con, LoadBatch(run_id="r2", loaded_at=second_read, raws=[raw2], articles=[("r.txt", art2)]))

    assert result.updated == 1
    assert rows(con, "SELECT published_at, date_text, body_text FROM articles") == [
        (first_read - timedelta(days=3), "3天前", "三天前的新闻。补充一句。")
    ]


def test_two_inputs_for_one_article_in_a_batch_load_once_and_alias_the_other(
    con: duckdb.DuckDBPyConnection,
) -> None:
    final = "https://www.mohurd.gov.cn/xinwen/1.html"
    raw_old = make_raw("https://www.mohurd.gov.cn/old/1.html", "<p>正文</p>", final_url=final)
    raw_new = make_raw("https://www.mohurd.gov.cn/xinwen/1.html?utm_source=feed", "<p>正文</p>", final_url=final)
    art_old, art_new = make_article(raw_old, ["正文"]), make_article(raw_new, ["正文"])
    assert art_old.article_id == art_new.article_id

    result = load_batch(
        con,
        LoadBatch(
            run_id="r1",
            loaded_at=T0,
            raws=[raw_old, raw_new],
            articles=[(raw_old.key, art_old), (raw_new.key, art_new)],
        ),
    )

    assert (result.new, result.unchanged) == (1, 1)
    assert result.outcomes == {(SRC, raw_old.key): "new", (SRC, raw_new.key): "unchanged"}  # first by input key
    assert scalar(con, "SELECT count(*) FROM articles") == 1
    assert sorted(r[0] for r in rows(con, "SELECT url_or_key FROM article_aliases")) == sorted(
        [raw_old.key, raw_new.key]
    )
    assert scalar(con, "SELECT count(DISTINCT article_id) FROM inputs") == 1
    assert scalar(con, "SELECT count(*) FROM inputs") == 2


def test_rejects_are_recorded_and_rejected_bytes_count_as_loaded(con: duckdb.DuckDBPyConnection) -> None:
    raw = make_raw("bad.txt", "\x00\x01")
    rejected = Reject(
        run_id="r1",
        source_name=SRC,
        source_uri=raw.uri,
        stage="validate",
        reason="validation",
        field="title",
        detail="is blank",
        raw_sha256=raw.sha256,
        occurred_at=T0,
    )
    not_found = Reject(
        run_id="r1", source_name=SRC, source_uri="https://x.org/gone", stage="fetch", reason="http_404", occurred_at=T0
    )
    result = load_batch(
        con, LoadBatch(run_id="r1", loaded_at=T0, raws=[raw], rejects=[("bad.txt", rejected), (None, not_found)])
    )

    assert (result.new, result.rejected) == (0, 2)
    assert result.outcomes == {(SRC, "bad.txt"): "rejected"}
    assert rows(con, "SELECT run_id, input_key, stage, reason, field FROM rejects ORDER BY reject_id") == [
        ("r1", "bad.txt", "validate", "validation", "title"),
        ("r1", None, "fetch", "http_404", None),
    ]
    state = loaded_state(con, SRC, ["bad.txt"])["bad.txt"]
    assert (state.raw_sha256, state.extractor_version) == (raw.sha256, "1.0.0")  # version of the run
    assert rows(con, "SELECT article_id, last_outcome FROM inputs") == [(None, "rejected")]
    assert scalar(con, "SELECT count(*) FROM raw_documents") == 1


def test_a_reject_whose_bytes_were_not_passed_does_not_look_loaded(con: duckdb.DuckDBPyConnection) -> None:
    reject = Reject(
        run_id="r1",
        source_name=SRC,
        source_uri="/corpus/x.txt",
        stage="decode",
        reason="encoding",
        raw_sha256="f" * 64,
        occurred_at=T0,
    )
    load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, rejects=[("x.txt", reject)]))
    assert loaded_state(con, SRC, ["x.txt"])["x.txt"].raw_sha256 is None
    assert all(f.ok for f in run_checks(con) if f.check.startswith("raw_documents"))


def test_inputs_skipped_before_parsing_move_their_run(con: duckdb.DuckDBPyConnection) -> None:
    load_two(con)
    result = load_batch(con, LoadBatch(run_id="r2", loaded_at=T0 + timedelta(hours=1), unchanged=[(SRC, "a.txt")]))
    assert (result.unchanged, result.outcomes) == (1, {(SRC, "a.txt"): "unchanged"})
    assert rows(con, "SELECT input_key, last_run_id, last_outcome FROM inputs ORDER BY 1") == [
        ("a.txt", "r2", "unchanged"),
        ("b.txt", "r1", "new"),
    ]
    assert rows(con, "SELECT source_uri, last_run_id FROM articles ORDER BY 1") == [
        ("/corpus/a.txt", "r2"),
        ("/corpus/b.txt", "r1"),
    ]


def test_loaded_state_answers_for_many_keys_in_one_query(con: duckdb.DuckDBPyConnection) -> None:
    raws, _ = load_two(con)
    keys = ["a.txt", "b.txt", *(f"missing-{i}.txt" for i in range(998))]
    state = loaded_state(con, SRC, keys)
    assert set(state) == {"a.txt", "b.txt"}
    assert state["a.txt"].raw_sha256 == raws[0].sha256
    assert state["a.txt"].extractor_version == "1.0.0"
    assert loaded_state(con, "other-source", keys) == {}
    assert loaded_state(con, SRC, []) == {}


def test_a_failing_batch_leaves_nothing_behind(con: duckdb.DuckDBPyConnection) -> None:
    raw_a, art_a = pair("a.txt", "第一段。")
    _, art_b = pair("b.txt", "第二篇。")  # its raw document is not in the batch
    with pytest.raises(ValueError, match="neither in the batch nor archived"):
        load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, raws=[raw_a], articles=[art_a, art_b]))
    for table in ("raw_documents", "articles", "article_paragraphs", "inputs", "article_observations", "rejects"):
        assert scalar(con, f"SELECT count(*) FROM {table}") == 0, table
    # a second input resolving to the same article needs its bytes archived too
    page = "https://www.mohurd.gov.cn/xinwen/2.html"
    raw_c = make_raw(page, "<p>正文</p>", final_url=page)
    raw_d = make_raw("https://www.mohurd.gov.cn/old/2.html", "<p>正文。</p>", final_url=page)
    art_c, art_d = make_article(raw_c, ["正文"]), make_article(raw_d, ["正文"])
    assert art_c.article_id == art_d.article_id
    with pytest.raises(ValueError, match="neither in the batch nor archived"):
        load_batch(
            con, LoadBatch(run_id="r1", loaded_at=T0, raws=[raw_c], articles=[(page, art_c), (raw_d.key, art_d)])
        )
    assert scalar(con, "SELECT count(*) FROM raw_documents") == 0
    # the connection is usable again afterwards
    assert load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, raws=[raw_a], articles=[art_a])).new == 1


def test_replay_rebuilds_every_archived_input_in_pages(con: duckdb.DuckDBPyConnection) -> None:
    pairs = [pair(f"{i}.txt", f"第{i}篇文章。") for i in range(5)]
    load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, raws=[r for r, _ in pairs], articles=[a for _, a in pairs]))
    pages = []
    for page in iter_inputs_for_replay(con, batch_size=2):
        pages.append(page)
        # loading between pages on the same connection must not disturb the iteration
        bumped = [(raw.key, make_article(raw, [raw.content.decode()], version="2.0.0")) for raw, _ in page]
        load_batch(con, LoadBatch(run_id="r2", loaded_at=T0, articles=bumped))
    assert [len(p) for p in pages] == [2, 2, 1]
    replayed = {raw.key: (raw, version) for page in pages for raw, version in page}
    original = {r.key: r for r, _ in pairs}
    assert set(replayed) == set(original)
    for key, (raw, version) in replayed.items():
        assert raw.content == original[key].content and raw.sha256 == original[key].sha256
        assert (raw.uri, raw.read_at, raw.media_type, version) == (original[key].uri, T0, "text/plain", "1.0.0")
    assert list(iter_inputs_for_replay(con, source_name="nobody")) == []
    assert rows(con, "SELECT DISTINCT extractor_version FROM articles") == [("2.0.0",)]


def test_replay_pages_by_archive_rows_give_each_input_its_last_bytes_once(con: duckdb.DuckDBPyConnection) -> None:
    from warehouse.loader import inputs_for_replay, replay_pages

    first = [pair(f"{i}.txt", f"第{i}篇文章。") for i in range(3)]
    load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, raws=[r for r, _ in first], articles=[a for _, a in first]))
    edited = pair("0.txt", "第0篇文章，改过了。")  # a new raw supersedes 0.txt's first one
    shared = make_raw("copy.txt", "第1篇文章。")  # the same bytes as 1.txt: one archived raw, two inputs
    load_batch(
        con,
        LoadBatch(
            run_id="r2",
            loaded_at=T0,
            raws=[edited[0], shared],
            articles=[edited[1], ("copy.txt", make_article(shared, ["第1篇文章。"]))],
        ),
    )
    assert scalar(con, "SELECT count(*) FROM raw_documents") == 4
    pages = replay_pages(con, batch_size=3)
    assert pages == [(0, 3), (3, 6)]
    replayed = [[raw.key for raw, _ in inputs_for_replay(con, rows)] for rows in pages]
    assert sorted(key for page in replayed for key in page) == ["0.txt", "1.txt", "2.txt", "copy.txt"]
    by_key = {raw.key: raw for rows in pages for raw, _ in inputs_for_replay(con, rows)}
    assert by_key["0.txt"].content == "第0篇文章，改过了。".encode()
    assert by_key["copy.txt"].sha256 == by_key["1.txt"].sha256
    assert inputs_for_replay(con, (0, 3), source_name="nobody") == []
    assert replay_pages(duckdb.connect(":memory:").execute("CREATE TABLE raw_documents (x INT)"), batch_size=3) == []


def test_runs_begin_finish_and_interrupted(con: duckdb.DuckDBPyConnection) -> None:
    load_two(con)
    finish_run(
        con,
        RunSummary(
            run_id="r1",
            flow_run_id="f1",
            sources=(SRC,),
            status="completed",
            started_at=T0,
            finished_at=T0 + timedelta(seconds=90),
            extractor_version="1.0.0",
            counts=RunCounts(discovered=3, new=2, deferred=1),
        ),
    )
    begin_run(con, run_id="r2", sources=[SRC], started_at=T0, extractor_version="1.0.0", flow_run_id=None)
    assert mark_interrupted_runs(con, now=T0 + timedelta(minutes=5)) == 1
    assert rows(
        con, "SELECT run_id, status, duration_s, discovered, new, deferred, counts_add_up FROM v_runs ORDER BY run_id"
    ) == [
        ("r1", "completed", 90.0, 3, 2, 1, True),
        ("r2", "interrupted", 300.0, 0, 0, 0, True),
    ]
    assert mark_interrupted_runs(con, now=T0) == 0


def test_sources_keep_their_id_when_registered_again(con: duckdb.DuckDBPyConnection) -> None:
    register_sources(
        con,
        [
            SourceConfig(name="zeta", adapter="web", schedule="0 6 * * *"),
            SourceConfig(name=SRC, adapter="files", paths=("moved",)),
        ],
        now=T0,
    )
    assert rows(
        con,
        "SELECT source_id, name, adapter, schedule, json_extract(config, '$.paths') FROM sources ORDER BY source_id",
    ) == [(1, SRC, "files", None, '["moved"]'), (2, "zeta", "web", "0 6 * * *", "[]")]


def test_doctor_passes_a_healthy_warehouse_and_flags_orphans(con: duckdb.DuckDBPyConnection) -> None:
    load_two(con)
    finish_run(
        con,
        RunSummary(
            run_id="r1",
            sources=(SRC,),
            status="completed",
            started_at=T0,
            finished_at=T0,
            extractor_version="1.0.0",
            counts=RunCounts(discovered=2, new=2),
        ),
    )
    findings = run_checks(con)
    assert all(f.ok for f in findings), format_report(findings)
    assert format_report(findings).endswith("all checks passed")

    con.execute("INSERT INTO article_paragraphs VALUES ('no-such-article', 0, 'paragraph', NULL, 'x')")
    con.execute("UPDATE inputs SET raw_sha256 = repeat('0', 64) WHERE input_key = 'b.txt'")
    con.execute("UPDATE ingest_runs SET discovered = 5")
    failed = {f.check: f.detail for f in run_checks(con) if not f.ok}
    assert set(failed) == {"orphans.article_paragraphs", "raw_documents.inputs", "runs.counts"}
    assert "no-such-article" in failed["orphans.article_paragraphs"]
    assert "3 of 17 checks failed" in format_report(run_checks(con))


def test_doctor_flags_duplicate_identities_and_stale_runs(con: duckdb.DuckDBPyConnection) -> None:
    load_two(con)
    con.execute(
        "INSERT INTO articles SELECT * REPLACE ('dup-id' AS article_id) FROM articles"
        " WHERE source_uri = '/corpus/a.txt'"
    )
    failed = {f.check for f in run_checks(con) if not f.ok}
    assert failed == {"duplicates.canonical_key", "duplicates.source_uri", "runs.running"}


def test_views_summarise_the_loaded_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    load_two(con)
    reject = Reject(
        run_id="r1", source_name=SRC, source_uri="/corpus/c.txt", stage="extract", reason="not_article", occurred_at=T0
    )
    load_batch(con, LoadBatch(run_id="r1", loaded_at=T0, rejects=[("c.txt", reject)]))

    local = rows(
        con, "SELECT published_local, body_chars, paragraphs, images FROM v_articles WHERE source_uri = '/corpus/a.txt'"
    )
    assert local == [(datetime(2025, 2, 20, 10, 30), len("第一段：绿色建筑。\n\n第二段：低碳发展。"), 2, 1)]
    assert rows(
        con, "SELECT source_name, source_id, articles, rejects, last_run_id, last_run_status FROM v_source_stats"
    ) == [(SRC, 1, 2, 1, "r1", "running")]
    assert rows(con, "SELECT reason, rejects, inputs FROM v_rejects_by_reason") == [("not_article", 1, 1)]
    assert rows(con, "SELECT rule, removals, articles, sources FROM v_boilerplate_rules") == [("footer.icp", 2, 2, 1)]


def test_export_writes_one_parquet_file_per_relation(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    load_two(con)
    written = export_parquet(con, tmp_path / "export")
    by_name = {p.stem: p for p in written}
    assert {"articles", "article_paragraphs", "v_articles", "v_source_stats"} <= set(by_name)
    assert "raw_documents" not in by_name
    assert pq.read_table(by_name["articles"]).num_rows == 2
    assert pq.read_table(by_name["article_paragraphs"]).num_rows == 4


def test_every_example_query_in_the_schema_doc_runs(con: duckdb.DuckDBPyConnection) -> None:
    load_two(con)
    doc = SCHEMA_DOC.read_text(encoding="utf-8")
    queries = re.findall(r"```sql\n(.*?)```", doc, flags=re.DOTALL)
    for view in ("v_articles", "v_source_stats", "v_runs", "v_rejects_by_reason", "v_boilerplate_rules"):
        assert any(view in q for q in queries), f"no example query for {view}"
    for query in queries:
        con.execute(query).fetchall()
    # every table and view of the warehouse is documented
    relations = rows(con, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")
    for (name,) in relations:
        assert f"`{name}`" in doc, f"{name} is not documented in docs/schema.md"


def test_a_thousand_articles_of_twenty_paragraphs_load_quickly(con: duckdb.DuckDBPyConnection) -> None:
    paragraphs = [f"第{j}段：推动城乡建设绿色低碳发展，提升建筑能效水平。" * 3 for j in range(20)]
    pairs = [pair(f"{i:04d}.txt", f"第{i}篇\n" + "\n".join(paragraphs), views=i) for i in range(1000)]
    batch = LoadBatch(run_id="r1", loaded_at=T0, raws=[r for r, _ in pairs], articles=[a for _, a in pairs])
    started = time.perf_counter()
    result = load_batch(con, batch)
    elapsed = time.perf_counter() - started
    assert result.new == 1000
    assert scalar(con, "SELECT count(*) FROM article_paragraphs") == 21_000
    assert elapsed < 3.0, f"load_batch took {elapsed:.2f}s"
