"""Property-based tests (hypothesis) over the cleaner and the validators, and a fuzz-style test
over the HTML path: whatever the input, a stage returns its record or its typed error."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaning.dates import parse_date
from cleaning.errors import ExtractionError
from cleaning.normalize import is_cjk, normalize_text
from cleaning.pipeline import extract
from schemas import Article, ExtractedArticle, Paragraph, RawDocument, Reject, to_article

READ_AT = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cjk_text = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=20)
mixed_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.sampled_from(list(" \t\u3000\u00a0\u200b\ufeff，。、：！？,.;:!?()（）《》\x00\x07\x1f")),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
    ),
    max_size=200,
)


def _raw(content: bytes, media_type: str) -> RawDocument:
    return RawDocument(
        source_name="fuzz", uri="fuzz/doc", key="doc", content=content, media_type=media_type, read_at=READ_AT
    )


@FAST
@given(mixed_text)
def test_normalize_is_idempotent_and_leaves_no_forbidden_characters(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in once)
    assert not any(ord(ch) < 0x20 and ch not in "\t\n" for ch in once)
    assert "\u3000" not in once and "\u00a0" not in once and "\u200b" not in once


@FAST
@given(st.lists(cjk_text, min_size=2, max_size=6), st.sampled_from([" ", "  ", "\u3000", "\u00a0"]))
def test_no_space_survives_between_two_cjk_characters(words: list[str], space: str) -> None:
    out = normalize_text(space.join(words))
    for i in range(1, len(out) - 1):
        if out[i] == " ":
            assert not (is_cjk(out[i - 1]) and is_cjk(out[i + 1])), out


@FAST
@given(st.binary(max_size=3000), st.sampled_from(["text/plain", "text/html"]))
def test_any_bytes_give_an_article_or_a_typed_error(content: bytes, media_type: str) -> None:
    try:
        extracted = extract(_raw(content, media_type))
    except ExtractionError as exc:
        assert exc.reason
        return
    assert isinstance(extracted, ExtractedArticle)
    assert isinstance(to_article(_raw(content, media_type), extracted, run_id="r", now=READ_AT), Article | Reject)


TAGS = [
    "div",
    "p",
    "span",
    "article",
    "section",
    "nav",
    "footer",
    "aside",
    "ul",
    "li",
    "h1",
    "h2",
    "table",
    "td",
    "a",
    "script",
    "style",
    "header",
    "main",
    "br",
    "img",
    "time",
    "figure",
    "figcaption",
]


@st.composite
def html_documents(draw: st.DrawFn, depth: int = 0) -> str:
    """Random, often malformed, HTML: nested tags, stray closers, attributes, CJK and junk text."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        choice = draw(st.integers(0, 5))
        if choice <= 1 and depth < 4:
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(
                st.sampled_from(
                    [
                        "",
                        ' class="content"',
                        ' class="share"',
                        ' id="footer"',
                        " hidden",
                        ' datetime="2024-03-05"',
                        ' href="/x"',
                        ' src="a.jpg" alt="图"',
                    ]
                )
            )
            inner = draw(html_documents(depth=depth + 1))
            closer = draw(st.sampled_from([f"</{tag}>", "", f"</{draw(st.sampled_from(TAGS))}>"]))
            parts.append(f"<{tag}{attrs}>{inner}{closer}")
        elif choice == 2:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "发布时间：2023年11月3日",
                            "责任编辑：张三",
                            "版权所有 © 2024",
                            "京ICP备12345678号",
                            "By Jane Doe",
                            "3 months ago",
                            "上一篇",
                            "<!--",
                            "]]>",
                        ]
                    )
                )
            )
        else:
            parts.append(draw(mixed_text))
    return "".join(parts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_documents(), st.sampled_from(["utf-8", "gb18030"]))
def test_fuzzed_html_never_crashes_the_extractor(body: str, encoding: str) -> None:
    page = f"<html><head><title>标题 Title</title></head><body>{body}</body></html>"
    content = page.encode(encoding, errors="replace")
    try:
        extracted = extract(_raw(content, "text/html"))
    except ExtractionError as exc:
        assert exc.reason
        return
    result = to_article(_raw(content, "text/html"), extracted, run_id="r", now=READ_AT)
    assert isinstance(result, Article | Reject)
    if isinstance(result, Article):
        assert "<script" not in result.body_text.lower()


@FAST
@given(st.text(max_size=80))
def test_parsed_dates_are_aware_and_plausible(phrase: str) -> None:
    parsed = parse_date(phrase, reference=READ_AT, tz="Asia/Shanghai")
    if parsed is not None:
        assert parsed.value.tzinfo is not None
        assert datetime(1990, 1, 1, tzinfo=UTC) <= parsed.value <= READ_AT + timedelta(days=2)


@FAST
@given(
    title=st.one_of(st.none(), mixed_text, st.text(min_size=400, max_size=6000)),
    author=st.one_of(st.none(), mixed_text),
    body=st.lists(mixed_text.filter(lambda s: s.strip() != ""), min_size=0, max_size=3),
    published=st.one_of(st.none(), st.datetimes(timezones=st.just(UTC))),
)
def test_validation_returns_an_article_or_a_reject_never_raises(
    title: str | None, author: str | None, body: list[str], published: datetime | None
) -> None:
    try:
        paragraphs = tuple(Paragraph(position=i, text=t) for i, t in enumerate(body))
    except ValueError:
        return  # the cleaner never builds such paragraphs: it normalises text first
    extracted = ExtractedArticle(
        title=title,
        title_source="h1",
        language="en",
        author=author,
        published_at=published,
        date_precision="day" if published else None,
        paragraphs=paragraphs,
        extractor="test",
        extractor_version="0",
    )
    result = to_article(_raw(b"x", "text/html"), extracted, run_id="r", now=READ_AT)
    assert isinstance(result, Article | Reject)
    if isinstance(result, Reject):
        assert result.field and result.reason == "validation"
