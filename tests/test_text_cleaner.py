"""The plain-text cleaning path: the five seed articles, and Chinese / English texts beyond them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from cleaning.errors import ExtractionError
from cleaning.text import extract_text
from cleaning.version import EXTRACTOR_VERSION
from schemas import Article, ExtractedArticle, RawDocument, to_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
READ_AT = datetime(2026, 11, 26, tzinfo=UTC)
CST = timezone(timedelta(hours=8))


def _raw(content: bytes, key: str = "doc.txt", **kwargs: object) -> RawDocument:
    return RawDocument(
        source_name="seeds",
        uri=f"seeds/{key}",
        key=key,
        content=content,
        media_type="text/plain",
        read_at=READ_AT,
        timezone="Asia/Shanghai",
        **kwargs,  # type: ignore[arg-type]
    )


def _seed(prefix: str) -> tuple[ExtractedArticle, RawDocument]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    raw = _raw(path.read_bytes(), key=path.name)
    return extract_text(path.read_bytes().decode("utf-8"), raw), raw


def _extract(text: str, **kwargs: object) -> ExtractedArticle:
    return extract_text(text, _raw(text.encode("utf-8"), **kwargs))


def _rules(article: ExtractedArticle) -> list[str]:
    return [block.rule for block in article.removed]


# --- the five seeds --------------------------------------------------------------------------


def test_seed_000() -> None:
    article, _ = _seed("000")
    assert article.title == "Dalian has Built 23Million Square Meters of Green Buildings"
    assert article.title_source == "first_line"
    assert article.published_at == datetime(2022, 6, 20, 13, 36, tzinfo=CST)
    assert article.published_at is not None and article.published_at.utcoffset() == timedelta(hours=8)
    assert article.date_precision == "minute"
    assert article.date_text == "2022-06-20 13:36"
    assert article.language == "en"
    assert article.paragraphs[0].text.startswith("During the National Energy Conservation Publicity Week in 2022")
    assert article.paragraphs[-1].text.endswith("which has a certain scale.")
    assert len(article.paragraphs) == 3
    assert _rules(article) == ["meta.date_line"]


def test_seed_001() -> None:
    article, _ = _seed("001")
    assert article.title == "西部地区建筑绿色低碳发展协调推进行动在成都启动"
    assert article.published_at == datetime(2023, 11, 3, tzinfo=CST)
    assert article.date_precision == "day"
    assert article.date_source == "text_line"
    assert article.language == "zh"
    assert article.section == "行业动态"
    assert article.view_count == 1908
    assert article.publisher == "重庆市绿色建筑与建筑产业化协会"
    assert [image.src for image in article.images] == ["111.jpg", "112.jpg", "113.jpg", "114.jpg", "115.jpg"]
    assert [image.position for image in article.images] == [0, 0, 1, 2, 5]
    body = article.body_text
    assert article.paragraphs[0].text.startswith(
        "为了深入贯彻落实党中央、国务院关于城乡建设绿色低碳发展决策部署,进一步推进"
    )
    assert body.endswith("一定能够取得成效,完成目标计划。")
    assert "西部地区建筑绿色低碳发展协调推进行动”的签约仪式" in body
    assert "广泛联络西部" in body and "在大会上宣布" in body and "8个地区行业协会" in body
    for junk in (
        "行业动态",
        "发布时间",
        "浏览量",
        ".jpg",
        "地址",
        "联系电话",
        "CopyRight",
        "备案号",
        "公网安备",
        "技术支持",
        "扫码",
    ):
        assert junk not in body, junk
    assert "  " not in body and "\u00a0" not in body and "\u3000" not in body
    assert all(p.text == p.text.strip() for p in article.paragraphs)
    assert _rules(article) == [
        "header.section",
        "header.section",
        "meta.publish_line",
        *["image.file"] * 5,
        "footer.contact",
        "footer.copyright",
        "footer.icp",
        "footer.qr_follow",
    ]


def test_seed_002() -> None:
    article, _ = _seed("002")
    assert article.title == "Dalian actively promotes the construction of low-carbon pilot cities"
    assert article.site_name == "China Carbon Credit Platform"
    assert article.published_at == READ_AT - relativedelta(months=3)
    assert article.date_precision == "approximate"
    assert article.date_text == "3 months ago"
    assert article.date_source == "relative"
    assert article.language == "en"
    assert "Release Time" not in article.body_text
    assert "China Carbon Credit Platform" not in article.body_text
    assert article.paragraphs[0].text.startswith("In order to respond to climate change")
    assert _rules(article) == ["header.site_name", "meta.release_time"]


def test_seed_003() -> None:
    article, _ = _seed("003")
    assert article.title_source == "derived"
    assert article.title == (
        "On the morning of November 1, the 2023 Beijing Sub-center Green Development Forum opened at the "
        "Urban Green Heart Vitality Hub"
    )
    assert article.title is not None and len(article.title) <= 150
    assert article.published_at == datetime(2023, 11, 1, tzinfo=CST)
    assert article.date_source == "inferred"
    assert article.date_precision == "day"
    assert article.date_text == "November 1"
    assert article.language == "en"
    assert article.paragraphs[0].text.startswith("On the morning of November 1")
    assert article.paragraphs[-1].text.endswith("will reach 12.8 million square meters.")
    assert article.removed == ()


def test_seed_004() -> None:
    article, _ = _seed("004")
    assert article.title == (
        "Implementing the spirit of the Third Plenary Session of the 20th CPC Central Committee, Tongzhou District "
        "promotes the construction of a national green development demonstration zone"
    )
    assert article.published_at == datetime(2024, 8, 14, tzinfo=CST)
    assert article.date_precision == "day"
    assert article.language == "en"
    assert article.section == "news"
    assert article.author == "Zhang Lu"
    assert article.editors == ("Liu Mengjie", "Fu Chunyin")
    assert article.paragraphs[0].text.startswith("The Decision of the CPC Central Committee")
    assert article.paragraphs[-1].text.endswith("tangible development results.")
    headings = [p.text for p in article.paragraphs if p.kind == "heading"]
    assert headings == [
        "Leading green construction, foundation pit air film reduces dust and noise",
        'The "Zero Carbon" Park in the Urban Green Heart was selected as a case study of energy green and low-carbon '
        "transformation",
        "Provide support for enriching the types of participants in the voluntary emission reduction trading market",
        "Cooperate with Tongzhou District to build the first city-level ESG data center in China",
        "Integrate the concept of green development into the entire process of high-quality development of the "
        "sub-center",
    ]
    body = article.body_text
    for junk in ("Русский", "Report/Feedback", "Beijing News reporter", "Edited by", "2024-08-14"):
        assert junk not in body, junk
    assert _rules(article) == [
        "header.section",
        "meta.date_line",
        "nav.language_bar",
        "credit.author",
        "credit.editor",
        "nav.report_feedback",
    ]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_is_a_valid_article(prefix: str) -> None:
    article, raw = _seed(prefix)
    assert article.extractor == "text"
    assert article.extractor_version == EXTRACTOR_VERSION
    assert [p.position for p in article.paragraphs] == list(range(len(article.paragraphs)))
    assert [r.position for r in article.removed] == list(range(len(article.removed)))
    validated = to_article(raw, article, run_id="t", now=READ_AT)
    assert isinstance(validated, Article), validated


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_through_the_pipeline(prefix: str) -> None:
    pipeline = pytest.importorskip("cleaning.pipeline")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    raw = _raw(path.read_bytes(), key=path.name)
    direct, _ = _seed(prefix)
    assert pipeline.extract(raw) == direct


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_nothing_disappears_without_a_trace(prefix: str) -> None:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    article, _ = _seed(prefix)
    kept = [p.text for p in article.paragraphs] + [b.text for b in article.removed]
    kept.append(article.title or "")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and article.title_source != "derived":
            words = line.split()
            assert any(words[0] in text or words[0].replace("\u00a0", "") in text for text in kept), line[:40]


# --- Chinese government notice (GBK bytes) ----------------------------------------------------

GOV_NOTICE = """首页 > 政策法规 > 通知公告
关于开展2024年度绿色建筑标识项目申报工作的通知
发布日期：2024-03-05 10:20    来源：重庆市住房和城乡建设委员会    浏览次数：1,356
【字体：大 中 小】【打印本页】【关闭窗口】

