"""Plain-text copy-pastes of web pages: the page furniture a select-all copy brings along (portal
datelines, 原标题 lines, WeChat header and repost cards, disclaimers, search boxes, wire credits) is
read or removed, and the title, date and publisher come out right."""

from __future__ import annotations

from datetime import UTC, date, datetime

from builders import text_raw

from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
ZH_PARAGRAPHS = (
    "住房城乡建设部日前召开新闻发布会，介绍推动建筑领域节能降碳有关情况，到2025年城镇新建建筑将全面执行绿色建筑标准。",
    "截至2023年底，全国城镇累计建成绿色建筑面积超过118亿平方米，超低能耗建筑累计建设面积超过4000万平方米。",
    "业内专家指出，随着绿色建筑标准全面执行，绿色建材、节能门窗、光伏建筑一体化等产业将迎来新的发展空间。",
)
EN_PARAGRAPHS = (
    "Chinese cement producers are stepping up investment in alternative fuels and waste-heat recovery as the "
    "country prepares to bring the sector into its national emissions trading scheme, analysts said.",
    "Cement accounts for about 13% of China's carbon dioxide emissions, according to the China Building Materials "
    "Federation, making it the country's second-largest industrial emitter after steel.",
    "China's cement output fell 10% in the first seven months of 2024 to 1.03 billion metric tons, official data "
    "showed.",
)


def _extract(*lines: str) -> ExtractedArticle:
    return extract(text_raw("\n".join(lines), read_at=READ_AT))  # type: ignore[return-value]


def _body(article: ExtractedArticle) -> str:
    return "\n".join(p.text for p in article.paragraphs)


def test_a_portal_dateline_of_date_time_and_outlet_gives_the_date_and_publisher() -> None:
    article = _extract(
        "新浪财经 > 滚动新闻 > 正文",
        "住建部：到2025年城镇新建建筑全面执行绿色建筑标准",
        "2024年03月12日 08:31 经济参考报",
        "新浪财经APP 缩小字体 放大字体 收藏 微博 微信 分享",
        *ZH_PARAGRAPHS,
        "Copyright © 1996-2024 SINA Corporation, All Rights Reserved",
    )
    assert article.title == "住建部：到2025年城镇新建建筑全面执行绿色建筑标准"
    assert article.published_at is not None and article.published_at.date() == date(2024, 3, 12)
    assert article.publisher == "经济参考报"


def test_a_dateline_of_outlet_then_date_time_gives_the_date_and_publisher() -> None:
    article = _extract("中国将推进建筑领域节能降碳", "中国日报网 2024-03-15 10:32", "分享到", *ZH_PARAGRAPHS)
    assert article.title == "中国将推进建筑领域节能降碳"
    assert article.published_at is not None and article.published_at.date() == date(2024, 3, 15)
    assert article.publisher == "中国日报网"


def test_an_original_title_line_is_not_taken_for_the_title() -> None:
    article = _extract(
        "住建部：到2025年城镇新建建筑全面执行绿色建筑标准",
        "原标题：住建部：城镇新建建筑全面执行绿色建筑标准 推动建筑领域节能降碳",
        *ZH_PARAGRAPHS,
    )
    assert article.title == "住建部：到2025年城镇新建建筑全面执行绿色建筑标准"


def test_a_wechat_header_line_with_the_published_from_region_is_read() -> None:
    article = _extract(
        "住建部发布《城乡建设领域碳达峰实施方案》解读",
        "原创 王琳 绿色建筑在线 2024-01-09 18:05 发表于北京",
        *ZH_PARAGRAPHS,
    )
    assert article.title == "住建部发布《城乡建设领域碳达峰实施方案》解读"
    assert article.published_at is not None and article.published_at.date() == date(2024, 1, 9)
    assert article.publisher == "绿色建筑在线"
    assert article.author == "王琳"


def test_a_wechat_repost_card_names_the_source_and_author_and_is_not_body() -> None:
    article = _extract(
        "重磅 | 住建部发布《城乡建设领域碳达峰实施方案》解读",
        "绿色建筑在线 绿色建筑在线 2024-01-09 18:05 发表于北京",
        "以下文章来源于中国建设报 ，作者王琳",
        "中国建设报.",
        "住房和城乡建设部主管，中国建设报社主办。",
        *ZH_PARAGRAPHS,
    )
    assert article.title == "重磅 | 住建部发布《城乡建设领域碳达峰实施方案》解读"
    assert article.author == "王琳"
    assert article.publisher == "中国建设报"
    body = _body(article)
    assert "以下文章来源于" not in body and "中国建设报社主办" not in body
    assert body.startswith(ZH_PARAGRAPHS[0])


def test_a_source_line_with_a_bar_names_the_publisher() -> None:
    article = _extract("绿色建筑标准全面执行", *ZH_PARAGRAPHS, "来源 | 中国建设报", "编辑 | 刘畅")
    assert article.publisher == "中国建设报"
    assert "来源" not in _body(article)


def test_a_bare_picture_placeholder_line_is_not_body() -> None:
    article = _extract("绿色建筑标准全面执行", ZH_PARAGRAPHS[0], "图片", ZH_PARAGRAPHS[1], ZH_PARAGRAPHS[2])
    assert [p.text for p in article.paragraphs] == list(ZH_PARAGRAPHS)


def test_an_opinion_disclaimer_after_the_article_is_not_body() -> None:
    article = _extract(
        "绿色建筑标准全面执行",
        *ZH_PARAGRAPHS,
        "（本文内容仅代表作者观点，与中国建材网无关。如涉及作品内容、版权和其它问题，请在30日内与本网联系。）",
        "网友评论",
    )
    assert [p.text for p in article.paragraphs] == list(ZH_PARAGRAPHS)


