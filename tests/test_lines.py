"""The boilerplate line-rule engine and its table (Chinese and English lines beyond the seeds)."""

from __future__ import annotations

import re

import pytest

from cleaning import line_rules
from cleaning.lines import LINE_KINDS, LineMatch, classify_line, parse_credits
from cleaning.lines import line_rules as compiled_rules


def _classify(line: str) -> LineMatch:
    match = classify_line(line)
    assert match is not None, f"no rule matched {line!r}"
    return match


@pytest.mark.parametrize(
    ("line", "rule", "captures"),
    [
        # metadata lines
        (
            "发布时间:2023-11-03\u00a0\u00a0\u00a0 浏览量:1908",
            "meta.publish_line",
            {"date": "2023-11-03", "views": "1908"},
        ),
        ("发布日期：2024年3月5日  阅读次数：87", "meta.publish_line", {"date": "2024年3月5日", "views": "87"}),
        ("时间：2024-03-05 10:20 来源：新华社", "meta.publish_line", {"date": "2024-03-05 10:20", "source": "新华社"}),
        ("【日期】2024-03-05 【字号：大 中 小】", "meta.publish_line", {"date": "2024-03-05"}),
        ("来源：重庆市住房和城乡建设委员会", "meta.source_line", {"source": "重庆市住房和城乡建设委员会"}),
        ("信息来源：住建部 发布日期：2024-03-05", "meta.source_line", {"source": "住建部", "date": "2024-03-05"}),
        ("Source: Xinhua", "meta.source_line", {"source": "Xinhua"}),
        (
            "来源：浙江省建筑节能协会    作者：王明    发布日期：2024年5月12日    点击数：356",
            "meta.source_line",
            {"source": "浙江省建筑节能协会", "author": "王明", "date": "2024年5月12日", "views": "356"},
        ),
        (
            "发布时间：2024-05-12 作者：李华 来源：新华社",
            "meta.publish_line",
            {"date": "2024-05-12", "author": "李华", "source": "新华社"},
        ),
        ("Source: Xinhua | Author: John Smith", "meta.source_line", {"source": "Xinhua", "author": "John Smith"}),
        ("时间：2024-05-12 作者：王明发布", "meta.publish_line", {"date": "2024-05-12"}),  # no name boundary: no author
        (
            "2024-08-20 10:32:15 来源：中国建设报 作者：刘晓 阅读：2,418",
            "meta.date_lead_line",
            {"date": "2024-08-20 10:32:15", "source": "中国建设报", "author": "刘晓", "views": "2,418"},
        ),
        ("2019-08-13 14:07来源：澎湃新闻", "meta.date_lead_line", {"date": "2019-08-13 14:07", "source": "澎湃新闻"}),
        ("[图片]", "image.placeholder", {}),
        ("Advertisement", "nav.advertisement", {}),
        ("广告", "nav.advertisement", {}),
        ("By Chen Wei · March 4, 2024", "credit.author", {"author": "Chen Wei"}),
        (
            "作者：李明　来源：市建设局　发布时间：2023年12月5日　点击数：518",
            "meta.author_lead_line",
            {"author": "李明", "source": "市建设局", "date": "2023年12月5日", "views": "518"},
        ),
        ("September 25, 2024 | 4 min read", "meta.date_line", {"date": "September 25, 2024"}),
        ("2024-08-14 · 阅读约5分钟", "meta.date_line", {"date": "2024-08-14"}),
        ("Read more: How heat pumps are reshaping China's heating market", "nav.read_more", {}),
        ("延伸阅读：北京出台超低能耗建筑奖励办法", "nav.read_more", {}),
        ("图片来源：网络", "image.credit", {}),
        ("（图源：新华社）", "image.credit", {}),
        ("Photo credit: Xinhua", "image.credit", {}),
        ("【视频】", "image.placeholder", {}),
        ("（本文来源于网络，如有侵权请联系删除）", "footer.infringement_notice", {}),
        ("建标〔2022〕24号", "meta.document_number", {"document_number": "建标〔2022〕24号"}),
        ("发文字号：国办发〔2021〕1号", "meta.document_number", {"document_number": "国办发〔2021〕1号"}),
        ("京政办发[2022]3号", "meta.document_number", {"document_number": "京政办发[2022]3号"}),
        ("Release Time3 months ago", "meta.release_time", {"date": "3 months ago"}),
        ("Published: March 3, 2024", "meta.release_time", {"date": "March 3, 2024"}),
        ("Posted on 2024-03-03 | 5 min read", "meta.release_time", {"date": "2024-03-03"}),
        (
            "Release Date: 2023-09-15 Source: Guangzhou Housing Bureau Views: 1,203",
            "meta.release_time",
            {"date": "2023-09-15", "source": "Guangzhou Housing Bureau", "views": "1,203"},
        ),
        (
            "Published: 2024-03-13 09:15 | Source: Xinhua | Author: Li Wei",
            "meta.release_time",
            {"date": "2024-03-13 09:15", "source": "Xinhua", "author": "Li Wei"},
        ),
        ("Updated: 2 hours ago", "meta.release_time", {"date": "2 hours ago"}),
        ("浏览量：1,908", "meta.views", {"views": "1,908"}),
        ("Views: 87", "meta.views", {"views": "87"}),
        ("2022-06-20 13:36", "meta.date_line", {"date": "2022-06-20 13:36"}),
        ("2024年8月14日", "meta.date_line", {"date": "2024年8月14日"}),
        ("March 3, 2024", "meta.date_line", {"date": "March 3, 2024"}),
        ("二〇二四年八月十四日", "meta.date_line", {"date": "二〇二四年八月十四日"}),
        # credits
        ("责任编辑：李四", "credit.editor", {}),
        ("（责任编辑：王五）", "credit.editor", {}),
        ("编辑：王五 审核：赵六 校对：钱七", "credit.editor", {}),
        ("Edited by Liu Mengjie and edited by Fu Chunyin", "credit.editor", {}),
        ("Editor: Jane Roe", "credit.editor", {}),
        ("本报记者 张三 李四", "credit.author", {"author": "张三 李四"}),
        ("记者：张三", "credit.author", {"author": "张三"}),
        ("作者：欧阳明月", "credit.author", {"author": "欧阳明月"}),
        ("文/张三", "credit.author", {"author": "张三"}),
        ("文 | 张三", "credit.author", {"author": "张三"}),
        ("By Jane Doe", "credit.author", {"author": "Jane Doe"}),
        ("By Jane Doe | Reuters", "credit.author", {"author": "Jane Doe"}),
        ("Beijing News reporter Zhang Lu", "credit.author", {"author": "Zhang Lu"}),
        ("China Daily correspondent Li Wei", "credit.author", {"author": "Li Wei"}),
        # images
        ("111.jpg", "image.file", {"src": "111.jpg"}),
        ("IMG_0012.PNG", "image.file", {"src": "IMG_0012.PNG"}),
        ("图片1.jpeg", "image.file", {"src": "图片1.jpeg"}),
        ("[photo-2.webp]", "image.file", {"src": "photo-2.webp"}),
        # navigation and widgets
        ("【打印本页】【关闭窗口】", "nav.print_close", {}),
        ("【字体：大 中 小】【打印】【关闭】", "nav.print_close", {}),
        ("[打印本页] [关闭窗口]", "nav.print_close", {}),
        ("字号：大 中 小", "nav.print_close", {}),
        ("上一篇：关于开展2024年绿色建筑评价的通知", "nav.prev_next", {}),
        ("下一篇", "nav.prev_next", {}),
        ("Previous: Dalian builds green campus", "nav.prev_next", {}),
        ("分享到：", "nav.share", {}),
        ("扫一扫在手机打开当前页", "nav.share", {}),
        ("微信公众号", "nav.share", {}),
        ("Share | Print | Tweet | Email this", "nav.share", {}),
        ("Share this article", "nav.share", {}),
        ("返回顶部", "nav.back_to_top", {}),
        ("Back to top", "nav.back_to_top", {}),
        ("首页 > 新闻 > 行业动态", "nav.breadcrumb", {"trail": "新闻 > 行业动态"}),
        ("当前位置：首页 » 通知公告", "nav.breadcrumb", {"trail": "通知公告"}),
        ("Home > News > Policy", "nav.breadcrumb", {"trail": "News > Policy"}),
        ("首页 | 关于我们 | 新闻中心 | 联系我们", "nav.menu", {}),
        (
            "한어Русский языкEnglishFrançaisIndonesianSanskrit日本語"
            "DeutschPortuguêsΕλληνικάespañolItalianoSuomalainenLatina",
            "nav.language_bar",
            {},
        ),
        ("中文 | English | Français", "nav.language_bar", {}),
        ("简体中文 繁體中文 English 日本語", "nav.language_bar", {}),
        ("Report/Feedback", "nav.report_feedback", {}),
        ("我要纠错", "nav.report_feedback", {}),
        # footers
        ("相关阅读", "footer.related", {}),
        ("【相关新闻】", "footer.related", {}),
        ("Related articles", "footer.related", {}),
        (
            "CopyRight © 2024 重庆市绿色建筑与建筑产业化协会 版权所有",
            "footer.copyright",
            {"holder": "重庆市绿色建筑与建筑产业化协会"},
        ),
        ("Copyright © 2024 Xinhua. All rights reserved.", "footer.copyright", {"holder": "Xinhua"}),
        ("© 2010-2024 China Daily", "footer.copyright", {"holder": "China Daily"}),
        ("版权所有：中国建筑节能协会", "footer.copyright", {"holder": "中国建筑节能协会"}),
        ("中国建筑节能协会 版权所有", "footer.copyright", {"holder": "中国建筑节能协会"}),
        ("未经授权禁止转载", "footer.copyright", {}),
        ("备案号:渝ICP备14007730号-1 渝公网安备50011202500489号 技术支持:维尔斯科技", "footer.icp", {}),
        ("京ICP证030173号", "footer.icp", {}),
        ("京公网安备11010502030143号", "footer.icp", {}),
        ("技术支持：维尔斯科技", "footer.site_info", {}),
        ("主办单位：重庆市住房和城乡建设委员会", "footer.site_info", {}),
        ("承办：重庆市建设技术发展中心", "footer.site_info", {}),
        ("网站标识码：5000000036", "footer.site_info", {}),
        ("Powered by WordPress", "footer.site_info", {}),
        ("地址:重庆市渝北区龙溪街道华怡路23号 联系电话:023-67614487", "footer.contact", {}),
        ("电话：010-12345678 传真：010-87654321", "footer.contact", {}),
        ("邮编：400000", "footer.contact", {}),
        ("Email: info@example.org", "footer.contact", {}),
        ("Tel: +86 10 1234 5678", "footer.contact", {}),
        ("扫码关注公众号", "footer.qr_follow", {}),
        ("关注官方微信", "footer.qr_follow", {}),
        ("Follow us on WeChat", "footer.qr_follow", {}),
    ],
)
def test_classify_line(line: str, rule: str, captures: dict[str, str]) -> None:
    match = _classify(line)
    assert match.rule.name == rule
    for key, value in captures.items():
        assert match.captures.get(key) == value


