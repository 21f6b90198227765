"""HTML body extraction: structure kept, furniture removed and audited, non-articles refused, site rules."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from builders import html_raw

from cleaning.errors import ExtractionError
from cleaning.html import extract_html
from schemas import RawDocument, SiteRules

FIXTURES = Path(__file__).parent / "fixtures" / "html"
READ_AT = datetime(2024, 1, 1, tzinfo=UTC)


def raw_for(html: str, url: str = "https://example.org/a/b.html") -> RawDocument:
    return html_raw(html, url, read_at=READ_AT)


def run(name: str, url: str = "https://example.org/a/b.html", rules: SiteRules | None = None):  # type: ignore[no-untyped-def]
    html = (FIXTURES / name).read_text(encoding="utf-8")
    return extract_html(html, raw_for(html, url), rules)


def rules_of(article) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {block.rule: block.text for block in article.removed}


def test_english_article_keeps_headings_lists_quotes_and_tables() -> None:
    article = run("en_news.html")
    kinds = [(p.kind, p.level) for p in article.paragraphs]
    assert ("heading", 2) in kinds
    assert ("quote", None) in kinds
    assert ("table_row", None) in kinds
    texts = [p.text for p in article.paragraphs]
    assert "New codes, new money" in texts
    assert [p.text for p in article.paragraphs if p.kind == "list_item"] == [
        "Benchmark energy use every year.",
        "Retrofit the worst performers first.",
    ]
    assert "City | Target year" in texts
    assert article.extractor == "html"
    assert [p.position for p in article.paragraphs] == list(range(len(article.paragraphs)))


def test_english_furniture_is_removed_and_audited() -> None:
    article = run("en_news.html")
    body = article.body_text
    for furniture in ("Privacy Policy", "Most read", "Share this", "Home Climate Energy", "By Jane Doe"):
        assert furniture not in body
    removed = rules_of(article)
    assert "html.nav" in removed
    assert "html.footer" in removed
    assert "html.aside" in removed
    assert any(rule.startswith("html.class:") and "Share this" in text for rule, text in removed.items())
    assert all(len(block.text) <= 300 for block in article.removed)
    assert [b.position for b in article.removed] == list(range(len(article.removed)))


def test_links_are_absolute_and_images_keep_alt_caption_and_position() -> None:
    article = run("en_news.html", url="https://example.org/climate/cities-race")
    assert [(link.href, link.text) for link in article.links] == [
        ("https://example.org/reports/codes", "a report by the institute")
    ]
    link_paragraph = article.paragraphs[article.links[0].position].text
    assert "a report by the institute" in link_paragraph
    (image,) = article.images
    assert image.src == "https://cdn.example.org/retrofit.jpg"
    assert image.alt == "A retrofit site"
    assert image.caption == "Workers install heat pumps in a retrofit project."
    assert article.paragraphs[image.position].kind == "list_item"  # the image follows the list


def test_chinese_article_body_and_line_rule_audit() -> None:
    article = run("zh_news.html", url="http://www.example.cn/news/2023/11/03/123.html")
    body = article.body_text
    assert body.startswith("11月2日，住房和城乡建设部发布")
    assert "一、主要内容" in [p.text for p in article.paragraphs if p.kind == "heading"]
    assert len([p for p in article.paragraphs if p.kind == "list_item"]) == 2
    for furniture in ("责任编辑", "ICP", "版权所有", "分享到", "相关新闻", "当前位置", "发布时间", "本报记者"):
        assert furniture not in body
    removed = rules_of(article)
    assert removed["line.credit.editor"] == "（责任编辑：李四）"
    assert "line.credit.author" in removed
    assert "line.meta.publish_line" in removed
    assert any("ICP" in text for text in removed.values())
    (image,) = article.images
    assert image.src == "http://www.example.cn/images/pic1.jpg"
    assert image.alt == "新规发布现场"


def test_paragraph_text_has_no_layout_spaces() -> None:
    html = (
        "<html><body><div class='content'><p>　　建筑节能\n      工作取得\n   积极进展，"
        "全年完成改造面积超过一千万平方米，"
        "居民满意度明显提升，各项指标全面完成。</p><p>　　下一步将继续推进既有建筑节能改造和可再生能源应用，"
        "推动城乡建设绿色低碳发展。</p></div></body></html>"
    )
    article = extract_html(html, raw_for(html), None)
    assert article.paragraphs[0].text.startswith("建筑节能工作取得积极进展，")


def test_a_404_page_served_with_200_is_not_an_article() -> None:
    with pytest.raises(ExtractionError) as caught:
        run("not_found.html")
    assert caught.value.reason == "not_article"


def test_a_list_page_is_not_an_article() -> None:
    with pytest.raises(ExtractionError) as caught:
        run("list_page.html", url="http://www.example.gov.cn/tzgg/")
    assert caught.value.reason == "not_article"


def test_a_page_without_text_is_empty() -> None:
    html = "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>"
    with pytest.raises(ExtractionError) as caught:
        extract_html(html, raw_for(html), None)
    assert caught.value.reason == "empty"


def test_too_little_body_is_not_an_article() -> None:
    html = "<html><body><p>Coming soon.</p></body></html>"
    with pytest.raises(ExtractionError) as caught:
        extract_html(html, raw_for(html), None)
    assert caught.value.reason == "not_article"


def test_site_rules_pick_content_drop_blocks_and_read_fields() -> None:
    rules = SiteRules(
        content="div.article-content",
        title="h1",
        date="div.info",
        author=None,
        drop=(".share-bar", "div.article-content img"),
    )
    article = run("zh_news.html", url="http://www.example.cn/news/2023/11/03/123.html", rules=rules)
    assert article.extractor == "html+rules"
    assert article.title == "住建部发布建筑节能新规"
    assert article.title_source == "rule"
    assert article.published_at == datetime(2023, 11, 3, 2, 30, tzinfo=UTC)
    assert article.body_text.startswith("11月2日")
    removed = rules_of(article)
    assert "rules.drop:.share-bar" in removed
    assert article.images == ()


def test_hidden_elements_and_end_of_article_sections_are_removed() -> None:
    prose = "The council approved the retrofit programme after a long debate about costs and benefits. " * 5
    html = (
        "<html><body><article>"
        f"<p>{prose}</p><p style='display:none'>Subscribe to our newsletter today.</p><p>{prose}</p>"
        "<h3>Related articles</h3><p>Another story about heat pumps, with more details inside, here.</p>"
        "</article></body></html>"
    )
    article = extract_html(html, raw_for(html), None)
    assert "Subscribe" not in article.body_text
    assert "Another story" not in article.body_text
    removed = rules_of(article)
    assert "html.hidden" in removed
    assert removed["html.end_of_article"].startswith("Another story")


def test_a_notice_s_addressee_line_opens_its_body() -> None:
    html = (
        "<html><head><meta charset='utf-8'><title>关于进一步推进绿色建筑高质量发展的实施意见</title></head><body>"
        "<div class='nav'><a href='/'>网站首页</a> | <a href='/zwgk'>政务公开</a></div>"
        "<div class='article'><h2>关于进一步推进绿色建筑高质量发展的实施意见</h2><div class='content'>"
        "<p>各市、县（市、区）住房和城乡建设局：</p>"
        "<p>为深入贯彻落实国家关于碳达峰碳中和的决策部署，推动我省绿色建筑高质量发展，现提出如下意见。</p>"
        "<p>到2025年，城镇新建民用建筑全面执行绿色建筑标准，星级绿色建筑占比达到30%以上。</p>"
        "</div></div></body></html>"
    )
    article = extract_html(html, raw_for(html), None)
    assert article.body_text.startswith("各市、县（市、区）住房和城乡建设局：\n\n为深入贯彻落实")


def test_a_data_table_s_short_rows_are_not_taken_for_menus() -> None:
    rows = "".join(
        f"<tr><td>{n}</td><td>{name}</td><td>{owner}</td><td>{stars}</td></tr>"
        for n, name, owner, stars in (
            ("1", "市民文化中心", "市城投集团", "三星级"),
            ("2", "滨江花园小区", "某某置业", "二星级"),
        )
    )
    html = (
        "<html><head><meta charset='utf-8'><title>2024年度绿色建筑标识项目公示</title></head><body>"
        "<div class='main'><h1>2024年度绿色建筑标识项目公示</h1><div class='content'>"
        "<p>根据《绿色建筑标识管理办法》，经专家评审，拟对以下项目授予绿色建筑标识，现予以公示，请社会各界监督。</p>"
        f"<table><tr><th>序号</th><th>项目名称</th><th>申报单位</th><th>星级</th></tr>{rows}</table>"
        "<p>公示期为2024年6月3日至6月9日。如有异议，请在公示期内以书面形式向我局反映，我局将依法处理。</p>"
        "</div></div></body></html>"
    )
    article = extract_html(html, raw_for(html), None)
    table = [p.text for p in article.paragraphs if p.kind == "table_row"]
    assert table == [
        "序号 | 项目名称 | 申报单位 | 星级",
        "1 | 市民文化中心 | 市城投集团 | 三星级",
        "2 | 滨江花园小区 | 某某置业 | 二星级",
    ]