各区县（自治县）住房城乡建设主管部门，各有关单位：
　　为贯彻落实《重庆市绿色建筑管理办法》，进一步 推动我市绿色建筑高质量发展，现就2024年度绿色建筑标识项目申报\
工作通知如下。
一、申报范围
　　已竣工验收并投入使用的民用建筑项目，可按照有关标准申报绿色建筑标识。
图片1.jpeg
二、申报材料
　　申报单位应按要求提交申报书、技术报告及相关证明材料。
　　联系人：张三，联系电话：023-12345678。
　　重庆市住房和城乡建设委员会
　　2024年3月5日
（责任编辑：李四）
上一篇：关于公布2023年度建筑节能示范项目的通知
下一篇：关于开展建筑施工安全检查的通知
分享到：
主办单位：重庆市住房和城乡建设委员会  网站标识码：5000000036
渝ICP备05003300号  渝公网安备50010302002324号
"""


def _gov_notice() -> tuple[ExtractedArticle, RawDocument]:
    raw = _raw(GOV_NOTICE.encode("gbk"), key="notice.txt", declared_encoding="gbk")
    pipeline = pytest.importorskip("cleaning.pipeline")
    return pipeline.extract(raw), raw


def test_gov_notice_metadata() -> None:
    article, raw = _gov_notice()
    assert article.title == "关于开展2024年度绿色建筑标识项目申报工作的通知"
    assert article.published_at == datetime(2024, 3, 5, 10, 20, tzinfo=CST)
    assert article.date_precision == "minute"
    assert article.publisher == "重庆市住房和城乡建设委员会"
    assert article.view_count == 1356
    assert article.section == "通知公告"  # the last breadcrumb
    assert article.editors == ("李四",)
    assert article.language == "zh"
    assert [(image.src, image.position) for image in article.images] == [("图片1.jpeg", 3)]
    assert isinstance(to_article(raw, article, run_id="t", now=READ_AT), Article)


def test_gov_notice_body() -> None:
    article, _ = _gov_notice()
    texts = [p.text for p in article.paragraphs]
    assert texts[0] == "各区县（自治县）住房城乡建设主管部门，各有关单位："
    assert texts[1].startswith("为贯彻落实《重庆市绿色建筑管理办法》，进一步推动我市")
    assert [p.text for p in article.paragraphs if p.kind == "heading"] == ["一、申报范围", "二、申报材料"]
    # the notice's closing block (issuer and signing date) is the notice's text
    assert texts[-3:] == ["联系人：张三，联系电话：023-12345678。", "重庆市住房和城乡建设委员会", "2024年3月5日"]
    body = article.body_text
    for junk in ("首页", "打印", "上一篇", "下一篇", "分享", "ICP", "公网安备", "网站标识码", "责任编辑", "发布日期"):
        assert junk not in body, junk
    rules = _rules(article)
    for rule in ("nav.breadcrumb", "meta.publish_line", "nav.print_close", "image.file", "credit.editor"):
        assert rule in rules
    assert {"nav.prev_next", "nav.share", "footer.site_info", "footer.icp"} <= set(rules)


# --- English news text --------------------------------------------------------------------------

EN_NEWS = """Green Building News
Shanghai expands ultra-low energy building pilots
By Jane Doe
Published: March 3, 2024