@pytest.mark.parametrize(
    "line",
    [
        "中国建筑节能协会会长武涌出席本次会议并致辞。",
        "地址是重庆市渝北区的一座绿色建筑。",
        "记者从市住建委获悉，今年全市新建绿色建筑面积超过一千万平方米，同比增长百分之十二。",
        "技术支持方面，协会将与高校合作。",
        "Published reports show that the city has built 23 million square meters of green buildings.",
        "By 2025, we will strive to promote the basic completion of new energy in urban service vehicles.",
        "The report was shared with the provincial government in March.",
        "Leading green construction, foundation pit air film reduces dust and noise",
        "Dalian has Built 23Million Square Meters of Green Buildings",
        "English teachers from Dalian visited the site.",
        "The photo 111.jpg shows the site.",
        "Next, the bureau will publish a plan.",
        "news",
        "行业动态",
        "",
    ],
)
def test_ordinary_text_is_not_boilerplate(line: str) -> None:
    assert classify_line(line) is None


def test_long_lines_are_never_boilerplate() -> None:
    long_line = "备案号" + "，绿色建筑发展迅速" * 60
    assert classify_line(long_line) is None


def test_language_parameter_is_accepted() -> None:
    match = classify_line("责任编辑：李四", language="en")
    assert match is not None and match.rule.kind == "credit"


