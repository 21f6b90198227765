"""Chinese commercial and industry media pages (澎湃号, 界面, 第一财经, 经济观察网, 36氪/虎嗅 reposts, 北极星,
中国建筑新闻网): their rights notices, repost-origin notes, bylines, metadata lines and title-tag taglines
are read or removed the way an editor would."""

from __future__ import annotations

from datetime import UTC, datetime

from builders import html_raw, text_raw

from cleaning.pipeline import extract
from schemas import ExtractedArticle

READ_AT = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
PARAGRAPHS = (
    "截至2023年底，北京累计建设超低能耗建筑超过200万平方米，超低能耗建筑已从示范阶段迈入规模化推广阶段。",
    "根据规划，“十四五”期间北京将新建超低能耗建筑500万平方米以上，重点在保障性住房、学校、医院等项目中推广。",
    "与现行节能标准建筑相比，超低能耗建筑的供暖能耗可降低50%以上，室内舒适度也明显提高，居民普遍反映良好。",
    "业内专家表示，下一步还需要加快完善施工质量管控和运行效果后评估，推动产业链降低增量成本，扩大推广范围。",
)
HEADLINE = "超低能耗建筑进入规模化阶段"


def _page(*, header: str = "", before: str = "", after: str = "", title_tag: str = HEADLINE, tail: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><meta charset='utf-8'><title>{title_tag}</title></head><body>"
        f"<h1>{HEADLINE}</h1>{header}<div class='article-content'>{before}{body}{after}</div>{tail}</body></html>"
    )


def _extract(html: str, url: str = "https://news.example.cn/a/20240305/1.html") -> ExtractedArticle:
    return extract(html_raw(html, url, read_at=READ_AT))  # type: ignore[return-value]


def _body(article: ExtractedArticle) -> str:
    return "\n".join(p.text for p in article.paragraphs)


def test_a_rights_notice_that_forbids_reposts_with_yanjin_is_not_body() -> None:
    notice = "版权声明：以上内容为《经济观察报》社原创作品，版权归《经济观察报》社所有。未经《经济观察报》社授权，严禁转载或镜像，违者必究。"
    article = _extract(_page(after=f"<p>{notice}</p>"))
    assert "严禁转载" not in _body(article)
    assert PARAGRAPHS[-1] in _body(article)


def test_a_copyright_belongs_to_notice_without_a_label_is_not_body() -> None:
    notice = (
        "此内容为第一财经原创，著作权归第一财经所有。未经第一财经书面授权，不得以任何方式加以使用，"
        "包括转载、摘编、复制或建立镜像。第一财经保留追究侵权者法律责任的权利。"
    )
    article = _extract(_page(after=f"<p>{notice}</p>"))
    assert "著作权归第一财经所有" not in _body(article)
    assert PARAGRAPHS[-1] in _body(article)


def test_a_repost_origin_note_names_the_author_and_leaves_the_body() -> None:
    note = "本文来自微信公众号“能源新观察”（ID：nengyuan_xgc），作者：王琪，36氪经授权发布。"
    article = _extract(_page(before=f"<p>{note}</p>"))
    assert "36氪经授权发布" not in _body(article)
    assert article.author == "王琪"
    assert _body(article).startswith(PARAGRAPHS[0])


def test_a_repost_origin_note_with_a_picture_credit_after_the_author() -> None:
    note = "本文来自微信公众号：星海情报局 （ID：junwu233），作者：星海老局，题图来自：视觉中国"
    article = _extract(_page(before=f"<p>{note}</p>"))
    assert "题图来自" not in _body(article)
    assert article.author == "星海老局"


def test_a_sentence_opening_with_benwen_laizi_stays_in_the_body() -> None:
    sentence = "本文来自课题组对北方五省二百个超低能耗建筑项目的实地调研，数据截至2023年底，覆盖居住和公共建筑两类。"
    article = _extract(_page(before=f"<p>{sentence}</p>"))
    assert sentence in _body(article)


def test_role_words_in_an_author_field_are_not_names() -> None:
    info = (
        "<div class='art_info'><span>来源：中国建筑新闻网</span>&nbsp;&nbsp;<span>作者：记者 刘洋 实习生 陈佳怡</span>"
        "&nbsp;&nbsp;<span>时间：2024年03月05日 10:21</span></div>"
    )
    article = _extract(_page(header=info))
    assert article.author == "刘洋、陈佳怡"


def test_space_separated_authors_before_a_keywords_label_are_all_kept() -> None:
    info = (
        "<div class='list_copy'><b>2024-03-05 10:21</b><b>来源：</b><b>中国建筑节能协会</b><b>作者：</b>"
        "<b>张时聪 杨芯岩</b><b>关键词：</b><a>建筑碳达峰</a><a>建筑节能</a></div>"
    )
    article = _extract(_page(header=info))
    assert article.author == "张时聪、杨芯岩"
    assert article.publisher == "中国建筑节能协会"