def test_a_source_naming_the_site_itself_defers_to_the_copyright_holder() -> None:
    article = _extract(
        "关于举办超低能耗建筑技术培训班的通知",
        "作者：秘书处   来源：本站   发布时间：2024-04-08   阅读：1036次",
        *ZH_PARAGRAPHS,
        "版权所有：山东省绿色建筑协会 地址：济南市历下区经十路12345号",
    )
    assert article.publisher == "山东省绿色建筑协会"


def test_a_search_box_line_does_not_start_the_body() -> None:
    article = _extract(
        "Home",
        "About Us",
        "Contact",
        "Search...",
        "Home > News > Association News",
        "Shenzhen Issues China's First Local Standard for Net Zero Energy Buildings",
        "Time: 2024-05-27  Source: SZGBA  Views: 412",
        *EN_PARAGRAPHS,
    )
    assert article.title == "Shenzhen Issues China's First Local Standard for Net Zero Energy Buildings"
    assert _body(article).startswith(EN_PARAGRAPHS[0])


def test_a_copyright_line_with_a_full_stop_after_the_years_names_no_holder() -> None:
    article = _extract(
        "Green buildings",
        *EN_PARAGRAPHS,
        "Copyright 1995 - 2024. All rights reserved. The content (including but not limited to text, photo, "
        "multimedia information, etc) published in this site belongs to China Daily Information Co (CDIC).",
    )
    assert article.publisher is None or not article.publisher.startswith((".", "All rights"))


def test_a_wire_dateline_with_time_zone_and_update_note_gives_the_date() -> None:
    article = _extract(
        "Sustainability",
        "China's cement makers race to cut emissions as carbon market expansion looms",
        "By Colleen Howe and David Stanway",
        "September 10, 2024 6:12 AM GMT+8Updated 2 months ago",
        *EN_PARAGRAPHS,
    )
    assert article.title == "China's cement makers race to cut emissions as carbon market expansion looms"
    assert article.published_at is not None
    assert article.published_at.date() in (date(2024, 9, 10), date(2024, 9, 9))


def test_reuters_credit_and_trailing_furniture_end_the_article() -> None:
    article = _extract(
        "China's cement makers race to cut emissions",
        "Item 1 of 2 A worker walks past a cement plant in Hangzhou, Zhejiang province, China, June 4, 2024. "
        "REUTERS/Tingshu Wang/File Photo",
        "[1/2]A worker walks past a cement plant in Hangzhou, June 4, 2024. REUTERS/Tingshu Wang/File Photo "
        "Purchase Licensing Rights, opens new tab",
        *EN_PARAGRAPHS,
        "Reporting by Colleen Howe and David Stanway; Editing by Tom Hogue",
        "Our Standards: The Thomson Reuters Trust Principles., opens new tab",
        "Suggested Topics:",
        "Colleen Howe reports on China's energy and commodities markets from Beijing.",
        "Read Next",
        "All quotes delayed a minimum of 15 minutes. See here for a complete list of exchanges and delays.",
        "© 2024 Reuters. All rights reserved",
    )
    assert [p.text for p in article.paragraphs] == list(EN_PARAGRAPHS)


def test_a_title_keeps_the_space_between_its_two_clauses() -> None:
    article = _extract(
        "水泥行业超低排放改造进入攻坚期 企业加快低碳技术布局",
        "作者：陈思远　　来源：中国建材报　　发布时间：2024年10月15日 10:08:32",
        *ZH_PARAGRAPHS,
    )
    assert article.title == "水泥行业超低排放改造进入攻坚期 企业加快低碳技术布局"


def test_a_site_rights_statement_after_the_article_is_not_body() -> None:
    article = _extract(
        "绿色建筑标准全面执行",
        "中国日报网 2024-03-15 10:32",
        *ZH_PARAGRAPHS,
        "中国日报网英语点津版权说明：凡注明来源为“中国日报网英语点津：XXX（署名）”的原创作品，除与中国日报网签署英语点津"
        "内容授权协议的网站外，其他任何网站或单位未经允许不得非法盗链、转载和使用，违者必究。",
        "凡本网注明“来源：中国建筑节能网”的所有作品，版权均属于本网，未经本网授权不得转载、摘编或利用其它方式使用上述作品。",
    )
    assert [p.text for p in article.paragraphs] == list(ZH_PARAGRAPHS)


def test_a_bilingual_page_credits_its_translator_as_editor_and_names_its_english_source() -> None:
    article = _extract(
        "中国将推进建筑领域节能降碳 China to promote energy conservation in buildings",
        *EN_PARAGRAPHS,
        *ZH_PARAGRAPHS,
        "英文来源：新华社",
        "翻译&编辑：丁一",
        "审校：齐磊、董静",
    )
    assert [p.text for p in article.paragraphs] == [*EN_PARAGRAPHS, *ZH_PARAGRAPHS]
    assert article.publisher == "新华社"
    assert "丁一" in article.editors and article.author is None


def test_a_schedule_line_of_date_time_and_event_stays_article_text() -> None:
    article = _extract(
        "关于举办超低能耗建筑技术培训班的通知",
        "发布时间：2024-04-08",
        ZH_PARAGRAPHS[0],
        "2024年4月25日 09:00 报到",
        ZH_PARAGRAPHS[1],
        ZH_PARAGRAPHS[2],
    )
    assert "2024年4月25日 09:00 报到" in _body(article)
    assert article.published_at is not None and article.published_at.date() == date(2024, 4, 8)