@pytest.mark.parametrize(
    ("line", "author", "editors"),
    [
        ("Beijing News reporter Zhang Lu", "Zhang Lu", ()),
        ("Edited by Liu Mengjie and edited by Fu Chunyin", None, ("Liu Mengjie", "Fu Chunyin")),
        ("记者 张三", "张三", ()),
        ("作者：张三", "张三", ()),
        ("文/张三", "张三", ()),
        ("文 | 张三", "张三", ()),
        ("本报记者 张三 李四", "张三、李四", ()),
        ("记者 张三 通讯员 李四", "张三、李四", ()),
        ("By Jane Doe", "Jane Doe", ()),
        ("By Jane Doe and John Roe", "Jane Doe, John Roe", ()),
        ("Written by Jane Doe; edited by John Roe", "Jane Doe", ("John Roe",)),
        ("责任编辑：李四", None, ("李四",)),
        ("编辑：王五", None, ("王五",)),
        ("(责任编辑：XXX)", None, ("XXX",)),
        ("（责任编辑：赵六）", None, ("赵六",)),
        ("编辑：王五 审核：赵六 校对：钱七", None, ("王五", "赵六", "钱七")),
        ("记者 张三 摄影 李四 编辑 王五", "张三", ("王五",)),
        ("Photo by Li Wei", None, ()),
        ("绿色建筑发展迅速", None, ()),
    ],
)
def test_parse_credits(line: str, author: str | None, editors: tuple[str, ...]) -> None:
    assert parse_credits(line) == (author, editors)


def test_rule_table_is_well_formed() -> None:
    names = [row[0] for row in line_rules.LINE_RULES]
    assert len(names) == len(set(names))
    for name, _pattern, kind, max_chars in line_rules.LINE_RULES:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", name), name
        assert kind in LINE_KINDS
        assert 0 < max_chars <= line_rules.MAX_RULE_LINE_CHARS
    assert len(compiled_rules()) == len(line_rules.LINE_RULES)