def test_a_reading_label_after_the_time_is_not_the_publisher() -> None:
    info = "<div class='article-info'><span class='date'>2024/03/05 10:21</span> <span>阅读</span></div>"
    article = _extract(_page(header=info), url="https://www.jiemian.com/article/10895123.html")
    assert article.publisher != "阅读"
    assert article.published_at is not None and article.published_at.date().isoformat() == "2024-03-05"


def test_an_outlet_prefixed_reporter_byline_with_the_date_names_the_author() -> None:
    info = "<div class='newsdate'>经济观察网 记者 李紫宸 2024-03-05 10:21</div>"
    article = _extract(_page(header=info))
    assert article.author == "李紫宸"
    assert "经济观察网 记者" not in _body(article)


def test_a_tagline_after_the_site_name_in_the_title_tag_is_not_the_site() -> None:
    article = _extract(_page(title_tag=f"{HEADLINE} - 经济观察网 - 专业财经新闻网站"))
    assert article.site_name == "经济观察网"


def test_a_self_media_channel_after_the_source_is_not_part_of_the_publisher() -> None:
    info = "<div class='headerContent'><span>2024-03-05 10:21</span> <span>来源：澎湃新闻·澎湃号·政务</span></div>"
    article = _extract(_page(header=info), url="https://www.thepaper.cn/newsDetail_forward_26577231")
    assert article.publisher == "澎湃新闻"


def test_a_mediaid_meta_names_the_account_before_the_footer_copyright_holder() -> None:
    html = _page(
        title_tag=f"{HEADLINE}_保温_能耗_外窗",
        tail="<div class='footer'><p>Copyright © 2024 Sohu.com Inc. All Rights Reserved. 搜狐公司 版权所有</p></div>",
    ).replace("<title>", "<meta name='mediaid' content='建筑节能观察'><title>")
    article = _extract(html, url="https://www.sohu.com/a/762513298_121123917")
    assert article.publisher == "建筑节能观察"


def test_a_numeric_mediaid_is_not_a_publisher() -> None:
    html = _page(title_tag=f"{HEADLINE}_绿色建筑网").replace(
        "<title>", "<meta name='mediaid' content='121123917'><title>"
    )
    article = _extract(html)
    assert article.publisher == "绿色建筑网"


def test_a_credit_line_with_an_editor_after_the_author_names_the_author() -> None:
    article = _extract(_page(after="<p>作者：马晓华 责编：郑鸿杰</p>"))
    assert article.author == "马晓华"
    assert "责编" not in _body(article)


def test_a_reporter_credit_followed_by_editor_and_reviewer_names_the_reporter() -> None:
    article = _extract(_page(after="<p>记者：王琳 编辑：李华 审核：张强</p>"))
    assert article.author == "王琳"


def test_a_bulleted_staff_reporter_credit_names_the_author() -> None:
    article = _extract(_page(before="<p>□ 本报记者 王拓</p>"))
    assert article.author == "王拓"


def test_a_wen_slash_outlet_reporter_credit_names_the_people_not_the_outlet() -> None:
    article = _extract(_page(before="<p>文/南方日报记者 黄叙浩 通讯员 粤建宣</p>"))
    assert article.author == "黄叙浩、粤建宣"
    assert "南方日报记者" not in _body(article)


def test_a_source_line_in_brackets_gives_the_publisher_without_the_closing_bracket() -> None:
    article = _extract(_page(after="<p>（来源：人民日报）</p>"))
    assert article.publisher == "人民日报"


def test_a_bracketed_source_keeps_a_bracket_pair_of_its_own() -> None:
    article = _extract(_page(after="<p>来源：中国建设报（北京）</p>"))
    assert article.publisher == "中国建设报（北京）"


def test_a_source_that_is_a_url_is_not_a_publisher() -> None:
    article = _extract(_page(header="<div class='info'>2024-03-05 来源：http://www.mohurd.gov.cn</div>"))
    assert article.publisher != "http://www.mohurd.gov.cn"


def test_an_outlet_app_promotion_in_brackets_is_not_body() -> None:
    article = _extract(_page(after="<p>（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）</p>"))
    assert "APP" not in _body(article)
    assert PARAGRAPHS[-1] in _body(article)


def test_a_sentence_about_downloading_an_app_stays_in_the_body() -> None:
    sentence = "市民可通过下载“绿色出行”APP领取碳积分。"
    article = _extract(_page(before=f"<p>{sentence}</p>"))
    assert sentence in _body(article)


def test_a_bracketed_copyright_label_with_a_repost_request_is_not_body() -> None:
    article = _extract(_page(after="<p>【版权声明】本文为北极星电力网原创，转载请注明出处。</p>"))
    assert "版权声明" not in _body(article)


def test_a_copied_text_with_a_bracketed_source_gives_the_publisher_without_the_bracket() -> None:
    text = "\n".join([HEADLINE, *PARAGRAPHS, "（来源：人民日报）"])
    article = extract(text_raw(text, read_at=READ_AT))
    assert article.publisher == "人民日报"


def test_a_copied_text_whose_source_is_a_url_names_no_publisher() -> None:
    text = "\n".join([HEADLINE, *PARAGRAPHS, "来源：http://www.mohurd.gov.cn"])
    article = extract(text_raw(text, read_at=READ_AT))
    assert article.publisher is None
