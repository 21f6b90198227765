"""Second opinion (trafilatura) on uncertain pages, edge trims, captions, bare credit lines, labelled dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import html_raw
from lxml import etree

import cleaning.html as html_stage
from cleaning.html import extract_html
from cleaning.html.body import BodyBlock, BodyResult, ChoiceSignals, trim_head, trim_tail
from cleaning.html.second_opinion import (
    CHOICE_RULE,
    apply_second_opinion,
    blocks_from_trafilatura_xml,
    is_uncertain,
    merge,
)
from schemas import RawDocument

READ_AT = datetime(2025, 1, 1, tzinfo=UTC)

EN_PROSE = [
    "The city council approved a plan on Tuesday to retrofit forty public schools, cutting their energy use by a third.",
    "Officials said the work, funded by a green bond, will start next spring and finish before the 2027 school year.",
    "Teachers welcomed the news, noting that several classrooms overheat badly in June and are cold in winter.",
    "The council also asked the utility to report, every quarter, how much power the retrofitted buildings draw.",
]
ZH_PROSE = [
    "住房和城乡建设部近日印发通知，要求各地加快推进既有建筑节能改造，提升公共建筑能效水平，推动城乡建设绿色低碳发展。",
    "通知指出，到2025年，城镇新建建筑全面执行绿色建筑标准，星级绿色建筑占比达到百分之三十以上，既有建筑改造面积持续增加。",
    "各地要结合实际制定实施方案，明确目标任务和责任分工，加强资金保障和技术支撑，确保各项措施落到实处，取得实效。",
]


def raw_for(html: str, url: str = "https://example.org/news/a.html") -> RawDocument:
    return html_raw(html, url, read_at=READ_AT)


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


# ------------------------------------------------------------------------------------ merge / gate


def test_merge_keeps_both_inside_the_agreed_region_and_only_prose_outside() -> None:
    ours = [
        BodyBlock("paragraph", None, "Share this"),
        BodyBlock("paragraph", None, EN_PROSE[0]),
        BodyBlock("paragraph", None, EN_PROSE[2]),
        BodyBlock("paragraph", None, "Tags: energy"),
    ]
    theirs = [
        BodyBlock("paragraph", None, EN_PROSE[0]),
        BodyBlock("heading", 2, "Funding"),
        BodyBlock("paragraph", None, EN_PROSE[1]),
        BodyBlock("paragraph", None, EN_PROSE[2]),
        BodyBlock("paragraph", None, EN_PROSE[3]),
    ]
    texts = [slot.block.text for slot in merge(ours, theirs)]
    assert texts == [EN_PROSE[0], "Funding", EN_PROSE[1], EN_PROSE[2], EN_PROSE[3]]


def test_merge_does_not_add_their_block_that_holds_ours_again() -> None:
    # A layout table (menu cell | article cell) that trafilatura reads as one table row repeats
    # the whole article in one block: it adds no text, so it must not come back after it.
    ours = [BodyBlock("paragraph", None, text) for text in ZH_PROSE]
    layout_row = BodyBlock("table_row", None, "协会动态 | 通知公告 " + "".join(ZH_PROSE))
    theirs = [*(BodyBlock("paragraph", None, text) for text in ZH_PROSE), layout_row]
    texts = [slot.block.text for slot in merge(ours, theirs)]
    assert texts == ZH_PROSE


def test_merge_without_anchors_does_not_add_a_row_that_repeats_our_article() -> None:
    # trafilatura read the whole table-layout page as one row: nothing of it matches one of our
    # blocks exactly, but it is our paragraphs run together behind a short label.
    ours = [BodyBlock("paragraph", None, text) for text in ZH_PROSE]
    theirs = [BodyBlock("table_row", None, "作者：李明 | " + "".join(ZH_PROSE))]
    assert [slot.block.text for slot in merge(ours, theirs)] == ZH_PROSE
    # ...while a block that holds one of ours and much more is new text, and is kept
    longer = BodyBlock("paragraph", None, ZH_PROSE[0] + ZH_PROSE[1] + ZH_PROSE[2])
    assert [slot.block.text for slot in merge(ours[:1], [longer])] == [ZH_PROSE[0], longer.text]


def test_apply_second_opinion_records_our_dropped_blocks_and_moves_links() -> None:
    ours = [BodyBlock("paragraph", None, "Subscribe now"), BodyBlock("paragraph", None, ZH_PROSE[0])]
    result = BodyResult(ours, [(1, "https://example.org/p.jpg", None, None)], [(1, "https://example.org/x", "x")], [])
    theirs = [BodyBlock("paragraph", None, ZH_PROSE[0]), BodyBlock("paragraph", None, ZH_PROSE[1])]
    assert apply_second_opinion(result, theirs, None)
    assert [b.text for b in result.blocks] == ZH_PROSE[:2]
    assert (CHOICE_RULE, "Subscribe now") in result.removed
    assert result.links == [(0, "https://example.org/x", "x")]
    assert result.images == [(0, "https://example.org/p.jpg", None, None)]


def test_trafilatura_xml_becomes_typed_blocks() -> None:
    body = etree.fromstring(
        "<body><head rend='h3'>标题</head><p>第一行<lb/>第二行</p><list><item>甲</item><item>乙</item></list>"
        "<quote>Quoted.</quote><table><row><cell>a</cell><cell>b</cell></row></table><graphic src='x.png'/></body>"
    )
    blocks = [(b.kind, b.level, b.text) for b in blocks_from_trafilatura_xml(body)]
    assert blocks == [
        ("heading", 3, "标题"),
        ("paragraph", None, "第一行"),
        ("paragraph", None, "第二行"),
        ("list_item", None, "甲"),
        ("list_item", None, "乙"),
        ("quote", None, "Quoted."),
        ("table_row", None, "a | b"),
    ]


def test_uncertainty_gate() -> None:
    sure = ChoiceSignals(best_score=100, runner_up_score=10, prose_total=3000, prose_kept=3000, kept_weight=3000)
    assert not is_uncertain(sure)
    assert is_uncertain(
        ChoiceSignals(best_score=100, runner_up_score=60, prose_total=1, prose_kept=1, kept_weight=3000)
    )
    assert is_uncertain(
        ChoiceSignals(best_score=100, runner_up_score=0, prose_total=3000, prose_kept=1000, kept_weight=3000)
    )
    assert is_uncertain(ChoiceSignals(best_score=100, prose_total=100, prose_kept=100, kept_weight=300))
    assert not is_uncertain(ChoiceSignals(kept_weight=10, overridden=True))


def test_confident_page_never_calls_the_second_opinion(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> list[BodyBlock]:
        raise AssertionError("trafilatura must not run on a confident page")

    monkeypatch.setattr(html_stage, "trafilatura_blocks", refuse)
    page = f"<html><body><nav><a href='/'>Home</a></nav><article>{paragraphs(EN_PROSE * 3)}</article></body></html>"
    article = extract_html(page, raw_for(page), None)
    assert article.extractor == "html"


def test_uncertain_page_takes_the_union_and_audits_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two equally strong containers: ours picks one; the second opinion holds both halves of the article.
    page = (
        "<html><body><div class='a'>" + paragraphs(ZH_PROSE[:2]) + "</div><div class='teaser-box'>"
        "<p>猜你喜欢：更多精彩内容，请点击进入专题页面查看最新消息和深度报道，欢迎关注我们的官方账号。</p></div>"
        "<div class='b'>" + paragraphs(ZH_PROSE[1:]) + "</div></body></html>"
    )
    seen: list[str] = []

    def fake(text: str, url: str | None) -> list[BodyBlock]:
        seen.append(url or "")
        return [BodyBlock("paragraph", None, t) for t in ZH_PROSE]

    monkeypatch.setattr(html_stage, "trafilatura_blocks", fake)
    article = extract_html(page, raw_for(page), None)
    assert seen == ["https://example.org/news/a.html"]
    assert article.extractor == "html+trafilatura"
    for text in ZH_PROSE:
        assert text in article.body_text


def test_real_trafilatura_runs_on_a_short_page() -> None:
    page = "<html><body><div id='x'><p>" + ZH_PROSE[0] + "</p><p>" + ZH_PROSE[1] + "</p></div></body></html>"
    article = extract_html(page, raw_for(page), None)
    assert article.extractor == "html+trafilatura"
    assert article.body_text == ZH_PROSE[0] + "\n\n" + ZH_PROSE[1]


# ---------------------------------------------------------------------------------------- trims


def test_tail_trim_drops_widget_lines_after_the_last_paragraph_but_keeps_notes() -> None:
    blocks = [
        BodyBlock("paragraph", None, ZH_PROSE[0]),
        BodyBlock("paragraph", None, "（应受访者要求，文中人物为化名。）"),
        BodyBlock("paragraph", None, "收藏"),
        BodyBlock("heading", 3, "Artikel gefallen? Vergiss nicht zu teilen!"),
    ]
    result = BodyResult(blocks, [], [], [])
    trim_tail(result)
    assert [b.text for b in result.blocks] == [ZH_PROSE[0], "（应受访者要求，文中人物为化名。）"]
    assert ("html.after_article", "收藏") in result.removed


def test_tail_trim_keeps_a_closing_sentence_with_a_bracketed_credit_and_list_items() -> None:
    blocks = [
        BodyBlock("paragraph", None, EN_PROSE[0]),
        BodyBlock("list_item", None, "Insulate"),
        BodyBlock("paragraph", None, "正是有了英勇的你们，才有这座城！（评论员 张三）"),
    ]
    result = BodyResult(list(blocks), [], [], [])
    trim_tail(result)
    assert result.blocks == blocks


def test_head_trim_drops_kickers_before_the_first_paragraph() -> None:
    blocks = [
        BodyBlock("paragraph", None, "Press releases"),
        BodyBlock("heading", 2, "Table of contents"),
        BodyBlock("paragraph", None, "Thinkstock"),
        BodyBlock("heading", 2, "Schools get greener"),
        BodyBlock("paragraph", None, EN_PROSE[0]),
    ]
    result = BodyResult(blocks, [], [(4, "https://example.org/l", None)], [])
    trim_head(result)
    assert [b.text for b in result.blocks] == ["Schools get greener", EN_PROSE[0]]
    assert result.links == [(1, "https://example.org/l", None)]
    assert ("html.before_article", "Thinkstock") in result.removed


# ---------------------------------------------------------------------------- captions, credits


def test_figure_caption_goes_to_the_image_not_the_body() -> None:
    page = (
        "<html><body><article>" + paragraphs(EN_PROSE[:2]) + "<figure><img src='/s.jpg' alt='School'>"
        "<figcaption>A retrofitted school in Leeds. Photo: Jane Roe</figcaption></figure>"
        + paragraphs(EN_PROSE[2:] * 3)
        + "</article></body></html>"
    )
    article = extract_html(page, raw_for(page), None)
    assert "Photo: Jane Roe" not in article.body_text
    assert article.images[0].caption == "A retrofitted school in Leeds. Photo: Jane Roe"
    assert any(r.rule == "html.caption" for r in article.removed)


def test_bare_editor_label_is_dropped_and_ends_the_article() -> None:
    page = (
        "<html><body><div class='content'>" + paragraphs(ZH_PROSE * 2) + "<p>责任编辑：</p>"
        "<p>另一条新闻：某市召开会议，部署下一阶段的重点工作任务，要求各部门切实抓好落实，确保完成全年目标任务。</p>"
        "</div></body></html>"
    )
    article = extract_html(page, raw_for(page), None)
    assert "责任编辑" not in article.body_text
    assert "另一条新闻" not in article.body_text
    assert ZH_PROSE[2] in article.body_text


def test_site_link_row_is_dropped() -> None:
    page = (
        "<html><body><table><tr><td></td><td>添加收藏夹</td><td>设为首页</td><td>关于我们</td></tr></table>"
        "<div class='content'>" + paragraphs(ZH_PROSE * 2) + "</div></body></html>"
    )
    article = extract_html(page, raw_for(page), None)
    assert "关于我们" not in article.body_text


# ---------------------------------------------------------------------------------------- dates


def test_labelled_publish_line_beats_the_url_date() -> None:
    page = (
        "<html><body><div class='article'><h1>绿色建筑新标准发布</h1>"
        "<div class='info'>作者：张三 发布时间：2023年11月8日&nbsp;&nbsp;点击数：532</div>"
        "<div class='content'>" + paragraphs(ZH_PROSE * 2) + "</div></div></body></html>"
    )
    url = "https://www.example.gov.cn/xwzx/202401/t20240110_123.html"
    article = extract_html(page, raw_for(page, url), None)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2023-11-08"
    assert article.date_source == "text_line"


def test_url_date_is_the_fallback_and_english_label_works() -> None:
    body = paragraphs(EN_PROSE * 2)
    url = "https://example.org/2024/01/10/schools.html"
    plain = f"<html><body><article>{body}</article></body></html>"
    assert extract_html(plain, raw_for(plain, url), None).date_source == "url"
    labelled = f"<html><body><article><p>By Jane Roe | Posted on 2023-12-05</p>{body}</article></body></html>"
    article = extract_html(labelled, raw_for(labelled, url), None)
    assert article.published_at is not None and article.published_at.date().isoformat() == "2023-12-05"


def test_overlong_section_is_clipped_to_the_schema_limit() -> None:
    crumbs = "".join(f"<a href='/s{i}'>Section number {i} of the site</a> &gt; " for i in range(20))
    page = (
        f"<html><body><div class='breadcrumb'>{crumbs}</div><article>{paragraphs(EN_PROSE * 2)}</article></body></html>"
    )
    article = extract_html(page, raw_for(page), None)
    assert article.section is None or len(article.section) <= 200