SHANGHAI - The city will add 2 million square meters of ultra-low energy buildings this year,
the municipal housing commission said on Friday.

New subsidies
Developers that meet the standard will receive a subsidy of up to 300 yuan per square meter, according to the plan.
IMG_0012.png
The commission said it would publish a list of pilot projects by June.
Editor: John Roe
Share | Print | Tweet | Email this
Related articles
Beijing opens green exchange.
Copyright © 2024 Green Building News. All rights reserved.
"""


def test_english_news() -> None:
    article = _extract(EN_NEWS, key="en.txt")
    assert article.title == "Shanghai expands ultra-low energy building pilots"
    assert article.site_name == "Green Building News"
    assert article.author == "Jane Doe"
    assert article.editors == ("John Roe",)
    assert article.published_at == datetime(2024, 3, 3, tzinfo=CST)
    assert article.date_text == "March 3, 2024"
    assert article.publisher == "Green Building News"
    assert article.language == "en"
    texts = [p.text for p in article.paragraphs]
    # the hard-wrapped first paragraph is joined back
    assert texts[0] == (
        "SHANGHAI - The city will add 2 million square meters of ultra-low energy buildings this year, "
        "the municipal housing commission said on Friday."
    )
    assert article.paragraphs[1].kind == "heading" and texts[1] == "New subsidies"
    assert texts[-1] == "The commission said it would publish a list of pilot projects by June."
    assert [(i.src, i.position) for i in article.images] == [("IMG_0012.png", 2)]
    removed = dict((b.text, b.rule) for b in article.removed)
    assert removed["Beijing opens green exchange."] == "footer.tail"
    assert removed["Related articles"] == "footer.related"
    assert removed["Share | Print | Tweet | Email this"] == "nav.share"
    assert removed["By Jane Doe"] == "credit.author"


def test_chinese_credit_lines_and_relative_date() -> None:
    text = (
        "绿色建筑网\n住建部部署推进建筑节能降碳工作\n3天前\n本报记者 张三 李四\n"
        "住建部日前召开会议，部署推进建筑节能降碳工作。\n会议要求，各地要加快既有建筑节能改造。\n（责任编辑：王五）\n"
    )
    article = _extract(text)
    assert article.site_name == "绿色建筑网"
    assert article.title == "住建部部署推进建筑节能降碳工作"
    assert article.author == "张三、李四"
    assert article.editors == ("王五",)
    assert article.date_source == "relative" and article.date_text == "3天前"
    assert article.published_at == READ_AT - timedelta(days=3)
    assert len(article.paragraphs) == 2


def test_feed_hint_date_when_the_text_has_none() -> None:
    text = "Green roofs spread\n\nGreen roofs are spreading across the city, officials said."
    article = _extract(text, hint_published="Fri, 03 Nov 2023 13:36:00 +0800")
    assert article.published_at == datetime(2023, 11, 3, 13, 36, tzinfo=CST)
    assert article.date_source == "feed"


def test_language_hint_is_the_fallback() -> None:
    article = _extract("2024-01-01\n\n123 456 789 000 111 222 333 444 555 666.", language_hint="zh")
    assert article.language == "zh"


def test_long_first_sentence_gives_a_trimmed_derived_title() -> None:
    sentence = "The municipal housing commission " + "and the ecology bureau " * 10 + "met on Friday."
    article = _extract(sentence + " Then they left.")
    assert article.title_source == "derived"
    assert article.title is not None and len(article.title) <= 151 and article.title.endswith("…")


@pytest.mark.parametrize("text", ["", "   \n\u3000\n\u200b"])
def test_empty_text_is_rejected(text: str) -> None:
    with pytest.raises(ExtractionError) as info:
        _extract(text)
    assert info.value.reason == "empty"


@pytest.mark.parametrize(
    "text",
    [
        "首页 > 新闻\n上一篇：xx\n下一篇：yy\n返回顶部",
        "Home\nAbout us\nContact",
        "OK.",
    ],
)
def test_pages_without_an_article_are_rejected(text: str) -> None:
    with pytest.raises(ExtractionError) as info:
        _extract(text)
    assert info.value.reason == "not_article"


# Pages written the way this domain's sites print them: (page, expected fields, text that must not
# be in the body).
HEADER_CASES = [
    pytest.param(
        "住房和城乡建设部关于印发“十四五”建筑节能与绿色建筑发展规划的通知\n"
        "建标〔2022〕24号\n"
        "发布时间：2022-03-11 17:05 来源：标准定额司 作者：王明\n"
        "各省、自治区住房和城乡建设厅：\n"
        "　　现将《“十四五”建筑节能与绿色建筑发展规划》印发给你们，请结合本地区实际，认真贯彻执行。\n",
        {
            "title": "住房和城乡建设部关于印发“十四五”建筑节能与绿色建筑发展规划的通知",
            "author": "王明",
            "publisher": "标准定额司",
        },
        ["建标〔2022〕24号"],
        id="a notice's document number is not its title; a source line names the author",
    ),
    pytest.param(
        "中国建筑节能网\n"
        "我国超低能耗建筑面积突破5000万平方米\n"
        "2024-08-20 10:32:15 来源：中国建设报 作者：刘晓 阅读：2,418\n"
        "[图片]\n"
        "　　记者从住房和城乡建设部获悉，截至2024年6月底，全国累计建设超低能耗建筑面积已超过5000万平方米。\n"
        "　　下一步，各地将继续加大财政支持力度，推动超低能耗建筑从示范走向规模化。（完）\n"
        "免责声明：本文转载自中国建设报，仅供参考。如有侵权请联系删除。\n"
        "相关阅读：\n"
        "北京出台超低能耗建筑奖励办法\n",
        {
            "title": "我国超低能耗建筑面积突破5000万平方米",
            "date_text": "2024-08-20 10:32:15",
            "author": "刘晓",
            "publisher": "中国建设报",
            "view_count": 2418,
        },
        ["[图片]", "如有侵权", "北京出台", "来源："],
        id="a date-first meta line, a placeholder, an end mark and an infringement notice",
    ),
    pytest.param(
        "HOME\nABOUT\nNEWS & EVENTS\nPUBLICATIONS\n"
        "News & Events\n"
        "Guangzhou Promotes Prefabricated Buildings in New Public Projects\n"
        "Release Date: 2023-09-15 Source: Guangzhou Housing Bureau Views: 1,203\n"
        "Guangzhou will require all new government-funded public buildings to use prefabricated construction "
        "methods from next year, the city's housing bureau announced on September 14.\n"
        "The prefabrication rate of such projects should reach at least 50 percent, according to the notice.\n",
        {
            "title": "Guangzhou Promotes Prefabricated Buildings in New Public Projects",
            "date_text": "2023-09-15",
            "publisher": "Guangzhou Housing Bureau",
            "view_count": 1203,
            "section": "News & Events",
        },
        ["Release Date"],
        id="an English release line; the section label nearest the title",
    ),
    pytest.param(
        "Green Building News\n"
        "World Green Building Week: Chinese cities pledge net-zero new buildings by 2030\n"
        "By Sarah Lin\n"
        "September 25, 2024 | 4 min read\n"
        "Twelve Chinese cities have pledged that all new buildings will be net-zero carbon in operation by 2030, "
        "according to a joint statement released on Tuesday.\n"
        "Read more: How heat pumps are reshaping China's heating market\n"
        "The cities will tighten energy codes and expand the use of rooftop solar and heat pumps.\n",
        {
            "title": "World Green Building Week: Chinese cities pledge net-zero new buildings by 2030",
            "date_text": "September 25, 2024",
            "author": "Sarah Lin",
        },
        ["Read more", "min read"],
        id="a date with a reading time is not the title; read-more links go",
    ),
]


@pytest.mark.parametrize(("page", "fields", "not_in_body"), HEADER_CASES)
def test_header_and_boilerplate_lines(page: str, fields: dict[str, object], not_in_body: list[str]) -> None:
    article = _extract(page)
    assert {name: getattr(article, name) for name in fields} == fields
    for leftover in not_in_body:
        assert leftover not in article.body_text, leftover


def test_a_story_s_end_mark_still_closes_its_last_sentence() -> None:
    article = _extract(
        "我国超低能耗建筑面积突破5000万平方米\n"
        "　　记者从住房和城乡建设部获悉，截至2024年6月底，全国累计建设超低能耗建筑面积已超过5000万平方米。\n"
        "　　下一步，各地将继续加大财政支持力度，推动超低能耗建筑从示范走向规模化。（完）\n"
    )
    assert article.body_text.endswith("推动超低能耗建筑从示范走向规模化。（完）")


def test_a_credit_line_names_the_author_before_a_date_line_does() -> None:
    article = _extract(
        "绿色建筑发展论坛在杭州召开\n"
        "发布时间：2024-05-12 来源：新华社 作者：李华\n"
        "记者：张三\n"
        "　　5月10日，2024绿色建筑发展论坛在杭州召开，来自全省的200余名代表参加了会议。\n"
    )
    assert article.author == "张三"
